import type {Customer} from '../../domain/customer.js';
import {
	customersSharingAnEmail,
	type DuplicateGroup,
	findDuplicateGroups,
	type MergeField,
	mergeFields,
	mergeMutations,
} from '../../domain/duplicates.js';
import type {CommandId} from '../keys/keymap.js';
import type {AppState} from './app-types.js';
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

export const runDuplicatesCommand = (state: AppState, command: CommandId): AppState | undefined => {
	const {duplicates} = state;
	if (command === 'customer.duplicates') {
		const count = duplicateGroups(state).length;
		return {
			...state,
			mode: 'duplicates',
			duplicates: {cursor: 0, merge: null},
			notice: count === 0 ? {text: 'No likely duplicates among the customers.', tone: 'ok'} : null,
		};
	}
	if (state.mode === 'duplicates') {
		const groups = duplicateGroups(state);
		if (command === 'cursor.down' || command === 'cursor.up') {
			const cursor = Math.max(0, Math.min(groups.length - 1, duplicates.cursor + (command === 'cursor.down' ? 1 : -1)));
			return {...state, duplicates: {...duplicates, cursor}};
		}
		if (command === 'duplicates.back') return {...state, mode: 'list'};
		if (command === 'duplicates.merge') {
			const group = groups[duplicates.cursor];
			const [first, second] = group
				? customersOf(state, group.ids).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
				: [];
			if (!first || !second) return state;
			return {...state, mode: 'merge', duplicates: {...duplicates, merge: startMerge(first, second)}};
		}
		return undefined;
	}
	if (state.mode === 'merge' && duplicates.merge) {
		const merge = duplicates.merge;
		const [survivor, other] = customersOf(state, [merge.survivorId, merge.otherId]);
		switch (command) {
			case 'cursor.down':
			case 'cursor.up': {
				const cursor = (merge.cursor + (command === 'cursor.down' ? 1 : mergeFields.length - 1)) % mergeFields.length;
				return {...state, duplicates: {...duplicates, merge: {...merge, cursor}}};
			}
			case 'merge.take': {
				const field: MergeField = mergeFields[merge.cursor]!;
				const take = merge.take.includes(field)
					? merge.take.filter((candidate) => candidate !== field)
					: [...merge.take, field];
				return {...state, duplicates: {...duplicates, merge: {...merge, take}}};
			}
			case 'merge.swap':
				return survivor && other
					? {...state, duplicates: {...duplicates, merge: {...startMerge(other, survivor), cursor: merge.cursor}}}
					: state;
			case 'merge.cancel':
				return {
					...state,
					mode: 'duplicates',
					duplicates: {...duplicates, merge: null},
					notice: {text: 'Cancelled: nothing was merged.', tone: 'info'},
				};
			case 'merge.save': {
				if (!survivor || !other)
					return {
						...state,
						mode: 'duplicates',
						duplicates: {...duplicates, merge: null},
						notice: {text: 'One of the two customers no longer exists.', tone: 'bad'},
					};
				const merged = {...state, mode: 'duplicates' as const, duplicates: {...duplicates, merge: null}};
				return requestApply(
					merged,
					mergeMutations(state.dataset, survivor, other, merge.take),
					`Merged “${other.name}” into “${survivor.name}”. u undoes the merge.`,
				);
			}
			default:
				return undefined;
		}
	}
	return undefined;
};
