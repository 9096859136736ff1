/**
 * One keypress. `id` is what the keymap matches ('j', 'G', 'down', 'ctrl+d', 'shift+tab');
 * `text` is set for printable input, which text fields insert as typed.
 */
export type Key = {id: string; text?: string};

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

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Splits a run of plain input (several keys pasted or typed fast arrive as one) into keys. */
const parseText = (text: string): Key[] => {
	const keys: Key[] = [];
	for (const {segment} of graphemes.segment(text)) {
		const code = segment.codePointAt(0)!;
		if (segment.length === 1 && (code < 0x20 || code === 0x7f)) keys.push(controlKey(code));
		else if (segment === '\r\n') keys.push({id: 'enter'});
		else keys.push({id: segment, text: segment});
	}
	return keys;
};

/**
 * Turns one input event from Ink into keys. Ink already cuts escape sequences apart but hands
 * over a run of ordinary characters as one string, so `jjjjj` here becomes five keys.
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
