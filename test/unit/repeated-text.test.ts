import {describe, expect, test} from 'vitest';
import {RepeatedText} from '../../source/store/repeated-text.js';

// Whether two equal strings are one in memory cannot be seen from JavaScript; what can be is that the records stay as they were.
const deals = (count: number, offset = 0) =>
	Array.from({length: count}, (_, index) => ({
		id: `opp_${String(index + offset).padStart(10, '0')}`,
		owner: ['Sofia Lindqvist', 'Tomás Ortega', '刘洋 上海华信贸易'][index % 3],
		notes: index % 2 === 0 ? '' : null,
		amount: index,
		when: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
		comments:
			index % 4 === 0 ? [] : [{author: 'Taylor Brooks', body: 'Thanks for reaching out, we are looking into it.'}],
		tags: ['a long repeated tag', 'x'],
		nested: {deeper: {text: 'the same words every time'}},
	}));

describe('RepeatedText', () => {
	test.each([
		['no records', 0],
		['a few records (every field still being judged)', 10],
		['records past the plan', 5000],
	])('%s: the records are unchanged', (_name, count) => {
		const records = deals(count);
		const expected = structuredClone(records);
		const repeated = new RepeatedText();
		// In batches, as a file's parts come.
		for (let at = 0; at < records.length; at += 777) repeated.share('opportunities', records.slice(at, at + 777));
		expect(records).toEqual(expected);
	});

	test('values that are not records (null, numbers, strings, lists) are left as they are', () => {
		const values = [null, 1, 'a string of some length', [1, 'two'], {a: null}];
		const expected = structuredClone(values);
		new RepeatedText().share('customers', values);
		expect(values).toEqual(expected);
	});

	test('the fields that repeat are shared; ids, times and short text are not', () => {
		const repeated = new RepeatedText();
		repeated.share('opportunities', deals(5000));
		expect(repeated.sharedFields('opportunities')).toEqual([
			'comments.author',
			'comments.body',
			'nested.deeper.text',
			'owner',
			'tags',
		]);
		// Judged list by list: a list with few records has no plan yet; another list's fields are its own.
		repeated.share('orders', deals(100));
		expect(repeated.sharedFields('orders')).toEqual([]);
		expect(repeated.sharedFields('customers')).toEqual([]);
	});

	test('a field whose values stop repeating is judged on its first thousand', () => {
		const repeated = new RepeatedText();
		const records = deals(5000).map((deal, index) => ({...deal, owner: index < 500 ? 'Sofia Lindqvist' : deal.when}));
		repeated.share('opportunities', records);
		expect(repeated.sharedFields('opportunities')).not.toContain('owner');
	});
});
