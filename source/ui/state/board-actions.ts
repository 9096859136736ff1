import {clamp} from '../../domain/units.js';
import {boardColumns} from './board.js';
import type {Handler, ScopeHandlers} from './key-handlers.js';
import {openDetail} from './list-navigation.js';
import {recordHandlers} from './record-actions.js';
import {boardDeal, viewContext} from './selection.js';

type BoardMove = 'cursor.left' | 'cursor.right' | 'cursor.down' | 'cursor.up';

const boardSteps: Record<BoardMove, {columns: number; rows: number}> = {
	'cursor.left': {columns: -1, rows: 0},
	'cursor.right': {columns: 1, rows: 0},
	'cursor.down': {columns: 0, rows: 1},
	'cursor.up': {columns: 0, rows: -1},
};

/** The pipeline board: ←/→ between stage columns, ↑/↓ within one; the row stays inside its column. */
const moveOnBoard: Handler<BoardMove> = (state, command) => {
	const columns = boardColumns(viewContext(state));
	const step = boardSteps[command];
	const column =
		step.columns === 0 ? state.board.column : clamp(state.board.column + step.columns, 0, columns.length - 1);
	const row = clamp(state.board.row + step.rows, 0, Math.max(0, columns[column]!.deals.length - 1));
	return {...state, board: {column, row}};
};

const openDeal: Handler = (state) => {
	const deal = boardDeal(state);
	return deal ? openDetail(state, 'opportunities', deal.id, 'board') : state;
};

export const boardKeys: ScopeHandlers<'board'> = {
	'cursor.left': moveOnBoard,
	'cursor.right': moveOnBoard,
	'cursor.down': moveOnBoard,
	'cursor.up': moveOnBoard,
	'list.open': openDeal,
	'deal.advance': recordHandlers['deal.advance'],
	'deal.back': recordHandlers['deal.back'],
	'deal.won': recordHandlers['deal.won'],
	'deal.lost': recordHandlers['deal.lost'],
	'change.undo': recordHandlers['change.undo'],
	'board.toggle': (state) => ({...state, mode: 'list'}),
};
