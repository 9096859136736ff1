import type {Dataset} from '../domain/dataset.js';
import {inBase} from '../domain/money.js';
import {ratesOf, type Settings} from '../domain/settings.js';

/** A campaign's funnel over its whole life (KPI.md *Marketing*, per campaign). */
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
	/** Records of this campaign left out of money for want of a rate. */
	unpriced: number;
};

const computeStats = (dataset: Dataset, settings: Settings): ReadonlyMap<string, CampaignStats> => {
	const rates = ratesOf(settings);
	const margin = settings.assessment.roi.margin;
	const stats = new Map<string, CampaignStats>();
	for (const campaign of dataset.campaigns)
		stats.set(campaign.id, {
			campaignId: campaign.id,
			leads: 0,
			opportunities: 0,
			won: 0,
			revenue: 0,
			cost: inBase(rates, campaign.cost, campaign.currency),
			costPerLead: null,
			conversion: null,
			roi: null,
			unpriced: inBase(rates, campaign.cost, campaign.currency) === null ? 1 : 0,
		});
	const customerCampaign = new Map<string, string>();
	for (const customer of dataset.customers)
		if (customer.campaignId) {
			customerCampaign.set(customer.id, customer.campaignId);
			const entry = stats.get(customer.campaignId);
			if (entry) entry.leads++;
		}
	// Leads with at least one won deal of the campaign: conversion's numerator.
	const converted = new Map<string, Set<string>>();
	for (const deal of dataset.opportunities) {
		const campaignId = deal.campaignId || customerCampaign.get(deal.customerId);
		const entry = campaignId ? stats.get(campaignId) : undefined;
		if (!entry) continue;
		entry.opportunities++;
		if (deal.stage !== 'won') continue;
		entry.won++;
		const value = inBase(rates, deal.amount, deal.currency);
		if (value === null) entry.unpriced++;
		else entry.revenue += value;
		if (customerCampaign.get(deal.customerId) === campaignId) {
			const leads = converted.get(campaignId!) ?? new Set<string>();
			leads.add(deal.customerId);
			converted.set(campaignId!, leads);
		}
	}
	for (const entry of stats.values()) {
		entry.costPerLead = entry.cost === null || entry.leads === 0 ? null : entry.cost / entry.leads;
		entry.conversion = entry.leads === 0 ? null : (converted.get(entry.campaignId)?.size ?? 0) / entry.leads;
		entry.roi = entry.cost === null || entry.cost === 0 ? null : (margin * entry.revenue - entry.cost) / entry.cost;
	}
	return stats;
};

let last:
	| {
			campaigns: object;
			customers: object;
			opportunities: object;
			settings: Settings;
			stats: ReadonlyMap<string, CampaignStats>;
	  }
	| undefined;

/** Every campaign's stats, kept while the campaigns, customers, deals and settings stay as they are (a list screen asks every frame). */
export const campaignStats = (dataset: Dataset, settings: Settings): ReadonlyMap<string, CampaignStats> => {
	if (
		last?.campaigns !== dataset.campaigns ||
		last.customers !== dataset.customers ||
		last.opportunities !== dataset.opportunities ||
		last.settings !== settings
	)
		last = {
			campaigns: dataset.campaigns,
			customers: dataset.customers,
			opportunities: dataset.opportunities,
			settings,
			stats: computeStats(dataset, settings),
		};
	return last.stats;
};
