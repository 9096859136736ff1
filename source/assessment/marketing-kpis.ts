import type {Campaign} from '../domain/campaign.js';
import type {Customer} from '../domain/customer.js';
import type {Dataset} from '../domain/dataset.js';
import {inBase, type Rates, sumInBase} from '../domain/money.js';
import type {Opportunity} from '../domain/opportunity.js';
import {day} from '../domain/units.js';
import {carriedPerList, dayOf} from './day-table.js';
import {wonByDay} from './deal-kpis.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {customer, customerTable} from './kpis.js';
import {isIn, type Period} from './periods.js';

/** Each customer's campaign (KPI.md: the campaign that acquired it), for customers that have one. */
export const campaignOfCustomer: (customers: readonly Customer[]) => ReadonlyMap<string, string> = carriedPerList<
	Customer,
	Map<string, string>
>(
	(customers) => {
		const campaigns = new Map<string, string>();
		for (const entry of customers) if (entry.campaignId) campaigns.set(entry.id, entry.campaignId);
		return campaigns;
	},
	(campaigns, changes) => {
		for (const [old, current] of changes) {
			if (old) campaigns.delete(old.id);
			if (current?.campaignId) campaigns.set(current.id, current.campaignId);
		}
		return true;
	},
);

/** KPI.md: a deal's campaign is its own campaignId, else its customer's; '' for none. */
export const dealCampaign = (deal: Opportunity, customerCampaigns: ReadonlyMap<string, string>): string =>
	deal.campaignId || customerCampaigns.get(deal.customerId) || '';

/** How many deals each customer has (of any date, any stage), carried from edit to edit. */
export const dealsPerCustomer = carriedPerList<Opportunity, Map<string, number>>(
	(deals) => {
		const counts = new Map<string, number>();
		for (const deal of deals) if (deal.customerId) counts.set(deal.customerId, (counts.get(deal.customerId) ?? 0) + 1);
		return counts;
	},
	(counts, changes) => {
		for (const [old, current] of changes) {
			if (old?.customerId) {
				const left = (counts.get(old.customerId) ?? 0) - 1;
				if (left > 0) counts.set(old.customerId, left);
				else counts.delete(old.customerId);
			}
			if (current?.customerId) counts.set(current.customerId, (counts.get(current.customerId) ?? 0) + 1);
		}
		return true;
	},
);

/** Customers by the UTC day they were created, carried from edit to edit. */
const customersByDay = carriedPerList<Customer, Map<number, Set<string>>>(
	(customers) => {
		const days = new Map<number, Set<string>>();
		for (const entry of customers) addCreated(days, entry);
		return days;
	},
	(days, changes) => {
		for (const [old, current] of changes) {
			if (old) days.get(dayOf(old.createdAt))?.delete(old.id);
			if (current) addCreated(days, current);
		}
		return true;
	},
);

function addCreated(days: Map<number, Set<string>>, customer: Customer): void {
	const created = dayOf(customer.createdAt);
	const ids = days.get(created);
	if (ids) ids.add(customer.id);
	else days.set(created, new Set([customer.id]));
}

/** The values of a day-keyed map over the days of P, walking whichever is shorter. */
function* daysOf<V>(days: ReadonlyMap<number, V>, period: Period): Generator<V> {
	const first = Math.ceil(period.start / day);
	const last = Math.ceil(period.end / day);
	if (last - first <= days.size) {
		for (let index = first; index < last; index++) {
			const value = days.get(index);
			if (value !== undefined) yield value;
		}
	} else for (const [index, value] of days) if (index >= first && index < last) yield value;
}

/** KPI.md lead_conversion: customers created in P with at least one deal (of any date) / customers created in P. */
const leadConversion = (dataset: Pick<Dataset, 'customers' | 'opportunities'>, period: Period): KpiValue => {
	const deals = dealsPerCustomer(dataset.opportunities);
	let created = 0;
	let converted = 0;
	for (const ids of daysOf(customersByDay(dataset.customers), period))
		for (const id of ids) {
			created++;
			if (deals.has(id)) converted++;
		}
	return ratio(converted, created);
};

/** KPI.md marketing_cost: the cost of the campaigns that started in P, cancelled ones too, in the base currency. */
export const marketingCost = (campaigns: readonly Campaign[], period: Period, rates: Rates) =>
	sumInBase(
		rates,
		campaigns.filter((campaign) => isIn(campaign.startAt, period)),
		(campaign) => campaign.cost,
		(campaign) => campaign.currency,
	);

/** KPI.md campaign_revenue: won deals closed in P that have a campaign, in the base currency. */
export const campaignRevenue = (
	dataset: Pick<Dataset, 'customers' | 'opportunities'>,
	period: Period,
	rates: Rates,
) => {
	const campaigns = campaignOfCustomer(dataset.customers);
	let total = 0;
	for (const deals of daysOf(wonByDay(dataset.opportunities), period))
		for (const deal of deals.values()) {
			if (!dealCampaign(deal, campaigns)) continue;
			const value = inBase(rates, deal.amount, deal.currency);
			if (value !== null && isIn(deal.closedAt, period)) total += value;
		}
	return total;
};

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
