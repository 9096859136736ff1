import {expect, test} from 'vitest';
import {campaignStats} from '../../source/assessment/campaign-stats.js';
import {computeKpis} from '../../source/assessment/evaluation.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {orderStatuses} from '../../source/domain/order.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {expectKpisAsFresh, seededRandom} from '../support/kpi-compare.js';
import {campaignOf, dealOf, followUpOf, orderOf, settingsOf, ticketOf} from '../support/records.js';

const settings = settingsOf({rates: {CNY: 0.14, EUR: 1.1}, access: {operators: {ana: 'sales'}}});
const now = Date.parse('2026-06-15T12:00:00Z');
const periods = ['2026-03', '2026-Q1', '2026-06'].map((key) => parsePeriod(key)!);
const currencies = ['USD', 'CNY', 'EUR', 'KRW'];

const day = (index: number) =>
	new Date(Date.parse('2026-01-01T00:00:00Z') + index * 86_400_000 + 3_600_000).toISOString();

/** A small lifecycle: customers from campaigns, deals, orders, tickets and follow-ups, in four currencies. */
const start = (): Dataset => {
	const campaigns = Array.from({length: 6}, (_, index) =>
		campaignOf({cost: 100 * index, currency: currencies[index % 4]!, startAt: day(index * 20)}),
	);
	const customers = Array.from({length: 40}, (_, index) =>
		customer({createdAt: day(index * 4), campaignId: index % 3 === 0 ? campaigns[index % 6]!.id : undefined}),
	);
	const deals = Array.from({length: 60}, (_, index) =>
		dealOf({
			customerId: customers[index % 40]!.id,
			amount: 1000 + index,
			currency: currencies[index % 4]!,
			createdAt: day(index * 2),
			...(index % 3 === 0 ? {stage: 'won' as const, closedAt: day(index * 2 + 5), probability: 1} : {}),
			...(index % 7 === 0 ? {campaignId: campaigns[index % 6]!.id} : {}),
		}),
	);
	const orders = Array.from({length: 50}, (_, index) =>
		orderOf({
			customerId: customers[index % 25]!.id,
			status: orderStatuses[index % 5]!,
			amount: 10 * index,
			currency: currencies[index % 4]!,
			orderedAt: day(index * 3),
			...(orderStatuses[index % 5] === 'paid' ? {paidAt: day(index * 3 + 1)} : {}),
		}),
	);
	const tickets = Array.from({length: 30}, (_, index) =>
		ticketOf({
			type: index % 4 === 0 ? 'complaint' : undefined,
			createdAt: day(index * 5),
			resolvedAt: index % 2 === 0 ? day(index * 5 + 2) : null,
		}),
	);
	const activities = tickets.map((ticket, index) =>
		followUpOf({ticketId: ticket.id, doneAt: index % 3 === 0 ? day(index * 5 + 3) : null}),
	);
	return datasetOf({campaigns, customers, opportunities: deals, orders, tickets, activities});
};

test('after edits of orders, campaigns, follow-ups, customers and deals the new KPIs equal a fresh count', () => {
	let dataset = start();
	const random = seededRandom(7);
	for (const period of periods) computeKpis({dataset, settings, now}, period);
	for (let step = 0; step < 60; step++) {
		const next = {...dataset};
		const roll = random(7);
		const at = (list: readonly unknown[]) => random(list.length);
		if (roll === 0) {
			const index = at(next.orders);
			next.orders = next.orders.map((order, position) =>
				position === index
					? {...order, status: 'cancelled' as const, paidAt: null, currency: currencies[random(4)]!}
					: order,
			);
		} else if (roll === 1)
			next.orders = [
				...next.orders,
				orderOf({customerId: next.customers[at(next.customers)]!.id, orderedAt: day(random(150)), amount: 99}),
			];
		else if (roll === 2) {
			const index = at(next.campaigns);
			next.campaigns = next.campaigns.map((campaign, position) =>
				position === index ? {...campaign, cost: campaign.cost + 50, currency: currencies[random(4)]!} : campaign,
			);
		} else if (roll === 3) {
			const index = at(next.activities);
			next.activities = next.activities.map((activity, position) =>
				position === index ? {...activity, doneAt: activity.doneAt ? null : day(100)} : activity,
			);
		} else if (roll === 4) {
			const index = at(next.customers);
			next.customers = next.customers.map((entry, position) =>
				position === index ? {...entry, campaignId: next.campaigns[random(6)]!.id, createdAt: day(random(160))} : entry,
			);
		} else if (roll === 5) next.customers = next.customers.filter((_, position) => position !== at(next.customers));
		else {
			const index = at(next.opportunities);
			next.opportunities = next.opportunities.map((deal, position) =>
				position === index
					? {...deal, currency: currencies[random(4)]!, customerId: next.customers[at(next.customers)]!.id}
					: deal,
			);
		}
		dataset = next;
		const period = periods[step % periods.length]!;
		const carried = computeKpis({dataset, settings, now}, period);
		const fresh = computeKpis({dataset: structuredClone(dataset), settings, now}, period);
		expectKpisAsFresh(carried, fresh, step);
		expect([...campaignStats(dataset, settings).values()]).toEqual(
			[...campaignStats(structuredClone(dataset), settings).values()].map((entry) => ({
				...entry,
				revenue: expect.closeTo(entry.revenue, 6),
			})),
		);
	}
});
