import {execFileSync} from 'node:child_process';
import {lstat, readFile, readlink, rm, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {DataFileError} from '../../source/store/data-file-error.js';
import {chunkUnits, writeFileDurably} from '../../source/store/durable-json-file.js';
import {checkDataFile} from '../../source/store/file-check.js';
import {journalPathFor} from '../../source/store/journal.js';
import {JsonFileStore as CrmStore} from '../../source/store/json-file-store.js';
import {appendMetrics, loadMetrics, metricsPathFor} from '../../source/store/metrics-log.js';
import {followLinks, readRegularFile, UnreadableFileError, utf8Text} from '../../source/store/regular-file.js';
import {loadSettings, settingsPathFor} from '../../source/store/settings-file.js';
import {checkedPathFor} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

/**
 * The files crm keeps, as a hostile test left them (issue 12): links, pipes, devices, bytes that
 * are not UTF-8. Nothing is written through a link planted under one of crm's names, nothing stalls
 * on a pipe, a device is not read for ever, and every refusal names the path.
 */
let directory: string;
beforeEach(async () => {
	directory = tempFolder('files');
});
afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

const fifo = (path: string) => execFileSync('mkfifo', [path]);

const refusal = async (work: Promise<unknown>): Promise<Error> => {
	const error = await work.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(Error);
	return error as Error;
};

describe('a data file reached through a symbolic link', () => {
	test('saves replace the file it points at; the link stays a link, and the files kept beside the data are beside the real file', async () => {
		const real = join(directory, 'team', 'crm.json');
		await CrmStore.create(real, datasetOf({customers: [customer({name: 'Ada'})]}));
		const link = join(directory, 'mine.json');
		await symlink(real, link);
		const store = await CrmStore.open(link);
		expect(store.file).toBe(real);
		await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}], 'ana');
		expect((await lstat(link)).isSymbolicLink()).toBe(true);
		expect(await readlink(link)).toBe(real);
		expect(
			(JSON.parse(await readFile(real, 'utf8')) as {customers: Array<{name: string}>}).customers.map(
				(entry) => entry.name,
			),
		).toEqual(['Ada', 'Bo']);
		expect((await CrmStore.open(link)).data.customers).toHaveLength(2);
	});

	test('a link to a file not there yet is followed: the first save creates the target', async () => {
		const link = join(directory, 'new.json');
		await symlink(join(directory, 'target.json'), link);
		expect(await followLinks(link)).toBe(join(directory, 'target.json'));
		const store = await CrmStore.open(link);
		await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Cy', status: 'lead'}}], 'ana');
		expect((await lstat(link)).isSymbolicLink()).toBe(true);
		expect(await readFile(join(directory, 'target.json'), 'utf8')).toContain('Cy');
	});

	test('a loop of links is refused in words', async () => {
		await symlink(join(directory, 'b'), join(directory, 'a'));
		await symlink(join(directory, 'a'), join(directory, 'b'));
		expect((await refusal(followLinks(join(directory, 'a')))).message).toMatch(/more than 40 symbolic links/);
	});
});

describe('links planted under the names of the files crm writes beside the data', () => {
	test.each([
		['the checked stamp', (file: string) => checkedPathFor(file)],
		['the metrics log', (file: string) => metricsPathFor(file)],
	])('%s is never written through: the file it points at stays as it was', async (_, pathOf) => {
		const file = join(directory, 'crm.json');
		await CrmStore.create(file, datasetOf({}));
		const victim = join(directory, 'victim.txt');
		await writeFile(victim, 'precious\n');
		await rm(pathOf(file), {force: true});
		await symlink(victim, pathOf(file));
		const store = await CrmStore.open(file);
		await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Dee', status: 'lead'}}], 'ana');
		await appendMetrics(file, [{at: '2026-01-01T00:00:00.000Z', kind: 'save', ms: 1}] as never).catch(() => undefined);
		expect(await readFile(victim, 'utf8')).toBe('precious\n');
	});
});

describe('paths that are not regular files', () => {
	test.each([
		['a named pipe as the data file', async (file: string) => fifo(file), /named pipe \(FIFO\), not a regular file/],
		['a folder as the data file', async (file: string) => execFileSync('mkdir', [file]), /folder/],
	])('%s is refused at once, naming it', async (_, make, message) => {
		const file = join(directory, 'crm.json');
		await make(file);
		const error = await refusal(CrmStore.open(file));
		expect(error).toBeInstanceOf(DataFileError);
		expect(error.message).toContain(file);
		expect(error.message).toMatch(message);
	});

	test('/dev/zero as the data file is refused instead of read for ever', async () => {
		const error = await refusal(CrmStore.open('/dev/zero'));
		expect(error.message).toMatch(/\/dev\/zero: it is a device, not a regular file/);
	});

	test('a named pipe as the journal, the settings or the metrics log does not stall anything', async () => {
		const file = join(directory, 'crm.json');
		await CrmStore.create(file, datasetOf({}));
		fifo(journalPathFor(file));
		expect((await refusal(CrmStore.open(file))).message).toMatch(/crm\.json\.journal.*named pipe/);
		await rm(journalPathFor(file));
		fifo(settingsPathFor(file));
		expect((await refusal(loadSettings(file))).message).toMatch(
			/settings file .*crm\.config\.json: it is a named pipe/,
		);
		await rm(settingsPathFor(file));
		fifo(metricsPathFor(file));
		expect(await loadMetrics(file)).toBeUndefined();
		await appendMetrics(file, [{at: '2026-01-01T00:00:00.000Z', kind: 'save', ms: 1}] as never).catch(() => undefined);
	});

	test('a file larger than the cap is refused before it is read', async () => {
		const file = join(directory, 'big.json');
		await writeFile(file, 'x'.repeat(2000));
		const error = await refusal(readRegularFile(file, 1000));
		expect(error).toBeInstanceOf(UnreadableFileError);
		expect(error.message).toMatch(/it is .* MB, more than the .* MB crm reads/);
	});
});

describe('bytes that are not UTF-8', () => {
	test.each([
		[
			'a Latin-1 é on line 3',
			Buffer.concat([Buffer.from('{\n "a": 1,\n "b": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]),
			3,
			11,
		],
		['a cut-off character at the end', Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xe4, 0xb8])]), 1, 8],
		['a stray continuation byte', Buffer.from([0x7b, 0x80, 0x7d]), 1, 2],
	])('%s is refused with its line and byte, not replaced', (_, bytes, line, column) => {
		expect(() => utf8Text('f.json', bytes)).toThrow(
			new RegExp(`line ${line}, byte ${column} is not part of any character`),
		);
	});

	test('valid text of every width passes', () => {
		expect(utf8Text('f.json', Buffer.from('{"名": "Tomás 👍🏽"}'))).toBe('{"名": "Tomás 👍🏽"}');
		expect(utf8Text('f.json', Buffer.alloc(0))).toBe('');
	});

	test('a data file with a byte that is not UTF-8 does not open, and the doctor says so (it was rewritten with U+FFFD before)', async () => {
		const file = join(directory, 'crm.json');
		await CrmStore.create(file, datasetOf({customers: [customer({name: 'Cafe'})]}));
		const text = await readFile(file);
		const broken = Buffer.from(text.toString('utf8').replace('Cafe', 'Caf\u0000').replace('\u0000', ''), 'utf8');
		await writeFile(
			file,
			Buffer.concat([
				broken.subarray(0, broken.indexOf('Caf') + 3),
				Buffer.from([0xe9]),
				broken.subarray(broken.indexOf('Caf') + 3),
			]),
		);
		const before = await readFile(file);
		const error = await refusal(CrmStore.open(file));
		expect(error.message).toMatch(/not UTF-8 text: line \d+, byte \d+/);
		const findings = await checkDataFile(file);
		expect(findings.find((finding) => finding.area === 'File')).toMatchObject({ok: false});
		expect(findings.find((finding) => finding.area === 'File')!.summary).toMatch(/not UTF-8/);
		expect((await readFile(file)).equals(before)).toBe(true);
	});
});

describe('a file written in chunks (a large data file is encoded a few megabytes at a time)', () => {
	const filler = (units: number) => 'a'.repeat(units);
	test.each([
		['empty', ''],
		['one chunk exactly', filler(chunkUnits)],
		['a surrogate pair across the end of a chunk', `${filler(chunkUnits - 1)}👍🏽 and after`],
		['a pair right after a chunk', `${filler(chunkUnits)}👍🏽`],
		['three-byte characters over two chunks', '名'.repeat(chunkUnits + 7)],
		['a lone surrogate (written as U+FFFD, as Buffer.from would)', `${filler(chunkUnits - 1)}\ud83dx`],
	])('%s: the bytes are those of the whole text', async (_, text) => {
		const file = join(directory, 'big.json');
		await writeFileDurably(file, text);
		expect((await readFile(file)).equals(Buffer.from(text, 'utf8'))).toBe(true);
	});
});
