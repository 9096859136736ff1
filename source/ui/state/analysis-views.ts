import {type Funnel, funnelOf, type OpenStage, stageTimesOf} from '../../assessment/analysis-kpis.js';
import type {KpiValue} from '../../assessment/kpi-value.js';
import {type Period, shiftPeriod} from '../../assessment/periods.js';
import {customersOnFile, customerValuesOf, rfmAsOf, type SegmentRow, segmentSummary} from '../../assessment/rfm.js';
import {inStageSince, stageHistory, stageLogOf} from '../../assessment/stage-history.js';
import {type Opportunity, openStages} from '../../domain/opportunity.js';
import {ratesOf} from '../../domain/settings.js';
import type {AnalysisView, AppState} from './app-types.js';

/**
 * What issue 17's analysis views show, counted from the engine (assessment/analysis-kpis.ts,
 * rfm.ts) and kept for the data, period and settings they were counted for: with large data they
 * are counted after the frame (`prepareAnalysis`), never while a key waits.
 */

export const analysisViews: readonly AnalysisView[] = ['funnel', 'stages', 'stuck', 'value'];

export const isAnalysisView = (view: AppState['assessment']['view']): view is AnalysisView =>
	(analysisViews as readonly string[]).includes(view);

/** The funnel of the shown period and of the one before, side by side. */
export type FunnelShown = {kind: 'funnel'; period: Period; previous: Period; funnel: Funnel; before: Funnel};

/** How many periods the stages view's sparkline covers, the shown one last. */
export const stageTrendLength = 6;

/** Each open stage's mean days over the last periods, oldest first (null: no visit ended in it). */
export type StagesShown = {kind: 'stages'; trends: Record<OpenStage, KpiValue[]>; visits: Record<OpenStage, number>};

/** An open deal in the stage, since when it has been there, and whether the log says so (else at least since then). */
export type StuckDeal = {deal: Opportunity; since: number; logged: boolean};

/** The open deals in one stage, longest there first. */
export type StuckShown = {kind: 'stuck'; stage: OpenStage; deals: StuckDeal[]};

/** The RFM segment summary as of T (issue 17: end of the shown period, now while it runs). */
export type ValueShown = {kind: 'value'; asOf: number; rows: SegmentRow[]; unpriced: number};

export type AnalysisShown = FunnelShown | StagesShown | StuckShown | ValueShown;

/** The open stage the stuck view lists (the stages view's row). */
export const stuckStage = (state: AppState): OpenStage =>
	openStages[Math.min(state.assessment.stage ?? 0, openStages.length - 1)]!;

const funnelShown = (state: AppState, period: Period): FunnelShown => {
	const previous = shiftPeriod(period, -1);
	return {
		kind: 'funnel',
		period,
		previous,
		funnel: funnelOf(state.dataset, period),
		before: funnelOf(state.dataset, previous),
	};
};

const stagesShown = (state: AppState, period: Period): StagesShown => {
	const periods = Array.from({length: stageTrendLength}, (_, index) =>
		shiftPeriod(period, index - stageTrendLength + 1),
	);
	const times = periods.map((each) => stageTimesOf(state.dataset, each));
	const trends = Object.fromEntries(
		openStages.map((stage) => [stage, times.map((each) => each[stage].days)]),
	) as StagesShown['trends'];
	const visits = Object.fromEntries(
		openStages.map((stage) => [stage, times.at(-1)![stage].visits]),
	) as StagesShown['visits'];
	return {kind: 'stages', trends, visits};
};

/** The open deals in the stage, by the time since they entered it (the oldest entry first). */
export const stuckDealsOf = (
	deals: readonly Opportunity[],
	changes: AppState['dataset']['changes'],
	stage: OpenStage,
): StuckDeal[] => {
	const log = stageLogOf(changes);
	const stuck: StuckDeal[] = [];
	for (const deal of deals) {
		if (deal.stage !== stage) continue;
		const since = inStageSince(stageHistory(deal, log.get(deal.id)));
		stuck.push({deal, since: Date.parse(since.at), logged: since.logged});
	}
	// Known times first, longest first; then the deals whose entry into the stage is not logged (their time is at most since their creation).
	return stuck.sort(
		(a, b) => Number(b.logged) - Number(a.logged) || a.since - b.since || a.deal.id.localeCompare(b.deal.id),
	);
};

const stuckShown = (state: AppState): StuckShown => {
	const stage = stuckStage(state);
	return {kind: 'stuck', stage, deals: stuckDealsOf(state.dataset.opportunities, state.dataset.changes, stage)};
};

const valueShown = (state: AppState, period: Period): ValueShown => {
	const asOf = rfmAsOf(period, state.now);
	const values = customerValuesOf(state.dataset, asOf, ratesOf(state.settings));
	return {
		kind: 'value',
		asOf,
		rows: segmentSummary(values, customersOnFile(state.dataset.customers, values)),
		unpriced: values.unpriced,
	};
};

type Kept = {key: unknown[]; shown: AnalysisShown};
let kept: Kept | undefined;

/** What the shown view depends on: the stuck view not on the period (its deals are open now), the value view on the clock while its period runs. */
const keyOf = (state: AppState, period: Period): unknown[] => {
	const {view} = state.assessment;
	if (view === 'stuck') return [view, state.dataset, stuckStage(state)];
	if (view === 'value') return [view, state.dataset, state.settings, period.key, rfmAsOf(period, state.now)];
	return [view, state.dataset, period.key];
};

const sameKey = (a: unknown[], b: unknown[]): boolean =>
	a.length === b.length && a.every((value, index) => value === b[index]);

/** The analysis view shown, counted once for its data and period; null when another view is shown. */
export const currentAnalysis = (state: AppState, period: Period): AnalysisShown | null => {
	const {view} = state.assessment;
	if (!isAnalysisView(view)) return null;
	const key = keyOf(state, period);
	if (kept && sameKey(kept.key, key)) return kept.shown;
	const shown =
		view === 'funnel'
			? funnelShown(state, period)
			: view === 'stages'
				? stagesShown(state, period)
				: view === 'stuck'
					? stuckShown(state)
					: valueShown(state, period);
	kept = {key, shown};
	return shown;
};

/** Whether the analysis view shown (if any) is counted for this state. */
export const analysisReady = (state: AppState, period: Period): boolean =>
	!isAnalysisView(state.assessment.view) || (kept !== undefined && sameKey(kept.key, keyOf(state, period)));
