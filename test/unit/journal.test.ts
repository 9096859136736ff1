import {appendFile, copyFile, link, readdir, readFile, rm, stat, utimes, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runAuditVerify} from '../../source/commands/audit.js';
import {restoreBackup} from '../../source/store/backup-restore.js';
import {listBackups} from '../../source/store/backups.js';
import {DataFileError} from '../../source/store/data-file-error.js';
import {checkDataFile} from '../../source/store/file-check.js';
import {journalPathFor} from '../../source/store/journal.js';
import {JsonFileStore as CrmStore} from '../../source/store/json-file-store.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
import {checkedPathFor} from '../../source/store/store.js';
import {tempFolder} from '../support/temp-folder.js';

let directory: string;
let file: string;
let time: number;
const clock = () => (time += 1000);
const open = () => CrmStore.open(file, clock);
const journal = () => journalPathFor(file);
const journalLines = async () => (await readFile(journal(), 'utf8')).split('\n').filter(Boolean);

/** Journals every save of any size; folds only when the journal is `foldAt` times the file. */
const useJournal = async (foldAt = 10) =>
	writeFile(settingsPathFor(file), JSON.stringify({journal: {fromBytes: 0, foldAt}}));

const create = (store: CrmStore, name: string) =>
	store.apply([{kind: 'create', entity: 'customers', values: {name, status: 'lead'}}], 'ana');

beforeEach(async () => {
	directory = tempFolder('journal');
	file = join(directory, 'crm.json');
	time = Date.parse('2026-03-01T09:00:00.000Z');
});
afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

describe('the journal of a large file', () => {
	test('a save appends one line and leaves the data file untouched; a fresh open sees it', async () => {
		await useJournal();
		const store = await open();
		await create(store, 'First');
		const snapshot = await readFile(file, 'utf8');
		await create(store, 'Second');
		const {records} = await create(store, 'Third');
		await store.apply(
			[{kind: 'update', entity: 'customers', id: records[0]!.id, version: 1, values: {status: 'active'}}],
			'ana',
		);
		expect(await readFile(file, 'utf8')).toBe(snapshot);
		expect(await journalLines()).toHaveLength(3);
		const reopened = await open();
		expect(reopened.data.customers.map((customer) => [customer.name, customer.status])).toEqual([
			['First', 'lead'],
			['Second', 'lead'],
			['Third', 'active'],
		]);
		expect(reopened.data).toEqual(store.data);
		expect((await runAuditVerify(file)).text).toContain('Audit chain intact: 4 entries');
	});

	test('replaying the journal gives exactly what the writer holds: updates in place, deletes gone, a record brought back at the end', async () => {
		await useJournal();
		const store = await open();
		await create(store, 'Seed');
		const ids: string[] = [];
		for (const name of ['A', 'B', 'C', 'D']) ids.push((await create(store, name)).records[0]!.id);
		const version = (id: string) => store.data.customers.find((customer) => customer.id === id)!.version;
		await store.apply([{kind: 'delete', entity: 'customers', id: ids[1]!, version: version(ids[1]!)}], 'ana');
		await store.apply(
			[{kind: 'update', entity: 'customers', id: ids[2]!, version: version(ids[2]!), values: {notes: 'called'}}],
			'ana',
		);
		await store.undo('ana');
		await store.undo('ana');
		// One save touching several records: a batch in one line.
		await store.apply(
			[
				{kind: 'update', entity: 'customers', id: ids[0]!, version: version(ids[0]!), values: {status: 'active'}},
				{kind: 'delete', entity: 'customers', id: ids[3]!, version: version(ids[3]!)},
				{
					kind: 'create',
					entity: 'opportunities',
					values: {
						title: 'Renewal',
						customerId: ids[0]!,
						amount: 1200,
						stage: 'prospecting',
						probability: 0.2,
						expectedClose: '2026-04-01',
					},
				},
			],
			'ana',
		);
		const reopened = await open();
		expect(reopened.data).toEqual(store.data);
		expect(reopened.data.customers.map((customer) => customer.name)).toEqual(['Seed', 'A', 'C', 'B']);
		await reopened.fold();
		expect(await stat(journal()).catch(() => null)).toBeNull();
		expect((await open()).data).toEqual(store.data);
	});

	test('random creates, edits, deletes and undos replay to exactly the writer’s data, before and after a fold', async () => {
		await useJournal();
		const store = await open();
		await create(store, 'Seed');
		let seed = 7;
		const random = (below: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return Math.floor(seed / 65_536) % below;
		};
		for (let step = 0; step < 80; step++) {
			const customers = store.data.customers;
			const pick = customers[random(customers.length)];
			const roll = random(10);
			if (roll < 4 || !pick) await create(store, `Customer ${step}`);
			else if (roll < 7)
				await store.apply(
					[{kind: 'update', entity: 'customers', id: pick.id, version: pick.version, values: {notes: `step ${step}`}}],
					'ana',
				);
			else if (roll < 9)
				await store.apply([{kind: 'delete', entity: 'customers', id: pick.id, version: pick.version}], 'ana');
			else await store.undo('ana').catch(() => undefined);
			if (step % 20 === 19) expect((await open()).data).toEqual(store.data);
		}
		expect((await open()).data).toEqual(store.data);
		await store.fold();
		expect((await open()).data).toEqual(store.data);
	});

	test('a line cut off by a killed writer is not read, and the next save cuts it before appending', async () => {
		await useJournal();
		const store = await open();
		await create(store, 'First');
		await create(store, 'Second');
		await appendFile(journal(), '{"seq":3,"records":[{"entity":"customers","id":"cus_x');
		const reader = await open();
		expect(reader.data.customers.map((customer) => customer.name)).toEqual(['First', 'Second']);
		await create(reader, 'Third');
		const lines = await journalLines();
		expect(lines).toHaveLength(2);
		for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
		expect((await open()).data.customers.map((customer) => customer.name)).toEqual(['First', 'Second', 'Third']);
	});

	test('a damaged line is refused by name, file and line number, and nothing is written', async () => {
		await useJournal();
		const store = await open();
		await create(store, 'First');
		await create(store, 'Second');
		await create(store, 'Third');
		const lines = await journalLines();
		lines[1] = lines[1]!.replace('"status":"lead"', '"status":"sleeping"');
		await writeFile(journal(), `${lines.join('\n')}\n`);
		const error = await open().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(DataFileError);
		expect((error as Error).message).toContain(`${journal()}`);
		expect((error as Error).message).toContain('line 2');
		expect((error as Error).message).toContain('status');
		const findings = await checkDataFile(file);
		expect(findings.find((finding) => finding.area === 'Journal')).toMatchObject({ok: false});
	});

	test('a crash after the folded file is written but before the journal is removed doubles nothing', async () => {
		await useJournal();
		const store = await open();
		await create(store, 'First');
		await create(store, 'Second');
		await create(store, 'Third');
		const kept = join(directory, 'journal.copy');
		await copyFile(journal(), kept);
		await store.fold();
		await copyFile(kept, journal());
		const reopened = await open();
		expect(reopened.data.customers.map((customer) => customer.name)).toEqual(['First', 'Second', 'Third']);
		expect(reopened.data.changes).toHaveLength(3);
		await create(reopened, 'Fourth');
		expect((await open()).data.customers.map((customer) => customer.name)).toEqual([
			'First',
			'Second',
			'Third',
			'Fourth',
		]);
		expect((await runAuditVerify(file)).text).toContain('Audit chain intact: 4 entries');
	});

	test('two stores on one file see each other’s journaled saves, and an edit of a changed record is still refused', async () => {
		await useJournal();
		const first = await open();
		const {records} = await create(first, 'Shared');
		const second = await open();
		await first.apply(
			[{kind: 'update', entity: 'customers', id: records[0]!.id, version: 1, values: {notes: 'mine'}}],
			'ana',
		);
		await expect(
			second.apply(
				[{kind: 'update', entity: 'customers', id: records[0]!.id, version: 1, values: {notes: 'theirs'}}],
				'bo',
			),
		).rejects.toThrow(/was changed since you opened it/);
		await create(second, 'Other');
		expect(second.data.customers.map((customer) => customer.notes ?? '')).toEqual(['mine', '']);
		const seen: number[] = [];
		const stop = first.watch((data) => seen.push(data.customers.length), 20);
		await create(second, 'Third');
		await new Promise((resolve) => setTimeout(resolve, 200));
		stop();
		expect(seen.at(-1)).toBe(3);
		expect(first.data).toEqual(second.data);
	});

	test('once the journal passes its share of the file it is folded in the background, after a backup', async () => {
		await useJournal(0.5);
		const store = await open();
		await create(store, 'First');
		for (let index = 0; index < 6; index++) await create(store, `Customer ${index}`);
		await store.settle();
		const folded = JSON.parse(await readFile(file, 'utf8')) as {customers: unknown[]; journalSeq: number};
		expect(folded.customers.length + (await journalLines().catch(() => [])).length).toBe(7);
		expect(folded.journalSeq).toBeGreaterThan(0);
		expect((await listBackups(file)).length).toBeGreaterThanOrEqual(1);
		expect((await open()).data).toEqual(store.data);
	});

	test('a journal without its data file is refused instead of opening an empty CRM', async () => {
		await useJournal();
		const store = await open();
		await create(store, 'First');
		await create(store, 'Second');
		await rm(file);
		await expect(open()).rejects.toThrow(/journal.*holds 1 saves, but the data file .* is missing/s);
	});

	test('doctor and restore know the journal: saves not yet folded are counted, and a restore keeps them in its before-restore backup', async () => {
		await useJournal();
		const store = await open();
		await create(store, 'First');
		await create(store, 'Second');
		// Folding rewrites the file, keeping a backup of it (holding First) first.
		await store.fold();
		await create(store, 'Third');
		await create(store, 'Fourth');
		const findings = await checkDataFile(file);
		expect(findings.find((finding) => finding.area === 'Journal')).toMatchObject({
			ok: true,
			summary: expect.stringContaining('2 saves'),
		});
		// Counted as the console opens them: the two folded into the file and the two still in the journal.
		expect(findings.find((finding) => finding.area === 'Records')).toMatchObject({
			ok: true,
			summary: expect.stringMatching(/^4 customers, .*, with the 2 saves in the journal: all valid$/),
		});
		expect(findings.find((finding) => finding.area === 'Audit chain')).toMatchObject({
			ok: true,
			summary: expect.stringContaining('4 entries'),
		});
		const backups = await listBackups(file);
		expect(backups).toHaveLength(1);
		const {kept} = await restoreBackup(file, backups[0]!, 'ana');
		expect(JSON.parse(await readFile(kept!, 'utf8')).customers).toHaveLength(4);
		expect(await stat(journal()).catch(() => null)).toBeNull();
		expect((await open()).data.customers.map((customer) => customer.name)).toEqual(['First']);
		expect((await readdir(directory)).filter((name) => name.endsWith('.journal'))).toEqual([]);
	});

	test('small files are rewritten whole at each save and have no journal', async () => {
		const store = await open();
		await create(store, 'First');
		await create(store, 'Second');
		expect(JSON.parse(await readFile(file, 'utf8')).customers).toHaveLength(2);
		expect(await stat(journal()).catch(() => null)).toBeNull();
	});
});

describe('loading a file this program wrote', () => {
	const customerAt = (name: string) => ({name, status: 'lead'});

	test('skips checking each record while the file is as written, and checks them all again after any other change', async () => {
		const store = await open();
		await store.apply([{kind: 'create', entity: 'customers', values: customerAt('Ana')}], 'ana');
		expect((await open()).recordsChecked).toBe(false);
		// An edit by hand that keeps the size and puts the modification time back still changes the file's stamp.
		const text = await readFile(file, 'utf8');
		const info = await stat(file);
		await writeFile(file, text.replace('"status": "lead"', '"status": "gone"'));
		await utimes(file, info.atime, info.mtime);
		expect((await stat(file)).size).toBe(info.size);
		await expect(open()).rejects.toThrow(/status/);
		// Mended by hand: checked in full once, then trusted again.
		await writeFile(file, text);
		const mended = await open();
		expect(mended.recordsChecked).toBe(true);
		expect(mended.data.customers[0]!.name).toBe('Ana');
		expect((await open()).recordsChecked).toBe(false);
		await writeFile(checkedPathFor(file), 'not a stamp');
		expect((await open()).recordsChecked).toBe(true);
	});

	test('a read-only console checks every record and vouches for nothing', async () => {
		const store = await open();
		await store.apply([{kind: 'create', entity: 'customers', values: customerAt('Ana')}], 'ana');
		await rm(checkedPathFor(file));
		expect((await CrmStore.open(file, clock, {readonly: true})).recordsChecked).toBe(true);
		expect(await stat(checkedPathFor(file)).catch(() => null)).toBeNull();
	});
});

describe('other consoles and a fold', () => {
	test('a backup’s hard link of the file (which changes only its change time) is not taken for a save', async () => {
		await useJournal();
		const store = await open();
		await create(store, 'First');
		let reloads = 0;
		const stop = store.watch(() => reloads++, 20);
		await link(file, join(directory, 'backup-link.json'));
		await new Promise((resolve) => setTimeout(resolve, 200));
		stop();
		expect(reloads).toBe(0);
	});

	test('a console that reloads while another process folds ends up with every save', async () => {
		await useJournal();
		const writer = await open();
		await create(writer, 'First');
		const reader = await open();
		for (let index = 0; index < 20; index++) await create(writer, `Customer ${index}`);
		const seen: number[] = [];
		const stop = reader.watch((data) => seen.push(data.customers.length), 5);
		await (await open()).fold();
		await new Promise((resolve) => setTimeout(resolve, 150));
		stop();
		expect(seen.every((count) => count === 21)).toBe(true);
		expect(reader.data.customers).toHaveLength(21);
	});
});
