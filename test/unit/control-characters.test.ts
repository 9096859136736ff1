import {describe, expect, it} from 'vitest';
import {controlCharacterProblem, escapeControls, escapeJsonControls} from '../../source/domain/control-characters.js';

describe('escapeControls: control characters shown, never sent', () => {
	it.each([
		['', ''],
		['Acme', 'Acme'],
		['王伟 Tomás', '王伟 Tomás'],
		// A window title (OSC 0), the clipboard (OSC 52), a colour (CSI … m), CSI as one C1 character.
		['\u001B]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
		['\u001B]52;c;cm0gLXJmIH4=\u0007', '\\x1b]52;c;cm0gLXJmIH4=\\x07'],
		['\u001B[31mred', '\\x1b[31mred'],
		['a\u009Bb', 'a\\x9bb'],
		['\u0000', '\\x00'],
		['del\u007F', 'del\\x7f'],
		['\u0080\u009F', '\\x80\\x9f'],
		['carriage\rreturn', 'carriage\\x0dreturn'],
		['two\nlines\tand a tab', 'two\nlines\tand a tab'],
		// Printable neighbours of the ranges stay.
		['\u001F \u0020~\u00A0¡', '\\x1f  ~\u00A0¡'],
	])('%j → %j (newline and tab kept)', (text, shown) => {
		expect(escapeControls(text)).toBe(shown);
	});

	it.each([
		['', ''],
		['two\nlines', 'two\\x0alines'],
		['a\tb', 'a\\x09b'],
		['\u001B[31m\n', '\\x1b[31m\\x0a'],
	])('as a single line, %j → %j', (text, shown) => {
		expect(escapeControls(text, false)).toBe(shown);
	});

	it('is idempotent: escaped text holds no control character', () => {
		const once = escapeControls('\u001B]0;x\u0007\u009B\n', false);
		expect(escapeControls(once, false)).toBe(once);
		expect(/[\u0000-\u001F\u007F-\u009F]/.test(once)).toBe(false);
	});

	it('gives the same answer on repeated calls (the global pattern keeps no state)', () => {
		for (let round = 0; round < 3; round++) expect(escapeControls('x\u001By')).toBe('x\\x1by');
		expect(escapeControls('plain')).toBe('plain');
	});
});

describe('controlCharacterProblem: what may not be stored', () => {
	it.each([
		['', true],
		['', false],
		['Acme Ltd', false],
		['Called twice.\nWill call back\ton Monday.', true],
		['王伟', false],
	])('%j (multi-line %s) is fine', (text, multiline) => {
		expect(controlCharacterProblem(text, multiline)).toBeNull();
	});

	it.each([
		['\u001B]0;pwned\u0007', false, '\\x1b at position 1'],
		['Acme\u009B', false, '\\x9b at position 5'],
		['Acme\u007F', true, '\\x7f at position 5'],
		['line\r\nbreak', true, '\\x0d at position 5'],
		['one\nline', false, '\\x0a at position 4 (a single line of text)'],
		['tab\there', false, '\\x09 at position 4'],
		['nul\u0000', true, '\\x00 at position 4'],
	])('%j (multi-line %s) is refused, naming %s', (text, multiline, where) => {
		const problem = controlCharacterProblem(text, multiline);
		expect(problem).toContain(where);
		expect(problem).toContain('control characters are not stored');
		// The reason itself is safe to show anywhere.
		expect(/[\u0000-\u001F\u007F-\u009F]/.test(problem!)).toBe(false);
	});
});

describe('escapeJsonControls: JSON a terminal can show, the same data', () => {
	it.each([
		['', ''],
		['plain', 'plain'],
		['\u001B]0;pwned\u0007', '\u001B]0;pwned\u0007'],
		['csi\u009B2J', 'csi\u009B2J'],
		['del\u007F', 'del\u007F'],
		['\u0080 and \u009F', '\u0080 and \u009F'],
		['王伟\n', '王伟\n'],
	])('%j', (value) => {
		const json = escapeJsonControls(JSON.stringify({value}));
		expect(/[\u0000-\u001F\u007F-\u009F]/.test(json)).toBe(false);
		expect(JSON.parse(json)).toEqual({value});
	});

	it('writes DEL and C1 as \\u escapes and leaves the rest of the text alone', () => {
		expect(escapeJsonControls('"a\u009Bb\u007F"')).toBe('"a\\u009bb\\u007f"');
		expect(escapeJsonControls('{"a": [1, "x"]}\n')).toBe('{"a": [1, "x"]}\n');
	});
});
