import {controlCharacterProblem} from '../../domain/control-characters.js';
import {filterWords} from '../../domain/filter-words.js';
import type {OperatorFile} from '../../domain/operator-file.js';
import {foldForSearch} from '../../domain/text-fold.js';
import {t} from '../../i18n/i18n.js';
import {screenFor, screenOrder} from '../screens/screen-registry.js';
import type {AppState, SavedView, ScreenName} from './app-types.js';
import {columnNames} from './field-filter.js';
import {refilter, switchScreen} from './list-navigation.js';
import {textInput} from './text-input.js';

/** What `:view` asks for: a view recalled, saved, deleted, made a screen's default, or the picker. */
export type ViewCommand =
	| {kind: 'pick'}
	| {kind: 'recall'; name: string}
	| {kind: 'save'; name: string}
	| {kind: 'delete'; name: string}
	| {kind: 'default'; name: string | null};

export const viewWords = ['save', 'delete', 'default'] as const;

export const parseViewCommand = (argument: string): ViewCommand => {
	const [word = '', ...rest] = argument.trim().split(/\s+/);
	const name = rest.join(' ').trim();
	switch (word.toLowerCase()) {
		case '':
			return {kind: 'pick'};
		case 'save':
			return {kind: 'save', name};
		case 'delete':
			return {kind: 'delete', name};
		case 'default':
			return {kind: 'default', name: name === '' ? null : name};
		default:
			return {kind: 'recall', name: argument.trim()};
	}
};

const info = (state: AppState, text: string, tone: 'info' | 'ok' | 'bad' = 'info'): AppState => ({
	...state,
	notice: {text, tone},
});

/** A saved view by name, case ignored. */
const findView = (state: AppState, name: string): [string, SavedView] | undefined =>
	Object.entries(state.views.saved).find(([candidate]) => foldForSearch(candidate) === foldForSearch(name.trim()));

/** One change of the saved views: what the operator's file is told, applied to what it holds then (another console may have saved one). */
export type ViewOp =
	| {kind: 'save'; name: string; view: SavedView}
	| {kind: 'delete'; name: string}
	| {kind: 'default'; screen: ScreenName; name: string | null};

const sameName = (a: string, b: string): boolean => foldForSearch(a) === foldForSearch(b.trim());

/** The views after one change: the view of that name (case ignored) replaced or removed, a screen's default set or dropped. */
export const applyViewOp = (views: AppState['views'], op: ViewOp): AppState['views'] => {
	if (op.kind === 'default') {
		const defaults = {...views.defaults};
		if (op.name === null) delete defaults[op.screen];
		else defaults[op.screen] = op.name;
		return {...views, defaults};
	}
	const saved = Object.fromEntries(Object.entries(views.saved).filter(([key]) => !sameName(key, op.name)));
	if (op.kind === 'save') return {...views, saved: {...saved, [op.name]: op.view}};
	const defaults = Object.fromEntries(Object.entries(views.defaults).filter(([, name]) => !sameName(name!, op.name)));
	return {saved, defaults};
};

const changed = (state: AppState, op: ViewOp, text: string): AppState => ({
	...state,
	views: applyViewOp(state.views, op),
	viewOps: [...state.viewOps, op],
	notice: {text: state.access.readonly ? t('state.views.sessionOnly', {text}) : text, tone: 'ok'},
});

const nameProblem = (name: string): string | null => {
	if (name === '') return t('state.views.nameNeeded');
	if ((viewWords as readonly string[]).includes(name.toLowerCase())) return t('state.views.nameReserved', {name});
	if (name.length > 60) return t('state.views.nameTooLong', {max: 60});
	const controls = controlCharacterProblem(name, false);
	return controls ? t('state.views.nameControls', {problem: controls}) : null;
};

/** `:view save NAME`: this list's filter and sort, under NAME (replacing a view of that name). */
const saveView = (state: AppState, name: string): AppState => {
	const problem = nameProblem(name);
	if (problem) return info(state, t('state.views.notSaved', {problem}), 'bad');
	if (screenFor(state.screen).columns.length === 0) return info(state, t('state.views.notAList'), 'bad');
	const {filter, sort} = state.lists[state.screen];
	const column = screenFor(state.screen).columns.find((candidate) => candidate.id === sort.column);
	const existing = findView(state, name);
	const replaced = !existing
		? ''
		: existing[1].screen === state.screen
			? t('state.views.replaces')
			: t('state.views.replacesOther', {
					screen: screenFor(existing[1].screen as ScreenName)?.title.toLowerCase() ?? existing[1].screen,
				});
	const words = {
		name,
		screen: screenFor(state.screen).title.toLowerCase(),
		filter,
		column: column?.title ?? sort.column,
		arrow: sort.descending ? '↓' : '↑',
		replaced,
	};
	return changed(
		state,
		{kind: 'save', name, view: {screen: state.screen, filter, sort}},
		filter ? t('state.views.savedFiltered', words) : t('state.views.saved', words),
	);
};

/** Words of a filter that name a column (`stage:…`) the list no longer has: matched as plain text now. */
const unknownFields = (screen: ScreenName, filter: string): string[] => {
	const names = new Set(screenFor(screen).columns.flatMap(columnNames));
	return filterWords(filter)
		.map((word) => /^([a-z][a-z-]*):/.exec(word)?.[1])
		.filter((name): name is string => name !== undefined && !names.has(name));
};

/**
 * A saved view applied to its screen: its filter and sort. A sort column the list no longer has
 * falls back to the screen's own order, and a filter word naming a missing column is said.
 */
export const applyView = (state: AppState, view: SavedView, name: string): AppState => {
	const screen = view.screen as ScreenName;
	if (!screenOrder.includes(screen))
		return info(state, t('state.views.unknownScreen', {name, screen: view.screen}), 'bad');
	const definition = screenFor(screen);
	const sortKnown = definition.columns.some((column) => column.id === view.sort.column);
	const sort = sortKnown ? view.sort : definition.defaultSort;
	const onScreen = switchScreen(state, screen);
	const sorted = {
		...onScreen,
		lists: {...onScreen.lists, [screen]: {...onScreen.lists[screen], sort, cursor: 0, offset: 0}},
	};
	const next = refilter(sorted, {filter: view.filter});
	const missing = unknownFields(screen, view.filter);
	const problems = [
		sortKnown ? '' : t('state.views.sortGone', {column: view.sort.column}),
		missing.length > 0
			? t('state.views.fieldsGone', {
					fields: missing.map((field) => t('state.views.field', {field})).join(t('state.listSeparator')),
				})
			: '',
	].filter(Boolean);
	return info(
		next,
		problems.length > 0
			? t('state.views.problems', {name, problems: problems.join(t('state.clauseSeparator'))})
			: view.filter
				? t('state.views.appliedFiltered', {name, filter: view.filter})
				: t('state.views.applied', {name}),
		problems.length > 0 ? 'bad' : 'info',
	);
};

export const recallView = (state: AppState, name: string): AppState => {
	const found = findView(state, name);
	if (!found) {
		const names = Object.keys(state.views.saved);
		return info(
			state,
			names.length > 0
				? t('state.views.noSuchYours', {
						name,
						names: names.map((one) => t('state.views.quoted', {name: one})).join(t('state.listSeparator')),
					})
				: t('state.views.noSuchNone', {name}),
			'bad',
		);
	}
	return applyView(state, found[1], found[0]);
};

const deleteView = (state: AppState, name: string): AppState => {
	if (name === '') return info(state, t('state.views.deleteNeedsName'), 'bad');
	const found = findView(state, name);
	if (!found) return info(state, t('state.views.noSuch', {name}), 'bad');
	return changed(state, {kind: 'delete', name: found[0]}, t('state.views.deleted', {name: found[0]}));
};

/** `:view default NAME`: the view its screen opens with; `:view default` alone: this screen opens plain again. */
const setDefault = (state: AppState, name: string | null): AppState => {
	if (name === null)
		return changed(
			state,
			{kind: 'default', screen: state.screen, name: null},
			t('state.views.defaultNone', {screen: screenFor(state.screen).title}),
		);
	const found = findView(state, name);
	if (!found) return info(state, t('state.views.noSuch', {name}), 'bad');
	const screen = found[1].screen as ScreenName;
	return changed(
		state,
		{kind: 'default', screen, name: found[0]},
		t('state.views.defaultSet', {screen: screenFor(screen).title, name: found[0]}),
	);
};

export const runViewCommand = (state: AppState, command: ViewCommand): AppState => {
	switch (command.kind) {
		case 'pick': {
			const names = Object.keys(state.views.saved);
			if (names.length === 0) return info(state, t('state.views.noneYet'));
			return {
				...state,
				overlay: {
					kind: 'picker',
					title: t('state.views.recallWhich'),
					choices: names,
					query: textInput(),
					cursor: 0,
					target: {kind: 'view'},
				},
			};
		}
		case 'recall':
			return recallView(state, command.name);
		case 'save':
			return saveView(state, command.name);
		case 'delete':
			return deleteView(state, command.name);
		case 'default':
			return setDefault(state, command.name);
	}
};

/** The views read from the operator's file, each screen opened with its default view (where the operator has not filtered it yet). */
export const viewsLoaded = (state: AppState, views: AppState['views']): AppState => {
	let next: AppState = {...state, views};
	for (const [screen, name] of Object.entries(views.defaults) as Array<[ScreenName, string]>) {
		const view = views.saved[name];
		if (!view || view.screen !== screen || !screenOrder.includes(screen) || state.lists[screen].filter !== '') continue;
		const applied = applyView({...next, screen}, view, name);
		next = {...applied, screen: state.screen, mode: state.mode, detail: state.detail, notice: state.notice};
	}
	return next;
};

/** The views as the operator's file keeps them. */
export const viewsOfFile = (file: OperatorFile): AppState['views'] => ({
	saved: (file.views ?? {}) as Record<string, SavedView>,
	defaults: (file.defaultViews ?? {}) as Partial<Record<ScreenName, string>>,
});
