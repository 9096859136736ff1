import {readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import pg from 'pg';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {runCopy, runMigrate} from '../../source/commands/database.js';
import {verifyChain} from '../../source/domain/audit-chain.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {DataFileError} from '../../source/store/data-file-error.js';
import {JsonFileStore} from '../../source/store/json-file-store.js';
import {connectionOf} from '../../source/store/postgres/pg-connection.js';
import {migrations, schemaVersion} from '../../source/store/postgres/pg-schema.js';
import {PostgresStore} from '../../source/store/postgres/postgres-store.js';
import {customer, datasetOf, smallDemo} from '../support/fixtures.js';
import {type PgCluster, startPgCluster} from '../support/pg-cluster.js';
import {databaseUrl, needPostgres, newDatabase, postgresServer} from '../support/pg-database.js';
import {tempFolder} from '../support/temp-folder.js';

const create = (name: string): Mutation => ({kind: 'create', entity: 'customers', values: {name, status: 'lead'}});

/** The URL with another password, or none. */
const withPassword = (url: string, password: string): string => {
	const parsed = new URL(url);
	parsed.password = password;
	return parsed.toString();
};

const refusal = async (promise: Promise<unknown>): Promise<Error> => {
	const error = await promise.then(
		() => null,
		(caught: unknown) => caught as Error,
	);
	if (!error) throw new Error('expected a refusal');
	return error;
};

if (needPostgres()) {
	describe('opening a database', () => {
		test('a wrong password, a closed port, a missing database: one line naming the database, never the password', async () => {
			const server = postgresServer()!;
			const cases = [
				[withPassword(server.url, 'not-the-password'), 'refused the user name or password'],
				[
					databaseUrl(withPassword(server.url, 'not-the-password'), 'nowhere').replace(`:${server.port}/`, ':1/'),
					'nothing answers',
				],
				[databaseUrl(server.url, 'no_such_database'), 'no database of that name'],
			] as const;
			for (const [url, words] of cases) {
				const error = await refusal(PostgresStore.open(url));
				expect(error).toBeInstanceOf(DataFileError);
				expect(error.message).toContain(words);
				expect(error.message).toContain('postgres://postgres@127.0.0.1');
				expect(error.message).not.toContain(server.password);
				expect(error.message).not.toContain('not-the-password');
				expect(error.message.split('\n')).toHaveLength(1);
			}
		});

		test('the password from PGPASSWORD or a password file; sslmode as PostgreSQL’s clients read it', async () => {
			const server = postgresServer()!;
			const bare = withPassword(server.url, '');
			const saved = {password: process.env['PGPASSWORD'], file: process.env['PGPASSFILE']};
			const folder = tempFolder('pgpass');
			try {
				process.env['PGPASSWORD'] = server.password;
				await (await PostgresStore.open(bare, Date.now, {migrate: true})).close();
				delete process.env['PGPASSWORD'];
				const passfile = join(folder, 'pgpass');
				await writeFile(passfile, `*:${server.port}:*:postgres:${server.password}\n`, {mode: 0o600});
				process.env['PGPASSFILE'] = passfile;
				await (await PostgresStore.open(bare)).close();
				// require: encrypted, the server's certificate not checked (libpq's meaning); verify-full checks it against sslrootcert.
				const client = new pg.Client(connectionOf(`${bare}?sslmode=require`));
				await client.connect();
				const {rows} = await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
				await client.end();
				expect(rows[0]).toEqual({ssl: true});
				await (await PostgresStore.open(`${bare}?sslmode=require`)).close();
				const unverified = await refusal(PostgresStore.open(`${bare}?sslmode=verify-full`));
				expect(unverified.message.split('\n')).toHaveLength(1);
				expect(unverified.message).toContain('certificate');
				const verified = `${bare.replace('127.0.0.1', 'localhost')}?sslmode=verify-full&sslrootcert=${server.certificate}`;
				await (await PostgresStore.open(verified)).close();
			} finally {
				for (const [name, value] of [
					['PGPASSWORD', saved.password],
					['PGPASSFILE', saved.file],
				] as const)
					if (value === undefined) delete process.env[name];
					else process.env[name] = value;
				await rm(folder, {recursive: true, force: true});
			}
		});

		test('a save stopped half-way (its console stopped or cut off) is ended by the server, not waited for forever', async () => {
			const client = new pg.Client(connectionOf(postgresServer()!.url));
			await client.connect();
			const setting = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0]![name];
			expect(await setting('idle_in_transaction_session_timeout')).toBe('1min');
			expect(await setting('lock_timeout')).toBe('90s');
			await client.end();
		});

		test('a database without crm’s tables says to migrate; migrate creates them, once; a newer schema is refused', async () => {
			const database = await newDatabase();
			try {
				const missing = await refusal(PostgresStore.open(database.url));
				expect(missing.message).toContain('has no crm tables yet');
				expect(missing.message).toContain('crm db migrate');
				const created = await runMigrate(database.url);
				expect(created).toMatch(
					/^Created or updated crm's tables in postgres:\/\/postgres@127\.0\.0\.1:\d+\/crm_\w+: /,
				);
				expect(created).toContain(`version ${schemaVersion} (${migrations.length} steps).`);
				expect(await runMigrate(database.url)).toContain(`are up to date (version ${schemaVersion})`);
				// Tables of the version before (its last step undone): refused as behind, then brought up by one step.
				const older = new pg.Client(database.url);
				await older.connect();
				await older.query('DROP INDEX crm.records_by_pos');
				await older.query('DELETE FROM crm.migrations WHERE version = $1', [schemaVersion]);
				await older.end();
				const behind = await refusal(PostgresStore.open(database.url));
				expect(behind.message).toContain(
					`its tables are at version ${schemaVersion - 1} and this crm needs version ${schemaVersion}`,
				);
				expect(await runMigrate(database.url)).toContain(`version ${schemaVersion} (1 step).`);
				const store = await PostgresStore.open(database.url);
				expect(store.existed).toBe(false);
				expect(store.data.customers).toEqual([]);
				await store.close();
				const client = new pg.Client(database.url);
				await client.connect();
				await client.query("INSERT INTO crm.migrations (version, name) VALUES (999, 'from the future')");
				await client.end();
				const newer = await refusal(PostgresStore.open(database.url));
				expect(newer.message).toContain('made by a newer crm');
				expect((await refusal(runMigrate(database.url))).message).toContain('made by a newer crm');
			} finally {
				await database.drop();
			}
		});
	});

	test('crm copy from a file to a database and back gives the same records, change log and audit chain', async () => {
		const folder = tempFolder('pg-copy');
		const database = await newDatabase();
		try {
			const first = join(folder, 'first.json');
			const second = join(folder, 'second.json');
			const store = await JsonFileStore.create(first, smallDemo());
			await store.apply([create('Dee')], 'ana');
			const to = await runCopy(first, database.url, {operator: 'ana'});
			expect(to).toMatch(/^Copied \d+ records and \d+ change-log entries from .* to postgres:\/\/postgres@/);
			expect(to).not.toContain(postgresServer()!.password);
			await runCopy(database.url, second, {operator: 'ana'});
			const [a, b] = await Promise.all([first, second].map(async (file) => JSON.parse(await readFile(file, 'utf8'))));
			for (const key of ['customers', 'opportunities', 'tickets', 'changes', 'auditHead', 'seals'])
				expect(b[key], key).toEqual(a[key]);
			expect(verifyChain(b.changes)).toMatchObject({ok: true});
			// A second copy onto data is refused unless forced.
			expect((await refusal(runCopy(first, database.url, {operator: 'ana'}))).message).toContain('--force');
		} finally {
			await database.drop();
			await rm(folder, {recursive: true, force: true});
		}
	});

	describe('a server restarted under a running store', () => {
		let cluster: PgCluster;
		beforeAll(async () => {
			cluster = await startPgCluster();
		});
		afterAll(() => cluster?.stop());

		test('a save made while the server is down waits for it, says so, and is saved once', async () => {
			const url = databaseUrl(cluster.url, 'postgres');
			await (await PostgresStore.create(url, datasetOf({customers: [customer({name: 'Ada'})]}))).close();
			const heard: Array<string | null> = [];
			const store = await PostgresStore.open(url, Date.now, {onConnection: (problem) => heard.push(problem)});
			const data = join(cluster.folder, 'data');
			cluster.run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
			const saving = store.apply([create('Dee')], 'ana');
			await new Promise((resolve) => setTimeout(resolve, 700));
			cluster.run('pg_ctl', [
				'-D',
				data,
				'-l',
				join(cluster.folder, 'log'),
				'-o',
				`-p ${cluster.port} -k ${cluster.folder} -c listen_addresses=127.0.0.1`,
				'-w',
				'start',
			]);
			const saved = await saving;
			expect(saved.records[0]).toMatchObject({name: 'Dee'});
			expect(heard.some((problem) => problem?.includes('Lost the connection to the database'))).toBe(true);
			expect(heard.at(-1)).toBeNull();
			await store.close();
			const again = await PostgresStore.open(url);
			expect(again.data.customers.filter((record) => record.name === 'Dee')).toHaveLength(1);
			expect(again.data.changes).toHaveLength(1);
			await again.close();
		});

		test('a store killed mid-save leaves nothing of it: the transaction rolls back', async () => {
			const url = databaseUrl(cluster.url, 'postgres');
			await (await PostgresStore.create(url, datasetOf({customers: [customer({name: 'Ada'})]}))).close();
			// A save's transaction as far as its first write, then the connection gone (the process killed).
			const client = new pg.Client(url);
			// Its connection is ended by the server: an error it reports, as a killed process would never hear.
			client.on('error', () => undefined);
			await client.connect();
			await client.query('BEGIN');
			await client.query('SELECT 1 FROM crm.head FOR UPDATE');
			await client.query(
				"INSERT INTO crm.records (entity, id, pos, record) VALUES ('customers', 'cus_half', 99, '{\"id\":\"cus_half\"}')",
			);
			const admin = new pg.Client(url);
			await admin.connect();
			await admin.query('SELECT pg_terminate_backend($1)', [(client as unknown as {processID: number}).processID]);
			await admin.end();
			await client.end().catch(() => undefined);
			const store = await PostgresStore.open(url);
			expect(store.data.customers.map((record) => record.name)).toEqual(['Ada']);
			// The head's lock went with it: the next save goes through.
			await store.apply([create('Bo')], 'ana');
			expect(store.data.customers.map((record) => record.name)).toEqual(['Ada', 'Bo']);
			await store.close();
		});
	});
}
