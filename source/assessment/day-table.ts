import {listEditBetween} from '../domain/list-edits.js';
import {day} from '../domain/units.js';
import {beforePiece, piece, slices} from './counting-steps.js';

/**
 * Incremental aggregates for the KPIs: per kind of record, one table of sums by UTC day, built in
 * one pass and then kept up to date record by record. Every KPI period starts and ends at a UTC
 * midnight (calendar months, quarters and years, and windows from a go-live day), so "in P" is a
 * sum over P's days and "open at the end of P" a sum over every day before it (each record adds at
 * its start and takes away at its end). A save changes a few records of one list: the table of the
 * list before is carried over to the new list by taking out the old records and putting in the new
 * ones, so a KPI after an edit costs what changed, not a pass over 500,000 records.
 */

const digit = (iso: string, at: number): number => iso.charCodeAt(at) - 48;

/**
 * The UTC day of a canonical ISO timestamp (2026-03-01T09:30:00Z → its day number), from its digits
 * (every table reads two or three of these per record: no slicing, no Date). Days from the civil
 * date as in H. Hinnant's `days_from_civil`.
 */
export const dayOf = (iso: string): number => {
	const year = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
	const month = digit(iso, 5) * 10 + digit(iso, 6);
	const date = digit(iso, 8) * 10 + digit(iso, 9);
	const shifted = month <= 2 ? year - 1 : year;
	const era = Math.floor(shifted / 400);
	const yearOfEra = shifted - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
};

/** What one kind of record adds to a table: `add(day, field, value)` for each of its contributions. */
export type Contribute<R> = (record: R, add: (day: number, field: number, value: number) => void) => void;

export class DayTable {
	private readonly days = new Map<number, Float64Array>();

	/**
	 * Sums read since the last change, by field and days: every KPI reads the same few (a period, the
	 * one before, the windows) again on each evaluation, and after an edit only the edited list's
	 * table has changed. Each is the sum as first counted, so a figure is the same whether kept or not.
	 */
	private sums: Map<string, number> | undefined;

	/** The rows by day from `denseFrom` on, for reading a range day by day without a lookup each; made again when a day is added. */
	private dense: Array<Float64Array | undefined> | undefined;
	private denseFrom = 0;

	constructor(private readonly fields: number) {}

	/** The row last added to: records come mostly in order of time, and the next one often adds to the same day. */
	private lastDay = Number.NaN;
	private lastRow: Float64Array | undefined;

	add = (dayNumber: number, field: number, value: number): void => {
		if (this.sums !== undefined) this.sums = undefined;
		let row = dayNumber === this.lastDay ? this.lastRow : this.days.get(dayNumber);
		if (!row) {
			row = new Float64Array(this.fields);
			this.days.set(dayNumber, row);
			this.dense = undefined;
		}
		this.lastDay = dayNumber;
		this.lastRow = row;
		row[field]! += value;
	};

	/** The rows by day, or undefined when the days are too far apart for an array of them (a date in 9999 beside 1970). */
	private denseRows(): Array<Float64Array | undefined> | undefined {
		if (this.dense !== undefined) return this.dense;
		let first = Infinity;
		let last = -Infinity;
		for (const dayNumber of this.days.keys()) {
			first = Math.min(first, dayNumber);
			last = Math.max(last, dayNumber);
		}
		if (this.days.size === 0 || last - first > 4 * this.days.size + 4096) return undefined;
		const rows: Array<Float64Array | undefined> = new Array(last - first + 1);
		for (const [dayNumber, row] of this.days) rows[dayNumber - first] = row;
		this.dense = rows;
		this.denseFrom = first;
		return rows;
	}

	/** The sum of `field` over the days of [start, end) (instants at UTC midnights). */
	sum(field: number, start: number, end: number): number {
		const first = boundDay(start);
		const last = boundDay(end);
		return this.kept(`${field} ${first} ${last}`, () => this.sumOf(field, first, last));
	}

	private sumOf(field: number, first: number, last: number): number {
		let total = 0;
		if (last - first <= this.days.size) {
			const rows = this.denseRows();
			// Day by day, as before: the same sums in the same order (a day without a row adds 0).
			if (rows === undefined)
				for (let index = first; index < last; index++) total += this.days.get(index)?.[field] ?? 0;
			else for (let index = first; index < last; index++) total += rows[index - this.denseFrom]?.[field] ?? 0;
			return total;
		}
		for (const [index, row] of this.days) if (index >= first && index < last) total += row[field]!;
		return total;
	}

	/** The sum of `field` over every day before `end`. */
	before(field: number, end: number): number {
		const last = boundDay(end);
		return this.kept(`${field} < ${last}`, () => {
			let total = 0;
			for (const [index, row] of this.days) if (index < last) total += row[field]!;
			return total;
		});
	}

	private kept(key: string, count: () => number): number {
		this.sums ??= new Map();
		let total = this.sums.get(key);
		if (total === undefined) {
			total = count();
			this.sums.set(key, total);
		}
		return total;
	}
}

const boundDay = (instant: number): number => {
	if (instant % day !== 0)
		// i18n-exempt: a programming error (KPI code passed a bad period), for developers
		throw new Error(`A KPI period must start and end at a UTC midnight (got ${new Date(instant).toISOString()}).`);
	return instant / day;
};

/** Records changed between two versions of a list: [before, after], either side undefined for a create or delete. */
export type Change<R> = [R | undefined, R | undefined];

/**
 * How many changed records are carried over one by one; more than this (or than a sixteenth of the
 * list: a small list is counted afresh in no time) and the state is built afresh.
 */
const carryLimitOf = (length: number): number => Math.max(4, Math.min(256, Math.floor(length / 16)));

/**
 * The records that differ between `before` and `after`, as the store changes lists: records
 * replaced in place, removed, or added at the end. Undefined when the lists differ otherwise (or in
 * more records than the carry limit): the state is then built afresh.
 */
/**
 * How many records two lists begin with in common (the same objects). Functions of their own, and
 * each with a twin for short lists: their loops stay optimised for the long lists of records an
 * edit walks (an empty list, or a few entries of another make, would slow every element read of
 * the loop down several times, and a rarely taken path of the walk below would send it back to
 * the interpreter whenever first reached).
 */
const samePrefix = (before: readonly object[], after: readonly object[]): number => {
	const length = Math.min(before.length, after.length);
	if (length < shortList) return samePrefixOfShort(before, after, length);
	let index = 0;
	while (index < length && before[index] === after[index]) index++;
	return index;
};

const shortList = 64;

const samePrefixOfShort = (before: readonly object[], after: readonly object[], length: number): number => {
	let index = 0;
	while (index < length && before[index] === after[index]) index++;
	return index;
};

/** How many records two lists end with in common, leaving the first `floor` of each alone. */
const sameSuffix = (before: readonly object[], after: readonly object[], floor: number): number => {
	const most = Math.min(before.length, after.length) - floor;
	if (most < shortList) return sameSuffixOfShort(before, after, most);
	let count = 0;
	while (count < most && before[before.length - 1 - count] === after[after.length - 1 - count]) count++;
	return count;
};

const sameSuffixOfShort = (before: readonly object[], after: readonly object[], most: number): number => {
	let count = 0;
	while (count < most && before[before.length - 1 - count] === after[after.length - 1 - count]) count++;
	return count;
};

export const changesBetween = <R extends {id: string}>(
	before: readonly R[],
	after: readonly R[],
): Array<Change<R>> | undefined => {
	const carryLimit = carryLimitOf(after.length);
	if (Math.abs(before.length - after.length) > carryLimit) return undefined;
	// The records both lists begin and end with, skipped by identity alone: after an edit of one
	// record that is all but it, and these two tight loops are what an edit costs per list.
	let index = samePrefix(before, after);
	let next = index;
	const suffix = sameSuffix(before, after, index);
	const beforeEnd = before.length - suffix;
	const afterEnd = after.length - suffix;
	const changes: Array<Change<R>> = [];
	while (index < beforeEnd && next < afterEnd) {
		const old = before[index]!;
		const current = after[next]!;
		if (old === current) {
			index++;
			next++;
			continue;
		}
		if (changes.length >= carryLimit) return undefined;
		if (old.id === current.id) {
			changes.push([old, current]);
			index++;
			next++;
		} else if (index + 1 < beforeEnd && (before[index + 1] === current || before[index + 1]!.id === current.id)) {
			changes.push([old, undefined]);
			index++;
		} else return undefined;
	}
	for (; index < beforeEnd; index++) changes.push([before[index], undefined]);
	for (; next < afterEnd; next++) changes.push([undefined, after[next]]);
	return changes.length > carryLimit ? undefined : changes;
};

/**
 * What changed from `before` to `after`, walked once per pair however many carried figures ask
 * (the day tables, the first deal, the orphans, a running period's moments all carry the same list).
 */
const walks = new WeakMap<
	readonly object[],
	Array<{before: WeakRef<readonly object[]>; changes: Array<Change<{id: string}>> | undefined}>
>();
export const changesOnce = <R extends {id: string}>(
	before: readonly R[],
	after: readonly R[],
): Array<Change<R>> | undefined => {
	let known = walks.get(after);
	const found = known?.find((walk) => walk.before.deref() === before);
	if (found) return found.changes as Array<Change<R>> | undefined;
	// When a save made `after` from `before`, it noted what it changed (domain/list-edits.ts): no walk; carried only
	// if no more records changed than a walk would carry.
	const edit = listEditBetween(before, after);
	const changes = edit
		? edit.length > carryLimitOf(after.length)
			? undefined
			: (edit as Array<Change<R>>).slice()
		: changesBetween(before, after);
	if (!known) {
		known = [];
		walks.set(after, known);
	}
	known.push({before: new WeakRef(before), changes});
	return changes;
};

/** How many recent lists of a kind are remembered as possible predecessors of the next one. */
const recentLists = 4;

/** A recent list (held weakly: an old version of all the data must not stay in memory for this) and its state. */
type Entry<R, S> = {list: WeakRef<readonly R[]>; state: S};

/**
 * A state built record by record: `start` makes it empty, `take` adds the records of `list` from
 * `from` to `to` (not `to`) to it. A long list's is then built a slice at a time in a count that goes
 * in steps (counting-steps.ts), each slice a piece of its own.
 */
export type Fold<R, S, C> = {
	start: (context: C) => S;
	take: (state: S, list: readonly R[], from: number, to: number, context: C) => void;
};

/** A fold's state of a whole list, in one piece. */
export const foldWhole = <R, S, C>(fold: Fold<R, S, C>, list: readonly R[], context: C): S => {
	const state = fold.start(context);
	fold.take(state, list, 0, list.length, context);
	return state;
};

/**
 * Something computed from a list of records and kept while the list lives; a new version of a
 * recent list, made from it by the store (a few records changed), takes that list's state over:
 * `update` applies the changed records to it (in place), or says it cannot (false) and the state
 * is built afresh. Each state is used for one list at a time.
 *
 * Built by a function of the whole list, or by a fold: a count that goes in steps then builds a long
 * list's state a slice at a time, going on with the same list's where the step before stopped.
 */
export const carriedPerList = <R extends {id: string}, S, C = void>(
	build: ((list: readonly R[], context: C) => S) | Fold<R, S, C>,
	update: (state: S, changes: ReadonlyArray<Change<R>>, context: C) => boolean,
) => {
	const states = new WeakMap<readonly R[], S>();
	let recent: Array<Entry<R, S>> = [];
	/** The state being built a slice at a time, and how far (the list held weakly: old data is not kept for it). */
	let building: {list: WeakRef<readonly R[]>; state: S; done: number} | undefined;
	const buildWhole = (list: readonly R[], context: C): S =>
		typeof build === 'function' ? build(list, context) : foldWhole(build, list, context);
	/** Each slice a piece: a step stops between two once its time is up, and the next goes on from there. */
	const buildInSlices = (fold: Fold<R, S, C>, list: readonly R[], context: C): S => {
		if (building?.list.deref() !== list) building = {list: new WeakRef(list), state: fold.start(context), done: 0};
		const at = building;
		while (at.done < list.length) {
			beforePiece();
			const to = Math.min(list.length, at.done + slices.size);
			try {
				piece(() => fold.take(at.state, list, at.done, to, context));
			} catch (error) {
				// A slice that failed halfway is not gone on from.
				building = undefined;
				throw error;
			}
			at.done = to;
		}
		building = undefined;
		return at.state;
	};
	return (list: readonly R[], context: C): S => {
		const known = states.get(list);
		if (known !== undefined) return known;
		// The recent list this one differs least from (the report and the screen may hold different data).
		let from: {entry: Entry<R, S>; before: readonly R[]; changes: Array<Change<R>>} | undefined;
		for (const entry of recent) {
			// One changed record is as close as lists get: no need to walk the older ones too (each walk is a pass over the list).
			if (from && from.changes.length <= 1) break;
			const before = entry.list.deref();
			const changes = before ? changesOnce(before, list) : undefined;
			if (before && changes && (!from || changes.length < from.changes.length)) from = {entry, before, changes};
		}
		let state: S;
		// Each a piece of a count that may go in steps (counting-steps.ts): a count given a budget stops before a
		// build once its time is up; an update (a few records) is never stopped.
		if (
			from &&
			piece(
				() => update(from.entry.state, from.changes, context),
				(carried) => carried,
			)
		) {
			state = from.entry.state;
			// The state now describes the new list only.
			states.delete(from.before);
			recent = recent.filter((entry) => entry !== from!.entry);
		} else if (typeof build !== 'function' && list.length > slices.size) state = buildInSlices(build, list, context);
		else {
			beforePiece();
			state = piece(() => buildWhole(list, context));
		}
		states.set(list, state);
		recent = [{list: new WeakRef(list), state}, ...recent.filter((entry) => entry.list.deref() !== undefined)].slice(
			0,
			recentLists,
		);
		return state;
	};
};

/** The day table of a list, for one kind of record: built in one pass, then carried from edit to edit. */
export const dayTables = <R extends {id: string}>(fields: number, contribute: Contribute<R>) =>
	carriedPerList<R, DayTable>(
		{
			start: () => new DayTable(fields),
			take: (table, list, from, to) => {
				for (let index = from; index < to; index++) contribute(list[index]!, table.add);
			},
		},
		(table, changes) => {
			const subtract = (dayNumber: number, field: number, value: number) => table.add(dayNumber, field, -value);
			for (const [old, current] of changes) {
				if (old) contribute(old, subtract);
				if (current) contribute(current, table.add);
			}
			return true;
		},
	);
