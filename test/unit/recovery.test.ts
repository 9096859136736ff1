import {readdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeEach, describe, expect, test} from 'vitest';
import {runAuditVerify} from '../../source/commands/audit.js';
import {runDoctor, runRestore} from '../../source/commands/doctor.js';
import {verifyChain} from '../../source/domain/audit-chain.js';
import {currentSchemaVersion} from '../../source/domain/dataset.js';
import {listBackups} from '../../source/store/backups.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

let directory: string;
let file: string;

beforeEach(async () => {
	directory = tempFolder('recovery');
	file = join(directory, 'crm.json');
});

const addCustomers = async (store: CrmStore, names: string[]) => {
	for (const name of names)
		await store.apply([{kind: 'create', entity: 'customers', values: {name, status: 'lead'}}], 'ana');
};

const rawFile = async () =>
	JSON.parse(await readFile(file, 'utf8')) as {schemaVersion: number; changes: Array<Record<string, unknown>>};

describe('the audit chain', () => {
	test('every saved entry carries the hash of the one before; an edited, removed or moved entry breaks the chain there', async () => {
		await CrmStore.create(file, datasetOf({}));
		await addCustomers(await CrmStore.open(file), ['Ada', 'Bo', 'Cy', 'Di']);
		const raw = await rawFile();
		expect(
			raw.changes.every((entry) => typeof entry['hash'] === 'string' && (entry['hash'] as string).length === 64),
		).toBe(true);
		expect(verifyChain(raw.changes)).toMatchObject({ok: true, count: 4});

		const edited = structuredClone(raw.changes);
		edited[1]!['operator'] = 'mallory';
		expect(verifyChain(edited)).toMatchObject({ok: false, index: 1});
		expect(verifyChain([...raw.changes.slice(0, 2), ...raw.changes.slice(3)])).toMatchObject({ok: false, index: 2});
		expect(verifyChain([raw.changes[1]!, raw.changes[0]!, ...raw.changes.slice(2)])).toMatchObject({
			ok: false,
			index: 0,
		});
		const unhashed = structuredClone(raw.changes);
		delete unhashed[3]!['hash'];
		expect(verifyChain(unhashed)).toMatchObject({ok: false, index: 3, reason: expect.stringContaining('no hash')});
	});

	test('crm audit verify names the first broken entry, when and by whom, and says intact otherwise', async () => {
		await CrmStore.create(file, datasetOf({}));
		await addCustomers(await CrmStore.open(file), ['Ada', 'Bo', 'Cy']);
		expect(await runAuditVerify(file)).toMatchObject({
			intact: true,
			text: expect.stringContaining('Audit chain intact: 3 entries'),
		});
		const raw = await rawFile();
		(raw.changes[1]!['changes'] as Array<{after?: unknown}>)[0]!.after = 'Forged';
		await writeFile(file, JSON.stringify(raw, null, 2));
		const {text, intact} = await runAuditVerify(file);
		expect(intact).toBe(false);
		expect(text).toMatch(
			/^Audit chain broken at entry 2 \(chg_\w+, \d{4}-\d\d-\d\dT[\d:.]+Z, by ana: create of customers “Bo”\) of 3: its hash does not match its content/,
		);
	});
});

describe('migrations and backups', () => {
	test('a version 1 file opens as the current version; its first save keeps the original bytes as a backup first, then writes the chained log', async () => {
		const v1 = {
			schemaVersion: 1,
			customers: [customer({name: 'Old'})],
			opportunities: [],
			tickets: [],
			feedback: [],
			activities: [],
			changes: [
				{
					id: 'chg_old00001',
					at: '2025-01-01T00:00:00.000Z',
					operator: 'ana',
					action: 'create',
					entity: 'customers',
					recordId: 'cus_old00001',
					label: 'Old',
					changes: [],
					undoOf: null,
					batch: null,
				},
			],
		};
		const original = `${JSON.stringify(v1, null, 2)}\n`;
		await writeFile(file, original);
		const store = await CrmStore.open(file);
		expect(store.data.schemaVersion).toBe(currentSchemaVersion);
		// Reading alone writes nothing.
		expect(await readFile(file, 'utf8')).toBe(original);
		await addCustomers(store, ['New']);
		const [kept] = (await listBackups(file)).filter((backup) => !backup.rolling);
		expect(kept!.name).toMatch(new RegExp(`-before-v${currentSchemaVersion}-from-v1\\.json$`));
		expect(await readFile(kept!.path, 'utf8')).toBe(original);
		const raw = await rawFile();
		expect(raw.schemaVersion).toBe(currentSchemaVersion);
		expect(verifyChain(raw.changes)).toMatchObject({ok: true, count: 2});
	});

	test('one rolling backup per save, the newest N kept (N from the settings file)', async () => {
		await writeFile(join(directory, 'crm.config.json'), JSON.stringify({backups: 3}));
		await CrmStore.create(file, datasetOf({}));
		await addCustomers(await CrmStore.open(file), ['A', 'B', 'C', 'D', 'E']);
		const backups = await listBackups(file);
		expect(backups.filter((backup) => backup.rolling)).toHaveLength(3);
		// The newest backup is the file before the last save: four customers.
		expect(JSON.parse(await readFile(backups[0]!.path, 'utf8')).customers).toHaveLength(4);
		for (const name of await readdir(join(directory, 'crm.backups')))
			expect(name).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z(-\d+)?\.json$/);
	});
});

describe('crm doctor', () => {
	test('a healthy file: every area ok', async () => {
		await CrmStore.create(file, datasetOf({customers: [customer({name: 'Ada'})]}));
		const {text, healthy} = await runDoctor(file);
		expect(healthy).toBe(true);
		expect(text).toMatch(
			/ok +Records +1 customer, 0 opportunities, 0 tickets, 0 feedback, 0 campaigns, 0 orders, 0 activities, 0 survey responses, 0 audience members: all valid/,
		);
		expect(text).toContain('All well');
	});

	test('lists every problem in words — an invalid field, an id used twice, a missing customer — and changes nothing', async () => {
		const ada = customer({name: 'Ada'});
		const bo = {...customer({name: 'Bo'}), id: 'cus_bobo0001', email: 'not-an-email'};
		const raw = {
			schemaVersion: 2,
			customers: [ada, bo, {...ada, name: 'Ada again'}],
			opportunities: [
				{
					id: 'opp_orphan01',
					title: 'Lost link',
					customerId: 'cus_gone0001',
					stage: 'prospecting',
					amount: 10,
					currency: 'USD',
					probability: 0.1,
					owner: '',
					createdAt: '2026-01-01T00:00:00.000Z',
					updatedAt: '2026-01-01T00:00:00.000Z',
					version: 1,
				},
				// Invalid itself (reported under Records), and naming Bo, whose own record is invalid but there.
				{
					id: 'opp_badamt01',
					title: 'Bad amount',
					customerId: 'cus_bobo0001',
					stage: 'prospecting',
					amount: 'lots',
					currency: 'USD',
					probability: 0.1,
					owner: '',
					createdAt: '2026-01-01T00:00:00.000Z',
					updatedAt: '2026-01-01T00:00:00.000Z',
					version: 1,
				},
				null,
			],
			tickets: [],
			feedback: [],
			activities: [],
			changes: [],
		};
		const text = JSON.stringify(raw, null, 2);
		await writeFile(file, text);
		const report = await runDoctor(file);
		expect(report.healthy).toBe(false);
		expect(report.text).toMatch(/BAD +Records +3 records with a problem/);
		expect(report.text).toMatch(
			/- opportunity opp_badamt01 \(number 2 in opportunities\), field "amount" must be a number/,
		);
		expect(report.text).toMatch(
			/- customer cus_bobo0001 \(number 2 in customers\), field "email" must be an email address/,
		);
		expect(report.text).not.toContain('names customer cus_bobo0001');
		expect(report.text).toMatch(/BAD +Ids +1 id used twice/);
		// An orphan is a note, not a fault: the console lets a customer with deals be deleted (it warns).
		expect(report.text).toMatch(
			/note +References +1 record name a customer, deal, ticket or campaign that is not there/,
		);
		expect(report.text).toContain('- opportunity opp_orphan01 names customer cus_gone0001, which is not in the file');
		expect(await readFile(file, 'utf8')).toBe(text);
	});

	test('a file that is not JSON: the line and column, and nothing further', async () => {
		await writeFile(file, '{\n  "schemaVersion": 2,\n  "customers": [,]\n}\n');
		const {text, healthy} = await runDoctor(file);
		expect(healthy).toBe(false);
		expect(text).toMatch(/BAD +JSON +it is not valid JSON at line 3, column \d+/);
	});

	test('--restore lists the backups with what they hold, and puts one back keeping the current file first', async () => {
		await CrmStore.create(file, datasetOf({}));
		await addCustomers(await CrmStore.open(file), ['A', 'B']);
		const listing = await runRestore(file, true, 'ana');
		expect(listing).toMatch(
			/ {2}1 {2}\d{4}-\d\d-\d\d [\d:]+ +[\d.]+ KB {2}\S+\.json {2}1 customer, 0 deals, 0 tickets, 1 change/,
		);
		await writeFile(
			join(directory, 'crm.config.json'),
			JSON.stringify({access: {operators: {ana: 'admin', vic: 'viewer'}}}),
		);
		await expect(runRestore(file, '2', 'vic')).rejects.toThrow(
			'vic (viewer) may not restore a backup: that is for an admin.',
		);
		const done = await runRestore(file, '2', 'ana');
		expect(done).toMatch(
			/^Restored \S+ \(0 customers, 0 deals, 0 tickets, 0 changes\) as .*crm\.json\. The file as it was is kept as .*-before-restore\.json\./,
		);
		expect((await CrmStore.open(file)).data.customers).toHaveLength(0);
		await expect(runRestore(file, '99', 'ana')).rejects.toThrow('There is no backup “99”');
	});
});

test('a temporary file left by a process killed mid-save is removed when the file is next opened; a live process’s is not', async () => {
	await CrmStore.create(file, datasetOf({}));
	const dead = join(directory, '.crm.json.2147483600.1.tmp');
	const live = join(directory, `.crm.json.${process.pid}.77.tmp`);
	await writeFile(dead, '{"half": ');
	await writeFile(live, '{"half": ');
	await CrmStore.open(file);
	expect(await readdir(directory)).not.toContain('.crm.json.2147483600.1.tmp');
	expect(await readdir(directory)).toContain(`.crm.json.${process.pid}.77.tmp`);
	// Read-only opens (report, export) leave the folder alone.
	await writeFile(dead, '{"half": ');
	await CrmStore.open(file, Date.now, {readonly: true});
	expect(await readdir(directory)).toContain('.crm.json.2147483600.1.tmp');
});

describe('what a hash chain alone would miss', () => {
	test('entries removed from the end: the head recorded at each save no longer matches', async () => {
		await CrmStore.create(file, datasetOf({}));
		await addCustomers(await CrmStore.open(file), ['Ada', 'Bo', 'Cy']);
		const raw = await rawFile();
		raw.changes.pop();
		await writeFile(file, JSON.stringify(raw, null, 2));
		const {text, intact} = await runAuditVerify(file);
		expect(intact).toBe(false);
		expect(text).toContain(
			'the file recorded 3 entries at its last save, but the log holds 2: entries were removed from its end',
		);
	});

	test('a version lowered by hand to skip the check: refused on open, and named by crm audit verify', async () => {
		await CrmStore.create(file, datasetOf({}));
		await addCustomers(await CrmStore.open(file), ['Ada', 'Bo']);
		const raw = await rawFile();
		raw.changes[0]!['operator'] = 'mallory';
		raw.schemaVersion = 1;
		const text = JSON.stringify(raw, null, 2);
		await writeFile(file, text);
		expect((await runAuditVerify(file)).intact).toBe(false);
		await expect(CrmStore.open(file)).rejects.toThrow('the version was lowered by hand');
		expect(await readFile(file, 'utf8')).toBe(text);
	});
});
