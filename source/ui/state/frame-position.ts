import {t} from '../../i18n/i18n.js';
import {fitColumns} from '../layout/columns.js';
import {frameLayout, tableWidth} from '../layout/frame-layout.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState} from './app-types.js';
import {frequencyCounted, frequencyRows} from './frequency.js';
import {marksLabel} from './marks.js';
import {filterScannedOf, shownRowsOf} from './selection.js';
import type {Layer} from './top-layer.js';
import {helpRows} from './view-rows.js';

/** Where the operator is in the list: `12/340`, after how many rows are marked (`5 marked  12/340`). */
const listPosition = (state: AppState): string => {
	const rows = shownRowsOf(state);
	const marked = marksLabel(state);
	const found = rows.length === 0 ? '0/0' : `${state.lists[state.screen].cursor + 1}/${rows.length}`;
	// A filter still scanning many records: the rows found so far, and how far it is.
	const scanned = filterScannedOf(state);
	const position =
		scanned === null ? found : t('state.list.filtering', {position: found, percent: Math.floor(scanned * 100)});
	return marked ? `${marked}  ${position}` : position;
};

/** The value selected of those the frequency view counted. */
const frequencyPosition = (state: AppState): string =>
	frequencyCounted(state)
		? `${frequencyRows(state).length === 0 ? 0 : state.frequency!.cursor + 1}/${frequencyRows(state).length}`
		: t('state.list.counting');

/** Sorted by a column this width hides: say so where the position is, or the order looks random. */
const sortedList = (state: AppState): string => {
	const screen = screenFor(state.screen);
	const {sort} = state.lists[state.screen];
	const position = listPosition(state);
	if (fitColumns(screen.columns, tableWidth(state.size)).some((column) => column.id === sort.column)) return position;
	const title = screen.columns.find((column) => column.id === sort.column)?.title ?? sort.column;
	return t('state.list.sortedBy', {title, arrow: sort.descending ? '↓' : '↑', position});
};

/** The lines of the help shown, when they do not all fit. */
const helpPosition = (state: AppState): string => {
	const total = helpRows(state, state.size.columns - 2).length;
	const page = frameLayout(state.size).body;
	const {scroll} = state.help;
	return total > page ? `${scroll + 1}–${Math.min(total, scroll + page)}/${total}` : '';
};

const none = (): string => '';

const positions: Record<Layer, (state: AppState, counting: boolean) => string> = {
	help: helpPosition,
	picker: none,
	confirm: none,
	prompt: none,
	conflict: none,
	report: none,
	frequency: frequencyPosition,
	command: none,
	form: none,
	importFile: none,
	importChoice: none,
	importPreview: none,
	importRunning: none,
	importDone: none,
	assessment: (_state, counting) => (counting ? t('state.list.counting') : ''),
	duplicates: none,
	merge: none,
	board: none,
	detail: listPosition,
	filter: sortedList,
	list: sortedList,
};

/** What the status line says of the place on the layer drawn (a list's row, the help's lines; nothing for most). */
export const positionOf = (state: AppState, layer: Layer, counting: boolean): string =>
	positions[layer](state, counting);
