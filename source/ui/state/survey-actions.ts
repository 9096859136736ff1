import {t} from '../../i18n/i18n.js';
import {surveyForm} from '../forms/survey-form.js';
import type {AppState, FormState} from './app-types.js';
import {formKeys, openNewForm} from './form-actions.js';
import type {Handler} from './key-handlers.js';
import {topLayer} from './top-layer.js';

/** Where nothing is under way: the survey may open over these, never over a form, a prompt, the filter, an import or a merge. */
const quietLayers = new Set(['list', 'detail', 'board', 'assessment']);

/**
 * Opens the survey: `offered` when the console offers it (Esc then postpones or declines it),
 * else opened by the operator (`!`, `:survey`; Esc just closes it). What was on the status line stays.
 */
export const openSurvey = (state: AppState, offered: boolean): AppState => {
	if (state.access.readonly)
		return {
			...state,
			notice: {text: t('state.survey.readonly'), tone: 'bad'},
		};
	const opened = openNewForm(state, surveyForm, {operator: state.operator});
	return {
		...opened,
		notice: state.notice,
		form: {...opened.form!, survey: {offered, escDeclines: offered && state.survey.escDeclines}},
		survey: {...state.survey, due: false},
	};
};

/** The survey that has come due opens once the operator is on a list, a record, the board or the panels, with no save under way. */
export const offerSurveyIfIdle = (state: AppState): AppState =>
	state.survey.due &&
	!state.access.readonly &&
	state.request === null &&
	state.importing === null &&
	quietLayers.has(topLayer(state))
		? openSurvey(state, true)
		: state;

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** How many of the survey's items the operator has answered, the comment counting as one. */
const answersGiven = (form: FormState): number =>
	form.definition.fields.filter((field) => (form.texts[field.key] ?? '').trim() !== '').length;

/**
 * Esc on the survey. With answers given it first asks (y leaves, n goes back): thirteen ratings are
 * not thrown away by one key. Then `leaveSurvey`.
 */
export const closeSurvey: Handler<'form.cancel'> = (state, command, key) => {
	const form = state.form;
	if (!form?.survey) return formKeys['form.cancel'](state, command, key);
	const given = answersGiven(form);
	if (given === 0) return leaveSurvey(state);
	const then = !form.survey.offered
		? ''
		: form.survey.escDeclines
			? t('state.survey.notAgain')
			: t('state.survey.tomorrow');
	return {
		...state,
		overlay: {
			kind: 'confirm',
			message: t('state.survey.leaveAsk'),
			details: [t('state.survey.unsaved', {count: given, then})],
			onYes: {kind: 'leaveSurvey'},
		},
	};
};

/**
 * Leaves the survey unsent. Opened by the operator, it just closes. Offered, it is postponed a day —
 * or, when it was postponed already in this window, declined until the next one — and the operator's
 * file keeps that.
 */
export const leaveSurvey = (state: AppState): AppState => {
	const survey = state.form?.survey;
	if (!survey?.offered) return {...state, form: null, notice: {text: t('state.survey.closed'), tone: 'info'}};
	const declines = survey.escDeclines;
	const days = state.settings.survey.offerEveryDays;
	const text = declines
		? t('state.survey.skipped', {day: day(state.now + days * 86_400_000)})
		: t('state.survey.postponed');
	return {
		...state,
		form: null,
		survey: {...state.survey, esc: {declines, at: state.now}},
		notice: {text, tone: 'info'},
	};
};
