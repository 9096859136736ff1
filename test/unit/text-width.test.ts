import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import inkWidestLine from 'widest-line';
import {characterWidth, graphemeWidth, joining, textWidth} from '../../source/ui/layout/text-width.js';
import widestLine from '../../source/ui/output/widest-line.js';

// textWidth is string-width for less, and widestLine (Ink's measure of a text, in the console's
// bundle) is widest-line: for every text, the same number.

const red = '\u001B[31m';
const reset = '\u001B[39m';

const fragments = [
	'',
	' ',
	'\u0000',
	'Ada Lovelace',
	'—',
	'Amara Andersson  —  Tomás Ortega  amara.andersson@keystonepartners.exam…',
	'› ↑ ↓ · ★',
	'张伟 · 上海',
	'한국어 가',
	'ｶﾞ ＡＢ',
	'─│┌┐',
	'👍🏽 🇨🇳 👨‍👩‍👧',
	'e\u0301 n\u0303',
	'क्षि ไทย',
	'☺️ 1️⃣ ‍ ︎',
	'\t tab',
	'\u00AD soft',
	red,
	reset,
	'\u001B[1;31;44m',
	'\u001B[38;2;10;20;30m',
	'\u001B[m',
	'\u001B[31x',
	'\u001B',
	'\u009B31m',
	`${red}\u0301after a mark`,
	'\u001B]8;;https://example.com\u0007site\u001B]8;;\u0007',
];

/** A small fixed-seed generator: the same cases on every run. */
const random = (seed: number) => () => {
	seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
	return seed / 2_147_483_648;
};

describe('textWidth counts as string-width counts', () => {
	test.each(fragments.map((text) => [JSON.stringify(text), text]))('%s', (_name, text) => {
		expect(textWidth(text)).toBe(stringWidth(text));
		// Again: the second time is read from what the first kept.
		expect(textWidth(text)).toBe(stringWidth(text));
	});

	test('5,000 random texts of every kind, lines among them', () => {
		const next = random(20_261_203);
		const wrong: string[] = [];
		for (let run = 0; run < 5000; run++) {
			const text = Array.from({length: 1 + Math.floor(next() * 8)}, () =>
				next() < 0.1 ? '\n' : fragments[Math.floor(next() * fragments.length)]!,
			).join('');
			if (textWidth(text) !== stringWidth(text) || widestLine(text) !== inkWidestLine(text))
				wrong.push(JSON.stringify(text));
		}
		expect(wrong).toEqual([]);
	});
});

describe('characterWidth counts one character as string-width counts it', () => {
	// Every character of the first plane that is a grapheme of its own (the ones `joining` does not
	// match), from the control-free ASCII up: ignorable, emoji, wide, ambiguous and unassigned among them.
	test('every such character', () => {
		const wrong: string[] = [];
		for (let code = 0x20; code < 0x1_00_00; code++) {
			const character = String.fromCharCode(code);
			if (joining.test(character)) continue;
			if (characterWidth(character) !== stringWidth(character))
				wrong.push(`U+${code.toString(16)}: ${characterWidth(character)}, not ${stringWidth(character)}`);
		}
		expect(wrong).toEqual([]);
	});

	test.each([
		['an ASCII letter', 'a', 1],
		['a dash', '—', 1],
		['a box line, ambiguous: narrow', '─', 1],
		['a Chinese character', '张', 2],
		['a fullwidth letter', 'Ａ', 2],
		['a halfwidth katakana', 'ｶ', 1],
		['a watch, an emoji as a picture', '⌚', 2],
		['a halfwidth Hangul filler, ignorable', '\uFFA0', 0],
		['a Hangul filler, ignorable', '\u3164', 0],
	])('%s', (_name, character, width) => {
		expect(joining.test(character)).toBe(false);
		expect(characterWidth(character)).toBe(width);
		expect(graphemeWidth(character)).toBe(width);
	});

	test.each([
		['nothing', ''],
		['a combining mark after a letter', 'e\u0301'],
		['a flag, two characters beyond the first plane', '🇨🇳'],
		['a keycap sequence', '1️⃣'],
	])('graphemeWidth of what is not one such character: %s, as string-width', (_name, text) => {
		expect(graphemeWidth(text)).toBe(stringWidth(text));
	});
});

describe('widestLine measures as widest-line measures', () => {
	test.each([
		['nothing', '', 0],
		['one line', 'Ada', 3],
		['the widest of three lines', 'a\n张伟上海\nabc', 8],
		['an empty line last', 'abc\n', 3],
		['colours not counted', `${red}red${reset}\nab`, 3],
	])('%s', (_name, text, width) => {
		expect(widestLine(text)).toBe(width);
		expect(inkWidestLine(text)).toBe(width);
	});
});
