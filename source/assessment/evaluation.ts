import type {Dataset} from '../domain/dataset.js';
import type {Metric} from '../domain/metric.js';
import type {Opportunity} from '../domain/opportunity.js';
import {ratesOf, type Settings, targetFor} from '../domain/settings.js';
import {type Alert, type ChurnRisk, churnAlerts, churnRisks, kpiAlerts, slaAlerts} from './alerts.js';
import {analysisKpis} from './analysis-kpis.js';
import {type CostBreakdown, costBreakdown} from './cost-breakdown.js';
import {carriedPerList} from './day-table.js';
import {experienceKpis} from './experience-kpis.js';
import {linearForecast} from './forecast.js';
import {isoTime} from './iso-time.js';
import {type KpiId, kpiIds} from './kpi-catalog.js';
import {effectKpis, type KpiValue, type KpiValues, openAt, roi, wonRevenue, wonRevenueBetween} from './kpis.js';
import {marketingKpis} from './marketing-kpis.js';
import {lastPeriods, type Period, previousPeriod, shiftPeriod, windowFrom, windowUntil} from './periods.js';
import {qualityKpis} from './quality-kpis.js';
import {followUpAlerts, unpricedAlerts} from './record-alerts.js';
import {type AssessedRequirement, assessRequirements} from './requirement-status.js';
import {stageAlerts} from './stage-alerts.js';
import {type Assessed, assess, elapsedShare, monthsIn, scaledTarget} from './targets.js';
import {adoptionKpis, performanceKpis, requirementsCoverage, type SessionRunning} from './usage-kpis.js';

export type EvaluationInput = {
	dataset: Dataset;
	/** Everything the figures depend on besides the data: targets, the base currency and rates, the ROI margin, the roles. */
	settings: Settings;
	/** The console's metrics log; undefined when there is none (its KPIs are then "no data"). */
	metrics?: readonly Metric[];
	/** Whether a session that recorded no exit is still running (store/metrics-log.ts `sessionRunning`); by default none is. */
	isRunning?: SessionRunning;
	now: number;
};

const evaluationWindow = (settings: Settings): Period | null => {
	const {goLive, windowMonths} = settings.assessment;
	return goLive ? windowFrom(Date.parse(`${goLive}T00:00:00Z`), windowMonths, 'after') : null;
};

/** Every KPI of KPI.md for one period (or window). */
export const computeKpis = (input: EvaluationInput, period: Period): KpiValues => {
	const {dataset, settings} = input;
	const window = evaluationWindow(settings);
	const rates = ratesOf(settings);
	const noMetrics = {
		render_ms_p95: null,
		save_ms_p95: null,
		load_ms: null,
		errors: null,
		crash_free_sessions: null,
		save_success_rate: null,
	};
	return {
		...effectKpis(dataset, period, rates),
		...analysisKpis(dataset, period),
		...marketingKpis(dataset, period, rates, settings.assessment.roi.margin),
		...qualityKpis(dataset, rates),
		...adoptionKpis(dataset.changes, period, Object.keys(settings.access.operators)),
		...experienceKpis(dataset.surveys, period),
		...(input.metrics ? performanceKpis(input.metrics, period, input.isRunning) : noMetrics),
		requirements_coverage: requirementsCoverage(assessRequirements(dataset, settings.assessment, period, input.now)),
		roi: window ? roi(dataset, window, settings.assessment.roi, settings.assessment.goLive!, rates) : null,
	} as KpiValues;
};

/** Whether P is still running at `now` (KPI.md: it is then *to date*). */
export const isToDate = (period: Period, now: number): boolean => now >= period.start && now < period.end;

/**
 * The KPIs of a running period as KPI.md's *to date* rule reads them: what is open "at end(P)"
 * (pipelines, backlog) is what is open now, and the growth of revenue is against the same elapsed
 * share of P−1.
 */
const toDateKpis = (input: EvaluationInput, period: Period, actual: KpiValues): KpiValues => {
	const rates = ratesOf(input.settings);
	const open = openAt(input.dataset, input.now, rates);
	const previous = previousPeriod(period);
	const share = elapsedShare(period, input.now);
	const before = wonRevenueBetween(
		input.dataset.opportunities,
		previous.start,
		previous.start + share * (previous.end - previous.start),
		rates,
	);
	const sofar = actual['revenue_won'] ?? 0;
	return {...actual, ...open, sales_growth: before === 0 ? null : (sofar - before) / before};
};

/** Each KPI of the period against its target, with the previous period's value beside it. */
export const assessPeriod = (
	input: EvaluationInput,
	period: Period,
): Record<KpiId, Assessed & {previous: KpiValue}> => {
	const running = isToDate(period, input.now);
	const measured = computeKpis(input, period);
	const actual = running ? toDateKpis(input, period, measured) : measured;
	const previous = computeKpis(input, previousPeriod(period));
	return Object.fromEntries(
		kpiIds.map((id) => [
			id,
			{
				...assess(
					actual[id],
					scaledTarget(id, targetFor(input.settings.assessment, id), period, running ? input.now : undefined),
				),
				previous: previous[id],
			},
		]),
	) as Record<KpiId, Assessed & {previous: KpiValue}>;
};

/** One KPI over the last `count` periods ending with `period`, oldest first: the trend charts. */
export const kpiSeries = (
	input: EvaluationInput,
	id: KpiId,
	period: Period,
	count: number,
): Array<{period: Period; value: KpiValue}> =>
	lastPeriods(period, count).map((entry) => ({period: entry, value: computeKpis(input, entry)[id]}));

export type Forecast = {basis: Array<{period: string; value: number}>; next: Array<{period: string; value: number}>};

/**
 * KPI.md: revenue_won for the next 3 periods by least squares over the last N periods (fewer when
 * the history is shorter — periods before the first deal are not history), never below 0.
 */
/** The earliest creation time of the records (Infinity for none): a loop, as spreading 200,000 of them into Math.min's arguments overflows the stack. */
export const earliestCreated = (records: ReadonlyArray<{createdAt: string}>): number => {
	let earliest = Infinity;
	for (const record of records) earliest = Math.min(earliest, isoTime(record.createdAt));
	return earliest;
};

/** The first deal's creation, carried from edit to edit (a deal taken away that was the first means a new look). */
const firstDeal = carriedPerList<Opportunity, {at: number}>(
	(deals) => ({at: earliestCreated(deals)}),
	(state, changes) => {
		for (const [old, current] of changes)
			if (old && isoTime(old.createdAt) === state.at && current?.createdAt !== old.createdAt) return false;
		for (const [, current] of changes) if (current) state.at = Math.min(state.at, isoTime(current.createdAt));
		return true;
	},
);

export const forecastRevenue = (input: EvaluationInput, period: Period): Forecast | null => {
	const first = firstDeal(input.dataset.opportunities).at;
	// A period still running is not history yet: its half-month of revenue would drag the trend down.
	const last = period.end > input.now ? previousPeriod(period) : period;
	const basis = lastPeriods(last, input.settings.assessment.forecastPeriods)
		.filter((entry) => entry.end > first)
		.map((entry) => ({
			period: entry.key,
			value: wonRevenue(input.dataset.opportunities, entry, ratesOf(input.settings)),
		}));
	const values = linearForecast(basis.map((entry) => entry.value));
	if (!values) return null;
	return {basis, next: values.map((value, index) => ({period: shiftPeriod(last, index + 1).key, value}))};
};

export type BeforeAfter = {
	goLive: string;
	months: number;
	before: Period;
	after: Period;
	kpis: Record<KpiId, {before: KpiValue; after: KpiValue; change: KpiValue}>;
};

/** KPI.md: every KPI over the W months before go-live and the W months from it, with its change. */
export const beforeAfter = (input: EvaluationInput): BeforeAfter | null => {
	const {goLive, windowMonths} = input.settings.assessment;
	if (!goLive) return null;
	const start = Date.parse(`${goLive}T00:00:00Z`);
	const before = windowUntil(start, windowMonths, 'before');
	const after = windowFrom(start, windowMonths, 'after');
	const valuesBefore = computeKpis(input, before);
	const valuesAfter = computeKpis(input, after);
	const kpis = Object.fromEntries(
		kpiIds.map((id) => {
			const a = valuesBefore[id];
			const b = valuesAfter[id];
			return [id, {before: a, after: b, change: a === null || b === null ? null : b - a}];
		}),
	) as BeforeAfter['kpis'];
	return {goLive, months: windowMonths, before, after, kpis};
};

export type Evaluation = {
	period: Period;
	/** The base currency every money figure is in (KPI.md *Money*). */
	currency: string;
	/** Whether that currency is assumed: the settings predate rates (USD, and no other rates until set). */
	currencyAssumed: boolean;
	/** The moment of the evaluation: a period that ends after it is still running. */
	now: number;
	previous: Period;
	kpis: Record<KpiId, Assessed & {previous: KpiValue}>;
	forecast: Forecast | null;
	beforeAfter: BeforeAfter | null;
	alerts: Alert[];
	churnRisks: ChurnRisk[];
	requirements: AssessedRequirement[];
	/** ROI's costs by category, the benefit and the payback month over the window after go-live; null without a go-live. */
	costs: CostBreakdown | null;
};

/** The whole assessment of a period: what the screen shows and the report prints, from one function. */
export const evaluate = (input: EvaluationInput, period: Period): Evaluation => {
	const kpis = assessPeriod(input, period);
	const risks = churnRisks(input.dataset, input.now, input.settings.assessment);
	const rates = ratesOf(input.settings);
	return {
		period,
		currency: rates.base,
		currencyAssumed: input.settings.baseCurrency === undefined,
		now: input.now,
		previous: previousPeriod(period),
		kpis,
		forecast: forecastRevenue(input, period),
		beforeAfter: beforeAfter(input),
		alerts: [
			...slaAlerts(input.dataset, input.now, input.settings.assessment),
			...followUpAlerts(input.dataset, input.now),
			...churnAlerts(risks, input.settings.assessment),
			...unpricedAlerts(input.dataset, rates, input.settings.baseCurrency === undefined),
			...kpiAlerts(kpis),
			// After the missed KPIs: each lists its deals, which would push those off a short screen.
			...stageAlerts(input.dataset, period, kpis, input.now),
		],
		churnRisks: risks,
		requirements: assessRequirements(input.dataset, input.settings.assessment, period, input.now),
		costs: evaluationCosts(input),
	};
};

const evaluationCosts = (input: EvaluationInput): CostBreakdown | null => {
	const window = evaluationWindow(input.settings);
	const {goLive, roi: settings} = input.settings.assessment;
	if (!window || !goLive) return null;
	return costBreakdown(input.dataset, settings, goLive, window, input.now, ratesOf(input.settings));
};

export {monthsIn};
