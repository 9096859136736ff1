import {describe, expect, test} from 'vitest';
import {type AnswerEnd, type AnswerState, emptyAnswer, feedAnswer} from '../../source/cli/passphrase-keys.js';

/** The keys of a hidden passphrase prompt (issue 22), as the bytes a raw-mode terminal sends, chunk by chunk. */
type Fed = {end: AnswerEnd | null; rest: string; state: AnswerState};

const bytesOf = (chunk: string | number[]): Buffer =>
	typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);

/** Feeds the chunks in turn, until one ends the answer. */
const feed = (chunks: (string | number[])[]): Fed => {
	let state = emptyAnswer;
	for (const chunk of chunks) {
		const step = feedAnswer(state, bytesOf(chunk));
		if (step.end) return {end: step.end, rest: step.rest.toString('utf8'), state: step.state};
		state = step.state;
	}
	return {end: null, rest: '', state};
};

const answer = (text: string): AnswerEnd => ({kind: 'answer', text});
const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];
const zhong = utf8('中');
const key = utf8('🔑');

describe('an answer typed at the prompt', () => {
	test.each<[string, (string | number[])[], AnswerEnd | null, string]>([
		['the empty answer: Enter alone', ['\r'], answer(''), ''],
		['the null: no bytes at all', [], null, ''],
		['an empty chunk, then Enter', ['', '\r'], answer(''), ''],
		['one key a chunk', ['a', 'b', 'c', '\r'], answer('abc'), ''],
		['several keys in one chunk', ['abc\r'], answer('abc'), ''],
		['Enter as LF (a pipe-like terminal)', ['abc\n'], answer('abc'), ''],
		['CR LF is one Enter', ['abc\r\nnext'], answer('abc'), 'next'],
		[
			'a paste of two lines: the second is left for the next question',
			['first\rsecond\r'],
			answer('first'),
			'second\r',
		],
		['UTF-8 split inside a Chinese character', [[zhong[0]!], [zhong[1]!, zhong[2]!], '\r'], answer('中'), ''],
		['UTF-8 split byte by byte in an emoji', [...key.map((byte) => [byte]), '\r'], answer('🔑'), ''],
		['a Chinese passphrase in one chunk', ['客户密钥\r'], answer('客户密钥'), ''],
		['Backspace removes a Chinese character whole', ['中文\u007f\r'], answer('中'), ''],
		['Backspace removes an emoji whole (both of its UTF-16 units)', ['a🔑\u007f\r'], answer('a'), ''],
		['Ctrl+H is a Backspace too', ['ab\u0008\r'], answer('a'), ''],
		['Backspace on an empty answer does nothing', ['\u007f\u007fa\r'], answer('a'), ''],
		['Ctrl+U clears what was typed', ['wrong\u0015right\r'], answer('right'), ''],
		['Ctrl+C stops', ['sec\u0003ret\r'], {kind: 'interrupt'}, 'ret\r'],
		['Ctrl+D on an empty line ends the input', ['\u0004'], {kind: 'end'}, ''],
		['Ctrl+D after a character does nothing', ['a\u0004b\r'], answer('ab'), ''],
		['arrows and other keys are not typed', ['a\u001b[Db\u001bOA\u001b[3~c\r'], answer('abc'), ''],
		['an arrow split across chunks', ['a\u001b', '[', 'Db\r'], answer('ab'), ''],
		['Escape then a key: only the Escape is dropped', ['\u001bx\r'], answer('x'), ''],
		['Escape then Enter: the Enter still ends', ['ab\u001b', '\r'], answer('ab'), ''],
		['tab and other controls are not typed', ['a\tb\u0001\r'], answer('ab'), ''],
		['a bracketed paste is text', ['\u001b[200~pass word\u001b[201~\r'], answer('pass word'), ''],
		[
			'a bracketed paste keeps no line break, and is no keys',
			['\u001b[200~a\u007fb\r\n\u0003\u001b[201~!\r'],
			answer('ab!'),
			'',
		],
		['a paste marker split across chunks', ['\u001b[20', '0~x\ry\u001b[2', '01~\r'], answer('xy'), ''],
		['bytes that are not UTF-8 are one replacement each', [[0xff, 0xc3, 0x41], '\r'], answer('\uFFFD\uFFFDA'), ''],
	])('%s', (_, chunks, end, rest) => {
		const fed = feed(chunks);
		expect(fed.end).toEqual(end);
		expect(fed.rest).toBe(rest);
	});

	test('what is typed before an Enter waits, split bytes included', () => {
		const fed = feed(['ab', [zhong[0]!]]);
		expect(fed.end).toBeNull();
		expect(fed.state.typed).toEqual(['a', 'b']);
		expect([...fed.state.pending]).toEqual([zhong[0]]);
	});

	test('an unending escape sequence is dropped, not waited for', () => {
		// `ESC [` and 40 digits: no terminal sends that; the digits are typed, the ESC [ dropped.
		expect(feed([`\u001b[${'1'.repeat(40)}`, 'x\r']).end).toEqual(answer(`${'1'.repeat(40)}x`));
	});

	test('the state fed in is not changed (the function is pure)', () => {
		const before = feed(['ab']).state;
		const typed = [...before.typed];
		feedAnswer(before, Buffer.from('\u0015c'));
		expect(before.typed).toEqual(typed);
	});
});
