import {join} from 'node:path';
import stringWidth from 'string-width';
import {beforeAll, describe, expect, test} from 'vitest';
import {recordTables} from '../../source/cli/record-table.js';
import {type ListOptions, runRecordsList, runRecordsShow} from '../../source/commands/records/read-records.js';
import {recordEntityNamed} from '../../source/commands/records/record-entities.js';
import {chooseFormat, type Destination} from '../../source/commands/records/record-output.js';
import {RecordsRefusedError} from '../../source/commands/records/records-error.js';
import type {Customer} from '../../source/domain/customer.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import {DataFileError} from '../../source/store/data-file-error.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';
import {dealOf} from '../support/records.js';
import {tempFolder} from '../support/temp-folder.js';

const customers = recordEntityNamed('customers')!;
const deals = recordEntityNamed('deals')!;

const pipe: Destination = {terminal: false, width: 80, table: recordTables};
const terminal = (width = 80): Destination => ({terminal: true, width, table: recordTables});

let file: string;
let stored: Customer[];
const ada = customer({name: 'Ada Lovelace', owner: 'Ada', tags: ['vip'], email: 'ada@example.com'});
// A name holding a window-title command (ESC … BEL) and a C1 CSI (0x9B), and one a spreadsheet would run.
const hostile = customer({name: 'Evil\u001b]0;pwned\u0007 Corp\u009b', owner: 'Bob'});
const formula = customer({name: '=HYPERLINK("http://x")', owner: 'Bob'});
const chinese = customer({name: '周婷', company: '上海华信贸易有限公司', owner: '王芳', churnedAt: null});
const deal = dealOf({title: 'Renewal', customerId: ada.id, amount: 1200});

beforeAll(async () => {
	file = join(tempFolder('records-output'), 'crm.json');
	await CrmStore.create(file, datasetOf({customers: [ada, hostile, formula, chinese], opportunities: [deal]}));
	stored = (await CrmStore.open(file, Date.now, {readonly: true})).data.customers;
});

const list = (options: Partial<ListOptions> = {}, to: Destination = pipe) =>
	runRecordsList(file, customers, {now: fixedNow, ...options}, to);

describe('the output format', () => {
	test.each([
		[{}, true, 'table'],
		[{}, false, 'json'],
		[{json: true}, true, 'json'],
		[{csv: true}, false, 'csv'],
		[{table: true}, false, 'table'],
		[{json: false}, false, 'json'],
	])('%j, on a terminal %s: %s', (flags, onTerminal, format) => {
		expect(chooseFormat(flags, onTerminal)).toBe(format);
	});

	test('two formats at once are refused (exit 2)', () => {
		expect(() => chooseFormat({json: true, table: true}, true)).toThrow(/--json, --table: choose one output format/);
	});
});

describe('list as JSON', () => {
	test('piped: the stored records whole, byte for byte', async () => {
		const text = await list();
		expect(JSON.parse(text)).toEqual(stored);
		expect(text).toContain('\u009b');
	});

	test('on a terminal: the same data, its C1 controls escaped (still valid JSON)', async () => {
		const text = await list({json: true}, terminal());
		expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		expect(JSON.parse(text)).toEqual(stored);
	});

	test('--fields: only those, in that order; a null stays null', async () => {
		expect(JSON.parse(await list({fields: 'name,churnedAt', where: ['owner=王芳']}))).toEqual([
			{name: '周婷', churnedAt: null},
		]);
	});

	test('the empty list is an empty array', async () => {
		expect(await list({where: ['owner=nobody']})).toBe('[]\n');
	});

	test('the console’s filter, --where, --sort and --limit together', async () => {
		const names = async (options: Partial<ListOptions>) =>
			(JSON.parse(await list(options)) as Customer[]).map((record) => record.name);
		expect(await names({filter: 'vip'})).toEqual(['Ada Lovelace']);
		expect(await names({filter: 'owner:bob', sort: '-name', limit: 1})).toEqual([
			'Evil\u001b]0;pwned\u0007 Corp\u009b',
		]);
		expect(await names({where: ['owner=bob'], sort: 'name'})).toEqual([
			'=HYPERLINK("http://x")',
			'Evil\u001b]0;pwned\u0007 Corp\u009b',
		]);
	});
});

describe('list as CSV', () => {
	test('every field, formulas guarded, Chinese kept; to a pipe the bytes as they are', async () => {
		const text = await list({csv: true});
		expect(text.split('\n')[0]).toMatch(/^id,externalId,createdAt,updatedAt,version,name,company/);
		expect(text).toContain(`'=HYPERLINK(""http://x"")`);
		expect(text).toContain('周婷,上海华信贸易有限公司');
		expect(text).toContain('\u001b]0;pwned');
	});

	test('on a terminal its control characters are written out', async () => {
		const text = await list({csv: true, fields: 'name'}, terminal());
		expect(text).toContain('Evil\\x1b]0;pwned\\x07 Corp\\x9b');
		expect(text).not.toMatch(/[\u001b\u0007\u009b]/);
	});

	test('--fields: those columns; a null field is an empty cell', async () => {
		expect(await list({csv: true, fields: 'name,churnedAt', where: ['owner=王芳']})).toBe('name,churnedAt\n周婷,\n');
	});

	test('the empty list: the header alone', async () => {
		expect(await list({csv: true, fields: 'id,name', where: ['owner=nobody']})).toBe('id,name\n');
	});
});

describe('list as a table', () => {
	test.each([40, 80, 120])(
		'the console’s columns, every line at most %i cells, the data’s controls escaped',
		async (width) => {
			const text = await list({table: true}, terminal(width));
			const lines = text.trimEnd().split('\n');
			expect(lines).toHaveLength(5);
			expect(lines[0]).toMatch(/^Id\s+Name/);
			for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
			expect(text).not.toMatch(/[\u001b\u0007\u009b]/);
			expect(text).toContain('Evil\\x1b');
			expect(text).toContain('周婷');
		},
	);

	test('Chinese takes two cells a character: the columns after it stay in line', async () => {
		const lines = (await list({table: true, fields: 'name,owner'}, terminal())).trimEnd().split('\n');
		const ownerAt = (line: string) => stringWidth(line.slice(0, line.lastIndexOf('  ') + 2));
		expect(new Set(lines.map(ownerAt)).size).toBe(1);
	});

	test('--fields: those fields as columns, a null one blank', async () => {
		expect(await list({table: true, fields: 'name,churnedAt', where: ['owner=王芳']}, terminal())).toBe(
			'name   churnedAt\n周婷\n',
		);
	});

	test('the empty list says so', async () => {
		expect(await list({table: true, where: ['owner=nobody']}, terminal())).toBe('No records.\n');
	});

	test('a deal names its customer, as the console’s list does', async () => {
		const text = await runRecordsList(file, deals, {table: true, now: fixedNow}, terminal(120));
		expect(text).toMatch(/Renewal\s+Ada Lovelace/);
	});
});

describe('show', () => {
	const show = (
		ref: string,
		options: {fields?: string; json?: boolean; csv?: boolean; table?: boolean} = {},
		to = pipe,
	) => runRecordsShow(file, customers, ref, options, to);

	test.each([ada.id, 'ada lovelace', '  ADA LOVELACE ', '周婷'])('%j: one object, as stored', async (ref) => {
		const record = JSON.parse(await show(ref)) as Customer;
		expect(stored).toContainEqual(record);
	});

	test('--fields and --csv', async () => {
		expect(await show('周婷', {csv: true, fields: 'name,churnedAt'})).toBe('name,churnedAt\n周婷,\n');
		expect(JSON.parse(await show('周婷', {fields: 'owner'}))).toEqual({owner: '王芳'});
	});

	test('as a table: a field to a line, one line each, controls escaped', async () => {
		const text = await show(hostile.id, {table: true}, terminal(60));
		expect(text).toMatch(/^id\s+cus_/);
		expect(text).toContain('name        Evil\\x1b]0;pwned\\x07 Corp\\x9b');
		expect(text).toMatch(/^churnedAt$/m);
		expect(text.trimEnd().split('\n')).toHaveLength(Object.keys(hostile).length);
	});

	test('not found: refused (exit 1), naming what was looked for', async () => {
		await expect(show('Grace Hopper')).rejects.toMatchObject({
			code: 'not_found',
			exitCode: 1,
			message: 'No customer has the id, external id or name "Grace Hopper".',
		});
	});

	test('in Chinese, the refusal in Chinese words, the table’s empty list too', async () => {
		setLanguage('zh-CN');
		try {
			await expect(show('李雷')).rejects.toThrow('没有 ID、外部 ID 或名称为“李雷”的客户。');
			expect(await list({table: true, where: ['owner=nobody']}, terminal())).toBe('没有记录。\n');
		} finally {
			setLanguage('en');
		}
	});

	test('a deal by its title; a title two deals share is refused with both', async () => {
		const other = join(tempFolder('records-ambiguous'), 'crm.json');
		const twins = [dealOf({title: 'Renewal'}), dealOf({title: 'renewal'})];
		await CrmStore.create(other, datasetOf({opportunities: twins}));
		const refusal = await runRecordsShow(other, deals, 'RENEWAL', {}, pipe).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(RecordsRefusedError);
		expect(refusal).toMatchObject({
			code: 'ambiguous',
			exitCode: 1,
			candidates: twins.map((twin) => ({id: twin.id, name: twin.title})),
		});
		expect((refusal as Error).message).toBe(
			`2 opportunity records are named "RENEWAL": ${twins[0]!.id} (Renewal), ${twins[1]!.id} (renewal). Name one by its id.`,
		);
	});
});

describe('a usage mistake is found before the file is read; a file that is not there is a data-file error', () => {
	const missing = () => join(tempFolder('records-missing'), 'none.json');
	test.each([
		[{fields: 'nope'}, 'unknown_field'],
		[{where: ['nope=1']}, 'unknown_field'],
		[{sort: 'nope'}, 'unknown_field'],
		[{where: ['owner']}, 'bad_option'],
		[{csv: true, json: true}, 'bad_option'],
	])('%j: %s (exit 2)', async (options, code) => {
		await expect(runRecordsList(missing(), customers, options, pipe)).rejects.toMatchObject({code, exitCode: 2});
	});

	test('a missing file (exit 2), not an empty list', async () => {
		const error = await runRecordsList(missing(), customers, {}, pipe).catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(DataFileError);
		expect((error as DataFileError).message).toMatch(/none\.json: it does not exist/);
	});
});
