import {randomBytes} from 'node:crypto';
import {readFileSync} from 'node:fs';
import pg from 'pg';
import {afterAll, beforeAll, expect, test} from 'vitest';
import type {Mutation} from '../../source/domain/mutation.js';
import {MutationError} from '../../source/store/mutation-error.js';
import {migrate, migrations} from '../../source/store/postgres/pg-schema.js';
import {PostgresStore} from '../../source/store/postgres/postgres-store.js';
import {databaseUrl, needPostgres, postgresServer} from '../support/pg-database.js';

/**
 * The least-privilege grants of the README's "Running for a team", run exactly as written (taken
 * from README.md between its grants markers, so the two cannot drift) on a database as the README
 * builds it: owned by crm_owner, crm's tables made by it. Then the operators' group may save and the
 * reporting group may only read.
 */

/** The SQL of the README's block between `<!-- grants:start -->` and `<!-- grants:end -->`. */
const readmeGrants = (): string => {
	const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
	const block = /<!-- grants:start -->\s*```sql\n([\s\S]*?)```\s*<!-- grants:end -->/.exec(readme);
	if (!block) throw new Error('README.md has no ```sql block between <!-- grants:start --> and <!-- grants:end -->');
	return block[1]!;
};

const create = (name: string): Mutation => ({kind: 'create', entity: 'customers', values: {name, status: 'lead'}});

/** A URL of the `crm` database for a login of the cluster's. */
const urlAs = (user: string, password: string): string => {
	const url = new URL(databaseUrl(postgresServer()!.url, 'crm'));
	url.username = user;
	url.password = password;
	return url.toString();
};

const superuser = async <T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
	const client = new pg.Client(databaseUrl(postgresServer()!.url, database));
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
};

if (needPostgres()) {
	const password = randomBytes(9).toString('hex');
	const operator = `crm_test_operator_${randomBytes(3).toString('hex')}`;
	const reporter = `crm_test_reports_${randomBytes(3).toString('hex')}`;
	const opened: PostgresStore[] = [];
	const open = async (url: string) => {
		const store = await PostgresStore.open(url);
		opened.push(store);
		return store;
	};
	const savedNames = () =>
		superuser('crm', async (client) =>
			(
				await client.query<{name: string}>(
					"SELECT record->>'name' AS name FROM crm.records WHERE entity = 'customers' ORDER BY pos",
				)
			).rows.map((row) => row.name),
		);

	beforeAll(async () => {
		// README steps 2 and 3: an owner, the database it owns, crm's tables made by it.
		await superuser('postgres', async (client) => {
			await client.query(`CREATE ROLE crm_owner LOGIN PASSWORD '${password}'`);
			await client.query('CREATE DATABASE crm OWNER crm_owner');
		});
		const owner = new pg.Client(urlAs('crm_owner', password));
		await owner.connect();
		try {
			expect(await migrate(owner)).toEqual(migrations.map((migration) => migration.version));
		} finally {
			await owner.end();
		}
		// Step 4, as the superuser: the README's SQL, every statement of it.
		await superuser('crm', (client) => client.query(readmeGrants()));
		// Step 5: a login in each group (`createuser --role GROUP NAME`).
		await superuser('postgres', async (client) => {
			await client.query(`CREATE ROLE ${operator} LOGIN PASSWORD '${password}' IN ROLE crm_operator`);
			await client.query(`CREATE ROLE ${reporter} LOGIN PASSWORD '${password}' IN ROLE crm_reporting`);
		});
	});

	afterAll(async () => {
		for (const store of opened.splice(0)) await store.close();
		await superuser('postgres', async (client) => {
			await client.query('DROP DATABASE IF EXISTS crm WITH (FORCE)');
			for (const role of [operator, reporter, 'crm_operator', 'crm_reporting', 'crm_owner'])
				await client.query(`DROP ROLE IF EXISTS ${role}`);
		});
	});

	test('the README grants SQL is found between its markers and grants what the README says', () => {
		const sql = readmeGrants();
		expect(sql).toContain('GRANT UPDATE ON crm.head TO crm_operator;');
		expect(sql).not.toMatch(/crm_reporting[^;]*(INSERT|UPDATE|DELETE)|(INSERT|UPDATE|DELETE)[^;]*crm_reporting/);
	});

	test("an operator's login saves a change, and another store sees it", async () => {
		const store = await open(urlAs(operator, password));
		const {records} = await store.apply([create('Grant Granted')], 'alice');
		expect(records[0]).toMatchObject({name: 'Grant Granted', version: 1});
		expect(await savedNames()).toContain('Grant Granted');
		const saves = await superuser('crm', (client) =>
			client.query<{operator: string; db_user: string}>('SELECT operator, db_user FROM crm.saves'),
		);
		expect(saves.rows).toContainEqual({operator: 'alice', db_user: operator});
		// An edit and a delete as well: the rights a console's daily work needs.
		const saved = records[0]!;
		await store.apply(
			[{kind: 'update', entity: 'customers', id: saved.id, version: saved.version, values: {company: 'Grants Ltd'}}],
			'alice',
		);
		const removed = await store.apply([create('Grant Removed')], 'alice');
		await store.apply(
			[{kind: 'delete', entity: 'customers', id: removed.records[0]!.id, version: removed.records[0]!.version}],
			'alice',
		);
		expect(await savedNames()).toEqual(['Grant Granted']);
	});

	test('the reporting login opens and reads, and its change is refused and not saved', async () => {
		const store = await open(urlAs(reporter, password));
		expect(store.data.customers.map((record) => record.name)).toContain('Grant Granted');
		const refusal = await store.apply([create('Grant Refused')], 'reports').then(
			() => null,
			(error: unknown) => error as Error,
		);
		// Refused in words, as a role refuses (the console keeps the input; a command exits 1).
		expect(refusal).toBeInstanceOf(MutationError);
		expect(refusal!.message).toMatch(
			/^Not allowed: the database user \S+ may not change this database \(permission denied for table head\)/,
		);
		expect(store.data.customers.map((record) => record.name)).not.toContain('Grant Refused');
		expect(await savedNames()).not.toContain('Grant Refused');
	});

	test('neither group may rewrite the change log or the saves, nor empty a table', async () => {
		for (const user of [operator, reporter]) {
			const client = new pg.Client(urlAs(user, password));
			await client.connect();
			try {
				for (const sql of [
					'UPDATE crm.changes SET entry = entry',
					'DELETE FROM crm.saves',
					'TRUNCATE crm.records',
					'DROP TABLE crm.changes',
				])
					await expect(client.query(sql), `${user}: ${sql}`).rejects.toThrow(/permission denied|must be owner/);
			} finally {
				await client.end();
			}
		}
	});

	test('a login in neither group may not connect to the database', async () => {
		const stranger = `crm_test_stranger_${randomBytes(3).toString('hex')}`;
		await superuser('postgres', (client) => client.query(`CREATE ROLE ${stranger} LOGIN PASSWORD '${password}'`));
		try {
			const client = new pg.Client(urlAs(stranger, password));
			await expect(client.connect()).rejects.toThrow(/permission denied for database/);
		} finally {
			await superuser('postgres', (client) => client.query(`DROP ROLE ${stranger}`));
		}
	});
}
