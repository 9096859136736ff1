import {execFileSync} from 'node:child_process';
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeEach, expect, test} from 'vitest';
import {CsvFile, readCsv} from '../../source/commands/import/csv-file.js';
import {tempFolder} from '../support/temp-folder.js';

let folder: string;

beforeEach(async () => {
	folder = tempFolder('csv-file');
});

const file = async (name: string, text: string | Buffer) => {
	const path = join(folder, name);
	await writeFile(path, text);
	return path;
};

/** Every row of `path`, batch by batch as the import reads them. */
const batchesOf = async (path: string) => {
	const csv = await CsvFile.open(path);
	const batches = [];
	try {
		for await (const batch of csv.batches()) batches.push(batch);
	} finally {
		await csv.close();
	}
	return batches;
};

// The reader takes 256 KB at a time: each case puts its tricky bytes across that boundary.
const chunk = 262_144;
const padding = (bytes: number) => 'x'.repeat(bytes);

test('a large file is read a part at a time, and rows across the parts keep their values and lines', async () => {
	const header = 'id,note\n';
	// Row 2 fills the first read up to just before a quoted value whose embedded newline falls across the boundary.
	const first = `1,${padding(chunk - header.length - 2 - 5 - 1)}\n`;
	const path = await file('big.csv', `${header}${first}2,"ab\ncd"\n3,"é${'€'.repeat(100_000)}"\n4,last\n`);
	const batches = await batchesOf(path);
	expect(batches.length).toBeGreaterThan(1);
	const rows = batches.flat();
	expect(rows.map((row) => [row.values['id'], row.line])).toEqual([
		['1', 2],
		['2', 3],
		['3', 5],
		['4', 6],
	]);
	expect(rows[1]!.values['note']).toBe('ab\ncd');
	expect(rows[2]!.values['note']).toBe(`é${'€'.repeat(100_000)}`);
});

test('CRLF and a multi-byte character split across two reads, and a BOM, still read as written', async () => {
	const header = '\uFEFFid,name\r\n';
	const bytes = Buffer.byteLength(header);
	// The first row ends with \r at the last byte of the first read, its \n opening the second.
	const first = `1,${padding(chunk - bytes - 2 - 1)}\r\n`;
	// A three-byte character starting two bytes before the end of the second read.
	const second = `2,${padding(chunk - 2 - 3)}€\r\n`;
	const rows = (await batchesOf(await file('crlf.csv', `${header}${first}${second}3,Zoë\r\n`))).flat();
	expect(rows.map((row) => [row.values['id'], row.line, row.values['name']!.slice(-3)])).toEqual([
		['1', 2, 'xxx'],
		['2', 3, 'xx€'],
		['3', 4, 'Zoë'],
	]);
});

test('a pipe (FIFO) is refused at once, by name, instead of waiting for a writer', async () => {
	const fifo = join(folder, 'orders.csv');
	execFileSync('mkfifo', [fifo]);
	await expect(readCsv(fifo, 'orders.csv')).rejects.toThrow('orders.csv is a pipe (FIFO), not a file');
});

// /dev/zero is refused the same way; it is left out here because a reader without the check
// would fill the memory of the machine running the test.
test('a device is refused without reading it; a folder is named as one', async () => {
	await expect(readCsv('/dev/null')).rejects.toThrow('/dev/null is a device, not a file');
	await mkdir(join(folder, 'exports.csv'));
	await expect(readCsv(join(folder, 'exports.csv'), 'exports.csv')).rejects.toMatchObject({
		message: 'exports.csv is a folder, not a file.',
		folder: true,
	});
});

test('a file over the size limit is refused before it is read, with its size and the limit', async () => {
	const path = await file('huge.csv', `id,name\n${'1,x\n'.repeat(600)}`);
	await expect(CsvFile.open(path, 'huge.csv', {maxBytes: 1024})).rejects.toThrow(
		/^huge\.csv is 2\.4 KB: more than the 1 KB one import reads\. Split it/,
	);
});

test('a stray quote in a value is named by its line, in words', async () => {
	await expect(readCsv(await file('quote.csv', 'id,name\n1,ok\n2,5" screen\n'))).rejects.toThrow(
		/: line 3: a quote stands inside a value that does not start with one/,
	);
});

test('a header alone is a table without rows; an empty file says so', async () => {
	expect((await readCsv(await file('header.csv', 'id,name\n'))).rows).toEqual([]);
	await expect(readCsv(await file('empty.csv', '\n\n'))).rejects.toThrow(/empty\.csv is empty\./);
});
