import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import type {Customer} from '../../source/domain/customer.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {DataFile} from '../../source/store/data-file.js';
import {JsonFileStore} from '../../source/store/json-file-store.js';
import {MutationError, StoreClosedError} from '../../source/store/mutation-error.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

// Issue 18, item 2: a bulk change of marked rows, below the console — one save, one batch that u
// undoes whole (or refuses, naming the records changed since), each record checked on its own.
let file: string;
let time: number;
const clock = () => time;
const open = () => CrmStore.open(file, clock);
const names = ['Ada', 'Bo', 'Cy', 'Dee', 'Eve'];

beforeEach(async () => {
	file = join(tempFolder('bulk'), 'crm.json');
	time = Date.parse('2026-03-01T09:00:00.000Z');
	await JsonFileStore.create(file, datasetOf({customers: names.map((name) => customer({name}))}));
});
afterEach(() => {
	vi.restoreAllMocks();
});

const byName = (store: CrmStore, name: string): Customer =>
	store.data.customers.find((record) => record.name === name)!;
/** Sets `values` on the named customers, at the version this store last saw of each. */
/** A file of 600 customers and a bulk change setting `values` on every one of them: more than two slices. */
const manyOnFile = async (values: Record<string, unknown>) => {
	const many = Array.from({length: 600}, (_, index) => customer({name: `Many ${index}`}));
	await JsonFileStore.create(file, datasetOf({customers: many}));
	const mutations: Mutation[] = many.map((record) => ({
		kind: 'update',
		entity: 'customers',
		id: record.id,
		version: record.version,
		values,
	}));
	return {store: await open(), mutations};
};

const setOn = (store: CrmStore, which: string[], values: Record<string, unknown>): Mutation[] =>
	which.map((name) => {
		const record = byName(store, name);
		return {kind: 'update', entity: 'customers', id: record.id, version: record.version, values};
	});

describe('CrmStore.applyEach', () => {
	test('a refused record among accepted ones: the rest saved in one save, as one batch; the refused named with why', async () => {
		const store = await open();
		const other = await open();
		// The operator marked every row before another console changed Bo and deleted Cy.
		const marked = setOn(store, names, {owner: 'Marcus'});
		marked[3] = {...(marked[3] as Extract<Mutation, {kind: 'update'}>), values: {owner: 'Marcus', email: 'dee@'}};
		await other.apply(setOn(other, ['Bo'], {segment: 'smb'}), 'bea');
		const cy = byName(other, 'Cy');
		time += 60_000;
		await other.apply([{kind: 'delete', entity: 'customers', id: cy.id, version: cy.version}], 'bea');
		time += 60_000;
		const saves = vi.spyOn(DataFile.prototype, 'commitChange');
		const result = await store.applyEach(marked, 'ana');
		expect(saves).toHaveBeenCalledTimes(1);
		expect(result.entries.map((entry) => entry.label)).toEqual(['Ada', 'Eve']);
		expect(new Set(result.entries.map((entry) => entry.batch)).size).toBe(1);
		expect(result.entries[0]!.batch).toMatch(/^bat_/);
		expect(result.records.map((record) => (record as Customer).owner)).toEqual(['Marcus', 'Marcus']);
		expect(result.refused.map(({index, label, message}) => ({index, label, message}))).toEqual([
			{
				index: 1,
				label: 'Bo',
				message: 'The customer “Bo” was changed since the change was asked for (version 2, you had 1).',
			},
			{index: 2, label: 'Cy', message: 'The customer “Cy” was deleted by bea at 2026-03-01 09:01 UTC.'},
			{
				index: 3,
				label: 'Dee',
				message: 'The customer was not saved: email must be an email address like ana@example.com.',
			},
		]);
		expect(store.data).toBe(result.dataset);
		const reread = await open();
		expect(reread.data.customers.map((record) => [record.name, record.owner])).toEqual([
			['Ada', 'Marcus'],
			['Bo', ''],
			['Dee', ''],
			['Eve', 'Marcus'],
		]);
	});

	test.each([
		{case: 'no mutations', which: [] as string[]},
		{case: 'every record refused', which: ['Ada', 'Bo']},
	])('$case: nothing is saved, and every refusal is told', async ({which}) => {
		const store = await open();
		const stale = setOn(store, which, {owner: 'Marcus'}).map((mutation) => ({...mutation, version: 7}));
		const bytes = await readFile(file, 'utf8');
		const result = await store.applyEach(stale, 'ana');
		expect(result.entries).toEqual([]);
		expect(result.records).toEqual([]);
		expect(result.refused.map((skipped) => skipped.label)).toEqual(which);
		expect(result.dataset).toBe(store.data);
		expect(await readFile(file, 'utf8')).toBe(bytes);
	});

	test('a role that may not change the entity refuses the whole change, and nothing is saved', async () => {
		const store = await open();
		await store.updateSettings({kind: 'role', operator: 'ana', role: 'admin'}, 'ana');
		await store.updateSettings({kind: 'role', operator: 'vic', role: 'viewer'}, 'ana');
		const count = store.data.changes.length;
		const bulk = store.applyEach(setOn(store, ['Ada', 'Bo'], {owner: 'Vic'}), 'vic');
		await expect(bulk).rejects.toBeInstanceOf(MutationError);
		await expect(bulk).rejects.toThrow('vic (viewer) may not change customers.');
		expect((await open()).data.changes).toHaveLength(count);
	});

	test('a read-only store refuses it', async () => {
		const store = await CrmStore.open(file, clock, {readonly: true});
		await expect(store.applyEach(setOn(store, ['Ada'], {owner: 'Marcus'}), 'ana')).rejects.toThrow(/Read-only/);
	});

	test('a create is not a bulk change', async () => {
		const store = await open();
		await expect(
			store.applyEach([{kind: 'create', entity: 'customers', values: {name: 'Fay', status: 'lead'}}], 'ana'),
		).rejects.toThrow(/updates and deletes only/);
		expect((await open()).data.customers).toHaveLength(5);
	});

	test.each([
		{case: 'none', count: 0, calls: [[0, 0]]},
		{case: 'fewer than a slice', count: 3, calls: [[3, 3]]},
		{
			case: 'several slices',
			count: 600,
			calls: [
				[250, 600],
				[500, 600],
				[600, 600],
			],
		},
	])('progress, $case: told after each slice, counts increasing, ending at the total', async ({count, calls}) => {
		const many = Array.from({length: count}, (_, index) => customer({name: `Many ${index}`}));
		await JsonFileStore.create(file, datasetOf({customers: many}));
		const store = await open();
		const told: number[][] = [];
		const mutations: Mutation[] = many.map((record) => ({
			kind: 'update',
			entity: 'customers',
			id: record.id,
			version: record.version,
			values: {status: 'churned'},
		}));
		const result = await store.applyEach(mutations, 'ana', (done, total) => told.push([done, total]));
		expect(told).toEqual(calls);
		expect(result.entries).toHaveLength(count);
		expect(result.refused).toEqual([]);
		expect(store.data.customers.every((record) => record.status === 'churned' && record.churnedAt !== null)).toBe(true);
	});

	test('between slices the event loop gets its turn: work queued during one slice runs before the next', async () => {
		const many = Array.from({length: 750}, (_, index) => customer({name: `Many ${index}`}));
		await JsonFileStore.create(file, datasetOf({customers: many}));
		const store = await open();
		const events: string[] = [];
		const mutations: Mutation[] = many.map((record) => ({
			kind: 'delete',
			entity: 'customers',
			id: record.id,
			version: record.version,
		}));
		const bulk = store.applyEach(mutations, 'ana', (done) => {
			events.push(`progress ${done}`);
			if (done === 250) setImmediate(() => events.push('a key'));
		});
		await bulk;
		expect(events).toEqual(['progress 250', 'a key', 'progress 500', 'progress 750']);
		expect(store.data.customers).toEqual([]);
	});

	test('a store closed while a bulk change is being checked saves nothing of it', async () => {
		const {store, mutations} = await manyOnFile({owner: 'Marcus'});
		const bytes = await readFile(file, 'utf8');
		const closing: Array<Promise<void>> = [];
		const bulk = store.applyEach(mutations, 'ana', () => {
			if (closing.length === 0) closing.push(store.close());
		});
		await expect(bulk).rejects.toBeInstanceOf(StoreClosedError);
		await Promise.all(closing);
		expect(await readFile(file, 'utf8')).toBe(bytes);
	});

	test('settle (a signal, an SSH drop) waits for a bulk change under way, which is saved whole', async () => {
		const {store, mutations} = await manyOnFile({owner: 'Marcus'});
		// What the data in memory holds once settle resolves: only a save that succeeded puts it there.
		const atSettle: boolean[] = [];
		const settled: Array<Promise<unknown>> = [];
		await store.applyEach(mutations, 'ana', () => {
			if (settled.length > 0) return;
			const owners = () => atSettle.push(store.data.customers.every((record) => record.owner === 'Marcus'));
			settled.push(store.settle().then(owners));
		});
		await Promise.all(settled);
		expect(atSettle).toEqual([true]);
		expect((await open()).data.customers.every((record) => record.owner === 'Marcus')).toBe(true);
	});
});

describe('undo of a bulk change', () => {
	test('after an unrelated edit by another console, u undoes the whole batch and keeps the other edit', async () => {
		const store = await open();
		const other = await open();
		await store.applyEach(setOn(store, ['Ada', 'Bo', 'Cy'], {owner: 'Marcus'}), 'ana');
		time += 60_000;
		// The other console has not seen the bulk change yet: its next save reads the newest file first.
		await other.apply(setOn(other, ['Eve'], {segment: 'enterprise'}), 'bea');
		const undone = await store.undo('ana');
		expect(undone.count).toBe(3);
		expect(new Set(undone.entries.map((entry) => entry.batch)).size).toBe(1);
		const reread = await open();
		expect(reread.data.customers.map((record) => [record.name, record.owner, record.segment])).toEqual([
			['Ada', '', ''],
			['Bo', '', ''],
			['Cy', '', ''],
			['Dee', '', ''],
			['Eve', '', 'enterprise'],
		]);
		await expect(store.undo('ana')).rejects.toThrow(/Nothing to undo/);
	});

	test('the undo of a bulk change of many records goes a slice at a time too, and tells its progress', async () => {
		const {store, mutations} = await manyOnFile({segment: 'smb'});
		await store.applyEach(mutations, 'ana');
		const told: number[][] = [];
		const undone = await store.undo('ana', (done, total) => told.push([done, total]));
		expect(told).toEqual([
			[250, 600],
			[500, 600],
			[600, 600],
		]);
		expect(undone.count).toBe(600);
		expect((await open()).data.customers.every((record) => record.segment === '')).toBe(true);
	});

	test('refused when a record of the batch changed since, naming it; nothing changes', async () => {
		const store = await open();
		await store.applyEach(setOn(store, ['Ada', 'Bo', 'Cy'], {owner: 'Marcus'}), 'ana');
		// Another console, opened since (as one that watches the file has caught up), changes two of them.
		const other = await open();
		await other.apply(setOn(other, ['Bo'], {owner: 'Priya'}), 'bea');
		const cy = byName(other, 'Cy');
		await other.apply([{kind: 'delete', entity: 'customers', id: cy.id, version: cy.version}], 'bea');
		const bytes = await readFile(file, 'utf8');
		await expect(store.undo('ana')).rejects.toThrow(
			'Cannot undo the bulk change of 3 customers: 2 changed since — “Bo” (owner changed again since), “Cy” (the record has been deleted since).',
		);
		expect(await readFile(file, 'utf8')).toBe(bytes);
		expect(byName(store, 'Ada').owner).toBe('Marcus');
	});
});
