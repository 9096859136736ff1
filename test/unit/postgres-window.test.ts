import pg from 'pg';
import {afterEach, beforeEach, expect, test} from 'vitest';
import type {Dataset} from '../../source/domain/dataset.js';
import {PostgresStore} from '../../source/store/postgres/postgres-store.js';
import {smallDemo} from '../support/fixtures.js';
import {needPostgres, newDatabase} from '../support/pg-database.js';

/**
 * A store opened with a window, as the console opens a database: the first customers at once, the
 * rest read behind them in the same snapshot, the watchers told as the data grows; changes, and what
 * other consoles save meanwhile, wait until all is read.
 */
if (needPostgres()) {
	let database: {url: string; drop: () => Promise<void>};
	const opened: PostgresStore[] = [];
	beforeEach(async () => {
		database = await newDatabase();
		await PostgresStore.write(database.url, smallDemo({customers: 400, opportunities: 300}), {}, 'ana');
	});
	afterEach(async () => {
		for (const store of opened.splice(0)) await store.close();
		await database.drop();
	});
	const open = async (options: Parameters<typeof PostgresStore.open>[2]) => {
		const store = await PostgresStore.open(database.url, Date.now, options);
		opened.push(store);
		return store;
	};

	test('it opens with the window, says how far it has read, grows, and ends with every record and the log', async () => {
		const whole = await open({});
		const windowed = await open({window: 25, batch: 50});
		expect(windowed.data.customers).toEqual(whole.data.customers.slice(0, 25));
		expect(windowed.data.changes).toEqual([]);
		expect(windowed.loading).toMatchObject({done: 25});
		expect(windowed.existed).toBe(true);
		const seen: Dataset[] = [];
		windowed.watch((data) => seen.push(data));
		await windowed.whenLoaded();
		expect(windowed.loading).toBeNull();
		for (const entity of ['customers', 'opportunities', 'tickets', 'activities', 'orders'] as const)
			expect(windowed.data[entity], entity).toEqual(whole.data[entity]);
		expect(windowed.data.changes).toEqual(whole.data.changes);
		expect(windowed.data.auditHead).toEqual(whole.data.auditHead);
		// The watcher heard the last step: the whole data.
		expect(seen.at(-1)).toBe(windowed.data);
		// Never fewer customers than the window while it grew.
		for (const data of seen) expect(data.customers.length).toBeGreaterThanOrEqual(25);
	});

	test('acting under another name, roles removed from the head’s settings by hand: the log’s roles are known at once', async () => {
		const whole = await open({});
		await whole.updateSettings({kind: 'role', operator: 'ada', role: 'admin'}, 'ada');
		await whole.updateSettings({kind: 'role', operator: 'vic', role: 'viewer'}, 'ada');
		const client = new pg.Client(database.url);
		await client.connect();
		await client.query("UPDATE crm.head SET settings = settings - 'access'");
		await client.end();
		const first = await open({window: 25, batch: 50, rolesFirst: true});
		expect(first.loading).not.toBeNull();
		expect(first.roleOf('vic')).toBe('viewer');
		expect(first.roleOf('ada')).toBe('admin');
		expect(first.rolesWarning).toContain('crm.head.settings');
		// Not asked first: the head's settings meanwhile (no roles: everyone an admin), the log's once it is read.
		const later = await open({window: 25, batch: 50});
		expect(later.roleOf('vic')).toBe('admin');
		await later.whenLoaded();
		expect(later.roleOf('vic')).toBe('viewer');
		await first.whenLoaded();
		expect(first.roleOf('vic')).toBe('viewer');
	});

	test('a change made while the rest is read waits for it, then applies to every record', async () => {
		const windowed = await open({window: 10, batch: 40});
		const saved = await windowed.apply(
			[{kind: 'create', entity: 'customers', values: {name: 'Wendy Window', status: 'lead'}}],
			'ana',
		);
		expect(windowed.loading).toBeNull();
		expect(saved.dataset.customers).toHaveLength(401);
		const again = await open({});
		expect(again.data.customers.map((customer) => customer.name)).toContain('Wendy Window');
		expect(again.data.changes).toEqual(windowed.data.changes);
	});

	test('a save another console makes while the rest is read is there once all is read', async () => {
		const windowed = await open({window: 10, batch: 40});
		const other = await open({});
		await other.apply([{kind: 'create', entity: 'customers', values: {name: 'Otto Other', status: 'lead'}}], 'bo');
		await windowed.whenLoaded();
		// The snapshot it read is from before the save: the save arrives as another console's, once all is read.
		windowed.watch(() => undefined);
		const until = Date.now() + 5000;
		while (!windowed.data.customers.some((customer) => customer.name === 'Otto Other') && Date.now() < until)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect(windowed.data.customers.map((customer) => customer.name)).toContain('Otto Other');
		expect(windowed.data.customers).toHaveLength(401);
	});

	test('a store closed while it reads (the console quit) reads no more: closing does not wait for the rest', async () => {
		const store = await PostgresStore.open(database.url, Date.now, {window: 10, batch: 40});
		await store.close();
		expect(store.data.customers).toHaveLength(10);
	});
}
