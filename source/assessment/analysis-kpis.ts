import type {ChangeEntry} from '../domain/change-log.js';
import {type Opportunity, openStages} from '../domain/opportunity.js';
import {carriedPerList, DayTable, dayOf} from './day-table.js';
import {type KpiValue, ratio} from './kpi-value.js';
import type {Period} from './periods.js';
import {
	type FunnelStage,
	funnelStages,
	reachOf,
	type StageEvent,
	type StageLog,
	stageHistory,
	stageLogOf,
	visitsOf,
} from './stage-history.js';

/**
 * KPI.md *Analysis*, per period from one day table of the deals: by creation day, the deals created
 * and how many reached each stage of the funnel; by the day a visit to an open stage ended, its days.
 * Carried from edit to edit like the other day tables (day-table.ts), with the stage events of the
 * change log as their context.
 */
const field = {
	created: 0,
	/** The funnel's five stages: 1 to 5. */
	reached: 1,
	/** Created without a logged stage history (imported, or made outside the console): counted by the stage they came with. */
	unlogged: 6,
	/** The open stages' visit days, then their visit counts: 7 to 10, 11 to 14. */
	visitDays: 7,
	visits: 11,
} as const;
const fields = 15;

/**
 * Adds (sign 1) or takes out (−1) what a deal counts for: no list is made per deal, as a table of
 * 200,000 deals would make 200,000 of them to throw away. A deal without logged events counts by
 * the stage it has, on its creation day.
 */
const contribute = (
	table: DayTable,
	deal: Opportunity,
	events: readonly StageEvent[] | undefined,
	sign: number,
): void => {
	const created = dayOf(deal.createdAt);
	table.add(created, field.created, sign);
	if (!events) {
		const reach = reachOf([{stage: deal.stage, at: deal.createdAt, logged: false}]);
		for (let stage = 0; stage < reach; stage++) table.add(created, field.reached + stage, sign);
		table.add(created, field.unlogged, sign);
		return;
	}
	const steps = stageHistory(deal, events);
	const reach = reachOf(steps);
	for (let stage = 0; stage < reach; stage++) table.add(created, field.reached + stage, sign);
	if (steps.every((step) => !step.logged)) table.add(created, field.unlogged, sign);
	for (const visit of visitsOf(steps)) {
		const stage = openStages.indexOf(visit.stage);
		const ended = dayOf(visit.to);
		table.add(ended, field.visitDays + stage, sign * visit.days);
		table.add(ended, field.visits + stage, sign);
	}
};

/**
 * The table, and the events each deal with logged events was counted with: the log never changes
 * an event list in place (stage-history.ts), so taking a changed deal out again counts what it
 * added, even when the log has moved on since. A deal without events adds what its record alone says.
 */
type AnalysisState = {table: DayTable; events: Map<string, readonly StageEvent[]>};

const addDeal = (state: AnalysisState, deal: Opportunity, log: StageLog): void => {
	const events = log.get(deal.id);
	if (events) state.events.set(deal.id, events);
	contribute(state.table, deal, events, 1);
};

const takeDeal = (state: AnalysisState, deal: Opportunity): void => {
	const events = state.events.get(deal.id);
	state.events.delete(deal.id);
	contribute(state.table, deal, events, -1);
};

const analysisTable = carriedPerList<Opportunity, AnalysisState, StageLog>(
	(deals, log) => {
		const state: AnalysisState = {table: new DayTable(fields), events: new Map()};
		for (const deal of deals) addDeal(state, deal, log);
		return state;
	},
	(state, changes, log) => {
		for (const [old, current] of changes) {
			if (old) takeDeal(state, old);
			if (current) addDeal(state, current, log);
		}
		return true;
	},
);

export type AnalysisData = {opportunities: readonly Opportunity[]; changes: readonly ChangeEntry[]};

const tableOf = (dataset: AnalysisData): DayTable =>
	analysisTable(dataset.opportunities, stageLogOf(dataset.changes)).table;

export type Funnel = {
	/** Deals created in P. */
	created: number;
	/** How many of them reached each stage of the funnel, in `funnelStages` order. */
	reached: Record<FunnelStage, number>;
	/** How many of them have no logged stage history: counted by the stage they came with. */
	unlogged: number;
};

export const funnelOf = (dataset: AnalysisData, period: Period): Funnel => {
	const table = tableOf(dataset);
	const sum = (which: number) => Math.round(table.sum(which, period.start, period.end));
	return {
		created: sum(field.created),
		reached: Object.fromEntries(
			funnelStages.map((stage, index) => [stage, sum(field.reached + index)]),
		) as Funnel['reached'],
		unlogged: sum(field.unlogged),
	};
};

export type OpenStage = (typeof openStages)[number];

/** Mean days of the visits to each open stage that ended in P, and how many there were. */
export const stageTimesOf = (
	dataset: AnalysisData,
	period: Period,
): Record<OpenStage, {days: KpiValue; visits: number}> => {
	const table = tableOf(dataset);
	return Object.fromEntries(
		openStages.map((stage, index) => {
			const visits = Math.round(table.sum(field.visits + index, period.start, period.end));
			const days = table.sum(field.visitDays + index, period.start, period.end);
			return [stage, {days: visits === 0 ? null : days / visits, visits}];
		}),
	) as Record<OpenStage, {days: KpiValue; visits: number}>;
};

/** The funnel_* and days_in_stage_* KPIs of one period. */
export const analysisKpis = (dataset: AnalysisData, period: Period): Record<string, KpiValue> => {
	const funnel = funnelOf(dataset, period);
	const times = stageTimesOf(dataset, period);
	const values: Record<string, KpiValue> = {};
	for (const stage of funnelStages) values[`funnel_${stage}`] = ratio(funnel.reached[stage], funnel.created);
	for (const stage of openStages) values[`days_in_stage_${stage}`] = times[stage].days;
	return values;
};
