import {multilineFields} from '../../domain/stored-text.js';
import {t} from '../../i18n/i18n.js';
import {pickedKinds} from '../forms/form-definitions.js';
import {fieldTextLimit, longestText} from '../forms/form-values.js';
import type {Key} from '../keys/key-parser.js';
import {frameLayout} from '../layout/frame-layout.js';
import type {AppState, Overlay} from './app-types.js';
import {typeInForm} from './form-actions.js';
import {editImportQuery} from './import-wizard.js';
import {refilter} from './list-navigation.js';
import {editOverlayInput} from './overlay-actions.js';
import {editText, textInput} from './text-input.js';
import {type Layer, topLayer} from './top-layer.js';

/**
 * Where printable keys go in as text just now: what is there, how much it takes, and whether it
 * holds lines (notes, descriptions, comments, replies). Undefined where they are commands or choices.
 */
export type TextTarget = {
	where: string;
	label: string;
	text: string;
	limit: number;
	atField?: string;
	multiline?: boolean;
};

const overlayText = (overlay: Overlay): TextTarget | undefined => {
	if (overlay.kind === 'picker')
		return {where: 'picker', label: t('state.text.search'), text: overlay.query.text, limit: longestText};
	if (overlay.kind === 'prompt')
		return {
			where: 'prompt',
			label: overlay.target.kind === 'reply' ? t('state.text.reply') : t('state.text.note'),
			text: overlay.input.text,
			limit: longestText,
			multiline: true,
		};
	if (overlay.kind === 'command')
		return {where: 'command', label: t('state.text.command'), text: overlay.input.text, limit: longestText};
	return undefined;
};

const formText = (state: AppState): TextTarget | undefined => {
	const form = state.form!;
	const field = form.definition.fields.find((candidate) => candidate.key === form.focus);
	if (!field || field.kind === 'enum' || field.kind === 'rating' || pickedKinds.has(field.kind)) return undefined;
	const entity = form.definition.entity;
	return {
		where: `field:${field.key}`,
		label: field.label,
		text: form.texts[field.key] ?? '',
		limit: fieldTextLimit(form.definition, field),
		atField: field.key,
		multiline: entity !== null && multilineFields[entity].has(field.key),
	};
};

/** The layers that take text, and what each has (the overlays without text, help and the panes take none). */
const textTargets: Partial<Record<Layer, (state: AppState) => TextTarget | undefined>> = {
	picker: (state) => overlayText(state.overlay!),
	prompt: (state) => overlayText(state.overlay!),
	command: (state) => overlayText(state.overlay!),
	form: formText,
	importFile: (state) =>
		state.importing!.reading
			? undefined
			: {where: 'import', label: t('state.text.path'), text: state.importing!.query.text, limit: longestText},
	filter: (state) => ({
		where: 'filter',
		label: t('state.text.filter'),
		text: state.lists[state.screen].filter,
		limit: longestText,
	}),
};

/** Where text typed now goes, on the top layer; none on a terminal too small to draw in. */
export const textTarget = (state: AppState): TextTarget | undefined =>
	frameLayout(state.size).tooSmall ? undefined : textTargets[topLayer(state)]?.(state);

/**
 * More than the field takes is refused whole, at once, in words at the field (or in the status
 * line): the field stays as it was and the operator still has the text to shorten. A paste the
 * terminal delivers in several chunks is counted whole, as long as nothing came between them.
 */
export const refuseText = (
	state: AppState,
	target: TextTarget,
	text: string,
	before: AppState['notTaken'],
): AppState => {
	// Pieces of one paste add up; a key typed at the limit is only itself.
	const count = text.length + (text.length > 1 && before?.where === target.where ? before.count : 0);
	const limit = t('state.text.limit', {limit: target.limit});
	const what = count === 1 ? t('state.text.oneRefused', {text}) : t('state.text.pasteRefused', {count});
	const refused = {...state, notTaken: {where: target.where, count}};
	if (target.atField && state.form)
		return {
			...refused,
			form: {
				...state.form,
				storeErrors: {...state.form.storeErrors, [target.atField]: t('state.text.atField', {limit, what})},
			},
		};
	return {...refused, notice: {text: t('state.text.takes', {label: target.label, limit, what}), tone: 'bad'}};
};

/** The filter is typed at its end, with the same editing keys as every other text field. */
const typeInFilter = (state: AppState, key: Key): AppState => {
	const filter = state.lists[state.screen].filter;
	const edited = editText(textInput(filter), key);
	return edited && edited.text !== filter ? refilter(state, {filter: edited.text}) : state;
};

/** Text fields take every printable key as typed: `q` or `j` in a name are letters, not commands. */
const typists: Partial<Record<Layer, (state: AppState, key: Key) => AppState>> = {
	picker: editOverlayInput,
	prompt: editOverlayInput,
	command: editOverlayInput,
	form: typeInForm,
	importFile: editImportQuery,
	filter: typeInFilter,
};

/** A key that is no command, given to the top layer's text (`state` has the notice cleared; `layer` is as the key found it). */
export const typeInto = (state: AppState, layer: Layer, key: Key): AppState => typists[layer]?.(state, key) ?? state;
