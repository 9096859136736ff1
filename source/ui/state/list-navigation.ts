import {clamp} from '../../domain/units.js';
import {frameLayout} from '../layout/frame-layout.js';
import type {AppState, ListState, ScreenName} from './app-types.js';
import {type CursorMove, cursorSteps} from './key-handlers.js';
import {rowsOf, shownRowsOf} from './selection.js';

/** Puts the cursor inside the rows and scrolls the window the least needed to show it. */
export const placeCursor = (list: ListState, cursor: number, rowCount: number, page: number): ListState => {
	const next = clamp(cursor, 0, Math.max(0, rowCount - 1));
	let offset = list.offset;
	if (next < offset) offset = next;
	if (next >= offset + page) offset = next - page + 1;
	offset = clamp(offset, 0, Math.max(0, rowCount - page));
	return {...list, cursor: next, offset};
};

/** Scrolls a text view (detail, help, an import's summary) holding `total` lines in a window of `page` lines. */
export const scrollBy = (scroll: number, command: CursorMove, total: number, page: number): number =>
	clamp(scroll + cursorSteps(page)[command], 0, Math.max(0, total - page));

export const updateList = (
	state: AppState,
	change: (list: ListState, rowCount: number, page: number) => ListState,
	rowCount = rowsOf(state).length,
): AppState => {
	const page = frameLayout(state.size).tableRows;
	const list = change(state.lists[state.screen], rowCount, page);
	return {...state, lists: {...state.lists, [state.screen]: list}};
};

/** Selects the row with `id` on the current screen (or the first row when it is not there). */
export const selectRow = (state: AppState, id: string | undefined): AppState => {
	// The rows found past `id` and a window beyond: the cursor and the window are placed as on every row.
	const rows = shownRowsOf(state, state.screen, id);
	const index = id === undefined ? -1 : rows.findIndex((row) => row.id === id);
	return updateList(
		state,
		(list, rowCount, page) =>
			placeCursor({...list, offset: index >= 0 ? list.offset : 0}, Math.max(0, index), rowCount, page),
		rows.length,
	);
};

export const switchScreen = (state: AppState, screen: ScreenName): AppState => ({
	...state,
	screen,
	mode: 'list',
	detail: null,
});

export const openDetail = (state: AppState, screen: ScreenName, id: string, from?: 'board' | 'assess'): AppState => ({
	...selectRow(switchScreen(state, screen), id),
	mode: 'detail',
	detail: {id, scroll: 0, ...(from ? {from} : {})},
});

/**
 * Keeps the same record selected when the rows change under it (filter, sort), else the first row.
 * The record selected before a filter hid it stays the one to come back to, however many keys the
 * filter takes — Esc while typing goes back to it — until the operator takes the filtered rows as
 * theirs: moves the cursor, or keeps the filter with Enter.
 */
export const refilter = (state: AppState, change: Partial<ListState>): AppState => {
	const list = state.lists[state.screen];
	// Found past the anchor (selectRow scanned through it): whether it is hidden is as on every row.
	const rows = shownRowsOf(state);
	const anchorHidden = list.anchorId !== undefined && !rows.some((row) => row.id === list.anchorId);
	const before = anchorHidden ? list.anchorId : (rows[list.cursor]?.id ?? list.anchorId);
	const changed = {...state, lists: {...state.lists, [state.screen]: {...list, ...change, anchorId: before}}};
	return selectRow(changed, before);
};
