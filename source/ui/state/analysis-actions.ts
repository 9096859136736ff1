import type {KpiId} from '../../assessment/kpi-catalog.js';
import {rfmSegmentNames, rfmSegments} from '../../assessment/rfm.js';
import {openStages} from '../../domain/opportunity.js';
import {t} from '../../i18n/i18n.js';
import {currentAnalysis, stuckStage} from './analysis-views.js';
import type {AnalysisView, AppState, AssessmentState} from './app-types.js';
import {kpiOrder, shownPeriod} from './assessment.js';
import type {Handler} from './key-handlers.js';
import {openDetail, switchScreen} from './list-navigation.js';

/** Issue 17's analysis views on the assessment screen: the funnel (`f`), stage times (`s`) and their slowest deals, customer value (`v`). */

const setAssessment = (state: AppState, change: Partial<AssessmentState>): AppState => ({
	...state,
	assessment: {...state.assessment, ...change},
});

const shown = (state: AppState) => currentAnalysis(state, shownPeriod(state));

/** The KPI of an open stage's time: its target, its trend. */
export const stageKpi = (stage: (typeof openStages)[number]): KpiId => `days_in_stage_${stage}` as KpiId;

/** The stage selected: the stages view's row, or the stage whose deals the stuck view lists. */
const selectedStage = (state: AppState) =>
	state.assessment.view === 'stuck' ? stuckStage(state) : openStages[state.assessment.recordCursor];

/** The KPI whose target `t` edits in the stages views (undefined elsewhere). */
export const analysisTargetOf = (state: AppState): KpiId | undefined => {
	const {view} = state.assessment;
	if (view !== 'stages' && view !== 'stuck') return undefined;
	const stage = selectedStage(state);
	return stage ? stageKpi(stage) : undefined;
};

/** The customers list, filtered as `/` would by the column of the RFM segment (`value:at-risk`). */
const customersInSegment = (state: AppState, segment: keyof typeof rfmSegmentNames, asOf: number): AppState => {
	const filter = `value:${segment}`;
	const list = {...state.lists.customers, filter, cursor: 0, offset: 0, anchorId: undefined};
	// The list's column is as of now: a summary of a past period may have counted others.
	const words = {segment: rfmSegmentNames[segment], filter, day: new Date(asOf).toISOString().slice(0, 10)};
	return {
		...switchScreen({...state, lists: {...state.lists, customers: list}}, 'customers'),
		notice: {
			text: asOf < state.now ? t('state.analysis.segmentAsOf', words) : t('state.analysis.segment', words),
			tone: 'info',
		},
	};
};

/** Enter: a stage opens its slowest deals, a deal opens, a segment opens its customers; the funnel has nothing to open. */
export const openInAnalysis: Record<AnalysisView, (state: AppState) => AppState> = {
	funnel: (state) => state,
	stages: (state) =>
		openStages[state.assessment.recordCursor] === undefined
			? state
			: setAssessment(state, {view: 'stuck', stage: state.assessment.recordCursor, recordCursor: 0}),
	stuck: (state) => {
		const view = shown(state);
		const deal = view?.kind === 'stuck' ? view.deals[state.assessment.recordCursor] : undefined;
		return deal ? openDetail(state, 'opportunities', deal.deal.id, 'assess') : state;
	},
	value: (state) => {
		const view = shown(state);
		if (view?.kind !== 'value') return state;
		const row = view.rows[state.assessment.recordCursor];
		if (!row) return state;
		if (row.segment === null) return {...state, notice: {text: t('state.analysis.noSegment'), tone: 'info'}};
		return customersInSegment(state, row.segment, view.asOf);
	},
};

/** How many rows the cursor walks in an analysis view: only the stuck deals need counting first. */
export const analysisRowCount = (state: AppState): number => {
	const {view} = state.assessment;
	if (view === 'stages') return openStages.length;
	// The segments, then the customers without a purchase in the year.
	if (view === 'value') return rfmSegments.length + 1;
	if (view !== 'stuck') return 0;
	const shownNow = shown(state);
	return shownNow?.kind === 'stuck' ? shownNow.deals.length : 0;
};

/**
 * Esc: from a stage's deals back to the stages, on that stage; from a stage's trend back to the
 * view it was opened from; from the others to the panels.
 */
export const backFromAnalysis = (state: AppState): AppState => {
	const {view, stage = 0, trendFrom} = state.assessment;
	if (view === 'trend' && trendFrom)
		return setAssessment(state, {
			view: trendFrom,
			recordCursor: trendFrom === 'stages' ? stage : 0,
			trendFrom: undefined,
		});
	if (view === 'stuck') return setAssessment(state, {view: 'stages', recordCursor: stage});
	return setAssessment(state, {view: 'panels', recordCursor: 0, trendFrom: undefined});
};

const showView =
	(view: AnalysisView): Handler =>
	(state) =>
		setAssessment(state, {view, recordCursor: 0, trendFrom: undefined});

/** `T` in the stages views: the stage's time over the last 12 periods, the existing trend chart. */
const stageTrend: Handler = (state) => {
	const id = analysisTargetOf(state);
	if (!id) return {...state, notice: {text: t('state.analysis.trendWhere'), tone: 'info'}};
	const {view, recordCursor, stage} = state.assessment;
	return setAssessment(state, {
		view: 'trend',
		cursor: kpiOrder.indexOf(id),
		recordCursor: 0,
		trendFrom: view === 'stuck' ? 'stuck' : 'stages',
		stage: view === 'stuck' ? stage : recordCursor,
	});
};

export const analysisKeys = {
	'assess.funnel': showView('funnel'),
	'assess.stages': showView('stages'),
	'assess.value': showView('value'),
	'assess.stageTrend': stageTrend,
} satisfies Record<string, Handler>;
