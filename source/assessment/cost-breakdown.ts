import type {Dataset} from '../domain/dataset.js';
import type {Rates} from '../domain/money.js';
import {
	type CostsInForce,
	costsInForce,
	implementationCategories,
	operatingCategories,
	type RoiSettings,
	uncategorised,
} from '../domain/roi-costs.js';
import {usdOnly, wonRevenue, wonRevenueBetween} from './deal-kpis.js';
import type {KpiValue} from './kpi-value.js';
import type {Period} from './periods.js';

/** The month index (year × 12 + month − 1) of an instant, in UTC. */
const monthOf = (time: number): number => {
	const date = new Date(time);
	return date.getUTCFullYear() * 12 + date.getUTCMonth();
};

/** The first instant of month `index`. */
const monthStart = (index: number): number => new Date(0).setUTCFullYear(Math.floor(index / 12), index % 12, 1);

/** The first month whose first instant is at or after `time`. */
const firstMonthFrom = (time: number): number => {
	const month = monthOf(time);
	return monthStart(month) === time ? month : month + 1;
};

const monthIndex = (text: string): number => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;

/**
 * The months of an operating cost that fall in a window. **The rule**: month M counts when its first
 * day (00:00 UTC on the 1st) is in the window, start <= first(M) < end. A window that starts on the
 * 1st counts its first month; one that starts mid-month (go-live on the 15th) does not count that
 * month but counts the month its end falls in, so a window of W months always holds W months of
 * each monthly cost paid throughout. Months `from` to `to` (inclusive; no `to`: still paid).
 */
export const monthsInWindow = (cost: {from: string; to: string | null}, window: Period): number => {
	const first = Math.max(firstMonthFrom(window.start), monthIndex(cost.from));
	const end = Math.min(firstMonthFrom(window.end), cost.to === null ? Infinity : monthIndex(cost.to) + 1);
	return Math.max(0, end - first);
};

/** A one-off cost falls in a window when its day (00:00 UTC) does: start <= day < end. */
const dayIn = (date: string, window: Period): boolean => {
	const time = Date.parse(`${date}T00:00:00Z`);
	return time >= window.start && time < window.end;
};

export type Category =
	| (typeof implementationCategories)[number]
	| (typeof operatingCategories)[number]
	| typeof uncategorised;

/** Every category in the order the report lists them: implementation, operation, then the old figures. */
export const categories: readonly Category[] = [...implementationCategories, ...operatingCategories, uncategorised];

export type WindowCosts = {
	/** Each category's costs over the window (0 for none; `uncategorised` holds the old figures). */
	byCategory: Record<Category, number>;
	implementation: number;
	operation: number;
	total: number;
};

/** KPI.md: the costs over a window, by category — one-off costs dated in it, monthly costs × their months in it. */
export const windowCosts = (costs: CostsInForce, window: Period): WindowCosts => {
	const byCategory = Object.fromEntries(categories.map((category) => [category, 0])) as Record<Category, number>;
	let implementation = 0;
	let operation = 0;
	for (const cost of costs.implementation) {
		if (!dayIn(cost.date, window)) continue;
		byCategory[cost.category] += cost.amount;
		implementation += cost.amount;
	}
	for (const cost of costs.operation) {
		const amount = cost.amount * monthsInWindow(cost, window);
		byCategory[cost.category] += amount;
		operation += amount;
	}
	return {byCategory, implementation, operation, total: implementation + operation};
};

/** (margin × revenue_won over the window − costs over the window) / costs over the window; null when they are 0. */
export const roiOf = (benefit: number, costs: number): KpiValue => (costs === 0 ? null : (benefit - costs) / costs);

/** The costs dated up to `end` (exclusive), from before go-live too: one-off costs on a day before it, monthly costs' months before it. */
const costsBefore = (costs: CostsInForce, end: number): number => {
	let total = 0;
	for (const cost of costs.implementation) if (Date.parse(`${cost.date}T00:00:00Z`) < end) total += cost.amount;
	const last = firstMonthFrom(end);
	for (const cost of costs.operation) {
		const months = Math.min(last, cost.to === null ? Infinity : monthIndex(cost.to) + 1) - monthIndex(cost.from);
		total += cost.amount * Math.max(0, months);
	}
	return total;
};

/**
 * The payback month: the first calendar month (UTC) from go-live's month on, up to the month of
 * `now`, at whose end the cumulative benefit — margin × revenue_won from go-live to then — first
 * exceeds the cumulative cost, which is every cost dated up to that month's end, implementation costs
 * before go-live included (a monthly cost counts each of its months up to that one). The month still
 * running is judged with its revenue so far and its costs whole. Null when not reached yet (not yet),
 * when go-live is after now, or when nothing costs anything (a payback of nothing is no news).
 */
export const paybackMonth = (
	dataset: Dataset,
	costs: CostsInForce,
	goLive: number,
	margin: number,
	now: number,
	rates: Rates = usdOnly,
): string | null => {
	if (costs.implementation.length === 0 && costs.operation.length === 0) return null;
	for (let month = monthOf(goLive); month <= monthOf(now); month++) {
		const end = monthStart(month + 1);
		const cost = costsBefore(costs, end);
		const benefit = margin * wonRevenueBetween(dataset.opportunities, goLive, Math.min(end, now), rates);
		if (benefit > cost) return new Date(monthStart(month)).toISOString().slice(0, 7);
	}
	return null;
};

export type CostBreakdown = WindowCosts & {
	goLive: string;
	window: Period;
	margin: number;
	revenueWon: number;
	/** margin × revenue_won over the window. */
	benefit: number;
	roi: KpiValue;
	paybackMonth: string | null;
	/** Costs dated before the window (before go-live): in the payback, not in ROI. */
	beforeWindow: number;
	/** How many costs are in force (0: none entered, ROI is null). */
	costCount: number;
};

/** Costs, benefit, ROI and payback over the evaluation window after go-live: what the report and the ROI view show. */
export const costBreakdown = (
	dataset: Dataset,
	roi: RoiSettings,
	goLive: string,
	window: Period,
	now: number,
	rates: Rates = usdOnly,
): CostBreakdown => {
	const costs = costsInForce(roi, goLive);
	const inWindow = windowCosts(costs, window);
	const revenueWon = wonRevenue(dataset.opportunities, window, rates);
	const benefit = roi.margin * revenueWon;
	return {
		...inWindow,
		goLive,
		window,
		margin: roi.margin,
		revenueWon,
		benefit,
		roi: roiOf(benefit, inWindow.total),
		paybackMonth: paybackMonth(dataset, costs, window.start, roi.margin, now, rates),
		beforeWindow: costsBefore(costs, window.start),
		costCount: costs.implementation.length + costs.operation.length,
	};
};
