import {rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {parseDataset} from '../../source/store/dataset-codec.js';
import {checkDataFile} from '../../source/store/file-check.js';
import {tempFolder} from '../support/temp-folder.js';

/**
 * What a data file's message says a field held (issue 12): what was there, in words where JSON
 * cannot say it — never "found null" for 1e400, never "undefined" for a value too deep to write.
 */
const customer = {
	id: 'cus_abcd1234',
	name: 'Ada',
	company: '',
	email: '',
	phone: '',
	owner: '',
	segment: '',
	status: 'active',
	churnedAt: null,
	tags: [],
	notes: '',
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	version: 1,
};
const fileWith = (field: string, raw: string | undefined, top: Record<string, unknown> = {}): string => {
	const record =
		raw === undefined
			? Object.fromEntries(Object.entries(customer).filter(([key]) => key !== field))
			: {...customer, [field]: '__RAW__'};
	return JSON.stringify({
		schemaVersion: 2,
		customers: [record],
		opportunities: [],
		tickets: [],
		feedback: [],
		activities: [],
		changes: [],
		...top,
	}).replace('"__RAW__"', raw ?? '');
};
const messageOf = (text: string): string => {
	try {
		parseDataset('crm.json', text);
	} catch (error) {
		return (error as Error).message;
	}
	return 'loaded';
};
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('the value a field held, as a message says it', () => {
	test.each([
		// [what the field held, field, its JSON text in the file (undefined: left out), what the message says]
		[
			'1e400, read as Infinity',
			'name',
			'1e400',
			'field "name" must be a string (found a number too large to store, which reads as Infinity)',
		],
		[
			'-1e400',
			'name',
			'-1e400',
			'field "name" must be a string (found a number too large to store, which reads as -Infinity)',
		],
		[
			'1e400 where a number belongs',
			'version',
			'1e400',
			'field "version" must be a number (found a number too large to store, which reads as Infinity)',
		],
		[
			'1e400 inside a list and an object',
			'name',
			'[1e400, {"a": 1e400}]',
			'field "name" must be a string (found [Infinity,{"a":Infinity}])',
		],
		['null', 'name', 'null', 'field "name" must be a string (found null)'],
		['the empty text', 'name', '""', 'field "name" must not be empty (found "")'],
		['nothing', 'name', undefined, 'field "name" is missing'],
		[
			'a text of a million characters',
			'name',
			`"${'x'.repeat(1_000_000)}"`,
			`field "name" must be at most 120 characters (found "${'x'.repeat(36)}…)`,
		],
		['lists nested 200,000 deep', 'name', deep(200_000), `field "name" must be a string (found ${'['.repeat(37)}…)`],
		[
			'an object holding them',
			'name',
			`{"a": ${deep(200_000)}}`,
			`field "name" must be a string (found {"a":${'['.repeat(32)}…)`,
		],
	])('%s', (_, field, raw, expected) => {
		expect(messageOf(fileWith(field, raw))).toContain(`customer cus_abcd1234 (number 1 in customers), ${expected}.`);
	});
});

describe('crm doctor on such files: every area says something, never undefined', () => {
	let directory: string;
	beforeAll(async () => {
		directory = tempFolder('messages');
	});
	afterAll(async () => {
		await rm(directory, {recursive: true, force: true});
	});
	const doctor = async (text: string) => {
		const file = join(directory, 'crm.json');
		await writeFile(file, text);
		const findings = await checkDataFile(file);
		for (const finding of findings)
			expect(`${finding.area}: ${finding.summary} ${finding.details.join(' ')}`).not.toMatch(
				/undefined|found null|Infinity is newer/,
			);
		return Object.fromEntries(findings.map((finding) => [finding.area, finding]));
	};

	test('a value nested too deep to write (it printed "Records undefined")', async () => {
		const findings = await doctor(fileWith('tags', `[${deep(200_000)}]`));
		expect(findings['Records']).toMatchObject({ok: false});
		expect(findings['Records']!.details[0]).toContain('field "tags[0]" must be a string (found [[[[');
	});

	test('a schemaVersion of 1e400 is no version, not one newer than this crm', async () => {
		const findings = await doctor(fileWith('name', '"Ada"', {schemaVersion: '__TOP__'}).replace('"__TOP__"', '1e400'));
		expect(findings['Schema']).toMatchObject({
			ok: false,
			summary: 'schemaVersion is not a version number (see Records)',
		});
		expect(findings['Records']!.summary).toBe(
			'the top-level field "schemaVersion" must be a number (found a number too large to store, which reads as Infinity)',
		);
	});

	test('no schemaVersion at all (it said "version undefined: migrated")', async () => {
		const findings = await doctor(JSON.stringify({customers: []}));
		expect(findings['Schema']).toMatchObject({
			ok: false,
			summary: 'no schemaVersion: the file does not say which version it is',
		});
		expect(findings['Records']!.summary).toBe('the top-level field "schemaVersion" is missing');
	});
});
