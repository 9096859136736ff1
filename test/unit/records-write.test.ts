import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeEach, describe, expect, test} from 'vitest';
import {recordTables} from '../../source/cli/record-table.js';
import {checkFieldNames, readSetPairs, readStdinObject, recordValues} from '../../source/cli/record-values.js';
import {recordEntityNamed} from '../../source/commands/records/record-entities.js';
import {RecordsRefusedError} from '../../source/commands/records/records-error.js';
import {
	runRecordsAdd,
	runRecordsDelete,
	runRecordsUpdate,
	runUndo,
	type WriteEntity,
	type WriteOptions,
} from '../../source/commands/records/write-records.js';
import type {AnyStoredRecord} from '../../source/domain/dataset.js';
import {defaultSettings} from '../../source/domain/settings.js';
import {ticketSchema} from '../../source/domain/ticket.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

/**
 * Issue 21, slice 2: records changed by command. The fields as typed in the console's forms become
 * values by the forms' own reading; each refusal is exit 1 (2 for a usage mistake) in words naming
 * the field or the record, and leaves the data file's bytes as they were.
 */
const acme = customer({id: 'cus_acme000001', name: 'Acme'});
const twins = [customer({id: 'cus_twin000001', name: 'Twin'}), customer({id: 'cus_twin000002', name: 'twin '})];
const signIn = ticketSchema.parse({
	id: 'tkt_signin0001',
	externalId: null,
	createdAt: '2026-05-01T00:00:00.000Z',
	updatedAt: '2026-05-01T00:00:00.000Z',
	version: 1,
	customerId: 'cus_acme000001',
	subject: 'Sign-in fails',
	priority: 'high',
	status: 'resolved',
	dueAt: '2026-05-02T00:00:00.000Z',
});
const data = datasetOf({customers: [acme, ...twins], tickets: [signIn]});
const settings = defaultSettings();

const valuesOf = (entity: WriteEntity, given: Record<string, unknown>, base?: AnyStoredRecord) =>
	recordValues({entity, given, data, settings, now: fixedNow, operator: 'ana', base});

/** A refusal as a script reads it: its exit code, its code, and its words. */
const refusalOf = (work: () => unknown): string => {
	try {
		work();
	} catch (error) {
		if (error instanceof RecordsRefusedError) return `${error.exitCode} ${error.code} ${error.message}`;
		throw error;
	}
	return 'accepted';
};

describe('the fields as typed become values by the form', () => {
	test.each([
		['a name and the form’s defaults', 'customers', {name: 'Beta'}, {name: 'Beta', status: 'lead', owner: 'ana'}],
		['tags as typed, blanks dropped', 'customers', {name: 'B', tags: 'vip, , east'}, {tags: ['vip', 'east']}],
		['tags from JSON', 'customers', {name: 'B', tags: ['vip']}, {tags: ['vip']}],
		['the empty tags', 'customers', {name: 'B', tags: ''}, {tags: []}],
		['null is blank', 'customers', {name: 'B', segment: null}, {segment: ''}],
		['an enum by its option', 'customers', {name: 'B', status: 'active'}, {status: 'active'}],
		[
			'an option as the list has it',
			'customers',
			{name: 'B', status: 'Active', segment: ''},
			{status: 'active', segment: ''},
		],
		['a numeric option from JSON', 'feedback', {customerId: 'Acme', rating: 4, nps: null}, {rating: 4, nps: null}],
		[
			'an amount with separators, a date +3d, a customer by name',
			'opportunities',
			{title: 'T', customerId: 'acme', amount: '12,500.50', expectedCloseAt: '+3d'},
			{customerId: 'cus_acme000001', amount: 12500.5, expectedCloseAt: '2026-06-04T00:00:00.000Z'},
		],
		[
			'a JSON number where the schema holds one (a probability of 0.4 is 40%)',
			'opportunities',
			{title: 'T', customerId: 'cus_acme000001', amount: 100, probability: 0.4},
			{amount: 100, probability: 0.4},
		],
		[
			'a blank probability follows the stage',
			'opportunities',
			{title: 'T', customerId: 'Acme', amount: '0', probability: '', stage: 'proposal'},
			{probability: 0.5},
		],
		['a date today', 'campaigns', {name: 'C', startAt: 'today'}, {startAt: '2026-06-01T00:00:00.000Z'}],
		[
			'an activity names its customer',
			'activities',
			{customerId: 'Acme', text: 'Called'},
			{customerId: 'cus_acme000001', operator: 'ana', kind: 'note'},
		],
		[
			'a follow-up takes its due date',
			'activities',
			{customerId: 'Acme', text: 'Call back', kind: 'follow_up', dueAt: '+3d', at: 'today'},
			{kind: 'follow_up', dueAt: '2026-06-04T00:00:00.000Z'},
		],
		[
			'a due date without a kind makes a follow-up, the one kind with a due date',
			'activities',
			{customerId: 'Acme', text: 'Call back', dueAt: '+3d'},
			{kind: 'follow_up', dueAt: '2026-06-04T00:00:00.000Z'},
		],
		[
			'a follow-up of a ticket, named by its subject: the ticket’s customer’s',
			'activities',
			{ticketId: 'Sign-in fails', text: 'Check it still works', dueAt: '+2d'},
			{ticketId: 'tkt_signin0001', customerId: 'cus_acme000001', kind: 'follow_up'},
		],
		[
			'a feedback on a ticket',
			'feedback',
			{ticketId: 'tkt_signin0001', rating: '5'},
			{ticketId: 'tkt_signin0001', customerId: 'cus_acme000001', rating: 5},
		],
		[
			'a blank ticket is none',
			'feedback',
			{customerId: 'Acme', ticketId: '', rating: '3'},
			{ticketId: null, customerId: 'cus_acme000001'},
		],
		[
			'a lost deal takes its reason',
			'opportunities',
			{title: 'T', customerId: 'Acme', amount: '1', stage: 'lost', lostReason: 'Price'},
			{stage: 'lost', lostReason: 'price'},
		],
		[
			'an order’s lines from JSON',
			'orders',
			{customerId: 'Acme', lines: ['2 x Seat @ 100']},
			{lines: [expect.objectContaining({quantity: 2, unitPrice: 100})]},
		],
	])('%s', (_, entity, given, expected) => {
		expect(valuesOf(entity as WriteEntity, given)).toMatchObject(expected);
	});

	test('an update writes only the fields given', () => {
		expect(valuesOf('customers', {status: 'churned'}, acme)).toEqual({status: 'churned'});
		expect(valuesOf('customers', {tags: null}, acme)).toEqual({tags: []});
	});
});

describe('what is refused before anything is saved', () => {
	test.each([
		[
			'an unknown field',
			'customers',
			{bogus: '1'},
			/^2 unknown_field bogus: there is no such field\. The fields are name, company/,
		],
		['the empty name', 'customers', {name: ''}, /^1 refused name: /],
		['a date tomorrowish', 'campaigns', {name: 'C', startAt: 'tomorrowish'}, /^1 refused startAt: /],
		[
			'an amount abc',
			'opportunities',
			{title: 'T', customerId: 'Acme', amount: 'abc'},
			/^1 refused amount: must be an amount/,
		],
		['an enum not offered', 'customers', {name: 'B', status: 'sleepy'}, /^1 refused status: .*lead, .*active/],
		[
			'a reason not in the settings',
			'opportunities',
			{title: 'T', customerId: 'Acme', amount: '1', stage: 'lost', lostReason: 'Moon'},
			/^1 refused lostReason: must be one of price, competitor/,
		],
		['a rating of 6', 'feedback', {customerId: 'Acme', rating: 6}, /^1 refused rating: /],
		[
			'an ambiguous customer, with its candidates',
			'opportunities',
			{title: 'T', customerId: 'Twin', amount: '1'},
			/^1 ambiguous customerId: 2 customer records are named "Twin": cus_twin000001 \(Twin\), cus_twin000002/,
		],
		[
			'an unknown customer',
			'tickets',
			{subject: 'S', customerId: 'Nobody'},
			/^1 not_found customerId: No customer has/,
		],
		[
			'a field the form hides with these values',
			'opportunities',
			{title: 'T', customerId: 'Acme', amount: '1', lostReason: 'price'},
			/^1 refused lostReason: not taken with the other values/,
		],
		[
			'a due date of a note',
			'activities',
			{customerId: 'Acme', text: 'Called', kind: 'note', dueAt: 'today'},
			/^1 refused dueAt: /,
		],
		['an unknown ticket', 'activities', {ticketId: 'No such', text: 'x'}, /^1 not_found ticketId: No ticket has/],
		['a number for a text', 'customers', {name: 42}, /^1 refused name: 42 does not fit here/],
		['a list for an enum', 'customers', {name: 'B', status: ['lead']}, /^1 refused status: /],
	])('%s', (_, entity, given, expected) => {
		expect(refusalOf(() => valuesOf(entity as WriteEntity, given))).toMatch(expected);
	});

	test('field names are checked before the file is read', () => {
		expect(refusalOf(() => checkFieldNames('tickets', {subject: 'S', nope: 1}))).toMatch(/^2 unknown_field nope: /);
		expect(refusalOf(() => checkFieldNames('tickets', {}))).toBe('accepted');
	});

	test.each([
		[['name=A', 'notes=a=b'], {name: 'A', notes: 'a=b'}],
		[['name='], {name: ''}],
		[[], {}],
	])('--set %j', (pairs, texts) => {
		expect(readSetPairs(pairs)).toEqual(texts);
	});

	test.each([['name'], ['=x']])('--set %s is a usage mistake', (pair) => {
		expect(refusalOf(() => readSetPairs([pair]))).toMatch(/^2 bad_option --set /);
	});

	test.each([[''], ['null'], ['[1]'], ['"text"'], ['{']])('--stdin %j is a usage mistake', (text) => {
		expect(refusalOf(() => readStdinObject(text))).toMatch(/^2 bad_option --stdin: /);
	});
});

describe('changes by command, over a data file', () => {
	let file: string;
	const to = {terminal: false, width: 80, table: recordTables};
	const named = (word: string) => recordEntityNamed(word)!;
	const as = (operator: string, more: Partial<WriteOptions> = {}) => ({operator, now: fixedNow, ...more});

	beforeEach(async () => {
		const directory = tempFolder('records-write');
		file = join(directory, 'crm.json');
		await CrmStore.create(file, datasetOf({customers: [acme, ...twins], tickets: [signIn]}));
		await writeFile(
			join(directory, 'crm.config.json'),
			JSON.stringify({access: {operators: {ana: 'admin', vic: 'viewer'}}}),
		);
	});

	const refusedAsync = async (work: () => Promise<unknown>): Promise<string> => {
		const before = await readFile(file);
		const outcome = await work().then(
			() => 'accepted',
			(error: unknown) => {
				if (error instanceof RecordsRefusedError) return `${error.exitCode} ${error.code} ${error.message}`;
				throw error;
			},
		);
		expect((await readFile(file)).equals(before), 'the data file keeps its bytes').toBe(true);
		return outcome;
	};

	test.each([
		[
			'an unknown id',
			() => runRecordsDelete(file, {named: named('customers'), options: as('ana'), to}, 'cus_nope'),
			/^1 not_found No customer has the id, external id or name "cus_nope"/,
		],
		[
			'a stale --if-version',
			() =>
				runRecordsUpdate(
					file,
					{named: named('customers'), options: as('ana', {ifVersion: 2}), to},
					'Acme',
					{status: 'lead'},
					recordValues,
				),
			/^1 conflict The customer cus_acme000001 is at version 1, not 2/,
		],
		[
			'a viewer’s role',
			() => runRecordsAdd(file, {named: named('customers'), options: as('vic'), to}, {name: 'New'}, recordValues),
			/^1 refused vic \(viewer\) may not create customers/,
		],
		[
			'--readonly',
			() =>
				runRecordsUpdate(
					file,
					{named: named('customers'), options: as('ana', {readonly: true}), to},
					'Acme',
					{status: 'lead'},
					recordValues,
				),
			/^1 refused .*read-only/i,
		],
		[
			'a wrong value',
			() =>
				runRecordsAdd(
					file,
					{named: named('deals'), options: as('ana'), to},
					{title: 'T', customerId: 'Acme', amount: 'abc'},
					recordValues,
				),
			/^1 refused amount: /,
		],
		[
			'an ambiguous customer',
			() =>
				runRecordsAdd(
					file,
					{named: named('deals'), options: as('ana'), to},
					{title: 'T', customerId: 'twin', amount: '1'},
					recordValues,
				),
			/^1 ambiguous customerId: /,
		],
		[
			'an update with nothing to set',
			() => runRecordsUpdate(file, {named: named('customers'), options: as('ana'), to}, 'Acme', {}, recordValues),
			/^2 bad_option Nothing to change/,
		],
		['nothing to undo', () => runUndo(file, as('ana'), to), /^1 refused Nothing to undo: ana has no change left/],
		[
			'a customer others still name, without --force',
			() => runRecordsDelete(file, {named: named('customers'), options: as('ana'), to}, 'Acme'),
			/^1 refused The customer “Acme” has 1 ticket, 1 still open: deleted, .* --force deletes it anyway/,
		],
	])('%s', async (_, work, expected) => {
		expect(await refusedAsync(work)).toMatch(expected);
	});

	test('with --force the customer goes and its ticket stays, naming it (an orphan, as in the console)', async () => {
		const options = as('ana', {force: true});
		const said = await runRecordsDelete(file, {named: named('customers'), options, to}, 'Acme');
		expect(JSON.parse(said)).toEqual({deleted: acme.id});
		const store = await CrmStore.open(file, Date.now, {readonly: true});
		expect(store.data.customers.map((record) => record.id)).not.toContain(acme.id);
		expect(store.data.tickets).toMatchObject([{id: signIn.id, customerId: acme.id}]);
		await store.close();
	});

	test('added, updated at its version, deleted, and the delete undone: each saved through the store', async () => {
		const customers = {named: named('customers'), options: as('ana'), to};
		const added = JSON.parse(await runRecordsAdd(file, customers, {name: 'Beta', tags: 'x'}, recordValues));
		expect(added).toMatchObject({name: 'Beta', tags: ['x'], version: 1, owner: 'ana'});
		const update = {...customers, options: as('ana', {ifVersion: 1})};
		expect(JSON.parse(await runRecordsUpdate(file, update, added.id, {status: 'active'}, recordValues))).toMatchObject({
			status: 'active',
			version: 2,
		});
		expect(JSON.parse(await runRecordsDelete(file, customers, 'beta'))).toEqual({deleted: added.id});
		expect(await runUndo(file, as('ana'), {...to, terminal: true})).toBe('Undone: delete of “Beta”.\n');
		const store = await CrmStore.open(file, Date.now, {readonly: true});
		expect(store.data.customers.find((record) => record.id === added.id)).toMatchObject({status: 'active'});
		await store.close();
	});
});
