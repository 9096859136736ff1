import type {Customer} from '../domain/customer.js';
import {inBase, type Rates} from '../domain/money.js';
import type {Opportunity} from '../domain/opportunity.js';
import {isBooked, type Order} from '../domain/order.js';
import {day} from '../domain/units.js';
import {t} from '../i18n/i18n.js';
import {isoTime} from './iso-time.js';
import type {Period} from './periods.js';
import {countBefore} from './sorted-numbers.js';

/**
 * KPI.md *Analysis*, customer value: RFM as of T over the customers with a purchase in the year
 * before T. A purchase is a won deal (by `closedAt`) or a booked order (by `orderedAt`) that is not
 * linked to a won deal already counted. Scores 1–5 by rank, ties sharing the lowest rank; segments
 * by the first rule that holds. The RFM segment is not the customer's `segment` field.
 */

export const rfmSegments = ['champions', 'loyal', 'promising', 'at-risk', 'hibernating', 'needs-attention'] as const;
export type RfmSegment = (typeof rfmSegments)[number];

/** Each segment's name, in the language in force whenever it is read. */
export const rfmSegmentNames: Readonly<Record<RfmSegment, string>> = {
	get champions() {
		return t('assess.rfm.champions');
	},
	get loyal() {
		return t('assess.rfm.loyal');
	},
	get promising() {
		return t('assess.rfm.promising');
	},
	get 'at-risk'() {
		return t('assess.rfm.atRisk');
	},
	get hibernating() {
		return t('assess.rfm.hibernating');
	},
	get 'needs-attention'() {
		return t('assess.rfm.needsAttention');
	},
};

export type CustomerValue = {
	/** The latest purchase (ms): R is the fractional days from it to T (`recencyDays`). */
	latest: number;
	/** Purchases in the year before T. */
	frequency: number;
	/** Their priced amount in the base currency (an unpriced purchase counts in F, not here). */
	monetary: number;
	r: number;
	f: number;
	m: number;
	segment: RfmSegment;
};

export type CustomerValues = {
	/** T, the instant the scores are as of. */
	asOf: number;
	byCustomer: Map<string, CustomerValue>;
	/** Purchases in the window whose currency has no rate: in F, left out of M. */
	unpriced: number;
	/**
	 * The last T for which these scores hold: until then no purchase leaves the year before T (the
	 * earliest one counted, 365 days on) and none dated after T comes into it. Every R grows by the
	 * same days meanwhile, so every rank, score and segment stays.
	 */
	holdsUntil: number;
};

/** R: the fractional days from a customer's latest purchase to T. */
export const recencyDays = (values: CustomerValues, value: CustomerValue): number => (values.asOf - value.latest) / day;

/** The year RFM looks back over: [T − 365 days, T). */
export const rfmWindowDays = 365;

/** T for a period: its end, or now while it runs (KPI.md). */
export const rfmAsOf = (period: Period, now: number): number =>
	now >= period.start && now < period.end ? now : period.end;

type Purchases = {latest: number; count: number; amount: number};

export type ValueData = {
	customers: readonly Customer[];
	opportunities: readonly Opportunity[];
	orders: readonly Order[];
};

type Bought = {by: Map<string, Purchases>; unpriced: number; holdsUntil: number};

/** Records read between two pauses of a count made in steps (`customerValuesInSteps`): well under a millisecond. */
const slice = 500;

/** Reads `slice` items of `list` from `start` on: a plain loop (in a generator, V8 runs a loop slower). */
const readSlice = <T>(list: readonly T[], start: number, take: (item: T) => void): void => {
	const end = Math.min(list.length, start + slice);
	for (let index = start; index < end; index++) take(list[index]!);
};

/** Reads every item of `list`, pausing (yielding) after each slice. */
function* readInSlices<T>(list: readonly T[], take: (item: T) => void): Generator<void, void> {
	for (let start = 0; start < list.length; start += slice) {
		readSlice(list, start, take);
		yield;
	}
}

/** The purchases of the year before T per customer; pauses (yields) every `slice` records. */
function* purchasesOf(data: ValueData, asOf: number, rates: Rates): Generator<void, Bought> {
	const from = asOf - rfmWindowDays * day;
	let holdsUntil = Infinity;
	// Timestamps are ISO in UTC, so a day's margin either side lets most be told outside the year by
	// comparing text, without parsing (at 200,000 deals that was most of the cost); the nearest later one is kept to parse.
	const low = new Date(from - day).toISOString();
	const high = new Date(asOf + day).toISOString();
	let later: string | undefined;
	/** The purchase's time when it counts; either way, notes how long the answer holds as T moves on. */
	const counts = (iso: string): number | undefined => {
		if (iso < low) return undefined;
		if (iso > high) {
			if (later === undefined || iso < later) later = iso;
			return undefined;
		}
		const at = isoTime(iso);
		if (at >= asOf) holdsUntil = Math.min(holdsUntil, at);
		else if (at >= from) holdsUntil = Math.min(holdsUntil, at + rfmWindowDays * day);
		return at >= from && at < asOf ? at : undefined;
	};
	const known = new Set<string>();
	yield* readInSlices(data.customers, (customer) => known.add(customer.id));
	const by = new Map<string, Purchases>();
	let unpriced = 0;
	const add = (customerId: string, at: number, amount: number, currency: string) => {
		const value = inBase(rates, amount, currency);
		if (value === null) unpriced++;
		const entry = by.get(customerId);
		if (entry) {
			entry.latest = Math.max(entry.latest, at);
			entry.count++;
			entry.amount += value ?? 0;
		} else by.set(customerId, {latest: at, count: 1, amount: value ?? 0});
	};
	const counted = new Set<string>();
	yield* readInSlices(data.opportunities, (deal) => {
		if (deal.stage !== 'won' || deal.closedAt === null || !known.has(deal.customerId)) return;
		const at = counts(deal.closedAt);
		if (at === undefined) return;
		counted.add(deal.id);
		add(deal.customerId, at, deal.amount, deal.currency);
	});
	yield* readInSlices(data.orders, (order) => {
		if (!isBooked(order) || !known.has(order.customerId)) return;
		if (order.opportunityId && counted.has(order.opportunityId)) return;
		const at = counts(order.orderedAt);
		if (at !== undefined) add(order.customerId, at, order.amount, order.currency);
	});
	if (later !== undefined) holdsUntil = Math.min(holdsUntil, isoTime(later));
	return {by, unpriced, holdsUntil};
}

/**
 * Scores 1–5 of one measure: ordered worst first, rank r = 1..n with a tie sharing its lowest rank,
 * score = 1 + ⌊5 (r − 1) / n⌋. `higherIsBetter`: F and M; R (days) is better lower. A value's rank
 * is one more than the number of values worse than it: found by a binary search in the values
 * sorted as numbers (a typed array's sort, with no comparator to call: at 100,000 customers the
 * three measures cost milliseconds, not the second a sort of indices with a comparator takes).
 */
export const rankScores = (values: readonly number[], higherIsBetter: boolean): number[] => {
	const n = values.length;
	const sorted = Float64Array.from(values).sort();
	return values.map((value) => {
		const worse = higherIsBetter ? countBefore(sorted, value) : n - upperBound(sorted, value);
		return 1 + Math.floor((5 * worse) / n);
	});
};

/** How many of the sorted values are at or below `value`. */
const upperBound = (sorted: Float64Array, value: number): number => {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (sorted[middle]! <= value) low = middle + 1;
		else high = middle;
	}
	return low;
};

export const segmentOf = (r: number, f: number): RfmSegment => {
	if (r >= 4 && f >= 4) return 'champions';
	if (f >= 4) return 'loyal';
	if (r >= 4) return 'promising';
	if (r <= 2 && f >= 3) return 'at-risk';
	if (r <= 2) return 'hibernating';
	return 'needs-attention';
};

/** The three scores as one figure, as the customers list and `crm export --filter rfm:` read them: `545` is R 5, F 4, M 5. */
export const rfmCode = (value: Pick<CustomerValue, 'r' | 'f' | 'm'>): string => `${value.r}${value.f}${value.m}`;

/** `customerValues`, pausing (yielding) between slices of records and between its scores. */
function* valuesOf(data: ValueData, asOf: number, rates: Rates): Generator<void, CustomerValues> {
	const {by, unpriced, holdsUntil} = yield* purchasesOf(data, asOf, rates);
	const ids = [...by.keys()];
	const entries = ids.map((id) => by.get(id)!);
	const recency = entries.map((entry) => (asOf - entry.latest) / day);
	yield;
	// More days is worse; fewer purchases, less money is worse.
	const r = rankScores(recency, false);
	yield;
	const f = rankScores(
		entries.map((entry) => entry.count),
		true,
	);
	yield;
	const m = rankScores(
		entries.map((entry) => entry.amount),
		true,
	);
	const byCustomer = new Map<string, CustomerValue>();
	for (let index = 0; index < ids.length; index++) {
		if ((index + 1) % slice === 0) yield;
		const entry = entries[index]!;
		byCustomer.set(ids[index]!, {
			latest: entry.latest,
			frequency: entry.count,
			monetary: entry.amount,
			r: r[index]!,
			f: f[index]!,
			m: m[index]!,
			segment: segmentOf(r[index]!, f[index]!),
		});
	}
	return {asOf, byCustomer, unpriced, holdsUntil};
}

/** Every customer's RFM as of `asOf`, money in the base currency of `rates`. */
export const customerValues = (data: ValueData, asOf: number, rates: Rates): CustomerValues => {
	const steps = valuesOf(data, asOf, rates);
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
};

export type SegmentRow = {
	segment: RfmSegment | null;
	customers: number;
	/** Of every customer (null when there are none). */
	shareOfCustomers: number | null;
	revenue: number;
	/** Of the revenue of every customer with a segment (null when that is 0). */
	shareOfRevenue: number | null;
};

/**
 * The customers on file at T, the whole the shares are of: a customer created after T had nothing
 * to buy then (one with a purchase counts, whatever its date says).
 */
export const customersOnFile = (customers: readonly Customer[], values: CustomerValues): number => {
	let count = 0;
	for (const customer of customers)
		if (isoTime(customer.createdAt) < values.asOf || values.byCustomer.has(customer.id)) count++;
	return count;
};

/** Count, share of customers, revenue and share of revenue per segment; last, the customers without a purchase in the year (segment null). */
export const segmentSummary = (values: CustomerValues, customerCount: number): SegmentRow[] => {
	const counts = new Map<RfmSegment, {customers: number; revenue: number}>(
		rfmSegments.map((segment) => [segment, {customers: 0, revenue: 0}]),
	);
	let revenue = 0;
	for (const value of values.byCustomer.values()) {
		const row = counts.get(value.segment)!;
		row.customers++;
		row.revenue += value.monetary;
		revenue += value.monetary;
	}
	const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
	const rows: SegmentRow[] = rfmSegments.map((segment) => {
		const row = counts.get(segment)!;
		return {
			segment,
			customers: row.customers,
			shareOfCustomers: share(row.customers, customerCount),
			revenue: row.revenue,
			shareOfRevenue: share(row.revenue, revenue),
		};
	});
	const without = customerCount - values.byCustomer.size;
	rows.push({
		segment: null,
		customers: without,
		shareOfCustomers: share(without, customerCount),
		revenue: 0,
		shareOfRevenue: revenue === 0 ? null : 0,
	});
	return rows;
};

let kept: {key: unknown[]; values: CustomerValues} | undefined;

/**
 * `customerValues`, kept for the latest data and rates: the list's column, its sort and its filter
 * read it for every row. A later T over the same data takes the scores over while they hold (the
 * minute tick of a running console moves T on), so only a purchase leaving or entering the year counts
 * them again, not every minute.
 */
export const customerValuesOf = (data: ValueData, asOf: number, rates: Rates): CustomerValues => {
	const known = customerValuesKept(data, asOf, rates);
	if (known) return known;
	const values = customerValues(data, asOf, rates);
	kept = {key: keyOf(data, rates), values};
	return values;
};

/**
 * `customerValuesOf` counted a slice at a time, for a caller that must not wait for all of it (the
 * console's idle steps): each call counts on while `more()` says so (asked every slice of about a
 * millisecond) and gives the values once they are all counted, kept then as `customerValuesOf` keeps
 * them. Given the values kept for these inputs, it gives them at the first call.
 */
export const customerValuesInSteps = (
	data: ValueData,
	asOf: number,
	rates: Rates,
): ((more: () => boolean) => CustomerValues | undefined) => {
	let values = customerValuesKept(data, asOf, rates);
	const steps = values ? null : valuesOf(data, asOf, rates);
	return (more) => {
		// Counted meanwhile by another way (a sort by Value counts at once): taken over.
		values ??= customerValuesKept(data, asOf, rates);
		while (!values && steps) {
			const next = steps.next();
			if (next.done) {
				values = next.value;
				kept = {key: keyOf(data, rates), values};
			} else if (!more()) return undefined;
		}
		return values;
	};
};

const keyOf = (data: ValueData, rates: Rates): unknown[] => [
	data.customers,
	data.opportunities,
	data.orders,
	rates.base,
	JSON.stringify(rates.rates),
];

/** The values `customerValuesOf` keeps for these inputs, without counting: undefined when it would have to count. */
export const customerValuesKept = (data: ValueData, asOf: number, rates: Rates): CustomerValues | undefined => {
	const key = keyOf(data, rates);
	if (!kept?.key.every((part, index) => part === key[index])) return undefined;
	if (kept.values.asOf === asOf) return kept.values;
	if (asOf < kept.values.asOf || asOf > kept.values.holdsUntil) return undefined;
	kept = {key, values: {...kept.values, asOf}};
	return kept.values;
};
