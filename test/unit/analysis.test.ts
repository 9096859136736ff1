import {describe, expect, it} from 'vitest';
import {kpiAlerts} from '../../source/assessment/alerts.js';
import {analysisKpis, funnelOf, stageTimesOf} from '../../source/assessment/analysis-kpis.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {stageAlerts} from '../../source/assessment/stage-alerts.js';
import {reachOf, stageHistory, stageLogOf, visitsOf} from '../../source/assessment/stage-history.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import type {Opportunity, OpportunityStage} from '../../source/domain/opportunity.js';
import {dealHistory} from '../support/deal-history.js';
import {changeOf, dealOf} from '../support/records.js';

/**
 * KPI.md *Analysis* on small hand-made histories: each deal is created (in the console or by an
 * import) and then moved, and the log says so as the store would write it.
 */
const march = parsePeriod('2026-03')!;
const april = parsePeriod('2026-04')!;

type Move = [at: string, stage: OpportunityStage];

/** A deal created at `createdAt` in `first` and moved as `moves` say; its record ends in the last stage. */
const historyOf = (
	createdAt: string,
	first: OpportunityStage,
	moves: Move[],
	how: {imported?: boolean; logged?: boolean} = {},
): {deal: Opportunity; entries: ChangeEntry[]} =>
	dealHistory(
		dealOf({createdAt}),
		first,
		moves,
		how.imported ? 'import' : how.logged === false ? 'unlogged' : 'console',
	);

const datasetOf = (...histories: Array<{deal: Opportunity; entries: ChangeEntry[]}>) => ({
	opportunities: histories.map((history) => history.deal),
	changes: histories.flatMap((history) => history.entries).sort((a, b) => a.at.localeCompare(b.at)),
});

const stepsOf = (history: {deal: Opportunity; entries: ChangeEntry[]}) =>
	stageHistory(history.deal, stageLogOf(history.entries).get(history.deal.id));

describe('stage history and the funnel (KPI.md Analysis)', () => {
	it.each([
		['a deal that skips a stage reached the skipped one too', 'prospecting', [['2026-03-05', 'proposal']], 3],
		[
			'a deal that goes back keeps how far it went',
			'prospecting',
			[
				['2026-03-03', 'negotiation'],
				['2026-03-09', 'proposal'],
			],
			4,
		],
		['a won deal reached every stage', 'qualification', [['2026-03-20', 'won']], 5],
		['a lost deal reached only where it was', 'prospecting', [['2026-03-20', 'lost']], 1],
		['a deal lost at once reached nothing', 'lost', [], 0],
		[
			'a reopened deal reached won',
			'proposal',
			[
				['2026-03-10', 'won'],
				['2026-03-12', 'negotiation'],
			],
			5,
		],
	] as Array<[string, OpportunityStage, Array<[string, OpportunityStage]>, number]>)('%s', (_, first, moves, reach) => {
		const history = historyOf(
			'2026-03-01T00:00:00.000Z',
			first,
			moves.map(([at, stage]) => [`${at}T00:00:00.000Z`, stage]),
		);
		expect(reachOf(stepsOf(history))).toBe(reach);
	});

	it('counts the share of the deals created in P that reached each stage', () => {
		const data = datasetOf(
			historyOf('2026-03-01T00:00:00.000Z', 'prospecting', [['2026-03-05T00:00:00.000Z', 'proposal']]),
			historyOf('2026-03-02T00:00:00.000Z', 'prospecting', [['2026-03-20T00:00:00.000Z', 'won']]),
			historyOf('2026-03-03T00:00:00.000Z', 'prospecting', [['2026-03-04T00:00:00.000Z', 'lost']]),
			historyOf('2026-03-04T00:00:00.000Z', 'qualification', []),
			// Created in April: not March's.
			historyOf('2026-04-02T00:00:00.000Z', 'prospecting', [['2026-04-03T00:00:00.000Z', 'won']]),
		);
		expect(funnelOf(data, march)).toEqual({
			created: 4,
			reached: {prospecting: 4, qualification: 3, proposal: 2, negotiation: 1, won: 1},
			unlogged: 0,
		});
		expect(analysisKpis(data, march)).toMatchObject({
			funnel_prospecting: 1,
			funnel_qualification: 0.75,
			funnel_proposal: 0.5,
			funnel_negotiation: 0.25,
			funnel_won: 0.25,
		});
	});

	it('counts an imported deal by the stage it came with, and says how many have no history', () => {
		const imported = historyOf('2026-03-10T00:00:00.000Z', 'proposal', [], {imported: true});
		const unlogged = historyOf('2026-03-11T00:00:00.000Z', 'negotiation', [], {logged: false});
		const data = datasetOf(imported, unlogged);
		expect(funnelOf(data, march)).toEqual({
			created: 2,
			reached: {prospecting: 2, qualification: 2, proposal: 2, negotiation: 1, won: 0},
			unlogged: 2,
		});
		// Its time in the stage it came in is unknown: no visit.
		expect(visitsOf(stepsOf(imported))).toEqual([]);
	});

	it('a deal made outside the console and then moved: its first stage from the change, its first visit unknown', () => {
		const history = historyOf('2026-03-01T00:00:00.000Z', 'qualification', [['2026-03-08T00:00:00.000Z', 'proposal']], {
			logged: false,
		});
		expect(stepsOf(history).map((step) => [step.stage, step.logged])).toEqual([
			['qualification', false],
			['proposal', true],
		]);
		expect(funnelOf(datasetOf(history), march).unlogged).toBe(0);
		expect(stageTimesOf(datasetOf(history), march).qualification).toEqual({days: null, visits: 0});
	});

	it('means the days of the visits that ended in P, by the stage visited', () => {
		const data = datasetOf(
			// 4 days prospecting (ends 5 March), 10 in proposal (ends 15 March), then open in negotiation.
			historyOf('2026-03-01T00:00:00.000Z', 'prospecting', [
				['2026-03-05T00:00:00.000Z', 'proposal'],
				['2026-03-15T00:00:00.000Z', 'negotiation'],
			]),
			// 2 days prospecting; then proposal from 3 March to 2 April: that visit ends in April.
			historyOf('2026-03-01T00:00:00.000Z', 'prospecting', [
				['2026-03-03T00:00:00.000Z', 'proposal'],
				['2026-04-02T00:00:00.000Z', 'lost'],
			]),
			// Goes back: negotiation → proposal, then won; two visits of proposal.
			historyOf('2026-02-20T00:00:00.000Z', 'proposal', [
				['2026-03-01T00:00:00.000Z', 'negotiation'],
				['2026-03-02T12:00:00.000Z', 'proposal'],
				['2026-03-04T12:00:00.000Z', 'won'],
			]),
		);
		const times = stageTimesOf(data, march);
		expect(times.prospecting).toEqual({days: 3, visits: 2});
		// 10 days, 2 days (back in proposal) and 9 days (from 20 February, ended 1 March).
		expect(times.proposal).toEqual({days: 7, visits: 3});
		expect(times.negotiation).toEqual({days: 1.5, visits: 1});
		expect(times.qualification).toEqual({days: null, visits: 0});
		expect(stageTimesOf(data, april).proposal).toEqual({days: 30, visits: 1});
	});

	it('the empty period has no data, never 0', () => {
		const data = datasetOf(historyOf('2026-03-01T00:00:00.000Z', 'prospecting', [['2026-03-05T00:00:00.000Z', 'won']]));
		const empty = parsePeriod('2025-01')!;
		expect(funnelOf(data, empty)).toEqual({
			created: 0,
			reached: {prospecting: 0, qualification: 0, proposal: 0, negotiation: 0, won: 0},
			unlogged: 0,
		});
		expect(Object.values(analysisKpis(data, empty))).toEqual(new Array(9).fill(null));
		expect(Object.values(analysisKpis({opportunities: [], changes: []}, march))).toEqual(new Array(9).fill(null));
	});

	it('an undo that changes the stage is a change like any other; a restored deal in its stage moves nothing', () => {
		const history = historyOf('2026-03-01T00:00:00.000Z', 'prospecting', [
			['2026-03-03T00:00:00.000Z', 'qualification'],
		]);
		const undo = changeOf({
			at: '2026-03-04T00:00:00.000Z',
			entity: 'opportunities',
			recordId: history.deal.id,
			action: 'update',
			undoOf: history.entries[1]!.id,
			changes: [{field: 'stage', before: 'qualification', after: 'prospecting'}],
		});
		const restored = changeOf({
			at: '2026-03-05T00:00:00.000Z',
			entity: 'opportunities',
			recordId: history.deal.id,
			action: 'create',
			undoOf: 'chg_deleted1',
			changes: [{field: 'stage', after: 'prospecting'}],
		});
		const steps = stageHistory(history.deal, stageLogOf([...history.entries, undo, restored]).get(history.deal.id));
		expect(steps.map((step) => step.stage)).toEqual(['prospecting', 'qualification', 'prospecting']);
	});

	it('carries the table from edit to edit: a move logged later counts, and the old count goes', () => {
		const first = historyOf('2026-03-01T00:00:00.000Z', 'prospecting', []);
		const others = Array.from({length: 40}, (_, index) =>
			historyOf(`2026-03-${String(2 + (index % 20)).padStart(2, '0')}T00:00:00.000Z`, 'prospecting', []),
		);
		const before = datasetOf(first, ...others);
		expect(funnelOf(before, march).reached.proposal).toBe(0);
		const moved = {...first.deal, stage: 'proposal' as const, version: 2};
		const entry = changeOf({
			at: '2026-03-06T00:00:00.000Z',
			entity: 'opportunities',
			recordId: first.deal.id,
			action: 'update',
			changes: [{field: 'stage', before: 'prospecting', after: 'proposal'}],
		});
		const after = {
			opportunities: before.opportunities.map((deal) => (deal.id === moved.id ? moved : deal)),
			changes: [...before.changes, entry],
		};
		expect(funnelOf(after, march).reached.proposal).toBe(1);
		expect(stageTimesOf(after, march).prospecting).toEqual({days: 5, visits: 1});
		// The table it was carried from is not the one the old data reads: asked again, it is counted afresh and right.
		expect(funnelOf(before, march).reached.proposal).toBe(0);
	});
});

describe('a stage whose time rose above its target', () => {
	const assessed = (actual: number | null, status: 'met' | 'near' | 'missed') => ({
		actual,
		target: 5,
		direction: 'lower' as const,
		tolerance: 1,
		difference: actual === null ? null : actual - 5,
		attainment: null,
		status,
	});
	const data = datasetOf(
		historyOf('2026-03-01T00:00:00.000Z', 'prospecting', [['2026-03-11T00:00:00.000Z', 'qualification']]),
		historyOf('2026-03-01T00:00:00.000Z', 'prospecting', [['2026-03-03T00:00:00.000Z', 'qualification']]),
		historyOf('2026-03-01T00:00:00.000Z', 'prospecting', [['2026-03-08T00:00:00.000Z', 'lost']]),
		// Open and in prospecting since 25 March (created then in the console): 7 days on 1 April, longer than the target.
		historyOf('2026-03-25T00:00:00.000Z', 'prospecting', []),
		// Open there too, but only since 30 March; and one imported there, whose entry is not logged.
		historyOf('2026-03-30T00:00:00.000Z', 'prospecting', []),
		historyOf('2026-01-02T00:00:00.000Z', 'prospecting', [], {imported: true}),
	);
	const now = Date.parse('2026-04-01T00:00:00.000Z');

	it('names the stage, its days and the target, with the visits that took longer, then the open deals there longer now', () => {
		const [alert, ...others] = stageAlerts(data, march, {days_in_stage_prospecting: assessed(6.3, 'missed')}, now);
		expect(others).toEqual([]);
		expect(alert!.message).toBe(
			'Deals sat 6.3 days in prospecting on average (target ≤ 5): 2 visits took longer, 1 open deal is there longer now',
		);
		expect(alert!.severity).toBe('bad');
		expect(alert!.records).toEqual([
			{entity: 'opportunities', id: data.opportunities[0]!.id},
			{entity: 'opportunities', id: data.opportunities[2]!.id},
			{entity: 'opportunities', id: data.opportunities[3]!.id},
		]);
	});

	it('above the target within its tolerance (near): a warning', () => {
		const [alert] = stageAlerts(data, march, {days_in_stage_prospecting: assessed(5.5, 'near')}, now);
		expect(alert!.severity).toBe('warn');
	});

	it.each([
		['met', assessed(4, 'met')],
		['on the target', assessed(5, 'met')],
		['without data', assessed(null, 'missed')],
	])('raises nothing when %s', (_, kpi) => {
		expect(stageAlerts(data, march, {days_in_stage_prospecting: kpi}, now)).toEqual([]);
	});

	it('the generic alert of a missed KPI leaves the stages to their own', () => {
		expect(
			kpiAlerts({
				days_in_stage_proposal: assessed(9, 'missed'),
				win_rate: {...assessed(0.1, 'missed'), direction: 'higher'},
			}).map((alert) => alert.message),
		).toEqual(['Win rate missed its target']);
	});
});
