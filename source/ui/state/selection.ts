import {may, mayChangeSettings, mayExport, refusal} from '../../domain/access.js';
import type {AnyStoredRecord} from '../../domain/dataset.js';
import {maskDataset} from '../../domain/mask.js';
import type {Opportunity} from '../../domain/opportunity.js';
import {ownerNameOf} from '../../domain/settings.js';
import {t} from '../../i18n/i18n.js';
import type {Needs} from '../keys/keymap.js';
import {frameLayout} from '../layout/frame-layout.js';
import type {SortOrder, ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState, ScreenName} from './app-types.js';
import {boardColumns} from './board.js';
import {relatedRecords} from './related-records.js';
import {fileOrder, filterScanned, shownRows, visibleRows} from './visible-rows.js';

let contextCache: ViewContext | undefined;

let maskCache: {real: AppState['dataset']; masked: AppState['dataset']} | undefined;

/** The data as screens show it: with --mask, customers' names, emails and phones masked (changes are made from the real records). */
const shownDataset = (state: Pick<AppState, 'dataset'> & {mask?: boolean}): AppState['dataset'] => {
	if (!state.mask) return state.dataset;
	if (maskCache?.real !== state.dataset) maskCache = {real: state.dataset, masked: maskDataset(state.dataset)};
	return maskCache.masked;
};

/** What screens need besides the record: the clock and the indexes, shared while neither changes. */
export const viewContext = (
	state: Pick<AppState, 'dataset' | 'now'> & {mask?: boolean; settings?: AppState['settings']; operator?: string},
): ViewContext => {
	const dataset = shownDataset(state);
	const me = state.operator === undefined ? undefined : ownerNameOf(state.settings ?? {ownerNames: {}}, state.operator);
	if (
		!contextCache ||
		contextCache.dataset !== dataset ||
		contextCache.now !== state.now ||
		contextCache.settings !== state.settings ||
		contextCache.me !== me
	) {
		const related = contextCache?.dataset === dataset ? contextCache.related : relatedRecords(dataset);
		contextCache = {dataset, now: state.now, related, settings: state.settings, ...(me === undefined ? {} : {me})};
	}
	return contextCache;
};

/** The order a list's rows are in: the one chosen, or the file's while the data is read (a sort of part of it would move every row as the rest comes in). */
export const sortShown = (state: Pick<AppState, 'loading' | 'lists'>, screen: ScreenName): SortOrder =>
	state.loading ? fileOrder : state.lists[screen].sort;

/** Every row of a list, filtered and sorted (a filter's scan under way is finished first): what actions act on. */
export const rowsOf = (state: AppState, screen: ScreenName = state.screen) =>
	visibleRows(screen, state.lists[screen].filter, sortShown(state, screen), viewContext(state));

/**
 * The rows a list draws: while a filter is being typed over many records, those found so far (always
 * past the row of `through` and a window beyond), which the rest only adds to (visible-rows.ts, `shownRows`).
 */
export const shownRowsOf = (state: AppState, screen: ScreenName = state.screen, through?: string) =>
	shownRows(
		screen,
		state.lists[screen].filter,
		sortShown(state, screen),
		viewContext(state),
		through,
		frameLayout(state.size).tableRows,
	);

/** How much of the list its filter has scanned (0–1) while the rest is scanned in idle steps; null once whole. */
export const filterScannedOf = (state: AppState, screen: ScreenName = state.screen): number | null =>
	filterScanned(screen, state.lists[screen].filter, sortShown(state, screen), viewContext(state));

export const boardDeal = (state: AppState): Opportunity | undefined =>
	boardColumns(viewContext(state))[state.board.column]?.deals[state.board.row];

/** The record the operator is on: the open detail, the board's deal, or the list's selected row — as stored, never as masked. */
export const selectedRecord = (state: AppState): AnyStoredRecord | undefined => {
	const shown = shownRecord(state);
	if (!shown || !state.mask) return shown;
	const entity = state.mode === 'board' ? 'opportunities' : screenFor(state.screen).entity;
	return entity ? (state.dataset[entity] as AnyStoredRecord[]).find((record) => record.id === shown.id) : shown;
};

const shownRecord = (state: AppState): AnyStoredRecord | undefined => {
	if (state.mode === 'board') return boardDeal(state);
	const screen = screenFor(state.screen);
	if (state.mode === 'detail' && state.detail)
		return screen.find(state.detail.id, viewContext(state)) as AnyStoredRecord | undefined;
	// The rows found so far hold the cursor's: a filter's rows found later only add to the end.
	return shownRowsOf(state)[state.lists[state.screen].cursor] as AnyStoredRecord | undefined;
};

/** Whether the operator may make a change (their role, --readonly); the keys for what they may not are hidden. */
export const permits =
	(state: Pick<AppState, 'access' | 'screen'>) =>
	(needs: Needs): boolean => {
		if (state.access.readonly) return false;
		if (needs.action === 'settings') return mayChangeSettings(state.access.role);
		if (needs.action === 'export') return mayExport(state.access.role);
		const entity = needs.entity ?? screenFor(state.screen).entity;
		return entity ? may(state.access.role, needs.action, entity) : true;
	};

/** Why a key is refused, in words. */
export const refusalOf = (state: Pick<AppState, 'access' | 'screen' | 'operator'>, needs: Needs): string => {
	if (state.access.readonly) return needs.action === 'export' ? t('state.readonlyNoFile') : t('state.readonlyNoChange');
	if (needs.action === 'settings' || needs.action === 'export')
		return refusal(state.operator, state.access.role, needs.action);
	return refusal(
		state.operator,
		state.access.role,
		needs.action,
		needs.entity ?? screenFor(state.screen).entity ?? 'customers',
	);
};
