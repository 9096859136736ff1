import {currentSchemaVersion, type StoredEntity, storedEntities} from '../../domain/dataset.js';
import {Seals} from '../../domain/record-seal.js';
import {t} from '../../i18n/i18n.js';
import type {FileForAudit, SettingsSource} from '../audit-file.js';
import {shownUrl} from '../database-url.js';
import {validSettings} from '../settings-file.js';
import {withDatabase} from './pg-connection.js';
import {readHead} from './pg-data.js';
import {checkSchema, schemaVersionOf} from './pg-schema.js';

/** A database as `crm audit verify` and `crm doctor` read it, and what they say of the server. */
export type DatabaseForAudit = FileForAudit & {
	settings: SettingsSource;
	/** The database user, the server's version, the version of crm's tables. */
	server: {user: string; version: string; schema: number};
};

/**
 * Reads a database as a data file is read for its audit: every record as stored (not validated: a
 * check must see what validation would drop), the seals, the change log and the head, in one
 * snapshot; in the shape of a data file's JSON, so the same checks run on it.
 */
export const readDatabaseForAudit = async (url: string): Promise<DatabaseForAudit> => {
	const where = shownUrl(url);
	return withDatabase(url, async (client) => {
		// Missing, older or newer tables are refused as every command refuses them.
		await checkSchema(client, url, false);
		const schema = await schemaVersionOf(client);
		await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
		const head = await readHead(client);
		const server = await client.query<{user: string; version: string}>(
			"SELECT current_user AS user, current_setting('server_version') AS version",
		);
		const rows = await client.query<{entity: StoredEntity; id: string; record: unknown; seal: string | null}>(
			'SELECT entity, id, record, seal FROM crm.records ORDER BY entity, pos',
		);
		const changes = (await client.query<{entry: unknown}>('SELECT entry FROM crm.changes ORDER BY seq')).rows.map(
			(row) => row.entry,
		);
		await client.query('COMMIT');
		const raw: Record<string, unknown> = {schemaVersion: currentSchemaVersion, changes};
		const seals: Partial<Record<StoredEntity, Map<string, string>>> = {};
		for (const entity of storedEntities) {
			raw[entity] = [];
			seals[entity] = new Map();
		}
		for (const row of rows.rows) {
			(raw[row.entity] as unknown[] | undefined)?.push(row.record);
			if (row.seal) seals[row.entity]?.set(row.id, row.seal);
		}
		raw['seals'] = Seals.fromMaps(seals).toJSON();
		if (head.auditHead) raw['auditHead'] = head.auditHead;
		const settingsWhere = `${where} (crm.head.settings)`;
		return {
			raw,
			version: currentSchemaVersion,
			lowered: null,
			journal: [],
			changes,
			settings: {
				where: settingsWhere,
				load: async () => validSettings(head.settings, settingsWhere, t('store.settings.advice')),
			},
			server: {user: server.rows[0]!.user, version: server.rows[0]!.version, schema},
		};
	});
};
