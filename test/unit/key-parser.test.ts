import {describe, expect, test} from 'vitest';
import {parseKeys, singleKeys} from '../../source/ui/keys/key-parser.js';

/** The keys as typed: a text run (a paste) counts as its characters. */
const ids = (input: string) =>
	parseKeys(input)
		.flatMap(singleKeys)
		.map((key) => key.id);

describe('parseKeys', () => {
	test.each([
		['jjjjj', ['j', 'j', 'j', 'j', 'j']],
		['\r', ['enter']],
		['\t', ['tab']],
		['\u001B[Z', ['shift+tab']],
		['\u001B', ['escape']],
		['\u001B[A', ['up']],
		['\u001BOB', ['down']],
		['\u001B[5~', ['pageup']],
		['\u001B[6~', ['pagedown']],
		['\u001B[H', ['home']],
		['\u001B[4~', ['end']],
		['\u001B[1;5A', ['ctrl+up']],
		['\u0004', ['ctrl+d']],
		['\u0015', ['ctrl+u']],
		['\u0003', ['ctrl+c']],
		['\u007F', ['backspace']],
		['\u001Bx', ['escape', 'x']],
		['\u001Bj', ['escape', 'j']],
		['\u001B\u001B', ['escape', 'escape']],
		['\u001B\u001B[A', ['escape', 'up']],
		['G', ['G']],
	])('%j is %j', (input, expected) => {
		expect(ids(input)).toEqual(expected);
	});

	test('several escape sequences and text in one chunk all arrive, in order', () => {
		expect(ids('\u001B[B\u001B[Bjk\u001B[6~G\r')).toEqual(['down', 'down', 'j', 'k', 'pagedown', 'G', 'enter']);
	});

	test('CJK and accented characters are single printable keys with their text', () => {
		expect(parseKeys('王')).toEqual([{id: '王', text: '王'}]);
		expect(parseKeys('é')).toEqual([{id: 'é', text: 'é'}]);
		expect(parseKeys('王é').flatMap(singleKeys)).toEqual([
			{id: '王', text: '王'},
			{id: 'é', text: 'é'},
		]);
	});

	test('printable characters arriving together are one text run, cut at every control key and sequence', () => {
		expect(parseKeys('')).toEqual([]);
		expect(parseKeys('j')).toEqual([{id: 'j', text: 'j'}]);
		expect(parseKeys('jjjjj')).toEqual([{id: 'text', text: 'jjjjj'}]);
		expect(parseKeys('Zoë Quist\tana\r')).toEqual([
			{id: 'text', text: 'Zoë Quist'},
			{id: 'tab'},
			{id: 'text', text: 'ana'},
			{id: 'enter'},
		]);
		expect(parseKeys('ab\u001B[Bc')).toEqual([{id: 'text', text: 'ab'}, {id: 'down'}, {id: 'c', text: 'c'}]);
		expect(parseKeys('\u001Bxy')).toEqual([{id: 'escape'}, {id: 'text', text: 'xy'}]);
		// A family emoji is one character of several code points, not a run.
		expect(parseKeys('👨‍👩‍👧')).toEqual([{id: '👨‍👩‍👧', text: '👨‍👩‍👧'}]);
		const paste = 'x'.repeat(10_000);
		expect(parseKeys(paste)).toEqual([{id: 'text', text: paste}]);
		expect(singleKeys({id: 'text', text: 'ab'})).toEqual([
			{id: 'a', text: 'a'},
			{id: 'b', text: 'b'},
		]);
		expect(singleKeys({id: 'enter'})).toEqual([{id: 'enter'}]);
	});

	test('an unknown sequence is named, not dropped or typed', () => {
		expect(ids('\u001B[99~')).toEqual(['unknown:[99~']);
	});
});
