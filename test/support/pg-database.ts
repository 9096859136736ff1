import {randomBytes} from 'node:crypto';
import pg from 'pg';
import {inject, test} from 'vitest';
import {inCi} from './system-setup.js';

/** The private cluster of this run (`pg-global.ts`), or null when the machine has no PostgreSQL. */
export const postgresServer = (): {url: string; port: number; password: string; certificate: string} | null => {
	const found = inject('postgres');
	return 'url' in found ? found : null;
};

/**
 * Skips a PostgreSQL suite on a machine without PostgreSQL, saying why; under CI (`CI=true`) that
 * is a failure instead, so a CI run never passes by skipping them.
 */
export const needPostgres = (): boolean => {
	if (postgresServer()) return true;
	const found = inject('postgres');
	const why = 'missing' in found ? found.missing : 'no server';
	if (inCi())
		test('PostgreSQL is available to the tests', () => {
			throw new Error(why);
		});
	else test.skip(`PostgreSQL tests: ${why}`, () => undefined);
	return false;
};

/** A URL with another database of the cluster's. */
export const databaseUrl = (serverUrl: string, database: string): string => {
	const url = new URL(serverUrl);
	url.pathname = `/${database}`;
	return url.toString();
};

/** A new empty database in the cluster; resolves to its URL and the function that drops it. */
export const newDatabase = async (): Promise<{url: string; drop: () => Promise<void>}> => {
	const server = postgresServer()!;
	const name = `crm_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client(server.url);
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	const drop = async () => {
		const client = new pg.Client(server.url);
		await client.connect();
		try {
			await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		} finally {
			await client.end();
		}
	};
	return {url: databaseUrl(server.url, name), drop};
};
