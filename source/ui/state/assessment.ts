import type {Alert} from '../../assessment/alerts.js';
import {countWithin, stepBudgetMs} from '../../assessment/counting-steps.js';
import {type RecordsBehind, recordsBehind} from '../../assessment/drill-down.js';
import {
	type Evaluation,
	type EvaluationInput,
	evaluate,
	forecastRevenue,
	kpiSeries,
} from '../../assessment/evaluation.js';
import {type KpiGroup, type KpiId, kpiCatalog, kpiIds} from '../../assessment/kpi-catalog.js';
import type {KpiValue} from '../../assessment/kpis.js';
import {type Period, parsePeriod, periodContaining, previousPeriod, shiftPeriod} from '../../assessment/periods.js';
import {recordCount} from '../../domain/dataset.js';
import {ratesOf} from '../../domain/settings.js';
import {t} from '../../i18n/i18n.js';
import {sessionRunning} from '../../store/metrics-log.js';
import {analysisReady, currentAnalysis} from './analysis-views.js';
import type {AppState, AssessmentState} from './app-types.js';

/** The console opens on the last complete month (on the 1st, the running one holds a day of data); `]` reaches the running one, marked to date. */
export const initialAssessment = (now: number): AssessmentState => ({
	kind: 'month',
	periodKey: previousPeriod(periodContaining('month', now)).key,
	view: 'panels',
	cursor: 0,
	recordCursor: 0,
});

export type Panel = {title: string; ids: readonly KpiId[]};

const ofGroups = (...groups: KpiGroup[]): KpiId[] => kpiIds.filter((id) => groups.includes(kpiCatalog[id].group));

/** The effect KPIs of the sales side (deals and orders), of customers, and of service. */
const customerSide: readonly KpiId[] = ['new_customers', 'churn_rate', 'retention_rate'];
const serviceSide: readonly KpiId[] = [
	'tickets_opened',
	'first_response_hours',
	'resolution_hours',
	'sla_compliance',
	'backlog',
	'complaint_rate',
	'follow_up_rate',
	'csat',
	'avg_rating',
	'nps',
];

/**
 * The panels in the order they show, each with its KPIs: the effect side by side of the business
 * first (the left column where two fit), then marketing and the console itself.
 */
export const panels: readonly Panel[] = [
	{
		get title() {
			return t('state.panels.sales');
		},
		ids: ofGroups('effect').filter((id) => !customerSide.includes(id) && !serviceSide.includes(id)),
	},
	{
		get title() {
			return t('state.panels.customers');
		},
		ids: customerSide,
	},
	{
		get title() {
			return t('state.panels.service');
		},
		ids: serviceSide,
	},
	{
		get title() {
			return t('state.panels.marketing');
		},
		ids: ofGroups('marketing'),
	},
	{
		get title() {
			return t('state.panels.analysis');
		},
		ids: ofGroups('analysis'),
	},
	{
		get title() {
			return t('state.panels.performance');
		},
		ids: ofGroups('performance'),
	},
	{
		get title() {
			return t('state.panels.function');
		},
		ids: ofGroups('function'),
	},
	{
		get title() {
			return t('state.panels.quality');
		},
		ids: ofGroups('quality'),
	},
	{
		get title() {
			return t('state.panels.adoption');
		},
		ids: ofGroups('adoption', 'roi'),
	},
	{
		get title() {
			return t('state.panels.experience');
		},
		ids: ofGroups('experience'),
	},
];

/** Where the panels split into two columns when the screen is wide enough for two. */
export const firstPanelOfSecondColumn = 3;

/** KPIs in the order the cursor walks them. */
export const kpiOrder: readonly KpiId[] = panels.flatMap((panel) => panel.ids);

/** What before/after compares: what the business and its people did and said, not the console's own measurements. */
export const comparedIds: readonly KpiId[] = kpiOrder.filter((id) =>
	(['effect', 'marketing', 'analysis', 'adoption', 'experience'] as readonly KpiGroup[]).includes(kpiCatalog[id].group),
);

export const assessmentInput = (state: AppState): EvaluationInput => ({
	dataset: state.dataset,
	settings: state.settings,
	now: state.now,
	metrics: state.metrics,
	isRunning: sessionRunning,
});

export const shownPeriod = (state: AppState): Period =>
	parsePeriod(state.assessment.periodKey) ?? periodContaining(state.assessment.kind, state.now);

let evaluationCache: {key: unknown[]; evaluation: Evaluation} | undefined;

const sameKey = (a: unknown[], b: unknown[]): boolean =>
	a.length === b.length && a.every((value, index) => value === b[index]);

const evaluationKey = (state: AppState): unknown[] => [
	state.dataset,
	state.settings,
	state.assessment.periodKey,
	state.now,
	state.metrics,
];

/** The period's evaluation; recomputed only when the data, settings, period, clock or metrics change. */
export const currentEvaluation = (state: AppState): Evaluation => {
	const key = evaluationKey(state);
	if (!evaluationCache || !sameKey(evaluationCache.key, key))
		evaluationCache = {key, evaluation: evaluate(assessmentInput(state), shownPeriod(state))};
	return evaluationCache.evaluation;
};

/** Above this many records a recount is not done while a frame waits: the screen shows what it has and counts after. */
const countInFrameUpTo = 50_000;

/**
 * Whether the assessment can be drawn without counting first: always for data of a usual size
 * (counting takes milliseconds); for large data only once the evaluation (and the trend shown) is counted.
 */
export const assessmentReady = (state: AppState): boolean => {
	if (recordCount(state.dataset) <= countInFrameUpTo) return true;
	const evaluated = evaluationCache !== undefined && sameKey(evaluationCache.key, evaluationKey(state));
	return (
		evaluated &&
		(state.assessment.view !== 'trend' || (trendCache !== undefined && sameKey(trendCache.key, trendKey(state)))) &&
		analysisReady(state, shownPeriod(state))
	);
};

/** Counts what the assessment screen shows, after the frame that said it was counting. */
export const prepareAssessment = (state: AppState): void => {
	currentEvaluation(state);
	if (state.assessment.view === 'trend') currentTrend(state);
	currentAnalysis(state, shownPeriod(state));
};

/**
 * A step of `prepareAssessment`: true once all is counted. Large data takes seconds to count whole; a
 * step stops at the start of a piece once its time is up (counting-steps.ts), and the next goes on.
 */
export const prepareAssessmentStep = (state: AppState): boolean =>
	countWithin(stepBudgetMs, () => prepareAssessment(state)).done;

/**
 * While large data is recounted after an edit (or new metrics), the evaluation counted last for
 * the same period and settings, to show meanwhile; none when the period or settings changed.
 */
export const staleEvaluation = (state: AppState): Evaluation | undefined =>
	evaluationCache && evaluationCache.key[1] === state.settings && evaluationCache.key[2] === state.assessment.periodKey
		? evaluationCache.evaluation
		: undefined;

export type Trend = {
	id: KpiId;
	points: Array<{period: Period; value: KpiValue}>;
	forecast: number[];
	behind: RecordsBehind;
};

let trendCache: {key: unknown[]; trend: Trend} | undefined;

const trendKey = (state: AppState): unknown[] => [...evaluationKey(state), kpiOrder[state.assessment.cursor]];

/** The selected KPI over the last 12 periods (revenue with its forecast), and the records behind it. */
export const currentTrend = (state: AppState): Trend => {
	const id = kpiOrder[state.assessment.cursor]!;
	const key = trendKey(state);
	if (trendCache && sameKey(trendCache.key, key)) return trendCache.trend;
	const input = assessmentInput(state);
	const period = shownPeriod(state);
	const forecast = id === 'revenue_won' ? (forecastRevenue(input, period)?.next.map((entry) => entry.value) ?? []) : [];
	// A running period is forecast, not drawn half-done: the line ends with the last complete period.
	const last = forecast.length > 0 && period.end > state.now ? shiftPeriod(period, -1) : period;
	const trend = {
		id,
		points: kpiSeries(input, id, last, 12),
		forecast,
		behind: recordsBehind(id, state.dataset, period, ratesOf(state.settings)),
	};
	trendCache = {key, trend};
	return trend;
};

/** The alerts as rows: each alert, then its records (the cursor walks the records). */
export type AlertRow = {alert: Alert; record?: Alert['records'][number]};

export const alertRows = (evaluation: Evaluation): AlertRow[] =>
	evaluation.alerts.flatMap((alert) => [{alert}, ...alert.records.map((record) => ({alert, record}))]);
