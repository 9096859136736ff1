import type {Campaign} from '../../domain/campaign.js';
import type {AnyStoredRecord, StoredEntity} from '../../domain/dataset.js';
import {entityCount} from '../../domain/entity-count.js';
import type {Mutation} from '../../domain/mutation.js';
import {recordLabel} from '../../domain/record-label.js';
import {t} from '../../i18n/i18n.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState, BulkRefusal, BulkRequest} from './app-types.js';
import {type BulkAction, bulkActions, bulkEntity} from './bulk-menu.js';
import {countOf, singularOf} from './entity-words.js';
import {requestExport} from './export-request.js';
import type {Handler} from './key-handlers.js';
import {marksOf} from './marks.js';
import {permits, refusalOf, rowsOf, viewContext} from './selection.js';

// The count in words, as the frequency view says it too.
export {countOf} from './entity-words.js';

import {textInput} from './text-input.js';

type Row = {id: string};

/**
 * What `c` and `:export` act on: the marked rows — in the list's order, then those the filter hides
 * — or, with none marked, every row the list shows. Rows as shown (masked with --mask).
 */
export const markedOrShown = (state: AppState): {rows: Row[]; marked: boolean; hidden: number} => {
	const marks = marksOf(state);
	const shown = rowsOf(state);
	if (marks.size === 0) return {rows: shown, marked: false, hidden: 0};
	const rows = shown.filter((row) => marks.has(row.id));
	const entity = bulkEntity(state.screen);
	const byId = entity && entity !== 'activities' ? viewContext(state).related.byId[entity] : undefined;
	const inList = new Set(rows.map((row) => row.id));
	let hidden = 0;
	for (const id of marks) {
		if (inList.has(id)) continue;
		const record = byId?.get(id) ?? screenFor(state.screen).find(id, viewContext(state));
		if (record) {
			rows.push(record);
			hidden++;
		}
	}
	return {rows, marked: true, hidden};
};

const storedCache = new WeakMap<readonly AnyStoredRecord[], Map<string, AnyStoredRecord>>();

/** The records as stored, by id: a change is made from them (their versions), never from masked ones. */
const storedById = (state: AppState, entity: StoredEntity): Map<string, AnyStoredRecord> => {
	const list = state.dataset[entity] as AnyStoredRecord[];
	let found = storedCache.get(list);
	if (!found) {
		found = new Map(list.map((record) => [record.id, record]));
		storedCache.set(list, found);
	}
	return found;
};

const nounOf = (state: AppState, count: number): string => countOf(state.screen, count);

const info = (state: AppState, text: string): AppState => ({...state, notice: {text, tone: 'info'}});

/** The actions of this list the operator's role allows. */
const allowedActions = (state: AppState): BulkAction[] => {
	const entity = bulkEntity(state.screen);
	if (!entity) return [];
	return (bulkActions[state.screen] ?? []).filter((action) =>
		permits(state)(action.needs === 'export' ? {action: 'export'} : {action: action.needs, entity}),
	);
};

/** `c`: the menu of what to do to the marked rows, or (none marked) to every row shown, saying how many. */
export const openBulk: Handler = (state) => {
	const entity = bulkEntity(state.screen);
	if (!entity) return info(state, t('state.bulk.nothingHere'));
	const actions = allowedActions(state);
	if (actions.length === 0)
		return {...state, notice: {text: refusalOf(state, {action: 'update', entity}), tone: 'bad'}};
	const {rows, marked, hidden} = markedOrShown(state);
	if (rows.length === 0) return info(state, t('state.bulk.noRows'));
	const title = !marked
		? t('state.bulk.menuShown', {whom: nounOf(state, rows.length)})
		: hidden > 0
			? t('state.bulk.menuMarkedHidden', {whom: nounOf(state, rows.length), count: hidden})
			: t('state.bulk.menuMarked', {whom: nounOf(state, rows.length)});
	return {
		...state,
		overlay: {
			kind: 'picker',
			title,
			choices: actions.map((action) => action.label),
			query: textInput(),
			cursor: 0,
			target: {kind: 'bulkAction'},
		},
	};
};

const actionOf = (state: AppState, id: string): BulkAction | undefined =>
	allowedActions(state).find((action) => action.id === id || action.label === id);

/** A menu entry chosen: asked for its value (a list, a campaign, a text), or straight to the question. */
export const chooseBulkAction = (state: AppState, label: string): AppState => {
	const action = actionOf(state, label);
	if (!action) return state;
	const {rows} = markedOrShown(state);
	const asking = {action: action.label.replace(/\u2026$/, ''), whom: nounOf(state, rows.length)};
	if (Array.isArray(action.input) || ['campaign', 'lostReason', 'wonReason'].includes(action.input as string))
		return {
			...state,
			overlay: {
				kind: 'picker',
				title: t('state.bulk.toWhat', asking),
				choices:
					action.input === 'campaign'
						? 'campaigns'
						: action.input === 'lostReason'
							? state.settings.lostReasons
							: action.input === 'wonReason'
								? state.settings.wonReasons
								: (action.input as readonly string[]),
				query: textInput(),
				cursor: 0,
				target: {kind: 'bulkValue', action: action.id},
			},
		};
	if (action.input === 'text')
		return {
			...state,
			overlay: {
				kind: 'prompt',
				title: action.id.startsWith('tag') ? t('state.bulk.typeTag', asking) : t('state.bulk.typeName', asking),
				input: textInput(),
				target: {kind: 'bulkValue', action: action.id},
			},
		};
	return askBulk(state, action, '');
};

/** The value picked or typed: the question follows. */
export const chooseBulkValue = (state: AppState, id: string, value: string): AppState => {
	const action = actionOf(state, id);
	if (!action) return state;
	const text = value.trim();
	if (action.input === 'text' && text === '')
		return info(state, action.id.startsWith('tag') ? t('state.bulk.tagNeeded') : t('state.bulk.nameNeeded'));
	return askBulk(state, action, text);
};

const campaignName = (state: AppState, id: string): string =>
	(state.dataset.campaigns as Campaign[]).find((campaign) => campaign.id === id)?.name ?? id;

/** The mutations of an action over the rows, those it does not apply to (with why), and how many need none. */
export const bulkMutations = (
	state: AppState,
	action: BulkAction,
	value: string,
	rows: readonly Row[],
): {mutations: Mutation[]; skipped: BulkRefusal[]; unchanged: number; labels: Record<string, string>} => {
	const entity = bulkEntity(state.screen)!;
	const stored = storedById(state, entity);
	const now = new Date(state.now).toISOString();
	const mutations: Mutation[] = [];
	const skipped: BulkRefusal[] = [];
	const labels: Record<string, string> = {};
	let unchanged = 0;
	for (const row of rows) {
		const record = stored.get(row.id);
		const label = recordLabel(entity, row as AnyStoredRecord);
		labels[row.id] = label;
		if (!record) {
			skipped.push({id: row.id, label, message: t('state.bulk.gone')});
			continue;
		}
		if (action.id === 'delete') {
			mutations.push({kind: 'delete', entity, id: record.id, version: record.version});
			continue;
		}
		const values = action.values!(record as unknown as Record<string, unknown>, value, now);
		if (typeof values === 'string') skipped.push({id: row.id, label, message: values});
		else if (Object.keys(values).length === 0) unchanged++;
		else mutations.push({kind: 'update', entity, id: record.id, version: record.version, values});
	}
	return {mutations, skipped, unchanged, labels};
};

/** What a delete leaves pointing at nothing, said before it: a customer's deals and tickets, a campaign's audience. */
const dependentsOf = (state: AppState, mutations: readonly Mutation[]): string => {
	const {related} = viewContext(state);
	const ids = mutations.map((mutation) => (mutation as {id: string}).id);
	const count = (index: ReadonlyMap<string, readonly unknown[]>) =>
		ids.reduce((total, id) => total + (index.get(id)?.length ?? 0), 0);
	const parts =
		state.screen === 'customers'
			? [
					countWords(count(related.opportunitiesByCustomer), 'opportunities'),
					countWords(count(related.ticketsByCustomer), 'tickets'),
					countWords(count(related.feedbackByCustomer), 'feedback'),
				]
			: state.screen === 'campaigns'
				? [countWords(count(related.audiencesByCampaign), 'places')]
				: [];
	const some = parts.filter((part) => part !== '');
	return some.length > 0 ? t('state.bulk.dependents', {what: some.join(t('state.listSeparator'))}) : '';
};

/** `2 opportunities`: what a delete leaves pointing at nothing (nothing when none). */
const countWords = (count: number, what: 'opportunities' | 'tickets' | 'feedback' | 'places'): string => {
	if (count === 0) return '';
	switch (what) {
		case 'opportunities':
			return entityCount('opportunities', count);
		case 'tickets':
			return entityCount('tickets', count);
		case 'feedback':
			return t('state.count.feedbackEntries', {count});
		case 'places':
			return t('state.count.audiencePlaces', {count});
	}
};

/** Why a bulk change changes nothing: those that have the value already, those that cannot take it. */
const nothingToChange = (unchanged: number, skipped: readonly BulkRefusal[]): string => {
	const had = unchanged > 0 ? t('state.bulk.alreadyHave', {count: unchanged}) : '';
	const cannot =
		skipped.length > 0
			? t('state.bulk.cannotShort', {count: skipped.length, label: skipped[0]!.label, why: skipped[0]!.message})
			: '';
	return t('state.bulk.nothingToChange', {why: [had, cannot].filter(Boolean).join(t('state.clauseSeparator'))});
};

const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The one question before a bulk change: the count and the change, what stays as it is, and that `u` undoes it whole. */
const askBulk = (state: AppState, action: BulkAction, value: string): AppState => {
	const {rows, marked, hidden} = markedOrShown(state);
	if (action.id === 'export') {
		const entity = screenFor(state.screen).entity;
		return entity ? requestExport(state, entity, rows, null) : state;
	}
	const shownValue = action.input === 'campaign' ? campaignName(state, value) : value;
	const change = action.describe(shownValue);
	const {mutations, skipped, unchanged, labels} = bulkMutations(state, action, value, rows);
	const whom =
		rows.length === 1 && labels[rows[0]!.id] !== undefined
			? t('state.bulk.one', {noun: singularOf(state.screen), label: labels[rows[0]!.id]!})
			: marked
				? t('state.bulk.theMarked', {whom: nounOf(state, rows.length)})
				: t('state.bulk.allShown', {whom: nounOf(state, rows.length)});
	if (mutations.length === 0) return info(state, nothingToChange(unchanged, skipped));
	const request: BulkRequest = {
		mutations,
		notice: capitalised(change),
		labels,
		skipped,
		unchanged,
		screen: state.screen,
		marked,
	};
	// A delete of rows nobody marked is asked for by typing their count back: a y is too easy to give.
	if (action.id === 'delete' && !marked)
		return {
			...state,
			overlay: {
				kind: 'prompt',
				title: t('state.bulk.typeCount', {typed: mutations.length, whom: nounOf(state, mutations.length)}),
				input: textInput(),
				target: {kind: 'bulkCount', count: mutations.length, action: action.id},
			},
			pendingBulk: request,
		};
	const of = mutations.length === rows.length ? whom : t('state.bulk.someOf', {count: mutations.length, whom});
	const details = [
		hidden > 0 ? t('state.bulk.hidden', {count: hidden}) : '',
		unchanged > 0 ? t('state.bulk.unchanged', {count: unchanged}) : '',
		skipped.length > 1
			? t('state.bulk.cannotMany', {count: skipped.length, label: skipped[0]!.label, why: skipped[0]!.message})
			: skipped.length > 0
				? t('state.bulk.cannot', {count: skipped.length, label: skipped[0]!.label, why: skipped[0]!.message})
				: '',
		action.id === 'delete' ? dependentsOf(state, mutations) : '',
		t('state.bulk.oneChange'),
	].filter(Boolean);
	return {
		...state,
		overlay: {
			kind: 'confirm',
			message: action.ask ? action.ask(of, shownValue) : t('state.bulk.ask', {change: capitalised(change), whom: of}),
			details,
			onYes: {kind: 'bulk', request},
		},
	};
};

/** Hands a confirmed bulk change to the store (`CrmStore.applyEach`); keys wait while it is checked and saved. */
export const requestBulk = (state: AppState, request: BulkRequest): AppState => ({
	...state,
	request: {id: state.nextRequestId, kind: 'bulk', ...request},
	nextRequestId: state.nextRequestId + 1,
	pendingBulk: undefined,
	notice: {text: t('state.bulk.saving', {count: request.mutations.length}), tone: 'info'},
});

/** The count typed back for a delete of rows nobody marked: the same number deletes them, anything else nothing. */
export const submitBulkCount = (state: AppState, typed: string, count: number): AppState => {
	const request = state.pendingBulk;
	const closed = {...state, overlay: null, pendingBulk: undefined};
	if (!request) return closed;
	if (typed.replace(/[\s,._]/g, '') !== String(count))
		return info(closed, t('state.bulk.notDeleted', {typed: typed.trim(), expected: count}));
	return requestBulk(closed, request);
};
