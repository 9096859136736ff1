import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeEach, describe, expect, test} from 'vitest';
import {runAccess} from '../../source/commands/access.js';
import {runImport} from '../../source/commands/import/run-import.js';
import {accessFieldChanges, may, roleOf, vouchedAccess} from '../../source/domain/access.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

let directory: string;
let file: string;

beforeEach(async () => {
	directory = tempFolder('access');
	file = join(directory, 'crm.json');
	await CrmStore.create(file, datasetOf({customers: [customer({name: 'Acme'})]}));
	await writeFile(
		join(directory, 'crm.config.json'),
		JSON.stringify({access: {operators: {ana: 'admin', sam: 'sales', sue: 'service', vic: 'viewer'}}}),
	);
});

const newCustomer = {kind: 'create' as const, entity: 'customers' as const, values: {name: 'New', status: 'lead'}};
const newTicket = {
	kind: 'create' as const,
	entity: 'tickets' as const,
	values: {subject: 'Help', customerId: '', priority: 'normal', status: 'open', channel: 'email'},
};

describe('roles, enforced in the store', () => {
	test('each role may do what it is for; anyone not listed is a viewer; with no roles set, everyone is admin', () => {
		expect(may('sales', 'delete', 'opportunities')).toBe(true);
		expect(may('sales', 'update', 'tickets')).toBe(false);
		expect(may('service', 'create', 'feedback')).toBe(true);
		expect(may('service', 'delete', 'customers')).toBe(false);
		expect(may('viewer', 'create', 'activities')).toBe(false);
		expect(roleOf({operators: {ana: 'admin'}, defaultRole: 'viewer'}, 'zed')).toBe('viewer');
		expect(roleOf({operators: {}, defaultRole: 'viewer'}, 'zed')).toBe('admin');
	});

	test('a viewer changes nothing, however asked — a change, an undo, a setting — and the file keeps its bytes', async () => {
		const store = await CrmStore.open(file);
		const before = await readFile(file);
		await expect(store.apply([newCustomer], 'vic')).rejects.toThrow('vic (viewer) may not create customers.');
		await expect(store.undo('vic')).rejects.toThrow();
		await expect(
			store.updateSettings(
				{kind: 'target', id: 'win_rate', target: {value: 0.5, direction: 'higher', tolerance: 0}},
				'vic',
			),
		).rejects.toThrow('vic (viewer) may not change settings or roles');
		expect((await readFile(file)).equals(before)).toBe(true);
	});

	test('sales works deals, not tickets; service works tickets, not deals; neither deletes a customer', async () => {
		const store = await CrmStore.open(file);
		await expect(store.apply([newTicket], 'sam')).rejects.toThrow('sam (sales) may not create tickets.');
		await store.apply(
			[
				{
					kind: 'create',
					entity: 'opportunities',
					values: {title: 'Deal', customerId: '', stage: 'prospecting', amount: 10, currency: 'USD', probability: 0.1},
				},
			],
			'sam',
		);
		await store.apply([newTicket], 'sue');
		const acme = store.data.customers[0]!;
		await expect(
			store.apply([{kind: 'delete', entity: 'customers', id: acme.id, version: acme.version}], 'sue'),
		).rejects.toThrow('sue (service) may not delete customers.');
	});

	test('--readonly refuses every change, even an admin’s', async () => {
		const store = await CrmStore.open(file, Date.now, {readonly: true});
		await expect(store.apply([newCustomer], 'ana')).rejects.toThrow('Read-only');
	});

	test('the CLI obeys too: a viewer’s import is refused before anything is written', async () => {
		const csv = join(directory, 'people.csv');
		await writeFile(csv, 'externalId,name,status\nP1,Pia,lead\n');
		await expect(runImport({entity: 'customers', csv, dataFile: file, operator: 'vic'})).rejects.toThrow(
			'vic (viewer) may not create customers.',
		);
		expect(await runImport({entity: 'customers', csv, dataFile: file, operator: 'ana'})).toContain(
			'customer: 1 created',
		);
	});

	test('only an admin changes roles, and never so that no admin is left', async () => {
		await expect(runAccess(file, {action: 'set', operator: 'vic', role: 'admin', as: 'vic'})).rejects.toThrow(
			'vic (viewer) may not change settings or roles',
		);
		expect(await runAccess(file, {action: 'set', operator: 'vic', role: 'sales', as: 'ana'})).toContain(
			'vic is now sales (changed by ana).',
		);
		await expect(runAccess(file, {action: 'set', operator: 'ana', role: 'viewer', as: 'ana'})).rejects.toThrow(
			'that would leave no admin',
		);
		expect(JSON.parse(await readFile(join(directory, 'crm.config.json'), 'utf8')).access.operators).toEqual({
			ana: 'admin',
			sam: 'sales',
			sue: 'service',
			vic: 'sales',
		});
	});
});

describe('the roles the change log vouches for', () => {
	const entry = (
		changes: Array<{field: string; before?: unknown; after: unknown}>,
		operator = 'ana',
		entity = 'access',
	) => ({entity, changes, operator, at: '2026-01-01T00:00:00.000Z'});
	test.each([
		['an empty log', [], null],
		['a log of records only', [entry([{field: 'name', after: 'x'}], 'ana', 'customers')], null],
		[
			'the roles as first found',
			[entry(accessFieldChanges(null, {operators: {ana: 'admin'}, defaultRole: 'viewer'}))],
			{operators: {ana: 'admin'}, defaultRole: 'viewer'},
		],
		[
			'then an operator added: the entry lists the operators only, the role of anyone else comes from before',
			[
				entry(accessFieldChanges(null, {operators: {ana: 'admin'}, defaultRole: 'sales'})),
				entry(
					accessFieldChanges(
						{operators: {ana: 'admin'}, defaultRole: 'sales'},
						{operators: {ana: 'admin', bo: 'viewer'}, defaultRole: 'sales'},
					),
				),
			],
			{operators: {ana: 'admin', bo: 'viewer'}, defaultRole: 'sales'},
		],
		[
			'an entry whose roles do not parse',
			[
				entry([
					{field: 'operators', after: {ana: 'boss'}},
					{field: 'defaultRole', after: 'viewer'},
				]),
			],
			null,
		],
	])('%s', (_, changes, expected) => {
		expect(vouchedAccess(changes)?.access ?? null).toEqual(expected);
	});

	test('an entry lists only what changed', () => {
		expect(
			accessFieldChanges(
				{operators: {ana: 'admin'}, defaultRole: 'viewer'},
				{operators: {ana: 'admin', bo: 'sales'}, defaultRole: 'viewer'},
			).map((change) => change.field),
		).toEqual(['operators']);
		expect(accessFieldChanges(null, {operators: {}, defaultRole: 'viewer'}).map((change) => change.field)).toEqual([
			'operators',
			'defaultRole',
		]);
	});
});
