import {rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {runExport} from '../../source/commands/export.js';
import {runReport} from '../../source/commands/report.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

const title = '\u001B]0;pwned\u0007';
const clipboard = '\u001B]52;c;cm0gLXJmIH4=\u0007';
const evilName = `Evil${title} ${clipboard}\u001B[31mRed\u009BX\u007F`;
/** Any control character but the newlines and tabs of the text's own layout. */
const raw = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

let directory: string;
let file: string;
const now = Date.parse('2026-06-15T12:00:00Z');

beforeAll(async () => {
	directory = tempFolder('text-output');
	file = join(directory, 'crm.json');
	// Stored before control characters were refused: an active customer long without activity is on the churn-risk list.
	const data = datasetOf({
		customers: [
			customer({name: evilName, email: 'evil@acme.io', status: 'active', notes: `two\nlines\u009B`}),
			customer({name: 'Plain', status: 'lead'}),
		],
	});
	await writeFile(file, JSON.stringify(data));
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true});
});

describe('crm report shows names from the data escaped', () => {
	test('Markdown: the churn-risk list writes them out, on one line', async () => {
		const report = await runReport(file, {period: '2026-05', format: 'md', now});
		expect(report).toContain('## Alerts');
		expect(report).toContain(
			'- Evil\\x1b]0;pwned\\x07 \\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[31mRed\\x9bX\\x7f <evil@acme.io>',
		);
		expect(raw.exec(report)?.[0]).toBeUndefined();
	});

	test('JSON: every control character escaped, the same names when parsed', async () => {
		const text = await runReport(file, {period: '2026-05', format: 'json', now});
		expect(raw.exec(text)?.[0]).toBeUndefined();
		expect(text).toContain('\\u009bX\\u007f');
		const report = JSON.parse(text) as {churnRisk: Array<{name: string; email: string}>};
		expect(report.churnRisk).toEqual([expect.objectContaining({name: evilName, email: 'evil@acme.io'})]);
	});
});

describe('crm export: escaped to a terminal, byte for byte to a file or pipe', () => {
	test.each(['csv', 'json'])('%s', async (format) => {
		const piped = await runExport(file, {entity: 'customers', format});
		const shown = await runExport(file, {entity: 'customers', format, terminal: true});
		// Into a file the data is exact.
		if (format === 'json') expect((JSON.parse(piped) as Array<{name: string}>)[0]!.name).toBe(evilName);
		else expect(piped).toContain(evilName);
		// On a terminal nothing acts; the notes keep their line break.
		expect(raw.exec(shown)?.[0]).toBeUndefined();
		if (format === 'json') {
			expect((JSON.parse(shown) as Array<{name: string; notes: string}>)[0]).toMatchObject({
				name: evilName,
				notes: 'two\nlines\u009B',
			});
		} else {
			expect(shown).toContain('Evil\\x1b]0;pwned\\x07 \\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[31mRed\\x9bX\\x7f');
			expect(shown).toContain('"two\nlines\\x9b"');
		}
	});

	test('an empty selection is the header alone (CSV) or an empty list (JSON), either way', async () => {
		for (const terminal of [false, true]) {
			expect(await runExport(file, {entity: 'opportunities', format: 'csv', terminal})).toMatch(
				/^id,externalId,createdAt,[^\n]*\n$/,
			);
			expect(JSON.parse(await runExport(file, {entity: 'opportunities', format: 'json', terminal}))).toEqual([]);
		}
	});
});
