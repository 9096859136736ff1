import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {recordId, timestamp} from './record.js';

export const changeActions = ['create', 'update', 'delete'] as const;
export type ChangeAction = (typeof changeActions)[number];

export const fieldChangeSchema = z.object({
	field: z.string(),
	before: z.unknown().optional(),
	after: z.unknown().optional(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/**
 * One recorded change: who changed which record, when, and every field's value before and after.
 * A create lists every field with `before` undefined; a delete every field with `after` undefined,
 * so an undo can restore the record exactly.
 */
export const changeEntrySchema = z.object({
	id: z.string().regex(/^chg_[0-9a-z]{4,40}$/, {error: () => t('domain.field.changeId')}),
	at: timestamp,
	operator: z.string().trim().min(1).max(80),
	action: z.enum(changeActions),
	entity: z.string(),
	recordId: recordId,
	/** How the record read at the time (a name, a title): the log stays readable after a delete. */
	label: z.string().default(''),
	changes: z.array(fieldChangeSchema),
	/** Set when this change undid another. */
	undoOf: z.string().nullable().default(null),
	/** Shared by the entries saved together (an import, a merge): undo reverts them together. */
	batch: z.string().nullable().default(null),
	/** The state of every record after this change, and the seal of the record as it left it (null: deleted); version 3, see record-seal.ts. */
	state: z.string().optional(),
	recordHash: z.string().nullable().optional(),
	/** The audit chain: SHA-256 over the previous entry's hash and this entry (see audit-chain.ts). */
	hash: z.string().optional(),
});

export type ChangeEntry = z.infer<typeof changeEntrySchema>;

/** Bookkeeping fields every change touches; listing them would only add noise. */
const bookkeeping = new Set(['updatedAt', 'version']);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields that differ between two versions of a record. A create or delete (one side absent)
 * lists every field, bookkeeping included, so that undoing a delete restores the record exactly.
 */
export const diffRecords = (
	before: Record<string, unknown> | undefined,
	after: Record<string, unknown> | undefined,
): FieldChange[] => {
	const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
	const changes: FieldChange[] = [];
	for (const field of fields) {
		if (before && after && bookkeeping.has(field)) continue;
		const old = before?.[field];
		const next = after?.[field];
		// One side absent (a create, a delete): every field there is a change, without writing both out to compare.
		const changed = old === undefined || next === undefined ? old !== next : !same(old, next);
		// In canonical key order: the audit chain hashes it as written (see canonical).
		if (changed) changes.push({after: next, before: old, field});
	}
	return changes;
};
