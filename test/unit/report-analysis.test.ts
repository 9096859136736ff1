import {describe, expect, test} from 'vitest';
import {evaluate} from '../../source/assessment/evaluation.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {reportJson, reportMarkdown} from '../../source/assessment/report.js';
import {analysisReport} from '../../source/assessment/report-analysis.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import type {Dataset} from '../../source/domain/dataset.js';
import type {Opportunity, OpportunityStage} from '../../source/domain/opportunity.js';
import {defaultSettings} from '../../source/domain/settings.js';
import {dealHistory} from '../support/deal-history.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {changeOf, dealOf, orderOf, wonDeal} from '../support/records.js';

/**
 * The report's funnel, stage times and customer value on a small hand-made dataset whose log says
 * how each deal moved, as the store would write it. Every number below is worked out by hand from
 * KPI.md *Analysis*.
 */
const april = parsePeriod('2026-04')!;
const now = Date.parse('2026-05-10T00:00:00Z');
const settings = defaultSettings();

type Move = [day: string, stage: OpportunityStage];
const at = (day: string) => `${day}T00:00:00.000Z`;

/** A deal created on `day` in `first` (in the console, by an import, or with no log at all), moved as `moves` say. */
const historyOf = (
	deal: Opportunity,
	day: string,
	first: OpportunityStage,
	moves: Move[],
	how: 'console' | 'import' | 'unlogged' = 'console',
): {deal: Opportunity; entries: ChangeEntry[]} =>
	dealHistory(
		{...deal, createdAt: at(day)},
		first,
		moves.map(([when, stage]) => [at(when), stage] as const),
		how,
	);

const c1 = customer();
const c2 = customer();
const c3 = customer();
const c4 = customer();
// Created after T (the end of April): not on file then.
const c5 = customer({createdAt: '2026-05-05T00:00:00.000Z'});
const c6 = customer();

const histories = [
	// April. Prospecting 2 days, qualification 5, proposal 10, then won: $1,000 for c1.
	historyOf(wonDeal(1000, 'USD', at('2026-04-18'), {customerId: c1.id}), '2026-04-01', 'prospecting', [
		['2026-04-03', 'qualification'],
		['2026-04-08', 'proposal'],
		['2026-04-18', 'won'],
	]),
	// Prospecting 4 days, qualification 4, then lost.
	historyOf(dealOf(), '2026-04-02', 'prospecting', [
		['2026-04-06', 'qualification'],
		['2026-04-10', 'lost'],
	]),
	// Imported in proposal, and one made outside the console: no logged history, counted by the stage they came with.
	historyOf(dealOf(), '2026-04-05', 'proposal', [], 'import'),
	historyOf(dealOf(), '2026-04-20', 'prospecting', [], 'unlogged'),
	// March. Prospecting 10 days, then proposal (still there); prospecting 1 day, then lost.
	historyOf(dealOf(), '2026-03-10', 'prospecting', [['2026-03-20', 'proposal']]),
	historyOf(dealOf(), '2026-03-15', 'prospecting', [['2026-03-16', 'lost']]),
];

/** A log entry whose stage is an escape sequence (a hand-edited file): it moves no deal, and its text never reaches the report. */
const hostile = changeOf({
	at: at('2026-04-11'),
	entity: 'opportunities',
	recordId: histories[1]!.deal.id,
	action: 'update',
	changes: [{field: 'stage', before: 'lost', after: '\u001b]0;owned\u0007\u001b[31m'}],
});

const dataset: Dataset = datasetOf({
	customers: [c1, c2, c3, c4, c5, c6],
	opportunities: histories.map((history) => history.deal),
	orders: [
		// c1's second purchase; c2's one; c3's in a currency without a rate; c6's more than a year before T.
		orderOf({customerId: c1.id, orderedAt: at('2026-03-01'), amount: 500}),
		orderOf({customerId: c2.id, orderedAt: at('2026-01-10'), amount: 300}),
		orderOf({customerId: c3.id, orderedAt: at('2025-12-01'), amount: 900, currency: 'EUR'}),
		orderOf({customerId: c6.id, orderedAt: at('2025-03-01'), amount: 700}),
		// A draft is no purchase.
		orderOf({customerId: c4.id, orderedAt: at('2026-04-01'), amount: 50, status: 'draft'}),
	],
	changes: [...histories.flatMap((history) => history.entries), hostile].sort((a, b) => a.at.localeCompare(b.at)),
});

const reportOf = (period = april, when = now) => {
	const evaluation = evaluate({dataset, settings, now: when}, period);
	const analysis = analysisReport(dataset, settings, evaluation);
	const context = {generatedAt: new Date(when).toISOString(), source: 'x.json', analysis};
	return {
		markdown: reportMarkdown(evaluation, context),
		json: reportJson(evaluation, context.generatedAt, new Map(), undefined, [], [], analysis),
	};
};

const section = (markdown: string, title: string) => {
	const start = markdown.indexOf(`### ${title}`);
	expect(start, title).toBeGreaterThan(0);
	return markdown.slice(start, markdown.indexOf('\n#', start + 1));
};

/** Every number in a JSON value, wherever it is. */
const numbersIn = (value: unknown): number[] =>
	typeof value === 'number'
		? [value]
		: value && typeof value === 'object'
			? Object.values(value).flatMap(numbersIn)
			: [];

describe('crm report: funnel, stage times and customer value (KPI.md Analysis)', () => {
	const {markdown, json} = reportOf();

	test('the three sections come under the analysis KPI table, before data quality', () => {
		const order = [
			'## Analysis: funnel and stage times',
			'### Funnel',
			'### Stage times',
			'### Customer value (RFM)',
			'## Data quality',
		].map((heading) => markdown.indexOf(heading));
		expect(order.every((index) => index > 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(markdown.slice(order[0], order[1])).toContain('| Won of new deals (`funnel_won`) | 25.0% |');
	});

	test('the funnel of P and P−1: deals reached, shares, drops, and how many have no logged history', () => {
		expect(section(markdown, 'Funnel')).toContain(
			[
				'| Stage | Deals (2026-04) | Share | Drop from the stage before | Deals (2026-03) | Share (2026-03) |',
				'|---|---:|---:|---:|---:|---:|',
				'| prospecting | 4 | 100.0% | — | 2 | 100.0% |',
				'| qualification | 3 | 75.0% | 25.0% | 1 | 50.0% |',
				'| proposal | 2 | 50.0% | 33.3% | 1 | 50.0% |',
				'| negotiation | 1 | 25.0% | 50.0% | 0 | 0.0% |',
				'| won | 1 | 25.0% | 0.0% | 0 | 0.0% |',
				'',
				'4 deals created in 2026-04; 2 of them without a logged stage history (imported, or made outside the console): each counted by the stage it has (KPI.md). In 2026-03: 2 deals, 0 without.',
			].join('\n'),
		);
	});

	test('stage times: the mean days of the visits that ended in P, their count, target and status, P−1 beside', () => {
		expect(section(markdown, 'Stage times')).toContain(
			[
				'| Stage | Mean days (2026-04) | Visits | Target | Status | Mean days (2026-03) |',
				'|---|---:|---:|---:|---|---:|',
				'| prospecting | 3.0 d | 2 | ≤ 7.0 d | ✓ met | 5.5 d |',
				'| qualification | 4.5 d | 2 | ≤ 10.0 d | ✓ met | — |',
				'| proposal | 10.0 d | 1 | ≤ 14.0 d | ✓ met | — |',
				'| negotiation | — | 0 | ≤ 14.0 d | · no data | — |',
			].join('\n'),
		);
	});

	test('customer value as of the end of P: segments by RFM, the customers without a purchase last, the unpriced purchase noted', () => {
		const text = section(markdown, 'Customer value (RFM)');
		expect(text).toContain('As of 2026-05-01 (the end of 2026-04), purchases in the year before (365 days)');
		expect(text).toContain('Of the 5 customers on file then; revenue in USD.');
		expect(text).toContain(
			[
				'| Segment | Customers | Share of customers | Revenue | Share of revenue |',
				'|---|---:|---:|---:|---:|',
				// c1: bought 13 days before T, twice (R 4, F 4).
				'| Champions | 1 | 20.0% | $1,500 | 83.3% |',
				'| Loyal | 0 | 0.0% | $0 | 0.0% |',
				'| Promising | 0 | 0.0% | $0 | 0.0% |',
				'| At risk | 0 | 0.0% | $0 | 0.0% |',
				// c2 (111 days, once: R 2) and c3 (151 days, once, unpriced: R 1).
				'| Hibernating | 2 | 40.0% | $300 | 16.7% |',
				'| Needs attention | 0 | 0.0% | $0 | 0.0% |',
				'| No purchase in the year | 2 | 40.0% | — | — |',
			].join('\n'),
		);
		expect(text).toContain('1 purchase in a currency without a rate: counted in frequency, left out of the revenue');
	});

	test('JSON: the same numbers raw, under English ids', () => {
		expect(json.funnel).toEqual({
			period: '2026-04',
			created: 4,
			unlogged: 2,
			stages: [
				{stage: 'prospecting', reached: 4, share: 1, drop: null},
				{stage: 'qualification', reached: 3, share: 0.75, drop: 0.25},
				{stage: 'proposal', reached: 2, share: 0.5, drop: 1 / 3},
				{stage: 'negotiation', reached: 1, share: 0.25, drop: 0.5},
				{stage: 'won', reached: 1, share: 0.25, drop: 0},
			],
			previous: {
				period: '2026-03',
				created: 2,
				unlogged: 0,
				stages: [
					{stage: 'prospecting', reached: 2, share: 1, drop: null},
					{stage: 'qualification', reached: 1, share: 0.5, drop: 0.5},
					{stage: 'proposal', reached: 1, share: 0.5, drop: 0},
					{stage: 'negotiation', reached: 0, share: 0, drop: 1},
					{stage: 'won', reached: 0, share: 0, drop: null},
				],
			},
		});
		expect(json.stageTimes).toEqual([
			{stage: 'prospecting', days: 3, visits: 2, target: 7, status: 'met', previousDays: 5.5},
			{stage: 'qualification', days: 4.5, visits: 2, target: 10, status: 'met', previousDays: null},
			{stage: 'proposal', days: 10, visits: 1, target: 14, status: 'met', previousDays: null},
			{stage: 'negotiation', days: null, visits: 0, target: 14, status: 'no data', previousDays: null},
		]);
		expect(json.customerValue).toEqual({
			asOf: '2026-05-01T00:00:00.000Z',
			segments: [
				{segment: 'champions', customers: 1, shareOfCustomers: 0.2, revenue: 1500, shareOfRevenue: 1500 / 1800},
				{segment: 'loyal', customers: 0, shareOfCustomers: 0, revenue: 0, shareOfRevenue: 0},
				{segment: 'promising', customers: 0, shareOfCustomers: 0, revenue: 0, shareOfRevenue: 0},
				{segment: 'at-risk', customers: 0, shareOfCustomers: 0, revenue: 0, shareOfRevenue: 0},
				{segment: 'hibernating', customers: 2, shareOfCustomers: 0.4, revenue: 300, shareOfRevenue: 300 / 1800},
				{segment: 'needs-attention', customers: 0, shareOfCustomers: 0, revenue: 0, shareOfRevenue: 0},
			],
			withoutPurchase: {customers: 2, shareOfCustomers: 0.4},
			unpriced: 1,
		});
	});

	test('a stage from the data never reaches the output: no control sequence in the Markdown or the JSON', () => {
		expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
		expect(JSON.stringify(json)).not.toContain('owned');
	});
});

describe('the empty period and the running one', () => {
	test('no deals and no customers yet: counts 0, every share, drop and mean — (null in JSON), never 0 or NaN', () => {
		const {markdown, json} = reportOf(parsePeriod('2025-01')!);
		expect(section(markdown, 'Funnel')).toContain('| prospecting | 0 | — | — | 0 | — |');
		expect(section(markdown, 'Funnel')).toContain('| won | 0 | — | — | 0 | — |');
		expect(section(markdown, 'Funnel')).toContain('0 deals created in 2025-01; 0 of them without');
		expect(section(markdown, 'Stage times')).toContain('| prospecting | — | 0 | ≤ 7.0 d | · no data | — |');
		expect(section(markdown, 'Customer value (RFM)')).toContain('| Champions | 0 | — | $0 | — |');
		expect(section(markdown, 'Customer value (RFM)')).toContain('| No purchase in the year | 0 | — | — | — |');
		expect(section(markdown, 'Customer value (RFM)')).not.toContain('without a rate');
		expect(json.funnel!.stages.map((stage) => [stage.share, stage.drop])).toEqual(new Array(5).fill([null, null]));
		expect(json.stageTimes!.map((stage) => stage.days)).toEqual([null, null, null, null]);
		expect(json.customerValue!.withoutPurchase).toEqual({customers: 0, shareOfCustomers: null});
		expect(json.customerValue!.unpriced).toBe(0);
		expect(numbersIn(json).filter((value) => !Number.isFinite(value))).toEqual([]);
	});

	test('a running period: customer value as of now', () => {
		const {markdown, json} = reportOf(parsePeriod('2026-05')!);
		expect(section(markdown, 'Customer value (RFM)')).toContain(
			'As of 2026-05-10 (now: the period is still running), purchases in the year before',
		);
		expect(json.customerValue!.asOf).toBe('2026-05-10T00:00:00.000Z');
	});

	test('without the analysis (a caller that counted none) the sections are left out and the JSON keys are null', () => {
		const evaluation = evaluate({dataset, settings, now}, april);
		expect(reportMarkdown(evaluation, {generatedAt: '2026-05-10T00:00:00.000Z', source: 'x.json'})).not.toContain(
			'### Funnel',
		);
		expect(reportJson(evaluation, '2026-05-10T00:00:00.000Z')).toMatchObject({
			funnel: null,
			stageTimes: null,
			customerValue: null,
		});
	});
});
