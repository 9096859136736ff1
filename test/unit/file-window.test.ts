import {copyFileSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import type {Dataset} from '../../source/domain/dataset.js';
import {markChecked, stampOf} from '../../source/store/file-stamp.js';
import {journalPathFor} from '../../source/store/journal.js';
import {JsonFileStore} from '../../source/store/json-file-store.js';
import {MasterKey} from '../../source/store/sealed/seal-keys.js';
import {keyring} from '../../source/store/sealed/set-sealing.js';
import {StoreCore} from '../../source/store/store-core.js';
import {smallDemo} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

// A file large enough to be written compact (10,000 records and more), as crm writes one.
const folder = tempFolder('file-window');
const source = join(folder, 'source.json');
const sealedSource = join(folder, 'sealed.json');
const key = new MasterKey(Buffer.alloc(32, 5));
let whole: Dataset;

beforeAll(async () => {
	await JsonFileStore.create(source, smallDemo({customers: 3000, opportunities: 4000, tickets: 2000, feedback: 1500}));
	whole = (await JsonFileStore.open(source)).data;
	keyring.use(() => Promise.resolve(key));
	await JsonFileStore.create(sealedSource, whole, {key});
}, 60_000);

afterEach(() => keyring.use(() => Promise.resolve(key)));

let copies = 0;
/**
 * A copy of a source file as crm left it: its stamp noted (a copy is a new file, which would otherwise be checked
 * whole), with whether its log vouches for roles (neither source's does; undefined: as a crm before that was noted).
 */
const copyOf = async (from = source, {roles}: {roles: boolean | undefined} = {roles: false}): Promise<string> => {
	const file = join(tempFolder('window-copy'), `crm-${++copies}.json`);
	copyFileSync(from, file);
	await markChecked(file, await stampOf(file), roles);
	return file;
};

const windowed = (file: string) => JsonFileStore.open(file, Date.now, {window: 100, windowFrom: 1000});

const ids = (records: ReadonlyArray<{id: string}>) => records.map((record) => record.id);

describe('a large file opened on its first customers', () => {
	test('the first customers at once, every list once the rest is read: the data a whole read gives', async () => {
		const store = await windowed(await copyOf());
		expect(ids(store.data.customers)).toEqual(ids(whole.customers.slice(0, 100)));
		expect(store.data.opportunities).toEqual([]);
		expect(store.loading).toMatchObject({done: 100});
		expect(store.loading!.total).toBeGreaterThan(5000);
		await store.whenLoaded();
		expect(store.loading).toBeNull();
		expect(store.data).toEqual(whole);
		expect(store.recordsChecked).toBe(false);
		await store.close();
	});

	test('the watchers hear each list as it is whole, then the data whole with no loading', async () => {
		const store = await windowed(await copyOf());
		const told: Array<{customers: number; deals: number; loading: boolean}> = [];
		store.watch((data) =>
			told.push({customers: data.customers.length, deals: data.opportunities.length, loading: store.loading !== null}),
		);
		await store.whenLoaded();
		expect(told.at(-1)).toEqual({customers: 3000, deals: 4000, loading: false});
		// The customers whole before the deals are.
		expect(told).toContainEqual({customers: 3000, deals: 0, loading: true});
		expect(told.filter((step) => !step.loading)).toHaveLength(1);
		await store.close();
	});

	test("the journal's saves are in the first customers at once (an update, a delete), and in the whole", async () => {
		const file = await copyOf();
		const writer = await JsonFileStore.open(file);
		const [first, second] = writer.data.customers;
		await writer.apply(
			[
				{kind: 'update', entity: 'customers', id: first!.id, version: first!.version, values: {name: 'Renamed'}},
				{kind: 'delete', entity: 'customers', id: second!.id, version: second!.version},
			],
			'tester',
		);
		await writer.close();
		// Saved as a journal line, not a rewrite: the file as it was, its saves beside it.
		expect(readFileSync(journalPathFor(file), 'utf8').trim().split('\n')).toHaveLength(1);
		const store = await windowed(file);
		expect(store.data.customers[0]!.name).toBe('Renamed');
		expect(ids(store.data.customers)).not.toContain(second!.id);
		await store.whenLoaded();
		expect(store.data).toEqual(writer.data);
		await store.close();
	});

	test('a change waits until every record is read, then is saved to the whole', async () => {
		const file = await copyOf();
		const store = await windowed(file);
		const last = whole.customers.at(-1)!;
		const saved = store.apply(
			[{kind: 'update', entity: 'customers', id: last.id, version: last.version, values: {notes: 'seen last'}}],
			'tester',
		);
		expect(store.loading).not.toBeNull();
		await saved;
		expect(store.loading).toBeNull();
		expect(store.data.customers.at(-1)!.notes).toBe('seen last');
		expect(store.data.customers).toHaveLength(3000);
		await store.close();
		expect((await JsonFileStore.open(file)).data.customers.at(-1)!.notes).toBe('seen last');
	});

	test('an encrypted file: the first customers from its first chunks, then the whole, verified', async () => {
		const store = await windowed(await copyOf(sealedSource));
		expect(ids(store.data.customers)).toEqual(ids(whole.customers.slice(0, 100)));
		await store.whenLoaded();
		expect(store.data).toEqual(whole);
		await store.close();
	});

	test('an encrypted file damaged after its first chunks: the reading of the rest fails, naming the file', async () => {
		const file = await copyOf(sealedSource);
		const store = await windowed(file);
		const bytes = readFileSync(file);
		const middle = Math.floor(bytes.length / 2);
		bytes[middle] = bytes[middle]! ^ 0xff;
		// In place, as a disk error would: the same inode and times, so only the chunk's tag tells.
		const {atime, mtime} = statSync(file);
		writeFileSync(file, bytes);
		const {utimesSync} = await import('node:fs');
		utimesSync(file, atime, mtime);
		await expect(store.whenLoaded()).rejects.toThrow(/damaged/);
		await store.close();
	});

	test('a file replaced before the rest is read: the new file is read whole', async () => {
		const file = await copyOf();
		const store = await windowed(file);
		const other = smallDemo({customers: 20, opportunities: 10, tickets: 5, feedback: 5});
		await JsonFileStore.create(file, other);
		await store.whenLoaded();
		expect(ids(store.data.customers)).toEqual(ids(other.customers));
		expect(store.loading).toBeNull();
		await store.close();
	});

	test('closed while the rest is read: it settles at once and reads no more', async () => {
		const store = await windowed(await copyOf());
		store.readRest();
		await store.close();
		await store.settle();
		expect(store.data.customers.length).toBeLessThan(3000);
	});
});

describe('files read whole at once, as before', () => {
	const cases: Array<[string, (file: string) => void, {windowFrom?: number}]> = [
		['changed outside crm (no stamp of a check)', (file) => rmSync(`${file}.checked`), {}],
		['smaller than the window threshold', () => undefined, {windowFrom: 1_000_000_000}],
		['written by hand with spaces', (file) => writeFileSync(file, JSON.stringify(whole, null, 1)), {}],
	];
	test.each(cases)('%s', async (_name, change, options) => {
		const file = await copyOf();
		change(file);
		const store = await JsonFileStore.open(file, Date.now, {window: 100, windowFrom: 1000, ...options});
		expect(store.loading ?? null).toBeNull();
		expect(store.data).toEqual(whole);
		await store.close();
	});

	test('with roles set in its settings, when the roles in force are needed first (acting under another name)', async () => {
		const file = await copyOf();
		writeFileSync(file.replace(/\.json$/, '.config.json'), JSON.stringify({access: {operators: {ana: 'admin'}}}));
		const store = await JsonFileStore.open(file, Date.now, {window: 100, windowFrom: 1000, rolesFirst: true});
		expect(store.loading ?? null).toBeNull();
		expect(store.data).toEqual(whole);
		await store.close();
	});

	test('when acting under another name, with a stamp that does not say whether the log vouches for roles', async () => {
		const file = await copyOf(source, {roles: undefined});
		const store = await JsonFileStore.open(file, Date.now, {window: 100, windowFrom: 1000, rolesFirst: true});
		expect(store.loading ?? null).toBeNull();
		expect(store.data).toEqual(whole);
		await store.close();
		// Not acting under another name: on its first customers, as ever.
		const again = await windowed(file);
		expect(again.loading).not.toBeNull();
		await again.close();
	});

	test('without a window asked for', async () => {
		const store = await JsonFileStore.open(await copyOf());
		expect(store.loading).toBeNull();
		expect(store.data).toEqual(whole);
		await store.close();
	});
});

describe('a large file with roles set, opened on its first customers', () => {
	const settingsOf = (file: string) => file.replace(/\.json$/, '.config.json');
	/** A copy whose log vouches for ada (admin) and vic (viewer); with `handEdited`, its settings file then makes vic an admin by hand. */
	const withRoles = async (handEdited: boolean): Promise<string> => {
		const file = await copyOf();
		const store = await JsonFileStore.open(file);
		await store.updateSettings({kind: 'role', operator: 'ada', role: 'admin'}, 'ada');
		await store.updateSettings({kind: 'role', operator: 'vic', role: 'viewer'}, 'ada');
		await store.close();
		if (handEdited) {
			const settings = JSON.parse(readFileSync(settingsOf(file), 'utf8'));
			writeFileSync(settingsOf(file), JSON.stringify({...settings, access: {operators: {ada: 'admin', vic: 'admin'}}}));
		}
		return file;
	};

	test('the first customers at once; the roles the log vouches for once it is read (the settings file’s meanwhile)', async () => {
		const store = await windowed(await withRoles(true));
		expect(store.loading).not.toBeNull();
		expect(ids(store.data.customers)).toEqual(ids(whole.customers.slice(0, 100)));
		// Shown meanwhile, never acted on (below): the log that says otherwise is at the file's end.
		expect(store.roleOf('vic')).toBe('admin');
		expect(store.rolesWarning).toBeNull();
		await store.whenLoaded();
		expect(store.roleOf('vic')).toBe('viewer');
		expect(store.roleOf('ada')).toBe('admin');
		expect(store.rolesWarning).toContain(settingsOf(store.file));
		await store.close();
	});

	test('what a role decides waits for the log: an admin made by hand may neither export nor change a target', async () => {
		const file = await withRoles(true);
		const store = await windowed(file);
		expect(store.loading).not.toBeNull();
		const settingsBefore = readFileSync(settingsOf(file), 'utf8');
		const target = {value: 10, direction: 'higher', tolerance: 0.1} as const;
		await expect(store.writeExport('list.csv', 'a,b\n', join(folder, 'exports'), 'vic')).rejects.toThrow(
			'vic (viewer)',
		);
		expect(store.loading).toBeNull();
		await expect(store.updateSettings({kind: 'target', id: 'new_customers', target}, 'vic')).rejects.toThrow(
			'vic (viewer)',
		);
		expect(readFileSync(settingsOf(file), 'utf8')).toBe(settingsBefore);
		await store.close();
	});

	test('acting under another name is judged by the roles the log vouches for, not by a hand edit', async () => {
		const store = await windowed(await withRoles(true));
		StoreCore.processUser = 'vic';
		try {
			expect(store.loading).not.toBeNull();
			await expect(store.writeExport('list.csv', 'a,b\n', join(folder, 'exports'), 'ada')).rejects.toThrow('vic');
			await expect(store.saveOperatorFile('ada', {views: {}})).rejects.toThrow('vic');
		} finally {
			StoreCore.processUser = undefined;
		}
		await store.close();
	});

	describe('acting under another name with the roles removed from the settings file by hand: the log’s roles are known first', () => {
		const rolesRemoved = (file: string) => {
			const {access: _removed, ...settings} = JSON.parse(readFileSync(settingsOf(file), 'utf8'));
			writeFileSync(settingsOf(file), JSON.stringify(settings));
		};
		const judged = async (file: string) => {
			const store = await JsonFileStore.open(file, Date.now, {window: 100, windowFrom: 1000, rolesFirst: true});
			expect(store.loading ?? null).toBeNull();
			expect(store.roleOf('vic')).toBe('viewer');
			expect(store.roleOf('ada')).toBe('admin');
			expect(store.rolesWarning).toContain(settingsOf(file));
			await store.close();
		};

		test('roles set since the last rewrite: in the journal', async () => {
			const file = await withRoles(false);
			expect(statSync(journalPathFor(file)).size).toBeGreaterThan(0);
			rolesRemoved(file);
			await judged(file);
		});

		test('roles in the file’s own log, the journal folded into it: its stamp says so', async () => {
			const file = await withRoles(false);
			const store = await JsonFileStore.open(file);
			await store.fold();
			await store.close();
			expect(() => statSync(journalPathFor(file))).toThrow();
			expect(JSON.parse(readFileSync(`${file}.checked`, 'utf8'))).toMatchObject({roles: true});
			rolesRemoved(file);
			await judged(file);
		});

		test('a log without roles: on its first customers, as without acting under another name', async () => {
			const file = await copyOf();
			const store = await JsonFileStore.open(file, Date.now, {window: 100, windowFrom: 1000, rolesFirst: true});
			expect(store.loading).not.toBeNull();
			await store.whenLoaded();
			expect(store.data).toEqual(whole);
			await store.close();
		});
	});

	test('an admin of the log changes settings and exports while the rest is read: each waits for it, then is done', async () => {
		const store = await windowed(await withRoles(false));
		expect(store.loading).not.toBeNull();
		const target = {value: 10, direction: 'higher', tolerance: 0.1} as const;
		const settings = await store.updateSettings({kind: 'target', id: 'new_customers', target}, 'ada');
		expect(store.loading).toBeNull();
		expect(settings.assessment.targets['new_customers']).toMatchObject({value: 10});
		expect(store.data.customers).toHaveLength(whole.customers.length);
		const written = await store.writeExport('list.csv', 'a,b\n', join(folder, 'exports'), 'ada');
		expect(readFileSync(written, 'utf8')).toBe('a,b\n');
		await store.close();
	});
});
