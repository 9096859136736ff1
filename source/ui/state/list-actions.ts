import {auditProblems, verifyAudit} from '../../domain/audit-verify.js';
import {t} from '../../i18n/i18n.js';
import {fitColumns} from '../layout/columns.js';
import {frameLayout, tableWidth} from '../layout/frame-layout.js';
import type {SortOrder} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState, ScreenName} from './app-types.js';
import {backToAssessment} from './assessment-actions.js';
import {boardColumns, boardPositionOf} from './board.js';
import {openBulk} from './bulk-actions.js';
import {openFrequency} from './frequency.js';
import {openImport} from './import-wizard.js';
import {
	type CursorMove,
	cursorMoves,
	cursorSteps,
	eachOf,
	type Handler,
	quit,
	type ScopeHandlers,
} from './key-handlers.js';
import {placeCursor, refilter, scrollBy, updateList} from './list-navigation.js';
import {loadedPercent} from './loading.js';
import {clearMarks, markShown, toggleMark} from './marks.js';
import {openDuplicates} from './merge-actions.js';
import {toggleMine} from './mine.js';
import {recordHandlers} from './record-actions.js';
import {rowsOf, viewContext} from './selection.js';
import {detailRows} from './view-rows.js';

const sortNotice = (screen: ScreenName, sort: SortOrder): string => {
	const column = screenFor(screen).columns.find((candidate) => candidate.id === sort.column);
	const title = column?.title ?? sort.column;
	return sort.descending ? t('state.list.sortedDown', {title}) : t('state.list.sortedUp', {title});
};

/** A new order starts at its top: that is what the operator sorted to see. */
const applySort = (state: AppState, sort: SortOrder): AppState => {
	const sorted = {
		...state,
		lists: {...state.lists, [state.screen]: {...state.lists[state.screen], sort, cursor: 0, offset: 0}},
	};
	const notice = sortNotice(state.screen, sort);
	// While the data is read, the rows stay in the file's order (selection.ts): the order asked for comes once it is whole.
	const text = state.loading
		? t('state.list.sortedLater', {
				sorted: notice,
				loading: t('lists.loading', {percent: loadedPercent(state.loading)}),
			})
		: notice;
	return {...sorted, notice: {text, tone: 'info'}};
};

/** `s`: ascending, again descending, again the next column shown. */
const sortNext: Handler = (state) => {
	const list = state.lists[state.screen];
	const columns = fitColumns(screenFor(state.screen).columns, tableWidth(state.size));
	if (!list.sort.descending && columns.some((column) => column.id === list.sort.column)) {
		return applySort(state, {column: list.sort.column, descending: true});
	}
	const index = columns.findIndex((column) => column.id === list.sort.column);
	return applySort(state, {column: columns[(index + 1) % columns.length]!.id, descending: false});
};

/** Shift+letter: by the column of that letter; again inverts. */
const sortByColumn: Handler = (state, _command, key) => {
	const list = state.lists[state.screen];
	const column = screenFor(state.screen).columns.find((candidate) => candidate.letter === key.id)!;
	const descending = list.sort.column === column.id ? !list.sort.descending : false;
	return applySort(state, {column: column.id, descending});
};

/** The operator's own move: the row it lands on is the selection to keep, not a record a filter hid before. */
const moveBy: Handler<CursorMove> = (state, command) => {
	const page = frameLayout(state.size).tableRows;
	const step = cursorSteps(page)[command];
	return updateList(state, (list, rowCount) =>
		placeCursor({...list, anchorId: undefined}, list.cursor + step, rowCount, page),
	);
};

const openRow: Handler = (state) => {
	const row = rowsOf(state)[state.lists[state.screen].cursor];
	return row ? {...state, mode: 'detail', detail: {id: row.id, scroll: 0}} : state;
};

/** The board opens on the deal selected in the list, when it shows that deal. */
const openBoard: Handler = (state) => {
	const selected = rowsOf(state)[state.lists[state.screen].cursor];
	const position = selected ? boardPositionOf(boardColumns(viewContext(state)), selected.id) : undefined;
	return {...state, mode: 'board', board: position ?? state.board};
};

const verifyLog: Handler = (state) => {
	const {dataset} = state;
	const audit = verifyAudit({
		schemaVersion: dataset.schemaVersion,
		lists: dataset,
		seals: dataset.seals,
		changes: dataset.changes,
		head: dataset.auditHead,
	});
	const problems = auditProblems(audit);
	const text = audit.ok
		? t('state.list.auditIntact', {count: audit.count})
		: problems.length > 1
			? t('state.list.auditMore', {problem: problems[0]!.replace('\n', ' '), more: problems.length - 1})
			: problems[0]!.replace('\n', ' ');
	return {...state, notice: {text, tone: audit.ok ? 'ok' : 'bad'}};
};

export const listKeys: ScopeHandlers<'list'> = {
	...eachOf(cursorMoves, moveBy),
	'list.open': openRow,
	'list.filter': (state) => ({...state, mode: 'filter'}),
	'list.clearFilter': (state) => (state.lists[state.screen].filter === '' ? state : refilter(state, {filter: ''})),
	'list.sortNext': sortNext,
	'list.sortByColumn': sortByColumn,
	'board.toggle': openBoard,
	'customer.duplicates': openDuplicates,
	...recordHandlers,
	'log.verify': verifyLog,
	'import.open': (state) => openImport(state),
	'app.quit': quit,
	'list.mark': toggleMark,
	'list.markShown': markShown,
	'list.clearMarks': clearMarks,
	'list.bulk': openBulk,
	'list.frequency': openFrequency,
	'list.mine': toggleMine,
};

/** While filtering, ↑/↓ move in the list being narrowed. */
export const filterKeys: ScopeHandlers<'filter'> = {
	// Enter keeps the filter and takes its selection as the operator's: a later Esc stays on it.
	'filter.keep': (state) => updateList({...state, mode: 'list'}, (list) => ({...list, anchorId: undefined})),
	'filter.clear': (state) => ({...refilter(state, {filter: ''}), mode: 'list'}),
	'cursor.down': moveBy,
	'cursor.up': moveBy,
};

const scrollDetail: Handler<CursorMove> = (state, command, key) => {
	if (!state.detail) return moveBy(state, command, key);
	const total = detailRows(state.screen, state.detail.id, state.size.columns - 2, viewContext(state))?.length ?? 0;
	const scroll = scrollBy(state.detail.scroll, command, total, frameLayout(state.size).detailRows);
	return {...state, detail: {...state.detail, scroll}};
};

export const detailKeys: ScopeHandlers<'detail'> = {
	...eachOf(cursorMoves, scrollDetail),
	...recordHandlers,
	'detail.back': (state) =>
		state.detail?.from === 'assess'
			? backToAssessment(state)
			: {...state, mode: state.detail?.from ?? 'list', detail: null},
};
