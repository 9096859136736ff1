import type {Key} from '../keys/key-parser.js';
import {graphemesOf} from '../layout/graphemes.js';

/** A single-line text being typed: the text and the caret, counted in graphemes. */
export type TextInput = {text: string; caret: number};

const split = graphemesOf;

export const textInput = (text = ''): TextInput => ({text, caret: split(text).length});

/**
 * Readline-style editing: type or paste, Backspace/Delete, ←/→, Home/End (Ctrl+A/Ctrl+E), Ctrl+U clears,
 * Ctrl+W deletes the word before the caret. Returns undefined for keys that are not editing keys.
 */
export const editText = (input: TextInput, key: Key): TextInput | undefined => {
	const parts = split(input.text);
	const caret = Math.min(input.caret, parts.length);
	const join = (next: string[], at: number): TextInput => ({text: next.join(''), caret: at});
	// A text run (a paste) goes in whole, the caret after its last character.
	if (key.text !== undefined)
		return join([...parts.slice(0, caret), key.text, ...parts.slice(caret)], caret + split(key.text).length);
	switch (key.id) {
		case 'backspace':
			return caret === 0 ? input : join([...parts.slice(0, caret - 1), ...parts.slice(caret)], caret - 1);
		case 'delete':
			return join([...parts.slice(0, caret), ...parts.slice(caret + 1)], caret);
		case 'left':
			return {...input, caret: Math.max(0, caret - 1)};
		case 'right':
			return {...input, caret: Math.min(parts.length, caret + 1)};
		case 'home':
		case 'ctrl+a':
			return {...input, caret: 0};
		case 'end':
		case 'ctrl+e':
			return {...input, caret: parts.length};
		case 'ctrl+u':
			return {text: '', caret: 0};
		case 'ctrl+w': {
			let start = caret;
			while (start > 0 && /\s/.test(parts[start - 1]!)) start--;
			while (start > 0 && !/\s/.test(parts[start - 1]!)) start--;
			return join([...parts.slice(0, start), ...parts.slice(caret)], start);
		}
		default:
			return undefined;
	}
};

/** The text split at the caret, for drawing it: before, the character under the caret, after. */
export const caretParts = (input: TextInput): {before: string; at: string; after: string} => {
	const parts = split(input.text);
	const caret = Math.min(input.caret, parts.length);
	return {before: parts.slice(0, caret).join(''), at: parts[caret] ?? ' ', after: parts.slice(caret + 1).join('')};
};
