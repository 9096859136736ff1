import {type KpiId, kpiCatalog} from '../../assessment/kpi-catalog.js';
import type {AnyStoredRecord} from '../../domain/dataset.js';
import type {Mutation} from '../../domain/mutation.js';
import {recordLabel} from '../../domain/record-label.js';
import {t} from '../../i18n/i18n.js';
import {costsPatch} from '../forms/costs-form.js';
import {type FormDefinition, type FormField, pickedKinds} from '../forms/form-definitions.js';
import {type FormErrors, recordToTexts, validateForm, visibleFields} from '../forms/form-values.js';
import {moneyPatch} from '../forms/money-settings-form.js';
import {editRating} from '../forms/rating-input.js';
import type {Key} from '../keys/key-parser.js';
import type {AfterSave, AppState, ConflictField, FormState} from './app-types.js';
import type {Handler, ScopeHandlers} from './key-handlers.js';
import {requestApply, requestSettings} from './requests.js';
import {editText, textInput} from './text-input.js';

/** A new form starts on its first empty field: a feedback form with its customer filled starts on the rating. */
const firstField = (definition: FormDefinition, texts: Record<string, string>): string => {
	const fields = visibleFields(definition, texts);
	return (fields.find((field) => (texts[field.key] ?? '') === '') ?? fields[0]!).key;
};

const withCaretAtEnd = (form: FormState, focus: string): FormState => ({
	...form,
	focus,
	caret: textInput(form.texts[focus] ?? '').caret,
	typingNumber: false,
});

export const openNewForm = (
	state: AppState,
	definition: FormDefinition,
	fixed: Record<string, unknown> = {},
	texts: Record<string, string> = {},
): AppState => {
	const initial = {...definition.defaults(state.settings, state.operator), ...texts};
	const form: FormState = {
		definition,
		recordId: null,
		version: null,
		texts: initial,
		original: initial,
		fixed,
		focus: '',
		caret: 0,
		touched: [],
		submitted: false,
		storeErrors: {},
	};
	return {...state, form: withCaretAtEnd(form, firstField(definition, initial)), overlay: null, notice: null};
};

export const openEditForm = (state: AppState, definition: FormDefinition, record: AnyStoredRecord): AppState => {
	const texts = recordToTexts(definition, record);
	const form: FormState = {
		definition,
		recordId: record.id,
		version: record.version,
		texts,
		original: texts,
		fixed: {},
		focus: '',
		caret: 0,
		touched: [],
		submitted: false,
		storeErrors: {},
	};
	return {...state, form: withCaretAtEnd(form, visibleFields(definition, texts)[0]!.key), overlay: null, notice: null};
};

const baseRecord = (state: AppState, form: FormState): AnyStoredRecord | undefined =>
	form.recordId === null || !form.definition.entity
		? undefined
		: (state.dataset[form.definition.entity] as AnyStoredRecord[]).find((record) => record.id === form.recordId);

/** The form's values and what is wrong with them, by the schema the store uses (the catalogue's prices for order lines). */
const validated = (state: AppState, form: FormState) =>
	validateForm(form.definition, form.texts, form.fixed, baseRecord(state, form), state.now, state.settings);

/** The errors to show: of fields the operator has left, or all of them after a save attempt. */
export const formErrors = (state: AppState, form: FormState): FormErrors => {
	const {errors, controls} = validated(state, form);
	const shown: FormErrors = {};
	for (const [key, message] of Object.entries({...errors, ...form.storeErrors})) {
		if (form.submitted || form.touched.includes(key) || key in form.storeErrors || key in controls)
			shown[key] = message;
	}
	return shown;
};

const focusedField = (form: FormState): FormField => form.definition.fields.find((field) => field.key === form.focus)!;

export const moveFocus = (form: FormState, step: number): FormState => {
	const fields = visibleFields(form.definition, form.texts);
	const index = Math.max(
		0,
		fields.findIndex((field) => field.key === form.focus),
	);
	const next = fields[(index + step + fields.length) % fields.length]!;
	const touched = form.touched.includes(form.focus) ? form.touched : [...form.touched, form.focus];
	return withCaretAtEnd({...form, touched}, next.key);
};

const setText = (form: FormState, key: string, text: string, caret?: number): FormState => {
	const {[key]: _resolved, ...storeErrors} = form.storeErrors;
	return {...form, texts: {...form.texts, [key]: text}, caret: caret ?? form.caret, storeErrors};
};

/** Sets a field from outside the form: the customer picked in the picker. */
export const setFormValue = (form: FormState, key: string, value: string): FormState =>
	moveFocus(setText(form, key, value), 1);

/** Saves the form (Ctrl+S); also after a conflict, once the operator chose how. */
export const saveForm = (state: AppState): AppState => save(state, state.form!);

/**
 * Someone saved the record while this form was open: what each side changed, field by field, for
 * the operator to choose (reload and re-apply, overwrite, cancel) instead of a silent lost update.
 */
export const conflictFields = (form: FormState, current: AnyStoredRecord): ConflictField[] => {
	const theirs = recordToTexts(form.definition, current);
	return form.definition.fields
		.filter(
			(field) =>
				(theirs[field.key] ?? '') !== (form.original[field.key] ?? '') ||
				(form.texts[field.key] ?? '') !== (form.original[field.key] ?? ''),
		)
		.map((field) => ({
			key: field.key,
			label: field.label,
			original: form.original[field.key] ?? '',
			theirs: theirs[field.key] ?? '',
			mine: form.texts[field.key] ?? '',
		}));
};

/** Takes the record as it is now under the form: `reapply` keeps only the fields this operator changed, `overwrite` all of the form. */
export const rebaseForm = (form: FormState, current: AnyStoredRecord, how: 'reapply' | 'overwrite'): FormState => {
	const theirs = recordToTexts(form.definition, current);
	const mine = Object.fromEntries(
		Object.entries(form.texts).filter(([key, text]) => text !== (form.original[key] ?? '')),
	);
	return {
		...form,
		texts: how === 'reapply' ? {...theirs, ...mine} : form.texts,
		original: theirs,
		version: current.version,
		storeErrors: {},
	};
};

/** What a saved form offers next: feedback on a ticket it closed, a follow-up on one it resolved, the order of a deal it won. */
const offerOnSave = (state: AppState, form: FormState, values: Record<string, unknown>): AfterSave | undefined => {
	if (!form.recordId) return undefined;
	const before = baseRecord(state, form) as {status?: string; stage?: string} | undefined;
	const entity = form.definition.entity;
	const customerId = String(values['customerId'] ?? '');
	if (entity === 'tickets' && values['status'] === 'closed' && before?.status !== 'closed')
		return {kind: 'offerFeedback', ticketId: form.recordId, customerId};
	if (entity === 'tickets' && values['status'] === 'resolved' && before?.status !== 'resolved')
		return {kind: 'offerFollowUp', ticketId: form.recordId, customerId};
	if (entity === 'opportunities' && values['stage'] === 'won' && before?.stage !== 'won')
		return {kind: 'offerOrder', dealId: form.recordId};
	return undefined;
};

const save = (state: AppState, form: FormState): AppState => {
	const {values, errors} = validated(state, form);
	const problems = Object.keys(errors);
	if (problems.length > 0) {
		const first = visibleFields(form.definition, form.texts).find((field) => problems.includes(field.key));
		const focused = first ? withCaretAtEnd({...form, submitted: true}, first.key) : {...form, submitted: true};
		return {
			...state,
			form: focused,
			notice: {
				text: t('state.form.attention', {count: problems.length}),
				tone: 'bad',
			},
		};
	}
	if (form.targetOf === 'general') {
		const general = values as {
			goLive: string | null;
			windowMonths: number;
			margin: number;
			slaUrgent: number;
			slaHigh: number;
			slaNormal: number;
			slaLow: number;
		};
		const patch = {
			kind: 'general' as const,
			goLive: general.goLive ? general.goLive.slice(0, 10) : null,
			windowMonths: general.windowMonths,
			roi: {margin: general.margin},
			slaHours: {urgent: general.slaUrgent, high: general.slaHigh, normal: general.slaNormal, low: general.slaLow},
		};
		return requestSettings({...state, form: {...form, submitted: true}}, patch, t('state.form.savedSettings'), true);
	}
	if (form.targetOf === 'costs')
		return requestSettings(
			{...state, form: {...form, submitted: true}},
			costsPatch(form.texts, form.original, form.fixed),
			t('state.form.savedCosts'),
			true,
		);
	if (form.targetOf === 'money')
		return requestSettings(
			{...state, form: {...form, submitted: true}},
			moneyPatch(values),
			t('state.form.savedMoney'),
			true,
		);
	if (form.targetOf) {
		const target = values as {value: number; direction: 'higher' | 'lower'; tolerance: number};
		return requestSettings(
			{...state, form: {...form, submitted: true}},
			{kind: 'target', id: form.targetOf, target, label: kpiCatalog[form.targetOf as KpiId]?.label},
			t('state.form.savedTarget', {noun: form.definition.noun}),
			true,
		);
	}
	const {noun} = form.definition;
	const entity = form.definition.entity!;
	const label = recordLabel(entity, values as unknown as AnyStoredRecord);
	const mutation: Mutation =
		form.recordId === null
			? {kind: 'create', entity, values}
			: {kind: 'update', entity, id: form.recordId, version: form.version!, values};
	const after = offerOnSave(state, form, values);
	// Duplicates are for the merge view to settle; here the operator at least hears of one.
	const email =
		entity === 'customers'
			? String(values['email'] ?? '')
					.trim()
					.toLowerCase()
			: '';
	const twin = email
		? state.dataset.customers.find(
				(customer) => customer.id !== form.recordId && customer.email.trim().toLowerCase() === email,
			)
		: undefined;
	const notice =
		form.definition.savedNotice?.(values) ??
		(twin ? t('state.form.savedTwin', {noun, label, twin: twin.name}) : t('state.form.saved', {noun, label}));
	return requestApply({...state, form: {...form, submitted: true}}, [mutation], notice, {fromForm: true, after});
};

const cycleOption = (options: readonly string[], current: string, step: number): string => {
	const index = options.indexOf(current);
	if (index < 0) return options[step > 0 ? 0 : options.length - 1] ?? '';
	return options[(index + step + options.length) % options.length]!;
};

/** The next option that starts with what was typed: `p` in Stage picks proposal, `c` in Currency CNY. */
const optionStartingWith = (options: readonly string[], current: string, typed: string): string | undefined => {
	const start = options.indexOf(current) + 1;
	const ordered = [...options.slice(start), ...options.slice(0, start)];
	return ordered.find((option) => option.toLowerCase().startsWith(typed.toLowerCase()) && option !== '');
};

/**
 * A list of numbers (a rating, an NPS) takes its number typed, digit by digit: 1 then 0 is 10, and
 * 1 then 1 is 11, refused in words — never the next option starting with 1, which ended an NPS of
 * "11" on 10. The first digit after the field is focused (or cycled with ←/→) starts a new number;
 * Backspace takes the last digit off.
 */
const typeNumber = (form: FormState, field: FormField, options: readonly string[], key: Key): FormState => {
	const current = form.texts[field.key] ?? '';
	const numbers = options.filter(Boolean).map(Number);
	const range = t('state.form.range', {from: Math.min(...numbers), to: Math.max(...numbers)});
	if (key.id === 'backspace')
		return {...setText(form, field.key, form.typingNumber ? current.slice(0, -1) : ''), typingNumber: true};
	const typed = `${form.typingNumber ? current : ''}${key.text!}`;
	const refuse = (message: string): FormState => ({...form, storeErrors: {...form.storeErrors, [field.key]: message}});
	if (!/^\d+$/.test(key.text!)) return refuse(t('state.form.notANumber', {typed: key.text!, range}));
	const value = String(Number(typed));
	if (!options.includes(value)) return refuse(t('state.form.notTaken', {typed, range}));
	return {...setText(form, field.key, value), typingNumber: true};
};

type FormOutcome = {state: AppState; openPicker?: {key: string; query: string}};

/** What each picked field picks from, and the picker's title. */
const pickerOf = (
	field: FormField,
	state: AppState,
): {title: string; choices: 'customers' | 'campaigns' | 'opportunities' | readonly string[]} => {
	switch (field.kind) {
		case 'campaign':
			return {title: t('state.form.chooseCampaign'), choices: 'campaigns'};
		case 'deal':
			return {title: t('state.form.chooseDeal'), choices: 'opportunities'};
		case 'line':
			return {
				title: t('state.form.chooseProduct'),
				choices: state.settings.products.map((entry) => entry.name),
			};
		default:
			return {title: t('state.form.chooseCustomer'), choices: 'customers'};
	}
};

/** A form key may ask for a picker (a customer, a campaign, a deal, a product); it opens over the form with what was typed. */
const withPicker = ({state, openPicker}: FormOutcome): AppState => {
	if (!openPicker) return state;
	const field = state.form!.definition.fields.find((candidate) => candidate.key === openPicker.key)!;
	return {
		...state,
		overlay: {
			kind: 'picker',
			...pickerOf(field, state),
			query: textInput(openPicker.query),
			cursor: 0,
			target: {kind: 'formField', key: openPicker.key},
		},
	};
};

/** Enter on a picked field opens its picker; on an empty order line, the catalogue's (when there is one). */
const opensPicker = (state: AppState, form: FormState): boolean => {
	const field = focusedField(form);
	if (pickedKinds.has(field.kind)) return true;
	return field.kind === 'line' && (form.texts[field.key] ?? '').trim() === '' && state.settings.products.length > 0;
};

const onForm =
	(act: (state: AppState, form: FormState) => AppState): Handler =>
	(state) =>
		state.form ? act(state, state.form) : state;

export const formKeys: ScopeHandlers<'form'> = {
	'form.next': onForm((state, form) => ({...state, form: moveFocus(form, 1)})),
	'form.previous': onForm((state, form) => ({...state, form: moveFocus(form, -1)})),
	// On a customer, campaign or deal field (and an empty order line) Enter opens the picker; elsewhere it goes to the next field.
	'form.enter': onForm((state, form) =>
		opensPicker(state, form)
			? withPicker({state, openPicker: {key: form.focus, query: ''}})
			: {...state, form: moveFocus(form, 1)},
	),
	'form.save': onForm(save),
	'form.cancel': (state) => ({...state, form: null, notice: {text: t('state.form.cancelled'), tone: 'info'}}),
};

/** Typing in a form: the focused field takes the key (a customer field opens the picker with it). */
export const typeInForm = (state: AppState, key: Key): AppState => withPicker(editFormField(state, key));

/** A key that is not a form command edits the focused field, each kind in its own way. */
const editFormField = (state: AppState, key: Key): FormOutcome => {
	const form = state.form!;
	const field = focusedField(form);
	const current = form.texts[field.key] ?? '';
	if (pickedKinds.has(field.kind)) {
		if (key.text !== undefined) return {state, openPicker: {key: field.key, query: key.text}};
		if (key.id === 'backspace' || key.id === 'delete')
			return {state: {...state, form: setText(form, field.key, '', 0)}};
		return {state};
	}
	if (field.kind === 'rating') {
		const edit = editRating(current, key);
		if (edit === null) return {state};
		if ('refused' in edit)
			return {state: {...state, form: {...form, storeErrors: {...form.storeErrors, [field.key]: edit.refused}}}};
		const rated = setText(form, field.key, edit.text);
		return {state: {...state, form: edit.advance ? moveFocus(rated, 1) : rated}};
	}
	if (field.kind === 'enum') {
		const options = field.options!(state.settings);
		let next: string | undefined;
		if (key.id === 'left') next = cycleOption(options, current, -1);
		else if (key.id === 'right' || key.id === ' ') next = cycleOption(options, current, 1);
		else if (field.numeric && (key.text !== undefined || key.id === 'backspace'))
			return {state: {...state, form: typeNumber(form, field, options, key)}};
		else if (key.text !== undefined) {
			next = optionStartingWith(options, current, key.text);
			if (next === undefined) {
				// Say so at the field: a rating of 7 is refused in words, not silently ignored.
				const choices = options.filter(Boolean);
				const message =
					choices.length <= 12
						? t('state.form.notOneOf', {typed: key.text, choices: choices.join(', ')})
						: t('state.form.notOneOfMany', {typed: key.text, count: choices.length});
				return {state: {...state, form: {...form, storeErrors: {...form.storeErrors, [field.key]: message}}}};
			}
		}
		return next === undefined
			? {state}
			: {state: {...state, form: {...setText(form, field.key, next), typingNumber: false}}};
	}
	const edited = editText({text: current, caret: form.caret}, key);
	if (!edited) return {state};
	return {state: {...state, form: setText(form, field.key, edited.text, edited.caret)}};
};
