import {t} from '../../i18n/i18n.js';
import {type Key, pasteKey, textRun} from '../keys/key-parser.js';
import {bindingFor, type CommandId, commandFor} from '../keys/keymap.js';
import {frameLayout} from '../layout/frame-layout.js';
import {graphemesOf} from '../layout/graphemes.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState} from './app-types.js';
import {importWaiting} from './import-wizard.js';
import {runBinding} from './key-dispatch.js';
import {permits, refusalOf} from './selection.js';
import {refuseText, textTarget, typeInto} from './text-entry.js';
import {stackOf, topLayer} from './top-layer.js';

/** The state as the keymap sees it: what is open, and the screen. */
const viewOf = (state: AppState) => ({...stackOf(state), screen: state.screen});

/** Capital letters name a list's columns: they sort it where the list is on top, and pick the column a frequency view counts. */
const sortLetters = (state: AppState): string =>
	topLayer(state) === 'list' || topLayer(state) === 'frequency'
		? screenFor(state.screen)
				.columns.map((column) => column.letter)
				.join('')
		: '';

/**
 * Several printable characters that arrived together (a paste, fast typing): where text is typed
 * they go in as one insertion — one state, one frame, however long — and elsewhere they act one
 * key at a time, so `jjjjj` moves five rows and `/acme` opens the filter and then types `acme` in it.
 * Keys that must wait (a save under way) wait whole, in order.
 */
const typeRun = (state: AppState, text: string): AppState => {
	const parts = graphemesOf(text);
	let next = state;
	let index = 0;
	while (index < parts.length) {
		if (next.request || importKeyWaits(next, undefined))
			return {...next, keyBuffer: [...next.keyBuffer, runOf(parts.slice(index))]};
		const target = textTarget(next);
		if (target) {
			// Up to the first character that is a command here (none is, in today's text fields).
			const view = viewOf(next);
			const commands = new Map<string, boolean>();
			const isCommand = (part: string): boolean => {
				if (!commands.has(part)) commands.set(part, commandFor(part, view) !== undefined);
				return commands.get(part)!;
			};
			let end = index;
			while (end < parts.length && !isCommand(parts[end]!)) end++;
			if (end > index) {
				next = handleOneKey(next, runOf(parts.slice(index, end)));
				index = end;
				continue;
			}
		}
		next = handleOneKey(next, {id: parts[index]!, text: parts[index]!});
		index++;
	}
	return next;
};

const runOf = (parts: string[]): Key =>
	parts.length === 1 ? {id: parts[0]!, text: parts[0]!} : {id: textRun, text: parts.join('')};

export const handleKey = (state: AppState, key: Key): AppState =>
	key.id === textRun
		? typeRun(state, key.text!)
		: key.id === pasteKey
			? pasteText(state, key.text!)
			: handleOneKey(state, key);

/**
 * A paste (bracketed by the terminal) is text, never keys: it goes whole into the field being
 * typed in — line breaks only where the field holds lines (notes, comments, a reply), a one-line
 * field refuses a paste that has them, whole — and where nothing takes text it is not used at all
 * (`dy` pasted on a list must not delete a ticket). Like every key, it waits while a save is under way.
 */
const pasteText = (state: AppState, text: string): AppState => {
	if (state.request || importKeyWaits(state, undefined))
		return {...state, keyBuffer: [...state.keyBuffer, {id: pasteKey, text}]};
	const target = textTarget(state);
	const lines = text.replace(/\r\n?/g, '\n');
	const characters = graphemesOf(lines).length;
	if (!target)
		return {
			...state,
			notice: {text: t('state.text.pasteUnused', {characters}), tone: 'info'},
		};
	if (!target.multiline && /[\n\t]/.test(lines)) {
		// Short enough to be read whole beside the field at 80 columns.
		const refusal = t('state.text.oneLine');
		if (target.atField && state.form)
			return {
				...state,
				notice: null,
				form: {...state.form, storeErrors: {...state.form.storeErrors, [target.atField]: refusal}},
			};
		return {...state, notice: {text: t('state.text.fieldOneLine', {label: target.label, refusal}), tone: 'bad'}};
	}
	return handleOneKey(state, {id: textRun, text: lines});
};

/**
 * One key: the keymap names its command in the layer on top, and the scope's handler runs it.
 * While a change is being saved, later keys wait their turn: `>>` moves a deal two stages, each
 * from the record as the first move left it. A key that acts at once (Ctrl+C, Ctrl+L, Esc on a
 * running import) never waits.
 */
const handleOneKey = (state: AppState, key: Key): AppState => {
	const binding = bindingFor(key.id, viewOf(state), sortLetters(state));
	if (binding?.atOnce) return runBinding(state, binding, key);
	if (state.request || importKeyWaits(state, binding?.id)) return {...state, keyBuffer: [...state.keyBuffer, key]};
	// On a terminal too small to draw in, keys would act on a screen nobody can see.
	if (frameLayout(state.size).tooSmall) return key.id === 'q' ? {...state, quit: true} : state;
	// A notice lasts until the next key; so does the count of text just refused.
	const fresh = state.notTaken ? {...state, notTaken: undefined} : state;
	const cleared = fresh.notice === null || fresh.request ? fresh : {...fresh, notice: null};
	// The store would refuse it anyway; saying so here spares a form filled in for nothing.
	if (binding?.needs && !permits(state)(binding.needs))
		return {...cleared, notice: {text: refusalOf(state, binding.needs), tone: 'bad'}};
	if (binding) return runBinding(cleared, binding, key);
	if (key.text !== undefined) {
		const target = textTarget(state);
		if (target && target.text.length + key.text.length > target.limit)
			return refuseText(cleared, target, key.text, state.notTaken);
	}
	return typeInto(cleared, topLayer(state), key);
};

/** Runs the keys typed during a save, until one of them starts another save (the rest wait for that). */
export const replayKeys = (state: AppState): AppState => {
	let next: AppState = {...state, keyBuffer: []};
	for (const [index, key] of state.keyBuffer.entries()) {
		if (next.request) return {...next, keyBuffer: [...next.keyBuffer, ...state.keyBuffer.slice(index)]};
		next = handleKey(next, key);
	}
	return next;
};

/**
 * While the import's file step waits on the disk, a key that acts on what it lists (Enter, Tab, ↓)
 * waits for it, and so does every key after it, in order. Typing before that shows at once, and Esc
 * always leaves at once.
 */
const importKeyWaits = (state: AppState, command: CommandId | undefined): boolean => {
	if (!importWaiting(state)) return false;
	if (command === 'import.cancel' || command === 'import.back') return false;
	return state.keyBuffer.length > 0 || command !== undefined;
};

/** What the import screen waited for has come: the keys typed meanwhile run now (until it waits again). */
export const replayWaiting = (state: AppState): AppState =>
	state.request || importWaiting(state) || state.keyBuffer.length === 0 ? state : replayKeys(state);
