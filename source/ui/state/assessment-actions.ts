import {entityAt} from '../../assessment/drill-down.js';
import {kpiCatalog} from '../../assessment/kpi-catalog.js';
import {type PeriodKind, periodContaining, shiftPeriod} from '../../assessment/periods.js';
import {requirementInEnglish} from '../../assessment/requirement-status.js';
import {targetFor} from '../../domain/settings.js';
import {clamp} from '../../domain/units.js';
import {t} from '../../i18n/i18n.js';
import {generalSettingsForm, targetForm} from '../forms/form-definitions.js';
import {frameLayout} from '../layout/frame-layout.js';
import {
	analysisKeys,
	analysisRowCount,
	analysisTargetOf,
	backFromAnalysis,
	openInAnalysis,
} from './analysis-actions.js';
import {isAnalysisView} from './analysis-views.js';
import type {AppState, AssessmentState} from './app-types.js';
import {alertRows, comparedIds, currentEvaluation, currentTrend, kpiOrder, shownPeriod} from './assessment.js';
import {editCosts} from './costs-actions.js';
import {openNewForm} from './form-actions.js';
import {
	type CursorMove,
	cursorMoves,
	cursorSteps,
	eachOf,
	type Handler,
	quit,
	type ScopeHandlers,
} from './key-handlers.js';
import {openDetail, switchScreen} from './list-navigation.js';
import {editMoneySettings} from './money-settings-actions.js';
import {requestSettings} from './requests.js';
import {textInput} from './text-input.js';

const marks = ['met', 'partial', 'unmet'] as const;

const kinds: readonly PeriodKind[] = ['month', 'quarter', 'year'];

const setAssessment = (state: AppState, change: Partial<AssessmentState>): AppState => ({
	...state,
	assessment: {...state.assessment, ...change},
});

const showView =
	(view: AssessmentState['view']): Handler =>
	(state) =>
		setAssessment(state, {view, recordCursor: 0});

const stepPeriod: Handler<'assess.previousPeriod' | 'assess.nextPeriod'> = (state, command) => {
	const next = shiftPeriod(shownPeriod(state), command === 'assess.nextPeriod' ? 1 : -1);
	if (next.start > state.now)
		return {...state, notice: {text: t('state.assess.notStarted', {period: next.key}), tone: 'info'}};
	return setAssessment(state, {periodKey: next.key, recordCursor: 0});
};

/**
 * The next kind's period that holds the latest complete month of the one shown (its start, when
 * that month is still running): November → Q4 → 2026 → back to November, not to January.
 */
const nextPeriodKind: Handler = (state) => {
	const period = shownPeriod(state);
	const kind = kinds[(kinds.indexOf(state.assessment.kind) + 1) % kinds.length]!;
	const lastComplete = periodContaining('month', state.now).start - 1;
	const anchor = Math.max(period.start, Math.min(period.end - 1, lastComplete));
	return setAssessment(state, {kind, periodKey: periodContaining(kind, anchor).key, recordCursor: 0});
};

const editTarget: Handler = (state) => {
	const {assessment} = state;
	// In the stages views, the selected stage's time.
	const stageId = analysisTargetOf(state);
	if (!stageId && assessment.view !== 'panels' && assessment.view !== 'trend') return state;
	const id = stageId ?? kpiOrder[assessment.cursor]!;
	const info = kpiCatalog[id];
	const target = targetFor(state.settings.assessment, id);
	const definition = targetForm(id, info.label, info.flow, info.unit === 'share');
	const texts = {value: String(target.value), direction: target.direction, tolerance: String(target.tolerance)};
	const opened = openNewForm(state, definition, {}, texts);
	return {...opened, form: {...opened.form!, targetOf: id}};
};

const editSettings: Handler = (state) => {
	const {assessment: current, slaHours} = state.settings;
	const texts = {
		goLive: current.goLive ?? '',
		windowMonths: String(current.windowMonths),
		margin: String(Math.round(current.roi.margin * 1000) / 10),
		slaUrgent: String(slaHours.urgent),
		slaHigh: String(slaHours.high),
		slaNormal: String(slaHours.normal),
		slaLow: String(slaHours.low),
	};
	const opened = openNewForm(state, generalSettingsForm, {}, texts);
	return {...opened, form: {...opened.form!, targetOf: 'general'}};
};

const editNote: Handler = (state) => {
	if (state.assessment.view !== 'requirements') return state;
	const requirement = currentEvaluation(state).requirements[state.assessment.recordCursor];
	if (!requirement) return state;
	return {
		...state,
		overlay: {
			kind: 'prompt',
			title: t('state.assess.noteOn', {label: requirement.text}),
			input: textInput(requirement.note),
			target: {kind: 'requirementNote', id: requirement.id},
		},
	};
};

/** Enter in each view: a KPI opens its trend; a trend's or an alert's record opens; a requirement's mark changes. */
const openIn: Record<AssessmentState['view'], (state: AppState) => AppState> = {
	panels: (state) => setAssessment(state, {view: 'trend', recordCursor: 0}),
	trend: (state) => {
		const {behind} = currentTrend(state);
		const at = state.assessment.recordCursor;
		const id = behind.ids[at];
		return id ? openDetail(state, entityAt(behind, at), id, 'assess') : state;
	},
	alerts: (state) => {
		const row = alertRows(currentEvaluation(state))[state.assessment.recordCursor];
		return row?.record ? openDetail(state, row.record.entity, row.record.id, 'assess') : state;
	},
	requirements: (state) => {
		const requirement = currentEvaluation(state).requirements[state.assessment.recordCursor];
		if (!requirement) return state;
		const status = marks[(marks.indexOf(requirement.status) + 1) % marks.length]!;
		// The note kept is the operator's own, or the shipped one in English: the settings never depend on the language.
		const {note} = requirementInEnglish(requirement);
		return requestSettings(
			state,
			{kind: 'requirement', id: requirement.id, status, note, label: requirement.text},
			`“${requirement.text}”: ${status}.`,
		);
	},
	compare: (state) => state,
	...openInAnalysis,
};

/** The cursor walks the alerts' records; an alert's heading line is not something to open. */
const moveInAlerts = (state: AppState, step: number): AppState => {
	const {recordCursor} = state.assessment;
	const openable = alertRows(currentEvaluation(state)).flatMap((row, index) => (row.record ? [index] : []));
	if (openable.length === 0) return state;
	const at = Math.max(0, openable.indexOf(recordCursor));
	const target =
		Math.abs(step) === Infinity
			? step < 0
				? 0
				: openable.length - 1
			: clamp((openable.indexOf(recordCursor) < 0 ? -1 : at) + step, 0, openable.length - 1);
	return setAssessment(state, {recordCursor: openable[target]!});
};

const moveInAssessment: Handler<CursorMove> = (state, command) => {
	const {assessment} = state;
	const step = cursorSteps(frameLayout(state.size).body - 4)[command];
	if (assessment.view === 'panels')
		return setAssessment(state, {cursor: clamp(assessment.cursor + step, 0, kpiOrder.length - 1)});
	if (assessment.view === 'alerts') return moveInAlerts(state, step);
	const count = isAnalysisView(assessment.view)
		? analysisRowCount(state)
		: assessment.view === 'trend'
			? currentTrend(state).behind.ids.length
			: assessment.view === 'requirements'
				? currentEvaluation(state).requirements.length
				: comparedIds.length;
	return setAssessment(state, {recordCursor: clamp(assessment.recordCursor + step, 0, Math.max(0, count - 1))});
};

export const assessmentKeys: ScopeHandlers<'assessment'> = {
	...eachOf(cursorMoves, moveInAssessment),
	'assess.open': (state) => openIn[state.assessment.view](state),
	'assess.previousPeriod': stepPeriod,
	'assess.nextPeriod': stepPeriod,
	'assess.periodKind': nextPeriodKind,
	'assess.compare': showView('compare'),
	'assess.alerts': (state) => {
		const first = alertRows(currentEvaluation(state)).findIndex((row) => row.record);
		return setAssessment(state, {view: 'alerts', recordCursor: Math.max(0, first)});
	},
	'assess.editTarget': editTarget,
	'assess.requirements': showView('requirements'),
	'assess.settings': editSettings,
	'assess.money': editMoneySettings,
	'assess.costs': editCosts,
	'assess.note': editNote,
	...analysisKeys,
	'assess.back': (state) =>
		state.assessment.view === 'panels'
			? state
			: isAnalysisView(state.assessment.view) || state.assessment.trendFrom
				? backFromAnalysis(state)
				: setAssessment(state, {view: 'panels', recordCursor: 0}),
	'app.quit': quit,
};

/** Esc from a record opened in the assessment returns to it, in the view it was opened from. */
export const backToAssessment = (state: AppState): AppState => ({...switchScreen(state, 'assess'), detail: null});
