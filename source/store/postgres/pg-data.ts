import type {ClientBase, Pool} from 'pg';
import {accessEntity} from '../../domain/access.js';
import type {ChangeEntry} from '../../domain/change-log.js';
import {
	type AnyStoredRecord,
	type AuditHead,
	currentSchemaVersion,
	type Dataset,
	emptyDataset,
	type StoredEntity,
	storedEntities,
} from '../../domain/dataset.js';
import {type OperatorFile, operatorFileSchema} from '../../domain/operator-file.js';
import {Seals} from '../../domain/record-seal.js';
import type {JournalLine, JournalRecord} from '../journal.js';

/** What the database holds beside the records: which save it is at, which generation (a replace starts a new one), the settings. */
export type HeadRow = {
	lastSave: number;
	generation: number;
	auditHead: AuditHead | null;
	settings: Record<string, unknown>;
};

export const readHead = async (client: ClientBase | Pool, lock = false): Promise<HeadRow> => {
	const {rows} = await client.query<{
		last_save: string;
		generation: string;
		audit_head: AuditHead | null;
		settings: Record<string, unknown>;
	}>(
		lock
			? 'SELECT last_save, generation, audit_head, settings FROM crm.head FOR UPDATE'
			: 'SELECT last_save, generation, audit_head, settings FROM crm.head',
	);
	const row = rows[0]!;
	return {
		lastSave: Number(row.last_save),
		generation: Number(row.generation),
		auditHead: row.audit_head,
		settings: row.settings ?? {},
	};
};

/**
 * Every record, in stored order, and the change log, as one Dataset: what a store opening the
 * database holds. Read in one snapshot (the caller's REPEATABLE READ transaction), so the records,
 * the log and the head agree.
 */
export const readDataset = async (client: ClientBase): Promise<{data: Dataset; head: HeadRow}> => {
	const head = await readHead(client);
	const data = emptyDataset();
	const seals: Partial<Record<StoredEntity, Map<string, string>>> = {};
	const records = await client.query<{entity: StoredEntity; id: string; record: AnyStoredRecord; seal: string | null}>(
		'SELECT entity, id, record, seal FROM crm.records ORDER BY entity, pos',
	);
	for (const entity of storedEntities) seals[entity] = new Map();
	for (const row of records.rows) {
		const list = data[row.entity] as AnyStoredRecord[] | undefined;
		if (!list) continue;
		list.push(row.record);
		if (row.seal) seals[row.entity]!.set(row.id, row.seal);
	}
	const changes = await client.query<{entry: ChangeEntry}>('SELECT entry FROM crm.changes ORDER BY seq');
	data.changes = changes.rows.map((row) => row.entry);
	data.schemaVersion = currentSchemaVersion;
	data.seals = Seals.fromMaps(seals);
	if (head.auditHead) data.auditHead = head.auditHead;
	data.journalSeq = head.lastSave;
	return {data, head};
};

/** The change log's roles entries, in order: what the roles in force are read from (`vouchedAccess`), without the rest of the log. */
export const readRolesEntries = async (client: ClientBase): Promise<ChangeEntry[]> =>
	(
		await client.query<{entry: ChangeEntry}>("SELECT entry FROM crm.changes WHERE entry->>'entity' = $1 ORDER BY seq", [
			accessEntity,
		])
	).rows.map((row) => row.entry);

type SavedKey = {entity: StoredEntity; id: string; seal?: string; deleted?: true};

/**
 * The saves after `seq`, as journal lines (`replayJournal` applies them): each with the records it
 * wrote as they stand now (a later save's state: replaying every line up to the newest gives the
 * newest data) and its change-log entries.
 */
export const savesAfter = async (client: ClientBase, seq: number): Promise<JournalLine[]> => {
	const saves = await client.query<{seq: string; records: SavedKey[]; audit_head: AuditHead}>(
		'SELECT seq, records, audit_head FROM crm.saves WHERE seq > $1 ORDER BY seq',
		[seq],
	);
	if (saves.rows.length === 0) return [];
	const entries = await client.query<{save_seq: string; entry: ChangeEntry}>(
		'SELECT save_seq, entry FROM crm.changes WHERE save_seq > $1 ORDER BY seq',
		[seq],
	);
	const keys = new Set<string>();
	for (const save of saves.rows) for (const {entity, id} of save.records) keys.add(`${entity}\u0000${id}`);
	const wanted = [...keys].map((key) => key.split('\u0000'));
	const current = await client.query<{entity: string; id: string; record: AnyStoredRecord}>(
		'SELECT r.entity, r.id, r.record FROM crm.records r JOIN unnest($1::text[], $2::text[]) AS k(entity, id) USING (entity, id)',
		[wanted.map(([entity]) => entity), wanted.map(([, id]) => id)],
	);
	const records = new Map(current.rows.map((row) => [`${row.entity}\u0000${row.id}`, row.record]));
	const bySave = new Map<number, ChangeEntry[]>();
	for (const row of entries.rows) {
		const list = bySave.get(Number(row.save_seq));
		if (list) list.push(row.entry);
		else bySave.set(Number(row.save_seq), [row.entry]);
	}
	return saves.rows.map((save) => ({
		seq: Number(save.seq),
		records: save.records.map(
			({entity, id, seal, deleted}): JournalRecord => ({
				entity,
				id,
				record: deleted ? null : (records.get(`${entity}\u0000${id}`) ?? null),
				...(seal ? {seal} : {}),
			}),
		),
		changes: bySave.get(Number(save.seq)) ?? [],
		auditHead: save.audit_head,
	}));
};

/** One save as the database keeps it: its number and id (for a retry to tell whether it landed), who, what it wrote. */
export type SaveRow = {
	seq: number;
	saveId: string;
	operator: string;
	/** The records as written, in order (a record written twice: its last state). */
	records: readonly JournalRecord[];
	changes: readonly ChangeEntry[];
	/** How many change-log entries there were before this save. */
	changesBefore: number;
	auditHead: AuditHead;
};

/**
 * The records of a save, each once, in the order a replay keeps: the last state of each, new ones in
 * the order first added; and those deleted on the way (one brought back goes to the end, as a replay puts it).
 */
const lastStates = (records: readonly JournalRecord[]): {last: JournalRecord[]; deleted: JournalRecord[]} => {
	const last = new Map<string, JournalRecord>();
	const deleted = new Map<string, JournalRecord>();
	for (const record of records) {
		const key = `${record.entity}\u0000${record.id}`;
		if (record.record === null) {
			last.delete(key);
			deleted.set(key, record);
		}
		last.set(key, record);
	}
	return {last: [...last.values()], deleted: [...deleted.values()]};
};

/** Writes a save in the caller's transaction: the records, the save, its log entries, the head; and tells the listeners (on commit). */
export const writeSave = async (client: ClientBase, save: SaveRow): Promise<void> => {
	const {last: records, deleted: gone} = lastStates(save.records);
	const kept = records.filter((record) => record.record !== null);
	if (gone.length > 0)
		await client.query(
			'DELETE FROM crm.records r USING unnest($1::text[], $2::text[]) AS k(entity, id) WHERE r.entity = k.entity AND r.id = k.id',
			[gone.map((record) => record.entity), gone.map((record) => record.id)],
		);
	if (kept.length > 0) {
		const {rows} = await client.query<{pos: string}>('SELECT coalesce(max(pos), 0) AS pos FROM crm.records');
		const base = Number(rows[0]!.pos);
		await client.query(
			`INSERT INTO crm.records (entity, id, pos, record, seal)
			 SELECT r.entity, r.id, $2::bigint + r.n, r.record, r.seal
			 FROM json_to_recordset($1::json) AS r(entity text, id text, record json, seal text, n bigint)
			 ON CONFLICT (entity, id) DO UPDATE SET record = EXCLUDED.record, seal = EXCLUDED.seal`,
			[
				JSON.stringify(
					kept.map(({entity, id, record, seal}, index) => ({entity, id, record, seal: seal ?? null, n: index + 1})),
				),
				base,
			],
		);
	}
	const keys: SavedKey[] = records.map(({entity, id, seal, record}) => ({
		entity,
		id,
		...(seal ? {seal} : {}),
		...(record === null ? {deleted: true as const} : {}),
	}));
	await client.query(
		'INSERT INTO crm.saves (seq, save_id, operator, records, audit_head) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)',
		[save.seq, save.saveId, save.operator, JSON.stringify(keys), JSON.stringify(save.auditHead)],
	);
	await writeChanges(client, save.seq, save.changesBefore, save.changes);
	await client.query('UPDATE crm.head SET last_save = $1, audit_head = $2::jsonb', [
		save.seq,
		JSON.stringify(save.auditHead),
	]);
	await client.query('SELECT pg_notify($1, $2)', [notifyChannel, String(save.seq)]);
};

/** Change-log entries, numbered on from `before`, a few thousand at a time (a copy may hold hundreds of thousands), each as one JSON text. */
const writeChanges = async (
	client: ClientBase,
	saveSeq: number,
	before: number,
	changes: readonly ChangeEntry[],
): Promise<void> => {
	for (let start = 0; start < changes.length; start += 5000) {
		const slice = changes.slice(start, start + 5000);
		await client.query(
			`INSERT INTO crm.changes (seq, save_seq, entry)
			 SELECT $1::bigint + e.n, $2, e.entry FROM json_array_elements($3::json) WITH ORDINALITY AS e(entry, n)`,
			[before + start, saveSeq, JSON.stringify(slice)],
		);
	}
};

/** The channel every save is announced on (its payload the save's number): other consoles listen to it. */
export const notifyChannel = 'crm_saves';

/** Inserts records at positions from `first` on, a few thousand at a time. */
const insertRecords = async (
	client: ClientBase,
	rows: ReadonlyArray<{entity: StoredEntity; id: string; record: unknown; seal: string | null}>,
	first: number,
): Promise<void> => {
	for (let start = 0; start < rows.length; start += 5000) {
		const slice = rows.slice(start, start + 5000);
		await client.query(
			`INSERT INTO crm.records (entity, id, pos, record, seal)
			 SELECT r.entity, r.id, $2::bigint + r.n, r.record, r.seal
			 FROM json_to_recordset($1::json) AS r(entity text, id text, record json, seal text, n bigint)`,
			[JSON.stringify(slice.map((row, index) => ({...row, n: index}))), first + start],
		);
	}
};

/**
 * Replaces everything the database holds with `data` (sealed: every record has its seal) and
 * `settings`, in the caller's transaction: `crm seed --force` and `crm copy`. Its change log is
 * kept as one save; the head starts a new generation, so a console open on the old data reads it
 * all again instead of replaying onto it.
 */
export const replaceAll = async (
	client: ClientBase,
	data: Dataset,
	settings: Record<string, unknown>,
	operator: string,
	saveId: string,
): Promise<void> => {
	await client.query('TRUNCATE crm.changes, crm.saves, crm.records');
	const rows = storedEntities.flatMap((entity) => {
		// One pass over the entity's seals, not a search of them per record (which grows with the square of the records).
		const seals = data.seals?.all(entity) ?? new Map<string, string>();
		return (data[entity] as AnyStoredRecord[]).map((record) => ({
			entity,
			id: record.id,
			record,
			seal: seals.get(record.id) ?? null,
		}));
	});
	await insertRecords(client, rows, 1);
	const auditHead = data.auditHead ?? {count: 0, hash: ''};
	const lastSave = data.changes.length > 0 ? 1 : 0;
	if (lastSave === 1) {
		await client.query(
			"INSERT INTO crm.saves (seq, save_id, operator, records, audit_head) VALUES (1, $1, $2, '[]'::jsonb, $3::jsonb)",
			[saveId, operator, JSON.stringify(auditHead)],
		);
		await writeChanges(client, 1, 0, data.changes);
	}
	await client.query(
		'UPDATE crm.head SET last_save = $1, audit_head = $2::jsonb, settings = $3::jsonb, generation = generation + 1',
		[lastSave, data.auditHead ? JSON.stringify(data.auditHead) : null, JSON.stringify(settings)],
	);
	await client.query('SELECT pg_notify($1, $2)', [notifyChannel, String(lastSave)]);
};

/** What the console keeps for one operator (the survey's offers, saved views); an empty one when none is kept or it does not read. */
export const readOperatorRow = async (pool: Pool, operator: string): Promise<OperatorFile> => {
	const {rows} = await pool.query<{content: unknown}>('SELECT content FROM crm.operator_files WHERE operator = $1', [
		operator,
	]);
	const parsed = operatorFileSchema.safeParse(rows[0]?.content ?? {});
	return parsed.success ? parsed.data : operatorFileSchema.parse({});
};

/** Replaces what the console keeps for one operator. */
export const writeOperatorRow = async (pool: Pool, operator: string, content: OperatorFile): Promise<void> => {
	await pool.query(
		`INSERT INTO crm.operator_files (operator, content) VALUES ($1, $2::jsonb)
		 ON CONFLICT (operator) DO UPDATE SET content = EXCLUDED.content, updated_at = now()`,
		[operator, JSON.stringify(content)],
	);
};
