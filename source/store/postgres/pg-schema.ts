import type {ClientBase, Pool} from 'pg';
import {t} from '../../i18n/i18n.js';
import {DataFileError} from '../data-file-error.js';
import {shownUrl} from '../database-url.js';

/**
 * The database's schema, as numbered migrations: each runs once, in order, in one transaction with
 * its row in `crm.migrations`, so a migration half-applied is never seen. A database at a higher
 * number than `schemaVersion` was made by a newer crm: this one refuses it rather than guess.
 *
 * Layout (schema `crm`):
 * - `head`: one row: the last save's number, the audit head, the settings (as stored: only what
 *   the operator changed). Every writer locks this row first, so saves are serial, as under the file lock.
 * - `records`: every record, by entity and id, as JSON, with its seal and its place in the stored order.
 * - `saves`: one row per save: who (the OS user given as the operator, and the database user), when,
 *   which records it wrote (their ids and seals; the records themselves are in `records`), the audit head after it.
 * - `changes`: the change log, one entry per row in order, each with the save that wrote it.
 * - `operator_files`: what the console keeps per operator apart from the data (the survey's offers).
 */
export const migrations: ReadonlyArray<{version: number; name: string; sql: string}> = [
	{
		version: 1,
		// i18n-exempt: the migration's name as crm.migrations keeps it (stored, the same in every language)
		name: 'records, saves, change log, settings and operator files',
		// i18n-exempt: SQL, run by `migrate`
		sql: `
CREATE SCHEMA IF NOT EXISTS crm;
CREATE TABLE crm.head (
	one boolean PRIMARY KEY DEFAULT true CHECK (one),
	last_save bigint NOT NULL DEFAULT 0,
	generation bigint NOT NULL DEFAULT 1,
	audit_head jsonb,
	settings jsonb NOT NULL DEFAULT '{}'::jsonb,
	created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO crm.head DEFAULT VALUES;
CREATE TABLE crm.records (
	entity text NOT NULL,
	id text NOT NULL,
	pos bigint NOT NULL,
	record json NOT NULL,
	seal text,
	PRIMARY KEY (entity, id)
);
CREATE INDEX records_order ON crm.records (entity, pos);
CREATE TABLE crm.saves (
	seq bigint PRIMARY KEY,
	save_id uuid NOT NULL UNIQUE,
	saved_at timestamptz NOT NULL DEFAULT now(),
	operator text NOT NULL,
	db_user text NOT NULL DEFAULT current_user,
	records jsonb NOT NULL,
	audit_head jsonb NOT NULL
);
CREATE TABLE crm.changes (
	seq bigint PRIMARY KEY,
	save_seq bigint NOT NULL REFERENCES crm.saves (seq),
	entry json NOT NULL
);
CREATE INDEX changes_by_save ON crm.changes (save_seq);
CREATE TABLE crm.operator_files (
	operator text PRIMARY KEY,
	content jsonb NOT NULL,
	updated_at timestamptz NOT NULL DEFAULT now()
);
`,
	},
	{
		version: 2,
		// i18n-exempt: the migration's name as crm.migrations keeps it (stored, the same in every language)
		name: 'records found by their place in the stored order',
		// i18n-exempt: SQL, run by `migrate`
		sql: `
-- A save gives new records the places after the last one: found by this index, not by reading every record.
CREATE INDEX records_by_pos ON crm.records (pos);
`,
	},
];

/** The schema this crm writes and reads. */
export const schemaVersion = migrations.at(-1)!.version;

/** How far the database's schema is: 0 when it has none of crm's (an empty database). */
export const schemaVersionOf = async (client: ClientBase | Pool): Promise<number> => {
	const found = await client.query<{present: boolean}>("SELECT to_regclass('crm.migrations') IS NOT NULL AS present");
	if (!found.rows[0]?.present) return 0;
	const {rows} = await client.query<{version: number | null}>('SELECT max(version) AS version FROM crm.migrations');
	return rows[0]?.version ?? 0;
};

/** The advisory lock a migration holds (a number of crm's own: "crm" in ASCII, then 1). */
const migrateLock = 0x63726d01;

/**
 * Applies the migrations the database lacks, each in a transaction of its own (an advisory lock
 * keeps two crm processes from migrating at once); resolves to the versions applied.
 */
export const migrate = async (client: ClientBase): Promise<number[]> => {
	const applied: number[] = [];
	await client.query('SELECT pg_advisory_lock($1)', [migrateLock]);
	try {
		for (const migration of migrations) {
			const current = await schemaVersionOf(client);
			if (migration.version <= current) continue;
			await client.query('BEGIN');
			try {
				if (current === 0)
					await client.query(`CREATE SCHEMA IF NOT EXISTS crm;
CREATE TABLE IF NOT EXISTS crm.migrations (
	version integer PRIMARY KEY,
	name text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now(),
	applied_by text NOT NULL DEFAULT current_user
)`);
				await client.query(migration.sql);
				await client.query('INSERT INTO crm.migrations (version, name) VALUES ($1, $2)', [
					migration.version,
					migration.name,
				]);
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK');
				throw error;
			}
			applied.push(migration.version);
		}
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [migrateLock]);
	}
	return applied;
};

/** A database whose crm tables are missing or older than this crm's: `crm db migrate` (or the console, after asking) brings them up to date. */
export class SchemaBehindError extends DataFileError {
	constructor(
		readonly url: string,
		readonly found: number,
	) {
		const words = {found, needed: schemaVersion, url: shownUrl(url)};
		super(
			shownUrl(url),
			found === 0 ? t('store.database.noSchema') : t('store.database.behind', words),
			found === 0 ? t('store.database.noSchemaAdvice', words) : t('store.database.behindAdvice', words),
			t('store.database.what'),
		);
	}
}

/** Refuses a database without crm's tables, with older ones (unless `migrating`: then brings them up to date), or with newer ones. */
export const checkSchema = async (client: ClientBase, url: string, migrating: boolean): Promise<void> => {
	const found = await schemaVersionOf(client);
	const words = {found, needed: schemaVersion, url: shownUrl(url)};
	if (found > schemaVersion)
		throw new DataFileError(
			shownUrl(url),
			t('store.database.newer', words),
			t('store.database.newerAdvice'),
			t('store.database.what'),
		);
	if (found === schemaVersion) return;
	if (migrating) {
		await migrate(client);
		return;
	}
	throw new SchemaBehindError(url, found);
};
