import {describe, expect, test} from 'vitest';
import {recordsBehind} from '../../source/assessment/drill-down.js';
import {assessPeriod, computeKpis, evaluate, forecastRevenue} from '../../source/assessment/evaluation.js';
import {formatKpi} from '../../source/assessment/format-kpi.js';
import {openAt, wonRevenueBetween} from '../../source/assessment/kpis.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {unpricedRecords} from '../../source/assessment/quality-kpis.js';
import {dealReasons, reportMarkdown} from '../../source/assessment/report.js';
import type {Dataset} from '../../source/domain/dataset.js';
import type {Opportunity} from '../../source/domain/opportunity.js';
import {ratesOf} from '../../source/domain/settings.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {campaignOf, dealOf, orderOf, settingsOf, wonDeal} from '../support/records.js';

const march = parsePeriod('2026-03')!;
const afterMarch = Date.parse('2026-05-01T00:00:00Z');

/** Base USD, one yuan = 0.14 dollars. */
const withCny = settingsOf({baseCurrency: 'USD', rates: {CNY: 0.14}});
/** A settings file from before rates: USD, no other rate. */
const before = settingsOf({});

const kpis = (parts: Partial<Dataset>, settings = withCny, now = afterMarch) =>
	computeKpis({dataset: datasetOf(parts), settings, now}, march);

describe('money in the base currency (KPI.md Money)', () => {
	const deals = [
		wonDeal(1000, 'USD', '2026-03-10T00:00:00.000Z'),
		wonDeal(10_000, 'CNY', '2026-03-12T00:00:00.000Z'),
		// Open at the end of March: 1,234,567 yuan, the deal of the issue.
		dealOf({amount: 1_234_567, currency: 'CNY', probability: 0.5, createdAt: '2026-02-01T00:00:00.000Z'}),
		dealOf({amount: 2000, currency: 'USD', probability: 0.25, createdAt: '2026-02-01T00:00:00.000Z'}),
	];

	test('a CNY deal counts at the configured rate, in every money figure', () => {
		const values = kpis({opportunities: deals});
		expect(values.revenue_won).toBeCloseTo(1000 + 10_000 * 0.14, 9);
		expect(values.deals_won).toBe(2);
		expect(values.avg_deal_size).toBeCloseTo((1000 + 1400) / 2, 9);
		expect(values.pipeline_open).toBeCloseTo(1_234_567 * 0.14 + 2000, 6);
		expect(values.pipeline_weighted).toBeCloseTo(1_234_567 * 0.14 * 0.5 + 2000 * 0.25, 6);
		expect(values.unpriced_records).toBe(0);
	});

	test('without a rate it is left out of sums and averages, still counted, and named', () => {
		const values = kpis({opportunities: deals}, before);
		expect(values.revenue_won).toBe(1000);
		// The count keeps it; the average divides by the priced deal only.
		expect(values.deals_won).toBe(2);
		expect(values.avg_deal_size).toBe(1000);
		expect(values.pipeline_open).toBe(2000);
		expect(values.pipeline_weighted).toBe(500);
		expect(values.unpriced_records).toBe(2);
		const evaluation = evaluate({dataset: datasetOf({opportunities: deals}), settings: before, now: afterMarch}, march);
		const alert = evaluation.alerts.find((entry) => entry.kind === 'money')!;
		// Settings from before rates: the alert says USD is assumed.
		expect(alert.message).toBe(
			'2 records in CNY have no rate: left out of money figures (the settings predate rates: USD assumed, no other rates; set them)',
		);
		expect(evaluation.currencyAssumed).toBe(true);
		expect(alert.records.map((record) => record.id)).toEqual([deals[1]!.id, deals[2]!.id]);
	});

	test('only unpriced won deals: revenue 0, the average has nothing to divide by', () => {
		const values = kpis({opportunities: [wonDeal(500, 'CNY', '2026-03-10T00:00:00.000Z')]}, before);
		expect(values.revenue_won).toBe(0);
		expect(values.deals_won).toBe(1);
		expect(values.avg_deal_size).toBeNull();
	});

	test('another base: the base counts 1, others at their rate; the alert names every currency without one', () => {
		const euro = settingsOf({baseCurrency: 'EUR', rates: {USD: 0.9}});
		const mixed = [
			wonDeal(100, 'EUR', '2026-03-02T00:00:00.000Z'),
			wonDeal(100, 'USD', '2026-03-03T00:00:00.000Z'),
			wonDeal(100, 'KRW', '2026-03-04T00:00:00.000Z'),
		];
		const orders = [orderOf({amount: 5, currency: 'CNY'})];
		const values = kpis({opportunities: mixed, orders}, euro);
		expect(values.revenue_won).toBeCloseTo(190, 9);
		expect(values.unpriced_records).toBe(2);
		const evaluation = evaluate(
			{dataset: datasetOf({opportunities: mixed, orders}), settings: euro, now: afterMarch},
			march,
		);
		expect(evaluation.currency).toBe('EUR');
		expect(evaluation.alerts.find((entry) => entry.kind === 'money')?.message).toBe(
			'2 records in CNY and KRW have no rate: left out of money figures',
		);
		expect(formatKpi('revenue_won', 190, false, 'EUR')).toBe('190 EUR');
		expect(formatKpi('revenue_won', 1_234_567, false, 'CNY')).toBe('1,234,567 CNY');
		expect(formatKpi('revenue_won', -300, true, 'JPY')).toBe('-300 JPY');
		expect(formatKpi('revenue_won', -5, true, 'USD')).toBe('-$5');
	});

	test('a rate set later re-prices what was counted before (the tables keep each currency apart)', () => {
		const dataset = datasetOf({opportunities: deals});
		expect(computeKpis({dataset, settings: before, now: afterMarch}, march).revenue_won).toBe(1000);
		expect(computeKpis({dataset, settings: withCny, now: afterMarch}, march).revenue_won).toBeCloseTo(2400, 9);
	});

	test('to date: the pipeline as of now and the part-day of revenue convert too', () => {
		const now = Date.parse('2026-03-12T12:00:00.000Z');
		const rates = ratesOf(withCny);
		expect(openAt({opportunities: deals, tickets: []}, now, rates).pipeline_open).toBeCloseTo(
			1_234_567 * 0.14 + 2000,
			6,
		);
		expect(openAt({opportunities: deals, tickets: []}, now, ratesOf(before)).pipeline_open).toBe(2000);
		// The CNY deal closed at midnight of the 12th: in the part-day.
		expect(wonRevenueBetween(deals, march.start, now, rates)).toBeCloseTo(2400, 9);
		expect(wonRevenueBetween(deals, march.start, now, ratesOf(before))).toBe(1000);
		const running = assessPeriod({dataset: datasetOf({opportunities: deals}), settings: withCny, now}, march);
		expect(running.pipeline_open.actual).toBeCloseTo(1_234_567 * 0.14 + 2000, 6);
	});

	test('the forecast, ROI and the reasons table are in the base currency', () => {
		const history = ['2026-01', '2026-02', '2026-03'].map((month) =>
			wonDeal(1000, 'CNY', `${month}-10T00:00:00.000Z`, {createdAt: '2025-12-01T00:00:00.000Z', wonReason: 'price'}),
		);
		const dataset = datasetOf({opportunities: history});
		const forecast = forecastRevenue({dataset, settings: withCny, now: afterMarch}, march)!;
		// December has the first deal's creation and no revenue: history from there.
		expect(forecast.basis.map((entry) => entry.value)).toEqual(
			[0, 140, 140, 140].map((value) => expect.closeTo(value, 9)),
		);
		const roiSettings = settingsOf({
			rates: {CNY: 0.14},
			assessment: {goLive: '2026-01-01', windowMonths: 3, roi: {margin: 0.5, oneOffCost: 100, monthlyCost: 0}},
		});
		expect(computeKpis({dataset, settings: roiSettings, now: afterMarch}, march).roi).toBeCloseTo(
			(0.5 * 420 - 100) / 100,
			9,
		);
		expect(dealReasons(history, march, ratesOf(withCny)).won).toEqual([
			{reason: 'price', deals: 1, amount: expect.closeTo(140, 9)},
		]);
		expect(dealReasons(history, march).won[0]!.amount).toBe(0);
	});

	test('the drill-down lists deals by their value in the base currency, unpriced ones last', () => {
		const list = [
			wonDeal(1000, 'USD', '2026-03-10T00:00:00.000Z'),
			wonDeal(10_000, 'CNY', '2026-03-11T00:00:00.000Z'),
			wonDeal(50, 'KRW', '2026-03-12T00:00:00.000Z'),
		];
		const behind = recordsBehind('revenue_won', datasetOf({opportunities: list}), march, ratesOf(withCny));
		expect(behind.ids).toEqual([list[1]!.id, list[0]!.id, list[2]!.id]);
		const unpriced = recordsBehind(
			'unpriced_records',
			datasetOf({opportunities: list, campaigns: [campaignOf({currency: 'JPY'})]}),
			march,
			ratesOf(withCny),
		);
		expect(unpriced.entities).toEqual(['opportunities', 'campaigns']);
	});

	test('the report says the money is in the base currency', () => {
		const dataset = datasetOf({customers: [customer()], opportunities: deals});
		const evaluation = evaluate(
			{dataset, settings: settingsOf({baseCurrency: 'CNY', rates: {USD: 7}}), now: afterMarch},
			march,
		);
		const markdown = reportMarkdown(evaluation, {generatedAt: '2026-05-01T00:00:00.000Z', source: 'x.json'});
		expect(markdown).toContain(`| Revenue won (\`revenue_won\`) | 17,000 CNY |`);
	});
});

test('an amount too long for its column is written compactly, its currency kept', async () => {
	const {formatKpiWithin} = await import('../../source/assessment/format-kpi.js');
	expect(formatKpiWithin('pipeline_open', 1_234_567_890, 13, false, 'CNY')).toBe('1.2B CNY');
	expect(formatKpiWithin('pipeline_open', 252_309_500, 12, true, 'EUR')).toBe('+252.3M EUR');
	expect(formatKpiWithin('pipeline_open', 1200, 13, false, 'KRW')).toBe('1,200 KRW');
});

describe('the unpriced records, kept from save to save while no record changes currency', () => {
	const settings = settingsOf({baseCurrency: 'USD', rates: {CNY: 0.14}});
	const rates = ratesOf(settings);
	const alertOf = (dataset: Dataset) =>
		evaluate({dataset, settings, now: afterMarch}, march).alerts.find((entry) => entry.kind === 'money');
	/** What the alert must hold, counted here (a look of the assessment's own at other lists would be kept in place of the one tested). */
	const fresh = (deals: readonly Opportunity[]) => {
		const ids = deals.filter((deal) => deal.currency !== 'USD' && deal.currency !== 'CNY').map((deal) => deal.id);
		return {count: ids.length, ids: ids.sort(), counted: ids.length === 0 ? undefined : true};
	};
	const seen = (deals: Opportunity[]) => {
		const dataset = datasetOf({opportunities: deals});
		const alert = alertOf(dataset);
		const count = unpricedRecords(dataset, rates).count;
		return {
			count,
			ids: (alert?.records.map((record) => record.id) ?? []).sort(),
			counted: alert?.message.startsWith(`${count} record`),
		};
	};

	test('an amount changed: the very alert; a currency, a deal added or removed: what a fresh look gives', () => {
		let deals = [
			dealOf({amount: 10, currency: 'KRW'}),
			dealOf({amount: 20, currency: 'USD'}),
			dealOf({amount: 30, currency: 'JPY'}),
			dealOf({amount: 40, currency: 'CNY'}),
		];
		expect(seen(deals)).toEqual(fresh(deals));
		const first = alertOf(datasetOf({opportunities: deals}));
		deals = deals.map((deal, index) => (index === 0 ? {...deal, amount: 11} : deal));
		expect(alertOf(datasetOf({opportunities: deals}))).toBe(first);
		const edits: Array<(list: Opportunity[]) => Opportunity[]> = [
			(list) => list.map((deal, index) => (index === 1 ? {...deal, currency: 'KRW'} : deal)),
			(list) => [...list, dealOf({amount: 50, currency: 'EUR'})],
			(list) => list.filter((_deal, index) => index !== 0),
			(list) => list.map((deal) => (deal.currency === 'JPY' ? {...deal, currency: 'CNY'} : deal)),
			(list) => list.map((deal) => ({...deal, currency: 'USD'})),
			(list) => [...list, dealOf({amount: 60, currency: 'KRW'})],
		];
		for (const edit of edits) {
			deals = edit(deals);
			expect(seen(deals)).toEqual(fresh(deals));
		}
	});

	test('other rates: made again', () => {
		const deals = [dealOf({amount: 10, currency: 'KRW'})];
		const dataset = datasetOf({opportunities: deals});
		expect(unpricedRecords(dataset, rates).count).toBe(1);
		expect(unpricedRecords(dataset, ratesOf(settingsOf({baseCurrency: 'USD', rates: {KRW: 0.0007}}))).count).toBe(0);
		expect(unpricedRecords(dataset, rates).count).toBe(1);
	});
});
