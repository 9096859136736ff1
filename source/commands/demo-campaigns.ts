import type {Campaign, CampaignChannel} from '../domain/campaign.js';
import type {Customer} from '../domain/customer.js';
import {entityIdPrefix} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import type {Opportunity} from '../domain/opportunity.js';
import {day, hour} from '../domain/units.js';
import type {RandomSource} from './random-source.js';

type Span = {start: number; end: number};

const iso = (time: number): string => new Date(time).toISOString();
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Per channel: what campaigns of it are called, how long they run (days), what they may spend (USD). */
const channelPlans: Record<
	CampaignChannel,
	{names: readonly string[]; days: readonly [number, number]; budget: readonly [number, number]; weight: number}
> = {
	email: {
		names: ['Renewal reminder mailing', 'Product update newsletter', 'Win-back sequence', 'Onboarding drip'],
		days: [7, 21],
		budget: [1_500, 5_000],
		weight: 3,
	},
	event: {
		names: ['Trade fair booth', 'Customer summit', 'Partner roadshow', 'User meetup'],
		days: [1, 4],
		budget: [12_000, 55_000],
		weight: 1.5,
	},
	ads: {
		names: ['Search ads', 'LinkedIn ads', 'WeChat ads', 'Display retargeting'],
		days: [21, 60],
		budget: [8_000, 35_000],
		weight: 2,
	},
	social: {
		names: ['Case study posts', 'Product launch posts', 'Live demo stream'],
		days: [14, 45],
		budget: [3_000, 12_000],
		weight: 1.5,
	},
	content: {
		names: ['Analytics whitepaper', 'Benchmark report', 'Webinar series'],
		days: [30, 90],
		budget: [4_000, 14_000],
		weight: 1.5,
	},
	referral: {
		names: ['Customer referral bonus', 'Partner referral programme'],
		days: [60, 120],
		budget: [3_000, 9_000],
		weight: 1,
	},
	other: {names: ['Direct mail', 'Cold outreach sprint'], days: [14, 30], budget: [2_000, 7_000], weight: 0.5},
};

const marketers = ['Lina Park', 'Omar Haddad', 'Mei Chen'];
const segments = ['', '', 'smb', 'mid-market', 'enterprise'] as const;

/** The currency a campaign spends in: WeChat ads in yuan, some fairs in euros, the rest in dollars. */
const currencyOf = (
	random: RandomSource,
	name: string,
	channel: CampaignChannel,
): {currency: string; factor: number} =>
	name === 'WeChat ads'
		? {currency: 'CNY', factor: 7.2}
		: channel === 'event' && random.chance(0.35)
			? {currency: 'EUR', factor: 0.92}
			: {currency: 'USD', factor: 1};

const roundTo = (value: number, step: number): number => Math.round(value / step) * step;

/** One campaign starting at `startAt`: its status, end and spend follow from where `now` (span.end) falls. */
const makeCampaign = (random: RandomSource, span: Span, startAt: number, given?: CampaignChannel): Campaign => {
	const channel =
		given ??
		random.weighted(
			Object.entries(channelPlans).map(([name, plan]) => [name as CampaignChannel, plan.weight] as const),
		);
	const plan = channelPlans[channel];
	const name = random.pick(plan.names);
	const {currency, factor} = currencyOf(random, name, channel);
	const budget = roundTo(factor * (plan.budget[0] + random.next() * (plan.budget[1] - plan.budget[0])), 100);
	const plannedEnd = startAt + random.int(plan.days[0], plan.days[1]) * day;
	const createdAt = startAt - random.int(5, 30) * day;
	let status: Campaign['status'];
	let endAt: number | null = plannedEnd;
	let cost: number;
	let updatedAt: number;
	if (startAt > span.end) {
		status = 'planned';
		cost = 0;
		updatedAt = createdAt;
	} else if (given === undefined && random.chance(0.1)) {
		// Stopped part-way: what was spent stays spent (KPI.md counts it).
		status = 'cancelled';
		endAt = Math.min(span.end - hour, startAt + (0.3 + 0.4 * random.next()) * (plannedEnd - startAt));
		cost = roundTo(budget * (0.4 + 0.4 * random.next()), 10);
		updatedAt = endAt;
	} else if (plannedEnd < span.end) {
		status = 'completed';
		cost = roundTo(budget * (0.85 + 0.3 * random.next()), 10);
		updatedAt = plannedEnd;
	} else {
		status = 'active';
		cost = roundTo(
			budget * Math.min(1, (span.end - startAt) / (plannedEnd - startAt)) * (0.9 + 0.2 * random.next()),
			10,
		);
		updatedAt = startAt;
	}
	const start = new Date(startAt);
	return {
		id: newId(entityIdPrefix.campaigns, random.next),
		externalId: null,
		name: `${name} ${monthNames[start.getUTCMonth()]} ${start.getUTCFullYear()}`,
		channel,
		status,
		startAt: iso(startAt),
		endAt: endAt === null ? null : iso(endAt),
		budget,
		cost,
		currency,
		segment: random.pick(segments),
		owner: random.pick(marketers),
		tags: [],
		notes: status === 'cancelled' ? 'Stopped early: the response was too weak to carry on.' : '',
		createdAt: iso(Math.min(createdAt, span.end)),
		updatedAt: iso(Math.min(updatedAt, span.end)),
		version: 1,
	};
};

/**
 * Campaigns over the span: one to three starting in every month (so every month has a marketing
 * cost), one running now and two planned for the weeks after `now`.
 */
export const makeCampaigns = (random: RandomSource, span: Span): Campaign[] => {
	const campaigns: Campaign[] = [];
	const first = new Date(span.start);
	for (let month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)); ; ) {
		const from = Math.max(month.getTime(), span.start);
		const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
		const until = Math.min(next.getTime(), span.end);
		if (from >= until) break;
		const count = 1 + (random.chance(0.6) ? 1 : 0) + (random.chance(0.2) ? 1 : 0);
		for (let index = 0; index < count; index++)
			campaigns.push(makeCampaign(random, span, from + random.next() * (until - from - hour)));
		month = next;
	}
	// One running now (a content campaign lasts a month or more), two planned for the weeks ahead.
	campaigns.push(makeCampaign(random, span, span.end - random.int(5, 20) * day, 'content'));
	for (let index = 0; index < 2; index++)
		campaigns.push(makeCampaign(random, span, span.end + random.int(7, 30) * day));
	return campaigns.sort((a, b) => a.startAt.localeCompare(b.startAt));
};

/** The campaigns that could have brought in someone who came at `time`: running then, or ended at most three weeks before. */
const campaignsAt = (campaigns: readonly Campaign[], time: number): Campaign[] =>
	campaigns.filter(
		(campaign) =>
			campaign.status !== 'planned' &&
			Date.parse(campaign.startAt) <= time &&
			time <= Date.parse(campaign.endAt ?? campaign.startAt) + 21 * day,
	);

/**
 * KPI.md: a campaign id means *acquired by*. About half of the customers who came while a campaign
 * ran came through it; a few deals of customers who came otherwise were won over by one (an
 * upsell mailing, a fair). Customers and deals without one keep no key (as the store keeps them).
 */
export const acquiredByCampaigns = (
	random: RandomSource,
	campaigns: readonly Campaign[],
	customers: readonly Customer[],
	opportunities: readonly Opportunity[],
): {customers: Customer[]; opportunities: Opportunity[]} => {
	const byCampaign = new Map<string, string>();
	const acquired = customers.map((customer) => {
		const running = campaignsAt(campaigns, Date.parse(customer.createdAt));
		if (running.length === 0 || !random.chance(0.5)) return customer;
		const campaign = random.pick(running);
		byCampaign.set(customer.id, campaign.id);
		return {...customer, campaignId: campaign.id};
	});
	const deals = opportunities.map((deal) => {
		if (byCampaign.has(deal.customerId)) return deal;
		const running = campaignsAt(campaigns, Date.parse(deal.createdAt)).filter(
			(campaign) => campaign.channel === 'email' || campaign.channel === 'event',
		);
		if (running.length === 0 || !random.chance(0.15)) return deal;
		return {...deal, campaignId: random.pick(running).id};
	});
	return {customers: acquired, opportunities: deals};
};
