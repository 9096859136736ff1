import type {ChangeEntry} from '../domain/change-log.js';
import type {Dataset} from '../domain/dataset.js';
import type {Metric} from '../domain/metric.js';
import type {KpiId} from './kpi-catalog.js';
import type {Customer} from '../domain/customer.js';
import type {Feedback} from '../domain/feedback.js';
import type {Opportunity} from '../domain/opportunity.js';
import type {Ticket} from '../domain/ticket.js';
import {memoOf, spanKey} from './memo.js';
import {isBefore, isIn, previousPeriod, type Period} from './periods.js';

/** A KPI's value: a number, or null where KPI.md leaves it undefined (no data, a zero denominator). */
export type KpiValue = number | null;

const day = 86_400_000;
const hour = 3_600_000;

const ratio = (numerator: number, denominator: number): KpiValue => (denominator === 0 ? null : numerator / denominator);
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const time = (iso: string): number => Date.parse(iso);

/** Revenue won in P alone (KPI.md revenue_won), for the forecast's history without every other KPI of each period. */
export const wonRevenue = (dataset: Dataset, period: Period): number =>
	memoOf(dataset.opportunities, `won:${spanKey(period)}`, () => {
		let total = 0;
		for (const deal of dataset.opportunities) if (deal.stage === 'won' && isIn(deal.closedAt, period)) total += deal.amount;
		return total;
	});

/** A running mean: values added in order, so the result is the same number a sum over the list gives. */
class Mean {
	private total = 0;
	private count = 0;

	add(value: number): void {
		this.total += value;
		this.count++;
	}

	get value(): KpiValue {
		return this.count === 0 ? null : this.total / this.count;
	}
}

/**
 * The effect KPIs of one period (or window), each exactly as KPI.md defines it. One pass over each
 * kind of record (no intermediate lists: at 500k records those cost more than the counting).
 */
export const effectKpis = (dataset: Dataset, period: Period): Record<string, KpiValue> => {
	const span = spanKey(period);
	const deals = memoOf(dataset.opportunities, `effect:${span}`, () => dealKpis(dataset.opportunities, period));
	const customers = memoOf(dataset.customers, `effect:${span}`, () => customerKpis(dataset.customers, period));
	const tickets = memoOf(dataset.tickets, `effect:${span}`, () => ticketKpis(dataset.tickets, period));
	const feedback = memoOf(dataset.feedback, `effect:${span}`, () => feedbackKpis(dataset.feedback, period));
	return {...deals, ...customers, ...tickets, ...feedback};
};

const dealKpis = (opportunities: readonly Opportunity[], period: Period): Record<string, KpiValue> => {
	const previous = previousPeriod(period);
	let won = 0;
	let lost = 0;
	let revenueWon = 0;
	let revenueBefore = 0;
	let pipelineOpen = 0;
	let pipelineWeighted = 0;
	const cycle = new Mean();
	for (const deal of opportunities) {
		if (deal.stage === 'won' && isIn(deal.closedAt, period)) {
			won++;
			revenueWon += deal.amount;
			cycle.add((time(deal.closedAt!) - time(deal.createdAt)) / day);
		} else if (deal.stage === 'lost' && isIn(deal.closedAt, period)) lost++;
		if (deal.stage === 'won' && isIn(deal.closedAt, previous)) revenueBefore += deal.amount;
		// Open at end(P): created before the end and not closed before it (closedAt empty or >= end).
		if (isBefore(deal.createdAt, period.end) && (deal.closedAt === null || !isBefore(deal.closedAt, period.end))) {
			pipelineOpen += deal.amount;
			pipelineWeighted += deal.amount * deal.probability;
		}
	}
	return {
		revenue_won: revenueWon,
		deals_won: won,
		sales_growth: revenueBefore === 0 ? null : (revenueWon - revenueBefore) / revenueBefore,
		win_rate: ratio(won, won + lost),
		avg_deal_size: ratio(revenueWon, won),
		sales_cycle_days: cycle.value,
		pipeline_open: pipelineOpen,
		pipeline_weighted: pipelineWeighted,
	};
};

const customerKpis = (customers: readonly Customer[], period: Period): Record<string, KpiValue> => {
	let atStart = 0;
	let churned = 0;
	let newCustomers = 0;
	for (const customer of customers) {
		if (isBefore(customer.createdAt, period.start) && (customer.churnedAt === null || !isBefore(customer.churnedAt, period.start))) atStart++;
		if (isIn(customer.churnedAt, period)) churned++;
		if (isIn(customer.createdAt, period)) newCustomers++;
	}
	const churnRate = ratio(churned, atStart);
	return {new_customers: newCustomers, churn_rate: churnRate, retention_rate: churnRate === null ? null : 1 - churnRate};
};

const ticketKpis = (tickets: readonly Ticket[], period: Period): Record<string, KpiValue> => {
	let opened = 0;
	let resolved = 0;
	let withinSla = 0;
	let backlog = 0;
	const firstResponse = new Mean();
	const resolution = new Mean();
	for (const ticket of tickets) {
		if (isIn(ticket.createdAt, period)) {
			opened++;
			if (ticket.firstResponseAt !== null) firstResponse.add((time(ticket.firstResponseAt) - time(ticket.createdAt)) / hour);
		}
		if (isIn(ticket.resolvedAt, period)) {
			resolved++;
			resolution.add((time(ticket.resolvedAt!) - time(ticket.createdAt)) / hour);
			if (time(ticket.resolvedAt!) <= time(ticket.dueAt)) withinSla++;
		}
		if (isBefore(ticket.createdAt, period.end) && (ticket.resolvedAt === null || !isBefore(ticket.resolvedAt, period.end))) backlog++;
	}
	return {
		tickets_opened: opened,
		first_response_hours: firstResponse.value,
		resolution_hours: resolution.value,
		sla_compliance: ratio(withinSla, resolved),
		backlog,
	};
};

const feedbackKpis = (entries: readonly Feedback[], period: Period): Record<string, KpiValue> => {
	let rated = 0;
	let satisfied = 0;
	let withNps = 0;
	let promoters = 0;
	let detractors = 0;
	const rating = new Mean();
	for (const entry of entries) {
		if (!isIn(entry.createdAt, period)) continue;
		rated++;
		rating.add(entry.rating);
		if (entry.rating >= 4) satisfied++;
		if (entry.nps !== null) {
			withNps++;
			if (entry.nps >= 9) promoters++;
			if (entry.nps <= 6) detractors++;
		}
	}
	return {
		csat: ratio(satisfied, rated),
		avg_rating: rating.value,
		nps: withNps === 0 ? null : ((promoters - detractors) / withNps) * 100,
	};
};

const normalizedEmail = (email: string): string => email.trim().toLowerCase();

/**
 * Data quality, as of now (not per period): the same for every period, so computed once per data —
 * completeness and duplicates once per customer list, orphans once per set of lists.
 */
export const qualityKpis = (dataset: Dataset): Record<string, KpiValue> => {
	const {customers} = dataset;
	const ids = memoOf(customers, 'ids', () => new Set(customers.map((customer) => customer.id)));
	let orphans = 0;
	for (const list of [dataset.opportunities, dataset.tickets, dataset.feedback]) orphans += orphansIn(list, ids);
	return {...memoOf(customers, 'quality', () => customerQuality(customers)), orphan_records: orphans};
};

/** Records of one list naming a customer not in `ids` (the customers' ids): kept per list while the customers stay the same. */
const orphansIn = (list: ReadonlyArray<{customerId: string}>, ids: ReadonlySet<string>): number => {
	const counted = memoOf(list, 'orphans', () => ({ids, count: countOrphans(list, ids)}));
	if (counted.ids !== ids) Object.assign(counted, {ids, count: countOrphans(list, ids)});
	return counted.count;
};

const countOrphans = (list: ReadonlyArray<{customerId: string}>, ids: ReadonlySet<string>): number => {
	let count = 0;
	for (const record of list) if (record.customerId !== '' && !ids.has(record.customerId)) count++;
	return count;
};

const customerQuality = (customers: readonly Customer[]): Record<string, KpiValue> => {
	const filled = customers.reduce((count, customer) => count + [customer.email, customer.phone, customer.owner, customer.segment].filter((value) => value.trim() !== '').length, 0);
	const emailCounts = new Map<string, number>();
	for (const customer of customers) {
		const email = normalizedEmail(customer.email);
		if (email !== '') emailCounts.set(email, (emailCounts.get(email) ?? 0) + 1);
	}
	const duplicated = customers.filter((customer) => (emailCounts.get(normalizedEmail(customer.email)) ?? 0) > 1).length;
	return {
		completeness: ratio(filled, 4 * customers.length),
		duplicate_rate: ratio(duplicated, customers.length),
	};
};

/** Distinct operators with at least one recorded change in P. */
export const adoptionKpis = (changes: readonly ChangeEntry[], period: Period): Record<string, KpiValue> => ({
	active_operators: new Set(changes.filter((entry) => isIn(entry.at, period)).map((entry) => entry.operator)).size,
});

export type {Metric};

/** The p-th percentile by nearest rank: the smallest value with at least p% of the values at or below it. */
export const percentile = (values: readonly number[], p: number): KpiValue => {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** The console's own performance in P, from its metrics log. */
export const performanceKpis = (metrics: readonly Metric[], period: Period): Record<string, KpiValue> => {
	const inPeriod = metrics.filter((metric) => isIn(metric.at, period));
	const durations = (kind: Metric['kind']) => inPeriod.filter((metric) => metric.kind === kind && typeof metric.ms === 'number').map((metric) => metric.ms!);
	const loads = inPeriod.filter((metric) => metric.kind === 'load' && typeof metric.ms === 'number').sort((a, b) => a.at.localeCompare(b.at));
	return {
		render_ms_p95: percentile(durations('render'), 95),
		save_ms_p95: percentile(durations('save'), 95),
		// The last session in P: its load time.
		load_ms: loads.at(-1)?.ms ?? null,
		// Errors are counted over the sessions in P: without a session there is nothing to count.
		errors: loads.length === 0 ? null : inPeriod.filter((metric) => metric.kind === 'error').length,
	};
};

export type Requirement = {id: string; area: string; text: string; importance: 'high' | 'medium' | 'low'; status: 'met' | 'partial' | 'unmet'; note: string};

const weights = {high: 3, medium: 2, low: 1} as const;

/** (Σ weight met + ½ Σ weight partly met) / Σ weight of all. */
export const requirementsCoverage = (requirements: readonly Requirement[]): KpiValue => {
	const total = sum(requirements.map((requirement) => weights[requirement.importance]));
	const met = sum(requirements.filter((requirement) => requirement.status === 'met').map((requirement) => weights[requirement.importance]));
	const partial = sum(requirements.filter((requirement) => requirement.status === 'partial').map((requirement) => weights[requirement.importance]));
	return ratio(met + partial / 2, total);
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
