import {auditProblems, verifyAudit} from '../../domain/audit-verify.js';
import type {AnyStoredRecord, Dataset, EntityName} from '../../domain/dataset.js';
import {howToChangeBack} from '../../domain/mutation.js';
import {recordLabel} from '../../domain/record-label.js';
import {defaultSettings, type Settings} from '../../domain/settings.js';
import {multilineFields} from '../../domain/stored-text.js';
import {clamp} from '../../domain/units.js';
import {plural} from '../../domain/words.js';
import {fieldTextLimit, longestText} from '../forms/form-values.js';
import {type Key, pasteKey, textRun} from '../keys/key-parser.js';
import {type CommandId, commandFor, needsOf} from '../keys/keymap.js';
import {fitColumns} from '../layout/columns.js';
import {frameLayout, type TerminalSize, tableWidth} from '../layout/frame-layout.js';
import {graphemesOf} from '../layout/graphemes.js';
import type {SortOrder} from '../screens/screen-definition.js';
import {screenFor, screenOrder} from '../screens/screen-registry.js';
import type {AppAction, AppState, ListState, ScreenName} from './app-types.js';
import {backToAssessment, initialAssessment, runAssessmentCommand} from './assessment.js';
import {boardColumns, boardPositionOf} from './board.js';
import {conflictFields, editFormField, type FormOutcome, runFormCommand} from './form-actions.js';
import {
	cancelImport,
	editImportQuery,
	importFinished,
	importFound,
	importListed,
	importProgress,
	importRead,
	importStopped,
	importWaiting,
	openImport,
	runImportCommand,
} from './import-wizard.js';
import {openDetail, placeCursor, selectRow, switchScreen, updateList} from './list-navigation.js';
import {runDuplicatesCommand} from './merge-actions.js';
import {editOverlayInput, offerFeedback, openCommandLine, openSearch, runOverlayCommand} from './overlay-actions.js';
import {runRecordCommand} from './record-actions.js';
import {boardDeal, permits, refusalOf, rowsOf, viewContext, viewMode} from './selection.js';
import {editText, textInput} from './text-input.js';
import {detailRows, helpRows} from './view-rows.js';

export type {AppAction, AppState, ListState, Mode, ScreenName} from './app-types.js';
export {rowsOf, viewContext} from './selection.js';

export const initialState = (
	dataset: Dataset,
	size: TerminalSize,
	now: number,
	options: {
		screen?: ScreenName;
		settings?: Settings;
		operator?: string;
		access?: AppState['access'];
		mask?: boolean;
	} = {},
): AppState => ({
	dataset,
	settings: options.settings ?? defaultSettings(),
	operator: options.operator ?? 'operator',
	access: options.access ?? {role: 'admin', readonly: false},
	mask: options.mask ?? false,
	screen: options.screen ?? 'customers',
	lists: Object.fromEntries(
		screenOrder.map((name) => [name, {cursor: 0, offset: 0, filter: '', sort: screenFor(name).defaultSort}]),
	) as Record<ScreenName, ListState>,
	mode: 'list',
	detail: null,
	form: null,
	importing: null,
	overlay: null,
	help: {open: false, scroll: 0},
	request: null,
	nextRequestId: 1,
	keyBuffer: [],
	commandHistory: [],
	board: {column: 0, row: 0},
	assessment: initialAssessment(now),
	duplicates: {cursor: 0, merge: null},
	size,
	now,
	notice: null,
	quit: false,
	redraws: 0,
});

/** Keeps the same record selected when the rows change under it (filter, sort), else the first row. */
const refilter = (state: AppState, change: Partial<ListState>): AppState => {
	const list = state.lists[state.screen];
	const before = rowsOf(state)[list.cursor]?.id ?? list.anchorId;
	const changed = {...state, lists: {...state.lists, [state.screen]: {...list, ...change, anchorId: before}}};
	return selectRow(changed, before);
};

const sortNotice = (screen: ScreenName, sort: SortOrder): string => {
	const column = screenFor(screen).columns.find((candidate) => candidate.id === sort.column);
	return `Sorted by ${column?.title ?? sort.column} ${sort.descending ? '↓ descending' : '↑ ascending'}`;
};

/** A new order starts at its top: that is what the operator sorted to see. */
const applySort = (state: AppState, sort: SortOrder): AppState => {
	const sorted = {
		...state,
		lists: {...state.lists, [state.screen]: {...state.lists[state.screen], sort, cursor: 0, offset: 0}},
	};
	return {...sorted, notice: {text: sortNotice(state.screen, sort), tone: 'info'}};
};

const moveBy = (state: AppState, command: CommandId): AppState => {
	const page = frameLayout(state.size).tableRows;
	const steps: Partial<Record<CommandId, (cursor: number, rowCount: number) => number>> = {
		'cursor.down': (cursor) => cursor + 1,
		'cursor.up': (cursor) => cursor - 1,
		'cursor.pageDown': (cursor) => cursor + page,
		'cursor.pageUp': (cursor) => cursor - page,
		'cursor.first': () => 0,
		'cursor.last': (_, rowCount) => rowCount - 1,
	};
	const step = steps[command]!;
	return updateList(state, (list, rowCount) => placeCursor(list, step(list.cursor, rowCount), rowCount, page));
};

/** Scrolls a text view (detail or help) holding `total` lines in a window of `page` lines. */
const scrollBy = (scroll: number, command: CommandId, total: number, page: number): number => {
	const last = Math.max(0, total - page);
	switch (command) {
		case 'cursor.down':
			return clamp(scroll + 1, 0, last);
		case 'cursor.up':
			return clamp(scroll - 1, 0, last);
		case 'cursor.pageDown':
			return clamp(scroll + page, 0, last);
		case 'cursor.pageUp':
			return clamp(scroll - page, 0, last);
		case 'cursor.first':
			return 0;
		default:
			return last;
	}
};

const cursorCommands = new Set<CommandId>([
	'cursor.down',
	'cursor.up',
	'cursor.pageDown',
	'cursor.pageUp',
	'cursor.first',
	'cursor.last',
]);

const screenByCommand: Partial<Record<CommandId, ScreenName>> = {
	'screen.customers': 'customers',
	'screen.opportunities': 'opportunities',
	'screen.tickets': 'tickets',
	'screen.feedback': 'feedback',
	'screen.assess': 'assess',
	'screen.log': 'log',
};

/** The pipeline board: ←/→ between stage columns, ↑/↓ within one; the row stays inside its column. */
const moveOnBoard = (state: AppState, command: CommandId): AppState => {
	const columns = boardColumns(viewContext(state));
	let {column, row} = state.board;
	if (command === 'cursor.left') column = clamp(column - 1, 0, columns.length - 1);
	if (command === 'cursor.right') column = clamp(column + 1, 0, columns.length - 1);
	if (command === 'cursor.down') row += 1;
	if (command === 'cursor.up') row -= 1;
	row = clamp(row, 0, Math.max(0, columns[column]!.deals.length - 1));
	return {...state, board: {column, row}};
};

const runCommand = (state: AppState, command: CommandId, key: Key): AppState => {
	const list = state.lists[state.screen];
	const layout = frameLayout(state.size);
	if (command === 'app.forceQuit') return {...state, quit: true};
	if (state.help.open) {
		if (command === 'help.close') return {...state, help: {open: false, scroll: 0}};
		if (cursorCommands.has(command)) {
			const total = helpRows(state, state.size.columns - 2).length;
			return {...state, help: {open: true, scroll: scrollBy(state.help.scroll, command, total, layout.body)}};
		}
		// Any other command (a screen switch) closes help and runs in the view below.
		return runCommand({...state, help: {open: false, scroll: 0}}, command, key);
	}
	if (state.overlay) return runOverlayCommand(state, command);
	if (state.form) return withPicker(runFormCommand(state, command));
	if (state.importing) return runImportCommand(state, command);
	if (
		state.mode === 'board' &&
		(cursorCommands.has(command) || command === 'cursor.left' || command === 'cursor.right')
	)
		return moveOnBoard(state, command);
	const merging = runDuplicatesCommand(state, command);
	if (merging) return merging;
	if (viewMode(state) === 'assessment') {
		const assessed = runAssessmentCommand(state, command, layout.body - 4);
		if (assessed) return assessed;
	}
	if (state.mode === 'detail' && state.detail && cursorCommands.has(command)) {
		const total = detailRows(state.screen, state.detail.id, state.size.columns - 2, viewContext(state))?.length ?? 0;
		return {
			...state,
			detail: {...state.detail, scroll: scrollBy(state.detail.scroll, command, total, layout.detailRows)},
		};
	}
	if (cursorCommands.has(command)) return moveBy(state, command);
	const target = screenByCommand[command];
	if (target) return switchScreen(state, target);
	const recordResult = runRecordCommand(state, command);
	if (recordResult) return recordResult;
	switch (command) {
		case 'app.quit':
			return {...state, quit: true};
		case 'app.help':
			return {...state, help: {open: true, scroll: 0}};
		case 'app.search':
			return openSearch(state);
		case 'app.command':
			return openCommandLine(state);
		case 'import.open':
			return openImport(state);
		case 'log.verify': {
			const {dataset} = state;
			const audit = verifyAudit({
				schemaVersion: dataset.schemaVersion,
				lists: dataset,
				seals: dataset.seals,
				changes: dataset.changes,
				head: dataset.auditHead,
			});
			const problems = auditProblems(audit);
			const text = audit.ok
				? `Audit chain intact: ${audit.count === 1 ? 'its 1 entry is as it was' : `all ${plural(audit.count, 'entry')} are as they were`} written. Every record is as the log left it.`
				: `${problems[0]!.replace('\n', ' ')}${problems.length > 1 ? ` (and ${problems.length - 1} more: crm audit verify lists them)` : ''}`;
			return {...state, notice: {text, tone: audit.ok ? 'ok' : 'bad'}};
		}
		case 'screen.next':
		case 'screen.previous': {
			const step = command === 'screen.next' ? 1 : screenOrder.length - 1;
			return switchScreen(state, screenOrder[(screenOrder.indexOf(state.screen) + step) % screenOrder.length]!);
		}
		case 'list.open': {
			if (state.mode === 'board') {
				const deal = boardDeal(state);
				return deal ? openDetail(state, 'opportunities', deal.id, 'board') : state;
			}
			const row = rowsOf(state)[list.cursor];
			return row ? {...state, mode: 'detail', detail: {id: row.id, scroll: 0}} : state;
		}
		case 'list.filter':
			return {...state, mode: 'filter'};
		case 'list.clearFilter':
			return list.filter === '' ? state : refilter(state, {filter: ''});
		case 'list.sortNext': {
			const columns = fitColumns(screenFor(state.screen).columns, tableWidth(state.size));
			if (!list.sort.descending && columns.some((column) => column.id === list.sort.column)) {
				return applySort(state, {column: list.sort.column, descending: true});
			}
			const index = columns.findIndex((column) => column.id === list.sort.column);
			return applySort(state, {column: columns[(index + 1) % columns.length]!.id, descending: false});
		}
		case 'list.sortByColumn': {
			const column = screenFor(state.screen).columns.find((candidate) => candidate.letter === key.id)!;
			const descending = list.sort.column === column.id ? !list.sort.descending : false;
			return applySort(state, {column: column.id, descending});
		}
		case 'board.toggle': {
			if (state.mode === 'board') return {...state, mode: 'list'};
			// The board opens on the deal selected in the list, when it shows that deal.
			const selected = rowsOf(state)[list.cursor];
			const position = selected ? boardPositionOf(boardColumns(viewContext(state)), selected.id) : undefined;
			return {...state, mode: 'board', board: position ?? state.board};
		}
		case 'detail.back':
			if (state.detail?.from === 'assess') return backToAssessment(state);
			return {...state, mode: state.detail?.from ?? 'list', detail: null};
		case 'filter.keep':
			return {...state, mode: 'list'};
		case 'filter.clear':
			return {...refilter(state, {filter: ''}), mode: 'list'};
		default:
			return state;
	}
};

/** A form key may ask for the customer picker; it opens over the form with what was typed. */
const withPicker = ({state, openPicker}: FormOutcome): AppState => {
	if (!openPicker) return state;
	const query = textInput(openPicker.query);
	return {
		...state,
		overlay: {
			kind: 'picker',
			title: 'Choose the customer',
			choices: 'customers',
			query,
			cursor: 0,
			target: {kind: 'formField', key: openPicker.key},
		},
	};
};

/**
 * Where printable keys go in as text just now: what is there, how much it takes, and whether it
 * holds lines (notes, descriptions, comments, replies). Undefined where they are commands or choices.
 */
type TextTarget = {where: string; label: string; text: string; limit: number; atField?: string; multiline?: boolean};

/** In the order `handleKey` offers a key that is no command: overlay, form, import, filter. */
const textTarget = (state: AppState): TextTarget | undefined => {
	if (state.help.open || frameLayout(state.size).tooSmall) return undefined;
	const overlay = state.overlay;
	if (overlay) {
		if (overlay.kind === 'picker')
			return {where: 'picker', label: 'The search', text: overlay.query.text, limit: longestText};
		if (overlay.kind === 'prompt')
			return {
				where: 'prompt',
				label: overlay.target.kind === 'reply' ? 'The reply' : 'The note',
				text: overlay.input.text,
				limit: longestText,
				multiline: true,
			};
		if (overlay.kind === 'command')
			return {where: 'command', label: 'The command line', text: overlay.input.text, limit: longestText};
		return undefined;
	}
	const form = state.form;
	if (form) {
		const field = form.definition.fields.find((candidate) => candidate.key === form.focus);
		if (!field || field.kind === 'enum' || field.kind === 'customer') return undefined;
		const entity = form.definition.entity;
		return {
			where: `field:${field.key}`,
			label: field.label,
			text: form.texts[field.key] ?? '',
			limit: fieldTextLimit(form.definition, field),
			atField: field.key,
			multiline: entity !== null && multilineFields[entity].has(field.key),
		};
	}
	if (state.importing)
		return state.mode === 'importFile' && !state.importing.reading
			? {where: 'import', label: 'The path', text: state.importing.query.text, limit: longestText}
			: undefined;
	if (state.mode === 'filter')
		return {where: 'filter', label: 'The filter', text: state.lists[state.screen].filter, limit: longestText};
	return undefined;
};

/**
 * More than the field takes is refused whole, at once, in words at the field (or in the status
 * line): the field stays as it was and the operator still has the text to shorten. A paste the
 * terminal delivers in several chunks is counted whole, as long as nothing came between them.
 */
const refuseText = (state: AppState, target: TextTarget, text: string, before: AppState['notTaken']): AppState => {
	// Pieces of one paste add up; a key typed at the limit is only itself.
	const count = text.length + (text.length > 1 && before?.where === target.where ? before.count : 0);
	const limit = `at most ${target.limit.toLocaleString('en-US')} characters`;
	const what = count === 1 ? `“${text}” was not taken` : `${count.toLocaleString('en-US')} pasted were not taken`;
	const refused = {...state, notTaken: {where: target.where, count}};
	if (target.atField && state.form)
		return {
			...refused,
			form: {...state.form, storeErrors: {...state.form.storeErrors, [target.atField]: `${limit}: ${what}`}},
		};
	return {...refused, notice: {text: `${target.label} takes ${limit}: ${what}.`, tone: 'bad'}};
};

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
		if (next.request || importKeyWaits(next, {id: textRun}))
			return {...next, keyBuffer: [...next.keyBuffer, runOf(parts.slice(index))]};
		const target = textTarget(next);
		if (target) {
			// Up to the first character that is a command here (none is, in today's text fields).
			const view = {
				help: next.help.open,
				overlay: next.overlay?.kind ?? null,
				mode: viewMode(next),
				screen: next.screen,
			};
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

const handleKey = (state: AppState, key: Key): AppState =>
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
	if (state.request || importKeyWaits(state, {id: pasteKey}))
		return {...state, keyBuffer: [...state.keyBuffer, {id: pasteKey, text}]};
	const target = textTarget(state);
	const lines = text.replace(/\r\n?/g, '\n');
	const characters = graphemesOf(lines).length.toLocaleString('en-US');
	if (!target)
		return {
			...state,
			notice: {text: `Nothing here takes text: the paste (${characters} characters) was not used.`, tone: 'info'},
		};
	if (!target.multiline && /[\n\t]/.test(lines)) {
		// Short enough to be read whole beside the field at 80 columns.
		const refusal = 'one line only: the paste (with line breaks) was not taken';
		if (target.atField && state.form)
			return {
				...state,
				notice: null,
				form: {...state.form, storeErrors: {...state.form.storeErrors, [target.atField]: refusal}},
			};
		return {...state, notice: {text: `${target.label} takes ${refusal}.`, tone: 'bad'}};
	}
	return handleOneKey(state, {id: textRun, text: lines});
};

const handleOneKey = (state: AppState, key: Key): AppState => {
	// While a change is being saved, later keys wait their turn: `>>` moves a deal two stages, each
	// from the record as the first move left it. Ctrl+C never waits.
	// Esc stops a running import instead of waiting for it.
	if (state.request?.kind === 'import' && key.id === 'escape') return cancelImport(state);
	if (key.id === 'ctrl+l') return {...state, redraws: state.redraws + 1};
	if ((state.request || importKeyWaits(state, key)) && key.id !== 'ctrl+c')
		return {...state, keyBuffer: [...state.keyBuffer, key]};
	// On a terminal too small to draw in, keys would act on a screen nobody can see.
	if (frameLayout(state.size).tooSmall) return key.id === 'q' || key.id === 'ctrl+c' ? {...state, quit: true} : state;
	// A notice lasts until the next key; so does the count of text just refused.
	const fresh = state.notTaken ? {...state, notTaken: undefined} : state;
	const cleared = fresh.notice === null || fresh.request ? fresh : {...fresh, notice: null};
	const mode = viewMode(state);
	const view = {help: state.help.open, overlay: state.overlay?.kind ?? null, mode, screen: state.screen};
	const letters =
		mode === 'list'
			? screenFor(state.screen)
					.columns.map((column) => column.letter)
					.join('')
			: '';
	const command = commandFor(key.id, view, letters);
	const needs = command ? needsOf(command) : undefined;
	// The store would refuse it anyway; saying so here spares a form filled in for nothing.
	if (needs && !permits(state)(needs)) return {...cleared, notice: {text: refusalOf(state, needs), tone: 'bad'}};
	if (command) return runCommand(cleared, command, key);
	if (state.help.open) return cleared;
	if (key.text !== undefined) {
		const target = textTarget(state);
		if (target && target.text.length + key.text.length > target.limit)
			return refuseText(cleared, target, key.text, state.notTaken);
	}
	// Text fields take every printable key as typed: `q` or `j` in a name are letters, not commands.
	if (state.overlay) return editOverlayInput(cleared, key);
	if (state.form) return withPicker(editFormField(cleared, key));
	if (state.importing) return editImportQuery(cleared, key);
	if (mode === 'filter') {
		// The filter is typed at its end, with the same editing keys as every other text field.
		const filter = state.lists[state.screen].filter;
		const edited = editText(textInput(filter), key);
		if (edited && edited.text !== filter) return refilter(cleared, {filter: edited.text});
	}
	return cleared;
};

/** Re-places every cursor after a resize or new data, so the window never points past the rows. */
const reflow = (state: AppState): AppState => {
	const page = frameLayout(state.size).tableRows;
	const lists = {...state.lists};
	for (const name of screenOrder)
		lists[name] = placeCursor(lists[name], lists[name].cursor, rowsOf(state, name).length, page);
	const detailGone = state.detail !== null && !screenFor(state.screen).find(state.detail.id, viewContext(state));
	const columns = boardColumns(viewContext(state));
	const board = {
		column: state.board.column,
		row: clamp(state.board.row, 0, Math.max(0, (columns[state.board.column]?.deals.length ?? 1) - 1)),
	};
	return {
		...state,
		lists,
		board,
		...(detailGone
			? {mode: 'list' as const, detail: null, notice: {text: 'That record no longer exists.', tone: 'info' as const}}
			: {}),
	};
};

/**
 * Changes saved elsewhere arrive as new data: each list's cursor stays on the record it was on,
 * wherever a row added or removed above it moved it (Enter, e or d must act on what the operator sees).
 */
const keepSelection = (before: AppState, after: AppState): AppState => {
	const lists = {...after.lists};
	for (const name of screenOrder) {
		const selected = rowsOf(before, name)[before.lists[name].cursor];
		if (!selected) continue;
		const index = rowsOf(after, name).findIndex((row) => row.id === selected.id);
		if (index >= 0 && index !== before.lists[name].cursor) lists[name] = {...lists[name], cursor: index};
	}
	return {...after, lists};
};

/** Runs the keys typed during a save, until one of them starts another save (the rest wait for that). */
const replayKeys = (state: AppState): AppState => {
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
const importKeyWaits = (state: AppState, key: Key): boolean => {
	if (!importWaiting(state)) return false;
	const command = commandFor(key.id, {help: false, overlay: null, mode: state.mode});
	if (command === 'import.cancel' || command === 'import.back') return false;
	return state.keyBuffer.length > 0 || command !== undefined;
};

/** What the import screen waited for has come: the keys typed meanwhile run now (until it waits again). */
const replayWaiting = (state: AppState): AppState =>
	state.request || importWaiting(state) || state.keyBuffer.length === 0 ? state : replayKeys(state);

/** The store saved a change: show the new data, close the form, select what was saved. */
const applied = (state: AppState, action: Extract<AppAction, {type: 'applied'}>): AppState => {
	const request = state.request;
	if (!request || request.id !== action.requestId) return state;
	const entry = action.result.entries.at(-1);
	let next: AppState = reflow({
		...state,
		dataset: action.result.dataset,
		request: null,
		now: Math.max(state.now, action.now),
	});
	if (request.kind === 'apply' && request.fromForm) next = {...next, form: null};
	const entity = entry?.entity as EntityName | undefined;
	if (
		entry &&
		entry.action !== 'delete' &&
		entity &&
		screenOrder.includes(entity) &&
		next.mode === 'list' &&
		next.screen === entity
	) {
		next = selectRow(next, entry.recordId);
	}
	// On the board the cursor follows the deal that moved, so a second > moves the same deal again.
	if (next.mode === 'board' && entity === 'opportunities' && entry) {
		const position = boardPositionOf(boardColumns(viewContext(next)), entry.recordId);
		if (position) next = {...next, board: position};
	}
	const undone = action.result.undone;
	const text =
		request.kind === 'undo'
			? `Undone: ${undone ? `${(action.result.count ?? 1) > 1 ? `${action.result.count} changes saved together, the last the ` : ''}${undone.action} of “${undone.label}”` : 'your last change'}.${action.result.notUndone ? ` Your later change of the ${action.result.notUndone.label} is not a record's and stays: ${howToChangeBack(action.result.notUndone)}.` : ''}`
			: action.result.entries.length === 0
				? 'Nothing to save: no field changed.'
				: 'notice' in request
					? request.notice
					: 'Saved.';
	next = {...next, notice: {text, tone: 'ok'}};
	if (request.kind === 'apply' && request.after?.kind === 'offerFeedback')
		next = offerFeedback(next, request.after.ticketId, request.after.customerId);
	return replayKeys(next);
};

const failed = (state: AppState, action: Extract<AppAction, {type: 'failed'}>): AppState => {
	if (!state.request || state.request.id !== action.requestId) return state;
	if (state.request.kind === 'import')
		return importStopped(
			action.dataset && action.dataset !== state.dataset ? reflow({...state, dataset: action.dataset}) : state,
			action.message,
		);
	const storeErrors = Object.fromEntries(action.issues.map((issue) => [issue.field.split('.')[0]!, issue.message]));
	const fromForm = state.request.kind === 'apply' && state.request.fromForm;
	const form = state.form && fromForm ? {...state.form, storeErrors} : state.form;
	const refreshed =
		action.dataset && action.dataset !== state.dataset ? reflow({...state, dataset: action.dataset}) : state;
	// Two operators edited the same record: show what each changed and let this one choose.
	const entity = state.form?.definition.entity;
	const current =
		fromForm && action.conflict && entity
			? (refreshed.dataset[entity] as AnyStoredRecord[]).find((record) => record.id === action.conflict)
			: undefined;
	if (current && state.form) {
		const by =
			[...refreshed.dataset.changes].reverse().find((entry) => entry.recordId === current.id)?.operator ?? 'someone';
		const message = `${by} saved “${recordLabel(entity!, current)}” while you were editing it (now version ${current.version}, you opened ${state.form.version}).`;
		return {
			...refreshed,
			request: null,
			keyBuffer: [],
			form: state.form,
			overlay: {kind: 'conflict', message, fields: conflictFields(state.form, current)},
			notice: {text: 'Not saved yet: choose r, o or c.', tone: 'bad'},
		};
	}
	// A refused change drops the keys typed after it: they were meant for a state that did not come.
	return {...refreshed, request: null, keyBuffer: [], form, notice: {text: action.message, tone: 'bad'}};
};

export const appReducer = (state: AppState, action: AppAction): AppState => {
	switch (action.type) {
		case 'key':
			return handleKey(state, action.key);
		case 'resize':
			return reflow({...state, size: action.size});
		case 'tick':
			return {...state, now: action.now};
		case 'dataset':
			return reflow(keepSelection(state, {...state, dataset: action.dataset}));
		case 'metrics':
			return {...state, metrics: action.metrics};
		case 'applied':
			return applied(state, action);
		case 'exported':
			if (!state.request || state.request.id !== action.requestId) return state;
			return replayKeys({...state, request: null, notice: {text: action.message, tone: 'ok'}});
		case 'exportExists': {
			const request = state.request;
			if (!request || request.id !== action.requestId || request.kind !== 'export') return state;
			const {id: _id, ...again} = request;
			// Nothing is replaced without a yes; the keys typed meanwhile were meant for after the export, so they go.
			return {
				...state,
				request: null,
				keyBuffer: [],
				notice: null,
				overlay: {
					kind: 'confirm',
					message: `Replace ${action.path}?`,
					details: [
						`It exists already (${action.bytes.toLocaleString('en-US')} bytes). y replaces it with the ${request.count.toLocaleString('en-US')} records exported; n keeps it (:export NAME writes another file).`,
					],
					onYes: {kind: 'export', request: {...again, replace: true}},
				},
			};
		}
		case 'settingsSaved': {
			if (!state.request || state.request.id !== action.requestId || state.request.kind !== 'settings') return state;
			const form = state.request.fromForm ? null : state.form;
			const next = {
				...state,
				settings: action.settings,
				request: null,
				form,
				notice: {text: state.request.notice, tone: 'ok' as const},
			};
			return replayKeys(
				action.dataset && action.dataset !== state.dataset ? reflow({...next, dataset: action.dataset}) : next,
			);
		}
		case 'failed':
			return failed(state, action);
		case 'importFound':
			return replayWaiting(importFound(state, action.found));
		case 'importListed':
			return replayWaiting(importListed(state, action.folder, action.entries, action.error));
		case 'importRead':
			return replayWaiting(importRead(state, action.file, action.result));
		case 'importProgress':
			return importProgress(state, action.requestId, action.progress);
		case 'imported': {
			const finished = importFinished(state, action.requestId, action);
			return finished === state ? state : replayKeys(reflow(finished));
		}
	}
};
