import type {ChangeEntry} from '../domain/change-log.js';
import type {Dataset} from '../domain/dataset.js';
import type {Metric} from '../domain/metric.js';
import type {KpiId} from './kpi-catalog.js';
import {isBefore, isIn, previousPeriod, type Period} from './periods.js';

/** A KPI's value: a number, or null where KPI.md leaves it undefined (no data, a zero denominator). */
export type KpiValue = number | null;

const day = 86_400_000;
const hour = 3_600_000;

const ratio = (numerator: number, denominator: number): KpiValue => (denominator === 0 ? null : numerator / denominator);
const mean = (values: readonly number[]): KpiValue => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const time = (iso: string): number => Date.parse(iso);

/** Revenue won in P alone (KPI.md revenue_won), for the forecast's history without every other KPI of each period. */
export const wonRevenue = (dataset: Dataset, period: Period): number => {
	let total = 0;
	for (const deal of dataset.opportunities) if (deal.stage === 'won' && isIn(deal.closedAt, period)) total += deal.amount;
	return total;
};

/** The effect KPIs of one period (or window), each exactly as KPI.md defines it. */
export const effectKpis = (dataset: Dataset, period: Period): Record<string, KpiValue> => {
	const {opportunities, customers, tickets, feedback} = dataset;
	const won = opportunities.filter((deal) => deal.stage === 'won' && isIn(deal.closedAt, period));
	const lost = opportunities.filter((deal) => deal.stage === 'lost' && isIn(deal.closedAt, period));
	const revenueWon = sum(won.map((deal) => deal.amount));
	const previous = previousPeriod(period);
	const revenueBefore = wonRevenue(dataset, previous);
	// Open at end(P): created before the end and not closed before it (closedAt empty or >= end).
	const open = opportunities.filter((deal) => isBefore(deal.createdAt, period.end) && (deal.closedAt === null || !isBefore(deal.closedAt, period.end)));
	const atStart = customers.filter((customer) => isBefore(customer.createdAt, period.start) && (customer.churnedAt === null || !isBefore(customer.churnedAt, period.start)));
	const churned = customers.filter((customer) => isIn(customer.churnedAt, period));
	const churnRate = ratio(churned.length, atStart.length);
	const opened = tickets.filter((ticket) => isIn(ticket.createdAt, period));
	const resolved = tickets.filter((ticket) => isIn(ticket.resolvedAt, period));
	const inPeriod = feedback.filter((entry) => isIn(entry.createdAt, period));
	const withNps = inPeriod.filter((entry) => entry.nps !== null);
	return {
		revenue_won: revenueWon,
		deals_won: won.length,
		sales_growth: revenueBefore === 0 ? null : (revenueWon - revenueBefore) / revenueBefore,
		win_rate: ratio(won.length, won.length + lost.length),
		avg_deal_size: ratio(revenueWon, won.length),
		sales_cycle_days: mean(won.map((deal) => (time(deal.closedAt!) - time(deal.createdAt)) / day)),
		pipeline_open: sum(open.map((deal) => deal.amount)),
		pipeline_weighted: sum(open.map((deal) => deal.amount * deal.probability)),
		new_customers: customers.filter((customer) => isIn(customer.createdAt, period)).length,
		churn_rate: churnRate,
		retention_rate: churnRate === null ? null : 1 - churnRate,
		tickets_opened: opened.length,
		first_response_hours: mean(opened.filter((ticket) => ticket.firstResponseAt !== null).map((ticket) => (time(ticket.firstResponseAt!) - time(ticket.createdAt)) / hour)),
		resolution_hours: mean(resolved.map((ticket) => (time(ticket.resolvedAt!) - time(ticket.createdAt)) / hour)),
		sla_compliance: ratio(resolved.filter((ticket) => time(ticket.resolvedAt!) <= time(ticket.dueAt)).length, resolved.length),
		backlog: tickets.filter((ticket) => isBefore(ticket.createdAt, period.end) && (ticket.resolvedAt === null || !isBefore(ticket.resolvedAt, period.end))).length,
		csat: ratio(inPeriod.filter((entry) => entry.rating >= 4).length, inPeriod.length),
		avg_rating: mean(inPeriod.map((entry) => entry.rating)),
		nps: withNps.length === 0 ? null : ((withNps.filter((entry) => entry.nps! >= 9).length - withNps.filter((entry) => entry.nps! <= 6).length) / withNps.length) * 100,
	};
};

const normalizedEmail = (email: string): string => email.trim().toLowerCase();

/** Data quality, as of now (not per period). */
export const qualityKpis = (dataset: Dataset): Record<string, KpiValue> => {
	const {customers} = dataset;
	const filled = customers.reduce((count, customer) => count + [customer.email, customer.phone, customer.owner, customer.segment].filter((value) => value.trim() !== '').length, 0);
	const emailCounts = new Map<string, number>();
	for (const customer of customers) {
		const email = normalizedEmail(customer.email);
		if (email !== '') emailCounts.set(email, (emailCounts.get(email) ?? 0) + 1);
	}
	const duplicated = customers.filter((customer) => (emailCounts.get(normalizedEmail(customer.email)) ?? 0) > 1).length;
	const ids = new Set(customers.map((customer) => customer.id));
	const orphans = [...dataset.opportunities, ...dataset.tickets, ...dataset.feedback].filter((record) => record.customerId !== '' && !ids.has(record.customerId)).length;
	return {
		completeness: ratio(filled, 4 * customers.length),
		duplicate_rate: ratio(duplicated, customers.length),
		orphan_records: orphans,
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
	const revenue = sum(dataset.opportunities.filter((deal) => deal.stage === 'won' && isIn(deal.closedAt, window)).map((deal) => deal.amount));
	return (settings.margin * revenue - costs) / costs;
};

export type KpiValues = Record<KpiId, KpiValue>;
