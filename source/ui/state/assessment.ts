import type {Alert} from '../../assessment/alerts.js';
import {entityAt, type RecordsBehind, recordsBehind} from '../../assessment/drill-down.js';
import {
	type Evaluation,
	type EvaluationInput,
	evaluate,
	forecastRevenue,
	kpiSeries,
} from '../../assessment/evaluation.js';
import {type KpiGroup, type KpiId, kpiCatalog, kpiIds} from '../../assessment/kpi-catalog.js';
import type {KpiValue} from '../../assessment/kpis.js';
import {
	type Period,
	type PeriodKind,
	parsePeriod,
	periodContaining,
	previousPeriod,
	shiftPeriod,
} from '../../assessment/periods.js';
import {recordCount} from '../../domain/dataset.js';
import {requirementsWithStatus, targetFor} from '../../domain/settings.js';
import {clamp} from '../../domain/units.js';
import {generalSettingsForm, targetForm} from '../forms/form-definitions.js';
import type {CommandId} from '../keys/keymap.js';
import type {AppState, AssessmentState} from './app-types.js';
import {openNewForm} from './form-actions.js';
import {openDetail, switchScreen} from './list-navigation.js';
import {requestSettings} from './requests.js';
import {textInput} from './text-input.js';

const marks = ['met', 'partial', 'unmet'] as const;

/** The console opens on the last complete month (on the 1st, the running one holds a day of data); `]` reaches the running one, marked to date. */
export const initialAssessment = (now: number): AssessmentState => ({
	kind: 'month',
	periodKey: previousPeriod(periodContaining('month', now)).key,
	view: 'panels',
	cursor: 0,
	recordCursor: 0,
});

/** The panels in the order they show, each with its KPIs. */
export const panels: ReadonlyArray<{title: string; groups: readonly KpiGroup[]}> = [
	{title: 'Effect', groups: ['effect']},
	{title: 'Performance of the console', groups: ['performance']},
	{title: 'Function', groups: ['function']},
	{title: 'Data quality', groups: ['quality']},
	{title: 'Adoption and ROI', groups: ['adoption', 'roi']},
];

/** KPIs in the order the cursor walks them. */
export const kpiOrder: readonly KpiId[] = panels.flatMap((panel) =>
	kpiIds.filter((id) => panel.groups.includes(kpiCatalog[id].group)),
);

export const assessmentInput = (state: AppState): EvaluationInput => ({
	dataset: state.dataset,
	settings: state.settings,
	now: state.now,
	metrics: state.metrics,
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
		(state.assessment.view !== 'trend' || (trendCache !== undefined && sameKey(trendCache.key, trendKey(state))))
	);
};

/** Counts what the assessment screen shows, after the frame that said it was counting. */
export const prepareAssessment = (state: AppState): void => {
	currentEvaluation(state);
	if (state.assessment.view === 'trend') currentTrend(state);
};

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
		behind: recordsBehind(id, state.dataset, period),
	};
	trendCache = {key, trend};
	return trend;
};

/** The alerts as rows: each alert, then its records (the cursor walks the records). */
export type AlertRow = {alert: Alert; record?: Alert['records'][number]};

export const alertRows = (evaluation: Evaluation): AlertRow[] =>
	evaluation.alerts.flatMap((alert) => [{alert}, ...alert.records.map((record) => ({alert, record}))]);

const kinds: readonly PeriodKind[] = ['month', 'quarter', 'year'];

const setAssessment = (state: AppState, change: Partial<AssessmentState>): AppState => ({
	...state,
	assessment: {...state.assessment, ...change},
});

/** Keys of the assessment screen; undefined for keys it does not handle. */
export const runAssessmentCommand = (state: AppState, command: CommandId, page: number): AppState | undefined => {
	const assessment = state.assessment;
	const period = shownPeriod(state);
	switch (command) {
		case 'assess.previousPeriod':
		case 'assess.nextPeriod': {
			const next = shiftPeriod(period, command === 'assess.nextPeriod' ? 1 : -1);
			if (next.start > state.now) return {...state, notice: {text: `${next.key} has not started yet.`, tone: 'info'}};
			return setAssessment(state, {periodKey: next.key, recordCursor: 0});
		}
		case 'assess.periodKind': {
			const kind = kinds[(kinds.indexOf(assessment.kind) + 1) % kinds.length]!;
			// The new kind's period that holds the latest complete month of the one shown (its start, when
			// that month is still running): November → Q4 → 2026 → back to November, not to January.
			const lastComplete = periodContaining('month', state.now).start - 1;
			const anchor = Math.max(period.start, Math.min(period.end - 1, lastComplete));
			return setAssessment(state, {kind, periodKey: periodContaining(kind, anchor).key, recordCursor: 0});
		}
		case 'assess.compare':
			return setAssessment(state, {view: 'compare', recordCursor: 0});
		case 'assess.requirements':
			return setAssessment(state, {view: 'requirements', recordCursor: 0});
		case 'assess.editTarget': {
			if (assessment.view !== 'panels' && assessment.view !== 'trend') return state;
			const id = kpiOrder[assessment.cursor]!;
			const info = kpiCatalog[id];
			const target = targetFor(state.settings.assessment, id);
			const definition = targetForm(info.label, info.flow, info.unit === 'share');
			const texts = {value: String(target.value), direction: target.direction, tolerance: String(target.tolerance)};
			const opened = openNewForm(state, definition, {}, texts);
			return {...opened, form: {...opened.form!, targetOf: id}};
		}
		case 'assess.settings': {
			const {assessment: current, slaHours} = state.settings;
			const texts = {
				goLive: current.goLive ?? '',
				windowMonths: String(current.windowMonths),
				margin: String(Math.round(current.roi.margin * 1000) / 10),
				oneOffCost: String(current.roi.oneOffCost),
				monthlyCost: String(current.roi.monthlyCost),
				slaUrgent: String(slaHours.urgent),
				slaHigh: String(slaHours.high),
				slaNormal: String(slaHours.normal),
				slaLow: String(slaHours.low),
			};
			const opened = openNewForm(state, generalSettingsForm, {}, texts);
			return {...opened, form: {...opened.form!, targetOf: 'general'}};
		}
		case 'assess.note': {
			if (assessment.view !== 'requirements') return state;
			const requirement = requirementsWithStatus(state.settings.assessment)[assessment.recordCursor];
			if (!requirement) return state;
			return {
				...state,
				overlay: {
					kind: 'prompt',
					title: `Note on “${requirement.text}”`,
					input: textInput(requirement.note),
					target: {kind: 'requirementNote', id: requirement.id},
				},
			};
		}
		case 'assess.alerts': {
			const first = alertRows(currentEvaluation(state)).findIndex((row) => row.record);
			return setAssessment(state, {view: 'alerts', recordCursor: Math.max(0, first)});
		}
		case 'assess.back':
			return assessment.view === 'panels' ? state : setAssessment(state, {view: 'panels', recordCursor: 0});
		case 'assess.open': {
			if (assessment.view === 'panels') return setAssessment(state, {view: 'trend', recordCursor: 0});
			if (assessment.view === 'trend') {
				const {behind} = currentTrend(state);
				const id = behind.ids[assessment.recordCursor];
				return id ? openDetail(state, entityAt(behind, assessment.recordCursor), id, 'assess') : state;
			}
			if (assessment.view === 'alerts') {
				const row = alertRows(currentEvaluation(state))[assessment.recordCursor];
				return row?.record ? openDetail(state, row.record.entity, row.record.id, 'assess') : state;
			}
			if (assessment.view === 'requirements') {
				const requirement = requirementsWithStatus(state.settings.assessment)[assessment.recordCursor];
				if (!requirement) return state;
				const status = marks[(marks.indexOf(requirement.status) + 1) % marks.length]!;
				return requestSettings(
					state,
					{kind: 'requirement', id: requirement.id, status, note: requirement.note, label: requirement.text},
					`“${requirement.text}”: ${status}.`,
				);
			}
			return state;
		}
		default:
			break;
	}
	const steps: Partial<Record<CommandId, number>> = {
		'cursor.down': 1,
		'cursor.up': -1,
		'cursor.pageDown': page,
		'cursor.pageUp': -page,
		'cursor.first': -Infinity,
		'cursor.last': Infinity,
	};
	const step = steps[command];
	if (step === undefined) return undefined;
	if (assessment.view === 'panels')
		return setAssessment(state, {cursor: clamp(assessment.cursor + step, 0, kpiOrder.length - 1)});
	if (assessment.view === 'alerts') {
		// The cursor walks the records; an alert's heading line is not something to open.
		const rows = alertRows(currentEvaluation(state));
		const openable = rows.flatMap((row, index) => (row.record ? [index] : []));
		if (openable.length === 0) return state;
		const at = Math.max(0, openable.indexOf(assessment.recordCursor));
		const target =
			Math.abs(step) === Infinity
				? step < 0
					? 0
					: openable.length - 1
				: clamp((openable.indexOf(assessment.recordCursor) < 0 ? -1 : at) + step, 0, openable.length - 1);
		return setAssessment(state, {recordCursor: openable[target]!});
	}
	const count =
		assessment.view === 'trend'
			? currentTrend(state).behind.ids.length
			: assessment.view === 'requirements'
				? requirementsWithStatus(state.settings.assessment).length
				: kpiOrder.length;
	return setAssessment(state, {recordCursor: clamp(assessment.recordCursor + step, 0, Math.max(0, count - 1))});
};

/** Esc from a record opened in the assessment returns to it, in the view it was opened from. */
export const backToAssessment = (state: AppState): AppState => ({...switchScreen(state, 'assess'), detail: null});
