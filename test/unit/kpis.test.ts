import {describe, expect, test} from 'vitest';
import {recordsBehind} from '../../source/assessment/drill-down.js';
import {
	assessPeriod,
	beforeAfter,
	computeKpis,
	type EvaluationInput,
	earliestCreated,
	forecastRevenue,
} from '../../source/assessment/evaluation.js';
import {linearForecast} from '../../source/assessment/forecast.js';
import {formatAttainment} from '../../source/assessment/format-kpi.js';
import {kpiIds} from '../../source/assessment/kpi-catalog.js';
import {openAt, wonRevenueBetween} from '../../source/assessment/kpis.js';
import {isBefore, lastPeriods, parsePeriod, previousPeriod, readPeriod} from '../../source/assessment/periods.js';
import {assess, scaledTarget} from '../../source/assessment/targets.js';
import {percentile, requirementsCoverage} from '../../source/assessment/usage-kpis.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import type {Dataset} from '../../source/domain/dataset.js';
import type {Feedback} from '../../source/domain/feedback.js';
import type {Metric} from '../../source/domain/metric.js';
import type {Opportunity} from '../../source/domain/opportunity.js';
import {defaultSettings, settingsSchema, targetFor} from '../../source/domain/settings.js';
import type {Ticket} from '../../source/domain/ticket.js';
import {customer, datasetOf} from '../support/fixtures.js';

const march = parsePeriod('2026-03')!;
let sequence = 0;
const stamp = {externalId: null, updatedAt: '2026-01-01T00:00:00.000Z', version: 1, tags: []};

const deal = (values: Partial<Opportunity>): Opportunity => ({
	...stamp,
	id: `opp_test${String(++sequence).padStart(6, '0')}`,
	customerId: '',
	title: 'Deal',
	product: '',
	stage: 'prospecting',
	amount: 0,
	currency: 'USD',
	probability: 0.1,
	owner: '',
	expectedCloseAt: null,
	closedAt: null,
	lostReason: '',
	notes: '',
	createdAt: '2026-01-01T00:00:00.000Z',
	...values,
});

const ticket = (values: Partial<Ticket>): Ticket => ({
	...stamp,
	id: `tkt_test${String(++sequence).padStart(6, '0')}`,
	customerId: '',
	subject: 'Help',
	description: '',
	priority: 'normal',
	status: 'open',
	channel: '',
	product: '',
	owner: '',
	dueAt: '2026-03-04T00:00:00.000Z',
	firstResponseAt: null,
	resolvedAt: null,
	comments: [],
	createdAt: '2026-03-01T00:00:00.000Z',
	...values,
});

const rating = (values: Partial<Feedback>): Feedback => ({
	...stamp,
	id: `fbk_test${String(++sequence).padStart(6, '0')}`,
	customerId: '',
	ticketId: null,
	rating: 5,
	nps: null,
	comment: '',
	channel: '',
	createdAt: '2026-03-10T00:00:00.000Z',
	...values,
});

const input = (dataset: Dataset, settings = defaultSettings(), metrics?: Metric[]): EvaluationInput => ({
	dataset,
	settings,
	metrics,
	now: Date.parse('2026-04-15T00:00:00Z'),
});
const kpisOf = (parts: Partial<Dataset>, period = march) => computeKpis(input(datasetOf(parts)), period);

describe('periods', () => {
	test('months, quarters and years, with the one before', () => {
		expect(parsePeriod('2026-03')).toMatchObject({
			kind: 'month',
			start: Date.parse('2026-03-01T00:00:00Z'),
			end: Date.parse('2026-04-01T00:00:00Z'),
		});
		expect(parsePeriod('2026-q2')).toMatchObject({
			kind: 'quarter',
			key: '2026-Q2',
			start: Date.parse('2026-04-01T00:00:00Z'),
			end: Date.parse('2026-07-01T00:00:00Z'),
		});
		expect(parsePeriod('2026')).toMatchObject({kind: 'year', end: Date.parse('2027-01-01T00:00:00Z')});
		expect(previousPeriod(parsePeriod('2026-01')!).key).toBe('2025-12');
		expect(previousPeriod(parsePeriod('2026-Q1')!).key).toBe('2025-Q4');
		expect(lastPeriods(march, 3).map((period) => period.key)).toEqual(['2026-01', '2026-02', '2026-03']);
		expect(parsePeriod('2026-13')).toBeUndefined();
		expect(parsePeriod('March')).toBeUndefined();
	});

	test.each([
		// [typed, the period's key and first day, or why it is none]
		['2026-03', '2026-03', '2026-03-01'],
		['1970', '1970', '1970-01-01'],
		['9999-Q4', '9999-Q4', '9999-10-01'],
		['0000', undefined, 'is outside the years 1970 to 9999'],
		['0099-12', undefined, 'is outside the years 1970 to 9999'],
		['1969-Q4', undefined, 'is outside the years 1970 to 9999'],
		[
			'2026-00',
			undefined,
			'is not a period: there is no month 00; use a month (2026-03), a quarter (2026-Q1) or a year (2026)',
		],
		[
			'2026-Q0',
			undefined,
			'is not a period: there is no quarter 0; use a month (2026-03), a quarter (2026-Q1) or a year (2026)',
		],
		['', undefined, 'is not a period: use a month (2026-03), a quarter (2026-Q1) or a year (2026)'],
		['null', undefined, 'is not a period: use a month (2026-03), a quarter (2026-Q1) or a year (2026)'],
		['10000', undefined, 'is not a period: use a month (2026-03), a quarter (2026-Q1) or a year (2026)'],
	])('readPeriod(%j): %s %s', (text, key, expected) => {
		const read = readPeriod(text);
		if (key === undefined) expect(read).toEqual({ok: false, message: expected});
		else expect(read).toMatchObject({ok: true, period: {key, start: Date.parse(`${expected}T00:00:00Z`)}});
	});

	test('years before 100 are those years, not 1900–1999 (Date.UTC’s reading)', () => {
		expect(new Date(parsePeriod('0000')!.start).getUTCFullYear()).toBe(0);
		expect(previousPeriod(parsePeriod('0100-01')!).key).toBe('0099-12');
		expect(new Date(previousPeriod(parsePeriod('0100-01')!).start).toISOString()).toBe('0099-12-01T00:00:00.000Z');
	});
});

describe('sales KPIs', () => {
	const deals = [
		deal({stage: 'won', amount: 1000, createdAt: '2026-02-19T00:00:00.000Z', closedAt: '2026-03-01T00:00:00.000Z'}), // on the start boundary: in March, 10 days
		deal({stage: 'won', amount: 2000, createdAt: '2026-03-01T00:00:00.000Z', closedAt: '2026-03-21T00:00:00.000Z'}), // 20 days
		deal({stage: 'won', amount: 4000, createdAt: '2026-03-01T00:00:00.000Z', closedAt: '2026-04-01T00:00:00.000Z'}), // on the end boundary: April
		deal({stage: 'won', amount: 600, createdAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-02-10T00:00:00.000Z'}), // February
		deal({stage: 'lost', amount: 500, createdAt: '2026-02-01T00:00:00.000Z', closedAt: '2026-03-15T00:00:00.000Z'}),
		// Won in March, then reopened: closedAt was cleared, so it is open pipeline, not revenue.
		deal({stage: 'negotiation', amount: 700, probability: 0.75, createdAt: '2026-02-01T00:00:00.000Z', closedAt: null}),
		deal({stage: 'proposal', amount: 300, probability: 0.5, createdAt: '2026-03-31T23:59:59.999Z'}),
		deal({stage: 'proposal', amount: 9000, probability: 0.5, createdAt: '2026-04-01T00:00:00.000Z'}), // created after end(P)
	];
	const values = kpisOf({opportunities: deals});

	test('revenue_won and deals_won count deals won with closedAt in P', () => {
		expect(values.revenue_won).toBe(3000);
		expect(values.deals_won).toBe(2);
	});

	test('sales_growth against P−1; null when P−1 had no revenue', () => {
		expect(values.sales_growth).toBeCloseTo((3000 - 600) / 600, 10);
		expect(kpisOf({opportunities: deals}, parsePeriod('2026-02')!).sales_growth).toBeNull();
	});

	test('win_rate, avg_deal_size and sales_cycle_days over deals closed in P', () => {
		expect(values.win_rate).toBeCloseTo(2 / 3, 10);
		expect(values.avg_deal_size).toBe(1500);
		expect(values.sales_cycle_days).toBe(15);
	});

	test('pipeline at end(P): created before the end and not closed before it', () => {
		// Open at the end of March: the April-won deal (closedAt >= end), the reopened one, the one from 31 March.
		expect(values.pipeline_open).toBe(4000 + 700 + 300);
		expect(values.pipeline_weighted).toBeCloseTo(4000 * 0.1 + 700 * 0.75 + 300 * 0.5, 10);
	});

	test('an empty period: counts are 0, rates and means are null, never NaN', () => {
		const empty = kpisOf({opportunities: deals}, parsePeriod('2025-06')!);
		expect(empty).toMatchObject({
			revenue_won: 0,
			deals_won: 0,
			sales_growth: null,
			win_rate: null,
			avg_deal_size: null,
			sales_cycle_days: null,
			pipeline_open: 0,
		});
		for (const value of Object.values(kpisOf({}))) expect(Number.isNaN(value)).toBe(false);
	});
});

describe('customer KPIs', () => {
	test('new customers, churn and retention per KPI.md, reactivated customers included', () => {
		const customers = [
			customer({createdAt: '2025-12-01T00:00:00.000Z'}),
			customer({createdAt: '2025-12-01T00:00:00.000Z', status: 'churned', churnedAt: '2026-03-10T00:00:00.000Z'}),
			customer({createdAt: '2026-01-01T00:00:00.000Z', status: 'churned', churnedAt: '2026-03-01T00:00:00.000Z'}), // churned on the boundary: in March, counted at start
			customer({createdAt: '2026-01-01T00:00:00.000Z', status: 'churned', churnedAt: '2026-02-15T00:00:00.000Z'}), // gone before March
			customer({createdAt: '2026-01-05T00:00:00.000Z', status: 'active', churnedAt: null}), // churned once, reactivated: churnedAt cleared
			customer({createdAt: '2026-03-01T00:00:00.000Z'}), // new in March, not in the base
			customer({createdAt: '2026-03-31T12:00:00.000Z'}),
		];
		const values = kpisOf({customers});
		expect(values.new_customers).toBe(2);
		// Base at the start of March: customers 1, 2, 3 and 5 → 4; churned in March: 2 and 3.
		expect(values.churn_rate).toBe(2 / 4);
		expect(values.retention_rate).toBe(1 - 2 / 4);
		expect(kpisOf({customers: []}).churn_rate).toBeNull();
		expect(kpisOf({customers: []}).retention_rate).toBeNull();
	});
});

describe('service KPIs', () => {
	const tickets = [
		ticket({
			createdAt: '2026-03-01T00:00:00.000Z',
			firstResponseAt: '2026-03-01T02:00:00.000Z',
			resolvedAt: '2026-03-02T00:00:00.000Z',
			dueAt: '2026-03-02T00:00:00.000Z',
			status: 'closed',
		}), // met exactly at due
		ticket({
			createdAt: '2026-03-10T00:00:00.000Z',
			firstResponseAt: '2026-03-10T04:00:00.000Z',
			resolvedAt: '2026-03-13T00:00:00.000Z',
			dueAt: '2026-03-11T00:00:00.000Z',
			status: 'resolved',
		}), // missed
		ticket({createdAt: '2026-03-20T00:00:00.000Z'}), // open, no response
		ticket({
			createdAt: '2026-02-27T00:00:00.000Z',
			firstResponseAt: '2026-02-27T01:00:00.000Z',
			resolvedAt: '2026-03-03T00:00:00.000Z',
			dueAt: '2026-03-02T00:00:00.000Z',
			status: 'closed',
		}), // opened in Feb, resolved in March, late
		ticket({createdAt: '2026-03-30T00:00:00.000Z', resolvedAt: '2026-04-02T00:00:00.000Z', status: 'resolved'}), // resolved after end(P): backlog at end
	];
	const values = kpisOf({tickets});

	test('tickets_opened and first_response_hours over tickets created in P that have a response', () => {
		expect(values.tickets_opened).toBe(4);
		expect(values.first_response_hours).toBe((2 + 4) / 2);
	});

	test('resolution_hours and sla_compliance over tickets resolved in P', () => {
		expect(values.resolution_hours).toBe((24 + 72 + 96) / 3);
		expect(values.sla_compliance).toBe(1 / 3);
	});

	test('backlog: created before end(P), not resolved before it', () => {
		expect(values.backlog).toBe(2);
	});

	test('no tickets: counts 0, means and shares null', () => {
		expect(kpisOf({})).toMatchObject({
			tickets_opened: 0,
			first_response_hours: null,
			resolution_hours: null,
			sla_compliance: null,
			backlog: 0,
		});
	});
});

describe('feedback KPIs', () => {
	test('csat, avg_rating and nps over feedback in P', () => {
		const feedback = [
			rating({rating: 5, nps: 10}),
			rating({rating: 4, nps: 9}),
			rating({rating: 3, nps: 7}),
			rating({rating: 1, nps: 0}),
			rating({rating: 2}),
			rating({rating: 5, createdAt: '2026-04-01T00:00:00.000Z', nps: 0}),
		];
		const values = kpisOf({feedback});
		expect(values.csat).toBe(2 / 5);
		expect(values.avg_rating).toBe((5 + 4 + 3 + 1 + 2) / 5);
		// Four answers with an NPS: promoters 10, 9; detractor 0; passive 7 → (2 − 1) / 4 × 100.
		expect(values.nps).toBe(25);
		expect(kpisOf({})).toMatchObject({csat: null, avg_rating: null, nps: null});
	});
});

describe('data quality and adoption', () => {
	test('completeness, duplicate_rate (normalised email) and orphan records', () => {
		const customers = [
			customer({email: 'Ana@Acme.io ', phone: '1', owner: 'x', segment: 'smb'}),
			customer({email: 'ana@acme.io', phone: '', owner: '', segment: ''}),
			customer({email: '', phone: '2', owner: 'y', segment: ''}),
			customer({email: '', phone: '', owner: '', segment: ''}),
		];
		const values = kpisOf({
			customers,
			opportunities: [
				deal({customerId: customers[0]!.id}),
				deal({customerId: 'cus_gone000000'}),
				deal({customerId: ''}),
			],
			tickets: [ticket({customerId: 'cus_gone000001'})],
		});
		expect(values.completeness).toBe((4 + 1 + 2 + 0) / 16);
		expect(values.duplicate_rate).toBe(2 / 4);
		expect(values.orphan_records).toBe(2);
		// The trend lists the same records the number counts, each of its own kind.
		const behind = recordsBehind(
			'orphan_records',
			datasetOf({
				customers,
				opportunities: [
					deal({customerId: customers[0]!.id}),
					deal({customerId: 'cus_gone000000'}),
					deal({customerId: ''}),
				],
				tickets: [ticket({customerId: 'cus_gone000001'})],
			}),
			parsePeriod('2026-03')!,
		);
		expect(behind.ids).toHaveLength(2);
		expect(behind.entities).toEqual(['opportunities', 'tickets']);
		expect(kpisOf({}).completeness).toBeNull();
	});

	test('active_operators: distinct operators with a change in P', () => {
		const entry = (operator: string, at: string): ChangeEntry => ({
			id: `chg_${operator}${at.slice(5, 10).replace('-', '')}`,
			at,
			operator,
			action: 'update',
			entity: 'customers',
			recordId: 'cus_x00000',
			label: '',
			changes: [],
			undoOf: null,
			batch: null,
		});
		const changes = [
			entry('ana', '2026-03-02T00:00:00.000Z'),
			entry('ana', '2026-03-05T00:00:00.000Z'),
			entry('bo', '2026-03-31T23:00:00.000Z'),
			entry('cy', '2026-04-01T00:00:00.000Z'),
		];
		expect(kpisOf({changes}).active_operators).toBe(2);
	});
});

describe('performance, function and ROI', () => {
	test('p95 by nearest rank, the last session’s load time, errors counted; no log means no data', () => {
		expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100], 95)).toBe(19);
		expect(percentile([], 95)).toBeNull();
		const metrics: Metric[] = [
			...Array.from({length: 20}, (_, index) => ({
				at: '2026-03-05T00:00:00.000Z',
				session: 'a',
				kind: 'render' as const,
				ms: index + 1,
			})),
			{at: '2026-03-05T00:00:00.000Z', session: 'a', kind: 'save', ms: 12},
			{at: '2026-03-05T00:00:00.000Z', session: 'a', kind: 'load', ms: 900},
			{at: '2026-03-20T00:00:00.000Z', session: 'b', kind: 'load', ms: 700},
			{at: '2026-03-20T00:00:00.000Z', session: 'b', kind: 'error'},
			{at: '2026-04-01T00:00:00.000Z', session: 'c', kind: 'load', ms: 5},
		];
		const values = computeKpis(input(datasetOf({}), defaultSettings(), metrics), march);
		expect(values).toMatchObject({render_ms_p95: 19, save_ms_p95: 12, load_ms: 700, errors: 1});
		expect(computeKpis(input(datasetOf({})), march)).toMatchObject({
			render_ms_p95: null,
			save_ms_p95: null,
			load_ms: null,
			errors: null,
		});
		// A log, but no session in the period: nothing was measured, not zero errors.
		expect(computeKpis(input(datasetOf({}), defaultSettings(), metrics), parsePeriod('2026-05')!)).toMatchObject({
			errors: null,
			load_ms: null,
		});
	});

	test('requirements coverage: (met + ½ partial) by weight 3/2/1', () => {
		const requirement = (importance: 'high' | 'medium' | 'low', status: 'met' | 'partial' | 'unmet') => ({
			id: '',
			area: '',
			text: '',
			importance,
			status,
			note: '',
		});
		expect(
			requirementsCoverage([requirement('high', 'met'), requirement('medium', 'partial'), requirement('low', 'unmet')]),
		).toBe((3 + 1) / 6);
		expect(requirementsCoverage([])).toBeNull();
	});

	test('roi over the window after go-live; null when nothing costs anything', () => {
		const settings = settingsSchema.parse({
			assessment: {goLive: '2026-03-01', windowMonths: 2, roi: {margin: 0.5, oneOffCost: 1000, monthlyCost: 500}},
		});
		const dataset = datasetOf({
			opportunities: [
				deal({stage: 'won', amount: 10_000, closedAt: '2026-04-30T00:00:00.000Z'}),
				deal({stage: 'won', amount: 99_000, closedAt: '2026-05-01T00:00:00.000Z'}),
			],
		});
		expect(computeKpis(input(dataset, settings), march).roi).toBe((0.5 * 10_000 - 2000) / 2000);
		const free = settingsSchema.parse({
			assessment: {goLive: '2026-03-01', roi: {margin: 0.5, oneOffCost: 0, monthlyCost: 0}},
		});
		expect(computeKpis(input(dataset, free), march).roi).toBeNull();
		expect(computeKpis(input(dataset), march).roi).toBeNull();
	});
});

describe('targets and status', () => {
	test('met, near, missed, no data; difference and attainment both ways', () => {
		expect(assess(110, {value: 100, direction: 'higher', tolerance: 5})).toMatchObject({
			status: 'met',
			difference: 10,
			attainment: 1.1,
		});
		expect(assess(96, {value: 100, direction: 'higher', tolerance: 5})).toMatchObject({status: 'near', difference: -4});
		expect(assess(90, {value: 100, direction: 'higher', tolerance: 5})).toMatchObject({status: 'missed'});
		expect(assess(5, {value: 4, direction: 'lower', tolerance: 2})).toMatchObject({
			status: 'near',
			difference: 1,
			attainment: 0.8,
		});
		expect(assess(2, {value: 4, direction: 'lower', tolerance: 0})).toMatchObject({status: 'met', attainment: 2});
		expect(assess(null, {value: 4, direction: 'lower', tolerance: 0})).toMatchObject({
			status: 'no data',
			difference: null,
			attainment: null,
		});
		expect(assess(0, {value: 0, direction: 'lower', tolerance: 0})).toMatchObject({status: 'met', attainment: null});
	});

	test('per-month targets of counts and sums scale to quarters and years; rates do not', () => {
		const quarter = parsePeriod('2026-Q1')!;
		expect(scaledTarget('revenue_won', {value: 100, direction: 'higher', tolerance: 10}, quarter)).toMatchObject({
			value: 300,
			tolerance: 30,
		});
		expect(scaledTarget('win_rate', {value: 0.4, direction: 'higher', tolerance: 0.05}, quarter)).toMatchObject({
			value: 0.4,
		});
		expect(scaledTarget('churn_rate', {value: 0.01, direction: 'lower', tolerance: 0.005}, quarter)).toMatchObject({
			value: 0.03,
			tolerance: 0.015,
		});
		const retention = scaledTarget('retention_rate', {value: 0.99, direction: 'higher', tolerance: 0.005}, quarter);
		expect(retention.value).toBeCloseTo(0.97, 10);
	});

	test('every KPI id of KPI.md is assessed, with the previous period beside it', () => {
		const assessed = assessPeriod(input(datasetOf({})), march);
		expect(Object.keys(assessed).sort()).toEqual([...kpiIds].sort());
	});
});

describe('forecast and before/after', () => {
	test('least squares over the history, never below 0, none with fewer than 3 points', () => {
		expect(linearForecast([1, 2, 3])).toEqual([4, 5, 6]);
		expect(linearForecast([5, 3, 1])).toEqual([0, 0, 0]);
		expect(linearForecast([2, 2, 2, 2])).toEqual([2, 2, 2]);
		expect(linearForecast([1, 2])).toBeNull();
	});

	test('revenue forecast uses the last N periods, fewer when history is shorter', () => {
		const dataset = datasetOf({
			opportunities: [
				deal({stage: 'won', amount: 100, createdAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-01-10T00:00:00.000Z'}),
				deal({stage: 'won', amount: 200, createdAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-02-10T00:00:00.000Z'}),
				deal({stage: 'won', amount: 300, createdAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-03-10T00:00:00.000Z'}),
			],
		});
		const forecast = forecastRevenue(input(dataset), march)!;
		expect(forecast.basis.map((entry) => entry.period)).toEqual(['2026-01', '2026-02', '2026-03']);
		expect(forecast.next).toEqual([
			{period: '2026-04', value: 400},
			{period: '2026-05', value: 500},
			{period: '2026-06', value: 600},
		]);
		expect(forecastRevenue(input(dataset), parsePeriod('2026-02')!)).toBeNull();
		// A period still running is left out of the basis; the forecast starts after the last complete one.
		const running = forecastRevenue({...input(dataset), now: Date.parse('2026-03-20T00:00:00Z')}, march);
		expect(running).toBeNull();
		const april = forecastRevenue(
			{...input(dataset), now: Date.parse('2026-04-10T00:00:00Z')},
			parsePeriod('2026-04')!,
		)!;
		expect(april.basis.map((entry) => entry.period)).toEqual(['2026-01', '2026-02', '2026-03']);
		expect(april.next[0]).toEqual({period: '2026-04', value: 400});
	});

	test('before/after: W months before and from go-live, with the change', () => {
		const settings = settingsSchema.parse({assessment: {goLive: '2026-03-01', windowMonths: 2}});
		const dataset = datasetOf({
			opportunities: [
				deal({stage: 'won', amount: 100, createdAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-01-01T00:00:00.000Z'}),
				deal({stage: 'won', amount: 300, createdAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-04-30T00:00:00.000Z'}),
				deal({stage: 'won', amount: 999, createdAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-05-01T00:00:00.000Z'}),
			],
		});
		const result = beforeAfter(input(dataset, settings))!;
		expect(result.before.start).toBe(Date.parse('2026-01-01T00:00:00Z'));
		expect(result.after.end).toBe(Date.parse('2026-05-01T00:00:00Z'));
		expect(result.kpis.revenue_won).toEqual({before: 100, after: 300, change: 200});
		expect(result.kpis.win_rate).toEqual({before: 1, after: 1, change: 0});
		expect(beforeAfter(input(dataset))).toBeNull();
	});
});

test('the earliest deal of 300,000 is found without overflowing the stack (as the forecast at scale needs)', () => {
	const many = Array.from({length: 300_000}, (_, index) => ({
		createdAt: new Date(Date.parse('2025-01-01T00:00:00Z') + (300_000 - index) * 60_000).toISOString(),
	}));
	expect(earliestCreated(many)).toBe(Date.parse('2025-01-01T00:01:00Z'));
	expect(earliestCreated([])).toBe(Infinity);
});

test('isBefore compares canonical timestamps as text and agrees with parsing for every form', () => {
	const times = [
		0,
		Date.parse('2026-03-01T00:00:00.000Z'),
		Date.parse('2026-03-01T00:00:00.001Z'),
		Date.parse('2025-12-31T23:59:59.999Z'),
		Date.parse('9999-12-31T23:59:59.999Z'),
	];
	const forms = [
		'2026-03-01T00:00:00.000Z',
		'2026-03-01T00:00:00Z',
		'2026-02-28T23:59:59.999Z',
		'2026-03-01T00:00:00.0005Z',
		'2026-03-01T00:00:00.001Z',
		'1970-01-01T00:00:00.000Z',
		'+010000-01-01T00:00:00.000Z',
	];
	for (const iso of forms)
		for (const time of times)
			expect(isBefore(iso, time), `${iso} < ${new Date(time).toISOString()}`).toBe(Date.parse(iso) < time);
});

describe('figures kept per list of records', () => {
	test('after an edit of any kind of record the evaluation equals one computed from scratch', async () => {
		const {generateDemoDataset} = await import('../../source/commands/demo-data.js');
		const {evaluate} = await import('../../source/assessment/evaluation.js');
		const now = Date.parse('2026-11-15T12:00:00.000Z');
		const settings = settingsSchema.parse({assessment: {goLive: '2026-05-01'}});
		let dataset = generateDemoDataset({
			seed: 'kpi-memo',
			now: new Date(now),
			months: 24,
			customers: 200,
			opportunities: 600,
			tickets: 400,
			feedback: 300,
		});
		const period = parsePeriod('2026-10')!;
		const fresh = (data: Dataset) => evaluate({dataset: structuredClone(data), settings, now}, period);
		expect(evaluate({dataset, settings, now}, period)).toEqual(fresh(dataset));
		const won = dataset.opportunities.findIndex(
			(entry) => entry.stage === 'won' && entry.closedAt?.startsWith('2026-10'),
		);
		const edits: Array<(data: Dataset) => Dataset> = [
			(data) => ({
				...data,
				opportunities: data.opportunities.map((entry, index) =>
					index === won ? {...entry, amount: entry.amount + 50_000} : entry,
				),
			}),
			(data) => ({...data, customers: data.customers.filter((_, index) => index !== 3)}),
			(data) => ({
				...data,
				tickets: data.tickets.map((entry, index) =>
					index === 0 ? {...entry, resolvedAt: null, priority: 'urgent' as const} : entry,
				),
			}),
			(data) => ({...data, feedback: data.feedback.map((entry) => ({...entry, rating: 1}))}),
		];
		for (const edit of edits) {
			const before = evaluate({dataset, settings, now}, period);
			dataset = edit(dataset);
			const after = evaluate({dataset, settings, now}, period);
			expect(after).toEqual(fresh(dataset));
			expect(after).not.toEqual(before);
		}
	});
});

describe('a running period is assessed to date (KPI.md, issue 13)', () => {
	// 2026-03-11 00:00 UTC: 10 of March's 31 days have passed.
	const now = Date.parse('2026-03-11T00:00:00Z');
	const share = 10 / 31;
	const running = (dataset: Dataset): EvaluationInput => ({...input(dataset), now});

	test.each([
		['revenue_won', 600_000 * share, 60_000 * share],
		['deals_won', 25 * share, 3 * share],
		['win_rate', 0.3, undefined],
	] as const)('the target of %s while March runs', (id, value, tolerance) => {
		const target = targetFor(defaultSettings().assessment, id);
		const scaled = scaledTarget(id, target, march, now);
		expect(scaled.value).toBeCloseTo(id === 'win_rate' ? target.value : value, 6);
		if (tolerance !== undefined) expect(scaled.tolerance).toBeCloseTo(tolerance, 6);
		// Once March has ended (or without a now), the whole month's target.
		expect(scaledTarget(id, target, march, Date.parse('2026-04-01T00:00:00Z'))).toEqual(
			scaledTarget(id, target, march),
		);
	});

	test('sales growth against the same elapsed share of the month before; what is open, as of now', () => {
		const dataset = datasetOf({
			opportunities: [
				// February's first 10/31 of its 28 days end on 10 Feb at 00:46:27.1: one deal before, one after.
				deal({stage: 'won', amount: 100, createdAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-02-10T00:46:00.000Z'}),
				deal({stage: 'won', amount: 900, createdAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-02-10T00:47:00.000Z'}),
				deal({stage: 'won', amount: 150, createdAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-03-05T00:00:00.000Z'}),
				// Open now, but closed on 20 March (a date in the future): open at now, not at the month's end.
				deal({stage: 'lost', amount: 40, createdAt: '2026-03-01T00:00:00.000Z', closedAt: '2026-03-20T00:00:00.000Z'}),
				// Created a minute after now: not open yet.
				deal({stage: 'prospecting', amount: 7, createdAt: '2026-03-11T00:01:00.000Z'}),
			],
			tickets: [
				ticket({createdAt: '2026-03-02T00:00:00.000Z', resolvedAt: '2026-03-20T00:00:00.000Z'}),
				ticket({createdAt: '2026-03-02T00:00:00.000Z', resolvedAt: '2026-03-10T23:59:59.999Z'}),
			],
		});
		const assessed = assessPeriod(running(dataset), march);
		expect(assessed.sales_growth.actual).toBeCloseTo((150 - 100) / 100, 10);
		expect(assessed.pipeline_open.actual).toBe(40);
		expect(assessed.pipeline_weighted.actual).toBeCloseTo(40 * 0.1, 10);
		expect(assessed.backlog.actual).toBe(1);
		// The same month once it has ended: growth over whole months, and nothing open at its end.
		const ended = assessPeriod(input(dataset), march);
		expect(ended.sales_growth.actual).toBeCloseTo((150 - 1000) / 1000, 10);
		expect(ended.pipeline_open.actual).toBe(7);
		expect(ended.backlog.actual).toBe(0);
	});

	test('the first of a month is not nine misses: a day of revenue against a day’s share of the target', () => {
		const first = Date.parse('2026-03-01T12:00:00Z');
		const dataset = datasetOf({
			opportunities: [
				deal({
					stage: 'won',
					amount: 20_000,
					createdAt: '2026-02-01T00:00:00.000Z',
					closedAt: '2026-03-01T09:00:00.000Z',
				}),
			],
		});
		const assessed = assessPeriod({...input(dataset), now: first}, march);
		expect(assessed.revenue_won.target).toBeCloseTo(600_000 * (0.5 / 31), 6);
		expect(assessed.revenue_won.status).toBe('met');
	});
});

describe('attainment that reads sensibly (issue 13)', () => {
	test.each([
		[null, '—'],
		[0, '0%'],
		[0.456, '46%'],
		[1, '100%'],
		[9.99, '999%'],
		[62.42, '>999%'],
		[-0.001, '<0%'],
		[-20, '<0%'],
	] as const)('%s reads %s', (attainment, text) => {
		expect(formatAttainment(attainment)).toBe(text);
	});

	test('no attainment against a target of 0, in either direction', () => {
		expect(assess(5, {value: 0, direction: 'higher', tolerance: 0}).attainment).toBeNull();
		expect(assess(5, {value: 0, direction: 'lower', tolerance: 0}).attainment).toBeNull();
		expect(assess(0.6, {value: 40, direction: 'lower', tolerance: 5}).attainment).toBeCloseTo(66.67, 1);
	});
});

describe('open at an instant and revenue to a part-day, carried from edit to edit (issue 13)', () => {
	const at = (iso: string) => Date.parse(iso);
	const deals = [
		deal({stage: 'proposal', amount: 10, createdAt: '2026-03-10T08:00:00.000Z'}),
		deal({stage: 'won', amount: 20, createdAt: '2026-03-01T00:00:00.000Z', closedAt: '2026-03-10T09:00:00.000Z'}),
		deal({stage: 'lost', amount: 30, createdAt: '2026-03-10T10:00:00.000Z', closedAt: '2026-03-10T07:00:00.000Z'}),
		deal({stage: 'won', amount: 40, createdAt: '2026-02-01T00:00:00.000Z', closedAt: '2026-03-09T23:59:59.999Z'}),
	];
	const tickets = [ticket({createdAt: '2026-03-10T06:00:00.000Z', resolvedAt: '2026-03-10T12:00:00.000Z'})];
	const byHand = (when: number) => {
		const open = deals.filter(
			(record) =>
				Date.parse(record.createdAt) < when &&
				(record.closedAt === null || (Date.parse(record.closedAt) >= when && record.closedAt >= record.createdAt)),
		);
		return {
			pipeline_open: open.reduce((sum, record) => sum + record.amount, 0),
			backlog: tickets.filter(
				(record) =>
					Date.parse(record.createdAt) < when && (record.resolvedAt === null || Date.parse(record.resolvedAt) >= when),
			).length,
		};
	};

	test.each([
		'2026-03-10T00:00:00.000Z',
		'2026-03-10T07:59:59.999Z',
		'2026-03-10T08:00:00.000Z',
		'2026-03-10T08:30:00.000Z',
		'2026-03-10T09:00:00.000Z',
		'2026-03-10T11:00:00.000Z',
		'2026-03-10T12:00:00.000Z',
		'2026-03-11T00:00:00.000Z',
	])('open at %s, as counted by hand', (iso) => {
		expect(openAt({opportunities: deals, tickets}, at(iso))).toMatchObject(byHand(at(iso)));
	});

	test.each([
		['2026-03-10T00:00:00.000Z', 40],
		['2026-03-10T09:00:00.000Z', 40],
		['2026-03-10T09:00:00.001Z', 60],
		['2026-03-11T00:00:00.000Z', 60],
	])('revenue won from 1 March to %s', (iso, revenue) => {
		expect(wonRevenueBetween(deals, at('2026-03-01T00:00:00.000Z'), at(iso))).toBe(revenue);
	});

	test('after an edit the carried figures follow the changed record', () => {
		const edited = deals.map((record, index) =>
			index === 0 ? {...record, stage: 'won' as const, closedAt: '2026-03-10T08:10:00.000Z'} : record,
		);
		expect(openAt({opportunities: edited, tickets}, at('2026-03-10T08:30:00.000Z')).pipeline_open).toBe(20);
		expect(wonRevenueBetween(edited, at('2026-03-01T00:00:00.000Z'), at('2026-03-10T08:30:00.000Z'))).toBe(50);
	});
});
