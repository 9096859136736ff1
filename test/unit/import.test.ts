import {existsSync, readFileSync} from 'node:fs';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeEach, describe, expect, test} from 'vitest';
import {computeKpis} from '../../source/assessment/evaluation.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {ImportError, readCsv} from '../../source/commands/import/csv-file.js';
import {runImport} from '../../source/commands/import/run-import.js';
import {readDate} from '../../source/domain/import/import-dates.js';
import type {Opportunity} from '../../source/domain/opportunity.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

let directory: string;
let dataFile: string;
const now = Date.parse('2026-06-01T00:00:00Z');

beforeEach(async () => {
	directory = tempFolder('import');
	dataFile = join(directory, 'crm.json');
	await CrmStore.create(
		dataFile,
		datasetOf({customers: [customer({name: 'Acme', company: 'Acme Corp', email: 'ops@acme.io'})]}),
	);
});

const csv = async (name: string, text: string | Buffer) => {
	const file = join(directory, name);
	await writeFile(file, text);
	return file;
};

const dealsMapping = async (extra: Record<string, unknown> = {}) =>
	csv(
		'deals.json',
		JSON.stringify({
			entity: 'opportunities',
			id: 'Deal ID',
			dates: 'M/D/YYYY',
			columns: {Stage: 'stage', Value: 'amount', Opened: 'createdAt', Closed: 'closedAt', Rep: 'owner'},
			values: {stage: {Won: 'won', Lost: 'lost', Open: 'proposal'}},
			templates: {title: '{Product} for {Account|no account}'},
			defaults: {amount: 0},
			customer: {column: 'Account', by: 'name'},
			...extra,
		}),
	);

const importDeals = async (file: string, options: {dryRun?: boolean} = {}) =>
	runImport({
		entity: 'opportunities',
		csv: file,
		dataFile,
		map: [await dealsMapping()],
		operator: 'ana',
		now,
		...options,
	});

describe('reading CSV exports', () => {
	test('a BOM, semicolons, quotes with the delimiter inside and embedded newlines are read as one row each', async () => {
		const table = await readCsv(
			await csv('semi.csv', '\uFEFFName;Notes\n"Ana; Silva";"line one\nline two"\nBo;plain\n'),
		);
		expect(table.delimiter).toBe(';');
		expect(table.rows.map((row) => row.values)).toEqual([
			{Name: 'Ana; Silva', Notes: 'line one\nline two'},
			{Name: 'Bo', Notes: 'plain'},
		]);
	});

	// The header fits the mapping (a header that does not is refused before any row, by the mapping's check).
	const header = 'Deal ID,Product,Account,Stage,Value,Opened,Closed,Rep';
	const row = 'D1,GTX,Acme,Won,1,2/1/2017,,Moses';
	test.each([
		['an unbalanced quote', `${header}\nD1,"open\n${row}\n`, /line \d+: a quoted value is never closed/],
		[
			'a wrong column count',
			`${header}\n${row}\n${row},extra\n`,
			/line 3: the row has a different number of columns than the header/,
		],
		[
			'a 5 MB line',
			`${header}\nD1,${'x'.repeat(5 * 1024 * 1024)},Acme,Won,1,2/1/2017,,Moses\n`,
			/line 2: the row is longer than 1 MB/,
		],
		[
			'non-UTF-8 bytes',
			Buffer.concat([
				Buffer.from(`${header}\n${row}\nD2,`),
				Buffer.from([0xff, 0xfe]),
				Buffer.from(',Acme,Won,1,2/1/2017,,Moses\n'),
			]),
			/line 3 is not UTF-8 text/,
		],
	])('%s: a clear message with the line, and the data file’s bytes unchanged', async (_, text, message) => {
		const file = await csv('bad.csv', text);
		const before = await readFile(dataFile);
		const error = await importDeals(file).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ImportError);
		expect((error as Error).message).toMatch(message);
		expect((error as Error).message).toContain(file);
		expect((await readFile(dataFile)).equals(before)).toBe(true);
	});
});

describe('mapping', () => {
	test.each([
		['3/1/2017', 'M/D/YYYY', '2017-03-01T00:00:00.000Z'],
		['1/3/2017', 'D/M/YYYY', '2017-03-01T00:00:00.000Z'],
		['2023-06-01 11:14', 'YYYY-MM-DD HH:mm', '2023-06-01T11:14:00.000Z'],
		['2026-02-30', 'auto', undefined],
		['13/1/2017', 'M/D/YYYY', undefined],
	] as const)('%s as %s is %s', (text, format, iso) => {
		const read = readDate(text, format);
		expect(read.ok ? read.iso : undefined).toBe(iso);
	});

	test('columns, values, dates, templates, defaults and the customer found by name', async () => {
		const file = await csv(
			'deals.csv',
			'Deal ID,Product,Account,Stage,Value,Opened,Closed,Rep\nD1,GTX Pro,Acme,Won,"1,250",2/1/2017,3/1/2017,Moses\nD2,MG Special,,Open,,5/2/2017,,Dana\n',
		);
		const summary = await importDeals(file);
		expect(summary).toContain('opportunity: 2 created, 0 updated, 0 unchanged, 0 rejected, 0 skipped, 1 warning');
		expect(summary).toContain('1 × opportunity: no Account: imported without a customer (line 3)');
		const deals = (await CrmStore.open(dataFile)).data.opportunities;
		const acme = (await CrmStore.open(dataFile)).data.customers[0]!;
		expect(deals[0]).toMatchObject({
			externalId: 'D1',
			title: 'GTX Pro for Acme',
			stage: 'won',
			amount: 1250,
			owner: 'Moses',
			customerId: acme.id,
			createdAt: '2017-02-01T00:00:00.000Z',
			closedAt: '2017-03-01T00:00:00.000Z',
			probability: 1,
		});
		expect(deals[1]).toMatchObject({
			externalId: 'D2',
			title: 'MG Special for no account',
			stage: 'proposal',
			amount: 0,
			customerId: '',
			closedAt: null,
			probability: 0.5,
		});
	});
});

describe('idempotent upsert', () => {
	test('the same file twice changes nothing the second time; a changed row updates its record, logged', async () => {
		const file = await csv(
			'deals.csv',
			'Deal ID,Product,Account,Stage,Value,Opened,Closed,Rep\nD1,GTX Pro,Acme,Open,100,2/1/2017,,Moses\nD2,MG,Acme,Lost,50,2/1/2017,3/1/2017,Dana\n',
		);
		await importDeals(file);
		const bytes = await readFile(dataFile, 'utf8');
		expect(await importDeals(file)).toContain('0 created, 0 updated, 2 unchanged');
		expect(await readFile(dataFile, 'utf8')).toBe(bytes);
		await writeFile(
			file,
			'Deal ID,Product,Account,Stage,Value,Opened,Closed,Rep\nD1,GTX Pro,Acme,Won,120,2/1/2017,4/1/2017,Moses\nD2,MG,Acme,Lost,50,2/1/2017,3/1/2017,Dana\n',
		);
		expect(await importDeals(file)).toContain('0 created, 1 updated, 1 unchanged');
		const store = await CrmStore.open(dataFile);
		expect(store.data.opportunities.find((deal) => deal.externalId === 'D1')).toMatchObject({
			stage: 'won',
			amount: 120,
			closedAt: '2017-04-01T00:00:00.000Z',
			version: 2,
		});
		expect(store.data.changes.at(-1)).toMatchObject({action: 'update', operator: 'ana'});
	});

	test('a dry run only prints', async () => {
		const file = await csv(
			'deals.csv',
			'Deal ID,Product,Account,Stage,Value,Opened,Closed,Rep\nD1,GTX Pro,Acme,Open,100,2/1/2017,,Moses\n',
		);
		const bytes = await readFile(dataFile, 'utf8');
		expect(await importDeals(file, {dryRun: true})).toContain('Dry run: nothing was written (1 change would be made).');
		expect(await readFile(dataFile, 'utf8')).toBe(bytes);
	});
});

describe('rejects', () => {
	test('every row not imported is in the rejects CSV with its line and reason; the others import', async () => {
		const file = await csv(
			'deals.csv',
			'Deal ID,Product,Account,Stage,Value,Opened,Closed,Rep\nD1,GTX,Acme,Won,-5,2/1/2017,3/1/2017,A\nD2,GTX,Acme,Maybe,5,2/1/2017,,B\n,GTX,Acme,Won,5,2/1/2017,3/1/2017,C\nD4,GTX,Acme,Won,5,31/1/2017,3/1/2017,D\nD5,GTX,Acme,Won,5,2/1/2017,3/1/2017,E\n',
		);
		const summary = await importDeals(file);
		expect(summary).toContain('1 created, 0 updated, 0 unchanged, 4 rejected');
		const rejectsFile = join(directory, 'deals.rejects.csv');
		expect(summary).toContain(rejectsFile);
		const rejects = readFileSync(rejectsFile, 'utf8');
		expect(rejects.split('\n')[0]).toBe('line,entity,reason,Deal ID,Product,Account,Stage,Value,Opened,Closed,Rep');
		expect(rejects).toContain('2,opportunities,amount must not be negative,D1');
		expect(rejects).toContain('3,opportunities,"Stage “Maybe” is not one of Won, Lost, Open",D2');
		expect(rejects).toContain('4,opportunities,the id column Deal ID is empty');
		expect(rejects).toContain('5,opportunities,Opened “31/1/2017” is not a date (expected M/D/YYYY),D4');
	});

	test('column=field pairs need the id column named, or say so', async () => {
		const file = await csv('people.csv', 'name,email\nBo,bo@x.io\n');
		await expect(runImport({entity: 'customers', csv: file, dataFile, operator: 'ana', now})).rejects.toThrow(
			/--id COLUMN/,
		);
		const summary = await runImport({
			entity: 'customers',
			csv: file,
			dataFile,
			map: ['name=name', 'email=email'],
			idColumn: 'email',
			operator: 'ana',
			now,
		});
		// A column the file lacks takes what a new record starts as: a customer is a lead.
		expect(summary).toContain('customer: 1 created, 0 updated, 0 unchanged, 0 rejected');
		const store = await CrmStore.open(dataFile);
		expect(store.data.customers.find((entry) => entry.email === 'bo@x.io')).toMatchObject({
			name: 'Bo',
			status: 'lead',
			externalId: 'bo@x.io',
		});
	});
});

const maven = new URL('../../../shared/datasets/maven-crm/', import.meta.url);

describe.runIf(existsSync(new URL('sales_pipeline.csv', maven)))('the real Maven export', () => {
	// The real exports take seconds: a deadline for an import that never finishes (CI runs these beside the stress test), not a speed limit.
	test('accounts and all 8,800 deals import with the shipped mappings, a second run changes nothing, and June 2017 adds up', async () => {
		const empty = join(directory, 'maven.json');
		const mapping = (name: string) => new URL(`../../data/mappings/${name}`, import.meta.url).pathname;
		const accounts = await runImport({
			entity: 'customers',
			csv: new URL('accounts.csv', maven).pathname,
			dataFile: empty,
			map: [mapping('maven-accounts.json')],
			operator: 'ana',
			now,
		});
		expect(accounts).toContain('customer: 85 created, 0 updated, 0 unchanged, 0 rejected');
		const deals = await runImport({
			entity: 'opportunities',
			csv: new URL('sales_pipeline.csv', maven).pathname,
			dataFile: empty,
			map: [mapping('maven-pipeline.json')],
			operator: 'ana',
			now,
		});
		const counts = /opportunity: (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) rejected, (\d+) skipped/
			.exec(deals)!
			.slice(1)
			.map(Number);
		expect(counts.reduce((sum, count) => sum + count, 0)).toBe(8800);
		expect(counts[0]).toBe(8800);
		expect(deals).toMatch(/no account: imported without a customer/);
		expect(deals).toMatch(/product “GTXPro” is not in the catalogue/);
		const again = await runImport({
			entity: 'opportunities',
			csv: new URL('sales_pipeline.csv', maven).pathname,
			dataFile: empty,
			map: [mapping('maven-pipeline.json')],
			operator: 'ana',
			now,
		});
		expect(again).toContain('0 created, 0 updated, 8800 unchanged');

		// June 2017 by hand from the CSV, as KPI.md defines it.
		const rows = readFileSync(new URL('sales_pipeline.csv', maven), 'utf8')
			.trim()
			.split('\n')
			.slice(1)
			.map((line) => line.split(','));
		const inJune = (date: string) => /^6\/\d+\/2017$/.test(date);
		const won = rows.filter((row) => row[4] === 'Won' && inJune(row[6]!));
		const lost = rows.filter((row) => row[4] === 'Lost' && inJune(row[6]!));
		const store = await CrmStore.open(empty);
		const kpis = computeKpis({dataset: store.data, settings: store.settings, now}, parsePeriod('2017-06')!);
		expect(kpis.deals_won).toBe(won.length);
		expect(kpis.revenue_won).toBe(won.reduce((sum, row) => sum + Number(row[7]), 0));
		expect(kpis.win_rate).toBe(won.length / (won.length + lost.length));
	}, 30_000);
});

describe('export', () => {
	test('export then import into an empty file reproduces the same records, links included; importing again changes nothing', async () => {
		const {seedDataFile} = await import('../../source/commands/seed.js');
		const {runExport} = await import('../../source/commands/export.js');
		const source = join(directory, 'source.json');
		await seedDataFile(source, {
			now: new Date('2026-06-01T00:00:00Z'),
			customers: 40,
			opportunities: 80,
			tickets: 60,
			feedback: 50,
		});
		const target = join(directory, 'copy.json');
		for (const entity of ['customers', 'opportunities', 'tickets', 'feedback'] as const) {
			const file = await csv(`${entity}.csv`, await runExport(source, {entity, format: 'csv'}));
			const summary = await runImport({entity, csv: file, dataFile: target, operator: 'ana', now});
			expect(summary).toMatch(/ 0 rejected/);
			expect(await runImport({entity, csv: file, dataFile: target, operator: 'ana', now})).toMatch(
				/ 0 created, 0 updated/,
			);
		}
		// Back into the file it came from: matched by its own ids, nothing duplicated, nothing changed.
		for (const entity of ['customers', 'opportunities', 'tickets', 'feedback'] as const) {
			const file = join(directory, `${entity}.csv`);
			expect(await runImport({entity, csv: file, dataFile: source, operator: 'ana', now}), entity).toMatch(
				/ 0 created, 0 updated, \d+ unchanged, 0 rejected/,
			);
		}
		const original = (await CrmStore.open(source)).data;
		const copy = (await CrmStore.open(target)).data;
		expect(original.customers).toHaveLength(40);
		const comparable = (records: ReadonlyArray<Record<string, unknown>>) =>
			records.map(({externalId: _e, version: _v, updatedAt: _u, ...rest}) => rest);
		for (const entity of ['customers', 'opportunities', 'tickets', 'feedback'] as const) {
			expect(comparable(copy[entity] as never), entity).toEqual(comparable(original[entity] as never));
		}
	});

	test('a filter exports only the matching records; JSON is the records as stored', async () => {
		const {runExport} = await import('../../source/commands/export.js');
		const file = join(directory, 'two.json');
		await CrmStore.create(
			file,
			datasetOf({customers: [customer({name: 'Tomás Ortega'}), customer({name: 'Bo Berg'})]}),
		);
		const text = await runExport(file, {entity: 'customers', format: 'csv', filter: 'tomas'});
		expect(text.trim().split('\n')).toHaveLength(2);
		expect(text).toContain('Tomás Ortega');
		expect(JSON.parse(await runExport(file, {entity: 'customers', format: 'json'}))).toHaveLength(2);
		await expect(runExport(file, {entity: 'widgets', format: 'csv'})).rejects.toThrow(/cannot be exported/);
	});
});

const supportTickets = new URL(
	'../../../shared/datasets/support-tickets/customer_support_tickets.csv',
	import.meta.url,
);

describe.runIf(existsSync(supportTickets))('the real support-tickets export', () => {
	test('customers deduplicated by email, every ticket, feedback from the rating; inconsistencies reported; a second run changes nothing', async () => {
		const file = join(directory, 'support.json');
		const mapping = new URL('../../data/mappings/support-tickets.json', import.meta.url).pathname;
		const first = await runImport({
			entity: 'tickets',
			csv: supportTickets.pathname,
			dataFile: file,
			map: [mapping],
			operator: 'ana',
			now,
		});
		const count = (entity: string, text: string) =>
			/(\d+) created, (\d+) updated, (\d+) unchanged, (\d+) rejected, (\d+) skipped/
				.exec(text.split('\n').find((line) => line.startsWith(entity))!)!
				.slice(1)
				.map(Number);
		const tickets = count('ticket', first);
		expect(tickets.reduce((sum, value) => sum + value, 0)).toBe(2769);
		expect(tickets[0]).toBe(2769);
		expect(first).toMatch(/resolved before the first response/);
		const store = await CrmStore.open(file);
		const emails = new Set(store.data.customers.map((customer) => customer.email.toLowerCase()));
		expect(emails.size).toBe(store.data.customers.length);
		expect(
			store.data.feedback.every((entry) => entry.ticketId !== null && entry.rating >= 1 && entry.rating <= 5),
		).toBe(true);
		const again = await runImport({
			entity: 'tickets',
			csv: supportTickets.pathname,
			dataFile: file,
			map: [mapping],
			operator: 'ana',
			now,
		});
		for (const entity of ['customer', 'ticket', 'feedback']) expect(count(entity, again).slice(0, 2)).toEqual([0, 0]);
	}, 30_000);
});

describe('dates as real exports write them (issue 13)', () => {
	const importTickets = async (text: string, dates?: string) => {
		const file = await csv('tickets.csv', text);
		const mapping = await csv(
			'tickets.json',
			JSON.stringify({
				entity: 'tickets',
				id: 'id',
				...(dates ? {dates} : {}),
				columns: {subject: 'subject', opened: 'createdAt', answered: 'firstResponseAt'},
			}),
		);
		return runImport({entity: 'tickets', csv: file, dataFile, map: [mapping], operator: 'ana', now});
	};
	const tickets = async () => (await CrmStore.open(dataFile)).data.tickets;

	test('seconds and milliseconds are kept, through the import to the stored record', async () => {
		await importTickets(
			'id,subject,opened,answered\nT1,Printer,2018-01-02 10:00:59,2018-01-02 10:05:00.250\n',
			'YYYY-MM-DD HH:mm',
		);
		expect(await tickets()).toMatchObject([
			{externalId: 'T1', createdAt: '2018-01-02T10:00:59.000Z', firstResponseAt: '2018-01-02T10:05:00.250Z'},
		]);
	});

	test('auto: a column whose later row has a day over 12 is read day first throughout', async () => {
		await importTickets('id,subject,opened,answered\nT1,Printer,3/4/2017 9:00,\nT2,Screen,25/4/2017 10:30:15,\n');
		expect((await tickets()).map((ticket) => ticket.createdAt)).toEqual([
			'2017-04-03T09:00:00.000Z',
			'2017-04-25T10:30:15.000Z',
		]);
	});

	test('auto: a column that reads both ways is refused before any row, naming the line and both readings; nothing is saved', async () => {
		const before = await readFile(dataFile);
		const error = await importTickets('id,subject,opened,answered\nT1,Printer,3/4/2017,\nT2,Screen,5/6/2017,\n').catch(
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(ImportError);
		expect((error as Error).message).toMatch(
			/tickets\.csv: Nothing was imported: the dates in opened read both ways: line 2 “3\/4\/2017” is 4 March 2017 month first or 3 April 2017 day first/,
		);
		expect((await readFile(dataFile)).equals(before)).toBe(true);
	});

	test('--dates declares the format for every date column, a mapping file’s too; an unknown one is a usage mistake', async () => {
		const file = await csv('tickets.csv', 'id,subject,opened,answered\nT1,Printer,3/4/2017,\n');
		await runImport({
			entity: 'tickets',
			csv: file,
			dataFile,
			map: ['subject=subject', 'opened=createdAt'],
			idColumn: 'id',
			dates: 'D/M/YYYY',
			operator: 'ana',
			now,
		});
		expect((await tickets())[0]!.createdAt).toBe('2017-04-03T00:00:00.000Z');
		const error = await runImport({
			entity: 'tickets',
			csv: file,
			dataFile,
			map: ['subject=subject'],
			idColumn: 'id',
			dates: 'DD/MM/YY',
			operator: 'ana',
			now,
		}).catch((caught: unknown) => caught);
		expect(error).toMatchObject({
			exitCode: 2,
			message: expect.stringMatching(/^--dates DD\/MM\/YY is not a date format: use one of auto, M\/D\/YYYY/),
		});
	});

	test('a declared order reads the same column without asking; an Excel serial column with "excel"', async () => {
		await importTickets('id,subject,opened,answered\nT1,Printer,3/4/2017,\n', 'D/M/YYYY');
		expect((await tickets())[0]!.createdAt).toBe('2017-04-03T00:00:00.000Z');
		await importTickets('id,subject,opened,answered\nT2,Screen,43466.5,43466.75\n', 'excel');
		expect((await tickets())[1]).toMatchObject({
			createdAt: '2019-01-01T12:00:00.000Z',
			firstResponseAt: '2019-01-01T18:00:00.000Z',
		});
	});
});

describe('defaults fill only what a new record lacks (issue 13)', () => {
	const leads = 'Deal ID,Product,Account,Rep\nD1,GTX Pro,Acme,Moses\nD2,MG Special,Acme,Dana\n';
	const wins = 'Deal ID,Stage,Value,Closed\nD1,Won,1250,3/1/2017\n';
	const mappingOf = async (name: string, mapping: Record<string, unknown>) =>
		csv(name, JSON.stringify({entity: 'opportunities', id: 'Deal ID', dates: 'M/D/YYYY', ...mapping}));
	const leadsMapping = () =>
		mappingOf('leads.json', {
			columns: {Product: 'product', Rep: 'owner'},
			templates: {title: '{Product} for {Account}'},
			defaults: {stage: 'prospecting', amount: 0},
			customer: {column: 'Account', by: 'name'},
		});
	const winsMapping = () =>
		mappingOf('wins.json', {
			columns: {Stage: 'stage', Value: 'amount', Closed: 'closedAt'},
			values: {stage: {Won: 'won'}},
		});
	const run = async (file: string, mapping: string) =>
		runImport({entity: 'opportunities', csv: file, dataFile, map: [mapping], operator: 'ana', now});
	const deals = async (): Promise<Record<string, Opportunity>> =>
		Object.fromEntries((await CrmStore.open(dataFile)).data.opportunities.map((deal) => [deal.externalId, deal]));

	test('leads, then wins, then the leads again: the won deal stays won with its revenue; the file again right after itself changes nothing', async () => {
		const leadsFile = await csv('leads.csv', leads);
		const winsFile = await csv('wins.csv', wins);
		expect(await run(leadsFile, await leadsMapping())).toContain('2 created');
		expect(await run(winsFile, await winsMapping())).toContain('0 created, 1 updated');
		expect(await run(leadsFile, await leadsMapping())).toContain('0 created, 0 updated, 2 unchanged');
		const bytes = await readFile(dataFile, 'utf8');
		expect(await run(leadsFile, await leadsMapping())).toContain('0 created, 0 updated, 2 unchanged');
		expect(await readFile(dataFile, 'utf8')).toBe(bytes);
		const {D1, D2} = await deals();
		expect(D1).toMatchObject({
			stage: 'won',
			amount: 1250,
			probability: 1,
			closedAt: '2017-03-01T00:00:00.000Z',
			owner: 'Moses',
		});
		expect(D2).toMatchObject({stage: 'prospecting', amount: 0});
	});

	test('"set" writes its value on every row, new record or not', async () => {
		const leadsFile = await csv('leads.csv', leads);
		await run(leadsFile, await leadsMapping());
		expect(
			await run(leadsFile, await mappingOf('owner.json', {columns: {Product: 'product'}, set: {owner: 'Team East'}})),
		).toContain('0 created, 2 updated');
		expect(Object.values(await deals()).map((deal) => deal.owner)).toEqual(['Team East', 'Team East']);
	});

	test('a deal import without a stage column takes the default stage and its probability', async () => {
		const file = await csv('plain.csv', 'Deal ID,Title,Value\nD9,Plain deal,500\n');
		expect(await run(file, await mappingOf('plain.json', {columns: {Title: 'title', Value: 'amount'}}))).toContain(
			'1 created, 0 updated, 0 unchanged, 0 rejected',
		);
		expect((await deals())['D9']).toMatchObject({stage: 'prospecting', probability: 0.1});
	});

	test('a deal closed before it was created is a warning', async () => {
		const file = await csv('odd.csv', 'Deal ID,Title,Stage,Opened,Closed\nD7,Odd,Won,3/1/2017,2/1/2017\n');
		const summary = await run(
			file,
			await mappingOf('odd.json', {
				columns: {Title: 'title', Stage: 'stage', Opened: 'createdAt', Closed: 'closedAt'},
				values: {stage: {Won: 'won'}},
			}),
		);
		expect(summary).toMatch(/1 × opportunity: closed before it was created \(line 2\)/);
	});
});

describe('a mapping that does not fit the file is refused before any row is read (issue 13)', () => {
	const deals = 'Deal ID,Title,Stage\nD1,One,Won\n';
	const refusal = async (mapping: string | string[], options: {idColumn?: string} = {}) => {
		const before = await readFile(dataFile);
		const error = await runImport({
			entity: 'opportunities',
			csv: await csv('deals.csv', deals),
			dataFile,
			map: Array.isArray(mapping) ? mapping : [mapping],
			operator: 'ana',
			now,
			...options,
		}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ImportError);
		expect((await readFile(dataFile)).equals(before)).toBe(true);
		return (error as Error).message;
	};
	const mappingFile = (text: string) => csv('fit.json', text);

	test('an unknown field: the mapping line, and the fields there are', async () => {
		const message = await refusal(
			await mappingFile(
				'{\n  "entity": "opportunities",\n  "id": "Deal ID",\n  "columns": {\n    "Title": "titel"\n  }\n}\n',
			),
		);
		expect(message).toMatch(
			/The mapping .*fit\.json, line 5: titel is not a field of opportunities\. The fields are: externalId, .*title/,
		);
	});

	test('a column the file lacks: the mapping line, and the columns the file has', async () => {
		const message = await refusal(
			await mappingFile(
				'{"targets": [\n {"entity": "opportunities", "id": "Deal ID",\n  "columns": {"Title": "title",\n   "Close Date": "closedAt"}}\n]}\n',
			),
		);
		expect(message).toMatch(
			/fit\.json, line 4: .*deals\.csv has no column “Close Date”\. Its columns are: “Deal ID”, “Title”, “Stage”\./,
		);
	});

	test('a default of a field that does not exist, and crm’s own fields', async () => {
		expect(
			await refusal(await mappingFile('{"entity": "opportunities", "id": "Deal ID",\n "defaults": {"revenue": 0}}')),
		).toMatch(/line 2: revenue is not a field of opportunities/);
		expect(
			await refusal(await mappingFile('{"entity": "opportunities", "id": "Deal ID", "columns": {"Stage": "version"}}')),
		).toMatch(/version is crm's own field and is never imported/);
	});

	test('--id naming a missing column is one error, not a reject per row; --map of an unknown field names the argument', async () => {
		expect(await refusal(['Title=title'], {idColumn: 'Deal'})).toMatch(
			/^--id Deal: .*deals\.csv has no column “Deal”\. Its columns are: “Deal ID”, “Title”, “Stage”\.$/,
		);
		expect(await refusal(['Title=titel'], {idColumn: 'Deal ID'})).toMatch(
			/^--map "Title=titel": titel is not a field of opportunities/,
		);
	});
});

describe('rows rejected in words, and a dry run that writes nothing (issue 13)', () => {
	test('a missing or mistyped value is said in words, not the schema library’s', async () => {
		const file = await csv('people.csv', 'externalId,name,email\nP1,,a@b.io\nP2,Bo,not-an-email\n');
		const summary = await runImport({entity: 'customers', csv: file, dataFile, operator: 'ana', now}).catch(
			(error: Error) => error.message,
		);
		const rejects = await readFile(join(directory, 'people.rejects.csv'), 'utf8');
		expect(summary).toContain('2 rejected');
		expect(rejects).not.toMatch(/Invalid input|expected string, received/);
		expect(rejects).toMatch(/name is (missing|empty)/);
	});

	test('--dry-run writes no rejects file, and says where it would go', async () => {
		const file = await csv('people.csv', 'externalId,name,email\nP1,,a@b.io\n');
		const summary = await runImport({entity: 'customers', csv: file, dataFile, operator: 'ana', now, dryRun: true});
		expect(summary).toContain(
			`Rejected rows, with their line and reason, would go to: ${join(directory, 'people.rejects.csv')}`,
		);
		await expect(readFile(join(directory, 'people.rejects.csv'))).rejects.toThrow(/ENOENT/);
	});
});
