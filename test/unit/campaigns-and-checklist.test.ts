import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {campaignStats} from '../../source/assessment/campaign-stats.js';
import {evaluate} from '../../source/assessment/evaluation.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {assessRequirements, derivedStatus} from '../../source/assessment/requirement-status.js';
import {runReport} from '../../source/commands/report.js';
import {shippedRequirements} from '../../source/domain/requirements.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {campaignOf, changeOf, dealOf, followUpOf, orderOf, settingsOf, wonDeal} from '../support/records.js';
import {tempFolder} from '../support/temp-folder.js';

const day = 86_400_000;

describe('campaign stats, over each campaign’s whole life (KPI.md Marketing)', () => {
	const spring = campaignOf({name: 'Spring', cost: 1000});
	const yuan = campaignOf({name: 'Yuan', cost: 5000, currency: 'CNY'});
	const idle = campaignOf({name: 'Idle', cost: 0});
	const a = customer({campaignId: spring.id});
	const b = customer({campaignId: spring.id});
	const c = customer({campaignId: spring.id});
	const walkIn = customer();
	const deals = [
		// a: won twice for spring; one in CNY (priced at 0.14 when the rate is set).
		wonDeal(2000, 'USD', '2025-05-01T00:00:00.000Z', {customerId: a.id}),
		wonDeal(10_000, 'CNY', '2026-05-01T00:00:00.000Z', {customerId: a.id}),
		// b: an open deal of spring.
		dealOf({customerId: b.id}),
		// c: won, but for another campaign (its own campaignId): yuan's, and c does not convert for spring.
		wonDeal(700, 'USD', '2026-01-01T00:00:00.000Z', {customerId: c.id, campaignId: yuan.id}),
		// A walk-in's deal with spring's id: spring's deal, but the walk-in is not spring's lead.
		wonDeal(300, 'USD', '2026-01-02T00:00:00.000Z', {customerId: walkIn.id, campaignId: spring.id}),
	];
	const dataset = datasetOf({customers: [a, b, c, walkIn], opportunities: deals, campaigns: [spring, yuan, idle]});

	test('leads, deals, won, revenue, cost, cost per lead, conversion and ROI per campaign', () => {
		const stats = campaignStats(dataset, settingsOf({rates: {CNY: 0.14}}));
		expect(stats.get(spring.id)).toEqual({
			campaignId: spring.id,
			leads: 3,
			opportunities: 4,
			won: 3,
			revenue: expect.closeTo(2000 + 1400 + 300, 9),
			cost: 1000,
			costPerLead: expect.closeTo(1000 / 3, 9),
			conversion: 1 / 3,
			roi: expect.closeTo((0.3 * 3700 - 1000) / 1000, 9),
			unpriced: 0,
		});
		expect(stats.get(yuan.id)).toMatchObject({
			leads: 0,
			opportunities: 1,
			won: 1,
			revenue: 700,
			cost: expect.closeTo(700, 9),
		});
		expect(stats.get(yuan.id)!.conversion).toBeNull();
		expect(stats.get(yuan.id)!.costPerLead).toBeNull();
		expect(stats.get(idle.id)).toMatchObject({leads: 0, revenue: 0, cost: 0, roi: null, conversion: null});
	});

	test('without a rate: the CNY deal is left out of revenue, the CNY campaign has no cost; both counted as unpriced', () => {
		const stats = campaignStats(dataset, settingsOf({}));
		expect(stats.get(spring.id)).toMatchObject({won: 3, revenue: 2300, unpriced: 1});
		expect(stats.get(yuan.id)).toMatchObject({cost: null, roi: null, costPerLead: null, unpriced: 1});
	});

	test('kept while the lists and the rates are the same: the list screen asks every frame', () => {
		const settings = settingsOf({rates: {CNY: 0.14}});
		const first = campaignStats(dataset, settings);
		expect(campaignStats({...dataset}, settingsOf({rates: {CNY: 0.14}}))).toBe(first);
		expect(campaignStats(dataset, settingsOf({rates: {CNY: 0.2}}))).not.toBe(first);
		expect(campaignStats({...dataset, customers: [...dataset.customers]}, settings)).not.toBe(first);
	});
});

describe('functional coverage: statuses derived from the console and its use (KPI.md)', () => {
	const requirement = (id: string) => shippedRequirements.find((entry) => entry.id === id)!;
	const now = Date.parse('2026-06-15T00:00:00Z');

	test('a capability unused for 90 days turns partial; used within them, met', () => {
		const order = orderOf({createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z'});
		const dataset = datasetOf({orders: [order]});
		// 90 days after the order, to the millisecond: still met; a moment later, partial.
		const used = Date.parse('2026-03-01T00:00:00.000Z');
		expect(derivedStatus(requirement('sm-orders'), dataset, used + 90 * day)).toBe('met');
		expect(derivedStatus(requirement('sm-orders'), dataset, used + 90 * day + 1)).toBe('partial');
		// Before the order existed, for a period that ended before it: nothing was used then.
		expect(derivedStatus(requirement('sm-orders'), dataset, used)).toBe('partial');
		// A change logged in the window (an order paid) makes it used again.
		const paid = datasetOf({
			orders: [order],
			changes: [changeOf({entity: 'orders', action: 'update', at: '2026-06-01T00:00:00.000Z'})],
		});
		expect(derivedStatus(requirement('sm-orders'), paid, now)).toBe('met');
		expect(derivedStatus(requirement('sm-orders'), dataset, now)).toBe('partial');
	});

	test('follow-ups and imports are told apart from other activities and records', () => {
		const note = {
			...followUpOf({createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z'}),
			kind: 'note' as const,
		};
		expect(derivedStatus(requirement('cs-follow-ups'), datasetOf({activities: [note]}), now)).toBe('partial');
		// The timeline keeps no records in KPI.md's sense (its list names follow-ups, not notes): met while it is there.
		expect(derivedStatus(requirement('ci-timeline'), datasetOf({}), now)).toBe('met');
		const followUp = followUpOf({createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z'});
		expect(derivedStatus(requirement('cs-follow-ups'), datasetOf({activities: [followUp]}), now)).toBe('met');
		const typed = customer({createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z'});
		expect(derivedStatus(requirement('in-import'), datasetOf({customers: [typed]}), now)).toBe('partial');
		const imported = {...typed, externalId: 'row-7'};
		expect(derivedStatus(requirement('in-import'), datasetOf({customers: [imported]}), now)).toBe('met');
		const logged = changeOf({
			at: '2026-06-02T00:00:00.000Z',
			changes: [{field: 'externalId', before: undefined, after: '7'}],
		});
		expect(derivedStatus(requirement('in-import'), datasetOf({changes: [logged]}), now)).toBe('met');
	});

	test('a capability the console lacks is unmet; one that keeps no records is met; the operator’s own has none derived', () => {
		const empty = datasetOf({});
		expect(derivedStatus({...requirement('sm-orders'), capability: {built: false, keeps: 'orders'}}, empty, now)).toBe(
			'unmet',
		);
		expect(derivedStatus(requirement('sm-board'), empty, now)).toBe('met');
		const {capability: _none, ...own} = requirement('sm-board');
		expect(derivedStatus(own, empty, now)).toBeNull();
	});

	test('a fresh start never says unmet for campaigns, orders or follow-ups; the operator’s mark overrides, with its note', () => {
		const june = parsePeriod('2026-06')!;
		const fresh = assessRequirements(datasetOf({}), settingsOf({}).assessment, june, now);
		for (const id of ['mk-campaigns', 'sm-orders', 'cs-follow-ups'])
			expect(fresh.find((entry) => entry.id === id)).toMatchObject({
				status: 'partial',
				derived: 'partial',
				overridden: false,
			});
		expect(fresh.some((entry) => entry.status === 'unmet')).toBe(false);
		const marked = settingsOf({assessment: {requirements: {'sm-orders': {status: 'unmet', note: 'no invoices yet'}}}});
		const assessed = assessRequirements(datasetOf({}), marked.assessment, june, now);
		expect(assessed.find((entry) => entry.id === 'sm-orders')).toMatchObject({
			status: 'unmet',
			derived: 'partial',
			overridden: true,
			note: 'no invoices yet',
		});
	});

	test('a running period is judged as of now; an ended one as of its end', () => {
		const order = orderOf({createdAt: '2026-06-10T00:00:00.000Z', updatedAt: '2026-06-10T00:00:00.000Z'});
		const dataset = datasetOf({orders: [order]});
		const status = (period: string) =>
			evaluate({dataset, settings: settingsOf({}), now}, parsePeriod(period)!).requirements.find(
				(entry) => entry.id === 'sm-orders',
			)!.status;
		expect(status('2026-06')).toBe('met');
		expect(status('2026-05')).toBe('partial');
	});
});

describe('crm report with campaigns, rates and overrides', () => {
	test('JSON: every campaign with its figures, the base currency, nulls as null; Markdown: the tables', async () => {
		const file = join(tempFolder('report-campaigns'), 'crm.json');
		const spring = campaignOf({name: 'Spring', cost: 1000, startAt: '2026-03-02T00:00:00.000Z'});
		const yuan = campaignOf({name: 'Yuan | 元', cost: 100, currency: 'JPY', startAt: '2026-03-03T00:00:00.000Z'});
		const lead = customer({campaignId: spring.id, createdAt: '2026-03-05T00:00:00.000Z'});
		const data = datasetOf({
			customers: [lead],
			campaigns: [spring, yuan],
			opportunities: [wonDeal(10_000, 'CNY', '2026-03-20T00:00:00.000Z', {customerId: lead.id})],
		});
		await (await CrmStore.create(file, data)).close();
		await writeFile(
			settingsPathFor(file),
			JSON.stringify({
				baseCurrency: 'USD',
				rates: {CNY: 0.14},
				assessment: {requirements: {'mk-campaigns': {status: 'met', note: 'checked by hand'}}},
			}),
		);
		const now = Date.parse('2026-04-10T00:00:00Z');
		const report = JSON.parse(await runReport(file, {period: '2026-03', format: 'json', now}));
		expect(report.currency).toBe('USD');
		expect(report.kpis.campaign_revenue.actual).toBeCloseTo(1400, 9);
		expect(report.kpis.marketing_cost.actual).toBe(1000);
		expect(report.kpis.unpriced_records.actual).toBe(1);
		expect(report.kpis.avg_order_value.actual).toBeNull();
		expect(report.campaigns).toEqual([
			expect.objectContaining({id: yuan.id, name: 'Yuan | 元', cost: null, unpriced: 1, roi: null, leads: 0}),
			expect.objectContaining({
				id: spring.id,
				leads: 1,
				opportunities: 1,
				won: 1,
				revenue: expect.closeTo(1400, 9),
				cost: 1000,
				costPerLead: 1000,
				conversion: 1,
				roi: expect.closeTo((0.3 * 1400 - 1000) / 1000, 9),
			}),
		]);
		expect(report.requirements.find((entry: {id: string}) => entry.id === 'mk-campaigns')).toMatchObject({
			status: 'met',
			overridden: true,
			note: 'checked by hand',
		});
		const markdown = await runReport(file, {period: '2026-03', format: 'md', now});
		expect(markdown).toContain('## Marketing');
		expect(markdown).toContain('| Campaign revenue (`campaign_revenue`) | $1,400 |');
		expect(markdown).toContain('## Campaigns');
		expect(markdown).toMatch(
			/\| Spring \| email \| completed \| 2026-03-02 \| 1 \| 1 \| 1 \| \$1,400 \| \$1,000 \| \$1,000 \| 100\.0% \| -58\.0% \|/,
		);
		expect(markdown).toContain('— (no rate for JPY)');
		expect(markdown).toContain('1 record in JPY has no rate: left out of money figures');
		expect(markdown).toMatch(
			/\| Campaigns planned, run and evaluated[^\n]*\| met \(override; derived: met\) \| checked by hand \|/,
		);
	});
});
