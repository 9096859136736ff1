import {type Dataset, recordCount} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';
import {DataFileError} from '../store/data-file-error.js';
import {shownUrl} from '../store/database-url.js';
import {writeFileDurably} from '../store/durable-json-file.js';
import {JsonFileStore} from '../store/json-file-store.js';
import {withDatabase} from '../store/postgres/pg-connection.js';
import {readHead} from '../store/postgres/pg-data.js';
import {migrate, schemaVersion, schemaVersionOf} from '../store/postgres/pg-schema.js';
import {PostgresStore} from '../store/postgres/postgres-store.js';
import {bytesUnder, setKeyOf} from '../store/sealed/set-sealing.js';
import {settingsPathFor, storedSettingsOf} from '../store/settings-file.js';
import {CrmStore, isDatabaseUrl} from '../store/store.js';
import {DatabaseCommandError} from './database-error.js';

/** `crm db migrate`: creates crm's tables in the database, or brings them up to this crm's version; refuses a newer schema. */
export const runMigrate = async (url: string): Promise<string> => {
	if (!isDatabaseUrl(url)) throw new DatabaseCommandError(t('cli.database.notDatabase', {path: url}), 2);
	return withDatabase(url, async (client) => {
		const found = await schemaVersionOf(client);
		if (found > schemaVersion)
			throw new DataFileError(
				shownUrl(url),
				t('store.database.newer', {found, needed: schemaVersion}),
				t('store.database.newerAdvice'),
				t('store.database.what'),
			);
		const applied = await migrate(client);
		const words = {url: shownUrl(url), version: schemaVersion};
		return `${applied.length === 0 ? t('cli.database.upToDate', words) : t('cli.database.migrated', {...words, count: applied.length})}\n`;
	});
};

/** The settings as stored beside the data (only what an operator changed): the settings file's JSON, or the database's row. */
const storedSettings = async (path: string): Promise<Record<string, unknown>> => {
	if (isDatabaseUrl(path)) return withDatabase(path, async (client) => (await readHead(client)).settings);
	return storedSettingsOf(path);
};

const shown = (path: string): string => (isDatabaseUrl(path) ? shownUrl(path) : path);

/** What the destination holds now: none when it has no data yet (a missing file, a database without crm's tables or records). */
const heldAt = async (path: string): Promise<Dataset | null> => {
	const store = await CrmStore.open(path, Date.now, {readonly: true, migrate: true});
	try {
		return store.existed ? store.data : null;
	} finally {
		await store.close();
	}
};

/**
 * `crm copy --from A --to B`: every record, the change log with its audit chain and the settings,
 * from a data file or database to another, which must hold no data (unless `force`). The copy
 * verifies as its source does: the same records, the same entries, the same head.
 */
export const runCopy = async (
	from: string,
	to: string,
	options: {force?: boolean; operator: string},
): Promise<string> => {
	if (from === to) throw new DatabaseCommandError(t('cli.copy.same', {path: shown(from)}), 2);
	const source = await CrmStore.open(from, Date.now, {readonly: true});
	await source.close();
	if (!source.existed) throw new DatabaseCommandError(t('cli.copy.missing', {from: shown(from)}));
	const data = source.data;
	const held = await heldAt(to);
	if (held && !options.force)
		throw new DatabaseCommandError(
			t('cli.copy.notEmpty', {to: shown(to), records: recordCount(held), changes: held.changes.length}),
		);
	const settings = await storedSettings(from);
	if (isDatabaseUrl(to)) await PostgresStore.write(to, data, settings, options.operator);
	else {
		// An encrypted source's copy is encrypted under the same key (unless it replaces a file with a key of its own).
		const key = (await setKeyOf(to)) ?? (isDatabaseUrl(from) ? null : await setKeyOf(from));
		await (await JsonFileStore.create(to, data, {key})).close();
		// The settings go as the copy's data went: sealed under its key when it replaced an encrypted file.
		const text = `${JSON.stringify(settings, null, 2)}\n`;
		await writeFileDurably(settingsPathFor(to), text, undefined, bytesUnder(await setKeyOf(to)));
	}
	// What was written is what was read: its counts and its head (the source's own).
	return `${t('cli.copy.copied', {
		records: recordCount(data),
		changes: data.changes.length,
		from: shown(from),
		to: shown(to),
		head: `${data.changes.length}:${data.changes.at(-1)?.hash || '0'.repeat(64)}`,
	})}\n`;
};
