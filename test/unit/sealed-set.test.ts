import {mkdir, readFile, rm, writeFile} from 'node:fs/promises';
import {basename, join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runAccess} from '../../source/commands/access.js';
import {runCopy} from '../../source/commands/database.js';
import {emptyDataset} from '../../source/domain/dataset.js';
import {writeFileDurably} from '../../source/store/durable-json-file.js';
import {checkDataFile} from '../../source/store/file-check.js';
import {journalPathFor} from '../../source/store/journal.js';
import {JsonFileStore} from '../../source/store/json-file-store.js';
import {appendMetrics, loadMetrics} from '../../source/store/metrics-log.js';
import {operatorFilePath} from '../../source/store/operator-file.js';
import {encryptionFinding} from '../../source/store/sealed/encryption-finding.js';
import {resealSet} from '../../source/store/sealed/reseal-set.js';
import {isSealed} from '../../source/store/sealed/seal-format.js';
import {MasterKey} from '../../source/store/sealed/seal-keys.js';
import {filesOfSet, sealedWith} from '../../source/store/sealed/set-files.js';
import {bytesUnder, keyring, readSetText} from '../../source/store/sealed/set-sealing.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
import {tempFolder} from '../support/temp-folder.js';

/** A whole data set encrypted, re-encrypted and decrypted file by file (issue 22): `crm encrypt`'s store half. */
const keyA = new MasterKey(Buffer.alloc(32, 1));
const keyB = new MasterKey(Buffer.alloc(32, 2));
const keys = new Map([
	[keyA.id, keyA],
	[keyB.id, keyB],
]);

let directory: string;
let file: string;
/** With no roles set, everyone is an admin. */
const byAna = {operator: 'ana'};

/** A plain set with every kind of file: data, settings, an operator file, metrics, a backup, a rejects file. */
const plainSet = async (): Promise<void> => {
	await JsonFileStore.create(file, emptyDataset(), {key: null});
	const store = await JsonFileStore.open(file);
	// A second save keeps a backup of the first.
	await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Zora Quill', status: 'lead'}}], 'ana');
	await store.apply(
		[{kind: 'create', entity: 'customers', values: {name: '龙小云', status: 'lead', email: 'xiaoyun@example.cn'}}],
		'ana',
	);
	await store.close();
	await writeFile(settingsPathFor(file), `${JSON.stringify({currency: 'EUR'}, null, 2)}\n`);
	await mkdir(join(operatorFilePath(file, 'ana'), '..'), {recursive: true});
	await writeFile(operatorFilePath(file, 'ana'), '{"views": {"mine": {"screen": "customers", "filter": "Zora"}}}\n');
	await appendMetrics(file, [{at: '2026-03-01T09:00:00.000Z', session: 's1', kind: 'load', ms: 12}]);
	await writeFile(join(directory, 'leads.rejects.csv'), 'line,entity,reason,name\n2,customers,no status,Zora Quill\n');
};

/** Every file's text, opened under whatever key it is sealed with. */
const texts = async (): Promise<Map<string, string>> => {
	const all = new Map<string, string>();
	for (const each of await filesOfSet(file)) {
		if (each.kind === 'metrics') all.set(basename(each.path), JSON.stringify(await loadMetrics(file)));
		else all.set(basename(each.path), (await readSetText(each.path, 1 << 30))!.text);
	}
	return all;
};

const keyIds = async (): Promise<Array<string | null>> =>
	Promise.all((await filesOfSet(file)).map(async (each) => (await sealedWith(each))?.id ?? null));

beforeEach(() => {
	directory = tempFolder('sealed-set');
	file = join(directory, 'crm.json');
	keyring.use(async (_, header) => keys.get(header.key.id) ?? Promise.reject(new Error('no such key')));
});
afterEach(async () => {
	keyring.use(null);
	await rm(directory, {recursive: true, force: true});
});

describe('the files of a set', () => {
	test('an empty folder: no file; a set: every kind, the data file last, not the stamp nor the lock', async () => {
		expect(await filesOfSet(file)).toEqual([]);
		await plainSet();
		const kinds = (await filesOfSet(file)).map((each) => each.kind);
		expect(kinds.at(-1)).toBe('data');
		expect(new Set(kinds)).toEqual(new Set(['settings', 'operator', 'metrics', 'rejects', 'backup', 'data']));
		expect((await filesOfSet(file)).some((each) => each.path.endsWith('.checked'))).toBe(false);
	});
});

describe('resealSet', () => {
	test('plain → key A → key B → plain: every file under the key asked, every text as it was, the data file byte for byte', async () => {
		await plainSet();
		const before = await texts();
		const dataBytes = await readFile(file);
		const sealed = await resealSet(file, keyA, byAna);
		expect(sealed.written.length).toBe(before.size);
		expect(new Set(await keyIds())).toEqual(new Set([keyA.id]));
		expect(await texts()).toEqual(before);
		for (const each of await filesOfSet(file)) {
			const bytes = await readFile(each.path);
			// No customer's name, email or filter word is left in any file.
			for (const word of ['Zora', 'Quill', '龙小云', 'xiaoyun', 'EUR'])
				expect(bytes.includes(Buffer.from(word)), `${each.path}: ${word}`).toBe(false);
		}
		await resealSet(file, keyB, byAna);
		expect(new Set(await keyIds())).toEqual(new Set([keyB.id]));
		expect(await texts()).toEqual(before);
		// Key A opens nothing now.
		keys.delete(keyA.id);
		expect(await texts()).toEqual(before);
		const plain = await resealSet(file, null, byAna);
		expect(new Set(await keyIds())).toEqual(new Set([null]));
		expect(await readFile(file)).toEqual(dataBytes);
		expect(await texts()).toEqual(before);
		keys.set(keyA.id, keyA);
		expect(plain.already).toEqual([]);
	});

	test('a run stopped half-way (its first files under the new key) is finished by running it again', async () => {
		await plainSet();
		const before = await texts();
		await resealSet(file, keyA, byAna);
		// As a rotation to B killed after its first two files: those are under B, the rest (the data file too) under A.
		const [first, second] = await filesOfSet(file);
		for (const each of [first!, second!]) {
			const text = (await readSetText(each.path, 1 << 30))!.text;
			await writeFileDurably(each.path, text, undefined, bytesUnder(keyB));
		}
		expect(new Set(await keyIds())).toEqual(new Set([keyA.id, keyB.id]));
		const again = await resealSet(file, keyB, byAna);
		expect(again.already.map((each) => each.path)).toEqual([first!.path, second!.path]);
		expect(new Set(await keyIds())).toEqual(new Set([keyB.id]));
		expect(await texts()).toEqual(before);
	});

	test('with roles set, only an admin may: anyone else is refused and nothing is changed', async () => {
		await plainSet();
		await runAccess(file, {action: 'set', operator: 'ana', role: 'admin', as: 'ana'});
		await runAccess(file, {action: 'set', operator: 'sam', role: 'sales', as: 'ana'});
		const before = await texts();
		await expect(resealSet(file, keyA, {operator: 'sam'})).rejects.toThrow(
			'sam (sales) may not encrypt or decrypt the data set: that is for an admin.',
		);
		expect(new Set(await keyIds())).toEqual(new Set([null]));
		expect(await texts()).toEqual(before);
		await resealSet(file, keyA, byAna);
		expect(new Set(await keyIds())).toEqual(new Set([keyA.id]));
	});

	test('saves still in the journal are folded into the data file first', async () => {
		await JsonFileStore.create(file, emptyDataset(), {key: null});
		await writeFile(settingsPathFor(file), JSON.stringify({journal: {fromBytes: 0, foldAt: 10}}));
		const store = await JsonFileStore.open(file);
		await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Journaled', status: 'lead'}}], 'ana');
		await store.close();
		expect(await readSetText(journalPathFor(file), 1 << 20)).not.toBeNull();
		await resealSet(file, keyA, byAna);
		expect(await readSetText(journalPathFor(file), 1 << 20)).toBeNull();
		const reopened = await JsonFileStore.open(file);
		expect(reopened.data.customers.map((customer) => customer.name)).toEqual(['Journaled']);
		expect(isSealed(await readFile(file))).toBe(true);
		await reopened.close();
	});
});

describe('encryptionFinding', () => {
	test.each([
		['a plain set', null, null, true, /plain/],
		['a set under one key', keyA, null, true, new RegExp(keyA.id)],
		['a set half under another', keyA, keyB, false, /2 different keys/],
	])('%s', async (_, whole, half, ok, summary) => {
		await plainSet();
		if (whole) await resealSet(file, whole, byAna);
		if (half) {
			// The settings alone re-sealed under another key, as a rotation stopped after its first file.
			const settings = settingsPathFor(file);
			const text = (await readSetText(settings, 1 << 20))!.text;
			await writeFileDurably(settings, text, undefined, bytesUnder(half));
		}
		const finding = await encryptionFinding(file);
		expect(finding.ok).toBe(ok);
		expect(finding.summary).toMatch(summary);
		if (!ok) expect(finding.details.join('\n')).toContain(`crm.config.json: key ${half!.id}`);
		// The doctor says it too, with the key.
		expect((await checkDataFile(file)).some((each) => each.area === 'Encryption')).toBe(true);
	});

	test('a header cut short is named with what is wrong with it, not counted as a key', async () => {
		await plainSet();
		await resealSet(file, keyA, byAna);
		await writeFile(file, (await readFile(file)).subarray(0, 12));
		const finding = await encryptionFinding(file);
		expect(finding.ok).toBe(false);
		expect(finding.summary).toMatch(/1 have a header that does not say its key/);
		expect(finding.details[0]).toMatch(/^crm\.json: .*cut short/);
		expect(finding.details.slice(1).every((line) => line.includes(keyA.id))).toBe(true);
	});

	test('no key at hand: the doctor still says which key each file is under', async () => {
		await plainSet();
		await resealSet(file, keyA, byAna);
		keyring.use(null);
		const findings = await checkDataFile(file);
		expect(findings.find((each) => each.area === 'File')?.ok).toBe(false);
		expect(findings.find((each) => each.area === 'Encryption')?.summary).toContain(keyA.id);
	});
});

describe('crm copy of a set to a new file', () => {
	test.each([
		['an encrypted file: the copy is encrypted under the same key', keyA],
		['a plain file: the copy is plain', null],
	])('%s', async (_, key) => {
		await plainSet();
		if (key) await resealSet(file, key, byAna);
		const copy = join(directory, 'copy', 'crm.json');
		await mkdir(join(directory, 'copy'));
		await runCopy(file, copy, {operator: 'ana'});
		expect((await sealedWith({path: copy, kind: 'data', lines: false}))?.id ?? null).toBe(key?.id ?? null);
		expect((await sealedWith({path: settingsPathFor(copy), kind: 'settings', lines: false}))?.id ?? null).toBe(
			key?.id ?? null,
		);
		expect((await readSetText(copy, 1 << 30))!.text).toContain('Zora Quill');
	});
});
