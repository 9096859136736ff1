import type {Dataset} from '../domain/dataset.js';
import {inBase} from '../domain/money.js';
import {ratesOf, type Settings} from '../domain/settings.js';
import {campaignOfCustomer, dealCampaign} from './marketing-kpis.js';

/**
 * One campaign over its whole life (KPI.md *Marketing*, the paragraph under the table): its leads
 * (customers acquired by it), the deals that have it as their campaign, the won ones and their
 * revenue, its cost, cost per lead, conversion (leads with a won deal of the campaign / leads) and ROI.
 */
export type CampaignStats = {
	campaignId: string;
	leads: number;
	opportunities: number;
	won: number;
	/** Won deals of the campaign, in the base currency (the priced ones). */
	revenue: number;
	/** The campaign's cost in the base currency; null when its currency has no rate. */
	cost: number | null;
	costPerLead: number | null;
	conversion: number | null;
	roi: number | null;
	/** Records of this campaign left out of money for want of a rate (won deals, and the campaign's own cost). */
	unpriced: number;
};

type Kept = {
	customers: Dataset['customers'];
	opportunities: Dataset['opportunities'];
	key: string;
	stats: ReadonlyMap<string, CampaignStats>;
};

/** The last stats per campaign list: the campaigns screen asks every frame, the lists change only on a save. */
const kept = new WeakMap<Dataset['campaigns'], Kept>();

const count = (dataset: Dataset, settings: Settings): Map<string, CampaignStats> => {
	const rates = ratesOf(settings);
	const {margin} = settings.assessment.roi;
	const stats = new Map<string, CampaignStats>();
	for (const campaign of dataset.campaigns) {
		const cost = inBase(rates, campaign.cost, campaign.currency);
		stats.set(campaign.id, {
			campaignId: campaign.id,
			leads: 0,
			opportunities: 0,
			won: 0,
			revenue: 0,
			cost,
			costPerLead: null,
			conversion: null,
			roi: null,
			unpriced: cost === null ? 1 : 0,
		});
	}
	for (const customer of dataset.customers) {
		const entry = customer.campaignId ? stats.get(customer.campaignId) : undefined;
		if (entry) entry.leads++;
	}
	const campaigns = campaignOfCustomer(dataset.customers);
	// Leads of each campaign with a won deal of that campaign.
	const converted = new Map<string, Set<string>>();
	for (const deal of dataset.opportunities) {
		const id = dealCampaign(deal, campaigns);
		const entry = id ? stats.get(id) : undefined;
		if (!entry) continue;
		entry.opportunities++;
		if (deal.stage !== 'won') continue;
		entry.won++;
		const value = inBase(rates, deal.amount, deal.currency);
		if (value === null) entry.unpriced++;
		else entry.revenue += value;
		if (deal.customerId && campaigns.get(deal.customerId) === id) {
			const leads = converted.get(id) ?? new Set<string>();
			leads.add(deal.customerId);
			converted.set(id, leads);
		}
	}
	for (const entry of stats.values()) {
		const {cost, leads} = entry;
		entry.costPerLead = cost === null || leads === 0 ? null : cost / leads;
		entry.conversion = leads === 0 ? null : (converted.get(entry.campaignId)?.size ?? 0) / leads;
		entry.roi = cost === null || cost === 0 ? null : (margin * entry.revenue - cost) / cost;
	}
	return stats;
};

/**
 * Every campaign's stats by id, in the base currency of the settings. Kept per version of the
 * campaigns, customers and deals lists (the store replaces a list when it changes it, never edits
 * one in place) and of the rates and margin: the campaigns screen calls this every frame.
 */
export const campaignStats = (dataset: Dataset, settings: Settings): ReadonlyMap<string, CampaignStats> => {
	const key = JSON.stringify([settings.baseCurrency ?? 'USD', settings.rates, settings.assessment.roi.margin]);
	const known = kept.get(dataset.campaigns);
	if (
		known &&
		known.customers === dataset.customers &&
		known.opportunities === dataset.opportunities &&
		known.key === key
	)
		return known.stats;
	const stats = count(dataset, settings);
	kept.set(dataset.campaigns, {customers: dataset.customers, opportunities: dataset.opportunities, key, stats});
	return stats;
};
