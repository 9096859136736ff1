import type {Customer} from '../domain/customer.js';
import type {Dataset} from '../domain/dataset.js';
import type {Feedback} from '../domain/feedback.js';
import {inBase, type Rates} from '../domain/money.js';
import type {Opportunity} from '../domain/opportunity.js';
import {costsInForce, type RoiSettings} from '../domain/roi-costs.js';
import {type Ticket, ticketTypeOf} from '../domain/ticket.js';
import {day, hour} from '../domain/units.js';
import {roiOf, windowCosts} from './cost-breakdown.js';
import {carriedPerList, type DayTable, dayOf, dayTables} from './day-table.js';
import {dealKpis, dealOpenAt, openDealsBefore, usdOnly, wonRevenue} from './deal-kpis.js';
import {isoTime} from './iso-time.js';
import type {KpiId} from './kpi-catalog.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {orderKpis} from './order-kpis.js';
import type {Period} from './periods.js';
import {followUpRate} from './service-kpis.js';

export {wonRevenue, wonRevenueBetween} from './deal-kpis.js';
export type {KpiValue} from './kpi-value.js';

const time = isoTime;

/**
 * Records with a moment on or after `since` (a UTC midnight): carried from edit to edit, so what is
 * open at an instant of a running period costs the few records of its last day, not a scan of every
 * record after each edit.
 */
type Recent<R> = {since: number; records: Map<string, R>};

const recentOf = <R extends {id: string; createdAt: string}>(end: (record: R) => string | null) => {
	const add = (state: Recent<R>, record: R) => {
		const ended = end(record);
		if (time(record.createdAt) >= state.since || (ended !== null && time(ended) >= state.since))
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

const recentDeals = recentOf<Opportunity>((record) => record.closedAt);
const recentTickets = recentOf<Ticket>((record) => record.resolvedAt);

const ticketOpenAt = (record: Ticket, at: number): boolean =>
	time(record.createdAt) < at &&
	(record.resolvedAt === null || (time(record.resolvedAt) >= at && record.resolvedAt >= record.createdAt));

type Open = {pipeline_open: number; pipeline_weighted: number; backlog: number};

/**
 * What is open at an instant, to the millisecond (KPI.md's "at end(P)" figures for a running
 * period, whose end(P) is now): the day tables up to that day's midnight, then the records with a
 * moment since it, each counted as it stands at the instant. Money in the base currency.
 */
export const openAt = (
	dataset: Pick<Dataset, 'opportunities' | 'tickets'>,
	at: number,
	rates: Rates = usdOnly,
): Open => {
	const midnight = Math.floor(at / day) * day;
	const deals = recentDeals(dataset.opportunities, midnight);
	const tickets = recentTickets(dataset.tickets, midnight);
	// Made for a later midnight than this one (a report for an earlier now): counted record by record.
	if (deals.since > midnight || tickets.since > midnight) return openByScan(dataset, at, rates);
	let {priced, amount, weighted} = openDealsBefore(dataset.opportunities, midnight, rates);
	for (const record of deals.records.values()) {
		const value = inBase(rates, record.amount, record.currency);
		if (value === null) continue;
		const change = Number(dealOpenAt(record, at)) - Number(dealOpenAt(record, midnight));
		priced += change;
		amount += change * value;
		weighted += change * value * record.probability;
	}
	let backlog = ticketTable(dataset.tickets).before(ticket.open, midnight);
	for (const record of tickets.records.values())
		backlog += Number(ticketOpenAt(record, at)) - Number(ticketOpenAt(record, midnight));
	return {pipeline_open: counted(priced, amount), pipeline_weighted: counted(priced, weighted), backlog};
};

/** `openAt` by looking at every record. */
const openByScan = (dataset: Pick<Dataset, 'opportunities' | 'tickets'>, at: number, rates: Rates): Open => {
	let priced = 0;
	let amount = 0;
	let weighted = 0;
	for (const record of dataset.opportunities) {
		const value = inBase(rates, record.amount, record.currency);
		if (value === null || !dealOpenAt(record, at)) continue;
		priced++;
		amount += value;
		weighted += value * record.probability;
	}
	let backlog = 0;
	for (const record of dataset.tickets) if (ticketOpenAt(record, at)) backlog++;
	return {pipeline_open: counted(priced, amount), pipeline_weighted: counted(priced, weighted), backlog};
};

/**
 * The effect KPIs of one period (or window), each exactly as KPI.md defines it, from the day
 * tables of each kind of record (day-table.ts): sums over the period's days, or over every day
 * before its end for what is open then. The tables are built in one pass and carried over from
 * edit to edit. Money is in the base currency of `rates` (KPI.md *Money*).
 */
export const effectKpis = (dataset: Dataset, period: Period, rates: Rates = usdOnly): Record<string, KpiValue> => ({
	...dealKpis(dataset.opportunities, period, rates),
	...customerKpis(customerTable(dataset.customers), period),
	...ticketKpis(ticketTable(dataset.tickets), period),
	follow_up_rate: followUpRate(
		dataset,
		period,
		ticketTable(dataset.tickets).sum(ticket.resolved, period.start, period.end),
	),
	...feedbackKpis(feedbackTable(dataset.feedback), period),
	...orderKpis(dataset.orders, period, rates),
});

/** A sum that is exactly 0 when nothing was counted (taking records out of a sum can leave a rounding trace). */
const counted = (count: number, total: number): number => (count === 0 ? 0 : total);

/** Customers' fields: customers there (from creation to churn), churned and new by day, and new with a campaign. */
export const customer = {there: 0, churned: 1, created: 2, campaignLead: 3} as const;

export const customerTable = dayTables<Customer>(4, (record, add) => {
	const created = dayOf(record.createdAt);
	add(created, customer.created, 1);
	if (record.campaignId) add(created, customer.campaignLead, 1);
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
	complaints: 7,
} as const;

const ticketTable = dayTables<Ticket>(8, (record, add) => {
	const created = dayOf(record.createdAt);
	add(created, ticket.opened, 1);
	if (ticketTypeOf(record) === 'complaint') add(created, ticket.complaints, 1);
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
	const opened = table.sum(ticket.opened, period.start, period.end);
	return {
		tickets_opened: opened,
		first_response_hours: ratio(
			table.sum(ticket.responseHours, period.start, period.end),
			table.sum(ticket.responded, period.start, period.end),
		),
		resolution_hours: ratio(table.sum(ticket.resolutionHours, period.start, period.end), resolved),
		sla_compliance: ratio(table.sum(ticket.withinSla, period.start, period.end), resolved),
		backlog: table.before(ticket.open, period.end),
		complaint_rate: ratio(table.sum(ticket.complaints, period.start, period.end), opened),
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

/**
 * (margin × revenue_won over the window − costs over the window) / costs over the window; the window
 * is the evaluation window after go-live, its costs by category as cost-breakdown.ts counts them.
 */
export const roi = (
	dataset: Dataset,
	window: Period,
	settings: RoiSettings,
	goLive: string,
	rates: Rates = usdOnly,
): KpiValue =>
	roiOf(
		settings.margin * wonRevenue(dataset.opportunities, window, rates),
		windowCosts(costsInForce(settings, goLive), window).total,
	);

export type KpiValues = Record<KpiId, KpiValue>;
