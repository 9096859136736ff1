import {inBase, type Rates} from '../domain/money.js';
import type {Opportunity} from '../domain/opportunity.js';
import {day} from '../domain/units.js';
import {carriedPerList, dayOf} from './day-table.js';
import {isoTime} from './iso-time.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {currencyDayTables, totalOf} from './money-tables.js';
import type {Period} from './periods.js';
import {previousPeriod} from './periods.js';

/** USD and no other rates: the money of settings that predate rates (KPI.md *Money*), and of callers that pass none. */
export const usdOnly: Rates = {base: 'USD', rates: {}};

const time = isoTime;

/**
 * Deals' figures, per currency (one pass over the deals for all of them): won (count, revenue, days
 * to close) and lost by closing day; open (count, amount, weighted) from creation to closing.
 */
const money = {won: 0, revenue: 1, open: 2, openAmount: 3, openWeighted: 4, lost: 5, cycleDays: 6} as const;

/** Whether a deal counts as open at all (closed before it was created: never). */
const everOpen = (record: Opportunity): boolean => record.closedAt === null || record.closedAt >= record.createdAt;

export const dealMoney = currencyDayTables<Opportunity>(7, (record, add) => {
	const {currency, amount} = record;
	if (record.closedAt !== null) {
		const closed = dayOf(record.closedAt);
		if (record.stage === 'won') {
			add(currency, closed, money.won, 1);
			add(currency, closed, money.revenue, amount);
			add(currency, closed, money.cycleDays, (time(record.closedAt) - time(record.createdAt)) / day);
		} else if (record.stage === 'lost') add(currency, closed, money.lost, 1);
	}
	// Open at end(P): created before the end and not closed before it.
	if (!everOpen(record)) return;
	const created = dayOf(record.createdAt);
	add(currency, created, money.open, 1);
	add(currency, created, money.openAmount, amount);
	add(currency, created, money.openWeighted, amount * record.probability);
	if (record.closedAt === null) return;
	const closed = dayOf(record.closedAt);
	add(currency, closed, money.open, -1);
	add(currency, closed, money.openAmount, -amount);
	add(currency, closed, money.openWeighted, -amount * record.probability);
});

/** Won revenue with `closedAt` in P, in the base currency, with how many won deals were priced and which currencies were not. */
export const wonMoney = (deals: readonly Opportunity[], period: Period, rates: Rates = usdOnly) =>
	dealMoney(deals).read(rates, money.revenue, money.won, period.start, period.end);

/** Revenue won in P alone (KPI.md revenue_won), for the forecast's history and ROI without every other KPI of each period. */
export const wonRevenue = (deals: readonly Opportunity[], period: Period, rates: Rates = usdOnly): number =>
	wonMoney(deals, period, rates).total;

/** The deal KPIs of KPI.md's Effect table for one period (or window), money in the base currency. */
export const dealKpis = (deals: readonly Opportunity[], period: Period, rates: Rates): Record<string, KpiValue> => {
	const tables = dealMoney(deals);
	const won = totalOf(tables, money.won, period.start, period.end);
	const lost = totalOf(tables, money.lost, period.start, period.end);
	const revenue = tables.read(rates, money.revenue, money.won, period.start, period.end);
	const revenueBefore = wonRevenue(deals, previousPeriod(period), rates);
	const open = tables.read(rates, money.openAmount, money.open, null, period.end);
	const weighted = tables.read(rates, money.openWeighted, money.open, null, period.end);
	return {
		revenue_won: revenue.total,
		deals_won: won,
		sales_growth: revenueBefore === 0 ? null : (revenue.total - revenueBefore) / revenueBefore,
		win_rate: ratio(won, won + lost),
		// KPI.md: divided by the won deals that are priced only.
		avg_deal_size: ratio(revenue.total, revenue.priced),
		sales_cycle_days: ratio(totalOf(tables, money.cycleDays, period.start, period.end), won),
		pipeline_open: open.total,
		pipeline_weighted: weighted.total,
	};
};

/** Won deals by the UTC day they closed, carried from edit to edit: the part-day at the end of a running period's share of the one before. */
export const wonByDay = carriedPerList<Opportunity, Map<number, Map<string, Opportunity>>>(
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

/**
 * Revenue won with `closedAt` in [start, end), to the millisecond, `start` a UTC midnight, in the
 * base currency: a running period's growth is measured against the same elapsed share of the period
 * before, which ends mid-day (KPI.md, *to date*). Whole days from the tables, the last part-day deal by deal.
 */
export const wonRevenueBetween = (
	deals: readonly Opportunity[],
	start: number,
	end: number,
	rates: Rates = usdOnly,
): number => {
	const midnight = Math.floor(end / day) * day;
	let total = midnight > start ? dealMoney(deals).read(rates, money.revenue, money.won, start, midnight).total : 0;
	for (const record of wonByDay(deals)
		.get(midnight / day)
		?.values() ?? []) {
		const closed = time(record.closedAt!);
		const value = inBase(rates, record.amount, record.currency);
		if (value !== null && closed >= Math.max(start, midnight) && closed < end) total += value;
	}
	return total;
};

/** Whether a deal is open at `at` (KPI.md: created before, not closed before; closed before it was created: never). */
export const dealOpenAt = (record: Opportunity, at: number): boolean =>
	time(record.createdAt) < at && (record.closedAt === null || (time(record.closedAt) >= at && everOpen(record)));

/** What is open before a UTC midnight, in the base currency: the start of `openAt`'s count. */
export const openDealsBefore = (deals: readonly Opportunity[], midnight: number, rates: Rates) => {
	const tables = dealMoney(deals);
	const amount = tables.read(rates, money.openAmount, money.open, null, midnight);
	return {
		priced: amount.priced,
		amount: amount.total,
		weighted: tables.read(rates, money.openWeighted, money.open, null, midnight).total,
	};
};
