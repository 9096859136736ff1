import {readFile, rm} from 'node:fs/promises';
import {join} from 'node:path';
import pg from 'pg';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {runAuditVerify} from '../../source/commands/audit.js';
import {runCopy} from '../../source/commands/database.js';
import {runDoctor, runRestore} from '../../source/commands/doctor.js';
import {writeFileDurably} from '../../source/store/durable-json-file.js';
import {JsonFileStore} from '../../source/store/json-file-store.js';
import {PostgresStore} from '../../source/store/postgres/postgres-store.js';
import {isSealed} from '../../source/store/sealed/seal-format.js';
import {MasterKey} from '../../source/store/sealed/seal-keys.js';
import {bytesUnder, keyring} from '../../source/store/sealed/set-sealing.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
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

	test('an encrypted file copies into the database and back: the same head; a copy over an encrypted file stays encrypted', async () => {
		const folder = tempFolder('pg-sealed-copy');
		const key = new MasterKey(Buffer.alloc(32, 5));
		keyring.use(() => Promise.resolve(key));
		try {
			const sealedFile = join(folder, 'sealed.json');
			await (await JsonFileStore.create(sealedFile, smallDemo(), {key})).close();
			await writeFileDurably(
				settingsPathFor(sealedFile),
				'{"slaHours": {"urgent": 1, "high": 4, "normal": 12, "low": 48}}\n',
				undefined,
				bytesUnder(key),
			);
			const head = (await runAuditVerify(sealedFile)).text.match(/Head: (\S+)/)?.[1];
			expect(head).toBeDefined();
			await runCopy(sealedFile, database.url, {force: true, operator: 'ana'});
			expect((await runAuditVerify(database.url)).text).toContain(`Head: ${head}`);
			expect((await settingsOf(database.url)).slaHours).toEqual({urgent: 1, high: 4, normal: 12, low: 48});
			// Back over the encrypted file (forced): still sealed under its key, settings too.
			await runCopy(database.url, sealedFile, {force: true, operator: 'ana'});
			expect(isSealed(await readFile(sealedFile))).toBe(true);
			expect(isSealed(await readFile(settingsPathFor(sealedFile)))).toBe(true);
			expect((await runAuditVerify(sealedFile)).text).toContain(`Head: ${head}`);
		} finally {
			keyring.use(null);
			await rm(folder, {recursive: true, force: true});
		}
	});

	test('the settings of a database are read where commands read a file’s', async () => {
		expect((await settingsOf(database.url)).slaHours).toEqual({urgent: 2, high: 8, normal: 24, low: 72});
	});
}
