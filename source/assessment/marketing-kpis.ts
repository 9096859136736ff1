import type {Campaign} from '../domain/campaign.js';
import type {Customer} from '../domain/customer.js';
import type {Dataset} from '../domain/dataset.js';
import {type Rates, sumInBase} from '../domain/money.js';
import type {Opportunity} from '../domain/opportunity.js';
import {carriedPerList, DayTable, dayOf, type Fold, foldWhole} from './day-table.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {customer, customerTable} from './kpis.js';
import {CurrencyDayTables} from './money-tables.js';
import {isIn, type Period} from './periods.js';

/** A state carried from edit to edit whose `version` grows whenever what depends on it must be counted again. */
type Versioned<S> = {value: S; version: number};

/** Each customer's campaign (KPI.md: the campaign that acquired it), for customers that have one. */
const campaignMap = carriedPerList<Customer, Versioned<Map<string, string>>>(
	{
		start: () => ({value: new Map(), version: 0}),
		take: ({value: campaigns}, customers, from, to) => {
			for (let index = from; index < to; index++) {
				const entry = customers[index]!;
				if (entry.campaignId) campaigns.set(entry.id, entry.campaignId);
			}
		},
	},
	(state, changes) => {
		for (const [old, current] of changes) {
			const was = old ? state.value.get(old.id) : undefined;
			if (old) state.value.delete(old.id);
			if (current?.campaignId) state.value.set(current.id, current.campaignId);
			const now = current ? state.value.get(current.id) : undefined;
			// Only a campaign that came, went or changed moves what depends on the map.
			if (old?.id === current?.id ? was !== now : was !== undefined || now !== undefined) state.version++;
		}
		return true;
	},
);

export const campaignOfCustomer = (customers: readonly Customer[]): ReadonlyMap<string, string> =>
	campaignMap(customers).value;

/** KPI.md: a deal's campaign is its own campaignId, else its customer's; '' for none. */
export const dealCampaign = (deal: Opportunity, customerCampaigns: ReadonlyMap<string, string>): string =>
	deal.campaignId || customerCampaigns.get(deal.customerId) || '';

/**
 * How many deals each customer has (of any date, any stage); the version grows when a customer gets its first or loses
 * its last, and `log` says whose (`log[version - 1]` the last).
 */
const dealCounts = carriedPerList<Opportunity, Versioned<Map<string, number>> & {log: string[]}>(
	{
		start: () => ({value: new Map(), version: 0, log: []}),
		take: ({value: counts}, deals, from, to) => {
			for (let index = from; index < to; index++) {
				const {customerId} = deals[index]!;
				if (customerId) counts.set(customerId, (counts.get(customerId) ?? 0) + 1);
			}
		},
	},
	(state, changes) => {
		const counts = state.value;
		for (const [old, current] of changes) {
			if (old?.customerId === current?.customerId) continue;
			if (old?.customerId) {
				const left = (counts.get(old.customerId) ?? 0) - 1;
				if (left > 0) counts.set(old.customerId, left);
				else {
					counts.delete(old.customerId);
					state.log.push(old.customerId);
				}
			}
			if (current?.customerId) {
				const had = counts.get(current.customerId) ?? 0;
				counts.set(current.customerId, had + 1);
				if (had === 0) state.log.push(current.customerId);
			}
		}
		state.version = state.log.length;
		return true;
	},
);

export const dealsPerCustomer = (deals: readonly Opportunity[]): ReadonlyMap<string, number> => dealCounts(deals).value;

/**
 * A figure of one list that depends on a state carried for another (deals on customers' campaigns,
 * customers on their deals): carried from edit to edit while that state's version stays; counted
 * again when it moved.
 */
const dependent = <R extends {id: string}, C, S>(
	fold: Fold<R, S, C>,
	update: (value: S, changes: ReadonlyArray<[R | undefined, R | undefined]>, context: C) => void,
) => {
	type State = {value: S; of: Versioned<C>; version: number};
	const build = (list: readonly R[], context: C): S => foldWhole(fold, list, context);
	// Built a slice at a time in a count that goes in steps: what it depends on moved meanwhile, it is counted again (below).
	const states = carriedPerList<R, State, Versioned<C>>(
		{
			start: (context) => ({value: fold.start(context.value), of: context, version: context.version}),
			take: (state, list, from, to, context) => fold.take(state.value, list, from, to, context.value),
		},
		(state, changes, context) => {
			if (state.of !== context || state.version !== context.version) return false;
			update(state.value, changes, context.value);
			return true;
		},
	);
	return (list: readonly R[], context: Versioned<C>): S => {
		const state = states(list, context);
		if (state.of !== context || state.version !== context.version)
			Object.assign(state, {value: build(list, context.value), of: context, version: context.version});
		return state.value;
	};
};

/** Won deals that have a campaign, per currency, by closing day: campaign revenue. */
const campaignWon = dependent<Opportunity, Map<string, string>, CurrencyDayTables>(
	{
		start: () => new CurrencyDayTables(2),
		take: (tables, deals, from, to, campaigns) => {
			for (let index = from; index < to; index++) addCampaignWon(tables.add, deals[index]!, campaigns, 1);
		},
	},
	(tables, changes, campaigns) => {
		for (const [old, current] of changes) {
			if (old) addCampaignWon(tables.add, old, campaigns, -1);
			if (current) addCampaignWon(tables.add, current, campaigns, 1);
		}
	},
);

function addCampaignWon(
	add: CurrencyDayTables['add'],
	deal: Opportunity,
	campaigns: ReadonlyMap<string, string>,
	sign: number,
): void {
	if (deal.stage !== 'won' || deal.closedAt === null || !dealCampaign(deal, campaigns)) return;
	const closed = dayOf(deal.closedAt);
	add(deal.currency, closed, 0, sign);
	add(deal.currency, closed, 1, sign * deal.amount);
}

/**
 * Customers with at least one deal, by the day they were created: lead conversion. Carried from edit to edit of the
 * customers and, as customers get their first deal or lose their last, of the deals: each customer's day is kept
 * (`days`), and which are counted (`counted`), so that those are moved alone.
 */
type Converted = {table: DayTable; days: Map<string, number>; counted: Set<string>; of: DealCounts; version: number};
type DealCounts = ReturnType<typeof dealCounts>;

const convertedFold: Fold<Customer, Converted, DealCounts> = {
	start: (deals) => ({table: new DayTable(1), days: new Map(), counted: new Set(), of: deals, version: deals.version}),
	take: (state, customers, from, to) => {
		for (let index = from; index < to; index++) {
			const entry = customers[index]!;
			const day = dayOf(entry.createdAt);
			state.days.set(entry.id, day);
			if (state.of.value.has(entry.id)) {
				state.counted.add(entry.id);
				state.table.add(day, 0, 1);
			}
		}
	},
};

/** The customers whose first deal came or last went since the state was counted, moved; false when it cannot be said. */
const convertedCatchUp = (state: Converted, deals: DealCounts): boolean => {
	if (state.of !== deals) return false;
	for (const id of new Set(deals.log.slice(state.version))) {
		const day = state.days.get(id);
		if (day === undefined || state.counted.has(id) === deals.value.has(id)) continue;
		if (deals.value.has(id)) state.counted.add(id);
		else state.counted.delete(id);
		state.table.add(day, 0, deals.value.has(id) ? 1 : -1);
	}
	state.version = deals.version;
	return true;
};

const convertedStates = carriedPerList<Customer, Converted, DealCounts>(convertedFold, (state, changes, deals) => {
	if (!convertedCatchUp(state, deals)) return false;
	for (const [old, current] of changes) {
		if (old) {
			state.days.delete(old.id);
			if (state.counted.delete(old.id)) state.table.add(dayOf(old.createdAt), 0, -1);
		}
		if (current) {
			state.days.set(current.id, dayOf(current.createdAt));
			if (deals.value.has(current.id)) {
				state.counted.add(current.id);
				state.table.add(dayOf(current.createdAt), 0, 1);
			}
		}
	}
	return true;
});

const convertedTable = (customers: readonly Customer[], deals: DealCounts): DayTable => {
	const state = convertedStates(customers, deals);
	if ((state.of !== deals || state.version !== deals.version) && !convertedCatchUp(state, deals))
		Object.assign(state, foldWhole(convertedFold, customers, deals));
	return state.table;
};

/** KPI.md lead_conversion: customers created in P with at least one deal (of any date) / customers created in P. */
const leadConversion = (dataset: Pick<Dataset, 'customers' | 'opportunities'>, period: Period): KpiValue =>
	ratio(
		convertedTable(dataset.customers, dealCounts(dataset.opportunities)).sum(0, period.start, period.end),
		customerTable(dataset.customers).sum(customer.created, period.start, period.end),
	);

/** KPI.md marketing_cost: the cost of the campaigns that started in P, cancelled ones too, in the base currency. */
export const marketingCost = (campaigns: readonly Campaign[], period: Period, rates: Rates) =>
	sumInBase(
		rates,
		campaigns.filter((campaign) => isIn(campaign.startAt, period)),
		(campaign) => campaign.cost,
		(campaign) => campaign.currency,
	);

/** KPI.md campaign_revenue: won deals closed in P that have a campaign, in the base currency. */
export const campaignRevenue = (dataset: Pick<Dataset, 'customers' | 'opportunities'>, period: Period, rates: Rates) =>
	campaignWon(dataset.opportunities, campaignMap(dataset.customers)).read(rates, 1, 0, period.start, period.end).total;

/** The Marketing KPIs of KPI.md for one period (or window). `margin` is the ROI margin of the settings. */
export const marketingKpis = (
	dataset: Dataset,
	period: Period,
	rates: Rates,
	margin: number,
): Record<string, KpiValue> => {
	const cost = marketingCost(dataset.campaigns, period, rates).total;
	const leads = customerTable(dataset.customers).sum(customer.campaignLead, period.start, period.end);
	const revenue = campaignRevenue(dataset, period, rates);
	return {
		marketing_cost: cost,
		campaign_leads: leads,
		cost_per_lead: ratio(cost, leads),
		lead_conversion: leadConversion(dataset, period),
		campaign_revenue: revenue,
		marketing_roi: cost === 0 ? null : (margin * revenue - cost) / cost,
	};
};
