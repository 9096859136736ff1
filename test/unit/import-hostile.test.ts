import {appendFileSync} from 'node:fs';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeEach, describe, expect, test} from 'vitest';
import {ImportStopped, runImport, type ImportProgress} from '../../source/commands/import/run-import.js';
import {ImportError} from '../../source/domain/import/import-error.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';

// What the hostile tests of issue 12 found on the import side, a case each.

let directory: string;
let dataFile: string;
const now = Date.parse('2026-06-01T00:00:00Z');
const acme = customer({name: 'Acme', company: 'Acme Corp', email: 'ops@acme.io'});

beforeEach(async () => {
	directory = await mkdtemp(join(tmpdir(), 'crm-import-hostile-'));
	dataFile = join(directory, 'crm.json');
	await CrmStore.create(dataFile, datasetOf({customers: [acme]}));
});

const csv = async (name: string, text: string) => {
	const file = join(directory, name);
	await writeFile(file, text);
	return file;
};

const importCustomers = (file: string, extra: Partial<Parameters<typeof runImport>[0]> = {}) => runImport({entity: 'customers', csv: file, dataFile, operator: 'ana', now, ...extra});

describe('stopping', () => {
	const rows = (count: number) => `externalId,name\n${Array.from({length: count}, (_, index) => `S${index},Person ${index}`).join('\n')}\n`;

	test('a signal while the file is checked stops the import with nothing saved, exiting as the signal asks', async () => {
		const file = await csv('many.csv', rows(50_000));
		const before = await readFile(dataFile);
		const controller = new AbortController();
		const steps: ImportProgress[] = [];
		const error = await importCustomers(file, {
			signal: controller.signal,
			onProgress: (progress) => {
				steps.push(progress);
				controller.abort('SIGTERM');
			},
		}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ImportStopped);
		expect((error as ImportStopped).message).toBe('Import stopped: nothing was saved.');
		expect((error as ImportStopped).exitCode).toBe(143);
		expect(new ImportStopped('SIGINT').exitCode).toBe(130);
		// It stopped after the first part of the file, not at the end of it.
		expect(steps).toHaveLength(1);
		expect(steps[0]).toMatchObject({phase: 'checking', entity: 'customers'});
		expect((steps[0] as {rows: number}).rows).toBeLessThan(50_000);
		expect((await readFile(dataFile)).equals(before)).toBe(true);
	});

	test('a signal once saving has begun lets the save finish: it is all or nothing', async () => {
		const controller = new AbortController();
		const summary = await importCustomers(await csv('few.csv', rows(3)), {
			signal: controller.signal,
			onProgress: (progress) => {
				if (progress.phase === 'saving') controller.abort('SIGINT');
			},
		});
		expect(summary).toContain('Saved 3 changes as one import.');
		expect((await CrmStore.open(dataFile)).data.customers).toHaveLength(4);
	});

	test('a file written to while it is imported is refused, nothing saved', async () => {
		const mapping = await csv(
			'two.json',
			JSON.stringify({targets: [{entity: 'customers', id: 'Email', lowerId: true, columns: {Name: 'name', Email: 'email'}}, {entity: 'tickets', id: 'Ticket', columns: {Subject: 'subject'}, customer: {column: 'Email', by: 'email'}}]}),
		);
		const file = await csv('tickets.csv', 'Ticket,Subject,Name,Email\nT1,Printer,Bo,bo@x.io\n');
		const before = await readFile(dataFile);
		let written = false;
		const error = await runImport({
			entity: 'tickets',
			csv: file,
			dataFile,
			map: [mapping],
			operator: 'ana',
			now,
			onProgress: (progress) => {
				if (progress.phase !== 'checking' || written) return;
				written = true;
				appendFileSync(file, 'T2,Scanner,Al,al@x.io\n');
			},
		}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ImportError);
		expect((error as Error).message).toBe(`${file} changed while it was being imported. Nothing was imported.`);
		expect((await readFile(dataFile)).equals(before)).toBe(true);
	});
});
