import {rm} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {verifyChain} from '../../source/domain/audit-chain.js';
import type {Dataset} from '../../source/domain/dataset.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {surveyItems} from '../../source/domain/survey.js';
import {JsonFileStore} from '../../source/store/json-file-store.js';
import {MutationError} from '../../source/store/mutation-error.js';
import {PostgresStore} from '../../source/store/postgres/postgres-store.js';
import type {CrmStore} from '../../source/store/store-contract.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {needPostgres, newDatabase} from '../support/pg-database.js';
import {tempFolder} from '../support/temp-folder.js';

/** One backend under test: its data, seeded, and stores opened over it. */
export type StoreBackend = {
	/** Opens a store over the backend's data, as another console or script would: each call is another writer. */
	open: (options?: {readonly?: boolean}) => Promise<CrmStore>;
	/** Removes the data and whatever the backend kept for it. */
	dispose: () => Promise<void>;
};

const create = (name: string): Mutation => ({kind: 'create', entity: 'customers', values: {name, status: 'lead'}});

/** Waits until `check` holds (a notification arrives on the backend's own schedule), or fails naming `what`. */
const eventually = async (check: () => boolean, what: string, timeoutMs = 5000): Promise<void> => {
	const until = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
};

/**
 * What every store backend must do, as the console and the commands rely on it (`store-contract.ts`).
 * `makeBackend` seeds a backend with a dataset (three customers, Ada, Bo and Cy); a backend passes by
 * running this suite with its own `makeBackend`.
 */
export const describeStoreContract = (name: string, makeBackend: (seed: Dataset) => Promise<StoreBackend>): void => {
	describe(`the store contract: ${name}`, () => {
		let backend: StoreBackend;
		const opened: CrmStore[] = [];
		const open = async (options?: {readonly?: boolean}) => {
			const store = await backend.open(options);
			opened.push(store);
			return store;
		};
		beforeEach(async () => {
			const names = ['Cy', 'Ada', 'Bo'];
			backend = await makeBackend(datasetOf({customers: names.map((label) => customer({name: label}))}));
		});
		afterEach(async () => {
			for (const store of opened.splice(0)) await store.close();
			await backend.dispose();
		});

		test('apply saves a change for every store to see, and undo reverts it as a change of its own', async () => {
			const store = await open();
			expect(store.existed).toBe(true);
			const {dataset, entries, records} = await store.apply([create('Dee')], 'ana');
			expect(records[0]).toMatchObject({name: 'Dee', version: 1});
			expect(entries).toHaveLength(1);
			expect(dataset.customers.map((record) => record.name)).toContain('Dee');
			expect(store.data).toBe(dataset);
			expect((await open()).data.customers.map((record) => record.name)).toContain('Dee');
			const undone = await store.undo('ana');
			expect(undone.undone.id).toBe(entries[0]!.id);
			expect(undone.count).toBe(1);
			expect(undone.entries[0]).toMatchObject({action: 'delete', undoOf: entries[0]!.id});
			expect(store.data.customers.map((record) => record.name)).not.toContain('Dee');
			await expect(store.undo('ana')).rejects.toBeInstanceOf(MutationError);
		});

		test('a change of a record at a version since replaced is refused as a conflict, and changes nothing', async () => {
			const store = await open();
			const other = await open();
			const ada = store.data.customers.find((record) => record.name === 'Ada')!;
			await other.apply(
				[{kind: 'update', entity: 'customers', id: ada.id, version: ada.version, values: {owner: 'Bo'}}],
				'bo',
			);
			const stale = store.apply(
				[{kind: 'update', entity: 'customers', id: ada.id, version: ada.version, values: {owner: 'Cy'}}],
				'ana',
			);
			await expect(stale).rejects.toBeInstanceOf(MutationError);
			const error = (await stale.catch((caught: unknown) => caught)) as MutationError;
			expect(error.conflict).toEqual({entity: 'customers', id: ada.id, version: ada.version + 1});
			expect(error.dataset?.customers.find((record) => record.id === ada.id)).toMatchObject({owner: 'Bo'});
			expect((await open()).data.customers.find((record) => record.id === ada.id)).toMatchObject({owner: 'Bo'});
		});

		test('applyEach saves the records it accepts as one batch, names the ones it refuses and why, and undo reverts it whole', async () => {
			const store = await open();
			const other = await open();
			const marked = store.data.customers.map(
				(record): Mutation => ({
					kind: 'update',
					entity: 'customers',
					id: record.id,
					version: record.version,
					values: {owner: 'Marcus'},
				}),
			);
			const bo = other.data.customers.find((record) => record.name === 'Bo')!;
			await other.apply(
				[{kind: 'update', entity: 'customers', id: bo.id, version: bo.version, values: {owner: 'Bea'}}],
				'bea',
			);
			const told: number[][] = [];
			const result = await store.applyEach(marked, 'ana', (done, total) => told.push([done, total]));
			expect(told.at(-1)).toEqual([3, 3]);
			expect(result.entries.map((entry) => entry.label)).toEqual(['Cy', 'Ada']);
			expect(result.entries[0]!.batch).toBe(result.entries[1]!.batch);
			expect(result.refused).toEqual([
				expect.objectContaining({index: 2, entity: 'customers', id: bo.id, label: 'Bo', message: expect.any(String)}),
			]);
			const owners = async () => (await open()).data.customers.map((record) => [record.name, record.owner]);
			expect(await owners()).toEqual([
				['Cy', 'Marcus'],
				['Ada', 'Marcus'],
				['Bo', 'Bea'],
			]);
			expect((await store.undo('ana')).count).toBe(2);
			expect(await owners()).toEqual([
				['Cy', ''],
				['Ada', ''],
				['Bo', 'Bea'],
			]);
			const nothing = await store.applyEach([], 'ana');
			expect(nothing).toMatchObject({entries: [], records: [], refused: []});
			await expect(store.applyEach(marked, 'ana')).resolves.toMatchObject({entries: []});
		});

		test('a role refuses what it does not allow, before anything is saved; check and importRefusal say the same', async () => {
			const store = await open();
			await store.updateSettings({kind: 'role', operator: 'ada', role: 'admin'}, 'ada');
			await store.updateSettings({kind: 'role', operator: 'vic', role: 'viewer'}, 'ada');
			expect(store.roleOf('vic')).toBe('viewer');
			const count = store.data.changes.length;
			await expect(store.apply([create('Dee')], 'vic')).rejects.toThrow('vic (viewer) may not create customers.');
			expect(await store.check([create('Dee')], 'vic')).toBe('vic (viewer) may not create customers.');
			expect(store.importRefusal(['customers'], 'vic')).toBe('vic (viewer) may not create customers.');
			expect(await store.check([create('Dee')], 'ada')).toBeNull();
			expect(store.data.changes).toHaveLength(count);
			expect((await open()).roleOf('vic')).toBe('viewer');
		});

		test('a viewer answers the survey (no change of the CRM’s data): signed with their name, undone by u, changed by nobody', async () => {
			const store = await open();
			await store.updateSettings({kind: 'role', operator: 'ada', role: 'admin'}, 'ada');
			await store.updateSettings({kind: 'role', operator: 'vic', role: 'viewer'}, 'ada');
			const ratings = Object.fromEntries(surveyItems.map((item, index) => [item.key, (index % 5) + 1]));
			const answer: Mutation = {kind: 'create', entity: 'surveys', values: {...ratings, comment: 'fine'}};
			expect(await store.check([answer], 'vic')).toBeNull();
			const {records, entries} = await store.apply([answer], 'vic');
			expect(records[0]).toMatchObject({operator: 'vic', comment: 'fine'});
			expect(entries[0]).toMatchObject({entity: 'surveys', operator: 'vic', action: 'create'});
			const saved = (await open()).data.surveys;
			expect(saved.map((response) => response.operator)).toEqual(['vic']);
			const {id, version} = saved[0]!;
			await expect(
				store.apply([{kind: 'update', entity: 'surveys', id, version, values: {sus1: 1}}], 'ada'),
			).rejects.toThrow('ada (admin) may not change survey responses: a response is what was answered.');
			await expect(store.apply([{kind: 'delete', entity: 'surveys', id, version}], 'vic')).rejects.toThrow(
				'vic (viewer) may not delete survey responses: an admin deletes one, and u deletes your own last answer.',
			);
			await store.undo('vic');
			expect((await open()).data.surveys).toEqual([]);
			expect(verifyChain(store.data.changes)).toMatchObject({ok: true});
		});

		test('every change is in the change log, by whom and when, each entry chained to the one before', async () => {
			const store = await open();
			await store.apply([create('Dee')], 'ana');
			const bo = store.data.customers.find((record) => record.name === 'Bo')!;
			await store.apply([{kind: 'delete', entity: 'customers', id: bo.id, version: bo.version}], 'bea');
			const changes = store.data.changes;
			expect(changes.map((entry) => [entry.action, entry.operator, entry.label])).toEqual([
				['create', 'ana', 'Dee'],
				['delete', 'bea', 'Bo'],
			]);
			for (const entry of changes) expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
			expect(verifyChain(changes)).toMatchObject({ok: true, count: 2});
			expect(store.data.auditHead).toMatchObject({count: 2, hash: changes[1]!.hash});
		});

		test('watch reports another writer’s change, and stops when told to', async () => {
			const store = await open();
			const other = await open();
			const seen: Dataset[] = [];
			const stop = store.watch((data) => seen.push(data));
			await other.apply([create('Dee')], 'bo');
			await eventually(
				() => seen.some((data) => data.customers.some((record) => record.name === 'Dee')),
				'the other writer’s change',
			);
			expect(store.data.customers.map((record) => record.name)).toContain('Dee');
			stop();
			const count = seen.length;
			await other.apply([create('Eve')], 'bo');
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(seen).toHaveLength(count);
		});

		test('a settings change is in force at once, logged, and seen by the next store', async () => {
			const store = await open();
			const target = {value: 0.5, direction: 'higher', tolerance: 0.02} as const;
			const settings = await store.updateSettings({kind: 'target', id: 'win_rate', target}, 'ana');
			expect(settings.assessment.targets['win_rate']).toEqual(target);
			expect(store.settings.assessment.targets['win_rate']).toEqual(target);
			expect(store.data.changes.at(-1)).toMatchObject({entity: 'settings', label: 'target of win_rate'});
			expect((await open()).settings.assessment.targets['win_rate']).toEqual(target);
		});

		test('readPage gives a window of records in an order, and how many there are', async () => {
			const store = await open();
			const page = await store.readPage('customers', {offset: 1, limit: 1, order: {field: 'name', direction: 'asc'}});
			expect(page.total).toBe(3);
			expect(page.records.map((record) => record.name)).toEqual(['Bo']);
			const last = await store.readPage('customers', {offset: 0, limit: 2, order: {field: 'name', direction: 'desc'}});
			expect(last.records.map((record) => record.name)).toEqual(['Cy', 'Bo']);
			expect((await store.readPage('customers', {offset: 0, limit: 10})).records.map((record) => record.name)).toEqual([
				'Cy',
				'Ada',
				'Bo',
			]);
		});

		test('a read-only store refuses every change', async () => {
			const store = await open({readonly: true});
			expect(store.readonly).toBe(true);
			await expect(store.apply([create('Dee')], 'ana')).rejects.toBeInstanceOf(MutationError);
			expect(store.importRefusal(['customers'], 'ana')).toMatch(/Read-only/);
			expect((await open()).data.customers).toHaveLength(3);
		});

		test("each operator's file is their own: none reads as empty, a write is read by every store, read-only writes none", async () => {
			const store = await open();
			expect(await store.operatorFile('ana')).toEqual({});
			await store.saveOperatorFile('ana', {
				firstSeenAt: '2026-11-01T08:00:00.000Z',
				survey: {postponedAt: '2026-11-20T08:00:00.000Z'},
			});
			const other = await open();
			expect(await other.operatorFile('ana')).toEqual({
				firstSeenAt: '2026-11-01T08:00:00.000Z',
				survey: {postponedAt: '2026-11-20T08:00:00.000Z'},
			});
			expect(await other.operatorFile('bo')).toEqual({});
			const readonly = await open({readonly: true});
			await expect(readonly.saveOperatorFile('bo', {firstSeenAt: '2026-11-01T08:00:00.000Z'})).rejects.toBeInstanceOf(
				MutationError,
			);
			expect(await store.operatorFile('bo')).toEqual({});
		});

		test("another writer's change of the settings is in force for every store that watches, and an unchanged one keeps its object", async () => {
			const store = await open();
			const other = await open();
			const seen: Dataset[] = [];
			store.watch((data) => seen.push(data));
			const before = store.settings;
			await other.apply([create('Dee')], 'ana');
			await eventually(() => seen.length > 0, 'the save of a record');
			expect(store.settings).toBe(before);
			await other.updateSettings(
				{kind: 'target', id: 'win_rate', target: {value: 0.6, direction: 'higher', tolerance: 0.05}},
				'ana',
			);
			await eventually(() => store.settings.assessment.targets.win_rate?.value === 0.6, 'the target set by the other');
		});

		test('close stops its watches, and a closed store takes no more changes', async () => {
			const store = await open();
			const other = await open();
			const seen: Dataset[] = [];
			store.watch((data) => seen.push(data));
			await store.close();
			await expect(store.apply([create('Dee')], 'ana')).rejects.toBeInstanceOf(MutationError);
			await other.apply([create('Eve')], 'bo');
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(seen).toHaveLength(0);
			expect((await open()).data.customers.map((record) => record.name)).not.toContain('Dee');
		});
	});
};

describeStoreContract('the JSON file store', async (seed) => {
	const directory = tempFolder('contract');
	const file = join(directory, 'crm.json');
	await JsonFileStore.create(file, seed);
	return {
		open: (options) => JsonFileStore.open(file, Date.now, options),
		dispose: () => rm(directory, {recursive: true, force: true}),
	};
});

if (needPostgres())
	describeStoreContract('the PostgreSQL store', async (seed) => {
		const database = await newDatabase();
		await (await PostgresStore.create(database.url, seed)).close();
		return {
			open: (options) => PostgresStore.open(database.url, Date.now, options),
			dispose: database.drop,
		};
	});
