import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import InkOutput from '../../node_modules/ink/build/output.js';
import FrameOutput, {joining} from '../../source/ui/output/frame-output.js';

// The console's bundle draws with FrameOutput in place of Ink's Output: for the same writes, the frame
// must be the same text, byte for byte, as Ink's own would be.

type Transformer = (line: string, index: number) => string;
type Step =
	| {write: [x: number, y: number, text: string]; transformers?: Transformer[]}
	| {clip: {x1?: number; x2?: number; y1?: number; y2?: number}}
	| 'unclip';

const frameOf = (Output: typeof InkOutput | typeof FrameOutput, width: number, height: number, steps: Step[]) => {
	const output = new Output({width, height});
	for (const step of steps) {
		if (step === 'unclip') output.unclip();
		else if ('clip' in step)
			output.clip({x1: undefined, x2: undefined, y1: undefined, y2: undefined, ...step.clip} as never);
		else output.write(...step.write, {transformers: step.transformers ?? []});
	}
	return output.get();
};

const same = (width: number, height: number, steps: Step[]) => {
	const expected = frameOf(InkOutput, width, height, steps);
	// Twice: the second frame reads what the first one kept.
	expect(frameOf(FrameOutput, width, height, steps)).toEqual(expected);
	expect(frameOf(FrameOutput, width, height, steps)).toEqual(expected);
};

const red = '\u001B[31m';
const bold = '\u001B[1m';
const dim = '\u001B[2m';
const inverse = '\u001B[7m';
const reset = '\u001B[0m';
const link = '\u001B]8;;https://example.com\u0007site\u001B]8;;\u0007';

const fragments = [
	'',
	' ',
	'Ada Lovelace',
	'张伟 · 上海',
	'─│┌┐└┘├┤',
	'👍🏽 🇨🇳 👨‍👩‍👧',
	'e\u0301 n\u0303',
	'…—“quoted”',
	'ｶﾞ',
	'\t tab',
	'±°Ω ＡＢ 한국어 가',
	'क्षि ไทย',
	'☺️ 1️⃣ ‍ ︎',
	red,
	bold,
	dim,
	inverse,
	reset,
	'\u001B[22m',
	'\u001B[39m',
	'\u001B[27m',
	'\u001B[1;31;44m',
	'\u001B[38;5;208m',
	'\u001B[48;2;10;20;30m',
	'\u001B[m',
	'\u001B[31x',
	'\u001B',
	'\u009B31m',
	`${red}\u0301after a mark`,
	link,
];

/** A small fixed-seed generator: the same cases on every run. */
const random = (seed: number) => () => {
	seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
	return seed / 2_147_483_648;
};

describe('FrameOutput draws what Ink’s Output draws', () => {
	test.each([
		['nothing written', 10, 3, []],
		['a frame of no width', 0, 2, [{write: [0, 0, 'text']}]],
		['plain text', 20, 2, [{write: [2, 0, 'Ada Lovelace\nGrace']}]],
		['styles changing mid-line', 30, 1, [{write: [0, 0, `a${red}b${bold}c${reset}d${inverse}e`]}]],
		['a style left open at the line’s end', 12, 1, [{write: [0, 0, `${red}open   `]}]],
		['wide characters, one overwritten by the next write', 12, 1, [{write: [0, 0, '张伟上海']}, {write: [1, 0, 'x']}]],
		['text past the right edge', 5, 1, [{write: [3, 0, 'abcdef']}]],
		['text taller than the frame', 6, 2, [{write: [0, 1, 'one\ntwo\nthree']}]],
		['text above the top', 6, 3, [{write: [0, -1, 'one\ntwo\nthree']}]],
		['an escape that starts no sequence', 20, 1, [{write: [0, 0, `a\u001B[31xb\u001Bc`]}]],
		['a mark joined to a sequence', 20, 1, [{write: [0, 0, `${red}\u0301abc`]}]],
		['a link', 20, 1, [{write: [0, 0, `see ${link} here`]}]],
		[
			'a clip both ways, nested',
			20,
			6,
			[
				{clip: {x1: 2, x2: 10, y1: 1, y2: 4}},
				{write: [0, 0, `${red}0123456789ABCDEF\n张伟上海张伟上海\nline three\nfour\nfive`]},
				{clip: {x1: 4, x2: 6}},
				{write: [3, 2, 'nested']},
				'unclip',
				{write: [12, 1, 'outside']},
				'unclip',
				{write: [0, 5, 'after']},
			],
		],
		[
			'lines inside a clip whole, and lines the cutting changes: a reset, a tab, a lone mark',
			30,
			4,
			[
				{clip: {x1: 0, x2: 30}},
				{write: [0, 0, `${red}fits ${bold}whole\u001B[22m\u001B[39m 张伟`]},
				{write: [0, 1, `\u001B[m${red}reset${reset} after`]},
				{write: [0, 2, 'a\ttab']},
				{write: [0, 3, '\u0301 mark']},
				'unclip',
			],
		],
		[
			'transformers, each given the line’s index',
			20,
			3,
			[
				{
					write: [1, 0, 'one\ntwo'],
					transformers: [(line, index) => `${bold}${line.toUpperCase()}${index}\u001B[22m`, (line) => `>${line}`],
				},
			],
		],
	] as Array<[string, number, number, Step[]]>)('%s', (_name, width, height, steps) => same(width, height, steps));

	test('1,000 frames of random writes of every kind of text', () => {
		const next = random(20_261_202);
		const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
		for (let frame = 0; frame < 1000; frame++) {
			const width = 1 + Math.floor(next() * 40);
			const height = 1 + Math.floor(next() * 6);
			const steps: Step[] = [];
			let clips = 0;
			for (let step = 0; step < 8; step++) {
				const roll = next();
				if (roll < 0.12) {
					clips++;
					steps.push({clip: {x1: Math.floor(next() * width), x2: Math.floor(next() * width) + 2}});
				} else if (roll < 0.2) {
					clips++;
					steps.push({clip: {y1: Math.floor(next() * height), y2: Math.floor(next() * height) + 1}});
				} else if (roll < 0.26 && clips > 0) {
					clips--;
					steps.push('unclip');
				} else {
					const text = Array.from({length: 1 + Math.floor(next() * 6)}, () =>
						next() < 0.15 ? '\n' : pick(fragments),
					).join('');
					steps.push({write: [Math.floor(next() * width) - 2, Math.floor(next() * height) - 1, text]});
				}
			}
			same(width, height, steps);
		}
	});

	test('every character outside `joining` is a grapheme of its own, its width added as string-width adds it', () => {
		const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
		const wrong: string[] = [];
		for (let code = 0x20; code <= 0xffff; code++) {
			const character = String.fromCharCode(code);
			if (joining.test(character)) continue;
			const pair = `${character}${character}a`;
			if ([...graphemes.segment(pair)].length !== 3 || stringWidth(pair) !== 2 * stringWidth(character) + 1)
				wrong.push(code.toString(16));
		}
		expect(wrong).toEqual([]);
		// Every character of the first plane, twice: about 3 s alone, more on a busy machine.
	}, 60_000);
});
