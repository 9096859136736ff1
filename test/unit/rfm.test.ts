import {describe, expect, it} from 'vitest';
import {parsePeriod} from '../../source/assessment/periods.js';
import {
	customerValues,
	customerValuesOf,
	rankScores,
	recencyDays,
	rfmAsOf,
	segmentOf,
	segmentSummary,
} from '../../source/assessment/rfm.js';
import {customer} from '../support/fixtures.js';
import {orderOf, wonDeal} from '../support/records.js';

/** KPI.md *Analysis*, customer value, on hand-made purchases as of T = 1 June 2026. */
const asOf = Date.parse('2026-06-01T00:00:00.000Z');
const usd = {base: 'USD', rates: {EUR: 1.1}};

describe('RFM scores (KPI.md)', () => {
	it.each([
		['the empty list', [], []],
		['one value', [7], [1]],
		['five distinct values, worst first', [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]],
		['ties share the lowest rank', [5, 5, 5, 9], [1, 1, 1, 4]],
		['all tied: all score 1', [3, 3, 3], [1, 1, 1]],
		['ten values: two per score', [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]],
	] as Array<[string, number[], number[]]>)('%s', (_, values, scores) => {
		expect(rankScores(values, true)).toEqual(scores);
		// The same order read the other way: fewer is better.
		expect(
			rankScores(
				values.map((value) => -value),
				false,
			),
		).toEqual(scores);
	});

	it.each([
		[5, 5, 'champions'],
		[4, 4, 'champions'],
		[3, 4, 'loyal'],
		[1, 5, 'loyal'],
		[4, 3, 'promising'],
		[5, 1, 'promising'],
		[2, 3, 'at-risk'],
		[1, 3, 'at-risk'],
		[2, 2, 'hibernating'],
		[1, 1, 'hibernating'],
		[3, 3, 'needs-attention'],
		[3, 1, 'needs-attention'],
	] as const)('R %i, F %i: %s', (r, f, segment) => {
		expect(segmentOf(r, f)).toBe(segment);
	});

	it('T is the end of a past period and now in a running one', () => {
		expect(rfmAsOf(parsePeriod('2026-05')!, asOf + 5)).toBe(asOf);
		expect(rfmAsOf(parsePeriod('2026-06')!, asOf + 5)).toBe(asOf + 5);
	});

	it('counts won deals and booked orders of the year before T, an order of a counted deal once', () => {
		const ana = customer();
		const ben = customer();
		const cho = customer();
		const deal = wonDeal(1000, 'USD', '2026-05-01T00:00:00.000Z', {customerId: ana.id});
		const values = customerValues(
			{
				customers: [ana, ben, cho],
				opportunities: [
					deal,
					// A purchase a year and a day ago, and one after T: neither counts.
					wonDeal(500, 'USD', '2025-05-31T00:00:00.000Z', {customerId: ben.id}),
					wonDeal(500, 'USD', '2026-06-01T00:00:00.000Z', {customerId: ben.id}),
				],
				orders: [
					// The won deal's own order: not a second purchase.
					orderOf({customerId: ana.id, opportunityId: deal.id, amount: 1000, orderedAt: '2026-05-02T00:00:00.000Z'}),
					orderOf({customerId: ana.id, amount: 200, currency: 'EUR', orderedAt: '2026-05-21T00:00:00.000Z'}),
					// Unpriced: in F, not in M. A draft and a cancelled order are no purchase.
					orderOf({customerId: ben.id, amount: 300, currency: 'JPY', orderedAt: '2026-03-01T00:00:00.000Z'}),
					orderOf({customerId: ben.id, status: 'draft', amount: 300, orderedAt: '2026-03-02T00:00:00.000Z'}),
					orderOf({customerId: ben.id, status: 'cancelled', amount: 300, orderedAt: '2026-03-03T00:00:00.000Z'}),
					// A customer who is not there: nobody's purchase.
					orderOf({customerId: 'cus_gone0001', amount: 300, orderedAt: '2026-03-03T00:00:00.000Z'}),
				],
			},
			asOf,
			usd,
		);
		expect(values.unpriced).toBe(1);
		expect(values.byCustomer.get(cho.id)).toBeUndefined();
		expect(recencyDays(values, values.byCustomer.get(ana.id)!)).toBe(11);
		expect(recencyDays(values, values.byCustomer.get(ben.id)!)).toBe(92);
		expect(values.byCustomer.get(ana.id)).toMatchObject({
			frequency: 2,
			monetary: 1220,
			r: 3,
			f: 3,
			m: 3,
		});
		expect(values.byCustomer.get(ben.id)).toMatchObject({
			latest: Date.parse('2026-03-01T00:00:00.000Z'),
			frequency: 1,
			monetary: 0,
			r: 1,
			f: 1,
			m: 1,
		});
	});

	it('a customer with one purchase a year ago, among recent buyers, is hibernating', () => {
		const old = customer();
		const recent = Array.from({length: 4}, () => customer());
		const values = customerValues(
			{
				customers: [old, ...recent],
				opportunities: [
					wonDeal(100, 'USD', '2025-06-01T00:00:00.000Z', {customerId: old.id}),
					...recent.map((buyer, index) =>
						wonDeal(100 * (index + 1), 'USD', `2026-05-2${index}T00:00:00.000Z`, {customerId: buyer.id}),
					),
				],
				orders: [],
			},
			asOf,
			usd,
		);
		// Exactly 365 days before T: the first instant of the window.
		expect(values.byCustomer.get(old.id)).toMatchObject({
			latest: Date.parse('2025-06-01T00:00:00.000Z'),
			frequency: 1,
			r: 1,
			segment: 'hibernating',
		});
		// Every F ties at 1: every F score is 1.
		expect([...values.byCustomer.values()].map((value) => value.f)).toEqual([1, 1, 1, 1, 1]);
		expect(values.byCustomer.get(recent[3]!.id)).toMatchObject({r: 5, m: 5, segment: 'promising'});
	});

	it('summarises each segment: count, share of customers, revenue, share of revenue; none without purchases', () => {
		const buyers = Array.from({length: 3}, () => customer());
		const idle = customer();
		const values = customerValues(
			{
				customers: [...buyers, idle],
				opportunities: buyers.map((buyer, index) =>
					wonDeal(100, 'USD', `2026-0${3 + index}-01T00:00:00.000Z`, {customerId: buyer.id}),
				),
				orders: [],
			},
			asOf,
			usd,
		);
		const rows = segmentSummary(values, 4);
		expect(rows.map((row) => [row.segment, row.customers])).toEqual([
			['champions', 0],
			['loyal', 0],
			['promising', 1],
			['at-risk', 0],
			// R scores 1, 2 and 4 of three: the two oldest buyers hibernate.
			['hibernating', 2],
			['needs-attention', 0],
			[null, 1],
		]);
		expect(rows[2]).toMatchObject({shareOfCustomers: 0.25, revenue: 100, shareOfRevenue: 1 / 3});
		expect(segmentSummary(customerValues({customers: [], opportunities: [], orders: []}, asOf, usd), 0).at(-1)).toEqual(
			{
				segment: null,
				customers: 0,
				shareOfCustomers: null,
				revenue: 0,
				shareOfRevenue: null,
			},
		);
	});

	it('keeps the scores as T moves on until a purchase leaves or enters the year, then counts again', () => {
		const ana = customer();
		const ben = customer();
		const data = {
			customers: [ana, ben],
			opportunities: [
				wonDeal(100, 'USD', '2025-06-10T00:00:00.000Z', {customerId: ana.id}),
				wonDeal(900, 'USD', '2026-05-01T00:00:00.000Z', {customerId: ben.id}),
				// Dated after T: it comes into the year when T passes it.
				wonDeal(900, 'USD', '2026-06-05T00:00:00.000Z', {customerId: ana.id}),
			],
			orders: [],
		};
		const first = customerValuesOf(data, asOf, usd);
		expect(first.holdsUntil).toBe(Date.parse('2026-06-05T00:00:00.000Z'));
		const minuteLater = customerValuesOf(data, asOf + 60_000, usd);
		expect(minuteLater.byCustomer).toBe(first.byCustomer);
		expect(recencyDays(minuteLater, minuteLater.byCustomer.get(ben.id)!)).toBeCloseTo(31 + 1 / 1440, 9);
		// Past the deal dated 5 June: counted again, and Ana's two purchases make her the better buyer.
		const later = customerValuesOf(data, Date.parse('2026-06-06T00:00:00.000Z'), usd);
		expect(later.byCustomer).not.toBe(first.byCustomer);
		expect(later.byCustomer.get(ana.id)).toMatchObject({frequency: 2, f: 3});
		expect(later).toEqual(customerValues(data, Date.parse('2026-06-06T00:00:00.000Z'), usd));
	});
});
