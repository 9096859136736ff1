import {t} from '../../i18n/i18n.js';
import {frameLayout} from '../layout/frame-layout.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState, ScreenName} from './app-types.js';
import type {Handler} from './key-handlers.js';
import {placeCursor, updateList} from './list-navigation.js';
import {MarkSet} from './mark-set.js';
import {rowsOf, viewContext} from './selection.js';

/** The ids marked on a list (Space, `*`): by id, so that they survive scrolling, sorting and filtering. */
export const marksOf = (state: Pick<AppState, 'marks' | 'screen'>, screen: ScreenName = state.screen): MarkSet =>
	state.marks[screen] ?? MarkSet.empty;

const withMarks = (state: AppState, marks: MarkSet): AppState => ({
	...state,
	marks: {...state.marks, [state.screen]: marks},
});

/** Space: marks the selected row, or unmarks it, and moves down (so that Space Space Space marks three). */
export const toggleMark: Handler = (state) => {
	const row = rowsOf(state)[state.lists[state.screen].cursor];
	if (!row) return {...state, notice: {text: t('state.marks.noRows'), tone: 'info'}};
	const before = marksOf(state);
	const marks = before.has(row.id) ? before.without(row.id) : before.with(row.id);
	const page = frameLayout(state.size).tableRows;
	const moved = updateList(withMarks(state, marks), (list, rowCount) =>
		placeCursor({...list, anchorId: undefined}, list.cursor + 1, rowCount, page),
	);
	return moved;
};

/** `*`: marks every row the filter shows (those marked already stay marked). */
export const markShown: Handler = (state) => {
	const rows = rowsOf(state);
	if (rows.length === 0) return {...state, notice: {text: t('state.marks.noRows'), tone: 'info'}};
	const before = marksOf(state);
	const marks = before.union(rows.map((row) => row.id));
	const added = marks.size - before.size;
	return {
		...withMarks(state, marks),
		notice: {
			text:
				added === 0
					? t('state.marks.already', {total: marks.size})
					: t('state.marks.marked', {
							count: added,
							screen: screenFor(state.screen).title.toLowerCase(),
							total: marks.size,
						}),
			tone: 'info',
		},
	};
};

/** `-`: clears this list's marks (Esc clears the filter and leaves them). */
export const clearMarks: Handler = (state) => {
	const count = marksOf(state).size;
	if (count === 0) return {...state, notice: {text: t('state.marks.none'), tone: 'info'}};
	return {...withMarks(state, MarkSet.empty), notice: {text: t('state.marks.cleared', {count}), tone: 'info'}};
};

/**
 * Marks of records that are gone (deleted here or by another console) are dropped when the data
 * changes, so that the count on the status line is of records that exist.
 */
export const pruneMarks = (state: AppState): AppState => {
	let changed = false;
	const marks: AppState['marks'] = {};
	const {byId} = viewContext(state).related;
	for (const [screen, ids] of Object.entries(state.marks) as Array<[ScreenName, MarkSet]>) {
		const entity = screenFor(screen).entity;
		const kept = entity ? ids.filter((id) => byId[entity].has(id)) : ids;
		marks[screen] = kept;
		changed ||= kept !== ids;
	}
	return changed ? {...state, marks} : state;
};

/** What the status line says of the marks: `5 marked`, or nothing. */
export const marksLabel = (state: AppState): string => {
	const count = marksOf(state).size;
	return count === 0 ? '' : t('marks.count', {count});
};
