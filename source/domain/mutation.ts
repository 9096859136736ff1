import {t} from '../i18n/i18n.js';
import type {ChangeEntry} from './change-log.js';
import {type AnyStoredRecord, type StoredEntity, storedEntities} from './dataset.js';

/**
 * A change an operator asks for. The store gives new records their id and timestamps, checks the
 * version the operator saw (so nobody overwrites a change they did not see), applies the entity's
 * rules, validates, and logs the result.
 */
export type Mutation =
	| {
			kind: 'create';
			entity: StoredEntity;
			values: Record<string, unknown>;
			/** Restores a deleted record under its old id. */
			id?: string;
	  }
	| {kind: 'update'; entity: StoredEntity; id: string; version: number; values: Record<string, unknown>}
	| {kind: 'delete'; entity: StoredEntity; id: string; version: number};

export type Inverse = {ok: true; mutation: Mutation} | {ok: false; reason: string};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The change that undoes `entry`, given the record as it is now (undefined when it no longer exists).
 * An update is undone only while the fields it changed still hold what it wrote.
 */
export const inverseOf = (entry: ChangeEntry, current: AnyStoredRecord | undefined): Inverse => {
	const entity = entry.entity as StoredEntity;
	switch (entry.action) {
		case 'create':
			if (!current) return {ok: false, reason: t('domain.mutation.createdGone')};
			return {ok: true, mutation: {kind: 'delete', entity, id: entry.recordId, version: current.version}};
		case 'delete': {
			if (current) return {ok: false, reason: t('domain.mutation.existsAgain')};
			const values = Object.fromEntries(entry.changes.map((change) => [change.field, change.before]));
			return {ok: true, mutation: {kind: 'create', entity, id: entry.recordId, values}};
		}
		case 'update': {
			if (!current) return {ok: false, reason: t('domain.mutation.deletedSince')};
			const record = current as unknown as Record<string, unknown>;
			const changedSince = entry.changes.filter((change) => !same(record[change.field], change.after));
			if (changedSince.length > 0)
				return {
					ok: false,
					reason: t('domain.mutation.changedAgain', {fields: changedSince.map((change) => change.field).join(', ')}),
				};
			const values = Object.fromEntries(entry.changes.map((change) => [change.field, change.before]));
			return {ok: true, mutation: {kind: 'update', entity, id: entry.recordId, version: current.version, values}};
		}
	}
};

/**
 * The operator's latest change that is not an undo and has not been undone: what `u` reverts next.
 * Entries saved together (one batch) come back together, oldest first.
 */
export const lastUndoable = (changes: readonly ChangeEntry[], operator: string): ChangeEntry[] => {
	const undone = new Set(changes.map((entry) => entry.undoOf).filter((id): id is string => id !== null));
	for (let index = changes.length - 1; index >= 0; index--) {
		const entry = changes[index]!;
		// A change of the roles is not a record's: `crm access` changes them back.
		if (
			entry.operator !== operator ||
			entry.undoOf !== null ||
			undone.has(entry.id) ||
			!(storedEntities as readonly string[]).includes(entry.entity)
		)
			continue;
		return entry.batch === null ? [entry] : changes.filter((candidate) => candidate.batch === entry.batch);
	}
	return [];
};

/**
 * The operator's latest change of the settings or the roles made after their latest undoable record
 * change (or at all, when there is none): `u` does not undo those, and says so by name.
 */
export const laterSettingsChange = (changes: readonly ChangeEntry[], operator: string): ChangeEntry | undefined => {
	const undone = new Set(changes.map((entry) => entry.undoOf).filter((id): id is string => id !== null));
	for (let index = changes.length - 1; index >= 0; index--) {
		const entry = changes[index]!;
		if (entry.operator !== operator || entry.undoOf !== null || undone.has(entry.id)) continue;
		if ((storedEntities as readonly string[]).includes(entry.entity)) return undefined;
		return entry;
	}
	return undefined;
};

/** How a change `u` does not undo is put back, in words. */
export const howToChangeBack = (entry: ChangeEntry): string =>
	entry.entity === 'access' ? t('domain.mutation.rolesBack') : t('domain.mutation.settingsBack');
