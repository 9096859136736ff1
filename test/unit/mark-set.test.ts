import {describe, expect, test} from 'vitest';
import {MarkSet} from '../../source/ui/state/mark-set.js';

const ids = (set: MarkSet) => [...set].sort();

describe('a set of marks', () => {
	test.each<[string, (set: MarkSet) => MarkSet, string[]]>([
		['nothing marked', (set) => set, []],
		['one marked', (set) => set.with('a'), ['a']],
		['marked twice is marked once', (set) => set.with('a').with('a'), ['a']],
		['marked then unmarked', (set) => set.with('a').without('a'), []],
		['unmarking what is not marked', (set) => set.without('a'), []],
		['a union', (set) => set.with('a').union(['b', 'c', 'a']), ['a', 'b', 'c']],
		['a union of nothing', (set) => set.union([]), []],
		['unmarked from the base, then marked again', (set) => set.union(['a', 'b']).without('a').with('a'), ['a', 'b']],
		['filtered', (set) => set.union(['a', 'b', 'c']).filter((id) => id !== 'b'), ['a', 'c']],
	])('%s', (_name, change, expected) => {
		const set = change(MarkSet.empty);
		expect(ids(set)).toEqual(expected);
		expect(set.size).toBe(expected.length);
		for (const id of ['a', 'b', 'c']) expect(set.has(id), id).toBe(expected.includes(id));
	});

	test('the same set comes back when nothing changes (a frame compares by identity)', () => {
		const set = MarkSet.of(['a', 'b']);
		expect(set.with('a')).toBe(set);
		expect(set.without('z')).toBe(set);
		expect(set.union(['b'])).toBe(set);
		expect(set.filter(() => true)).toBe(set);
		expect(MarkSet.of([])).toBe(MarkSet.empty);
	});

	test('the old set is unchanged by a new one made from it', () => {
		const before = MarkSet.of(['a', 'b']);
		const after = before.without('a').with('c');
		expect(ids(before)).toEqual(['a', 'b']);
		expect(ids(after)).toEqual(['b', 'c']);
	});

	test('thousands of single marks on 100,000 stay right across compactions', () => {
		let set = MarkSet.of(Array.from({length: 100_000}, (_, index) => `id${index}`));
		for (let index = 0; index < 5000; index++)
			set = index % 2 === 0 ? set.without(`id${index}`) : set.with(`new${index}`);
		expect(set.size).toBe(100_000 - 2500 + 2500);
		expect(set.has('id0')).toBe(false);
		expect(set.has('id1')).toBe(true);
		expect(set.has('new1')).toBe(true);
		expect(set.has('new2')).toBe(false);
		expect(new Set(set).size).toBe(set.size);
	});
});
