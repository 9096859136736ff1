import {quoteValue} from '../../domain/filter-words.js';
import {foldForSearch} from '../../domain/text-fold.js';
import {clamp} from '../../domain/units.js';
import {t} from '../../i18n/i18n.js';
import {frameLayout} from '../layout/frame-layout.js';
import type {Column, ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState, FrequencyState} from './app-types.js';
import {columnNames} from './field-filter.js';
import {type CursorMove, cursorSteps, eachOf, type Handler, type ScopeHandlers} from './key-handlers.js';
import {refilter} from './list-navigation.js';
import {rowsOf, viewContext} from './selection.js';

type Row = {id: string};

/** One distinct value of a column: how many rows hold it, their share of the rows counted, and their money summed. */
export type FrequencyRow = {
	/** The cell as the list shows it; '' for a blank one. */
	value: string;
	count: number;
	share: number;
	/** The screen's money column added up in the base currency (null where the screen has none). */
	sum: number | null;
	/** Rows whose amount has no rate to the base currency: left out of `sum`, and said. */
	unpriced: number;
	/** How the list sorts the value (a stage in pipeline order, an amount as a number): the order "by value" follows. */
	key: string | number;
};

const blank = (cell: string): boolean => cell.trim() === '' || cell.trim() === '—';

const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});

/** The money column the sums are of: the screen's first column that has an amount (a deal's, an order's). */
export const sumColumnOf = (columns: ReadonlyArray<Column<Row>>): Column<Row> | undefined =>
	columns.find((column) => column.sum !== undefined);

/**
 * Counts `column`'s values over `rows` (the rows the list shows, after its filter). Values are the
 * cells as shown, so that Enter can filter to exactly one; blank cells count together.
 */
export const countValues = (
	rows: readonly Row[],
	column: Column<Row>,
	sumColumn: Column<Row> | undefined,
	context: ViewContext,
): FrequencyRow[] => {
	const groups = new Map<string, FrequencyRow>();
	for (const row of rows) {
		const cell = column.cell(row, context);
		const value = blank(cell) ? '' : cell.trim();
		let group = groups.get(value);
		if (!group) {
			group = {value, count: 0, share: 0, sum: sumColumn ? 0 : null, unpriced: 0, key: column.sortValue(row, context)};
			groups.set(value, group);
		}
		group.count++;
		if (sumColumn) {
			const amount = sumColumn.sum!(row, context);
			if (amount === null) group.unpriced++;
			else group.sum! += amount;
		}
	}
	const total = rows.length;
	for (const group of groups.values()) group.share = total === 0 ? 0 : group.count / total;
	return [...groups.values()];
};

/** The counted values in the order asked: most rows first, by value, or most money first (ties by value). */
export const sortFrequency = (rows: readonly FrequencyRow[], sort: FrequencyState['sort']): FrequencyRow[] => {
	const byValue = (a: FrequencyRow, b: FrequencyRow) =>
		Number(a.value === '') - Number(b.value === '') ||
		(typeof a.key === 'number' && typeof b.key === 'number'
			? a.key - b.key
			: collator.compare(String(a.key), String(b.key))) ||
		collator.compare(a.value, b.value);
	const order = {
		count: (a: FrequencyRow, b: FrequencyRow) => b.count - a.count || byValue(a, b),
		value: byValue,
		sum: (a: FrequencyRow, b: FrequencyRow) => (b.sum ?? 0) - (a.sum ?? 0) || b.count - a.count || byValue(a, b),
	}[sort];
	return [...rows].sort(order);
};

/** Counted once per rows shown and column: a frequency view moved in, sorted or drawn again counts nothing again. */
const counted = new WeakMap<readonly Row[], Map<string, FrequencyRow[]>>();

const countedFor = (
	rows: readonly Row[],
	column: Column<Row>,
	context: ViewContext,
	screen: FrequencyState['screen'],
) => {
	let byColumn = counted.get(rows);
	if (!byColumn) {
		byColumn = new Map();
		counted.set(rows, byColumn);
	}
	const key = `${column.id}|${context.now}`;
	let found = byColumn.get(key);
	if (!found) {
		found = countValues(rows, column, sumColumnOf(screenFor(screen).columns), context);
		byColumn.set(key, found);
	}
	return found;
};

/** Up to this many rows a column is counted in the frame that shows it; above, just after a frame that says so. */
export const countAtOnce = 20_000;

/** Whether the frequency view can be drawn counted: a small list always, a large one once its idle step counted it. */
export const frequencyCounted = (state: AppState): boolean => {
	const frequency = state.frequency;
	if (!frequency) return true;
	const rows = rowsOf(state, frequency.screen);
	return rows.length <= countAtOnce || counted.get(rows)?.has(`${frequency.column}|${viewContext(state).now}`) === true;
};

/** The frequency view's rows, in its order. */
export const frequencyRows = (state: AppState): FrequencyRow[] => {
	const frequency = state.frequency!;
	const screen = screenFor(frequency.screen);
	const column = screen.columns.find((candidate) => candidate.id === frequency.column) ?? screen.columns[0]!;
	const context = viewContext(state);
	return sortFrequency(countedFor(rowsOf(state, frequency.screen), column, context, frequency.screen), frequency.sort);
};

/** `#` on a list: its sorted column counted (the column the operator last chose), over the rows the filter shows. */
export const openFrequency: Handler = (state) => {
	const screen = screenFor(state.screen);
	if (screen.columns.length === 0) return state;
	const sorted = state.lists[state.screen].sort.column;
	const column = screen.columns.some((candidate) => candidate.id === sorted) ? sorted : screen.columns[0]!.id;
	return {...state, mode: 'frequency', frequency: {screen: state.screen, column, cursor: 0, sort: 'count'}};
};

const withFrequency = (state: AppState, change: Partial<FrequencyState>): AppState => ({
	...state,
	frequency: {...state.frequency!, ...change},
});

const moveBy: Handler<CursorMove> = (state, command) => {
	const page = Math.max(1, frameLayout(state.size).tableRows - 2);
	const count = frequencyRows(state).length;
	const cursor = clamp(state.frequency!.cursor + cursorSteps(page)[command], 0, Math.max(0, count - 1));
	return withFrequency(state, {cursor});
};

const nextSort: Handler = (state) => {
	const frequency = state.frequency!;
	const hasSum = sumColumnOf(screenFor(frequency.screen).columns) !== undefined;
	const order: Array<FrequencyState['sort']> = hasSum ? ['count', 'value', 'sum'] : ['count', 'value'];
	const sort = order[(order.indexOf(frequency.sort) + 1) % order.length]!;
	return {
		...withFrequency(state, {sort, cursor: 0}),
		notice: {
			text:
				sort === 'count'
					? t('state.frequency.byCount')
					: sort === 'sum'
						? t('state.frequency.bySum')
						: t('state.frequency.byValue'),
			tone: 'info',
		},
	};
};

const stepColumn =
	(step: 1 | -1): Handler =>
	(state) => {
		const {columns} = screenFor(state.frequency!.screen);
		const index = columns.findIndex((column) => column.id === state.frequency!.column);
		const next = columns[(index + step + columns.length) % columns.length]!;
		return withFrequency(state, {column: next.id, cursor: 0});
	};

const columnByLetter: Handler = (state, _command, key) => {
	const column = screenFor(state.frequency!.screen).columns.find((candidate) => candidate.letter === key.id);
	return column ? withFrequency(state, {column: column.id, cursor: 0}) : state;
};

/** The filter with `column`'s terms taken out and `column:=value` added (`column:` for the blank cells). */
export const filterToValue = (filter: string, column: Column<Row>, value: string): string => {
	const names = new Set(columnNames(column));
	const kept = filter
		.split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/)
		.filter((word) => word !== '' && !names.has(foldForSearch(word.slice(0, Math.max(0, word.indexOf(':'))))));
	const term = value === '' ? `${column.id}:` : `${column.id}:=${quoteValue(value)}`;
	return [...kept, term].join(' ');
};

/** Enter: the list, filtered to the selected value (the column's other terms replaced). */
const filterList: Handler = (state) => {
	const frequency = state.frequency!;
	const row = frequencyRows(state)[frequency.cursor];
	const back = {...state, mode: 'list' as const, frequency: null};
	if (!row) return back;
	const screen = screenFor(frequency.screen);
	const column = screen.columns.find((candidate) => candidate.id === frequency.column)!;
	const filter = filterToValue(state.lists[frequency.screen].filter, column, row.value);
	return {
		...refilter(back, {filter}),
		notice: {text: t('state.frequency.shown', {count: row.count, filter}), tone: 'info'},
	};
};

export const frequencyKeys: ScopeHandlers<'frequency'> = {
	...eachOf(['cursor.down', 'cursor.up', 'cursor.pageDown', 'cursor.pageUp', 'cursor.first', 'cursor.last'], moveBy),
	'frequency.filter': filterList,
	'frequency.sort': nextSort,
	'frequency.nextColumn': stepColumn(1),
	'frequency.previousColumn': stepColumn(-1),
	'frequency.column': columnByLetter,
	'frequency.back': (state) => ({...state, mode: 'list', frequency: null}),
};
