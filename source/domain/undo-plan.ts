import {t} from '../i18n/i18n.js';
import type {ChangeEntry} from './change-log.js';
import {type AnyStoredRecord, type Dataset, entitySingular, type StoredEntity} from './dataset.js';
import {entityCount} from './entity-count.js';
import {howToChangeBack, inverseOf, lastUndoable, laterSettingsChange, type Mutation} from './mutation.js';

export type UndoPlan =
	| {
			ok: true;
			/** The entries reverted, oldest first (a batch comes back whole). */
			entries: ChangeEntry[];
			/** The mutations that revert them, newest first; `undoOf[i]` is the entry `inverses[i]` reverts. */
			inverses: Mutation[];
			undoOf: string[];
			/** A later change of the settings or roles that the undo leaves as it is (named, so nobody thinks it was undone). */
			notUndone?: ChangeEntry;
	  }
	| {ok: false; reason: string};

/**
 * What `u` does for `operator` on this data: their last change not yet undone, reverted as new
 * mutations. A change saved as a batch (an import, a merge) is reverted whole, or not at all.
 */
export const planUndo = (dataset: Dataset, operator: string): UndoPlan => {
	const entries = lastUndoable(dataset.changes, operator);
	// A later change of the settings or roles is not undone by u: it is named, so nobody thinks it was.
	const notUndone = laterSettingsChange(dataset.changes, operator);
	if (entries.length === 0)
		return {
			ok: false,
			reason: notUndone
				? t('domain.undo.notARecord', {label: notUndone.label, how: howToChangeBack(notUndone)})
				: t('domain.undo.nothing', {operator}),
		};
	const newestFirst = [...entries].reverse();
	const recordOf = recordLookup(dataset, entries.length);
	const inverses: Mutation[] = [];
	// Every entry that cannot be undone is named (up to a few), not only the first: a bulk change of
	// thousands of records may have had several of them changed since by others.
	const blocked: Blocked[] = [];
	for (const entry of newestFirst) {
		const inverse = inverseOf(entry, recordOf(entry.entity as StoredEntity, entry.recordId));
		if (inverse.ok) inverses.push(inverse.mutation);
		else blocked.push({entry, reason: inverse.reason});
	}
	if (blocked.length > 0) return {ok: false, reason: cannotUndo(entries, blocked.reverse())};
	// Every undo entry names the entry it reverts, so none of them comes up for undo again.
	const undoOf = newestFirst.map((entry) => entry.id);
	return {ok: true, entries, inverses, undoOf, ...(notUndone ? {notUndone} : {})};
};

/** An entry `u` cannot revert, and why. */
type Blocked = {entry: ChangeEntry; reason: string};

/** How many records of a batch that cannot be undone are named in its refusal; the rest are counted. */
const namedAtMost = 5;

/**
 * The record of an entity by id, as the data holds it now. For a batch, the lists are indexed by id
 * (once per entity, when first asked): 10,000 entries on a list of 200,000 are then 10,000 lookups,
 * not 10,000 scans. A single change scans, which is cheaper than indexing the whole list.
 */
const recordLookup = (
	dataset: Dataset,
	count: number,
): ((entity: StoredEntity, id: string) => AnyStoredRecord | undefined) => {
	const list = (entity: StoredEntity) => dataset[entity] as AnyStoredRecord[];
	if (count <= 8) return (entity, id) => list(entity).find((record) => record.id === id);
	const indexes = new Map<StoredEntity, Map<string, AnyStoredRecord>>();
	return (entity, id) => {
		let index = indexes.get(entity);
		if (!index) {
			index = new Map(list(entity).map((record) => [record.id, record]));
			indexes.set(entity, index);
		}
		return index.get(id);
	};
};

/**
 * Why `u` refuses, in one line. A single change names its record and reason; a batch says what it
 * was, how many of its records changed since, and names the first few of them, each with its reason.
 */
const cannotUndo = (entries: readonly ChangeEntry[], blocked: readonly Blocked[]): string => {
	if (entries.length === 1) {
		const {entry, reason} = blocked[0]!;
		const words = {entity: entitySingular[entry.entity as StoredEntity], label: entry.label, reason};
		if (entry.action === 'create') return t('domain.undo.cannotCreate', words);
		return entry.action === 'update' ? t('domain.undo.cannotUpdate', words) : t('domain.undo.cannotDelete', words);
	}
	const named = blocked
		.slice(0, namedAtMost)
		.map(({entry, reason}) => t('domain.undo.blocked', {label: entry.label, reason}))
		.join(t('domain.listSeparator'));
	const more = blocked.length - namedAtMost;
	const list = more > 0 ? t('domain.undo.andMore', {named, count: more}) : named;
	return t('domain.undo.cannotBatch', {what: batchWords(entries), count: blocked.length, list});
};

/** What a batch was, in words: "bulk change of 10 opportunities", "deletion of 3 customers", "change of 4 records saved together". */
const batchWords = (entries: readonly ChangeEntry[]): string => {
	const [first] = entries;
	const alike = entries.every((entry) => entry.entity === first!.entity && entry.action === first!.action);
	if (!alike) return t('domain.undo.together', {count: entries.length});
	const words = {records: entityCount(first!.entity as StoredEntity, entries.length)};
	if (first!.action === 'create') return t('domain.undo.creation', words);
	return first!.action === 'update' ? t('domain.undo.bulkChange', words) : t('domain.undo.deletion', words);
};
