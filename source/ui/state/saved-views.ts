import {controlCharacterProblem} from '../../domain/control-characters.js';
import {filterWords} from '../../domain/filter-words.js';
import type {OperatorFile} from '../../domain/operator-file.js';
import {foldForSearch} from '../../domain/text-fold.js';
import {screenFor, screenOrder} from '../screens/screen-registry.js';
import type {AppState, SavedView, ScreenName} from './app-types.js';
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
	notice: {text: state.access.readonly ? `${text} (read-only: for this session only)` : text, tone: 'ok'},
});

const nameProblem = (name: string): string | null => {
	if (name === '') return 'a name is needed: :view save NAME';
	if ((viewWords as readonly string[]).includes(name.toLowerCase()))
		return `“${name}” is a word of :view itself (save, delete, default); choose another name`;
	if (name.length > 60) return 'a name is at most 60 characters';
	const controls = controlCharacterProblem(name, false);
	return controls ? `the name ${controls}` : null;
};

/** `:view save NAME`: this list's filter and sort, under NAME (replacing a view of that name). */
const saveView = (state: AppState, name: string): AppState => {
	const problem = nameProblem(name);
	if (problem) return info(state, `Not saved: ${problem}.`, 'bad');
	if (screenFor(state.screen).columns.length === 0)
		return info(state, 'Not saved: a view is of a list (its filter and sort); this screen has none.', 'bad');
	const {filter, sort} = state.lists[state.screen];
	const column = screenFor(state.screen).columns.find((candidate) => candidate.id === sort.column);
	const existing = findView(state, name);
	const replaced = existing
		? ` It replaces the view of that name${existing[1].screen === state.screen ? '' : ` (of ${screenFor(existing[1].screen as ScreenName)?.title.toLowerCase() ?? existing[1].screen})`}.`
		: '';
	return changed(
		state,
		{kind: 'save', name, view: {screen: state.screen, filter, sort}},
		`Saved the view “${name}” of ${screenFor(state.screen).title.toLowerCase()}${filter ? `: /${filter}` : ''}, by ${column?.title ?? sort.column} ${sort.descending ? '↓' : '↑'}. :view ${name} recalls it.${replaced}`,
	);
};

/** Words of a filter that name a column (`stage:…`) the list no longer has: matched as plain text now. */
const unknownFields = (screen: ScreenName, filter: string): string[] => {
	const names = new Set(
		screenFor(screen).columns.flatMap((column) => [
			foldForSearch(column.id),
			foldForSearch(column.title).replace(/[\s↑↓]+/g, ''),
		]),
	);
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
		return info(state, `The view “${name}” is of a screen this console does not have (${view.screen}).`, 'bad');
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
		sortKnown ? '' : `its sort column “${view.sort.column}” no longer exists, so it is in the list's own order`,
		missing.length > 0 ? `“${missing.join(':”, “')}:” names no column now and is matched as plain text` : '',
	].filter(Boolean);
	return info(
		next,
		problems.length > 0
			? `View “${name}”: ${problems.join('; ')}. :view save ${name} keeps it as it is now.`
			: `View “${name}”${view.filter ? `: /${view.filter}` : ''}.`,
		problems.length > 0 ? 'bad' : 'info',
	);
};

export const recallView = (state: AppState, name: string): AppState => {
	const found = findView(state, name);
	if (!found) {
		const names = Object.keys(state.views.saved);
		return info(
			state,
			`No view is called “${name}”${names.length > 0 ? `: yours are ${names.map((one) => `“${one}”`).join(', ')}` : ': :view save NAME saves the list as it is'}.`,
			'bad',
		);
	}
	return applyView(state, found[1], found[0]);
};

const deleteView = (state: AppState, name: string): AppState => {
	if (name === '') return info(state, 'Name the view to delete: :view delete NAME (Tab completes it).', 'bad');
	const found = findView(state, name);
	if (!found) return info(state, `No view is called “${name}”.`, 'bad');
	return changed(
		state,
		{kind: 'delete', name: found[0]},
		`Deleted the view “${found[0]}” (:view save ${found[0]} makes it again from a list).`,
	);
};

/** `:view default NAME`: the view its screen opens with; `:view default` alone: this screen opens plain again. */
const setDefault = (state: AppState, name: string | null): AppState => {
	if (name === null)
		return changed(
			state,
			{kind: 'default', screen: state.screen, name: null},
			`${screenFor(state.screen).title} open with no view of yours now.`,
		);
	const found = findView(state, name);
	if (!found) return info(state, `No view is called “${name}”.`, 'bad');
	const screen = found[1].screen as ScreenName;
	return changed(
		state,
		{kind: 'default', screen, name: found[0]},
		`${screenFor(screen).title} open with the view “${found[0]}” from now on.`,
	);
};

export const runViewCommand = (state: AppState, command: ViewCommand): AppState => {
	switch (command.kind) {
		case 'pick': {
			const names = Object.keys(state.views.saved);
			if (names.length === 0)
				return info(state, 'You have no saved view yet: :view save NAME saves this list as it is.');
			return {
				...state,
				overlay: {
					kind: 'picker',
					title: 'Recall which view?',
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
