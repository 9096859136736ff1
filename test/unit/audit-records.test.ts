import {readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runAccess} from '../../source/commands/access.js';
import {runAuditVerify} from '../../source/commands/audit.js';
import {runDoctor} from '../../source/commands/doctor.js';
import {currentSchemaVersion} from '../../source/domain/dataset.js';
import {listBackups} from '../../source/store/backups.js';
import {journalPathFor} from '../../source/store/journal.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

/**
 * The audit chain binds the records (issue 12): a hostile test edited an amount, deleted and added
 * records, forged and deleted journal lines, popped the last entry (its head deleted, or set to the
 * previous hash), deleted the whole log, lowered schemaVersion and saved once — and `crm audit
 * verify` and `crm doctor` said all was well. Each is now detected, and named where it can be.
 */
let directory: string;
let file: string;

beforeEach(async () => {
	directory = tempFolder('audit');
	file = join(directory, 'crm.json');
});

afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

type Raw = Record<string, unknown> & {
	changes: Array<Record<string, unknown>>;
	opportunities: Array<Record<string, unknown>>;
	customers: Array<Record<string, unknown>>;
	auditHead?: Record<string, unknown>;
};

const rawFile = async (): Promise<Raw> => JSON.parse(await readFile(file, 'utf8')) as Raw;
const writeRaw = async (raw: unknown) => writeFile(file, `${JSON.stringify(raw, null, 2)}\n`);

/** A seeded file (records no entry has touched), then a few logged changes. */
const prepare = async (journal = false) => {
	if (journal)
		await writeFile(join(directory, 'crm.config.json'), JSON.stringify({journal: {fromBytes: 0, foldAt: 10}}));
	await CrmStore.create(file, datasetOf({customers: [customer({name: 'Ada'}), customer({name: 'Bo'})]}));
	const store = await CrmStore.open(file);
	await store.apply(
		[
			{
				kind: 'create',
				entity: 'opportunities',
				values: {title: 'Big deal', customerId: '', stage: 'proposal', amount: 1000, currency: 'USD', probability: 0.5},
			},
		],
		'ana',
	);
	await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Cy', status: 'lead'}}], 'ana');
	const deal = store.data.opportunities[0]!;
	await store.apply(
		[{kind: 'update', entity: 'opportunities', id: deal.id, version: deal.version, values: {stage: 'negotiation'}}],
		'bo',
	);
	return store;
};

const verify = async (options: {head?: string} = {}) => runAuditVerify(file, options);

const expectBroken = async (message: RegExp) => {
	const {text, intact} = await verify();
	expect(intact).toBe(false);
	expect(text).toMatch(message);
	const doctor = await runDoctor(file);
	expect(doctor.healthy).toBe(false);
	expect(doctor.text).toMatch(/BAD\s+Audit chain/);
	return text;
};

describe('an intact file', () => {
	test('verifies, and prints the head to keep elsewhere', async () => {
		await prepare();
		const {text, intact} = await verify();
		expect(intact).toBe(true);
		expect(text).toMatch(/Audit chain intact: 3 entries .*every record is as the log’s last entry left it/);
		expect(text).toMatch(/^Head: 3:[0-9a-f]{64}$/m);
		expect((await runDoctor(file)).healthy).toBe(true);
	});

	test('a seeded file with no entry yet verifies too: its head holds the state of its records', async () => {
		await CrmStore.create(file, datasetOf({customers: [customer({name: 'Ada'})]}));
		expect((await rawFile()).auditHead).toMatchObject({
			count: 0,
			hash: '',
			state: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect((await verify()).intact).toBe(true);
	});
});

describe('records changed outside crm are detected and named', () => {
	test('an amount edited in the file names the deal — and a save of that deal is refused rather than laundering it', async () => {
		const store = await prepare();
		const raw = await rawFile();
		raw.opportunities[0]!['amount'] = 999_999;
		await writeRaw(raw);
		await expectBroken(/opportunity opp_\w+ “Big deal” is not as crm last saved it: it was changed outside crm/);
		const reopened = await CrmStore.open(file);
		const deal = reopened.data.opportunities[0]!;
		await expect(
			reopened.apply(
				[{kind: 'update', entity: 'opportunities', id: deal.id, version: deal.version, values: {stage: 'won'}}],
				'ana',
			),
		).rejects.toThrow(/Not saved: the opportunity “Big deal” \(opp_\w+\) was changed in the file outside crm/);
		// Other records go on being saved.
		await reopened.apply([{kind: 'create', entity: 'customers', values: {name: 'Dee', status: 'lead'}}], 'ana');
		expect(store).toBeDefined();
	});

	test('a record never touched by an entry (seeded), edited: named by its seal', async () => {
		await prepare();
		const raw = await rawFile();
		raw.customers[0]!['email'] = 'attacker@example.com';
		await writeRaw(raw);
		await expectBroken(/customer cus_\w+ “Ada” is not as crm last saved it/);
	});

	test('a record deleted from the file is named as removed', async () => {
		await prepare();
		const raw = await rawFile();
		raw.customers.splice(1, 1);
		await writeRaw(raw);
		await expectBroken(/customer cus_\w+ is missing: it was removed outside crm/);
	});

	test('a record added to the file is named as added', async () => {
		await prepare();
		const raw = await rawFile();
		raw.customers.push({...raw.customers[0]!, id: 'cus_forged0001', name: 'Forged'});
		await writeRaw(raw);
		await expectBroken(/customer cus_forged0001 “Forged” has no seal: it was added outside crm/);
	});

	test('a record edited with its seal recomputed is still named, by the last entry that changed it', async () => {
		await prepare();
		const raw = await rawFile();
		const deal = raw.opportunities[0]!;
		deal['amount'] = 5;
		const {recordDigest, sealOf} = await import('../../source/domain/record-seal.js');
		const seals = raw['seals'] as Record<string, string>;
		seals['opportunities'] = seals['opportunities']!.replace(
			new RegExp(`;${deal['id'] as string}:[0-9a-f]{16};`),
			`;${deal['id'] as string}:${sealOf(recordDigest('opportunities', deal))};`,
		);
		await writeRaw(raw);
		await expectBroken(/opportunity opp_\w+ is not as entry 3 \(.*by bo: update of opportunities “Big deal”\) left it/);
	});
});

describe('the log cut, emptied or rewritten', () => {
	test('the last entry popped, the head deleted', async () => {
		await prepare();
		const raw = await rawFile();
		raw.changes.pop();
		delete raw.auditHead;
		await writeRaw(raw);
		await expectBroken(/no audit head/);
	});

	test('the last entry popped, the head set to the entry before', async () => {
		await prepare();
		const raw = await rawFile();
		raw.changes.pop();
		raw.auditHead = {...raw.auditHead, count: raw.changes.length, hash: raw.changes.at(-1)!['hash']};
		await writeRaw(raw);
		await expectBroken(/another state than the log’s last entry/);
	});

	test('the last entry popped, and the head copied whole from the entry before (its state too)', async () => {
		await prepare();
		const raw = await rawFile();
		raw.changes.pop();
		const last = raw.changes.at(-1)!;
		raw.auditHead = {count: raw.changes.length, hash: last['hash'], state: last['state']};
		await writeRaw(raw);
		await expectBroken(/opportunity opp_\w+ is not as entry 1 \(.*create of opportunities “Big deal”\) left it/);
	});

	test('the whole log deleted, with its head', async () => {
		await prepare();
		const raw = await rawFile();
		raw.changes = [];
		delete raw.auditHead;
		await writeRaw(raw);
		await expectBroken(/no audit head/);
	});

	test('schemaVersion lowered to 2 (to have the migration vouch for edited records): refused on open, named by verify', async () => {
		await prepare();
		const raw = await rawFile();
		raw['schemaVersion'] = 2;
		raw.opportunities[0]!['amount'] = 1;
		await writeRaw(raw);
		await expect(CrmStore.open(file)).rejects.toThrow(
			/says schemaVersion 2, but it carries seals of its records.*lowered by hand/,
		);
		await expectBroken(/lowered by hand/);
	});

	test('a rewrite of the whole chain passes on its own, and is caught by the head kept elsewhere', async () => {
		await prepare();
		const kept = /^Head: (\S+)$/m.exec((await verify()).text)![1]!;
		// The most a forger can do without the head: take the log back to an earlier, consistent point (here: a backup).
		const [backup] = (await listBackups(file)).filter((entry) => entry.rolling);
		await writeFile(file, await readFile(backup!.path));
		expect((await verify()).intact).toBe(true);
		const {text, intact} = await verify({head: kept});
		expect(intact).toBe(false);
		expect(text).toMatch(/head kept elsewhere \(3 entries\) is longer than the log \(2\)/);
		expect((await verify({head: 'nonsense'}).catch((error: Error) => error)) as Error).toBeInstanceOf(Error);
	});
});

describe('journal lines forged or deleted', () => {
	test.each([
		['a line whose record a later line replaced', 0],
		['the last line', 2],
	])('a journal line forged (a record changed in it) is detected and named: %s', async (_, which) => {
		await prepare(true);
		const lines = (await readFile(journalPathFor(file), 'utf8')).trimEnd().split('\n');
		const line = JSON.parse(lines[which]!) as {records: Array<{record: Record<string, unknown>}>};
		line.records[0]!.record['amount'] = 777;
		lines[which] = JSON.stringify(line);
		await writeFile(journalPathFor(file), `${lines.join('\n')}\n`);
		await expectBroken(
			new RegExp(
				`line ${which + 1} of .*crm\\.json\\.journal holds opportunity opp_\\w+ “Big deal” not as it was saved`,
			),
		);
	});

	test('a journal line in the middle deleted breaks the chain at the next', async () => {
		await prepare(true);
		const lines = (await readFile(journalPathFor(file), 'utf8')).trimEnd().split('\n');
		lines.splice(1, 1);
		await writeFile(journalPathFor(file), `${lines.join('\n')}\n`);
		await expectBroken(/Audit chain broken at entry 2 .* its hash does not match/);
	});

	test('the last journal line deleted is a consistent step back: caught by the head kept elsewhere', async () => {
		await prepare(true);
		const kept = /^Head: (\S+)$/m.exec((await verify()).text)![1]!;
		const lines = (await readFile(journalPathFor(file), 'utf8')).trimEnd().split('\n');
		lines.pop();
		await writeFile(journalPathFor(file), `${lines.join('\n')}\n`);
		expect((await verify({head: kept})).text).toMatch(/longer than the log/);
	});
});

describe('migration to version 3', () => {
	test('a version 2 file is sealed as it stands: verified intact, and its first save keeps it as a backup', async () => {
		await writeRaw({
			schemaVersion: 2,
			customers: [customer({name: 'Old'})],
			opportunities: [],
			tickets: [],
			feedback: [],
			activities: [],
			changes: [],
		});
		const store = await CrmStore.open(file);
		expect(store.data.schemaVersion).toBe(currentSchemaVersion);
		await store.apply([{kind: 'create', entity: 'customers', values: {name: 'New', status: 'lead'}}], 'ana');
		expect((await listBackups(file)).map((backup) => backup.name)).toContainEqual(
			expect.stringMatching(/-before-v3-from-v2\.json$/),
		);
		expect((await verify()).intact).toBe(true);
	});
});

describe('roles bound into the chain', () => {
	const roles = (operators: Record<string, string>) =>
		writeFile(join(directory, 'crm.config.json'), JSON.stringify({access: {operators}}));

	test('roles found in the settings file are vouched for by the next save; a later hand edit is detected, named, and not in force', async () => {
		await CrmStore.create(file, datasetOf({customers: [customer({name: 'Ada'})]}));
		await roles({ana: 'admin', bo: 'sales'});
		const store = await CrmStore.open(file);
		await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Eve', status: 'lead'}}], 'bo');
		const raw = await rawFile();
		expect(raw.changes.map((entry) => entry['entity'])).toEqual(['access', 'customers']);
		expect((await verify()).intact).toBe(true);
		// bo makes himself admin by editing the settings file.
		await roles({ana: 'admin', bo: 'admin'});
		const {text, intact} = await verify();
		expect(intact).toBe(false);
		expect(text).toMatch(
			/Roles changed outside crm: The roles in .*crm\.config\.json are not those last set with crm access/,
		);
		expect((await runDoctor(file)).text).toMatch(/BAD\s+Roles/);
		const reopened = await CrmStore.open(file);
		expect(reopened.roleOf('bo')).toBe('sales');
		expect(reopened.rolesWarning).toMatch(/changed there by hand, so they are not in force/);
		await expect(
			reopened.apply([{kind: 'delete', entity: 'customers', id: reopened.data.customers[0]!.id, version: 1}], 'bo'),
		).rejects.toThrow(/bo \(sales\) may not delete customers/);
		expect(await runAccess(file, {as: 'bo'})).toMatch(/^Warning: .*\n(.*\n)*\s+bo\s+sales/);
	});

	test('crm access set logs the change (the chain vouches for it) and writes the roles in force, putting right a hand edit', async () => {
		await CrmStore.create(file, datasetOf({}));
		await runAccess(file, {action: 'set', operator: 'ana', role: 'admin', as: 'ana'});
		await runAccess(file, {action: 'set', operator: 'bo', role: 'sales', as: 'ana'});
		await roles({ana: 'admin', bo: 'admin'});
		await expect(runAccess(file, {action: 'set', operator: 'cy', role: 'admin', as: 'bo'})).rejects.toThrow(
			/bo \(sales\) may not change settings or roles/,
		);
		await runAccess(file, {action: 'set', operator: 'cy', role: 'viewer', as: 'ana'});
		expect(JSON.parse(await readFile(join(directory, 'crm.config.json'), 'utf8')).access.operators).toEqual({
			ana: 'admin',
			bo: 'sales',
			cy: 'viewer',
		});
		expect((await verify()).intact).toBe(true);
		const raw = await rawFile();
		expect(raw.changes.filter((entry) => entry['entity'] === 'access').map((entry) => entry['operator'])).toEqual([
			'ana',
			'ana',
			'ana',
		]);
	});

	test('an admin’s role change in another console is in force here at once', async () => {
		await CrmStore.create(file, datasetOf({}));
		await runAccess(file, {action: 'set', operator: 'ana', role: 'admin', as: 'ana'});
		const console1 = await CrmStore.open(file);
		await runAccess(file, {action: 'set', operator: 'bo', role: 'sales', as: 'ana'});
		await console1.apply(
			[
				{
					kind: 'create',
					entity: 'opportunities',
					values: {title: 'X', customerId: '', stage: 'prospecting', amount: 1, currency: 'USD', probability: 0.1},
				},
			],
			'bo',
		);
		expect(console1.roleOf('bo')).toBe('sales');
		expect(console1.rolesWarning).toBeNull();
	});
});
