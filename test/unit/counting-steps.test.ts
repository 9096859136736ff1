import {afterEach, describe, expect, test} from 'vitest';
import {countWithin, type Step, slices} from '../../source/assessment/counting-steps.js';
import {carriedPerList} from '../../source/assessment/day-table.js';
import {evaluate} from '../../source/assessment/evaluation.js';
import {memoOf} from '../../source/assessment/memo.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {generateDemoDataset} from '../../source/commands/demo-data.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {settingsSchema} from '../../source/domain/settings.js';

type Row = {id: string; value: number};
const rows = (...values: number[]): Row[] => values.map((value, index) => ({id: `r${index}`, value}));

/** A sum carried per list, counting how often it is built. */
const carriedSum = (read: (row: Row) => number = (row) => row.value) => {
	const made = {builds: 0};
	const sum = carriedPerList<Row, {total: number}>(
		(list) => {
			made.builds++;
			return {total: list.reduce((total, row) => total + read(row), 0)};
		},
		(state, changes) => {
			for (const [old, next] of changes) state.total += (next ? read(next) : 0) - (old ? read(old) : 0);
			return true;
		},
	);
	return {sum, made};
};

/** Steps of `count` with no time to spend (each stops as soon as it may) until it is done: the value and how many steps. */
const stepped = <T>(count: () => T): {value: T; steps: number} => {
	for (let steps = 1; steps <= 10_000; steps++) {
		const step: Step<T> = countWithin(0, count);
		if (step.done) return {value: step.value, steps};
	}
	throw new Error('The count never ended.');
};

afterEach(() => {
	slices.size = 16_384;
});

describe('a count in steps', () => {
	test('stops before each piece once its time is up, keeps what it counted, and goes on from there', () => {
		const [a, b, c] = [carriedSum(), carriedSum(), carriedSum()];
		const lists = [rows(1, 2), rows(3), rows(4, 5, 6)] as const;
		const count = () =>
			a.sum(lists[0], undefined).total + b.sum(lists[1], undefined).total + c.sum(lists[2], undefined).total;
		expect(countWithin(0, count)).toEqual({done: false});
		expect([a.made.builds, b.made.builds, c.made.builds]).toEqual([1, 0, 0]);
		expect(countWithin(0, count)).toEqual({done: false});
		expect(countWithin(0, count)).toEqual({done: true, value: 21});
		// Each piece counted once.
		expect([a.made.builds, b.made.builds, c.made.builds]).toEqual([1, 1, 1]);
	});

	test.each([
		['no pieces', () => 7, 7],
		['pieces counted already', () => 0, 0],
		['one piece', () => carriedSum().sum(rows(2, 3), undefined).total, 5],
	])('with nothing left to stop before, in one step: %s', (_name, count, value) => {
		expect(countWithin(0, count)).toEqual({done: true, value});
	});

	test('with time enough, in one step', () => {
		const [a, b] = [carriedSum(), carriedSum()];
		expect(countWithin(60_000, () => a.sum(rows(1), undefined).total + b.sum(rows(2), undefined).total)).toEqual({
			done: true,
			value: 3,
		});
	});

	test('a piece that reads another counts it whole, never stopped inside; a kept value is a piece too', () => {
		const inner = carriedSum();
		const innerList = rows(10, 20);
		const outer = carriedSum((row) => row.value + inner.sum(innerList, undefined).total);
		const kept = {};
		const other = carriedSum();
		const otherList = rows(100);
		const outerList = rows(1, 2);
		const count = () =>
			outer.sum(outerList, undefined).total + memoOf(kept, 'steps test', () => other.sum(otherList, undefined).total);
		// The outer piece with the one it read; then the kept value (a piece too) with the one it read.
		expect(countWithin(0, count)).toEqual({done: false});
		expect([outer.made.builds, inner.made.builds, other.made.builds]).toEqual([1, 1, 0]);
		expect(countWithin(0, count)).toEqual({done: true, value: 1 + 30 + 2 + 30 + 100});
		expect([outer.made.builds, inner.made.builds, other.made.builds]).toEqual([1, 1, 1]);
	});

	test('a count not given a budget is never stopped, also after one that was', () => {
		const [a, b] = [carriedSum(), carriedSum()];
		expect(countWithin(0, () => a.sum(rows(1), undefined).total + b.sum(rows(1), undefined).total).done).toBe(false);
		const [c, d] = [carriedSum(), carriedSum()];
		expect(c.sum(rows(1), undefined).total + d.sum(rows(2), undefined).total).toBe(3);
	});

	test('a failure inside a piece is the count’s failure; the next count is as any', () => {
		const failing = carriedPerList<Row, number>(
			() => {
				throw new Error('broken');
			},
			() => false,
		);
		expect(() => countWithin(0, () => failing(rows(1), undefined))).toThrow('broken');
		const [a, b] = [carriedSum(), carriedSum()];
		expect(a.sum(rows(1), undefined).total + b.sum(rows(4), undefined).total).toBe(5);
	});

	test('a long list’s state built by a fold, a slice a step, going on with the same list where it stopped', () => {
		slices.size = 3;
		let taken = 0;
		const sum = carriedPerList<Row, {total: number}>(
			{
				start: () => ({total: 0}),
				take: (state, list, from, to) => {
					taken += to - from;
					for (let index = from; index < to; index++) state.total += list[index]!.value;
				},
			},
			() => false,
		);
		const list = rows(1, 2, 3, 4, 5, 6, 7, 8);
		expect(countWithin(0, () => sum(list, undefined).total)).toEqual({done: false});
		expect(countWithin(0, () => sum(list, undefined).total)).toEqual({done: false});
		expect(countWithin(0, () => sum(list, undefined).total)).toEqual({done: true, value: 36});
		expect(taken).toBe(8);
		// Another list meanwhile: counted from its start; the first, left halfway, is not gone on with for it.
		const other = rows(10, 20, 30, 40);
		expect(countWithin(0, () => sum(other, undefined).total)).toEqual({done: false});
		const again = rows(1, 1, 1, 1, 1);
		expect(countWithin(60_000, () => sum(again, undefined).total)).toEqual({done: true, value: 5});
		expect(countWithin(60_000, () => sum(other, undefined).total)).toEqual({done: true, value: 100});
		// Outside a count in steps, at once.
		expect(sum(rows(2, 2, 2, 2, 2, 2, 2), undefined).total).toBe(14);
	});

	test('an update that cannot be made is not the step’s piece: the build after it goes on, step by step', () => {
		slices.size = 3;
		let updates = 0;
		const sum = carriedPerList<Row, {total: number}>(
			{
				start: () => ({total: 0}),
				take: (state, list, from, to) => {
					for (let index = from; index < to; index++) state.total += list[index]!.value;
				},
			},
			() => {
				updates++;
				return false;
			},
		);
		const before = rows(1, 2, 3, 4, 5, 6, 7, 8);
		expect(countWithin(60_000, () => sum(before, undefined).total)).toEqual({done: true, value: 36});
		const after = before.map((row, index) => (index === 2 ? {...row, value: 30} : row));
		// Three slices, each a step; the update tried in each (it is cheap), kept in none.
		const {value, steps} = stepped(() => sum(after, undefined).total);
		expect(value).toBe(63);
		expect(steps).toBe(3);
		expect(updates).toBe(3);
	});

	test('a count within a count: the inner one’s steps are its own, the outer goes on as before', () => {
		const [a, b] = [carriedSum(), carriedSum()];
		let inner: Step<number> | undefined;
		const outer = countWithin(60_000, () => {
			inner = countWithin(0, () => a.sum(rows(1), undefined).total + b.sum(rows(2), undefined).total);
			return carriedSum().sum(rows(5), undefined).total;
		});
		expect(inner).toEqual({done: false});
		expect(outer).toEqual({done: true, value: 5});
	});
});

describe('the evaluation counted in steps is the evaluation counted whole', () => {
	const now = Date.parse('2026-11-15T12:00:00.000Z');
	// Inactive after 3 days: a deal touched today takes its customer off the churn list.
	const settings = settingsSchema.parse({assessment: {goLive: '2026-05-01', churnRisk: {inactiveDays: 3}}});
	const period = parsePeriod('2026-10')!;
	/** The evaluation of a copy nobody has counted before, counted whole and with no list sliced. */
	const whole = (dataset: Dataset) => {
		const size = slices.size;
		slices.size = Number.POSITIVE_INFINITY;
		try {
			return evaluate({dataset: structuredClone(dataset), settings, now}, period);
		} finally {
			slices.size = size;
		}
	};
	/** Every seventh record of each kind naming one that is not there (orphans at many places of each list). */
	const withOrphans = (dataset: Dataset): Dataset => {
		const gone = <R extends {customerId: string}>(list: readonly R[]) =>
			list.map((record, index) => (index % 7 === 3 ? {...record, customerId: 'cus_gone00000'} : record));
		return {
			...dataset,
			opportunities: gone(dataset.opportunities),
			tickets: gone(dataset.tickets),
			feedback: gone(dataset.feedback),
			orders: gone(dataset.orders),
			activities: gone(dataset.activities),
		};
	};

	test.each([
		['slices of the console’s size', 16_384],
		['slices of 37 records: every long piece sliced', 37],
	])(
		'first counted, then after edits of every kind: %s',
		(_name, size) => {
			slices.size = size;
			let dataset = withOrphans(
				generateDemoDataset({
					seed: 'steps',
					now: new Date(now),
					months: 24,
					customers: 150,
					opportunities: 400,
					tickets: 250,
					feedback: 200,
				}),
			);
			const first = stepped(() => evaluate({dataset, settings, now}, period));
			// A step for each piece, about: the count did go in steps.
			expect(first.steps).toBeGreaterThan(20);
			expect(first.value).toEqual(whole(dataset));
			// What the evaluation holds here, not all empty: orphans, customers at risk, alerts.
			expect(first.value.kpis.orphan_records?.actual).toBeGreaterThan(100);
			expect(first.value.churnRisks.length).toBeGreaterThan(20);
			const edits: Array<(data: Dataset) => Partial<Dataset>> = [
				(data) => ({customers: data.customers.slice(1)}),
				(data) => ({
					opportunities: data.opportunities.map((deal, index) =>
						index === 3 ? {...deal, updatedAt: '2026-11-15T10:00:00.000Z', customerId: data.customers[5]!.id} : deal,
					),
				}),
				(data) => ({
					opportunities: data.opportunities.map((deal, index) =>
						index === 7 ? {...deal, customerId: 'cus_gone00000'} : deal,
					),
				}),
				(data) => ({
					feedback: data.feedback.map((entry, index) =>
						index === 2 ? {...entry, rating: 1, createdAt: '2026-11-10T10:00:00.000Z'} : entry,
					),
				}),
				(data) => ({
					tickets: data.tickets.map((ticket, index) =>
						index === 4 ? {...ticket, priority: 'urgent' as const, resolvedAt: null} : ticket,
					),
				}),
				(data) => ({activities: data.activities.slice(0, -1)}),
				// Every list made anew (another console's data read again): counted afresh, in steps.
				(data) => structuredClone(data),
			];
			for (const edit of edits) {
				dataset = {...dataset, ...edit(dataset)};
				expect(stepped(() => evaluate({dataset, settings, now}, period)).value).toEqual(whole(dataset));
			}
		},
		30_000,
	);
});
