import type {ChangeEntry} from './change-log.js';
import {type AnyStoredRecord, type Dataset, entitySingular, type StoredEntity} from './dataset.js';
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
				? `Nothing undone: your last change, the ${notUndone.label}, is not a record's, and u undoes records only; ${howToChangeBack(notUndone)}.`
				: `Nothing to undo: ${operator} has no change left to revert.`,
		};
	const newestFirst = [...entries].reverse();
	const inverses: Mutation[] = [];
	for (const entry of newestFirst) {
		const entity = entry.entity as StoredEntity;
		const current = (dataset[entity] as AnyStoredRecord[]).find((record) => record.id === entry.recordId);
		const inverse = inverseOf(entry, current);
		if (!inverse.ok)
			return {
				ok: false,
				reason: `Cannot undo the ${entry.action} of ${entitySingular[entity]} “${entry.label}”: ${inverse.reason}.`,
			};
		inverses.push(inverse.mutation);
	}
	// Every undo entry names the entry it reverts, so none of them comes up for undo again.
	const undoOf = newestFirst.map((entry) => entry.id);
	return {ok: true, entries, inverses, undoOf, ...(notUndone ? {notUndone} : {})};
};
