import {describe, expect, test} from 'vitest';
import {parseKeys} from '../../source/ui/keys/key-parser.js';

const ids = (input: string) => parseKeys(input).map((key) => key.id);

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
		expect(parseKeys('王é')).toEqual([
			{id: '王', text: '王'},
			{id: 'é', text: 'é'},
		]);
	});

	test('an unknown sequence is named, not dropped or typed', () => {
		expect(ids('\u001B[99~')).toEqual(['unknown:[99~']);
	});
});
