import {readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {DataFileError} from '../../source/store/data-file-error.js';
import {MutationError} from '../../source/store/mutation-error.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
import {CrmStore} from '../../source/store/store.js';
import {tempFolder} from '../support/temp-folder.js';

let directory: string;
let file: string;
let time: number;
const clock = () => time;
const open = () => CrmStore.open(file, clock);

beforeEach(async () => {
	directory = tempFolder('changes');
	file = join(directory, 'crm.json');
	time = Date.parse('2026-03-01T09:00:00.000Z');
});
afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

const newCustomer = (store: CrmStore, values: Record<string, unknown> = {}) =>
	store.apply([{kind: 'create', entity: 'customers', values: {name: 'Ana Silva', status: 'lead', ...values}}], 'ana');

describe('CrmStore.apply', () => {
	test('a create gets an id, timestamps and version 1, is saved, and is logged field by field', async () => {
		const store = await open();
		const {records, entries} = await newCustomer(store, {email: 'ana@example.com'});
		const customer = records[0] as {id: string; version: number; createdAt: string};
		expect(customer.id).toMatch(/^cus_/);
		expect(customer.version).toBe(1);
		expect(customer.createdAt).toBe('2026-03-01T09:00:00.000Z');
		expect(entries[0]).toMatchObject({
			action: 'create',
			entity: 'customers',
			operator: 'ana',
			at: '2026-03-01T09:00:00.000Z',
			label: 'Ana Silva',
			undoOf: null,
		});
		expect(entries[0]!.changes).toContainEqual({field: 'email', before: undefined, after: 'ana@example.com'});
		const reopened = await open();
		expect(reopened.data.customers).toHaveLength(1);
		expect(reopened.data.changes).toHaveLength(1);
	});

	test('an update bumps the version and logs only what changed, before and after', async () => {
		const store = await open();
		const {records} = await newCustomer(store);
		const id = records[0]!.id;
		time += 60_000;
		const {records: updated, entries} = await store.apply(
			[{kind: 'update', entity: 'customers', id, version: 1, values: {status: 'active', owner: 'Marcus'}}],
			'bo',
		);
		expect(updated[0]).toMatchObject({version: 2, updatedAt: '2026-03-01T09:01:00.000Z', status: 'active'});
		expect(entries[0]!.changes).toHaveLength(2);
		expect(entries[0]!.changes).toContainEqual({field: 'status', before: 'lead', after: 'active'});
		expect(entries[0]!.changes).toContainEqual({field: 'owner', before: '', after: 'Marcus'});
	});

	test('invalid values are refused by field, and neither memory nor the file changes', async () => {
		const store = await open();
		await newCustomer(store);
		const bytes = await readFile(file, 'utf8');
		const error = await store
			.apply([{kind: 'create', entity: 'customers', values: {name: '', email: 'nope', status: 'lead'}}], 'ana')
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(MutationError);
		expect((error as MutationError).issues.map((issue) => issue.field)).toEqual(['name', 'email']);
		expect(store.data.customers).toHaveLength(1);
		expect(await readFile(file, 'utf8')).toBe(bytes);
	});

	test('a stale version is refused: nobody overwrites a change they did not see', async () => {
		const store = await open();
		const id = (await newCustomer(store)).records[0]!.id;
		await store.apply([{kind: 'update', entity: 'customers', id, version: 1, values: {owner: 'A'}}], 'ana');
		await expect(
			store.apply([{kind: 'update', entity: 'customers', id, version: 1, values: {owner: 'B'}}], 'bo'),
		).rejects.toThrow(/changed since you opened it/);
	});

	test('several mutations save as one change; one failure keeps all out', async () => {
		const store = await open();
		await expect(
			store.apply(
				[
					{kind: 'create', entity: 'customers', values: {name: 'Ok', status: 'lead'}},
					{kind: 'create', entity: 'feedback', values: {rating: 7}},
				],
				'ana',
			),
		).rejects.toThrow(/rating/);
		expect(store.data.customers).toHaveLength(0);
	});
});

describe('two consoles on one file', () => {
	test('a change saved by another process is kept, and an edit of the record it changed is refused', async () => {
		const first = await open();
		const id = (await newCustomer(first)).records[0]!.id;
		const second = await open();
		await second.apply([{kind: 'update', entity: 'customers', id, version: 1, values: {owner: 'Max'}}], 'max');
		await second.apply([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}], 'max');

		// The first console still shows version 1; its save of another record keeps max's changes.
		const {dataset} = await first.apply(
			[{kind: 'create', entity: 'customers', values: {name: 'Cy', status: 'lead'}}],
			'tess',
		);
		expect(dataset.customers.map((customer) => customer.name).sort()).toEqual(['Ana Silva', 'Bo', 'Cy']);
		expect(dataset.changes.map((entry) => entry.operator)).toEqual(['ana', 'max', 'max', 'tess']);
		await expect(
			first.apply([{kind: 'update', entity: 'customers', id, version: 1, values: {owner: 'Tess'}}], 'tess'),
		).rejects.toThrow(/changed since you opened it/);
		expect((await open()).data.customers.find((customer) => customer.id === id)!.owner).toBe('Max');
	});
});

describe('watching the file', () => {
	test('another process’s save reaches the watcher within a couple of seconds', async () => {
		const first = await open();
		await newCustomer(first);
		const seen: number[] = [];
		const stop = first.watch((data) => seen.push(data.customers.length), 50);
		const second = await open();
		await second.apply([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}], 'max');
		const deadline = Date.now() + 2000;
		while (!seen.includes(2) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
		stop();
		expect(seen).toContain(2);
	});
});

describe('record rules', () => {
	test('churnedAt is set when a customer churns and cleared when reactivated', async () => {
		const store = await open();
		const id = (await newCustomer(store, {status: 'active'})).records[0]!.id;
		time += 86_400_000;
		const churned = (
			await store.apply([{kind: 'update', entity: 'customers', id, version: 1, values: {status: 'churned'}}], 'ana')
		).records[0] as {churnedAt: string};
		expect(churned.churnedAt).toBe('2026-03-02T09:00:00.000Z');
		const back = (
			await store.apply([{kind: 'update', entity: 'customers', id, version: 2, values: {status: 'active'}}], 'ana')
		).records[0] as {churnedAt: string | null};
		expect(back.churnedAt).toBeNull();
	});

	test('a deal gets closedAt on won or lost, loses it on reopen; the probability follows the stage unless overridden', async () => {
		const store = await open();
		const create = await store.apply(
			[
				{
					kind: 'create',
					entity: 'opportunities',
					values: {title: 'Renewal', stage: 'prospecting', amount: 1000, probability: 0.1},
				},
			],
			'ana',
		);
		const id = create.records[0]!.id;
		const step = async (version: number, values: Record<string, unknown>) =>
			(await store.apply([{kind: 'update', entity: 'opportunities', id, version, values}], 'ana')).records[0] as {
				stage: string;
				probability: number;
				closedAt: string | null;
				lostReason: string;
			};
		expect((await step(1, {stage: 'proposal'})).probability).toBe(0.5);
		expect((await step(2, {probability: 0.9})).probability).toBe(0.9);
		expect((await step(3, {stage: 'negotiation'})).probability).toBe(0.9);
		time += 3_600_000;
		const lost = await step(4, {stage: 'lost', lostReason: 'price'});
		expect(lost).toMatchObject({probability: 0, closedAt: '2026-03-01T10:00:00.000Z', lostReason: 'price'});
		const reopened = await step(5, {stage: 'negotiation'});
		expect(reopened).toMatchObject({closedAt: null, probability: 0.75, lostReason: ''});
		expect((await step(6, {stage: 'won'})).closedAt).toBe('2026-03-01T10:00:00.000Z');
	});

	test('tickets: dueAt from SLA hours, first response on a reply or status change, resolvedAt on resolve and reopen', async () => {
		const store = await open();
		const created = (
			await store.apply(
				[
					{
						kind: 'create',
						entity: 'tickets',
						values: {subject: 'Login', priority: 'urgent', status: 'open', dueAt: '2000-01-01T00:00:00.000Z'},
					},
				],
				'ana',
			)
		).records[0] as {id: string; dueAt: string; firstResponseAt: string | null};
		expect(created.dueAt).toBe('2026-03-01T13:00:00.000Z');
		expect(created.firstResponseAt).toBeNull();
		const id = created.id;
		time += 1_800_000;
		const reply = {at: new Date(time).toISOString(), author: 'ana', body: 'On it.', kind: 'reply'};
		const replied = (
			await store.apply([{kind: 'update', entity: 'tickets', id, version: 1, values: {comments: [reply]}}], 'ana')
		).records[0] as {firstResponseAt: string};
		expect(replied.firstResponseAt).toBe('2026-03-01T09:30:00.000Z');
		const lowered = (
			await store.apply([{kind: 'update', entity: 'tickets', id, version: 2, values: {priority: 'low'}}], 'ana')
		).records[0] as {dueAt: string};
		expect(lowered.dueAt).toBe('2026-03-06T09:00:00.000Z');
		time += 1_800_000;
		const resolved = (
			await store.apply([{kind: 'update', entity: 'tickets', id, version: 3, values: {status: 'resolved'}}], 'ana')
		).records[0] as {resolvedAt: string; firstResponseAt: string};
		expect(resolved.resolvedAt).toBe('2026-03-01T10:00:00.000Z');
		expect(resolved.firstResponseAt).toBe('2026-03-01T09:30:00.000Z');
		const reopened = (
			await store.apply([{kind: 'update', entity: 'tickets', id, version: 4, values: {status: 'open'}}], 'ana')
		).records[0] as {resolvedAt: string | null};
		expect(reopened.resolvedAt).toBeNull();
	});

	test('a new ticket needs no dueAt: the SLA rule derives it', async () => {
		const store = await open();
		const ticket = (
			await store.apply(
				[{kind: 'create', entity: 'tickets', values: {subject: 'Login', priority: 'high', status: 'open'}}],
				'ana',
			)
		).records[0] as {dueAt: string};
		expect(ticket.dueAt).toBe('2026-03-02T09:00:00.000Z');
	});

	test('a status change is a first response too', async () => {
		const store = await open();
		const id = (
			await store.apply(
				[
					{
						kind: 'create',
						entity: 'tickets',
						values: {subject: 'Login', priority: 'normal', status: 'open', dueAt: '2000-01-01T00:00:00.000Z'},
					},
				],
				'ana',
			)
		).records[0]!.id;
		time += 600_000;
		const pending = (
			await store.apply([{kind: 'update', entity: 'tickets', id, version: 1, values: {status: 'pending'}}], 'ana')
		).records[0] as {firstResponseAt: string};
		expect(pending.firstResponseAt).toBe('2026-03-01T09:10:00.000Z');
	});

	test('SLA hours come from the settings file beside the data file', async () => {
		await writeFile(settingsPathFor(file), JSON.stringify({slaHours: {urgent: 1, high: 8, normal: 24, low: 48}}));
		const store = await open();
		const ticket = (
			await store.apply(
				[
					{
						kind: 'create',
						entity: 'tickets',
						values: {subject: 'Down', priority: 'urgent', status: 'open', dueAt: '2000-01-01T00:00:00.000Z'},
					},
				],
				'ana',
			)
		).records[0] as {dueAt: string};
		expect(ticket.dueAt).toBe('2026-03-01T10:00:00.000Z');
	});

	test('a bad settings file is named, field and all', async () => {
		await writeFile(settingsPathFor(file), JSON.stringify({slaHours: {urgent: -1, high: 8, normal: 24, low: 48}}));
		const error = await open().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(DataFileError);
		expect((error as Error).message).toContain('settings file');
		expect((error as Error).message).toContain('slaHours.urgent');
	});
});

describe('CrmStore.undo', () => {
	test('undoes the operator’s own changes newest first, each undo logged as a change', async () => {
		const store = await open();
		const id = (await newCustomer(store)).records[0]!.id;
		await store.apply([{kind: 'update', entity: 'customers', id, version: 1, values: {owner: 'Marcus'}}], 'ana');
		await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}], 'bo');

		const first = await store.undo('ana');
		expect(first.undone.action).toBe('update');
		expect(first.entries[0]).toMatchObject({action: 'update', undoOf: first.undone.id, operator: 'ana'});
		expect(store.data.customers.find((c) => c.id === id)!.owner).toBe('');
		expect(store.data.customers.find((c) => c.name === 'Bo')).toBeDefined();

		const second = await store.undo('ana');
		expect(second.undone.action).toBe('create');
		expect(store.data.customers.find((c) => c.id === id)).toBeUndefined();
		await expect(store.undo('ana')).rejects.toThrow(/Nothing to undo/);
	});

	test('undoing a delete restores the record under its id', async () => {
		const store = await open();
		const created = (await newCustomer(store, {email: 'ana@example.com', tags: ['vip']})).records[0]!;
		await store.apply([{kind: 'delete', entity: 'customers', id: created.id, version: 1}], 'ana');
		await store.undo('ana');
		expect(store.data.customers[0]).toMatchObject({
			id: created.id,
			email: 'ana@example.com',
			tags: ['vip'],
			createdAt: created.createdAt,
			version: 2,
		});
	});

	test('undoing a reopen restores the original resolvedAt and closedAt, not the time of the undo', async () => {
		const store = await open();
		const ticketId = (
			await store.apply(
				[{kind: 'create', entity: 'tickets', values: {subject: 'Login', priority: 'normal', status: 'resolved'}}],
				'ana',
			)
		).records[0]!.id;
		const resolvedAt = store.data.tickets[0]!.resolvedAt;
		time += 3_600_000;
		await store.apply([{kind: 'update', entity: 'tickets', id: ticketId, version: 1, values: {status: 'open'}}], 'ana');
		time += 3_600_000;
		await store.undo('ana');
		expect(store.data.tickets[0]).toMatchObject({status: 'resolved', resolvedAt});
		const dealId = (
			await store.apply(
				[{kind: 'create', entity: 'opportunities', values: {title: 'D', stage: 'won', amount: 1, probability: 1}}],
				'ana',
			)
		).records[0]!.id;
		const closedAt = store.data.opportunities[0]!.closedAt;
		time += 3_600_000;
		await store.apply(
			[{kind: 'update', entity: 'opportunities', id: dealId, version: 1, values: {stage: 'negotiation'}}],
			'ana',
		);
		await store.undo('ana');
		expect(store.data.opportunities[0]).toMatchObject({stage: 'won', closedAt});
	});

	test('a save that changes nothing writes nothing and logs nothing', async () => {
		const store = await open();
		const id = (await newCustomer(store)).records[0]!.id;
		const bytes = await readFile(file, 'utf8');
		const result = await store.apply(
			[{kind: 'update', entity: 'customers', id, version: 1, values: {name: 'Ana Silva'}}],
			'ana',
		);
		expect(result.entries).toEqual([]);
		expect(await readFile(file, 'utf8')).toBe(bytes);
		expect(store.data.customers[0]!.version).toBe(1);
	});

	test('changes saved together (an import, a merge) are undone together', async () => {
		const store = await open();
		await newCustomer(store);
		await store.apply(
			[
				{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}},
				{kind: 'create', entity: 'customers', values: {name: 'Cy', status: 'lead'}},
			],
			'ana',
		);
		const batch = store.data.changes.at(-1)!.batch;
		expect(batch).toMatch(/^bat_/);
		expect(store.data.changes.at(-2)!.batch).toBe(batch);
		const undone = await store.undo('ana');
		expect(undone.count).toBe(2);
		expect(store.data.customers.map((customer) => customer.name)).toEqual(['Ana Silva']);
		// The next undo reaches the change before the batch.
		await store.undo('ana');
		expect(store.data.customers).toEqual([]);
	});

	test('an update changed again by someone else since is not undone blindly', async () => {
		const store = await open();
		const id = (await newCustomer(store)).records[0]!.id;
		await store.apply([{kind: 'update', entity: 'customers', id, version: 1, values: {owner: 'Marcus'}}], 'ana');
		await store.apply([{kind: 'update', entity: 'customers', id, version: 2, values: {owner: 'Priya'}}], 'bo');
		await expect(store.undo('ana')).rejects.toThrow(/owner changed again since/);
	});
});

describe('settings changes in the change log and the audit chain (issue 13)', () => {
	test('a target, a checklist mark and the general settings are logged field by field and chained; an invalid one logs nothing', async () => {
		const store = await open();
		await newCustomer(store);
		await store.updateSettings(
			{kind: 'target', id: 'win_rate', target: {value: 0.5, direction: 'higher', tolerance: 0.02}},
			'ana',
		);
		await store.updateSettings({kind: 'requirement', id: 'in-import', status: 'partial', note: 'Maven only'}, 'ana');
		const settingsEntries = store.data.changes.filter((entry) => entry.entity === 'settings');
		expect(settingsEntries.map((entry) => entry.label)).toEqual(['target of win_rate', 'requirement “in-import”']);
		expect(settingsEntries[0]!.changes).toEqual([
			{
				field: 'targets.win_rate',
				before: {value: 0.45, direction: 'higher', tolerance: 0.05},
				after: {value: 0.5, direction: 'higher', tolerance: 0.02},
			},
		]);
		expect(settingsEntries[1]!.changes).toEqual([
			{field: 'requirements.in-import', before: undefined, after: {status: 'partial', note: 'Maven only'}},
		]);
		// The same value again changes nothing and logs nothing.
		await store.updateSettings(
			{kind: 'target', id: 'win_rate', target: {value: 0.5, direction: 'higher', tolerance: 0.02}},
			'ana',
		);
		const count = store.data.changes.length;
		await expect(
			store.updateSettings(
				{kind: 'target', id: 'csat', target: {value: 0.8, direction: 'sideways' as never, tolerance: 0}},
				'ana',
			),
		).rejects.toBeInstanceOf(DataFileError);
		expect(store.data.changes).toHaveLength(count);
		const {runAuditVerify} = await import('../../source/commands/audit.js');
		expect((await runAuditVerify(file)).intact).toBe(true);
		// Another process reads the same log.
		expect((await open()).data.changes.filter((entry) => entry.entity === 'settings')).toHaveLength(2);
	});

	test('u undoes the last record change and names the later settings change it leaves; with only that left, it says so', async () => {
		const store = await open();
		await newCustomer(store);
		await store.updateSettings(
			{kind: 'target', id: 'win_rate', target: {value: 0.5, direction: 'higher', tolerance: 0.02}},
			'ana',
		);
		const undone = await store.undo('ana');
		expect(undone.undone.action).toBe('create');
		expect(undone.notUndone?.label).toBe('target of win_rate');
		await expect(store.undo('ana')).rejects.toThrow(
			/Nothing undone: your last change, the target of win_rate, is not a record's, and u undoes records only; settings are changed back where they were set/,
		);
	});
});
