import {appendFile, readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runAuditVerify} from '../../source/commands/audit.js';
import {emptyDataset} from '../../source/domain/dataset.js';
import {DataFileError} from '../../source/store/data-file-error.js';
import {checkDataFile} from '../../source/store/file-check.js';
import {journalPathFor, readJournal} from '../../source/store/journal.js';
import {JsonFileStore} from '../../source/store/json-file-store.js';
import {SealError} from '../../source/store/sealed/seal-error.js';
import {sealBytes} from '../../source/store/sealed/seal-file.js';
import {isSealed} from '../../source/store/sealed/seal-format.js';
import {MasterKey} from '../../source/store/sealed/seal-keys.js';
import {keyring} from '../../source/store/sealed/set-sealing.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
import {tempFolder} from '../support/temp-folder.js';

/** The journal of a sealed data file is sealed a line at a time (issue 22): read, re-read, damaged, torn, folded. */
const key = new MasterKey(Buffer.alloc(32, 7));
const otherKey = new MasterKey(Buffer.alloc(32, 8));

let directory: string;
let file: string;
let time: number;
const clock = () => (time += 1000);
const open = (path = file) => JsonFileStore.open(path, clock);
const journal = (path = file) => journalPathFor(path);
const journalLines = async (path = file) => (await readFile(journal(path), 'utf8')).split('\n').slice(0, -1);

/**
 * A new data set at `path`, sealed under `key` (null: plain), whose every save goes to its journal,
 * folded when the journal is `foldAt` times the file: a file of some `filler` bytes (a customer's
 * notes, written whole before the journal is turned on), so that a journal of many saves stays.
 */
const newSet = async (path: string, sealedUnder: MasterKey | null, {foldAt = 10, filler = 100_000} = {}) => {
	await JsonFileStore.create(path, emptyDataset(), {key: sealedUnder});
	if (filler > 0)
		await (await open(path)).apply(
			Array.from({length: Math.ceil(filler / 20_000)}, () => ({
				kind: 'create' as const,
				entity: 'customers' as const,
				values: {name: 'Filler', status: 'lead', notes: 'x'.repeat(20_000)},
			})),
			'ana',
		);
	await writeFile(settingsPathFor(path), JSON.stringify({journal: {fromBytes: 0, foldAt}}));
	return open(path);
};

const create = (store: JsonFileStore, name: string, email = '') =>
	store.apply([{kind: 'create', entity: 'customers', values: {name, status: 'lead', email}}], 'ana');

const names = (store: JsonFileStore) =>
	store.data.customers.map((customer) => customer.name).filter((name) => name !== 'Filler');

/** What is wrong with opening the set, as its error's message (or "opened"). */
const openingError = async (): Promise<Error | 'opened'> => {
	try {
		await open();
		return 'opened';
	} catch (error) {
		return error as Error;
	}
};

beforeEach(() => {
	directory = tempFolder('sealed-journal');
	file = join(directory, 'crm.json');
	time = Date.parse('2026-03-01T09:00:00.000Z');
	keyring.use(() => Promise.resolve(key));
});
afterEach(async () => {
	keyring.use(null);
	await rm(directory, {recursive: true, force: true});
});

describe('a sealed journal', () => {
	test('many saves round trip: a reopened store holds what the writer holds, as a plain twin does', async () => {
		const twinFile = join(directory, 'twin.json');
		const sealedStore = await newSet(file, key);
		const plainStore = await newSet(twinFile, null);
		for (const store of [sealedStore, plainStore]) {
			const ids: string[] = [];
			for (let index = 0; index < 12; index++) ids.push((await create(store, `Customer ${index}`)).records[0]!.id);
			const version = (id: string) => store.data.customers.find((customer) => customer.id === id)!.version;
			await store.apply([{kind: 'delete', entity: 'customers', id: ids[3]!, version: version(ids[3]!)}], 'ana');
			await store.apply(
				[{kind: 'update', entity: 'customers', id: ids[5]!, version: version(ids[5]!), values: {status: 'active'}}],
				'ana',
			);
			await store.undo('ana');
		}
		expect(isSealed(await readFile(file))).toBe(true);
		expect((await journalLines())[0]).toMatch(/^CRMSEAL1 [A-Za-z0-9+/]+=*$/);
		expect(await journalLines()).toHaveLength(1 + 15);
		expect((await journalLines(twinFile))[0]).toMatch(/^\{"seq":1,/);
		const reopened = await open();
		expect(reopened.data).toEqual(sealedStore.data);
		const shape = (store: JsonFileStore) =>
			store.data.customers.map(({name, status, version}) => [name, status, version]);
		expect(shape(reopened)).toEqual(shape(await open(twinFile)));
		expect(reopened.data.changes).toHaveLength(plainStore.data.changes.length);
		expect((await runAuditVerify(file)).text).toContain('Audit chain intact: 20 entries');
		const findings = await checkDataFile(file);
		expect(findings.find((finding) => finding.area === 'Journal')).toMatchObject({ok: true});
	});

	test('no line of the journal holds a customer’s name or email', async () => {
		const store = await newSet(file, key);
		await create(store, 'Zhao Yunlong', 'zhao.yunlong@example.com');
		await create(store, '王小明', 'xiaoming@example.cn');
		const bytes = await readFile(journal());
		for (const secret of ['Zhao', 'zhao.yunlong', 'example.com', '王小明', 'xiaoming', 'customers', '"seq"'])
			expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
		expect(names(await open())).toEqual(['Zhao Yunlong', '王小明']);
	});

	test('a second store reads on from where it stopped, and its own saves take the next line numbers', async () => {
		const first = await newSet(file, key);
		await create(first, 'A1');
		await create(first, 'A2');
		const second = await open();
		await create(first, 'A3');
		await create(first, 'A4');
		// The second store reads lines 4 and 5 from its offset, then appends line 6.
		await create(second, 'B1');
		await create(first, 'A5');
		expect(await journalLines()).toHaveLength(1 + 6);
		const reopened = await open();
		expect(names(reopened)).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'A5']);
		expect(reopened.data).toEqual(first.data);
		await create(second, 'B2');
		expect(names(second)).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'A5', 'B2']);
	});

	test('a journal replaced by another is read again from its start', async () => {
		const first = await newSet(file, key);
		await create(first, 'A1');
		const second = await open();
		await first.fold();
		await create(first, 'A2');
		await create(first, 'A3');
		await create(second, 'B1');
		expect(names(second)).toEqual(['A1', 'A2', 'A3', 'B1']);
		expect(names(await open())).toEqual(['A1', 'A2', 'A3', 'B1']);
	});
});

describe('a sealed journal changed by hand is refused, naming the journal and the line', () => {
	/** A journal of a header and saves on lines 2 to 5, and another set's journal under the same key. */
	const fourSaves = async () => {
		const store = await newSet(file, key);
		for (const name of ['First', 'Second', 'Third', 'Fourth']) await create(store, name);
		const other = await newSet(join(directory, 'other.json'), key);
		for (const name of ['Elsewhere 1', 'Elsewhere 2', 'Elsewhere 3']) await create(other, name);
		return {lines: await journalLines(), others: await journalLines(join(directory, 'other.json'))};
	};
	const flipped = (line: string) => `${line.slice(0, 10)}${line[10] === 'A' ? 'B' : 'A'}${line.slice(11)}`;

	test.each<[string, (lines: string[], others: string[]) => string[], number]>([
		['two lines swapped', (l) => [l[0]!, l[1]!, l[3]!, l[2]!, l[4]!], 3],
		['a line repeated', (l) => [l[0]!, l[1]!, l[2]!, l[2]!, l[3]!, l[4]!], 4],
		['a line removed from the middle', (l) => [l[0]!, l[1]!, l[3]!, l[4]!], 3],
		['a line of another journal', (l, o) => [l[0]!, l[1]!, o[2]!, l[3]!, l[4]!], 3],
		['a bit flipped', (l) => [l[0]!, l[1]!, flipped(l[2]!), l[3]!, l[4]!], 3],
		['an empty line put in', (l) => [l[0]!, l[1]!, '', l[2]!, l[3]!, l[4]!], 3],
		['a plain line put in', (l) => [l[0]!, '{"seq":1,"records":[],"changes":[],"auditHead":{}}', ...l.slice(2)], 2],
		['another journal’s header', (l, o) => [o[0]!, ...l.slice(1)], 2],
		['the last line cut short, with its newline', (l) => [...l.slice(0, 4), l[4]!.slice(0, 30)], 5],
	])('%s', async (_case, change, line) => {
		const {lines, others} = await fourSaves();
		await writeFile(journal(), `${change(lines, others).join('\n')}\n`);
		const error = await openingError();
		expect(error).toBeInstanceOf(DataFileError);
		expect((error as Error).message).toContain(journal());
		expect((error as Error).message).toContain(`line ${line} fails its check`);
		await expect(readJournal(file)).rejects.toThrow(`line ${line} fails its check`);
		const findings = await checkDataFile(file);
		expect(findings.find((finding) => finding.area === 'Journal')).toMatchObject({ok: false});
	});

	test('as it was written, it opens (the cases above change something)', async () => {
		const {lines} = await fourSaves();
		await writeFile(journal(), `${lines.join('\n')}\n`);
		expect(names((await open()) as JsonFileStore)).toEqual(['First', 'Second', 'Third', 'Fourth']);
	});
});

describe('the key of a sealed journal', () => {
	test.each<[string, MasterKey | null, string]>([
		['another key', otherKey, 'wrong_key'],
		['no key at all', null, 'key_needed'],
	])('%s: refused before any line is read', async (_case, journalKey, code) => {
		const store = await newSet(file, key);
		await create(store, 'First');
		await create(store, 'Second');
		// A damaged line after the header: the key is refused first all the same.
		const lines = await journalLines();
		await writeFile(journal(), `${[lines[0], lines[2], lines[1]].join('\n')}\n`);
		keyring.use((path, header) => {
			if (path !== journal()) return Promise.resolve(key);
			if (journalKey) return Promise.resolve(journalKey);
			return Promise.reject(new SealError('key_needed', path, {fileId: header.key.id}));
		});
		const error = await openingError();
		expect(error).toBeInstanceOf(SealError);
		expect(error).toMatchObject({code, file: journal()});
		await expect(readJournal(file)).rejects.toMatchObject({code});
	});
});

describe('a torn tail and a fold', () => {
	test('half a line left by a killed writer is not read, and the next save cuts it', async () => {
		const store = await newSet(file, key);
		await create(store, 'First');
		await create(store, 'Second');
		const lines = await journalLines();
		await appendFile(journal(), lines[2]!.slice(0, 25));
		const reader = await open();
		expect(names(reader)).toEqual(['First', 'Second']);
		expect(await readJournal(file)).toMatchObject({torn: 25});
		await create(reader, 'Third');
		const after = await journalLines();
		expect(after).toHaveLength(4);
		expect(after.slice(0, 3)).toEqual(lines);
		expect(names(await open())).toEqual(['First', 'Second', 'Third']);
	});

	test('a journal torn inside its header line is begun again, sealed, by the next save', async () => {
		const store = await newSet(file, key);
		await create(store, 'First');
		const header = (await journalLines())[0]!;
		await writeFile(journal(), header.slice(0, 20));
		const reader = await open();
		expect(names(reader)).toEqual([]);
		await create(reader, 'Again');
		const lines = await journalLines();
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^CRMSEAL1 /);
		expect(lines[0]).not.toBe(header);
		expect(names(await open())).toEqual(['Again']);
	});

	test('a fold removes the journal, keeps the data file sealed, and the next journal has a new salt', async () => {
		const store = await newSet(file, key);
		await create(store, 'First');
		await create(store, 'Second');
		const header = (await journalLines())[0]!;
		expect(await store.fold()).toMatchObject({lines: 2});
		await expect(readFile(journal())).rejects.toMatchObject({code: 'ENOENT'});
		expect(isSealed(await readFile(file))).toBe(true);
		await create(store, 'Third');
		const next = await journalLines();
		expect(next).toHaveLength(2);
		expect(next[0]).toMatch(/^CRMSEAL1 /);
		expect(next[0]).not.toBe(header);
		expect(names(await open())).toEqual(['First', 'Second', 'Third']);
	});

	test('the fold threshold counts a sealed journal as plain text (3 bytes for each 4 of base64)', async () => {
		const sealedStore = await newSet(file, key, {foldAt: 1.2, filler: 0});
		const plainStore = await newSet(join(directory, 'twin.json'), null, {foldAt: 1.2, filler: 0});
		for (const store of [sealedStore, plainStore])
			for (let index = 0; index < 8; index++) {
				await create(store, `Customer ${index}`);
				await store.settle();
			}
		// Both fold after the same number of saves: their journals hold the same lines since.
		expect(sealedStore.journalSize.lines).toBe(plainStore.journalSize.lines);
		expect(sealedStore.journalSize.lines).toBeLessThan(8);
	});
});

describe('a plain journal beside a sealed data file', () => {
	// crm seals a journal from its first line when its data file is sealed, and folds the journal before
	// it encrypts a set: a plain one beside a sealed file was put there, and its saves are not taken.
	test('is refused, naming the journal; nothing is changed', async () => {
		const store = await newSet(file, null);
		await create(store, 'First');
		await writeFile(file, sealBytes(await readFile(file), key));
		const before = await readFile(journal());
		const refused = await openingError();
		expect(refused).toBeInstanceOf(DataFileError);
		expect((refused as Error).message).toContain(journal());
		expect((refused as Error).message).toMatch(/not encrypted, while its data file is/);
		expect(await readFile(journal())).toEqual(before);
	});
});
