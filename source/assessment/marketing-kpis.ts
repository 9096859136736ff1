import type {Campaign} from '../domain/campaign.js';
import type {Customer} from '../domain/customer.js';
import type {Dataset} from '../domain/dataset.js';
import {type Rates, sumInBase} from '../domain/money.js';
import type {Opportunity} from '../domain/opportunity.js';
import {carriedPerList, DayTable, dayOf} from './day-table.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {customer, customerTable} from './kpis.js';
import {CurrencyDayTables} from './money-tables.js';
import {isIn, type Period} from './periods.js';

/** A state carried from edit to edit whose `version` grows whenever what depends on it must be counted again. */
type Versioned<S> = {value: S; version: number};

/** Each customer's campaign (KPI.md: the campaign that acquired it), for customers that have one. */
const campaignMap = carriedPerList<Customer, Versioned<Map<string, string>>>(
	(customers) => {
		const campaigns = new Map<string, string>();
		for (const entry of customers) if (entry.campaignId) campaigns.set(entry.id, entry.campaignId);
		return {value: campaigns, version: 0};
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

/** How many deals each customer has (of any date, any stage); the version grows when a customer gets its first or loses its last. */
const dealCounts = carriedPerList<Opportunity, Versioned<Map<string, number>>>(
	(deals) => {
		const counts = new Map<string, number>();
		for (const deal of deals) if (deal.customerId) counts.set(deal.customerId, (counts.get(deal.customerId) ?? 0) + 1);
		return {value: counts, version: 0};
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
					state.version++;
				}
			}
			if (current?.customerId) {
				const had = counts.get(current.customerId) ?? 0;
				counts.set(current.customerId, had + 1);
				if (had === 0) state.version++;
			}
		}
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
	build: (list: readonly R[], context: C) => S,
	update: (value: S, changes: ReadonlyArray<[R | undefined, R | undefined]>, context: C) => void,
) => {
	type State = {value: S; of: Versioned<C>; version: number};
	const states = carriedPerList<R, State, Versioned<C>>(
		(list, context) => ({value: build(list, context.value), of: context, version: context.version}),
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
	(deals, campaigns) => {
		const tables = new CurrencyDayTables(2);
		for (const deal of deals) addCampaignWon(tables.add, deal, campaigns, 1);
		return tables;
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

/** Customers with at least one deal, by the day they were created: lead conversion. */
const convertedTable = dependent<Customer, Map<string, number>, DayTable>(
	(customers, deals) => {
		const table = new DayTable(1);
		for (const entry of customers) if (deals.has(entry.id)) table.add(dayOf(entry.createdAt), 0, 1);
		return table;
	},
	(table, changes, deals) => {
		for (const [old, current] of changes) {
			if (old && deals.has(old.id)) table.add(dayOf(old.createdAt), 0, -1);
			if (current && deals.has(current.id)) table.add(dayOf(current.createdAt), 0, 1);
		}
	},
);

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
