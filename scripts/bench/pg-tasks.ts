/**
 * The PostgreSQL tasks of `npm run bench` that are not the console's own (bundled and run by
 * scripts/bench/postgres.mjs, one per process, each printing one JSON object of milliseconds):
 *   load FILE URL   the data file's records, change log and settings into the database as `crm copy`
 *                   writes them (its `replaceAll`), but each record's seal looked up in a map: `crm copy`
 *                   looks each up by searching its entity's seal string, which at 500,000 records takes
 *                   longer than the whole bench. The bench loads its data so; the copy itself is timed at a
 *                   smaller size.
 *   open URL        a PostgresStore opened whole, as the console opens it.
 *   parts URL       the same work done a step at a time, to say where the time goes: the server
 *                   producing the rows (EXPLAIN ANALYZE), the rows read as text over the wire, their JSON
 *                   parsed, the lists and seals built, the change log read and parsed; and what a
 *                   first frame that waited for no more than it shows would read (a window, the counts).
 */
import {randomUUID} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import {
	type AnyStoredRecord,
	currentSchemaVersion,
	emptyDataset,
	type StoredEntity,
	storedEntities,
} from '../../source/domain/dataset.js';
import {Seals} from '../../source/domain/record-seal.js';
import {JsonFileStore} from '../../source/store/json-file-store.js';
import {openPool} from '../../source/store/postgres/pg-connection.js';
import {readHead, replaceAll} from '../../source/store/postgres/pg-data.js';
import {migrate} from '../../source/store/postgres/pg-schema.js';
import {PostgresStore} from '../../source/store/postgres/postgres-store.js';
import {settingsPathFor} from '../../source/store/settings-file.js';

const [task, first, second] = process.argv.slice(2);
const ms = (started: number) => performance.now() - started;
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
setInterval(sampleRss, 20).unref();
const out = (result: Record<string, unknown>) => {
	sampleRss();
	process.stdout.write(`${JSON.stringify({...result, peakRss})}\n`);
	process.exit(0);
};

if (task === 'load') {
	const [file, url] = [first!, second!];
	const started = performance.now();
	const source = await JsonFileStore.open(file, Date.now, {readonly: true});
	const read = ms(started);
	const data = source.data;
	const maps = new Map(storedEntities.map((entity) => [entity, data.seals?.all(entity) ?? new Map<string, string>()]));
	const seals = {get: (entity: StoredEntity, id: string) => maps.get(entity)!.get(id)} as unknown as Seals;
	const settings = JSON.parse(await readFile(settingsPathFor(file), 'utf8').catch(() => '{}')) as Record<
		string,
		unknown
	>;
	const pool = openPool(url);
	const client = await pool.connect();
	const writing = performance.now();
	await migrate(client);
	await client.query('BEGIN');
	await readHead(client, true);
	await replaceAll(client, {...data, seals}, settings, 'bench', randomUUID());
	await client.query('COMMIT');
	client.release();
	await pool.end();
	out({read, write: ms(writing), total: ms(started)});
}

if (task === 'open') {
	const started = performance.now();
	const store = await PostgresStore.open(first!);
	const open = ms(started);
	const records = storedEntities.reduce((sum, entity) => sum + store.data[entity].length, 0);
	out({open, records, changes: store.data.changes.length});
}

if (task === 'parts') {
	const parts: Record<string, number> = {};
	const timed = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
		const at = performance.now();
		const result = await work();
		parts[name] = ms(at);
		return result;
	};
	const pool = openPool(first!);
	const client = await timed('connect', () => pool.connect());
	await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
	await readHead(client);
	// What a first frame that waits for no more than it shows would read: a window of the first list, and how many records each list holds.
	await timed('firstWindow', () =>
		client.query("SELECT record FROM crm.records WHERE entity = 'customers' ORDER BY pos LIMIT 100"),
	);
	await timed('counts', () => client.query('SELECT entity, count(*) FROM crm.records GROUP BY entity'));
	const query = 'SELECT entity, id, record, seal FROM crm.records ORDER BY entity, pos';
	const explained = await client.query<{'QUERY PLAN': Array<{'Execution Time': number; Plan: {'Node Type': string}}>}>(
		`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`,
	);
	const plan = explained.rows[0]!['QUERY PLAN'][0]!;
	parts['serverRecords'] = plan['Execution Time'];
	// As text: the bytes come over the wire and become row objects, and no JSON is parsed yet.
	const rows = await timed(
		'fetchRecords',
		async () =>
			(
				await client.query<{entity: StoredEntity; id: string; record: string; seal: string | null}>(
					'SELECT entity, id, record::text AS record, seal FROM crm.records ORDER BY entity, pos',
				)
			).rows,
	);
	const bytes = rows.reduce((sum, row) => sum + row.record.length, 0);
	const parsed = await timed('parseRecords', () => rows.map((row) => JSON.parse(row.record) as AnyStoredRecord));
	const seals = new Map(storedEntities.map((entity) => [entity, new Map<string, string>()]));
	const data = await timed('buildLists', () => {
		const dataset = emptyDataset();
		rows.forEach((row, index) => {
			(dataset[row.entity] as AnyStoredRecord[]).push(parsed[index]!);
			if (row.seal) seals.get(row.entity)!.set(row.id, row.seal);
		});
		dataset.schemaVersion = currentSchemaVersion;
		return dataset;
	});
	data.seals = await timed('buildSeals', () => Seals.fromMaps(Object.fromEntries(seals)));
	const changeRows = await timed(
		'fetchChanges',
		async () => (await client.query<{entry: string}>('SELECT entry::text AS entry FROM crm.changes ORDER BY seq')).rows,
	);
	data.changes = await timed('parseChanges', () => changeRows.map((row) => JSON.parse(row.entry) as ChangeEntry));
	await client.query('COMMIT');
	client.release();
	await pool.end();
	out({
		parts,
		plan: plan.Plan['Node Type'],
		records: rows.length,
		bytes,
		changes: changeRows.length,
		changeBytes: changeRows.reduce((sum, row) => sum + row.entry.length, 0),
	});
}
