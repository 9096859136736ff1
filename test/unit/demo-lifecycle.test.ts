import {describe, expect, test} from 'vitest';
import {generateDemoDataset} from '../../source/commands/demo-data.js';
import {dealHistoryStart} from '../../source/commands/demo-deal-history.js';
import {historyStart} from '../../source/commands/demo-history.js';
import {demoMoney, demoProducts} from '../../source/commands/demo-orders.js';
import {demoOptions, demoSettings} from '../../source/commands/seed.js';
import {verifyAudit} from '../../source/domain/audit-verify.js';
import {campaignChannels} from '../../source/domain/campaign.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {inBase} from '../../source/domain/money.js';
import {isBooked, linesAmount, orderNumberPattern, orderStatuses} from '../../source/domain/order.js';
import {sealed} from '../../source/domain/record-seal.js';
import {ratesOf, settingsSchema} from '../../source/domain/settings.js';
import {ticketTypes} from '../../source/domain/ticket.js';

const now = new Date('2026-11-01T00:00:00Z');
const dataset = generateDemoDataset(demoOptions({now}));
const settings = settingsSchema.parse(demoSettings('2025-11-01'));
const rates = ratesOf(settings);
/** The last complete month before `now`: what the assessment opens on. */
const last = {start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z'};
const inLast = (time: string | null | undefined): boolean => !!time && time >= last.start && time < last.end;
const margin = settings.assessment.roi.margin;

const customersById = new Map(dataset.customers.map((customer) => [customer.id, customer]));
const campaignOf = (deal: Dataset['opportunities'][number]): string | undefined =>
	deal.campaignId ?? customersById.get(deal.customerId)?.campaignId;
const base = (amount: number, currency: string): number => inBase(rates, amount, currency)!;

describe('demo campaigns', () => {
	test('span the channels and every status, month after month', () => {
		const channels = new Set(dataset.campaigns.map((campaign) => campaign.channel));
		expect(channels.size).toBeGreaterThanOrEqual(campaignChannels.length - 1);
		expect(new Set(dataset.campaigns.map((campaign) => campaign.status))).toEqual(
			new Set(['planned', 'active', 'completed', 'cancelled']),
		);
		const months = new Set(dataset.campaigns.map((campaign) => campaign.startAt.slice(0, 7)));
		expect(months.size).toBeGreaterThanOrEqual(24);
		for (const campaign of dataset.campaigns) {
			if (campaign.endAt) expect(campaign.endAt >= campaign.startAt).toBe(true);
			expect(campaign.createdAt <= now.toISOString()).toBe(true);
			if (campaign.status === 'planned')
				expect([campaign.startAt > now.toISOString(), campaign.cost]).toEqual([true, 0]);
		}
	});

	test('some cost more than they brought in, some paid off, and cancelled ones spent money', () => {
		const roi = dataset.campaigns
			.filter((campaign) => campaign.cost > 0)
			.map((campaign) => {
				const revenue = dataset.opportunities
					.filter((deal) => deal.stage === 'won' && campaignOf(deal) === campaign.id)
					.reduce((total, deal) => total + base(deal.amount, deal.currency), 0);
				const cost = base(campaign.cost, campaign.currency);
				return (margin * revenue - cost) / cost;
			});
		expect(roi.filter((value) => value < 0).length).toBeGreaterThan(3);
		expect(roi.filter((value) => value > 0).length).toBeGreaterThan(3);
		const cancelled = dataset.campaigns.filter((campaign) => campaign.status === 'cancelled');
		expect(cancelled.some((campaign) => campaign.cost > 0)).toBe(true);
	});

	test('customers and deals name campaigns that exist and ran when they came', () => {
		const campaigns = new Map(dataset.campaigns.map((campaign) => [campaign.id, campaign]));
		const acquired = dataset.customers.filter((customer) => customer.campaignId !== undefined);
		expect(acquired.length).toBeGreaterThan(50);
		expect(acquired.length).toBeLessThan(dataset.customers.length);
		for (const customer of acquired) {
			const campaign = campaigns.get(customer.campaignId!)!;
			expect(campaign).toBeDefined();
			expect(customer.createdAt >= campaign.startAt).toBe(true);
		}
		const ownCampaign = dataset.opportunities.filter((deal) => deal.campaignId !== undefined);
		expect(ownCampaign.length).toBeGreaterThan(5);
		for (const deal of ownCampaign) expect(campaigns.has(deal.campaignId!)).toBe(true);
		// No campaign is no key, as the store keeps it (never '').
		expect(dataset.customers.some((customer) => 'campaignId' in customer && !customer.campaignId)).toBe(false);
	});
});

describe('demo orders', () => {
	test('in two currencies, every status, paid ones with a payment date, amounts from their lines', () => {
		expect(new Set(dataset.orders.map((order) => order.currency))).toEqual(new Set(['USD', 'CNY']));
		expect(new Set(dataset.orders.map((order) => order.status))).toEqual(new Set(orderStatuses));
		for (const order of dataset.orders) {
			expect(order.lines.length).toBeGreaterThan(0);
			expect(order.amount).toBe(linesAmount(order.lines));
			expect(order.paidAt !== null).toBe(order.status === 'paid');
			if (order.paidAt) expect(order.paidAt >= order.orderedAt && order.paidAt <= now.toISOString()).toBe(true);
			expect(customersById.has(order.customerId)).toBe(true);
		}
	});

	test('lines sell the catalogue in the order’s currency, and numbers are SO-YYYY-NNNN, unique, by order date', () => {
		const catalogue = new Map(demoProducts.map((product) => [product.name, product]));
		const priced = dataset.orders.flatMap((order) =>
			order.lines.filter((line) => catalogue.get(line.product)?.currency === order.currency),
		);
		expect(priced.length / dataset.orders.flatMap((order) => order.lines).length).toBeGreaterThan(0.9);
		const numbers = dataset.orders.map((order) => order.number);
		expect(new Set(numbers).size).toBe(numbers.length);
		for (const order of dataset.orders)
			expect(orderNumberPattern.exec(order.number)?.[1]).toBe(order.orderedAt.slice(0, 4));
	});

	test('many follow won deals, and some customers buy again', () => {
		const deals = new Map(dataset.opportunities.map((deal) => [deal.id, deal]));
		const linked = dataset.orders.filter((order) => order.opportunityId !== null);
		expect(linked.length).toBeGreaterThan(100);
		for (const order of linked) {
			const deal = deals.get(order.opportunityId!)!;
			expect([deal.stage, deal.customerId]).toEqual(['won', order.customerId]);
			expect(order.orderedAt >= deal.closedAt!).toBe(true);
		}
		expect(dataset.orders.some((order) => order.opportunityId === null && order.tags.includes('renewal'))).toBe(true);
	});
});

describe('demo service', () => {
	test('tickets of every type', () => {
		expect(new Set(dataset.tickets.map((ticket) => ticket.type))).toEqual(new Set(ticketTypes));
	});

	test('follow-ups on tickets and on customers: done, overdue and due today', () => {
		const followUps = dataset.activities.filter((activity) => activity.kind === 'follow_up');
		const tickets = new Map(dataset.tickets.map((ticket) => [ticket.id, ticket]));
		const onTickets = followUps.filter((activity) => activity.ticketId);
		expect(onTickets.length).toBeGreaterThan(50);
		for (const activity of onTickets) expect(tickets.get(activity.ticketId!)?.resolvedAt).toBeTruthy();
		expect(followUps.some((activity) => !activity.ticketId)).toBe(true);
		expect(followUps.filter((activity) => activity.doneAt).length).toBeGreaterThan(50);
		const open = followUps.filter((activity) => !activity.doneAt);
		expect(open.filter((activity) => activity.dueAt! < now.toISOString()).length).toBeGreaterThan(3);
		expect(open.filter((activity) => activity.dueAt!.startsWith('2026-11-01')).length).toBeGreaterThanOrEqual(3);
		for (const activity of followUps)
			if (activity.doneAt) expect(activity.doneAt >= activity.at && activity.doneAt <= now.toISOString()).toBe(true);
	});
});

describe('demo settings and log', () => {
	test('the settings carry the base currency, a rate for every currency used, and the catalogue', () => {
		expect(settings.baseCurrency).toBe(demoMoney.baseCurrency);
		const used = new Set([
			...dataset.opportunities.map((deal) => deal.currency),
			...dataset.orders.map((order) => order.currency),
			...dataset.campaigns.map((campaign) => campaign.currency),
			...demoProducts.map((product) => product.currency),
		]);
		for (const currency of used) expect(inBase(rates, 1, currency), currency).not.toBeNull();
		expect(settings.products.map((product) => product.name)).toEqual(demoProducts.map((product) => product.name));
	});

	test('the log holds the last two months’ records as created and the last 12 months’ deals’ stage histories, by several operators, and its chain verifies', () => {
		const records = dataset.changes.filter((entry) => entry.entity !== 'opportunities');
		expect(records.length).toBeGreaterThan(100);
		expect(historyStart(now.getTime())).toBe('2026-10-01T00:00:00.000Z');
		for (const entry of records) expect(entry.at >= '2026-10-01' && entry.action === 'create').toBe(true);
		// Issue 17: a deal is logged with its stage history, a create and an update per move (demo-deal-history.test.ts).
		const deals = dataset.changes.filter((entry) => entry.entity === 'opportunities');
		expect(dealHistoryStart(now.getTime())).toBe('2025-11-01T00:00:00.000Z');
		expect(deals.filter((entry) => entry.action === 'update').length).toBeGreaterThan(300);
		for (const entry of deals) expect(entry.at >= '2025-11-01' && entry.action !== 'delete').toBe(true);
		expect(new Set(dataset.changes.map((entry) => entry.operator)).size).toBeGreaterThan(3);
		const file = sealed(dataset);
		const audit = verifyAudit({
			schemaVersion: file.schemaVersion,
			lists: file,
			seals: file.seals,
			changes: file.changes,
			head: file.auditHead,
		});
		expect([audit.ok, audit.problems]).toEqual([true, []]);
	});
});

/** KPI.md's definitions, computed here independently for the last complete month. */
describe('every KPI of Effect, Marketing, Data quality and Adoption has a value for the last complete month', () => {
	const ticketsIn = dataset.tickets.filter((ticket) => inLast(ticket.createdAt));
	const resolvedIn = dataset.tickets.filter((ticket) => inLast(ticket.resolvedAt));
	const booked = dataset.orders.filter((order) => isBooked(order) && inLast(order.orderedAt));
	const marketingCost = dataset.campaigns
		.filter((campaign) => inLast(campaign.startAt))
		.reduce((total, campaign) => total + base(campaign.cost, campaign.currency), 0);
	const cases: Array<[string, number]> = [
		['complaint_rate', ticketsIn.filter((ticket) => ticket.type === 'complaint').length / ticketsIn.length],
		[
			'follow_up_rate',
			resolvedIn.filter((ticket) =>
				dataset.activities.some((activity) => activity.ticketId === ticket.id && activity.doneAt),
			).length / resolvedIn.length,
		],
		['orders', booked.length],
		['order_revenue', booked.reduce((total, order) => total + base(order.amount, order.currency), 0)],
		[
			'repeat_purchase_rate',
			new Set(
				booked
					.filter((order) =>
						dataset.orders.some(
							(other) => other.customerId === order.customerId && isBooked(other) && other.orderedAt < last.start,
						),
					)
					.map((order) => order.customerId),
			).size,
		],
		['marketing_cost', marketingCost],
		[
			'campaign_leads',
			dataset.customers.filter((customer) => customer.campaignId && inLast(customer.createdAt)).length,
		],
		[
			'campaign_revenue',
			dataset.opportunities
				.filter((deal) => deal.stage === 'won' && inLast(deal.closedAt) && campaignOf(deal))
				.reduce((total, deal) => total + base(deal.amount, deal.currency), 0),
		],
		['active_operators', new Set(dataset.changes.filter((entry) => inLast(entry.at)).map((e) => e.operator)).size],
	];
	test.each(cases)('%s is above 0 (a ratio’s parts are there)', (_id, value) => {
		expect(Number.isFinite(value)).toBe(true);
		expect(value).toBeGreaterThan(0);
	});

	test('the empty and the null: a seed without customers has campaigns but no leads, orders or follow-ups (its operators still answer the survey)', () => {
		const empty = generateDemoDataset(demoOptions({now, customers: 0}));
		expect(empty.campaigns.length).toBeGreaterThan(0);
		expect(empty.surveys).toHaveLength(11);
		expect([empty.orders, empty.activities, empty.tickets]).toEqual([[], [], []]);
		expect(empty.changes.every((entry) => entry.entity === 'campaigns' || entry.entity === 'surveys')).toBe(true);
		const noMonths = generateDemoDataset(demoOptions({now, months: 0}));
		expect(noMonths.campaigns.every((campaign) => campaign.startAt >= '2026-10-01')).toBe(true);
	});
});
