import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {expect, test} from 'vitest';
import {readCsv} from '../../source/commands/import/csv-file.js';
import {tempFolder} from '../support/temp-folder.js';

const file = async (text: string) => {
	const path = join(tempFolder('csv'), 'rows.csv');
	await writeFile(path, text);
	return path;
};

test('a row is named by the line it starts on: multi-line values, CRLF inside quotes, empty lines between rows', async () => {
	const crlf = await readCsv(await file('id,note\r\n1,"two\r\nlines"\r\n\r\n2,plain\r\n3,"a\r\nb\r\nc"\r\n4,last\r\n'));
	expect(crlf.rows.map((row) => [row.values['id'], row.line])).toEqual([
		['1', 2],
		['2', 5],
		['3', 6],
		['4', 9],
	]);
	const lf = await readCsv(await file('id,note\n1,"two\nlines"\n\n\n2,plain\n'));
	expect(lf.rows.map((row) => row.line)).toEqual([2, 6]);
});

test('a malformed row is named by the line it starts on', async () => {
	await expect(readCsv(await file('id,name\n1,ok\n2,"never closed\n3,more\n'))).rejects.toThrow(
		/: line 3: a quoted value is never closed \(the file ends inside it\)/,
	);
	await expect(readCsv(await file('id,name\r\n1,"a\r\nb"\r\n2,x,extra\r\n'))).rejects.toThrow(
		/: line 4: the row has a different number of columns/,
	);
});

test('a BOM does not shift the line numbers', async () => {
	const table = await readCsv(await file('\uFEFFid,note\n1,"two\nlines"\n2,plain\n'));
	expect(table.headers).toEqual(['id', 'note']);
	expect(table.rows.map((row) => row.line)).toEqual([2, 4]);
	await expect(readCsv(await file('\uFEFFid,name\n1,ok\n2,x,extra\n'))).rejects.toThrow(
		/: line 3: the row has a different number of columns/,
	);
});
