import {createHash} from 'node:crypto';
import {canonical, headOf} from './audit-chain.js';
import {storedEntities, type Dataset, type StoredEntity} from './dataset.js';

/**
 * What binds the records to the audit chain (schema version 3).
 *
 * - Every record has a **digest**: SHA-256 over its entity and its content (keys in order).
 * - The **state** of the data is the sum of every record's digest modulo 2^256: adding, changing
 *   or removing one record changes it, and a save updates it in time proportional to what it
 *   changed (the old record's digest out, the new one's in) — never by hashing every record.
 * - Every change-log entry carries the state after it and the **seal** of the record it left (the
 *   first 16 hex digits of its digest), and so the chain vouches for both; the file's audit head
 *   repeats the last state.
 * - The file keeps each record's seal beside it (`seals`), so a record edited, added or removed
 *   outside crm can be named, not only detected.
 *
 * A forger who edits the records must recompute the state and every entry's hash after it — the
 * whole chain — which only a head hash kept elsewhere reveals (`crm audit verify` prints it).
 */

/** Seals of the records, per entity, by id. */
export type Seals = Partial<Record<StoredEntity, Record<string, string>>>;

const modulus = 1n << 256n;

/** A record's digest as a number (for the state's sum). */
export const recordDigest = (entity: StoredEntity, record: unknown): bigint => BigInt(`0x${createHash('sha256').update(`${entity}\n${canonical(record)}`).digest('hex')}`);

/** The seal kept beside a record: enough of its digest to tell an edit, not to add up. */
export const sealOf = (digest: bigint): string => digest.toString(16).padStart(64, '0').slice(0, 16);

/** The state as the file and the chain write it. */
export const stateText = (state: bigint): string => state.toString(16).padStart(64, '0');

export const stateValue = (text: string): bigint => BigInt(`0x${text}`);

export const addDigest = (state: bigint, digest: bigint): bigint => (state + digest) % modulus;

export const removeDigest = (state: bigint, digest: bigint): bigint => (state - digest + modulus) % modulus;

/** Seals and state of every record: for a file written whole (a seed) and the migration to version 3. */
export const sealAll = (lists: Partial<Record<StoredEntity, readonly unknown[]>>): {seals: Seals; state: string} => {
	let state = 0n;
	const seals: Seals = {};
	for (const entity of storedEntities) {
		const byId: Record<string, string> = {};
		for (const record of lists[entity] ?? []) {
			const digest = recordDigest(entity, record);
			state = addDigest(state, digest);
			const id = (record as {id?: unknown}).id;
			if (typeof id === 'string') byId[id] = sealOf(digest);
		}
		seals[entity] = byId;
	}
	return {seals, state: stateText(state)};
};

/** A dataset written whole from records made elsewhere (a seed, a test): every record sealed, the head holding their state. */
export const sealed = (dataset: Dataset): Dataset => {
	const {seals, state} = sealAll(dataset);
	return {...dataset, seals, auditHead: {...headOf(dataset.changes), state}};
};
