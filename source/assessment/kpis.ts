import type {Customer} from '../domain/customer.js';
import type {Dataset} from '../domain/dataset.js';
import type {Feedback} from '../domain/feedback.js';
import type {Opportunity} from '../domain/opportunity.js';
import type {Ticket} from '../domain/ticket.js';
import {day, hour} from '../domain/units.js';
import {carriedPerList, type DayTable, dayOf, dayTables} from './day-table.js';
import type {KpiId} from './kpi-catalog.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {type Period, previousPeriod} from './periods.js';

export type {KpiValue} from './kpi-value.js';

const time = (iso: string): number => Date.parse(iso);

/** Revenue won in P alone (KPI.md revenue_won), for the forecast's history without every other KPI of each period. */
export const wonRevenue = (dataset: Dataset, period: Period): number => {
	const table = dealTable(dataset.opportunities);
	return counted(table.sum(deal.won, period.start, period.end), table.sum(deal.revenue, period.start, period.end));
};

/**
 * Records with a moment on or after `since` (a UTC midnight): carried from edit to edit, so what is
 * open at an instant of a running period costs the few records of its last day, not a scan of every
 * record after each edit.
 */
type Recent<R> = {since: number; records: Map<string, R>};

const recentOf = <R extends {id: string}>(moments: (record: R) => Array<string | null>) => {
	const add = (state: Recent<R>, record: R) => {
		if (moments(record).some((moment) => moment !== null && time(moment) >= state.since))
			state.records.set(record.id, record);
	};
	return carriedPerList<R, Recent<R>, number>(
		(list, since) => {
			const state: Recent<R> = {since, records: new Map()};
			for (const record of list) add(state, record);
			return state;
		},
		(state, changes, since) => {
			// An earlier midnight than the state was built for: built afresh.
			if (since < state.since) return false;
			for (const [old, current] of changes) {
				if (old) state.records.delete(old.id);
				if (current) add(state, current);
			}
			return true;
		},
	);
};

const recentDeals = recentOf<Opportunity>((record) => [record.createdAt, record.closedAt]);
const recentTickets = recentOf<Ticket>((record) => [record.createdAt, record.resolvedAt]);

/** Won deals by the UTC day they closed, carried from edit to edit: the part-day at the end of a running period's share of the one before. */
const wonByDay = carriedPerList<Opportunity, Map<number, Map<string, Opportunity>>>(
	(deals) => {
		const days = new Map<number, Map<string, Opportunity>>();
		for (const record of deals) addWon(days, record);
		return days;
	},
	(days, changes) => {
		for (const [old, current] of changes) {
			if (old?.stage === 'won' && old.closedAt !== null) days.get(dayOf(old.closedAt))?.delete(old.id);
			if (current) addWon(days, current);
		}
		return true;
	},
);

function addWon(days: Map<number, Map<string, Opportunity>>, record: Opportunity): void {
	if (record.stage !== 'won' || record.closedAt === null) return;
	const closed = dayOf(record.closedAt);
	let records = days.get(closed);
	if (!records) {
		records = new Map();
		days.set(closed, records);
	}
	records.set(record.id, record);
}

/** Whether a deal is open at `at` (KPI.md: created before, not closed before; closed before it was created: never). */
const dealOpenAt = (record: Opportunity, at: number): boolean =>
	time(record.createdAt) < at &&
	(record.closedAt === null || (time(record.closedAt) >= at && record.closedAt >= record.createdAt));
const ticketOpenAt = (record: Ticket, at: number): boolean =>
	time(record.createdAt) < at &&
	(record.resolvedAt === null || (time(record.resolvedAt) >= at && record.resolvedAt >= record.createdAt));

/**
 * What is open at an instant, to the millisecond (KPI.md's "at end(P)" figures for a running
 * period, whose end(P) is now): the day tables up to that day's midnight, then the records with a
 * moment since it, each counted as it stands at the instant.
 */
export const openAt = (
	dataset: Pick<Dataset, 'opportunities' | 'tickets'>,
	at: number,
): {pipeline_open: number; pipeline_weighted: number; backlog: number} => {
	const midnight = Math.floor(at / day) * day;
	const deals = recentDeals(dataset.opportunities, midnight);
	const tickets = recentTickets(dataset.tickets, midnight);
	// Made for a later midnight than this one (a report for an earlier now): counted record by record.
	if (deals.since > midnight || tickets.since > midnight) return openByScan(dataset, at);
	const table = dealTable(dataset.opportunities);
	let count = table.before(deal.open, midnight);
	let amount = table.before(deal.openAmount, midnight);
	let weighted = table.before(deal.openWeighted, midnight);
	for (const record of deals.records.values()) {
		const change = Number(dealOpenAt(record, at)) - Number(dealOpenAt(record, midnight));
		count += change;
		amount += change * record.amount;
		weighted += change * record.amount * record.probability;
	}
	let backlog = ticketTable(dataset.tickets).before(ticket.open, midnight);
	for (const record of tickets.records.values())
		backlog += Number(ticketOpenAt(record, at)) - Number(ticketOpenAt(record, midnight));
	return {pipeline_open: counted(count, amount), pipeline_weighted: counted(count, weighted), backlog};
};

/** `openAt` by looking at every record. */
const openByScan = (
	dataset: Pick<Dataset, 'opportunities' | 'tickets'>,
	at: number,
): {pipeline_open: number; pipeline_weighted: number; backlog: number} => {
	let count = 0;
	let amount = 0;
	let weighted = 0;
	for (const record of dataset.opportunities) {
		if (!dealOpenAt(record, at)) continue;
		count++;
		amount += record.amount;
		weighted += record.amount * record.probability;
	}
	let backlog = 0;
	for (const record of dataset.tickets) if (ticketOpenAt(record, at)) backlog++;
	return {pipeline_open: counted(count, amount), pipeline_weighted: counted(count, weighted), backlog};
};

/**
 * Revenue won with `closedAt` in [start, end), to the millisecond, `start` a UTC midnight: a running
 * period's growth is measured against the same elapsed share of the period before, which ends
 * mid-day (KPI.md, *to date*). Whole days from the day table, the last part-day deal by deal.
 */
export const wonRevenueBetween = (deals: readonly Opportunity[], start: number, end: number): number => {
	const midnight = Math.floor(end / day) * day;
	const table = dealTable(deals);
	let total = midnight > start ? table.sum(deal.revenue, start, midnight) : 0;
	for (const record of wonByDay(deals)
		.get(midnight / day)
		?.values() ?? []) {
		const closed = time(record.closedAt!);
		if (closed >= Math.max(start, midnight) && closed < end) total += record.amount;
	}
	return total;
};

/**
 * The effect KPIs of one period (or window), each exactly as KPI.md defines it, from the day
 * tables of each kind of record (day-table.ts): sums over the period's days, or over every day
 * before its end for what is open then. The tables are built in one pass and carried over from
 * edit to edit.
 */
export const effectKpis = (dataset: Dataset, period: Period): Record<string, KpiValue> => ({
	...dealKpis(dealTable(dataset.opportunities), period),
	...customerKpis(customerTable(dataset.customers), period),
	...ticketKpis(ticketTable(dataset.tickets), period),
	...feedbackKpis(feedbackTable(dataset.feedback), period),
});

/** Deals' fields: won (count, revenue, days to close) and lost by closing day; open amount (and its weight, and count) from creation to closing. */
const deal = {won: 0, revenue: 1, cycleDays: 2, lost: 3, open: 4, openAmount: 5, openWeighted: 6} as const;

const dealTable = dayTables<Opportunity>(7, (record, add) => {
	if (record.closedAt !== null) {
		const closed = dayOf(record.closedAt);
		if (record.stage === 'won') {
			add(closed, deal.won, 1);
			add(closed, deal.revenue, record.amount);
			add(closed, deal.cycleDays, (time(record.closedAt) - time(record.createdAt)) / day);
		} else if (record.stage === 'lost') add(closed, deal.lost, 1);
	}
	// Open at end(P): created before the end and not closed before it. Closed before it was created: never open.
	if (record.closedAt !== null && record.closedAt < record.createdAt) return;
	const created = dayOf(record.createdAt);
	add(created, deal.open, 1);
	add(created, deal.openAmount, record.amount);
	add(created, deal.openWeighted, record.amount * record.probability);
	if (record.closedAt === null) return;
	const closed = dayOf(record.closedAt);
	add(closed, deal.open, -1);
	add(closed, deal.openAmount, -record.amount);
	add(closed, deal.openWeighted, -record.amount * record.probability);
});

/** A sum that is exactly 0 when nothing was counted (taking records out of a sum can leave a rounding trace). */
const counted = (count: number, total: number): number => (count === 0 ? 0 : total);

const dealKpis = (table: DayTable, period: Period): Record<string, KpiValue> => {
	const previous = previousPeriod(period);
	const won = table.sum(deal.won, period.start, period.end);
	const lost = table.sum(deal.lost, period.start, period.end);
	const revenueWon = counted(won, table.sum(deal.revenue, period.start, period.end));
	const revenueBefore = counted(
		table.sum(deal.won, previous.start, previous.end),
		table.sum(deal.revenue, previous.start, previous.end),
	);
	const open = table.before(deal.open, period.end);
	return {
		revenue_won: revenueWon,
		deals_won: won,
		sales_growth: revenueBefore === 0 ? null : (revenueWon - revenueBefore) / revenueBefore,
		win_rate: ratio(won, won + lost),
		avg_deal_size: ratio(revenueWon, won),
		sales_cycle_days: ratio(table.sum(deal.cycleDays, period.start, period.end), won),
		pipeline_open: counted(open, table.before(deal.openAmount, period.end)),
		pipeline_weighted: counted(open, table.before(deal.openWeighted, period.end)),
	};
};

/** Customers' fields: customers there (from creation to churn), churned and new by day. */
const customer = {there: 0, churned: 1, created: 2} as const;

const customerTable = dayTables<Customer>(3, (record, add) => {
	const created = dayOf(record.createdAt);
	add(created, customer.created, 1);
	if (record.churnedAt !== null) add(dayOf(record.churnedAt), customer.churned, 1);
	// At start(P): created before the start and not churned before it. Churned before it was created: never there.
	if (record.churnedAt !== null && record.churnedAt < record.createdAt) return;
	add(created, customer.there, 1);
	if (record.churnedAt !== null) add(dayOf(record.churnedAt), customer.there, -1);
});

const customerKpis = (table: DayTable, period: Period): Record<string, KpiValue> => {
	const churnRate = ratio(
		table.sum(customer.churned, period.start, period.end),
		table.before(customer.there, period.start),
	);
	return {
		new_customers: table.sum(customer.created, period.start, period.end),
		churn_rate: churnRate,
		retention_rate: churnRate === null ? null : 1 - churnRate,
	};
};

/** Tickets' fields: opened (with first-response hours) by creation day; resolved (hours, within SLA) by resolution day; backlog from creation to resolution. */
const ticket = {
	opened: 0,
	responded: 1,
	responseHours: 2,
	resolved: 3,
	resolutionHours: 4,
	withinSla: 5,
	open: 6,
} as const;

const ticketTable = dayTables<Ticket>(7, (record, add) => {
	const created = dayOf(record.createdAt);
	add(created, ticket.opened, 1);
	if (record.firstResponseAt !== null) {
		add(created, ticket.responded, 1);
		add(created, ticket.responseHours, (time(record.firstResponseAt) - time(record.createdAt)) / hour);
	}
	if (record.resolvedAt !== null) {
		const resolved = dayOf(record.resolvedAt);
		add(resolved, ticket.resolved, 1);
		add(resolved, ticket.resolutionHours, (time(record.resolvedAt) - time(record.createdAt)) / hour);
		if (time(record.resolvedAt) <= time(record.dueAt)) add(resolved, ticket.withinSla, 1);
	}
	// In the backlog at end(P): created before the end and not resolved before it.
	if (record.resolvedAt !== null && record.resolvedAt < record.createdAt) return;
	add(created, ticket.open, 1);
	if (record.resolvedAt !== null) add(dayOf(record.resolvedAt), ticket.open, -1);
});

const ticketKpis = (table: DayTable, period: Period): Record<string, KpiValue> => {
	const resolved = table.sum(ticket.resolved, period.start, period.end);
	return {
		tickets_opened: table.sum(ticket.opened, period.start, period.end),
		first_response_hours: ratio(
			table.sum(ticket.responseHours, period.start, period.end),
			table.sum(ticket.responded, period.start, period.end),
		),
		resolution_hours: ratio(table.sum(ticket.resolutionHours, period.start, period.end), resolved),
		sla_compliance: ratio(table.sum(ticket.withinSla, period.start, period.end), resolved),
		backlog: table.before(ticket.open, period.end),
	};
};

/** Feedback's fields, by the day it was given. */
const feedbackField = {rated: 0, rating: 1, satisfied: 2, withNps: 3, promoters: 4, detractors: 5} as const;

const feedbackTable = dayTables<Feedback>(6, (record, add) => {
	const given = dayOf(record.createdAt);
	add(given, feedbackField.rated, 1);
	add(given, feedbackField.rating, record.rating);
	if (record.rating >= 4) add(given, feedbackField.satisfied, 1);
	if (record.nps === null) return;
	add(given, feedbackField.withNps, 1);
	if (record.nps >= 9) add(given, feedbackField.promoters, 1);
	if (record.nps <= 6) add(given, feedbackField.detractors, 1);
});

const feedbackKpis = (table: DayTable, period: Period): Record<string, KpiValue> => {
	const sum = (field: number) => table.sum(field, period.start, period.end);
	const rated = sum(feedbackField.rated);
	const withNps = sum(feedbackField.withNps);
	return {
		csat: ratio(sum(feedbackField.satisfied), rated),
		avg_rating: ratio(sum(feedbackField.rating), rated),
		nps: withNps === 0 ? null : ((sum(feedbackField.promoters) - sum(feedbackField.detractors)) / withNps) * 100,
	};
};

export type RoiSettings = {margin: number; oneOffCost: number; monthlyCost: number};

/**
 * (margin × revenue_won over the window − costs over the window) / costs over the window; the window
 * is the evaluation window after go-live, its costs the one-off cost plus the monthly cost per month.
 */
export const roi = (dataset: Dataset, window: Period, months: number, settings: RoiSettings): KpiValue => {
	const costs = settings.oneOffCost + settings.monthlyCost * months;
	if (costs === 0) return null;
	return (settings.margin * wonRevenue(dataset, window) - costs) / costs;
};

export type KpiValues = Record<KpiId, KpiValue>;
