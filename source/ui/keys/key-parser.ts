import {graphemesOf} from '../layout/graphemes.js';

/**
 * One keypress. `id` is what the keymap matches ('j', 'G', 'down', 'ctrl+d', 'shift+tab');
 * `text` is set for printable input, which text fields insert as typed. Several printable
 * characters that arrive together (a paste, or keys typed faster than the terminal sends them) are
 * one key with the id `text` holding them all: a text field takes them in one go, and everywhere
 * else they act one by one (`singleKeys`).
 */
export type Key = {id: string; text?: string};

/** The id of several printable characters that arrived together. */
export const textRun = 'text';

/** The id of a paste the terminal bracketed (`ESC [200~ … ESC [201~`): text, line breaks included, never keys. */
export const pasteKey = 'paste';

/** What a terminal sends around a paste once the console asked for it (`ESC [?2004h`). */
export const pasteStart = '\u001B[200~';
export const pasteEnd = '\u001B[201~';

/** The characters of a text run as the single keys they were typed as; any other key as it is. */
export const singleKeys = (key: Key): Key[] =>
	key.id === textRun ? graphemesOf(key.text!).map((part) => ({id: part, text: part})) : [key];

const csiNames: Record<string, string> = {
	A: 'up',
	B: 'down',
	C: 'right',
	D: 'left',
	H: 'home',
	F: 'end',
	Z: 'shift+tab',
	'1~': 'home',
	'7~': 'home',
	'4~': 'end',
	'8~': 'end',
	'2~': 'insert',
	'3~': 'delete',
	'5~': 'pageup',
	'6~': 'pagedown',
};

const modifierNames = (code: number): string => {
	const bits = code - 1;
	return `${bits & 4 ? 'ctrl+' : ''}${bits & 2 ? 'meta+' : ''}${bits & 1 ? 'shift+' : ''}`;
};

/** Names an escape sequence (`ESC [ … final` or `ESC O final`), or a Meta+key pair. */
const parseEscape = (sequence: string): Key => {
	if (sequence === '\u001B') return {id: 'escape'};
	const csi = /^\u001B\[\[?([0-9;]*)([A-Za-z~])$/.exec(sequence);
	if (csi) {
		const [, parameters = '', final = ''] = csi;
		const parts = parameters.split(';');
		// `ESC [ 1 ; 5 A` is Ctrl+Up; `ESC [ 5 ; 5 ~` is Ctrl+PgUp.
		const modifier = parts.length > 1 ? modifierNames(Number(parts[1])) : '';
		const name = final === '~' ? csiNames[`${parts[0]}~`] : csiNames[final];
		return name ? {id: `${modifier}${name}`} : {id: `unknown:${sequence.slice(1)}`};
	}
	const ss3 = /^\u001BO([A-Za-z])$/.exec(sequence);
	if (ss3) {
		const name = csiNames[ss3[1]!];
		return name ? {id: name} : {id: `unknown:${sequence.slice(1)}`};
	}
	return {id: `unknown:${sequence.slice(1)}`};
};

const controlKey = (code: number): Key => {
	switch (code) {
		case 0x0d:
		case 0x0a:
			return {id: 'enter'};
		case 0x09:
			return {id: 'tab'};
		case 0x08:
		case 0x7f:
			return {id: 'backspace'};
		case 0x00:
			return {id: 'ctrl+space'};
		default:
			return code < 0x20 ? {id: `ctrl+${String.fromCharCode(code + 0x60)}`} : {id: `unknown:${code}`};
	}
};

/**
 * Splits plain input into keys: control characters each their own key, and each run of printable
 * characters between them one key — a single character as itself, several as a text run. A paste
 * of 10,000 characters is then one insertion and one frame, not 10,000 of each.
 */
const parseText = (text: string): Key[] => {
	const keys: Key[] = [];
	let run: string[] = [];
	const endRun = () => {
		if (run.length === 1) keys.push({id: run[0]!, text: run[0]!});
		else if (run.length > 1) keys.push({id: textRun, text: run.join('')});
		run = [];
	};
	for (const segment of graphemesOf(text)) {
		const code = segment.codePointAt(0)!;
		if (segment.length === 1 && (code < 0x20 || code === 0x7f)) {
			endRun();
			keys.push(controlKey(code));
		} else if (segment === '\r\n') {
			endRun();
			keys.push({id: 'enter'});
		} else run.push(segment);
	}
	endRun();
	return keys;
};

/**
 * Turns one input event from Ink into keys. Ink already cuts escape sequences apart but hands
 * over a run of ordinary characters as one string: `jjjjj` here becomes one text run, which the
 * reducer plays as five keys on a list and types whole into a text field.
 */
export const parseKeys = (input: string): Key[] => {
	if (input.startsWith('\u001B')) {
		// A sequence with text glued after it still yields every key.
		const sequence = /^\u001B(?:\[\[?[0-9;]*[A-Za-z~]|O[A-Za-z])?/u.exec(input)![0];
		// Esc and the next key can arrive together (a quick typist, or one SSH packet); terminals send
		// Alt+key the same way. The console binds no Alt keys, so this is always Esc, then the key —
		// and Esc pressed twice is two Escs.
		return [parseEscape(sequence), ...(input.length > sequence.length ? parseKeys(input.slice(sequence.length)) : [])];
	}
	const escapeAt = input.indexOf('\u001B');
	if (escapeAt > 0) return [...parseText(input.slice(0, escapeAt)), ...parseKeys(input.slice(escapeAt))];
	return parseText(input);
};
