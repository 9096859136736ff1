import {describe, expect, test} from 'vitest';
import {type Change, changesBetween, DayTable} from '../../source/assessment/day-table.js';

type Row = {id: string; value: number};

const row = (id: string, value = 0): Row => ({id, value});
const rows = (count: number): Row[] => Array.from({length: count}, (_, index) => row(`r${index}`, index));

/** A change as ids: `a>a'` replaced, `-a` removed, `+a` added. */
const said = (changes: ReadonlyArray<Change<Row>> | undefined): string[] | undefined =>
	changes?.map(([old, current]) =>
		old && current ? `${old.id}>${current.id}${current.value}` : old ? `-${old.id}` : `+${current!.id}`,
	);

describe('changesBetween: what the store changed from one version of a list to the next', () => {
	// Lists long enough that the walk skips their common ends, and short ones (the other loops).
	for (const length of [0, 1, 5, 200, 5000]) {
		const before = rows(length);
		const cases: Array<[string, () => Row[], string[] | undefined]> = [
			['the same records in a new list', () => [...before], []],
		];
		if (length > 0) {
			const last = length - 1;
			cases.push(
				['the first record replaced', () => before.with(0, row('r0', -1)), ['r0>r0-1']],
				['the last record replaced', () => before.with(last, row(`r${last}`, -1)), [`r${last}>r${last}-1`]],
				['a record added at the end', () => [...before, row('new')], ['+new']],
				['the last record removed', () => before.slice(0, last), [`-r${last}`]],
				['the first record removed', () => before.slice(1), ['-r0']],
			);
		}
		if (length >= 5) {
			const middle = Math.floor(length / 2);
			cases.push(
				[
					'a record in the middle replaced',
					() => before.with(middle, row(`r${middle}`, -1)),
					[`r${middle}>r${middle}-1`],
				],
				['a record in the middle removed', () => before.filter((_, index) => index !== middle), [`-r${middle}`]],
				[
					'two records apart replaced',
					() => before.with(1, row('r1', -1)).with(length - 2, row(`r${length - 2}`, -1)),
					['r1>r1-1', `r${length - 2}>r${length - 2}-1`],
				],
				// Another record in its place (not an edit the store makes): counted afresh.
				['a record replaced by another', () => before.with(middle, row('other')), undefined],
			);
		}
		for (const [name, after, expected] of cases)
			test(`${length} records: ${name}`, () => {
				const next = after();
				expect(said(changesBetween(before, next))).toEqual(expected);
			});
	}

	test('a list with a record that appears twice after an edit (the same object) is walked, not skipped past', () => {
		const before = rows(300);
		const after = [...before];
		after[150] = before[149]!;
		expect(said(changesBetween(before, after))).toBeUndefined();
	});

	test('more changed records than are carried one by one: undefined (built afresh)', () => {
		const before = rows(5000);
		const after = before.map((entry) => row(entry.id, entry.value + 1));
		expect(changesBetween(before, after)).toBeUndefined();
	});
});

describe('DayTable: sums kept until the table changes', () => {
	const day = 86_400_000;
	const cases: Array<[string, Array<[number, number, number]>, number]> = [
		['an empty table', [], 0],
		['one day in the range', [[3, 0, 2.5]], 2.5],
		[
			'days in and out of the range',
			[
				[1, 0, 1],
				[3, 0, 2],
				[9, 0, 4],
			],
			3,
		],
		[
			'a day taken away again',
			[
				[3, 0, 2],
				[3, 0, -2],
			],
			0,
		],
		['another field only', [[3, 1, 7]], 0],
	];
	for (const [name, adds, expected] of cases)
		test(`${name}: the sum over days 1–8, and after one more day is added`, () => {
			const table = new DayTable(2);
			for (const [dayNumber, field, value] of adds) table.add(dayNumber, field, value);
			expect(table.sum(0, day, 8 * day)).toBe(expected);
			expect(table.sum(0, day, 8 * day)).toBe(expected);
			expect(table.before(0, 8 * day)).toBe(expected);
			table.add(5, 0, 10);
			expect(table.sum(0, day, 8 * day)).toBe(expected + 10);
			expect(table.before(0, 8 * day)).toBe(expected + 10);
			expect(table.sum(0, 5 * day, 6 * day)).toBe(10);
		});

	test('ranges before, across and after the days there are, days close together and far apart (year 1970 beside 9999)', () => {
		for (const far of [false, true]) {
			const table = new DayTable(1);
			const days = far ? [10, 12, 2_900_000] : [10, 12, 40];
			for (const [index, dayNumber] of days.entries()) table.add(dayNumber, 0, index + 1);
			expect(table.sum(0, 0, 5 * day)).toBe(0);
			expect(table.sum(0, 5 * day, 11 * day)).toBe(1);
			expect(table.sum(0, 11 * day, 13 * day)).toBe(2);
			expect(table.sum(0, 12 * day, 12 * day)).toBe(0);
			expect(table.before(0, 13 * day)).toBe(3);
			// A day added between the others after sums were read.
			table.add(11, 0, 100);
			expect(table.sum(0, 10 * day, 13 * day)).toBe(103);
			expect(table.sum(0, 11 * day, 12 * day)).toBe(100);
		}
	});

	test('a bound that is not a UTC midnight is refused, kept sums or not', () => {
		const table = new DayTable(1);
		table.add(1, 0, 1);
		expect(table.sum(0, 0, 2 * day)).toBe(1);
		expect(() => table.sum(0, 0, 2 * day + 1)).toThrow(/UTC midnight/);
	});
});
