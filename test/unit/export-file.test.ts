import {execFileSync} from 'node:child_process';
import {mkdir, readFile, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {ExportExistsError} from '../../source/store/export-file.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

/**
 * `:export NAME` overwrote any file a hostile test named — the data file, its settings (roles
 * included), journal, backups, a folder three levels up, /dev/full — read-only and as a viewer too
 * (issue 12). An export now writes only a file of its own, asks before replacing one, and follows
 * the same role and read-only rules as every change.
 */
let directory: string;
let file: string;
const text = 'id,name\ncus_1,Ada\n';

beforeEach(async () => {
	directory = tempFolder('export');
	file = join(directory, 'data', 'crm.json');
	await CrmStore.create(file, datasetOf({customers: [customer({name: 'Ada'})]}));
	await writeFile(
		join(directory, 'data', 'crm.config.json'),
		JSON.stringify({access: {operators: {ana: 'admin', vic: 'viewer'}}}),
	);
	// A second save: a journal-free small file keeps a backup before it rewrites.
	const store = await CrmStore.open(file);
	await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}], 'ana');
});

afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

const bytesOf = async (path: string) => readFile(path).catch(() => null);

describe('an export never replaces crm’s own files, nor anything but a file of its own', () => {
	test.each([
		['the data file', 'crm.json'],
		['the settings (roles)', 'crm.config.json'],
		['the journal', 'crm.json.journal'],
		['the load stamp', 'crm.json.checked'],
		['the lock', 'crm.json.lock'],
		['the metrics log', 'crm.metrics.jsonl'],
		['the backups folder', 'crm.backups'],
		['a backup inside it', 'crm.backups/x.json'],
		['a temporary file of a save', '.crm.json.123.1.tmp'],
		['the data file by another way', '../data/./crm.json'],
	])('%s (%s) is refused, and stays as it was', async (_, name) => {
		const target = join(directory, 'data', name);
		const before = await bytesOf(target);
		const store = await CrmStore.open(file);
		await expect(store.writeExport('x.csv', text, name, 'ana', true)).rejects.toThrow(
			/Not exported: .* (is one of the files crm keeps|is the data file itself)/,
		);
		expect(await bytesOf(target)).toEqual(before);
	});

	test.each([
		['a folder three levels up', '../../..', /is a folder, not a file/],
		['a device', '/dev/full', /is a device, not a file/],
	])('%s is refused', async (_, name, message) => {
		const store = await CrmStore.open(file);
		await expect(store.writeExport('x.csv', text, name, 'ana', true)).rejects.toThrow(message);
	});

	test('a named pipe and a link are refused; the link’s target stays as it was', async () => {
		execFileSync('mkfifo', [join(directory, 'pipe.csv')]);
		await writeFile(join(directory, 'victim.txt'), 'precious\n');
		await symlink(join(directory, 'victim.txt'), join(directory, 'link.csv'));
		const store = await CrmStore.open(file);
		await expect(store.writeExport('x.csv', text, '../pipe.csv', 'ana', true)).rejects.toThrow(/named pipe/);
		await expect(store.writeExport('x.csv', text, '../link.csv', 'ana', true)).rejects.toThrow(/symbolic link/);
		expect(await readFile(join(directory, 'victim.txt'), 'utf8')).toBe('precious\n');
	});
});

describe('an export asks before it replaces a file', () => {
	test('a new file is written owner-only; the same name again is refused until the operator says to replace it', async () => {
		const store = await CrmStore.open(file);
		const written = await store.writeExport('customers-2026-06-01.csv', text, undefined, 'ana');
		expect(written).toBe(join(directory, 'data', 'customers-2026-06-01.csv'));
		expect((await stat(written)).mode & 0o777).toBe(0o600);
		const again = store.writeExport('customers-2026-06-01.csv', 'other\n', undefined, 'ana');
		await expect(again).rejects.toBeInstanceOf(ExportExistsError);
		await expect(again).rejects.toMatchObject({path: written, bytes: text.length});
		expect(await readFile(written, 'utf8')).toBe(text);
		await store.writeExport('customers-2026-06-01.csv', 'other\n', undefined, 'ana', true);
		expect(await readFile(written, 'utf8')).toBe('other\n');
	});

	test('a path relative to the data folder and a ~ path are where an operator expects', async () => {
		const store = await CrmStore.open(file);
		await mkdir(join(directory, 'reports'));
		expect(await store.writeExport('x.csv', text, '../reports/june.csv', 'ana')).toBe(
			join(directory, 'reports', 'june.csv'),
		);
	});
});

test.each([
	[
		'a folder that does not exist',
		'no/such/folder/x.csv',
		/Not exported: the folder .*no\/such\/folder does not exist\./,
	],
	['a folder in a file’s place', 'crm.json/x.csv', /Not exported: .*crm\.json is not a folder crm can write into\./],
])('%s is said in words, naming the folder, not a temporary file', async (_, name, message) => {
	const store = await CrmStore.open(file);
	const error = await store.writeExport('x.csv', text, name, 'ana').catch((caught: Error) => caught);
	expect((error as Error).message).toMatch(message);
	expect((error as Error).message).not.toMatch(/\.tmp/);
});

describe('an export follows the rules of every change', () => {
	test('a viewer may not write one', async () => {
		const store = await CrmStore.open(file);
		await expect(store.writeExport('x.csv', text, 'v.csv', 'vic')).rejects.toThrow(
			/vic \(viewer\) may not export records to a file/,
		);
		expect(await bytesOf(join(directory, 'data', 'v.csv'))).toBeNull();
	});

	test('--readonly writes no file', async () => {
		const store = await CrmStore.open(file, Date.now, {readonly: true});
		await expect(store.writeExport('x.csv', text, 'r.csv', 'ana')).rejects.toThrow(/Read-only/);
		expect(await bytesOf(join(directory, 'data', 'r.csv'))).toBeNull();
	});
});
