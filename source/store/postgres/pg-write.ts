import {randomUUID} from 'node:crypto';
import type {Dataset} from '../../domain/dataset.js';
import {sealed} from '../../domain/record-seal.js';
import {withDatabase} from './pg-connection.js';
import {readHead, replaceAll} from './pg-data.js';
import {checkSchema} from './pg-schema.js';

/**
 * Replaces everything the database holds with `data` and `settings` (crm's tables created first
 * when missing), in one transaction: `crm seed` and `crm copy`. Data sealed already (a data file's)
 * keeps its seals and head as they are, so a copy verifies exactly as its source does — a record
 * changed outside crm is not sealed anew, it stays found out; data never sealed (generated) is sealed.
 */
export const writeDatabase = async (
	url: string,
	data: Dataset,
	settings: Record<string, unknown>,
	operator: string,
): Promise<void> => {
	await withDatabase(url, async (client) => {
		await checkSchema(client, url, true);
		await client.query('BEGIN');
		try {
			await readHead(client, true);
			const ready = data.seals && data.auditHead?.state ? data : sealed(data);
			await replaceAll(client, ready, settings, operator, randomUUID());
			await client.query('COMMIT');
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw error;
		}
		// After a load, as PostgreSQL advises: fresh statistics for the planner (a console's first rows are then
		// read by the index, not by reading every record), and the rows marked visible to all, so that the first
		// consoles to read them do not write them again (hint bits) nor meet the server's own vacuum doing it.
		await client.query('VACUUM (ANALYZE) crm.records');
	});
};
