import type {Activity} from '../domain/activity.js';
import type {Campaign} from '../domain/campaign.js';
import type {Customer} from '../domain/customer.js';
import type {Dataset, StoredEntity} from '../domain/dataset.js';
import {normalizedEmail} from '../domain/duplicates.js';
import type {Feedback} from '../domain/feedback.js';
import {type Rates, rateOf} from '../domain/money.js';
import type {Opportunity} from '../domain/opportunity.js';
import type {Order} from '../domain/order.js';
import type {Ticket} from '../domain/ticket.js';
import {slices} from './counting-steps.js';
import {currencyIds} from './currency-ids.js';
import {carriedPerList, type Fold, foldWhole} from './day-table.js';
import {usdOnly} from './deal-kpis.js';
import {type KpiValue, ratio} from './kpi-value.js';

/**
 * Data quality, as of now (not per period): the same for every period, so computed once per data —
 * completeness and duplicates carried per customer list, orphans and unpriced records once per set of
 * lists (and rates).
 */
export const qualityKpis = (dataset: Dataset, rates: Rates = usdOnly): Record<string, KpiValue> => {
	const {filled, duplicated, customers} = customerQuality(dataset.customers);
	return {
		completeness: ratio(filled, 4 * customers),
		duplicate_rate: ratio(duplicated, customers),
		orphan_records: orphanRecords(dataset),
		unpriced_records: unpricedRecords(dataset, rates).count,
	};
};

/**
 * The ids of one kind of record, carried from edit to edit; `version` grows whenever a record comes or goes, and
 * `log` says which, in order (`log[version - 1]` the last).
 */
type Ids = {ids: Set<string>; version: number; log: string[]};

const idsOf = <R extends {id: string}>() =>
	carriedPerList<R, Ids>(
		{
			start: () => ({ids: new Set<string>(), version: 0, log: []}),
			take: ({ids}, list, from, to) => {
				for (let index = from; index < to; index++) ids.add(list[index]!.id);
			},
		},
		(state, changes) => {
			for (const [old, current] of changes) {
				if (old?.id === current?.id) continue;
				if (old) state.ids.delete(old.id);
				if (current) state.ids.add(current.id);
				for (const id of [old?.id, current?.id]) if (id !== undefined) state.log.push(id);
				state.version = state.log.length;
			}
			return true;
		},
	);

const customerIds = idsOf<Customer>();
const campaignIds = idsOf<Campaign>();
const dealIds = idsOf<Opportunity>();
const ticketIds = idsOf<Ticket>();

/** The ids a record may name, by kind: each set made (or carried) only when a record names one of its kind. */
type Kind = 'customers' | 'campaigns' | 'deals' | 'tickets';
type Known = Readonly<Record<Kind, Ids>>;

/** The sets a count looked at, and their versions then: while they stand, the count stands. */
type Consulted = Map<Kind, {ids: Ids; version: number}>;

/**
 * Whether a reference names a record (an empty one names none and dangles not), each kind's set
 * taken from `known` when first read and noted in `consulted`: then read as a plain field, as a
 * count asks this of every reference of 700,000 records.
 */
class Names {
	private customerSet: ReadonlySet<string> | undefined;
	private campaignSet: ReadonlySet<string> | undefined;
	private dealSet: ReadonlySet<string> | undefined;
	private ticketSet: ReadonlySet<string> | undefined;

	constructor(
		private readonly known: Known,
		private readonly consulted?: Consulted,
	) {}

	customer(id: string | null | undefined): boolean {
		if (!id) return true;
		this.customerSet ??= this.take('customers');
		return this.customerSet.has(id);
	}

	campaign(id: string | null | undefined): boolean {
		if (!id) return true;
		this.campaignSet ??= this.take('campaigns');
		return this.campaignSet.has(id);
	}

	deal(id: string | null | undefined): boolean {
		if (!id) return true;
		this.dealSet ??= this.take('deals');
		return this.dealSet.has(id);
	}

	ticket(id: string | null | undefined): boolean {
		if (!id) return true;
		this.ticketSet ??= this.take('tickets');
		return this.ticketSet.has(id);
	}

	private take(kind: Kind): ReadonlySet<string> {
		const ids = this.known[kind];
		if (this.consulted && !this.consulted.has(kind)) this.consulted.set(kind, {ids, version: ids.version});
		return ids.ids;
	}
}

/** Whether any non-empty reference of a record names no record. */
type Dangles<R> = (record: R, names: Names) => boolean;

/**
 * Records of one kind that name a record that is not there (orphans, KPI.md: a customer, campaign,
 * deal or ticket), carried from edit to edit. When a record of a kind they name comes or goes, only
 * the records that name it are looked at again: those that named a record not there yet are among the
 * orphans; those that named one gone since are found by a walk of the list.
 */
const orphansOf = <R extends {id: string}>(
	dangles: Dangles<R>,
	namesOneOf: (record: R, ids: ReadonlySet<string>) => boolean,
	kinds: readonly Kind[],
) => {
	type State = {count: number; consulted: Consulted; orphans: Set<R>};
	const look = (state: State, record: R, names: Names) => {
		const orphan = dangles(record, names);
		if (orphan === state.orphans.has(record)) return;
		if (orphan) state.orphans.add(record);
		else state.orphans.delete(record);
		state.count += orphan ? 1 : -1;
	};
	const fold: Fold<R, State, Known> = {
		start: () => ({count: 0, consulted: new Map(), orphans: new Set()}),
		take: (state, list, from, to, known) => {
			const names = new Names(known, state.consulted);
			// Records not looked at before: none is among the orphans yet.
			for (let index = from; index < to; index++)
				if (dangles(list[index]!, names)) {
					state.orphans.add(list[index]!);
					state.count++;
				}
		},
	};
	const count = (list: readonly R[], known: Known): State => foldWhole(fold, list, known);
	const current = (state: State, known: Known): boolean =>
		[...state.consulted].every(([kind, seen]) => known[kind] === seen.ids && seen.ids.version === seen.version);
	/** The records that name an id that came or went since the count, looked at again (`list` to find those named one gone); false when it cannot be said. */
	const catchUp = (state: State, list: readonly R[] | undefined, known: Known): boolean => {
		// The ids that came (or went and came back), and those gone.
		const came = new Set<string>();
		const gone = new Set<string>();
		for (const [kind, seen] of state.consulted) {
			const now = known[kind];
			if (now !== seen.ids) return false;
			for (const id of now.log.slice(seen.version)) (now.ids.has(id) ? came : gone).add(id);
		}
		if (gone.size > 0 && !list) return false;
		const names = new Names(known, state.consulted);
		for (const record of [...state.orphans])
			if (namesOneOf(record, came) || namesOneOf(record, gone)) look(state, record, names);
		if (gone.size > 0) for (const record of list!) if (namesOneOf(record, gone)) look(state, record, names);
		for (const kind of state.consulted.keys())
			state.consulted.set(kind, {ids: known[kind], version: known[kind].version});
		return true;
	};
	const counts = carriedPerList<R, State, Known>(fold, (state, changes, known) => {
		if (!current(state, known) && !catchUp(state, undefined, known)) return false;
		const names = new Names(known, state.consulted);
		for (const [old, next] of changes) {
			if (old && state.orphans.delete(old)) state.count--;
			if (next) look(state, next, names);
		}
		return true;
	});
	return (list: readonly R[], known: Known): number => {
		// The sets of the ids a list counted in slices may name, each made first (a piece of its own in a count that
		// goes in steps), not in the middle of a slice.
		if (list.length > slices.size) for (const kind of kinds) known[kind];
		const state = counts(list, known);
		// A list counted before a record of a kind it names came or went: the records naming it looked at again.
		if (!current(state, known) && !catchUp(state, list, known)) Object.assign(state, count(list, known));
		return state.count;
	};
};

const dealDangles: Dangles<Opportunity> = (deal, names) =>
	!names.customer(deal.customerId) || !names.campaign(deal.campaignId);
const ticketDangles: Dangles<Ticket> = (ticket, names) => !names.customer(ticket.customerId);
const feedbackDangles: Dangles<Feedback> = (entry, names) =>
	!names.customer(entry.customerId) || !names.ticket(entry.ticketId);
const orderDangles: Dangles<Order> = (order, names) =>
	!names.customer(order.customerId) || !names.deal(order.opportunityId);
const activityDangles: Dangles<Activity> = (activity, names) =>
	!names.customer(activity.customerId) || !names.ticket(activity.ticketId);

/** Whether a reference is one of `ids` (an empty one never is). */
const oneOf = (ids: ReadonlySet<string>, id: string | null | undefined): boolean => Boolean(id) && ids.has(id!);

const dealOrphans = orphansOf(dealDangles, (deal, ids) => oneOf(ids, deal.customerId) || oneOf(ids, deal.campaignId), [
	'customers',
	'campaigns',
]);
const ticketOrphans = orphansOf(ticketDangles, (ticket, ids) => oneOf(ids, ticket.customerId), ['customers']);
const feedbackOrphans = orphansOf(
	feedbackDangles,
	(entry, ids) => oneOf(ids, entry.customerId) || oneOf(ids, entry.ticketId),
	['customers', 'tickets'],
);
const orderOrphans = orphansOf(
	orderDangles,
	(order, ids) => oneOf(ids, order.customerId) || oneOf(ids, order.opportunityId),
	['customers', 'deals'],
);
const activityOrphans = orphansOf(
	activityDangles,
	(activity, ids) => oneOf(ids, activity.customerId) || oneOf(ids, activity.ticketId),
	['customers', 'tickets'],
);

/** The ids every kind of record may name, as the data stands: each set made (or carried) when first read. */
const knownIds = (dataset: Dataset): Known => {
	const make: Record<Kind, () => Ids> = {
		customers: () => customerIds(dataset.customers),
		campaigns: () => campaignIds(dataset.campaigns),
		deals: () => dealIds(dataset.opportunities),
		tickets: () => ticketIds(dataset.tickets),
	};
	const made: Partial<Record<Kind, Ids>> = {};
	const known = {} as Record<Kind, Ids>;
	for (const kind of Object.keys(make) as Kind[])
		Object.defineProperty(known, kind, {get: () => (made[kind] ??= make[kind]())});
	return known;
};

/** KPI.md orphan_records: deals, tickets, feedback, orders and activities with a reference that names no record. */
export const orphanRecords = (dataset: Dataset): number => {
	const known = knownIds(dataset);
	return (
		dealOrphans(dataset.opportunities, known) +
		ticketOrphans(dataset.tickets, known) +
		feedbackOrphans(dataset.feedback, known) +
		orderOrphans(dataset.orders, known) +
		activityOrphans(dataset.activities, known)
	);
};

/** The orphans themselves, by kind, in the order of their lists: the records behind orphan_records. */
export const orphanList = (dataset: Dataset): Array<{entity: StoredEntity; id: string}> => {
	const names = new Names(knownIds(dataset));
	const found: Array<{entity: StoredEntity; id: string}> = [];
	const add = <R extends {id: string}>(entity: StoredEntity, list: readonly R[], dangles: Dangles<R>) => {
		for (const record of list) if (dangles(record, names)) found.push({entity, id: record.id});
	};
	add('opportunities', dataset.opportunities, dealDangles);
	add('tickets', dataset.tickets, ticketDangles);
	add('feedback', dataset.feedback, feedbackDangles);
	add('orders', dataset.orders, orderDangles);
	add('activities', dataset.activities, activityDangles);
	return found;
};

const dealCurrencies = currencyIds<Opportunity>();
const orderCurrencies = currencyIds<Order>();
const campaignCurrencies = currencyIds<Campaign>();

type UnpricedIds = Array<{
	entity: 'opportunities' | 'orders' | 'campaigns';
	currency: string;
	ids: ReadonlySet<string>;
}>;
type Unpriced = {count: number; currencies: Array<{currency: string; count: number}>};

/** The lists' sets by currency, as the data stands. */
const currencySets = (dataset: Pick<Dataset, 'opportunities' | 'orders' | 'campaigns'>) =>
	[
		['opportunities', dealCurrencies(dataset.opportunities)],
		['orders', orderCurrencies(dataset.orders)],
		['campaigns', campaignCurrencies(dataset.campaigns)],
	] as const;

/** The deals, orders and campaigns whose currency has no rate, by kind: what the money figures leave out. */
export const unpricedIds = (
	dataset: Pick<Dataset, 'opportunities' | 'orders' | 'campaigns'>,
	rates: Rates,
): UnpricedIds => {
	const found: UnpricedIds = [];
	for (const [entity, currencies] of currencySets(dataset))
		for (const currency of currencies.currencies()) {
			if (rateOf(rates, currency) !== null) continue;
			const ids = currencies.ids(currency);
			if (ids.size > 0) found.push({entity, currency, ids});
		}
	return found;
};

/**
 * What is made of the unpriced records, kept while the lists' sets by currency and the rates stay as they were:
 * a save that moves no record into or out of a currency (a deal's amount) makes it again no more.
 */
export const keptWhileUnpricedStays = <T>() => {
	let kept: {sets: readonly object[]; revisions: readonly number[]; key: string; value: T} | undefined;
	return (
		dataset: Pick<Dataset, 'opportunities' | 'orders' | 'campaigns'>,
		rates: Rates,
		make: () => T,
		extra = '',
	): T => {
		const sets = currencySets(dataset).map(([, currencies]) => currencies);
		const revisions = sets.map((currencies) => currencies.revision);
		const key = `${JSON.stringify(rates)} ${extra}`;
		if (
			kept?.key === key &&
			kept.sets.every((set, index) => set === sets[index]) &&
			kept.revisions.every((revision, index) => revision === revisions[index])
		)
			return kept.value;
		const value = make();
		kept = {sets, revisions, key, value};
		return value;
	};
};
const unpricedKept = keptWhileUnpricedStays<Unpriced>();

/**
 * KPI.md unpriced_records: deals, orders and campaigns whose currency has no rate in the settings,
 * with those currencies (for the alert that names them), each with its count.
 */
export const unpricedRecords = (
	dataset: Pick<Dataset, 'opportunities' | 'orders' | 'campaigns'>,
	rates: Rates,
): Unpriced => unpricedKept(dataset, rates, () => unpricedRecordsOf(dataset, rates));

const unpricedRecordsOf = (
	dataset: Pick<Dataset, 'opportunities' | 'orders' | 'campaigns'>,
	rates: Rates,
): Unpriced => {
	const counts = new Map<string, number>();
	for (const {currency, ids} of unpricedIds(dataset, rates))
		counts.set(currency, (counts.get(currency) ?? 0) + ids.size);
	const currencies = [...counts.entries()]
		.map(([currency, count]) => ({currency, count}))
		.sort((a, b) => a.currency.localeCompare(b.currency));
	return {count: currencies.reduce((total, entry) => total + entry.count, 0), currencies};
};

/**
 * What KPI.md completeness and duplicate_rate count, carried from edit to edit: the contact fields
 * filled, how many customers have each email (normalised once per customer), and how many customers
 * share an email with another — those counted under an email more than once: `customersSharingAnEmail`'s
 * number (domain/duplicates.ts), from the counts alone.
 */
type Quality = {filled: number; duplicated: number; customers: number; counts: Map<string, number>};

/** A customer put into (`sign` 1) or taken out of (-1) the counts. */
const countCustomer = (state: Quality, customer: Customer, sign: 1 | -1): void => {
	state.customers += sign;
	state.filled +=
		sign *
		(filledOf(customer.email) + filledOf(customer.phone) + filledOf(customer.owner) + filledOf(customer.segment));
	const email = normalizedEmail(customer.email);
	if (email === '') return;
	const before = state.counts.get(email) ?? 0;
	const after = before + sign;
	state.duplicated += (after > 1 ? after : 0) - (before > 1 ? before : 0);
	if (after === 0) state.counts.delete(email);
	else state.counts.set(email, after);
};

const customerQuality = carriedPerList<Customer, Quality>(
	{
		start: () => ({filled: 0, duplicated: 0, customers: 0, counts: new Map()}),
		take: (state, customers, from, to) => {
			for (let index = from; index < to; index++) countCustomer(state, customers[index]!, 1);
		},
	},
	(state, changes) => {
		for (const [old, current] of changes) {
			if (old) countCustomer(state, old, -1);
			if (current) countCustomer(state, current, 1);
		}
		return true;
	},
);

const filledOf = (value: string): number => (value.trim() === '' ? 0 : 1);
