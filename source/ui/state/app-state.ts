import {roleOf} from '../../domain/access.js';
import {type AnyStoredRecord, type Dataset, type EntityName, recordCount} from '../../domain/dataset.js';
import {howToChangeBack} from '../../domain/mutation.js';
import {recordLabel} from '../../domain/record-label.js';
import {defaultSettings, type Settings} from '../../domain/settings.js';
import {clamp} from '../../domain/units.js';
import {t} from '../../i18n/i18n.js';
import {fieldKeyOf} from '../forms/form-values.js';
import {frameLayout, type TerminalSize} from '../layout/frame-layout.js';
import {screenFor, screenOrder} from '../screens/screen-registry.js';
import type {AppAction, AppState, ListState, ScreenName, StoreResult} from './app-types.js';
import {initialAssessment} from './assessment.js';
import {boardColumns, boardPositionOf} from './board.js';
import {bulkApplied, bulkProgress} from './bulk-result.js';
import {conflictFields} from './form-actions.js';
import {importFinished, importFound, importListed, importProgress, importRead, importStopped} from './import-wizard.js';
import {handleKey, replayKeys, replayWaiting} from './key-input.js';
import {offerAfterSave} from './lifecycle-actions.js';
import {placeCursor, selectRow} from './list-navigation.js';
import {loadWorthSaying} from './loading.js';
import {pruneMarks} from './marks.js';
import {offerFeedback} from './overlay-actions.js';
import {viewsLoaded} from './saved-views.js';
import {rowsOf, viewContext} from './selection.js';
import {offerSurveyIfIdle} from './survey-actions.js';

export type {AppAction, AppState, ListState, Mode, ScreenName} from './app-types.js';
export {rowsOf, viewContext} from './selection.js';

export const initialState = (
	dataset: Dataset,
	size: TerminalSize,
	now: number,
	options: {
		screen?: ScreenName;
		settings?: Settings;
		operator?: string;
		access?: AppState['access'];
		mask?: boolean;
	} = {},
): AppState => ({
	dataset,
	settings: options.settings ?? defaultSettings(),
	operator: options.operator ?? 'operator',
	access: options.access ?? {role: 'admin', readonly: false},
	mask: options.mask ?? false,
	screen: options.screen ?? 'customers',
	lists: Object.fromEntries(
		screenOrder.map((name) => [name, {cursor: 0, offset: 0, filter: '', sort: screenFor(name).defaultSort}]),
	) as Record<ScreenName, ListState>,
	mode: 'list',
	detail: null,
	form: null,
	importing: null,
	overlay: null,
	help: {open: false, scroll: 0},
	request: null,
	nextRequestId: 1,
	keyBuffer: [],
	commandHistory: [],
	lang: 'en',
	marks: {},
	frequency: null,
	views: {saved: {}, defaults: {}},
	viewOps: [],
	board: {column: 0, row: 0},
	assessment: initialAssessment(now),
	duplicates: {cursor: 0, merge: null},
	size,
	now,
	notice: null,
	quit: false,
	redraws: 0,
	survey: {due: false, escDeclines: false, esc: null},
	loading: null,
});

/**
 * New data: another console's save, or more of the data read behind the first rows (`loading`); when
 * the last of it is read, the operator hears so (the lists, filters, sorts and KPIs are whole from then on).
 */
const dataArrived = (state: AppState, action: Extract<AppAction, {type: 'dataset'}>): AppState => {
	const loading = action.loading === undefined ? state.loading : action.loading;
	// Only how far the data is read (the same records): the lists are as they were.
	if (action.dataset === state.dataset && loading !== null && (action.settings ?? state.settings) === state.settings)
		return {...state, loading};
	const read = state.loading !== null && loading === null;
	const done = read && recordCount(action.dataset) >= loadWorthSaying;
	// Opened on its first records, a file's change log (which vouches for the roles in force) came last: a hand edit of
	// the settings file's roles is found only now, and said as a start says it.
	const warning = read && action.rolesWarning ? {notice: {text: action.rolesWarning, tone: 'info' as const}} : {};
	const settings = action.settings ?? state.settings;
	const next: AppState = {
		...state,
		dataset: action.dataset,
		settings,
		// Roles changed by an admin elsewhere are in force here at once: what the console offers follows them.
		access: {...state.access, role: roleOf(settings.access, state.operator)},
		loading,
		...(done ? {notice: {text: t('lists.loaded', {count: recordCount(action.dataset)}), tone: 'ok' as const}} : {}),
		...warning,
	};
	return pruneMarks(reflow(keepSelection(state, next)));
};

/** Re-places every cursor after a resize or new data, so the window never points past the rows. */
const reflow = (state: AppState): AppState => {
	const page = frameLayout(state.size).tableRows;
	const lists = {...state.lists};
	for (const name of screenOrder)
		lists[name] = placeCursor(lists[name], lists[name].cursor, rowsOf(state, name).length, page);
	const detailGone = state.detail !== null && !screenFor(state.screen).find(state.detail.id, viewContext(state));
	const columns = boardColumns(viewContext(state));
	const board = {
		column: state.board.column,
		row: clamp(state.board.row, 0, Math.max(0, (columns[state.board.column]?.deals.length ?? 1) - 1)),
	};
	return {
		...state,
		lists,
		board,
		...(detailGone
			? {mode: 'list' as const, detail: null, notice: {text: t('state.app.recordGone'), tone: 'info' as const}}
			: {}),
	};
};

/**
 * Changes saved elsewhere arrive as new data: each list's cursor stays on the record it was on,
 * wherever a row added or removed above it moved it (Enter, e or d must act on what the operator sees).
 */
const keepSelection = (before: AppState, after: AppState): AppState => {
	const lists = {...after.lists};
	// The data whole at last, in the list's own order: a list still at its first row shows the first rows of that order.
	const ordered = before.loading !== null && after.loading === null;
	for (const name of screenOrder) {
		if (ordered && before.lists[name].cursor === 0) continue;
		const selected = rowsOf(before, name)[before.lists[name].cursor];
		if (!selected) continue;
		const index = rowsOf(after, name).findIndex((row) => row.id === selected.id);
		if (index >= 0 && index !== before.lists[name].cursor) lists[name] = {...lists[name], cursor: index};
	}
	return {...after, lists};
};

/** The undo's action in words: `update`, `delete`, `create` (as the change log names it). */
const undoAction = (action: string): string =>
	action === 'create'
		? t('state.undo.create')
		: action === 'delete'
			? t('state.undo.delete')
			: action === 'update'
				? t('state.undo.update')
				: action;

/** What `u` undid: the change (and how many saved with it), and a later settings change it leaves. */
const undoneWords = (result: StoreResult): string => {
	const undone = result.undone;
	const later = result.notUndone
		? t('state.undo.laterStays', {label: result.notUndone.label, how: howToChangeBack(result.notUndone)})
		: '';
	if (!undone) return t('state.undo.last', {later});
	const words = {action: undoAction(undone.action), label: undone.label, later};
	return (result.count ?? 1) > 1
		? t('state.undo.batch', {...words, changes: result.count ?? 1})
		: t('state.undo.one', words);
};

/** The store saved a change: show the new data, close the form, select what was saved. */
const applied = (state: AppState, action: Extract<AppAction, {type: 'applied'}>): AppState => {
	const request = state.request;
	if (!request || request.id !== action.requestId) return state;
	const entry = action.result.entries.at(-1);
	let next: AppState = pruneMarks(
		reflow({
			...state,
			dataset: action.result.dataset,
			request: null,
			progress: undefined,
			now: Math.max(state.now, action.now),
		}),
	);
	// A bulk change leaves the cursor where it was: the operator goes on down the same list.
	if (request.kind === 'bulk') return replayKeys(keepSelection(state, bulkApplied(next, request, action.result)));
	if (request.kind === 'apply' && request.fromForm) next = {...next, form: null};
	const entity = entry?.entity as EntityName | undefined;
	if (
		entry &&
		entry.action !== 'delete' &&
		entity &&
		screenOrder.includes(entity) &&
		next.mode === 'list' &&
		next.screen === entity
	) {
		next = selectRow(next, entry.recordId);
	}
	// On the board the cursor follows the deal that moved, so a second > moves the same deal again.
	if (next.mode === 'board' && entity === 'opportunities' && entry) {
		const position = boardPositionOf(boardColumns(viewContext(next)), entry.recordId);
		if (position) next = {...next, board: position};
	}
	const text =
		request.kind === 'undo'
			? undoneWords(action.result)
			: action.result.entries.length === 0
				? t('state.app.nothingToSave')
				: 'notice' in request
					? request.notice
					: t('state.app.saved');
	next = {...next, notice: {text, tone: 'ok'}};
	if (request.kind === 'apply' && request.after?.kind === 'offerFeedback')
		next = offerFeedback(next, request.after.ticketId, request.after.customerId);
	else if (request.kind === 'apply' && request.after) next = offerAfterSave(next, request.after) ?? next;
	return replayKeys(next);
};

const failed = (state: AppState, action: Extract<AppAction, {type: 'failed'}>): AppState => {
	if (!state.request || state.request.id !== action.requestId) return state;
	if (state.request.kind === 'import')
		return importStopped(
			action.dataset && action.dataset !== state.dataset ? reflow({...state, dataset: action.dataset}) : state,
			action.message,
		);
	const storeErrors = Object.fromEntries(action.issues.map((issue) => [fieldKeyOf(issue.field), issue.message]));
	const fromForm = state.request.kind === 'apply' && state.request.fromForm;
	const form = state.form && fromForm ? {...state.form, storeErrors} : state.form;
	const refreshed =
		action.dataset && action.dataset !== state.dataset ? reflow({...state, dataset: action.dataset}) : state;
	// Two operators edited the same record: show what each changed and let this one choose.
	const entity = state.form?.definition.entity;
	const current =
		fromForm && action.conflict && entity
			? (refreshed.dataset[entity] as AnyStoredRecord[]).find((record) => record.id === action.conflict)
			: undefined;
	if (current && state.form) {
		const by =
			[...refreshed.dataset.changes].reverse().find((entry) => entry.recordId === current.id)?.operator ??
			t('state.app.someone');
		const message = t('state.app.conflict', {
			by,
			label: recordLabel(entity!, current),
			version: current.version,
			opened: String(state.form.version),
		});
		return {
			...refreshed,
			request: null,
			keyBuffer: [],
			form: state.form,
			overlay: {kind: 'conflict', message, fields: conflictFields(state.form, current)},
			notice: {text: t('state.app.chooseConflict'), tone: 'bad'},
		};
	}
	// A refused change drops the keys typed after it: they were meant for a state that did not come.
	return {
		...refreshed,
		request: null,
		progress: undefined,
		keyBuffer: [],
		form,
		notice: {text: action.message, tone: 'bad'},
	};
};

const reduce = (state: AppState, action: AppAction): AppState => {
	switch (action.type) {
		case 'key':
			return handleKey(state, action.key);
		case 'resize':
			// The same size (the console's first effect says it once): every cursor is placed for it already;
			// a reflow would sort every list of the data (a second at 500k records) right after the first frame.
			return action.size.columns === state.size.columns && action.size.rows === state.size.rows
				? state
				: reflow({...state, size: action.size});
		case 'tick':
			return {...state, now: action.now};
		case 'dataset':
			return dataArrived(state, action);
		case 'bulkProgress':
			return bulkProgress(state, action);
		case 'views':
			return viewsLoaded(state, action.views);
		case 'viewsSynced':
			return {...state, views: action.views};
		case 'metrics':
			return {...state, metrics: action.metrics};
		case 'notice':
			return {...state, notice: {text: action.text, tone: action.tone}};
		case 'surveyDue':
			return {...state, survey: {...state.survey, due: true, escDeclines: action.escDeclines}};
		case 'applied':
			return applied(state, action);
		case 'exported':
			if (!state.request || state.request.id !== action.requestId) return state;
			return replayKeys({...state, request: null, notice: {text: action.message, tone: 'ok'}});
		case 'exportExists': {
			const request = state.request;
			if (!request || request.id !== action.requestId || request.kind !== 'export') return state;
			const {id: _id, ...again} = request;
			// Nothing is replaced without a yes; the keys typed meanwhile were meant for after the export, so they go.
			return {
				...state,
				request: null,
				keyBuffer: [],
				notice: null,
				overlay: {
					kind: 'confirm',
					message: t('state.app.replaceAsk', {path: action.path}),
					details: [t('state.app.replaceDetail', {bytes: action.bytes, records: request.count})],
					onYes: {kind: 'export', request: {...again, replace: true}, path: action.path},
				},
			};
		}
		case 'settingsSaved': {
			if (!state.request || state.request.id !== action.requestId || state.request.kind !== 'settings') return state;
			const form = state.request.fromForm ? null : state.form;
			const next = {
				...state,
				settings: action.settings,
				request: null,
				form,
				notice: {text: state.request.notice, tone: 'ok' as const},
			};
			return replayKeys(
				action.dataset && action.dataset !== state.dataset ? reflow({...next, dataset: action.dataset}) : next,
			);
		}
		case 'failed':
			return failed(state, action);
		case 'importFound':
			return replayWaiting(importFound(state, action.found));
		case 'importListed':
			return replayWaiting(importListed(state, action.folder, action.entries, action.error));
		case 'importRead':
			return replayWaiting(importRead(state, action.file, action.result));
		case 'importProgress':
			return importProgress(state, action.requestId, action.progress);
		case 'imported': {
			const finished = importFinished(state, action.requestId, action);
			return finished === state ? state : replayKeys(reflow(finished));
		}
	}
};

/** Every action, then the survey if it is due and nothing else is open (never over a form, an import or a prompt). */
export const appReducer = (state: AppState, action: AppAction): AppState => offerSurveyIfIdle(reduce(state, action));
