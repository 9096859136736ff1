import {describe, expect, test} from 'vitest';
import {costBreakdown, monthsInWindow, paybackMonth, windowCosts} from '../../source/assessment/cost-breakdown.js';
import {computeKpis} from '../../source/assessment/evaluation.js';
import {windowFrom} from '../../source/assessment/periods.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {type CostsInForce, costsInForce, legacyCosts} from '../../source/domain/roi-costs.js';
import {settingsSchema} from '../../source/domain/settings.js';
import {datasetOf} from '../support/fixtures.js';
import {wonDeal} from '../support/records.js';

const at = (day: string) => Date.parse(`${day}T00:00:00Z`);
const window = (goLive: string, months: number) => windowFrom(at(goLive), months, 'after');
const none: CostsInForce = {implementation: [], operation: []};
const monthly = (from: string, to: string | null, amount = 100) => ({
	category: 'hosting' as const,
	from,
	to,
	amount,
	note: '',
});
const oneOff = (date: string, amount: number, category: 'software' | 'training' = 'software') => ({
	category,
	date,
	amount,
	note: '',
});

describe('the months of a monthly cost in a window: month M counts when its 1st is in the window', () => {
	test.each([
		// A window from the 1st: its first month counts, the month it ends on does not.
		['2026-03-01', 6, '2026-01', null, 6],
		['2026-03-01', 6, '2026-03', null, 6],
		['2026-03-01', 6, '2026-08', null, 1],
		['2026-03-01', 6, '2026-09', null, 0],
		['2026-03-01', 6, '2026-01', '2026-02', 0],
		['2026-03-01', 6, '2026-01', '2026-03', 1],
		['2026-03-01', 6, '2026-04', '2026-05', 2],
		// A window from the 15th: March's 1st is before it, September's 1st inside it (the window ends on the 15th).
		['2026-03-15', 6, '2026-03', '2026-03', 0],
		['2026-03-15', 6, '2026-03', null, 6],
		['2026-03-15', 6, '2026-09', '2026-09', 1],
		['2026-03-15', 6, '2026-10', null, 0],
		// The last day of a month: the window runs to Mar 3 (Date.UTC carries Feb 31 over), holding Feb and Mar's 1st.
		['2026-01-31', 1, '2026-01', null, 2],
	])('go-live %s, %i months; cost %s..%s → %i', (goLive, months, from, to, count) => {
		expect(monthsInWindow({from, to}, window(goLive, months))).toBe(count);
	});
});

describe('costs over the window by category', () => {
	test('a one-off dated in the window counts, one before or on its end does not; monthly × its months', () => {
		const costs: CostsInForce = {
			implementation: [
				oneOff('2026-02-28', 1000),
				oneOff('2026-03-01', 2000),
				oneOff('2026-08-31', 300, 'training'),
				oneOff('2026-09-01', 5000),
			],
			operation: [monthly('2026-03', null, 100), {...monthly('2026-06', '2026-07', 50), category: 'support'}],
		};
		const result = windowCosts(costs, window('2026-03-01', 6));
		expect(result.byCategory).toMatchObject({software: 2000, training: 300, hosting: 600, support: 100, hardware: 0});
		expect([result.implementation, result.operation, result.total]).toEqual([2300, 700, 3000]);
		expect(windowCosts(none, window('2026-03-01', 6)).total).toBe(0);
	});
});

const deals = (...won: Array<[number, string]>): Dataset =>
	datasetOf({opportunities: won.map(([amount, closedAt]) => wonDeal(amount, 'USD', `${closedAt}T12:00:00.000Z`))});

describe('ROI and the payback month', () => {
	const settingsWith = (roi: object, goLive: string | null = '2026-03-01') =>
		settingsSchema.parse({assessment: {goLive, windowMonths: 6, roi: {margin: 0.5, ...roi}}});
	const now = at('2026-10-15');
	const sales = deals([10_000, '2026-03-10'], [10_000, '2026-05-10'], [40_000, '2026-08-10'], [99_000, '2026-09-02']);

	test('the empty: no costs at all → ROI null, no payback; the null: no go-live → null', () => {
		expect(computeKpis({dataset: sales, settings: settingsWith({}), now}, window('2026-03-01', 6)).roi).toBeNull();
		const breakdown = costBreakdown(sales, settingsWith({}).assessment.roi, '2026-03-01', window('2026-03-01', 6), now);
		expect([breakdown.total, breakdown.roi, breakdown.paybackMonth, breakdown.costCount]).toEqual([0, null, null, 0]);
		const costly = settingsWith({implementation: [oneOff('2026-03-01', 1000)]}, null);
		expect(computeKpis({dataset: sales, settings: costly, now}, window('2026-03-01', 6)).roi).toBeNull();
		expect(paybackMonth(sales, costsInForce(costly.assessment.roi, null), at('2026-11-01'), 0.5, now)).toBeNull();
	});

	test('costs outside the window leave ROI, but not the payback; monthly with and without an end', () => {
		const roi = {
			implementation: [oneOff('2026-02-10', 20_000), oneOff('2026-03-05', 4_000), oneOff('2026-12-01', 50_000)],
			operation: [monthly('2026-02', null, 1_000), monthly('2026-03', '2026-04', 500)],
		};
		const settings = settingsWith(roi);
		// Window Mar–Aug: 4,000 + 1,000 × 6 + 500 × 2 = 11,000; benefit 0.5 × 60,000 = 30,000.
		const breakdown = costBreakdown(sales, settings.assessment.roi, '2026-03-01', window('2026-03-01', 6), now);
		expect([breakdown.implementation, breakdown.operation, breakdown.total]).toEqual([4_000, 7_000, 11_000]);
		expect(breakdown.beforeWindow).toBe(20_000 + 1_000);
		expect([breakdown.revenueWon, breakdown.benefit]).toEqual([60_000, 30_000]);
		expect(breakdown.roi).toBeCloseTo((30_000 - 11_000) / 11_000, 12);
		expect(computeKpis({dataset: sales, settings, now}, window('2026-03-01', 6)).roi).toBe(breakdown.roi);
		// Cumulative: by end of August costs are 20,000 + 4,000 + 1,000 × 7 + 1,000 = 32,000 against 30,000
		// of benefit; by end of September 33,000 against 0.5 × 159,000.
		expect(breakdown.paybackMonth).toBe('2026-09');
	});

	test('payback not yet; and the month still running is judged with its revenue so far', () => {
		const costs = costsInForce(
			settingsWith({implementation: [oneOff('2026-03-01', 100_000)]}).assessment.roi,
			'2026-03-01',
		);
		expect(paybackMonth(sales, costs, at('2026-03-01'), 0.5, now)).toBeNull();
		const cheap = costsInForce(
			settingsWith({implementation: [oneOff('2026-03-01', 40_000)]}).assessment.roi,
			'2026-03-01',
		);
		expect(paybackMonth(sales, cheap, at('2026-03-01'), 0.5, at('2026-09-02'))).toBeNull();
		expect(paybackMonth(sales, cheap, at('2026-03-01'), 0.5, at('2026-09-03'))).toBe('2026-09');
		// Benefit equal to cost is not beyond it.
		const even = costsInForce(
			settingsWith({implementation: [oneOff('2026-03-01', 5_000)]}).assessment.roi,
			'2026-03-01',
		);
		expect(paybackMonth(sales, even, at('2026-03-01'), 0.5, now)).toBe('2026-05');
	});
});

describe('settings from before cost categories', () => {
	test('oneOffCost and monthlyCost are read as uncategorised costs at go-live, deterministically', () => {
		const settings = settingsSchema.parse({
			assessment: {goLive: '2026-03-15', roi: {margin: 0.3, oneOffCost: 150_000, monthlyCost: 12_000}},
		});
		expect(costsInForce(settings.assessment.roi, '2026-03-15')).toEqual({
			implementation: [
				{category: 'uncategorised', date: '2026-03-15', amount: 150_000, note: 'one-off cost from before categories'},
			],
			operation: [
				{
					category: 'uncategorised',
					from: '2026-03',
					to: null,
					amount: 12_000,
					note: 'monthly cost from before categories',
				},
			],
		});
		expect(legacyCosts(settings.assessment.roi, null)).toEqual(none);
		const zero = settingsSchema.parse({assessment: {roi: {margin: 0.3, oneOffCost: 0, monthlyCost: 0}}});
		expect(costsInForce(zero.assessment.roi, '2026-03-01')).toEqual(none);
	});

	test('with nothing in the file there are no costs (the old shipped defaults are not made up)', () => {
		expect(costsInForce(settingsSchema.parse({}).assessment.roi, '2026-03-01')).toEqual(none);
	});
});

describe('bad costs in the settings file are refused naming the cost and its field', () => {
	test.each([
		[
			{implementation: [oneOff('2026-03-01', 1), {category: 'training', date: '2026-02-30', amount: 5}]},
			'implementation cost 2 (training): date is not a real date: February 2026 has 28 days',
		],
		[
			{implementation: [{category: 'training', amount: 5}]},
			'implementation cost 1 (training): date must be a day like 2026-03-01',
		],
		[
			{implementation: [{category: 'software', date: '2026-03-01', amount: -5}]},
			'implementation cost 1 (software): amount must not be negative',
		],
		[
			{implementation: [{category: 'coffee', date: '2026-03-01', amount: 5}]},
			'implementation cost 1 (coffee): category must be one of software, hardware',
		],
		[
			{operation: [{category: 'hosting', from: '2026-03', to: '2026-01', amount: 5}]},
			'operating cost 1 (hosting): to must not be before from (2026-03)',
		],
		[{operation: [{category: 'hosting', amount: 5}]}, 'operating cost 1 (hosting): from must be a month like 2026-03'],
	])('%j', (roi, message) => {
		const result = settingsSchema.safeParse({assessment: {roi}});
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toContain(message);
	});
});
