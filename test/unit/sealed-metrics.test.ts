import {appendFile, copyFile, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {emptyDataset} from '../../source/domain/dataset.js';
import type {Metric} from '../../source/domain/metric.js';
import {DataFileError} from '../../source/store/data-file-error.js';
import {JsonFileStore} from '../../source/store/json-file-store.js';
import {appendMetrics, loadMetrics, metricsPathFor} from '../../source/store/metrics-log.js';
import {SealError} from '../../source/store/sealed/seal-error.js';
import {MasterKey} from '../../source/store/sealed/seal-keys.js';
import {keyring} from '../../source/store/sealed/set-sealing.js';
import {tempFolder} from '../support/temp-folder.js';

/** The metrics log of a sealed data set is sealed a line at a time (issue 22), appended by many processes at once. */
const key = new MasterKey(Buffer.alloc(32, 7));
const otherKey = new MasterKey(Buffer.alloc(32, 8));

let directory: string;
let file: string;
const log = () => metricsPathFor(file);
const logLines = async (path = log()) => (await readFile(path, 'utf8')).split('\n');

const metric = (session: string, kind: Metric['kind'], ms?: number): Metric => ({
	at: '2026-03-05T10:00:00.000Z',
	session,
	kind,
	...(ms === undefined ? {} : {ms}),
});

/** A data set at `path` sealed under `sealedUnder` (null: plain). */
const newSet = (path: string, sealedUnder: MasterKey | null) =>
	JsonFileStore.create(path, emptyDataset(), {key: sealedUnder});

beforeEach(() => {
	directory = tempFolder('sealed-metrics');
	file = join(directory, 'crm.json');
	keyring.use(() => Promise.resolve(key));
});
afterEach(() => {
	keyring.use(null);
});

describe('the metrics log of a sealed set', () => {
	test('is begun sealed, owner-only, with nothing of a measurement in plain text, and read back', async () => {
		await newSet(file, key);
		await appendMetrics(file, []);
		await expect(stat(log())).rejects.toMatchObject({code: 'ENOENT'});
		const written = [metric('session-a', 'start'), metric('session-a', 'save', 12.5), metric('session-a', 'exit')];
		await appendMetrics(file, written.slice(0, 2));
		await appendMetrics(file, written.slice(2));
		expect(await loadMetrics(file)).toEqual(written);
		const lines = await logLines();
		expect(lines[0]).toMatch(/^CRMSEAL1 [A-Za-z0-9+/]+=*$/);
		expect(lines.slice(1)).toHaveLength(3 + 1);
		const text = await readFile(log(), 'utf8');
		for (const plain of ['session-a', 'save', '12.5', '"at"', '2026']) expect(text, plain).not.toContain(plain);
		expect((await stat(log())).mode & 0o777).toBe(0o600);
	});

	test('two writers appending at once share one header, and every line of both is read', async () => {
		await newSet(file, key);
		const batches = Array.from({length: 20}, (_, index) => [
			metric(index % 2 === 0 ? 'a' : 'b', 'render', index),
			metric(index % 2 === 0 ? 'a' : 'b', 'save', index),
		]);
		// All start before any has made the log: each races to begin it, the losers read the winner's header.
		await Promise.all(batches.map((batch) => appendMetrics(file, batch)));
		const lines = await logLines();
		expect(lines.filter((line) => line.startsWith('CRMSEAL'))).toHaveLength(1);
		expect(lines[0]).toMatch(/^CRMSEAL1 /);
		const read = (await loadMetrics(file))!;
		const label = (entry: Metric) => `${entry.session} ${entry.kind} ${entry.ms}`;
		expect(read.map(label).sort()).toEqual(batches.flat().map(label).sort());
		expect(await readFile(log(), 'utf8')).not.toContain('.tmp');
	});

	test('a torn last line is skipped, and closed by the next batch without costing it', async () => {
		await newSet(file, key);
		await appendMetrics(file, [metric('a', 'start'), metric('a', 'save', 3)]);
		const lines = await logLines();
		await appendFile(log(), lines[2]!.slice(0, 30));
		expect(await loadMetrics(file)).toEqual([metric('a', 'start'), metric('a', 'save', 3)]);
		await appendMetrics(file, [metric('a', 'exit')]);
		expect(await loadMetrics(file)).toEqual([metric('a', 'start'), metric('a', 'save', 3), metric('a', 'exit')]);
		expect((await logLines())[3]).toBe(`${lines[2]!.slice(0, 30)}~`);
	});

	test.each<[string, MasterKey | null, string]>([
		['a key that is not the log’s', key, 'wrong_key'],
		['no key at all', null, 'key_needed'],
	])('%s is refused, reading and appending, never taken as no metrics', async (_case, logKey, code) => {
		const other = join(directory, 'other.json');
		keyring.use((path) => Promise.resolve(path.includes('other') ? otherKey : key));
		await newSet(file, key);
		await newSet(other, otherKey);
		await appendMetrics(other, [metric('a', 'start')]);
		// The log of a set sealed under another key, put in place of this set's.
		await copyFile(metricsPathFor(other), log());
		const before = await readFile(log());
		keyring.use((path, header) => {
			if (path !== log()) return Promise.resolve(key);
			if (logKey) return Promise.resolve(logKey);
			return Promise.reject(new SealError('key_needed', path, {fileId: header.key.id}));
		});
		await expect(loadMetrics(file)).rejects.toMatchObject({name: 'SealError', code, file: log()});
		await expect(appendMetrics(file, [metric('b', 'start')])).rejects.toMatchObject({code});
		expect(await readFile(log())).toEqual(before);
	});

	const flipped = (line: string) => `${line.slice(0, 10)}${line[10] === 'A' ? 'B' : 'A'}${line.slice(11)}`;
	test.each<[string, (lines: string[], others: string[]) => string[], number]>([
		['a bit flipped', (l) => [l[0]!, l[1]!, flipped(l[2]!), l[3]!, ''], 3],
		['a line of another log', (l, o) => [l[0]!, l[1]!, o[1]!, l[3]!, ''], 3],
		['a plain line put in', (l) => [l[0]!, JSON.stringify(metric('x', 'start')), l[1]!, ''], 2],
		['an empty line put in', (l) => [l[0]!, l[1]!, '', l[2]!, ''], 3],
		['another log’s header', (l, o) => [o[0]!, ...l.slice(1)], 2],
	])('%s: refused, naming the log and the line', async (_case, change, line) => {
		const other = join(directory, 'other.json');
		await newSet(file, key);
		await newSet(other, key);
		for (const path of [file, other]) await appendMetrics(path, [metric('a', 'start'), metric('a', 'save', 1)]);
		await appendMetrics(file, [metric('a', 'exit')]);
		await writeFile(log(), change(await logLines(), await logLines(metricsPathFor(other))).join('\n'));
		const error = await loadMetrics(file).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(DataFileError);
		expect((error as Error).message).toContain(log());
		expect((error as Error).message).toContain(`line ${line} fails its check`);
	});

	test('lines moved within one log still open: they are bound to its header, not to their place', async () => {
		await newSet(file, key);
		await appendMetrics(file, [metric('a', 'start'), metric('a', 'exit')]);
		const [header, first, second] = await logLines();
		await writeFile(log(), `${header}\n${second}\n${first}\n`);
		expect(await loadMetrics(file)).toEqual([metric('a', 'exit'), metric('a', 'start')]);
	});
});

describe('a plain metrics log', () => {
	test.each<[string, () => Promise<unknown>]>([
		['of a plain data file', () => newSet(file, null)],
		['of a data file not made yet', async () => undefined],
		[
			'begun before its data file was sealed',
			async () => {
				await newSet(file, null);
				await appendMetrics(file, [metric('old', 'start')]);
				await newSet(file, key);
			},
		],
	])('%s stays plain JSON lines', async (_case, make) => {
		await make();
		await appendMetrics(file, [metric('a', 'start')]);
		const lines = await logLines();
		for (const line of lines.slice(0, -1)) expect(JSON.parse(line)).toMatchObject({kind: 'start'});
		expect((await loadMetrics(file))!.at(-1)).toEqual(metric('a', 'start'));
	});
});
