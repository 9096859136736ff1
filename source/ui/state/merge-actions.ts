import type {Customer} from '../../domain/customer.js';
import {
	customersSharingAnEmail,
	type DuplicateGroup,
	findDuplicateGroups,
	type MergeField,
	mergeFields,
	mergeMutations,
} from '../../domain/duplicates.js';
import {t} from '../../i18n/i18n.js';
import type {CommandId} from '../keys/keymap.js';
import type {AppState} from './app-types.js';
import type {Handler, ScopeHandlers} from './key-handlers.js';
import {requestApply} from './requests.js';
import {viewContext} from './selection.js';

let cache: {customers: unknown; groups: DuplicateGroup[]; sharingAnEmail: number} | undefined;

const cached = (state: AppState) => {
	const {customers} = state.dataset;
	if (cache?.customers !== customers)
		cache = {customers, groups: findDuplicateGroups(customers), sharingAnEmail: customersSharingAnEmail(customers)};
	return cache;
};

/** The likely duplicates of the current customers; found again only when the customers change. */
export const duplicateGroups = (state: AppState): DuplicateGroup[] => cached(state).groups;

/** Customers sharing their email with another: what the Data quality panel's "Shared emails" counts. */
export const sharingAnEmail = (state: AppState): number => cached(state).sharingAnEmail;

const empty = (value: unknown): boolean =>
	value === '' || value === null || (Array.isArray(value) && value.length === 0);

/** A merge starts with the older customer surviving, taking the other's values where its own are empty. */
const startMerge = (survivor: Customer, other: Customer) => ({
	survivorId: survivor.id,
	otherId: other.id,
	take: mergeFields.filter((field) => empty(survivor[field]) && !empty(other[field])),
	cursor: 0,
});

const customersOf = (state: AppState, ids: readonly string[]): Customer[] =>
	ids
		.map((id) => viewContext(state).related.customersById.get(id))
		.filter((customer): customer is Customer => customer !== undefined);

/** `m` on the customers: the likely duplicates, to merge. */
export const openDuplicates: Handler = (state) => {
	const count = duplicateGroups(state).length;
	return {
		...state,
		mode: 'duplicates',
		duplicates: {cursor: 0, merge: null},
		notice: count === 0 ? {text: t('state.merge.none'), tone: 'ok'} : null,
	};
};

const moveInGroups: Handler<'cursor.down' | 'cursor.up'> = (state, command) => {
	const {duplicates} = state;
	const last = duplicateGroups(state).length - 1;
	const cursor = Math.max(0, Math.min(last, duplicates.cursor + (command === 'cursor.down' ? 1 : -1)));
	return {...state, duplicates: {...duplicates, cursor}};
};

/** Enter: the first two customers of the group, the older surviving. */
const mergeGroup: Handler = (state) => {
	const {duplicates} = state;
	const group = duplicateGroups(state)[duplicates.cursor];
	const [first, second] = group
		? customersOf(state, group.ids).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
		: [];
	if (!first || !second) return state;
	return {...state, mode: 'merge', duplicates: {...duplicates, merge: startMerge(first, second)}};
};

export const duplicatesKeys: ScopeHandlers<'duplicates'> = {
	'cursor.down': moveInGroups,
	'cursor.up': moveInGroups,
	'duplicates.merge': mergeGroup,
	'duplicates.back': (state) => ({...state, mode: 'list'}),
};

type Merge = NonNullable<AppState['duplicates']['merge']>;

/** A key of the merge view, on the merge being prepared. */
const onMerge =
	<C extends CommandId>(act: (state: AppState, merge: Merge, command: C) => AppState): Handler<C> =>
	(state, command) =>
		state.duplicates.merge ? act(state, state.duplicates.merge, command) : state;

const withMerge = (state: AppState, merge: Merge): AppState => ({...state, duplicates: {...state.duplicates, merge}});

const moveInFields = onMerge<'cursor.down' | 'cursor.up'>((state, merge, command) =>
	withMerge(state, {
		...merge,
		cursor: (merge.cursor + (command === 'cursor.down' ? 1 : mergeFields.length - 1)) % mergeFields.length,
	}),
);

const takeField = onMerge((state, merge) => {
	const field: MergeField = mergeFields[merge.cursor]!;
	const take = merge.take.includes(field)
		? merge.take.filter((candidate) => candidate !== field)
		: [...merge.take, field];
	return withMerge(state, {...merge, take});
});

const swapSurvivor = onMerge((state, merge) => {
	const [survivor, other] = customersOf(state, [merge.survivorId, merge.otherId]);
	return survivor && other ? withMerge(state, {...startMerge(other, survivor), cursor: merge.cursor}) : state;
});

const saveMerge = onMerge((state, merge) => {
	const [survivor, other] = customersOf(state, [merge.survivorId, merge.otherId]);
	const back = {...state, mode: 'duplicates' as const, duplicates: {...state.duplicates, merge: null}};
	if (!survivor || !other) return {...back, notice: {text: t('state.merge.gone'), tone: 'bad'}};
	return requestApply(
		back,
		mergeMutations(state.dataset, survivor, other, merge.take),
		t('state.merge.merged', {other: other.name, survivor: survivor.name}),
	);
});

export const mergeKeys: ScopeHandlers<'merge'> = {
	'cursor.down': moveInFields,
	'cursor.up': moveInFields,
	'merge.take': takeField,
	'merge.swap': swapSurvivor,
	'merge.save': saveMerge,
	'merge.cancel': onMerge((state) => ({
		...state,
		mode: 'duplicates',
		duplicates: {...state.duplicates, merge: null},
		notice: {text: t('state.merge.cancelled'), tone: 'info'},
	})),
};
