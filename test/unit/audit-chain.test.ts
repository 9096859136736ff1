import {describe, expect, test} from 'vitest';
import {canonical, chainEntries, verifyChain} from '../../source/domain/audit-chain.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';

/** The same value with the keys of every object in reverse order. */
const reversed = (value: unknown): unknown => {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(reversed);
	return Object.fromEntries(
		Object.keys(value)
			.reverse()
			.map((key) => [key, reversed((value as Record<string, unknown>)[key])]),
	);
};

describe('canonical: JSON with the keys in order at every level, whatever order they were written in', () => {
	test.each<[string, unknown, string]>([
		['null', null, 'null'],
		['undefined alone', undefined, 'null'],
		['the empty object', {}, '{}'],
		['the empty array', [], '[]'],
		['a string with a quote and a lone surrogate', 'a"\ud800', '"a\\"\\ud800"'],
		['numbers that JSON has no word for', [Number.NaN, Number.POSITIVE_INFINITY, -0], '[null,null,0]'],
		['keys in order already', {a: 1, b: {c: [1, 'x'], d: null}}, '{"a":1,"b":{"c":[1,"x"],"d":null}}'],
		['keys out of order', {b: 1, a: {d: 2, c: 3}}, '{"a":{"c":3,"d":2},"b":1}'],
		['an undefined value is left out, in order or not', {a: undefined, b: 1}, '{"b":1}'],
		['undefined in an array is null', [1, undefined, 2], '[1,null,2]'],
		['a hole in an array is null', Object.assign(new Array(3), {0: 1, 2: 3}), '[1,null,3]'],
		['integer-like keys sort as text (10 before 9)', {9: 'nine', 10: 'ten', a: 'a'}, '{"10":"ten","9":"nine","a":"a"}'],
		['integer-like keys already in text order', {1: 'one', 2: 'two'}, '{"1":"one","2":"two"}'],
		[
			'keys by UTF-16 code unit (capitals first, then lower case, then CJK)',
			{名: 1, b: 2, B: 3},
			'{"B":3,"b":2,"名":1}',
		],
		['an equal-looking prefix', {ab: 1, a: 2}, '{"a":2,"ab":1}'],
		['a date is an object of its own, not its toJSON', {at: new Date(0)}, '{"at":{}}'],
		['a function value is null', {a: () => 1}, '{"a":null}'],
		['an object without a prototype', Object.assign(Object.create(null) as object, {b: 1, a: 2}), '{"a":2,"b":1}'],
	])('%s', (_, value, expected) => {
		expect(canonical(value)).toBe(expected);
		expect(canonical(reversed(value))).toBe(expected);
	});

	test('omitting a key (an entry without its own hash) leaves it out at the top only', () => {
		expect(canonical({hash: 'x', a: 1, b: {hash: 'kept'}}, 'hash')).toBe('{"a":1,"b":{"hash":"kept"}}');
		expect(canonical({a: 1, b: {hash: 'kept'}, hash: 'x'}, 'hash')).toBe('{"a":1,"b":{"hash":"kept"}}');
	});

	test('an entry hashes the same whatever order its keys were written in, so the chain verifies either way', () => {
		const entry = {
			id: 'chg_abcd1234',
			at: '2026-01-01T00:00:00.000Z',
			operator: 'ana',
			action: 'create',
			entity: 'customers',
			recordId: 'cus_abcd1234',
			label: 'Ana',
			changes: [{field: 'name', after: 'Ana'}],
			undoOf: null,
			batch: null,
		} as ChangeEntry;
		const [inOrder] = chainEntries('', [entry]);
		const [outOfOrder] = chainEntries('', [reversed(entry) as ChangeEntry]);
		expect(outOfOrder!.hash).toBe(inOrder!.hash);
		expect(verifyChain([reversed(inOrder)])).toMatchObject({ok: true, count: 1});
	});
});
