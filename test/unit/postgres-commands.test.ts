import {rm} from 'node:fs/promises';
import {join} from 'node:path';
import pg from 'pg';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {runAuditVerify} from '../../source/commands/audit.js';
import {runCopy} from '../../source/commands/database.js';
import {runDoctor, runRestore} from '../../source/commands/doctor.js';
import {PostgresStore} from '../../source/store/postgres/postgres-store.js';
import {settingsOf} from '../../source/store/settings-of.js';
import {smallDemo} from '../support/fixtures.js';
import {needPostgres, newDatabase, postgresServer} from '../support/pg-database.js';
import {tempFolder} from '../support/temp-folder.js';

if (needPostgres()) {
	let database: {url: string; drop: () => Promise<void>};
	beforeEach(async () => {
		database = await newDatabase();
		const store = await PostgresStore.create(database.url, smallDemo(), {
			slaHours: {urgent: 2, high: 8, normal: 24, low: 72},
		});
		await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Dee', status: 'lead'}}], 'ana');
		await store.close();
	});
	afterEach(async () => database.drop());

	/** Changes a record behind crm's back, as someone with the database's password could. */
	const forge = async (): Promise<void> => {
		const client = new pg.Client(database.url);
		await client.connect();
		await client.query(
			"UPDATE crm.records SET record = json_build_object('id', id, 'name', 'Forged') WHERE entity = 'customers' AND id = (SELECT id FROM crm.records WHERE entity = 'customers' ORDER BY pos LIMIT 1)",
		);
		await client.end();
	};

	test('crm audit verify on a database: intact with its head, then the record changed outside crm named', async () => {
		const intact = await runAuditVerify(database.url);
		expect(intact.intact).toBe(true);
		expect(intact.text).toMatch(
			/^Audit chain intact: \d+ entries in postgres:\/\/postgres@127\.0\.0\.1:\d+\/crm_\w+, each vouching/,
		);
		expect(intact.text).not.toContain(postgresServer()!.password);
		expect(intact.text).toContain("Keep the head somewhere this database's users cannot write");
		await forge();
		const broken = await runAuditVerify(database.url);
		expect(broken.intact).toBe(false);
		expect(broken.text).toMatch(/customer cus_\w+ “Forged” is not as crm last saved it/);
	});

	test('crm doctor on a database: the server and every area checked; a forged record is bad; no restore of a database', async () => {
		const healthy = await runDoctor(database.url);
		expect(healthy.healthy).toBe(true);
		expect(healthy.text).toMatch(/ok {4}Database +connected as postgres to PostgreSQL \d+/);
		expect(healthy.text).toMatch(/ok {4}Audit chain/);
		expect(healthy.text).toContain('All well: the database opens and every check passed.');
		await forge();
		const sick = await runDoctor(database.url);
		expect(sick.healthy).toBe(false);
		expect(sick.text).toMatch(/BAD {3}Audit chain/);
		expect(sick.text).toContain('Nothing was changed');
		await expect(runRestore(database.url, true, 'ana')).rejects.toThrow(/is a database: crm keeps no backups of it/);
	});

	test('a copy keeps a record changed outside crm found out: it is not sealed anew on the way', async () => {
		await forge();
		const folder = tempFolder('pg-forged-copy');
		try {
			const file = join(folder, 'copy.json');
			await runCopy(database.url, file, {operator: 'ana'});
			const audit = await runAuditVerify(file);
			expect(audit.intact).toBe(false);
			expect(audit.text).toMatch(/customer cus_\w+ “Forged” is not as crm last saved it/);
		} finally {
			await rm(folder, {recursive: true, force: true});
		}
	});

	test('the settings of a database are read where commands read a file’s', async () => {
		expect((await settingsOf(database.url)).slaHours).toEqual({urgent: 2, high: 8, normal: 24, low: 72});
	});
}
