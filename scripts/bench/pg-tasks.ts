import type {ChangeEntry} from '../../source/domain/change-log.js';
import {
	type AnyStoredRecord,
	currentSchemaVersion,
	emptyDataset,
	type StoredEntity,
	storedEntities,
} from '../../source/domain/dataset.js';
import {Seals} from '../../source/domain/record-seal.js';
import {openPool} from '../../source/store/postgres/pg-connection.js';
import {readHead} from '../../source/store/postgres/pg-data.js';
import {PostgresStore} from '../../source/store/postgres/postgres-store.js';

const [task, first, _second] = process.argv.slice(2);
const ms = (started: number) => performance.now() - started;
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
setInterval(sampleRss, 20).unref();
const out = (result: Record<string, unknown>) => {
	sampleRss();
	process.stdout.write(`${JSON.stringify({...result, peakRss})}\n`);
	process.exit(0);
};

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
