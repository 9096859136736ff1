import {describe, expect, test} from 'vitest';
import {computeKpis, evaluate} from '../../source/assessment/evaluation.js';
import {kpiIds} from '../../source/assessment/kpi-catalog.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {scaledTarget} from '../../source/assessment/targets.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {targetFor} from '../../source/domain/settings.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {campaignOf, changeOf, dealOf, followUpOf, orderOf, settingsOf, ticketOf, wonDeal} from '../support/records.js';

const march = parsePeriod('2026-03')!;
const later = Date.parse('2026-06-01T00:00:00Z');
const settings = settingsOf({rates: {CNY: 0.14}});

const kpis = (parts: Partial<Dataset>, given = settings, period = march) =>
	computeKpis({dataset: datasetOf(parts), settings: given, now: later}, period);

/** The ids of KPI.md's tables this issue added: each is computed, and is null or a number, never NaN. */
const newIds = [
	'complaint_rate',
	'follow_up_rate',
	'orders',
	'order_revenue',
	'avg_order_value',
	'repeat_purchase_rate',
	'marketing_cost',
	'campaign_leads',
	'cost_per_lead',
	'lead_conversion',
	'campaign_revenue',
	'marketing_roi',
	'unpriced_records',
	'usage_rate',
	'crash_free_sessions',
	'save_success_rate',
] as const;

test('every new id is a KPI of the catalogue; the empty: counts and sums 0, shares and averages null', () => {
	for (const id of newIds) expect(kpiIds).toContain(id);
	const values = computeKpis({dataset: datasetOf({}), settings, now: later, metrics: []}, march);
	expect(Object.fromEntries(newIds.map((id) => [id, values[id]]))).toEqual({
		complaint_rate: null,
		follow_up_rate: null,
		orders: 0,
		order_revenue: 0,
		avg_order_value: null,
		repeat_purchase_rate: null,
		marketing_cost: 0,
		campaign_leads: 0,
		cost_per_lead: null,
		lead_conversion: null,
		campaign_revenue: 0,
		marketing_roi: null,
		unpriced_records: 0,
		usage_rate: null,
		crash_free_sessions: null,
		save_success_rate: null,
	});
	// Without a metrics log the console's own figures are no data either.
	const none = computeKpis({dataset: datasetOf({}), settings, now: later}, march);
	expect([none.crash_free_sessions, none.save_success_rate]).toEqual([null, null]);
});

describe('orders (KPI.md Effect)', () => {
	const ana = customer();
	const bo = customer();
	const orders = [
		// Booked in March: confirmed, fulfilled, paid (the status as of now).
		orderOf({customerId: ana.id, status: 'confirmed', amount: 100}),
		orderOf({customerId: bo.id, status: 'fulfilled', amount: 300, orderedAt: '2026-03-31T23:59:59.000Z'}),
		orderOf({customerId: bo.id, status: 'paid', amount: 1000, currency: 'CNY', paidAt: '2026-04-02T00:00:00.000Z'}),
		// Not booked: a draft, a cancelled order.
		orderOf({customerId: ana.id, status: 'draft', amount: 5000}),
		orderOf({customerId: ana.id, status: 'cancelled', amount: 7000}),
		// Outside March.
		orderOf({customerId: bo.id, status: 'paid', amount: 50, orderedAt: '2026-02-10T00:00:00.000Z'}),
		orderOf({customerId: ana.id, status: 'confirmed', amount: 9, orderedAt: '2026-04-01T00:00:00.000Z'}),
		// Before March, but cancelled: ana had not bought before.
		orderOf({customerId: ana.id, status: 'cancelled', amount: 9, orderedAt: '2026-01-10T00:00:00.000Z'}),
	];

	test('booked orders in P, their revenue in the base currency, the average, repeat buyers', () => {
		const values = kpis({customers: [ana, bo], orders});
		expect(values.orders).toBe(3);
		expect(values.order_revenue).toBeCloseTo(100 + 300 + 140, 9);
		expect(values.avg_order_value).toBeCloseTo(540 / 3, 9);
		// ana and bo bought in March; bo had bought in February (ana's January order was cancelled).
		expect(values.repeat_purchase_rate).toBe(1 / 2);
	});

	test('an order in a currency without a rate: counted, not summed; the average over the priced ones', () => {
		const values = kpis({customers: [ana, bo], orders}, settingsOf({}));
		expect(values.orders).toBe(3);
		expect(values.order_revenue).toBe(400);
		expect(values.avg_order_value).toBe(200);
		expect(values.unpriced_records).toBe(1);
	});

	test('a draft and a cancelled order count nowhere; an order without a customer buys for nobody', () => {
		const values = kpis({
			orders: [orderOf({status: 'draft', amount: 10}), orderOf({status: 'cancelled', amount: 10})],
		});
		expect([values.orders, values.order_revenue, values.avg_order_value, values.repeat_purchase_rate]).toEqual([
			0,
			0,
			null,
			null,
		]);
		expect(kpis({orders: [orderOf({amount: 10})]}).repeat_purchase_rate).toBeNull();
	});
});

describe('service (KPI.md Effect)', () => {
	test('complaint_rate: complaints among tickets opened in P; a ticket without a type is an inquiry', () => {
		const tickets = [
			ticketOf({type: 'complaint'}),
			ticketOf({type: 'complaint', createdAt: '2026-02-27T00:00:00.000Z'}),
			ticketOf({type: 'incident'}),
			ticketOf({}),
		];
		expect(kpis({tickets}).complaint_rate).toBe(1 / 3);
		expect(kpis({tickets: [ticketOf({createdAt: '2026-04-01T00:00:00.000Z'})]}).complaint_rate).toBeNull();
	});

	test('follow_up_rate: tickets resolved in P with a done follow-up linked to them, done at any time', () => {
		const resolved = (day: string) => ticketOf({resolvedAt: `2026-03-${day}T00:00:00.000Z`, status: 'resolved'});
		const tickets = [resolved('05'), resolved('06'), resolved('07'), resolved('08'), ticketOf({})];
		const activities = [
			// Done in April, for a ticket resolved in March: counts (as of now).
			followUpOf({ticketId: tickets[0]!.id, doneAt: '2026-04-20T00:00:00.000Z'}),
			// Not done: does not count.
			followUpOf({ticketId: tickets[1]!.id}),
			// A note naming the ticket is no follow-up.
			{...followUpOf({ticketId: tickets[2]!.id, doneAt: '2026-03-09T00:00:00.000Z'}), kind: 'note' as const},
			// Two done follow-ups of one ticket: one ticket.
			followUpOf({ticketId: tickets[3]!.id, doneAt: '2026-03-09T00:00:00.000Z'}),
			followUpOf({ticketId: tickets[3]!.id, doneAt: '2026-03-10T00:00:00.000Z'}),
			// Done, for an open ticket: not resolved in P.
			followUpOf({ticketId: tickets[4]!.id, doneAt: '2026-03-10T00:00:00.000Z'}),
		];
		expect(kpis({tickets, activities}).follow_up_rate).toBe(2 / 4);
		expect(kpis({tickets}).follow_up_rate).toBe(0);
		expect(kpis({activities}).follow_up_rate).toBeNull();
	});

	test('an overdue follow-up (due before now, not done) is an alert, opened through its ticket or customer', () => {
		const ana = customer();
		const ticket = ticketOf({});
		const now = Date.parse('2026-03-25T00:00:00.000Z');
		const activities = [
			followUpOf({customerId: ana.id, dueAt: '2026-03-20T00:00:00.000Z'}),
			followUpOf({ticketId: ticket.id, dueAt: '2026-03-24T23:00:00.000Z'}),
			followUpOf({customerId: ana.id, dueAt: '2026-03-20T00:00:00.000Z', doneAt: '2026-03-21T00:00:00.000Z'}),
			followUpOf({customerId: ana.id, dueAt: '2026-03-26T00:00:00.000Z'}),
		];
		const evaluation = evaluate(
			{dataset: datasetOf({customers: [ana], tickets: [ticket], activities}), settings, now},
			march,
		);
		const alert = evaluation.alerts.find((entry) => entry.kind === 'follow-up')!;
		expect(alert.message).toBe('2 follow-ups overdue');
		expect(alert.records).toEqual([
			{entity: 'customers', id: ana.id},
			{entity: 'tickets', id: ticket.id},
		]);
	});
});

describe('marketing (KPI.md Marketing)', () => {
	const spring = campaignOf({cost: 1000, startAt: '2026-03-02T00:00:00.000Z'});
	const cancelled = campaignOf({cost: 500, status: 'cancelled', startAt: '2026-03-20T00:00:00.000Z'});
	const yuan = campaignOf({cost: 1000, currency: 'CNY', startAt: '2026-03-05T00:00:00.000Z'});
	const krw = campaignOf({cost: 99_999, currency: 'KRW', startAt: '2026-03-06T00:00:00.000Z'});
	const february = campaignOf({cost: 800, startAt: '2026-02-10T00:00:00.000Z'});
	const lead = customer({campaignId: spring.id, createdAt: '2026-03-03T00:00:00.000Z'});
	const lead2 = customer({campaignId: spring.id, createdAt: '2026-03-04T00:00:00.000Z'});
	const walkIn = customer({createdAt: '2026-03-05T00:00:00.000Z'});
	const oldLead = customer({campaignId: february.id, createdAt: '2026-02-11T00:00:00.000Z'});
	const deals = [
		// lead's deal, created and won in May: it converts lead (a deal of any date), its revenue is May's.
		wonDeal(2000, 'USD', '2026-05-02T00:00:00.000Z', {customerId: lead.id, createdAt: '2026-05-01T00:00:00.000Z'}),
		// Won in March: its campaign is its customer's.
		wonDeal(3000, 'USD', '2026-03-15T00:00:00.000Z', {customerId: oldLead.id}),
		// Won in March: its own campaign, though its customer came in by none.
		wonDeal(10_000, 'CNY', '2026-03-16T00:00:00.000Z', {customerId: walkIn.id, campaignId: yuan.id}),
		// Won in March without a campaign: not campaign revenue.
		wonDeal(400, 'USD', '2026-03-17T00:00:00.000Z'),
		// Lost: no revenue.
		dealOf({
			stage: 'lost',
			closedAt: '2026-03-18T00:00:00.000Z',
			customerId: lead2.id,
			amount: 99,
			campaignId: spring.id,
		}),
	];
	const dataset = {
		customers: [lead, lead2, walkIn, oldLead],
		opportunities: deals,
		campaigns: [spring, cancelled, yuan, krw, february],
	};

	test('cost of campaigns started in P (cancelled ones too, unpriced ones left out), leads, conversion, revenue, ROI', () => {
		const values = kpis(dataset);
		expect(values.marketing_cost).toBeCloseTo(1000 + 500 + 140, 9);
		expect(values.campaign_leads).toBe(2);
		expect(values.cost_per_lead).toBeCloseTo(1640 / 2, 9);
		// lead, lead2 and walkIn came in in March; lead and lead2 have a deal (of any date), walkIn too.
		expect(values.lead_conversion).toBe(3 / 3);
		expect(values.campaign_revenue).toBeCloseTo(3000 + 1400, 9);
		expect(values.marketing_roi).toBeCloseTo((0.3 * 4400 - 1640) / 1640, 9);
		expect(values.unpriced_records).toBe(1);
	});

	test('no campaign cost: cost per lead 0 over leads, ROI null; no leads: cost per lead null', () => {
		const free = campaignOf({cost: 0});
		const values = kpis({
			customers: [customer({campaignId: free.id, createdAt: '2026-03-03T00:00:00.000Z'})],
			campaigns: [free],
		});
		expect([values.marketing_cost, values.cost_per_lead, values.marketing_roi]).toEqual([0, 0, null]);
		expect(kpis({campaigns: [spring]}).cost_per_lead).toBeNull();
		// A customer without a deal: converted none.
		expect(kpis({customers: [customer({createdAt: '2026-03-03T00:00:00.000Z'})]}).lead_conversion).toBe(0);
	});

	test('per month targets scale to the quarter and, while it runs, to the elapsed share (KPI.md to date)', () => {
		const quarter = parsePeriod('2026-Q1')!;
		const mid = march.start + (march.end - march.start) / 2;
		for (const id of ['orders', 'order_revenue', 'marketing_cost', 'campaign_leads', 'campaign_revenue'] as const) {
			const target = targetFor(settings.assessment, id);
			expect(scaledTarget(id, target, quarter).value).toBeCloseTo(target.value * 3, 9);
			expect(scaledTarget(id, target, march, mid).value).toBeCloseTo(target.value / 2, 9);
			expect(scaledTarget(id, target, march).value).toBe(target.value);
		}
		// errors adds up too; rates, averages and ROI do not.
		expect(scaledTarget('errors', {value: 4, direction: 'lower', tolerance: 2}, march, mid).value).toBe(2);
		for (const id of [
			'cost_per_lead',
			'lead_conversion',
			'marketing_roi',
			'avg_order_value',
			'complaint_rate',
		] as const) {
			const target = targetFor(settings.assessment, id);
			expect(scaledTarget(id, target, march, mid).value).toBe(target.value);
			expect(scaledTarget(id, target, quarter).value).toBe(target.value);
		}
	});
});

describe('data quality and adoption', () => {
	test('orphan_records: deals, tickets, feedback, orders and activities naming a customer, campaign, deal or ticket that is gone', () => {
		const ana = customer();
		const ticket = ticketOf({customerId: ana.id});
		const deal = dealOf({customerId: ana.id});
		const campaign = campaignOf({});
		const values = kpis({
			customers: [ana],
			campaigns: [campaign],
			tickets: [ticket, ticketOf({customerId: 'cus_gone00001'})],
			opportunities: [
				deal,
				dealOf({campaignId: campaign.id}),
				dealOf({campaignId: 'cmp_gone00001'}),
				// Two dangling references: one orphan.
				dealOf({customerId: 'cus_gone00002', campaignId: 'cmp_gone00001'}),
			],
			orders: [
				orderOf({customerId: ana.id, opportunityId: deal.id}),
				orderOf({customerId: ana.id, opportunityId: 'opp_gone00001'}),
				orderOf({customerId: 'cus_gone00003'}),
			],
			activities: [
				// A follow-up of a ticket, without a customer: not an orphan.
				followUpOf({ticketId: ticket.id}),
				followUpOf({customerId: ana.id, ticketId: 'tkt_gone00001'}),
			],
			feedback: [],
		});
		expect(values.orphan_records).toBe(1 + 2 + 2 + 1);
	});

	test('usage_rate: active operators listed with a role / operators listed; the default role lists nobody', () => {
		const roles = settingsOf({access: {operators: {ana: 'sales', bo: 'service', cy: 'viewer'}, defaultRole: 'sales'}});
		const changes = [
			changeOf({operator: 'ana', at: '2026-03-03T00:00:00.000Z'}),
			changeOf({operator: 'ana', at: '2026-03-04T00:00:00.000Z'}),
			// Not listed: active, but not of the listed.
			changeOf({operator: 'dee', at: '2026-03-04T00:00:00.000Z'}),
			// Listed, active in April only.
			changeOf({operator: 'bo', at: '2026-04-01T00:00:00.000Z'}),
		];
		const values = kpis({changes}, roles);
		expect(values.active_operators).toBe(2);
		expect(values.usage_rate).toBe(1 / 3);
		expect(kpis({changes}).usage_rate).toBeNull();
	});
});
