import {readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runImport} from '../../source/commands/import/run-import.js';
import {controlCharacterProblems} from '../../source/domain/stored-text.js';
import {MutationError} from '../../source/store/mutation-error.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

const title = '\u001B]0;pwned\u0007';
/** Nothing a refusal says may itself be a control character. */
const printable = (text: string) =>
	expect(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(text), JSON.stringify(text)).toBe(false);

describe('controlCharacterProblems: which values may not be stored', () => {
	test.each([
		['customers', {}, []],
		['customers', {name: '', company: '', notes: '', tags: []}, []],
		['customers', {name: 'Acme', notes: 'Called.\n\tWill call back.'}, []],
		['customers', {name: `Acme${title}`}, ['name']],
		['customers', {name: 'Two\nlines'}, ['name']],
		['customers', {phone: '+44\t20'}, ['phone']],
		['customers', {notes: 'ok\r\nCRLF'}, ['notes']],
		['customers', {tags: ['vip', 'bad\u009B']}, ['tags']],
		['opportunities', {title: 'Deal\u007F', notes: 'line\nline'}, ['title']],
		[
			'tickets',
			{
				subject: 'Help',
				description: 'a\nb\tc',
				comments: [{at: '2026-01-01T00:00:00.000Z', author: 'ana', body: 'multi\nline', kind: 'reply'}],
			},
			[],
		],
		[
			'tickets',
			{comments: [{author: 'ana\u001B[31m', body: `x${title}`, kind: 'note'}]},
			['comments.0.author', 'comments.0.body'],
		],
		['feedback', {comment: 'Great\nservice', tags: []}, []],
		['feedback', {comment: '\u0000'}, ['comment']],
		['activities', {text: 'Met at\nthe fair', operator: 'ana\n'}, ['operator']],
		['customers', {externalId: 'A-1\u001B'}, ['externalId']],
		['customers', {externalId: null, version: 3}, []],
	] as const)('%s %j → %j', (entity, record, fields) => {
		const problems = controlCharacterProblems(entity, record);
		expect(problems.map((problem) => problem.field)).toEqual(fields);
		for (const problem of problems) printable(problem.message);
	});

	test('against the stored record, only what changes is checked: old text stays, new text must be clean', () => {
		const before = {name: `Old${title}`, notes: 'fine', tags: ['a\u0007'], comments: [{body: 'old\u009B'}]};
		expect(controlCharacterProblems('customers', {...before, notes: 'changed'}, before)).toEqual([]);
		expect(controlCharacterProblems('customers', {...before, tags: ['a\u0007', 'new']}, before)).toEqual([]);
		expect(
			controlCharacterProblems(
				'tickets',
				{comments: [{body: 'old\u009B'}, {body: 'reply'}]},
				{comments: [{body: 'old\u009B'}]},
			),
		).toEqual([]);
		expect(
			controlCharacterProblems('customers', {...before, notes: 'new\u0007'}, before).map((problem) => problem.field),
		).toEqual(['notes']);
		expect(
			controlCharacterProblems('customers', {...before, name: `Changed${title}`}, before).map(
				(problem) => problem.field,
			),
		).toEqual(['name']);
		expect(
			controlCharacterProblems(
				'tickets',
				{comments: [{body: 'old\u009B'}, {body: 'new\u009B'}]},
				{comments: [{body: 'old\u009B'}]},
			).map((problem) => problem.field),
		).toEqual(['comments.1.body']);
	});
});

describe('the store refuses control characters in what a change writes', () => {
	let directory: string;
	let file: string;
	beforeEach(async () => {
		directory = tempFolder('text');
		file = join(directory, 'crm.json');
	});
	afterEach(async () => {
		await rm(directory, {recursive: true, force: true});
	});

	test.each([
		['a name', {name: `Acme${title}`}, 'name'],
		['a single-line field with a newline', {name: 'Acme', company: 'Two\nlines'}, 'company'],
		['a C1 CSI in a phone note', {name: 'Acme', notes: 'call \u009B2J'}, 'notes'],
		['a tag', {name: 'Acme', tags: ['\u001B[31mred']}, 'tags'],
	])('%s: refused by field, nothing written', async (_, values, field) => {
		const store = await CrmStore.create(file, datasetOf({}));
		const bytes = await readFile(file, 'utf8');
		const error = (await store
			.apply([{kind: 'create', entity: 'customers', values: {status: 'lead', ...values}}], 'ana')
			.catch((caught: unknown) => caught)) as MutationError;
		expect(error).toBeInstanceOf(MutationError);
		expect(error.issues[0]!.field).toBe(field);
		expect(error.message).toMatch(
			new RegExp(`^The customer was not saved: ${field} holds the control character \\\\x[0-9a-f]{2} at position \\d+`),
		);
		printable(error.message);
		expect(await readFile(file, 'utf8')).toBe(bytes);
		expect(store.data.customers).toEqual([]);
	});

	test('a record stored before the check loads, and its other fields change; its old text stays as it was', async () => {
		const legacy = customer({name: `Legacy${title}`, notes: 'note\u009B'});
		await writeFile(file, JSON.stringify(datasetOf({customers: [legacy]})));
		const store = await CrmStore.open(file);
		expect(store.data.customers[0]!.name).toBe(`Legacy${title}`);
		const {records} = await store.apply(
			[
				{
					kind: 'update',
					entity: 'customers',
					id: legacy.id,
					version: 1,
					values: {...legacy, phone: '+44 20 7946 0018'},
				},
			],
			'ana',
		);
		expect(records[0]).toMatchObject({
			name: `Legacy${title}`,
			notes: 'note\u009B',
			phone: '+44 20 7946 0018',
			version: 2,
		});
		// Writing new control characters into it is refused like anywhere else.
		const error = (await store
			.apply(
				[{kind: 'update', entity: 'customers', id: legacy.id, version: 2, values: {notes: 'note\u009B and \u0007'}}],
				'ana',
			)
			.catch((caught: unknown) => caught)) as MutationError;
		expect(error).toBeInstanceOf(MutationError);
		expect(error.issues[0]!.field).toBe('notes');
		// Deleting it and undoing that brings it back exactly as it was stored.
		await store.apply([{kind: 'delete', entity: 'customers', id: legacy.id, version: 2}], 'ana');
		await store.undo('ana');
		expect(store.data.customers[0]).toMatchObject({id: legacy.id, name: `Legacy${title}`, notes: 'note\u009B'});
	});

	test('a reply to a ticket whose old comment holds one is saved; a reply holding one is refused', async () => {
		const owner = customer();
		const ticket = {
			id: 'tkt_legacy01',
			externalId: null,
			customerId: owner.id,
			subject: 'Printer',
			description: '',
			priority: 'normal',
			status: 'open',
			channel: 'email',
			product: '',
			owner: '',
			dueAt: '2026-01-04T00:00:00.000Z',
			firstResponseAt: null,
			resolvedAt: null,
			comments: [{at: '2026-01-01T00:00:00.000Z', author: 'bo', body: `old ${title}`, kind: 'note'}],
			tags: [],
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-01-01T00:00:00.000Z',
			version: 1,
		};
		await writeFile(file, JSON.stringify({...datasetOf({customers: [owner]}), tickets: [ticket]}));
		const store = await CrmStore.open(file);
		const reply = (body: string, version: number) =>
			store.apply(
				[
					{
						kind: 'update',
						entity: 'tickets',
						id: ticket.id,
						version,
						values: {
							comments: [
								...store.data.tickets[0]!.comments,
								{at: '2026-01-02T00:00:00.000Z', author: 'ana', body, kind: 'reply'},
							],
						},
					},
				],
				'ana',
			);
		await reply('On it.\nBack tomorrow.', 1);
		const error = (await reply('again \u009B', 2).catch((caught: unknown) => caught)) as MutationError;
		expect(error.issues[0]!.field).toBe('comments.2.body');
	});
});

describe('an import rejects a row whose text holds a control character, with its line and field', () => {
	let directory: string;
	let dataFile: string;
	beforeEach(async () => {
		directory = tempFolder('text-import');
		dataFile = join(directory, 'crm.json');
		await CrmStore.create(dataFile, datasetOf({}));
	});
	afterEach(async () => {
		await rm(directory, {recursive: true, force: true});
	});

	test('the hostile rows are rejected, the clean ones (a multi-line note included) imported', async () => {
		const csv = join(directory, 'customers.csv');
		await writeFile(
			csv,
			`externalId,name,status,notes\nC1,Clean,lead,"two\nlines"\nC2,Evil${title},lead,\nC3,Fine,lead,"bell\u0007"\nC4,Tab\there,lead,\n`,
		);
		const output = await runImport({
			entity: 'customers',
			csv,
			dataFile,
			operator: 'ana',
			now: Date.parse('2026-06-01T00:00:00Z'),
		});
		const store = await CrmStore.open(dataFile);
		expect(store.data.customers.map((record) => [record.name, record.notes])).toEqual([['Clean', 'two\nlines']]);
		expect(output).toContain('3 rejected');
		const rejects = await readFile(join(directory, 'customers.rejects.csv'), 'utf8');
		// Lines: the header is 1, C1 spans 2–3.
		expect(rejects).toMatch(/4\b.*name holds the control character \\x1b at position 5/);
		expect(rejects).toMatch(/5\b.*notes holds the control character \\x07 at position 5/);
		expect(rejects).toMatch(/6\b.*name holds the control character \\x09 at position 4/);
	});
});
