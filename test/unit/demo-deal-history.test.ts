import {describe, expect, test} from 'vitest';
import {generateDemoDataset} from '../../source/commands/demo-data.js';
import {dealHistoryStart, demoDealHistory, maxDealHistories} from '../../source/commands/demo-deal-history.js';
import {createRandomSource} from '../../source/commands/random-source.js';
import {demoOptions} from '../../source/commands/seed.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import {defaultProbability, type Opportunity, openStages} from '../../source/domain/opportunity.js';
import {sealed} from '../../source/domain/record-seal.js';
import {defaultSettings} from '../../source/domain/settings.js';
import {datasetCodec} from '../../source/store/dataset-codec.js';

const now = new Date('2026-11-01T00:00:00Z');
const end = now.getTime();
const dataset = generateDemoDataset(demoOptions({now}));
const from = dealHistoryStart(end);

const entriesByDeal = new Map<string, ChangeEntry[]>();
for (const entry of dataset.changes)
	if (entry.entity === 'opportunities')
		entriesByDeal.set(entry.recordId, [...(entriesByDeal.get(entry.recordId) ?? []), entry]);
const withHistory = dataset.opportunities.filter((deal) => entriesByDeal.has(deal.id));

const fieldAfter = (entry: ChangeEntry, field: string): unknown =>
	entry.changes.find((change) => change.field === field)?.after;

/** KPI.md *Analysis*: the stage when created, at createdAt, then every stage change in the log at its time. */
const stageHistory = (deal: Opportunity): Array<{stage: string; at: string}> => {
	const [create, ...updates] = entriesByDeal.get(deal.id)!;
	return [
		{stage: String(fieldAfter(create!, 'stage')), at: deal.createdAt},
		...updates
			.filter((entry) => fieldAfter(entry, 'stage') !== undefined)
			.map((entry) => ({stage: String(fieldAfter(entry, 'stage')), at: entry.at})),
	];
};

/** The record the log leaves: the create's fields, each update's fields applied, the bookkeeping as a save keeps it. */
const replayed = (entries: readonly ChangeEntry[]): Record<string, unknown> => {
	const [create, ...updates] = entries;
	const record: Record<string, unknown> = Object.fromEntries(
		create!.changes.map((change) => [change.field, change.after]),
	);
	for (const update of updates) {
		for (const change of update.changes) {
			expect(record[change.field], `${update.id} ${change.field} before`).toEqual(change.before);
			if (change.after === undefined) delete record[change.field];
			else record[change.field] = change.after;
		}
		record['version'] = Number(record['version']) + 1;
		record['updatedAt'] = update.at;
	}
	return record;
};

describe('the demo deals’ stage histories (issue 17)', () => {
	test('240 of the deals created in the last 12 months have one, spread over every month; no other deal', () => {
		expect(from).toBe('2025-11-01T00:00:00.000Z');
		const recent = dataset.opportunities.filter((deal) => deal.createdAt >= from);
		expect(recent.length).toBeGreaterThan(maxDealHistories);
		expect(withHistory).toHaveLength(maxDealHistories);
		expect(withHistory.every((deal) => deal.createdAt >= from)).toBe(true);
		const months = new Map<string, number>();
		for (const deal of withHistory)
			months.set(deal.createdAt.slice(0, 7), (months.get(deal.createdAt.slice(0, 7)) ?? 0) + 1);
		expect(months.size).toBe(12);
		expect(Math.min(...months.values())).toBeGreaterThanOrEqual(5);
		expect(withHistory.filter((deal) => deal.stage === 'won').length).toBeGreaterThan(30);
		expect(withHistory.filter((deal) => deal.stage === 'lost').length).toBeGreaterThan(30);
		expect(withHistory.filter((deal) => deal.closedAt === null).length).toBeGreaterThan(30);
		for (const deal of dataset.opportunities.filter((other) => !entriesByDeal.has(other.id)))
			expect([deal.version, deal.updatedAt]).toEqual([1, deal.closedAt ?? deal.createdAt]);
	});

	test('the seeded file stays below the size from which saves go to a journal, as before', () => {
		const bytes = Buffer.byteLength(datasetCodec('demo.json').stringify(sealed(dataset)));
		expect(bytes).toBeLessThan(defaultSettings().journal.fromBytes * 0.95);
	});

	test('a stage history ends in the deal’s stage, its times run from createdAt to closedAt and never back', () => {
		for (const deal of withHistory) {
			const history = stageHistory(deal);
			expect(history.at(-1)!.stage, deal.id).toBe(deal.stage);
			expect(['prospecting', 'qualification']).toContain(history[0]!.stage);
			const times = history.map((visit) => visit.at);
			expect(times, deal.id).toEqual([...times].sort());
			expect(times[0]).toBe(deal.createdAt);
			if (deal.closedAt !== null) expect(times.at(-1)).toBe(deal.closedAt);
			expect(times.at(-1)! < now.toISOString()).toBe(true);
			// Closed only by the last move: every stage before it is open.
			expect(history.slice(0, -1).every(({stage}) => (openStages as readonly string[]).includes(stage))).toBe(true);
		}
	});

	test('moves go forward, skip a stage now and then, go back one stage rarely', () => {
		let moves = 0;
		let skips = 0;
		let backs = 0;
		for (const deal of withHistory) {
			const open = stageHistory(deal)
				.map(({stage}) => (openStages as readonly string[]).indexOf(stage))
				.filter((index) => index >= 0);
			for (let index = 1; index < open.length; index++) {
				const step = open[index]! - open[index - 1]!;
				expect([-1, 1, 2]).toContain(step);
				moves++;
				if (step === 2) skips++;
				if (step === -1) backs++;
			}
		}
		expect(skips).toBeGreaterThan(0);
		expect(backs).toBeGreaterThan(0);
		expect(backs / moves).toBeLessThan(0.05);
		expect(skips / moves).toBeLessThan(0.2);
		const created = withHistory.map((deal) => stageHistory(deal)[0]!.stage);
		expect(created.filter((stage) => stage === 'prospecting').length / created.length).toBeGreaterThan(0.7);
	});

	test('later stages take longer on average', () => {
		const days = new Map<string, number[]>();
		for (const deal of withHistory) {
			const history = stageHistory(deal);
			for (let index = 0; index + 1 < history.length; index++) {
				const took = (Date.parse(history[index + 1]!.at) - Date.parse(history[index]!.at)) / 86_400_000;
				days.set(history[index]!.stage, [...(days.get(history[index]!.stage) ?? []), took]);
			}
		}
		const mean = (stage: string) => {
			const list = days.get(stage)!;
			return list.reduce((sum, value) => sum + value, 0) / list.length;
		};
		const means = openStages.map(mean);
		expect(means).toEqual([...means].sort((a, b) => a - b));
		expect(means[0]).toBeGreaterThan(2);
	});

	test('the log agrees with the record: created open at version 1, only changed fields in updates, version and updatedAt follow', () => {
		for (const deal of withHistory) {
			const entries = entriesByDeal.get(deal.id)!;
			const [create, ...updates] = entries;
			expect([create!.action, create!.at, create!.operator, create!.undoOf]).toEqual([
				'create',
				deal.createdAt,
				deal.owner,
				null,
			]);
			const created = Object.fromEntries(create!.changes.map((change) => [change.field, change.after]));
			expect(created).toMatchObject({closedAt: null, lostReason: '', version: 1, updatedAt: deal.createdAt});
			expect(created['externalId']).toBeNull();
			expect('wonReason' in created).toBe(false);
			if (deal.probability === defaultProbability[deal.stage] || deal.closedAt !== null)
				expect(created['probability']).toBe(defaultProbability[created['stage'] as Opportunity['stage']]);
			for (const update of updates) {
				expect([update.action, update.operator]).toEqual(['update', deal.owner]);
				for (const change of update.changes)
					expect(['stage', 'probability', 'closedAt', 'lostReason', 'wonReason']).toContain(change.field);
			}
			expect(deal.version).toBe(1 + updates.length);
			expect(deal.updatedAt).toBe(entries.at(-1)!.at);
			expect(replayed(entries)).toEqual(JSON.parse(JSON.stringify(deal)));
		}
	});

	test('the log is in order of time, the deals’ entries among the others', () => {
		const times = dataset.changes.map((entry) => entry.at);
		expect(times).toEqual([...times].sort());
		expect(dataset.changes.some((entry) => entry.entity !== 'opportunities')).toBe(true);
	});

	test('deterministic from its own random source; other deals are returned as they are, the rest but version and updatedAt', () => {
		const deals = generateDemoDataset(demoOptions({now, seed: 'other'})).opportunities.map((deal) => ({
			...deal,
			version: 1,
			updatedAt: deal.closedAt ?? deal.createdAt,
		}));
		const once = demoDealHistory(createRandomSource('other/deal-history'), deals, end);
		const twice = demoDealHistory(createRandomSource('other/deal-history'), deals, end);
		expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
		const touched = new Set(once.entries.map((entry) => entry.recordId));
		once.opportunities.forEach((deal, index) => {
			const given = deals[index]!;
			if (!touched.has(deal.id)) expect(deal).toBe(given);
			else expect({...deal, version: 1, updatedAt: given.updatedAt}).toEqual(given);
		});
	});

	test('at most `limit` deals get a history, evenly spread by creation (a huge seed keeps a small log); none without deals', () => {
		const {opportunities, entries} = demoDealHistory(createRandomSource('x'), dataset.opportunities, end, 50);
		const touched = new Set(entries.map((entry) => entry.recordId));
		expect(touched.size).toBe(50);
		const recent = dataset.opportunities.filter((deal) => deal.createdAt >= from);
		const positions = recent.flatMap((deal, index) => (touched.has(deal.id) ? [index] : []));
		const gaps = positions.slice(1).map((position, index) => position - positions[index]!);
		expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
		expect(opportunities).toHaveLength(dataset.opportunities.length);
		expect(demoDealHistory(createRandomSource('x'), [], end)).toEqual({opportunities: [], entries: []});
	});
});
