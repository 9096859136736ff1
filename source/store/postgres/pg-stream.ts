import type {ClientBase} from 'pg';
import type {ChangeEntry} from '../../domain/change-log.js';
import {
	type AnyStoredRecord,
	currentSchemaVersion,
	type Dataset,
	emptyDataset,
	type StoredEntity,
	storedEntities,
} from '../../domain/dataset.js';
import {Seals} from '../../domain/record-seal.js';
import type {HeadRow} from './pg-data.js';

type Row = {entity: StoredEntity; id: string; record: AnyStoredRecord; seal: string | null};

/** The first records of one list, in stored order, and about how many records there are in all (the planner's estimate: no count is waited for). */
export const readWindow = async (
	client: ClientBase,
	entity: StoredEntity,
	size: number,
): Promise<{rows: Row[]; estimate: number}> => {
	const rows = await client.query<Row>(
		'SELECT entity, id, record, seal FROM crm.records WHERE entity = $1 ORDER BY pos LIMIT $2',
		[entity, size],
	);
	const estimate = await client.query<{estimate: number}>(
		"SELECT greatest(reltuples, 0)::float8 AS estimate FROM pg_class WHERE oid = 'crm.records'::regclass",
	);
	return {rows: rows.rows, estimate: Math.round(estimate.rows[0]?.estimate ?? 0)};
};

/** The data of a window: its records in their list, the rest empty until read. */
export const windowDataset = (head: HeadRow, entity: StoredEntity, rows: readonly Row[]): Dataset => {
	const data = emptyDataset();
	(data[entity] as AnyStoredRecord[]).push(...rows.map((row) => row.record));
	data.seals = Seals.fromMaps({
		[entity]: new Map(rows.flatMap((row) => (row.seal ? [[row.id, row.seal] as const] : []))),
	});
	if (head.auditHead) data.auditHead = head.auditHead;
	data.journalSeq = head.lastSave;
	return data;
};

/**
 * Every record and the change log, read through cursors in the caller's snapshot `batch` rows at a
 * time; after each batch `onBatch` hears the data read so far (a new list for each entity the batch
 * added to, the others kept as they were) and how many records that is. Resolves to the whole data, as
 * `readDataset` reads it.
 */
export const streamDataset = async (
	client: ClientBase,
	head: HeadRow,
	batch: number,
	onBatch: (data: Dataset, done: number) => void,
	stop: () => boolean = () => false,
): Promise<Dataset> => {
	const lists = Object.fromEntries(storedEntities.map((entity) => [entity, [] as AnyStoredRecord[]])) as Record<
		StoredEntity,
		AnyStoredRecord[]
	>;
	const seals = Object.fromEntries(storedEntities.map((entity) => [entity, new Map<string, string>()])) as Record<
		StoredEntity,
		Map<string, string>
	>;
	let published: Dataset = emptyDataset();
	let done = 0;
	await client.query(
		'DECLARE crm_records NO SCROLL CURSOR FOR SELECT entity, id, record, seal FROM crm.records ORDER BY entity, pos',
	);
	for (;;) {
		if (stop()) throw new ReadingStopped();
		const {rows} = await client.query<Row>(`FETCH ${batch} FROM crm_records`);
		if (rows.length === 0) break;
		const touched = new Set<StoredEntity>();
		for (const row of rows) {
			const list = lists[row.entity];
			if (!list) continue;
			list.push(row.record);
			if (row.seal) seals[row.entity].set(row.id, row.seal);
			touched.add(row.entity);
		}
		done += rows.length;
		// The lists published are never changed after: a batch makes new ones of those it added to.
		published = {...published, ...Object.fromEntries([...touched].map((entity) => [entity, lists[entity].slice()]))};
		onBatch(published, done);
	}
	await client.query('CLOSE crm_records');
	const changes: ChangeEntry[] = [];
	await client.query('DECLARE crm_changes NO SCROLL CURSOR FOR SELECT entry FROM crm.changes ORDER BY seq');
	for (;;) {
		const {rows} = await client.query<{entry: ChangeEntry}>(`FETCH ${batch} FROM crm_changes`);
		if (rows.length === 0) break;
		for (const row of rows) changes.push(row.entry);
	}
	await client.query('CLOSE crm_changes');
	const data = {...emptyDataset(), ...lists, changes, schemaVersion: currentSchemaVersion} as Dataset;
	data.seals = Seals.fromMaps(seals);
	if (head.auditHead) data.auditHead = head.auditHead;
	data.journalSeq = head.lastSave;
	return data;
};

/** The reading behind a window ended before its end, because its store was closed. */
export class ReadingStopped extends Error {}

/** How far a store is in reading its data: records read of about how many; null once every one is. */
export type Loading = {done: number; total: number} | null;

/**
 * Reads the rest of the data behind a window (`streamDataset`, in the snapshot the window was read
 * in), telling `onProgress` the data so far — the window's records kept in their list until the stream
 * has read as many — and how far it is: at most every `everyMs` while the window's list grows (the
 * screen shows it), and every `quietMs` otherwise (the other lists are not shown before they are whole,
 * and every step of them would cost a frame for nothing). Resolves to the whole data.
 */
export const loadBehindWindow = async (
	client: ClientBase,
	head: HeadRow,
	window: Dataset,
	options: {
		entity: StoredEntity;
		total: number;
		batch: number;
		everyMs?: number;
		quietMs?: number;
		/** Asked before each batch: true ends the reading (ReadingStopped: the store is closed). */
		stop?: () => boolean;
	},
	onProgress: (data: Dataset, loading: NonNullable<Loading>) => void,
): Promise<Dataset> => {
	const {entity} = options;
	const shown = window[entity];
	let told = Date.now();
	let toldLength = shown.length;
	return streamDataset(
		client,
		head,
		options.batch,
		(partial, done) => {
			const grew = partial[entity].length > toldLength;
			if (Date.now() - told < (grew ? (options.everyMs ?? 500) : (options.quietMs ?? 2000))) return;
			told = Date.now();
			const list = partial[entity].length >= shown.length ? partial[entity] : shown;
			toldLength = list.length;
			onProgress({...window, ...partial, [entity]: list}, {done, total: Math.max(options.total, done)});
		},
		options.stop,
	);
};
