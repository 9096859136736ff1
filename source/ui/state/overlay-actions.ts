import {controlCharacterProblem} from '../../domain/control-characters.js';
import type {AnyStoredRecord, EntityName} from '../../domain/dataset.js';
import type {Ticket} from '../../domain/ticket.js';
import {t} from '../../i18n/i18n.js';
import {feedbackForm} from '../forms/form-definitions.js';
import type {Key} from '../keys/key-parser.js';
import type {CommandId} from '../keys/keymap.js';
import {frameLayout} from '../layout/frame-layout.js';
import type {AppState, Overlay} from './app-types.js';
import {currentEvaluation} from './assessment.js';
import {askToAddAudience} from './audience-actions.js';
import {chooseBulkAction, chooseBulkValue, requestBulk, submitBulkCount} from './bulk-actions.js';
import {openNewForm, rebaseForm, saveForm, setFormValue} from './form-actions.js';
import {type CursorMove, cursorMoves, cursorSteps, eachOf, type Handler, type ScopeHandlers} from './key-handlers.js';
import {openOfferedForm} from './lifecycle-actions.js';
import {openDetail, scrollBy} from './list-navigation.js';
import {pickerRows} from './picker-rows.js';
import {customerLabel} from './related-records.js';
import {requestApply, requestSettings} from './requests.js';
import {recallView} from './saved-views.js';
import {viewContext} from './selection.js';
import {leaveSurvey} from './survey-actions.js';
import {editText, textInput} from './text-input.js';
import {reportRows} from './view-rows.js';

type Picker = Extract<Overlay, {kind: 'picker'}>;

/** Rows a picker shows at once: the frame less its title, query line and border. */
export const pickerPage = (state: AppState): number => Math.max(3, frameLayout(state.size).body - 4);

export const closeOverlay = (state: AppState): AppState => ({...state, overlay: null});

const choose = (state: AppState, picker: Picker): AppState => {
	const row = pickerRows(state, picker)[picker.cursor];
	if (!row) return {...state, notice: {text: t('state.overlay.noMatch'), tone: 'info'}};
	const closed = closeOverlay(state);
	if (picker.target.kind === 'formField') {
		const {key} = picker.target;
		// A product picked for an order line starts the line: one of it, at the catalogue's price.
		const isLine = state.form!.definition.fields.some((field) => field.key === key && field.kind === 'line');
		return {...closed, form: setFormValue(state.form!, key, isLine ? `1 x ${row.value}` : row.value)};
	}
	if (picker.target.kind === 'jump') return jumpTo(closed, row.value);
	if (picker.target.kind === 'bulkAction') return chooseBulkAction(closed, row.value);
	if (picker.target.kind === 'bulkValue') return chooseBulkValue(closed, picker.target.action, row.value);
	if (picker.target.kind === 'view') return recallView(closed, row.value);
	if (picker.target.kind === 'audience') {
		const campaign = state.dataset.campaigns.find((candidate) => candidate.id === row.value);
		return campaign ? askToAddAudience(closed, campaign) : closed;
	}
	const {dealId, title, version} = picker.target;
	// The reason first: on a narrow status line a long title is what gets cut.
	if (picker.target.kind === 'wonReason')
		return requestApply(
			closed,
			[{kind: 'update', entity: 'opportunities', id: dealId, version, values: {stage: 'won', wonReason: row.value}}],
			t('state.overlay.won', {reason: row.value, title}),
			{after: {kind: 'offerOrder', dealId}},
		);
	return requestApply(
		closed,
		[{kind: 'update', entity: 'opportunities', id: dealId, version, values: {stage: 'lost', lostReason: row.value}}],
		t('state.overlay.lost', {reason: row.value, title}),
	);
};

const submitPrompt = (state: AppState, prompt: Extract<Overlay, {kind: 'prompt'}>): AppState => {
	const target = prompt.target;
	// A pasted control character (a C1 byte arrives as text) is refused here, with the prompt kept open to fix it.
	const controls = controlCharacterProblem(prompt.input.text, true);
	if (controls) return {...state, notice: {text: t('state.overlay.badText', {problem: controls}), tone: 'bad'}};
	if (target.kind === 'bulkValue') return chooseBulkValue(closeOverlay(state), target.action, prompt.input.text);
	if (target.kind === 'bulkCount') return submitBulkCount(state, prompt.input.text, target.count);
	if (target.kind === 'requirementNote') {
		// The status as shown (derived, or the override): a note alone does not change it.
		const requirement = currentEvaluation(state).requirements.find((entry) => entry.id === target.id);
		if (!requirement) return closeOverlay(state);
		return requestSettings(
			closeOverlay(state),
			{
				kind: 'requirement',
				id: requirement.id,
				status: requirement.status,
				note: prompt.input.text.trim(),
				label: requirement.text,
			},
			t('state.overlay.noted', {label: requirement.text}),
		);
	}
	const body = prompt.input.text.trim();
	if (body === '') return {...state, notice: {text: t('state.overlay.replyEmpty'), tone: 'bad'}};
	const ticket = viewContext(state).related.ticketsById.get(target.ticketId) as Ticket | undefined;
	if (!ticket) return {...closeOverlay(state), notice: {text: t('state.overlay.ticketGone'), tone: 'bad'}};
	const comment = {at: new Date(state.now).toISOString(), author: state.operator, body, kind: 'reply' as const};
	return requestApply(
		closeOverlay(state),
		[
			{
				kind: 'update',
				entity: 'tickets',
				id: ticket.id,
				version: target.version,
				values: {comments: [...ticket.comments, comment]},
			},
		],
		t('state.overlay.replied', {subject: ticket.subject}),
	);
};

/** Opens a record found by search: its screen, its row (the filter cleared if it hid it), its detail. */
const jumpTo = (state: AppState, value: string): AppState => {
	const [entity, id] = value.split(':') as [EntityName, string];
	const unfiltered = {
		...state,
		lists: {...state.lists, [entity]: {...state.lists[entity], filter: '', anchorId: undefined}},
	};
	return {...openDetail(unfiltered, entity, id), form: null};
};

export const openSearch = (state: AppState, text = ''): AppState => ({
	...state,
	overlay: {
		kind: 'picker',
		title: t('state.overlay.search'),
		choices: 'records',
		query: textInput(text),
		cursor: 0,
		target: {kind: 'jump'},
	},
});

/** A key of an overlay, on that overlay. */
export const onOverlay =
	<K extends Overlay['kind'], C extends CommandId>(
		kind: K,
		act: (state: AppState, overlay: Extract<Overlay, {kind: K}>, command: C) => AppState,
	): Handler<C> =>
	(state, command) =>
		state.overlay?.kind === kind ? act(state, state.overlay as Extract<Overlay, {kind: K}>, command) : state;

const movePicker = onOverlay<'picker', 'cursor.down' | 'cursor.up' | 'cursor.pageDown' | 'cursor.pageUp'>(
	'picker',
	(state, picker, command) => {
		const count = pickerRows(state, picker).length;
		const step = cursorSteps(pickerPage(state))[command];
		return {...state, overlay: {...picker, cursor: Math.max(0, Math.min(count - 1, picker.cursor + step))}};
	},
);

export const pickerKeys: ScopeHandlers<'picker'> = {
	'picker.choose': onOverlay('picker', choose),
	'picker.cancel': closeOverlay,
	'cursor.down': movePicker,
	'cursor.up': movePicker,
	'cursor.pageDown': movePicker,
	'cursor.pageUp': movePicker,
};

const confirmYes = onOverlay('confirm', (state, confirm) => {
	const action = confirm.onYes;
	if (action.kind === 'apply') return requestApply(closeOverlay(state), action.mutations, action.notice);
	if (action.kind === 'bulk') return requestBulk(closeOverlay(state), action.request);
	if (action.kind === 'export')
		return {
			...closeOverlay(state),
			request: {...action.request, id: state.nextRequestId},
			nextRequestId: state.nextRequestId + 1,
			notice: {text: t('state.exporting'), tone: 'info'},
		};
	if (action.kind === 'leaveSurvey') return leaveSurvey(closeOverlay(state));
	if (action.kind === 'followUpForm' || action.kind === 'orderForm')
		return openOfferedForm(closeOverlay(state), action);
	const customer = viewContext(state).related.customersById.get(action.customerId);
	return openNewForm(
		closeOverlay(state),
		feedbackForm,
		{ticketId: action.ticketId},
		{customerId: customer ? action.customerId : ''},
	);
});

const confirmNo = onOverlay('confirm', (state, confirm) =>
	confirm.onYes.kind === 'export'
		? {
				...closeOverlay(state),
				notice: {
					text: t('state.overlay.notExported', {
						path: confirm.onYes.path ?? confirm.message.replace(/^Replace (.*)\?$/, '$1'),
					}),
					tone: 'info',
				},
			}
		: closeOverlay(state),
);

export const confirmKeys: ScopeHandlers<'confirm'> = {'confirm.yes': confirmYes, 'confirm.no': confirmNo};

/** Saves the form again, on the record as it is now: with only this operator's changes, or all of the form. */
const resolveConflict: Handler<'conflict.reapply' | 'conflict.overwrite'> = (state, command) => {
	const form = state.form!;
	const current = (state.dataset[form.definition.entity!] as AnyStoredRecord[]).find(
		(record) => record.id === form.recordId,
	);
	if (!current)
		return {
			...closeOverlay(state),
			notice: {text: t('state.overlay.recordDeleted'), tone: 'bad'},
		};
	return saveForm({
		...closeOverlay(state),
		form: rebaseForm(form, current, command === 'conflict.reapply' ? 'reapply' : 'overwrite'),
	});
};

export const conflictKeys: ScopeHandlers<'conflict'> = {
	'conflict.reapply': resolveConflict,
	'conflict.overwrite': resolveConflict,
	'conflict.cancel': (state) => ({
		...closeOverlay(state),
		notice: {text: t('state.overlay.conflictCancelled'), tone: 'info'},
	}),
};

export const promptKeys: ScopeHandlers<'prompt'> = {
	'prompt.submit': onOverlay('prompt', submitPrompt),
	'prompt.cancel': (state) => ({...closeOverlay(state), pendingBulk: undefined}),
};

const scrollReport = onOverlay<'report', CursorMove>('report', (state, report, command) => {
	const total = reportRows(report, state.size.columns - 2).length;
	const scroll = scrollBy(report.scroll, command, total, frameLayout(state.size).body - 1);
	return {...state, overlay: {...report, scroll}};
});

/** A report (the records a bulk change refused): read, scrolled, closed. */
export const reportKeys: ScopeHandlers<'report'> = {
	...eachOf(cursorMoves, scrollReport),
	'report.close': closeOverlay,
};

/** Keys that are not overlay commands type into the picker's search or the prompt. */
export const editOverlayInput = (state: AppState, key: Key): AppState => {
	const overlay = state.overlay!;
	if (overlay.kind === 'picker') {
		const query = editText(overlay.query, key);
		return query ? {...state, overlay: {...overlay, query, cursor: 0}} : state;
	}
	if (overlay.kind === 'prompt') {
		const input = editText(overlay.input, key);
		return input ? {...state, overlay: {...overlay, input}} : state;
	}
	if (overlay.kind === 'command') {
		const input = editText(overlay.input, key);
		// Backspace on an empty command line closes it, as in vim.
		if (key.id === 'backspace' && overlay.input.text === '') return closeOverlay(state);
		return input ? {...state, overlay: {...overlay, input, historyIndex: null}} : state;
	}
	return state;
};

/** Offered after a ticket closes: record what the customer thought of it. */
export const offerFeedback = (state: AppState, ticketId: string, customerId: string): AppState => ({
	...state,
	overlay: {
		kind: 'confirm',
		message: t('state.overlay.feedbackAsk', {customer: customerLabel(viewContext(state).related, customerId)}),
		details: [t('state.overlay.feedbackDetail')],
		onYes: {kind: 'feedbackForm', ticketId, customerId},
	},
});
