/**
 * What the keys typed at a hidden passphrase prompt make, as a pure function of the bytes a raw-mode
 * terminal sends. A chunk may end inside a character (UTF-8 split between reads) or inside an escape
 * sequence: those bytes wait in `pending` for the next chunk. A chunk may hold many keys (a paste, or
 * keys typed faster than they are read): they are taken in order up to the Enter, and the bytes after
 * it are handed back (`rest`), for whoever reads the terminal next.
 */
export type AnswerState = {
	/** The bytes of a character or escape sequence not yet whole. */
	readonly pending: Buffer;
	/** The answer so far, one code point an element (Backspace removes a whole one). */
	readonly typed: readonly string[];
	/** Inside a bracketed paste (`ESC [200~ … ESC [201~`): text only, never keys. */
	readonly pasting: boolean;
};

/** How the answer ended: Enter (with what was typed), Ctrl+C, or Ctrl+D on an empty line. */
export type AnswerEnd = {kind: 'answer'; text: string} | {kind: 'interrupt'} | {kind: 'end'};

export type AnswerStep = {state: AnswerState; end: AnswerEnd | null; rest: Buffer};

export const emptyAnswer: AnswerState = {pending: Buffer.alloc(0), typed: [], pasting: false};

const escapeByte = 0x1b;
const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';
/** A sequence longer than this is no key a terminal sends: it is dropped rather than waited for. */
const longestSequence = 32;

/** Where the escape sequence at `at` ends (the index after it), 'more' when the bytes stop inside it. */
const escapeEnd = (bytes: Buffer, at: number): number | 'more' => {
	if (at + 1 >= bytes.length) return 'more';
	const kind = bytes[at + 1]!;
	// SS3 (`ESC O A`, the arrows of some terminals): one more byte.
	if (kind === 0x4f) return at + 2 < bytes.length ? at + 3 : 'more';
	// Escape then another key (Alt+key, or Esc pressed alone): only the Escape is dropped.
	if (kind !== 0x5b) return at + 1;
	for (let index = at + 2; index < bytes.length; index++) {
		const byte = bytes[index]!;
		if (byte >= 0x40 && byte <= 0x7e) return index + 1;
		// Not a CSI after all: drop `ESC [`, and take the rest as keys.
		if (byte < 0x20 || byte > 0x3f) return at + 2;
		if (index - at >= longestSequence) return at + 2;
	}
	return bytes.length - at > longestSequence ? at + 2 : 'more';
};

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;

/** The bytes a UTF-8 character starting with `lead` takes (1 for a byte no character starts with). */
const utf8Length = (lead: number): number => {
	if (lead >= 0xf0 && lead <= 0xf4) return 4;
	if (lead >= 0xe0 && lead <= 0xef) return 3;
	if (lead >= 0xc2 && lead <= 0xdf) return 2;
	return 1;
};

const decoder = new TextDecoder('utf-8');

/** The character at `at` and the index after it; 'more' when the bytes stop inside it. */
const characterAt = (bytes: Buffer, at: number): {text: string; next: number} | 'more' => {
	const length = utf8Length(bytes[at]!);
	for (let index = at + 1; index < at + length; index++) {
		if (index >= bytes.length) return 'more';
		// A lead byte without its continuation: one replacement character, and the next byte read afresh.
		if (!isContinuation(bytes[index])) return {text: '\uFFFD', next: at + 1};
	}
	return {text: decoder.decode(bytes.subarray(at, at + length)), next: at + length};
};

/** C0 controls, DEL and C1 controls: never part of a passphrase. */
const isControl = (text: string): boolean => /^[\u0000-\u001f\u007f-\u009f]$/.test(text);

type Typing = {typed: string[]; pasting: boolean};

/** What one key does to the answer (outside a paste); an end when it ends it. */
const pressKey = (typing: Typing, byte: number): AnswerEnd | null => {
	switch (byte) {
		case 0x0d:
		case 0x0a:
			return {kind: 'answer', text: typing.typed.join('')};
		case 0x7f:
		case 0x08:
			typing.typed.pop();
			return null;
		case 0x15:
			typing.typed.length = 0;
			return null;
		case 0x03:
			return {kind: 'interrupt'};
		case 0x04:
			return typing.typed.length === 0 ? {kind: 'end'} : null;
		default:
			return null;
	}
};

/** The index after the Enter that ended an answer: a CR directly followed by LF is one Enter. */
const afterEnter = (bytes: Buffer, at: number): number =>
	bytes[at] === 0x0d && bytes[at + 1] === 0x0a ? at + 2 : at + 1;

/** Takes the escape sequence at `at`; the index after it, or 'more'. */
const takeEscape = (bytes: Buffer, at: number, typing: Typing): number | 'more' => {
	const end = escapeEnd(bytes, at);
	if (end === 'more') return end;
	const sequence = bytes.toString('latin1', at, end);
	if (sequence === pasteStart) typing.pasting = true;
	else if (sequence === pasteEnd) typing.pasting = false;
	return end;
};

/** Takes one byte below 0x80 (a key or a printable ASCII character); an end when it ends the answer. */
const takeAscii = (typing: Typing, byte: number): AnswerEnd | null => {
	if (byte >= 0x20 && byte !== 0x7f) typing.typed.push(String.fromCharCode(byte));
	else if (!typing.pasting) return pressKey(typing, byte);
	return null;
};

/** The state after the bytes of `chunk` (with those pending before), and how the answer ended if it did. */
export const feedAnswer = (state: AnswerState, chunk: Uint8Array): AnswerStep => {
	const bytes = Buffer.concat([state.pending, chunk]);
	const typing: Typing = {typed: [...state.typed], pasting: state.pasting};
	let at = 0;
	while (at < bytes.length) {
		const byte = bytes[at]!;
		if (byte === escapeByte) {
			const next = takeEscape(bytes, at, typing);
			if (next === 'more') break;
			at = next;
		} else if (byte < 0x80) {
			const end = takeAscii(typing, byte);
			if (end) {
				const rest = Buffer.from(bytes.subarray(afterEnter(bytes, at)));
				bytes.fill(0);
				typing.typed.length = 0;
				return {state: emptyAnswer, end, rest};
			}
			at++;
		} else {
			const character = characterAt(bytes, at);
			if (character === 'more') break;
			if (!isControl(character.text)) typing.typed.push(character.text);
			at = character.next;
		}
	}
	const pending = Buffer.from(bytes.subarray(at));
	bytes.fill(0);
	return {state: {pending, typed: typing.typed, pasting: typing.pasting}, end: null, rest: Buffer.alloc(0)};
};
