import type {Dataset, EntityName} from '../../domain/dataset.js';
import type {Key} from '../keys/key-parser.js';
import {activeScopes, commandFor, type CommandId} from '../keys/keymap.js';
import {fitColumns} from '../layout/columns.js';
import {frameLayout, tableWidth, type TerminalSize} from '../layout/frame-layout.js';
import type {SortOrder, ViewContext} from '../screens/screen-definition.js';
import {screenFor, screenOrder} from '../screens/screen-registry.js';
import {relatedRecords} from './related-records.js';
import {detailRows, helpRows} from './view-rows.js';
import {visibleRows} from './visible-rows.js';

export type Mode = 'list' | 'filter' | 'detail';

export type ListState = {
	cursor: number;
	/** First row in the window; moves only when the cursor would leave it. */
	offset: number;
	filter: string;
	sort: SortOrder;
	/** The record selected before the filter last changed: reselected when a filter that hid it is cleared. */
	anchorId?: string;
};

export type AppState = {
	dataset: Dataset;
	screen: EntityName;
	lists: Record<EntityName, ListState>;
	mode: Mode;
	detail: {id: string; scroll: number} | null;
	help: {open: boolean; scroll: number};
	size: TerminalSize;
	now: number;
	/** A one-line message for the status line, cleared by the next key. */
	notice: string | null;
	quit: boolean;
};

export type AppAction =
	| {type: 'key'; key: Key}
	| {type: 'resize'; size: TerminalSize}
	| {type: 'tick'; now: number}
	| {type: 'dataset'; dataset: Dataset};

export const initialState = (dataset: Dataset, size: TerminalSize, now: number, screen: EntityName = 'customers'): AppState => ({
	dataset,
	screen,
	lists: Object.fromEntries(screenOrder.map((entity) => [entity, {cursor: 0, offset: 0, filter: '', sort: screenFor(entity).defaultSort}])) as Record<EntityName, ListState>,
	mode: 'list',
	detail: null,
	help: {open: false, scroll: 0},
	size,
	now,
	notice: null,
	quit: false,
});

let contextCache: ViewContext | undefined;

/** What screens need besides the record: the clock and the indexes, shared while neither changes. */
export const viewContext = (state: Pick<AppState, 'dataset' | 'now'>): ViewContext => {
	if (!contextCache || contextCache.dataset !== state.dataset || contextCache.now !== state.now) {
		contextCache = {dataset: state.dataset, now: state.now, related: relatedRecords(state.dataset)};
	}
	return contextCache;
};

export const rowsOf = (state: AppState, entity: EntityName = state.screen) => {
	const list = state.lists[entity];
	return visibleRows(entity, list.filter, list.sort, viewContext(state));
};

const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(high, value));

/** Puts the cursor inside the rows and scrolls the window the least needed to show it. */
const placeCursor = (list: ListState, cursor: number, rowCount: number, page: number): ListState => {
	const next = clamp(cursor, 0, Math.max(0, rowCount - 1));
	let offset = list.offset;
	if (next < offset) offset = next;
	if (next >= offset + page) offset = next - page + 1;
	offset = clamp(offset, 0, Math.max(0, rowCount - page));
	return {...list, cursor: next, offset};
};

const updateList = (state: AppState, change: (list: ListState, rowCount: number, page: number) => ListState): AppState => {
	const rowCount = rowsOf(state).length;
	const page = frameLayout(state.size).tableRows;
	const list = change(state.lists[state.screen], rowCount, page);
	return {...state, lists: {...state.lists, [state.screen]: list}};
};

/** Keeps the same record selected when the rows change under it (filter, sort), else the first row. */
const refilter = (state: AppState, change: Partial<ListState>): AppState => {
	const list = state.lists[state.screen];
	const before = rowsOf(state)[list.cursor]?.id ?? list.anchorId;
	const changed = {...state, lists: {...state.lists, [state.screen]: {...list, ...change, anchorId: before}}};
	const rows = rowsOf(changed);
	const index = before === undefined ? -1 : rows.findIndex((row) => row.id === before);
	return updateList(changed, (list, rowCount, page) => placeCursor({...list, offset: index >= 0 ? list.offset : 0}, Math.max(0, index), rowCount, page));
};

const switchScreen = (state: AppState, screen: EntityName): AppState => ({...state, screen, mode: 'list', detail: null});

const sortNotice = (entity: EntityName, sort: SortOrder): string => {
	const column = screenFor(entity).columns.find((candidate) => candidate.id === sort.column);
	return `Sorted by ${column?.title ?? sort.column} ${sort.descending ? '↓ descending' : '↑ ascending'}`;
};

/** A new order starts at its top: that is what the operator sorted to see. */
const applySort = (state: AppState, sort: SortOrder): AppState => {
	const sorted = {...state, lists: {...state.lists, [state.screen]: {...state.lists[state.screen], sort, cursor: 0, offset: 0}}};
	return {...sorted, notice: sortNotice(state.screen, sort)};
};

const moveBy = (state: AppState, command: CommandId): AppState => {
	const page = frameLayout(state.size).tableRows;
	const steps: Partial<Record<CommandId, (cursor: number, rowCount: number) => number>> = {
		'cursor.down': (cursor) => cursor + 1,
		'cursor.up': (cursor) => cursor - 1,
		'cursor.pageDown': (cursor) => cursor + page,
		'cursor.pageUp': (cursor) => cursor - page,
		'cursor.first': () => 0,
		'cursor.last': (_, rowCount) => rowCount - 1,
	};
	const step = steps[command]!;
	return updateList(state, (list, rowCount) => placeCursor(list, step(list.cursor, rowCount), rowCount, page));
};

/** Scrolls a text view (detail or help) holding `total` lines in a window of `page` lines. */
const scrollBy = (scroll: number, command: CommandId, total: number, page: number): number => {
	const last = Math.max(0, total - page);
	switch (command) {
		case 'cursor.down':
			return clamp(scroll + 1, 0, last);
		case 'cursor.up':
			return clamp(scroll - 1, 0, last);
		case 'cursor.pageDown':
			return clamp(scroll + page, 0, last);
		case 'cursor.pageUp':
			return clamp(scroll - page, 0, last);
		case 'cursor.first':
			return 0;
		default:
			return last;
	}
};

const cursorCommands = new Set<CommandId>(['cursor.down', 'cursor.up', 'cursor.pageDown', 'cursor.pageUp', 'cursor.first', 'cursor.last']);

const screenByCommand: Partial<Record<CommandId, EntityName>> = {
	'screen.customers': 'customers',
	'screen.opportunities': 'opportunities',
	'screen.tickets': 'tickets',
	'screen.feedback': 'feedback',
};

const runCommand = (state: AppState, command: CommandId, key: Key): AppState => {
	const list = state.lists[state.screen];
	const layout = frameLayout(state.size);
	if (command === 'app.forceQuit') return {...state, quit: true};
	if (state.help.open) {
		if (command === 'help.close') return {...state, help: {open: false, scroll: 0}};
		if (cursorCommands.has(command)) {
			const total = helpRows(state.screen, state, state.size.columns - 2).length;
			return {...state, help: {open: true, scroll: scrollBy(state.help.scroll, command, total, layout.body)}};
		}
		// Any other command (a screen switch) closes help and runs in the view below.
		return runCommand({...state, help: {open: false, scroll: 0}}, command, key);
	}
	if (state.mode === 'detail' && state.detail && cursorCommands.has(command)) {
		const total = detailRows(state.screen, state.detail.id, state.size.columns - 2, viewContext(state))?.length ?? 0;
		return {...state, detail: {...state.detail, scroll: scrollBy(state.detail.scroll, command, total, layout.detailRows)}};
	}
	if (cursorCommands.has(command)) return moveBy(state, command);
	const target = screenByCommand[command];
	if (target) return switchScreen(state, target);
	switch (command) {
		case 'app.quit':
			return {...state, quit: true};
		case 'app.help':
			return {...state, help: {open: true, scroll: 0}};
		case 'screen.next':
		case 'screen.previous': {
			const step = command === 'screen.next' ? 1 : screenOrder.length - 1;
			return switchScreen(state, screenOrder[(screenOrder.indexOf(state.screen) + step) % screenOrder.length]!);
		}
		case 'list.open': {
			const row = rowsOf(state)[list.cursor];
			return row ? {...state, mode: 'detail', detail: {id: row.id, scroll: 0}} : state;
		}
		case 'list.filter':
			return {...state, mode: 'filter'};
		case 'list.clearFilter':
			return list.filter === '' ? state : refilter(state, {filter: ''});
		case 'list.sortNext': {
			const columns = fitColumns(screenFor(state.screen).columns, tableWidth(state.size));
			if (!list.sort.descending && columns.some((column) => column.id === list.sort.column)) {
				return applySort(state, {column: list.sort.column, descending: true});
			}
			const index = columns.findIndex((column) => column.id === list.sort.column);
			return applySort(state, {column: columns[(index + 1) % columns.length]!.id, descending: false});
		}
		case 'list.sortByColumn': {
			const column = screenFor(state.screen).columns.find((candidate) => candidate.letter === key.id)!;
			const descending = list.sort.column === column.id ? !list.sort.descending : false;
			return applySort(state, {column: column.id, descending});
		}
		case 'detail.back':
			return {...state, mode: 'list', detail: null};
		case 'filter.keep':
			return {...state, mode: 'list'};
		case 'filter.clear':
			return {...refilter(state, {filter: ''}), mode: 'list'};
		case 'filter.deleteChar':
			return refilter(state, {filter: [...new Intl.Segmenter().segment(list.filter)].slice(0, -1).map((part) => part.segment).join('')});
		case 'filter.deleteAll':
			return refilter(state, {filter: ''});
		default:
			return state;
	}
};

const handleKey = (state: AppState, key: Key): AppState => {
	// On a terminal too small to draw in, keys would act on a screen nobody can see.
	if (frameLayout(state.size).tooSmall) return commandFor(key.id, ['list']) === 'app.quit' || key.id === 'ctrl+c' ? {...state, quit: true} : state;
	const cleared = state.notice === null ? state : {...state, notice: null};
	const scopes = activeScopes({help: state.help.open, mode: state.mode});
	const letters = screenFor(state.screen).columns.map((column) => column.letter).join('');
	const command = commandFor(key.id, scopes, state.mode === 'list' ? letters : '');
	if (command) return runCommand(cleared, command, key);
	// A text field takes every printable key as typed: `q` or `j` in the filter are letters, not commands.
	if (state.mode === 'filter' && !state.help.open && key.text !== undefined) {
		return refilter(cleared, {filter: state.lists[state.screen].filter + key.text});
	}
	return cleared;
};

/** Re-places every cursor after a resize or new data, so the window never points past the rows. */
const reflow = (state: AppState): AppState => {
	const page = frameLayout(state.size).tableRows;
	const lists = {...state.lists};
	for (const entity of screenOrder) lists[entity] = placeCursor(lists[entity], lists[entity].cursor, rowsOf(state, entity).length, page);
	const detailGone = state.detail !== null && !viewContext(state).related.byId[state.screen].has(state.detail.id);
	return {...state, lists, ...(detailGone ? {mode: 'list' as const, detail: null, notice: 'That record no longer exists.'} : {})};
};

export const appReducer = (state: AppState, action: AppAction): AppState => {
	switch (action.type) {
		case 'key':
			return handleKey(state, action.key);
		case 'resize':
			return reflow({...state, size: action.size});
		case 'tick':
			return {...state, now: action.now};
		case 'dataset':
			return reflow({...state, dataset: action.dataset});
	}
};
