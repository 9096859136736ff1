import {readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {currentSchemaVersion, storedEntities} from '../../source/domain/dataset.js';
import {sealed} from '../../source/domain/record-seal.js';
import {DataFileError} from '../../source/store/data-file-error.js';
import {resolveDataPath} from '../../source/store/data-path.js';
import {JsonFileStore as CrmStore} from '../../source/store/json-file-store.js';
import {customer, datasetOf, smallDemo} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

let directory: string;
beforeEach(async () => {
	directory = tempFolder('store');
});
afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

/** Opens a file holding `text` and returns the error, checking the bytes stayed as they were. */
const openBad = async (text: string): Promise<DataFileError> => {
	const file = join(directory, 'bad.json');
	await writeFile(file, text);
	const error = await CrmStore.open(file).then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(DataFileError);
	expect(await readFile(file, 'utf8')).toBe(text);
	expect((error as DataFileError).message).toContain(file);
	expect((error as DataFileError).exitCode).toBe(2);
	return error as DataFileError;
};

describe('CrmStore', () => {
	test('a missing file opens as an empty CRM and is not created until the first save', async () => {
		const file = join(directory, 'nested', 'crm.json');
		const store = await CrmStore.open(file);
		expect(store.existed).toBe(false);
		expect(store.data.customers).toEqual([]);
		await expect(stat(file)).rejects.toThrow();
		await store.save();
		expect((await stat(file)).mode & 0o777).toBe(0o600);
	});

	test('saved data loads back identically, with a schemaVersion', async () => {
		const file = join(directory, 'crm.json');
		const data = smallDemo();
		await CrmStore.create(file, data);
		const reopened = await CrmStore.open(file);
		// Every record as it was, with the seals and the audit head crm keeps beside them.
		expect(reopened.data).toEqual(sealed(data));
		for (const entity of storedEntities) expect(reopened.data[entity]).toEqual(data[entity]);
		expect(JSON.parse(await readFile(file, 'utf8')).schemaVersion).toBe(currentSchemaVersion);
	});

	test('a save replaces the file whole and leaves no temporary file behind', async () => {
		const file = join(directory, 'crm.json');
		await CrmStore.create(file, datasetOf({customers: [customer({name: 'Before'})]}));
		const before = await stat(file);
		const store = await CrmStore.open(file);
		store.data.customers[0]!.name = 'After';
		await store.save();
		expect((await stat(file)).ino).not.toBe(before.ino);
		// No temporary file is left; the file as it was is kept as a backup (the old inode, linked).
		expect(await readdir(directory)).toEqual(['crm.backups', 'crm.json', 'crm.json.checked']);
		const [backup] = await readdir(join(directory, 'crm.backups'));
		expect((await stat(join(directory, 'crm.backups', backup!))).ino).toBe(before.ino);
		expect((await CrmStore.open(file)).data.customers[0]!.name).toBe('After');
	});

	test('truncated JSON is reported as such', async () => {
		const text = JSON.stringify(smallDemo(), null, 2);
		const error = await openBad(text.slice(0, text.length / 2));
		expect(error.problem).toMatch(/truncated|ends too early/);
	});

	test('a JSON syntax error names the line and column', async () => {
		const error = await openBad('{\n  "schemaVersion": 1,\n  "customers": [}\n');
		expect(error.problem).toMatch(/line 3, column \d+/);
	});

	test('text that is not JSON at all is not mistaken for a truncated file', async () => {
		const error = await openBad('bogus');
		expect(error.problem).toContain('not valid JSON at line 1, column 1');
	});

	test('an empty file is an error, not an empty CRM', async () => {
		const error = await openBad('');
		expect(error.problem).toContain('empty');
	});

	test('a record with a wrong type names the entity, id, position and field', async () => {
		const data = smallDemo();
		const target = data.opportunities[7]!;
		const broken = JSON.parse(JSON.stringify(data));
		broken.opportunities[7].amount = '12,000';
		const error = await openBad(JSON.stringify(broken, null, 2));
		expect(error.problem).toContain(`opportunity ${target.id} (number 8 in opportunities)`);
		expect(error.problem).toContain('field "amount"');
		expect(error.problem).toContain('"12,000"');
		expect(error.message).not.toMatch(/\n\s+at /);
	});

	test('a record without an id is named by its position', async () => {
		const error = await openBad(JSON.stringify(datasetOf({tickets: [{subject: 'x'}] as never})));
		expect(error.problem).toContain('ticket number 1 in tickets');
	});

	test.each([
		['a missing required field', (c: Record<string, unknown>) => delete c['name'], 'field "name" is missing'],
		[
			'an invalid email',
			(c: Record<string, unknown>) => (c['email'] = 'ana@'),
			'field "email" must be an email address',
		],
		[
			'an unknown status',
			(c: Record<string, unknown>) => (c['status'] = 'vip'),
			'field "status" must be one of lead, active, churned',
		],
		[
			'a churned customer without churnedAt',
			(c: Record<string, unknown>) => (c['status'] = 'churned'),
			'field "churnedAt" must be set for a churned customer',
		],
		[
			'a malformed timestamp',
			(c: Record<string, unknown>) => (c['createdAt'] = '01/02/2026'),
			'field "createdAt" must be a date-time',
		],
	])('%s is named in words', async (_, breakIt, expected) => {
		const record = customer() as unknown as Record<string, unknown>;
		breakIt(record);
		const error = await openBad(JSON.stringify(datasetOf({customers: [record] as never})));
		expect(error.problem).toContain(expected);
	});

	test('several bad records: the first is named and the rest are counted', async () => {
		const error = await openBad(
			JSON.stringify(datasetOf({customers: [customer({name: ''}), customer({email: 'x'}), customer({email: 'y'})]})),
		);
		expect(error.problem).toContain('2 more records have problems');
	});

	test('repeated ids are refused', async () => {
		const one = customer();
		const error = await openBad(JSON.stringify(datasetOf({customers: [one, {...one}]})));
		expect(error.problem).toContain('repeats the id');
	});

	test('a newer schemaVersion is refused with an upgrade hint', async () => {
		const error = await openBad(JSON.stringify({...datasetOf({}), schemaVersion: 99}));
		expect(error.message).toContain('newer crm-console');
	});

	test.each([
		['[]', 'JSON object'],
		['{"customers": []}', 'schemaVersion'],
		['{"schemaVersion": 1, "customers": {}}', '"customers"'],
	])('a wrong top level (%s) is named', async (text, expected) => {
		const error = await openBad(text);
		expect(error.problem).toContain(expected);
	});
});

describe('resolveDataPath', () => {
	test('--data wins over CRM_DATA, which wins over the XDG default', () => {
		expect(resolveDataPath('/a.json', {CRM_DATA: '/b.json'})).toBe('/a.json');
		expect(resolveDataPath(undefined, {CRM_DATA: '/b.json'})).toBe('/b.json');
		expect(resolveDataPath(undefined, {XDG_DATA_HOME: '/xdg'})).toBe('/xdg/crm-console/crm.json');
	});
});

test('a small file is written indented for people; a large one compact, for speed', async () => {
	const folder = tempFolder('format');
	const small = join(folder, 'small.json');
	const large = join(folder, 'large.json');
	await CrmStore.create(small, datasetOf({customers: [customer({name: 'Ada'})]}));
	await CrmStore.create(
		large,
		datasetOf({customers: Array.from({length: 10_000}, (_, index) => customer({name: `C${index}`}))}),
	);
	expect((await readFile(small, 'utf8')).split('\n').length).toBeGreaterThan(20);
	expect((await readFile(large, 'utf8')).trimEnd().split('\n')).toHaveLength(1);
	expect((await CrmStore.open(large)).data.customers).toHaveLength(10_000);
});
