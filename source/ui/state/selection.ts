import {may, mayChangeSettings, refusal} from '../../domain/access.js';
import type {AnyStoredRecord} from '../../domain/dataset.js';
import type {Needs} from '../keys/keymap.js';
import type {Opportunity} from '../../domain/opportunity.js';
import type {ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState, Mode, ScreenName} from './app-types.js';
import {boardColumns} from './board.js';
import {relatedRecords} from './related-records.js';
import {visibleRows} from './visible-rows.js';

let contextCache: ViewContext | undefined;

/** What screens need besides the record: the clock and the indexes, shared while neither changes. */
export const viewContext = (state: Pick<AppState, 'dataset' | 'now'>): ViewContext => {
	if (!contextCache || contextCache.dataset !== state.dataset || contextCache.now !== state.now) {
		contextCache = {dataset: state.dataset, now: state.now, related: relatedRecords(state.dataset)};
	}
	return contextCache;
};

export const rowsOf = (state: AppState, screen: ScreenName = state.screen) => {
	const list = state.lists[screen];
	return visibleRows(screen, list.filter, list.sort, viewContext(state));
};

export const boardDeal = (state: AppState): Opportunity | undefined => boardColumns(viewContext(state))[state.board.column]?.deals[state.board.row];

/** The record the operator is on: the open detail, the board's deal, or the list's selected row. */
export const selectedRecord = (state: AppState): AnyStoredRecord | undefined => {
	if (state.mode === 'board') return boardDeal(state);
	const screen = screenFor(state.screen);
	if (state.mode === 'detail' && state.detail) return screen.find(state.detail.id, viewContext(state)) as AnyStoredRecord | undefined;
	return rowsOf(state)[state.lists[state.screen].cursor] as AnyStoredRecord | undefined;
};

/**
 * The mode whose keys are live and whose view is drawn: an open form covers everything below it,
 * and the assessment screen's list mode is its panels.
 */
export const viewMode = (state: Pick<AppState, 'form' | 'screen' | 'mode'>): Mode => {
	if (state.form) return 'form';
	return state.screen === 'assess' && state.mode === 'list' ? 'assessment' : state.mode;
};

/** Whether the operator may make a change (their role, --readonly); the keys for what they may not are hidden. */
export const permits =
	(state: Pick<AppState, 'access' | 'screen'>) =>
	(needs: Needs): boolean => {
		if (state.access.readonly) return false;
		if (needs.action === 'settings') return mayChangeSettings(state.access.role);
		const entity = needs.entity ?? screenFor(state.screen).entity;
		return entity ? may(state.access.role, needs.action, entity) : true;
	};

/** Why a key is refused, in words. */
export const refusalOf = (state: Pick<AppState, 'access' | 'screen' | 'operator'>, needs: Needs): string => {
	if (state.access.readonly) return 'Read-only (--readonly): nothing can be changed from this console.';
	if (needs.action === 'settings') return refusal(state.operator, state.access.role, 'settings');
	return refusal(state.operator, state.access.role, needs.action, needs.entity ?? screenFor(state.screen).entity ?? 'customers');
};
