import {constants} from 'node:fs';
import {type FileHandle, open} from 'node:fs/promises';
import {vouchedAccess} from '../domain/access.js';
import {
	type AnyStoredRecord,
	currentSchemaVersion,
	type Dataset,
	emptyDataset,
	type StoredEntity,
	storedEntities,
} from '../domain/dataset.js';
import {openPieces, type Pieces} from './byte-pieces.js';
import {compactParts, leadingRecords, NotCompact, takePart} from './compact-json.js';
import type {FileRead} from './data-file.js';
import {datasetFromJson, datasetLists} from './dataset-codec.js';
import type {DurableJsonFile} from './durable-json-file.js';
import {checkedAs, sameStampExactly, stampFrom, stampOf} from './file-stamp.js';
import {type JournalTail, readJournal, replayJournal} from './journal.js';
import {maxDataFileBytes} from './regular-file.js';
import {RepeatedText} from './repeated-text.js';
import {openHead} from './sealed/seal-file.js';
import {isSealed, readSealedHeader} from './sealed/seal-format.js';
import type {MasterKey} from './sealed/seal-keys.js';
import {keyring} from './sealed/set-sealing.js';

/** Files smaller than this are read whole before the first frame: that takes a few tens of milliseconds. */
export const windowFromBytes = 8 * 1024 * 1024;

/** The first bytes read for the window: some 1,300 customers of a plain file. */
const headBytes = 512 * 1024;

/** Bytes of records parsed between two turns of the event loop: some 3 ms each. */
const partBytes = 256 * 1024;

/** How often the progress figure is told while the rest is read. */
const progressEveryMs = 1000;

/** How far a file is read: records parsed, of about how many (estimated from the bytes read). */
export type Loading = {done: number; total: number};

/** What the console is told while the rest is read: the records so far (null: as before) and how far it is. */
export type Growth = (partial: Dataset | null, loading: Loading) => void;

/** A data file opened on its first records: those, and the reading of everything (`rest`). */
export type OpenedWindow = {
	/** The first customers, with the journal's saves to them; every other list empty. */
	data: Dataset;
	loading: Loading;
	/** Reads the whole file and its journal (a turn of the event loop between parts), as `readOrRefuse` reads them. */
	rest: (grew: Growth, stopped: () => boolean) => Promise<FileRead | null>;
};

/** The newest version of every record a journal saved (null: deleted), by entity and id. */
const journalRecords = (journal: JournalTail): Map<StoredEntity, Map<string, AnyStoredRecord | null>> => {
	const saved = new Map<StoredEntity, Map<string, AnyStoredRecord | null>>();
	for (const line of journal.lines)
		for (const {entity, id, record} of line.records) {
			const records = saved.get(entity) ?? new Map<string, AnyStoredRecord | null>();
			records.set(id, record);
			saved.set(entity, records);
		}
	return saved;
};

/** A list of the file as the journal's saves left its records: each in its place, the deleted left out (new ones come with the whole file). */
const asSaved = (list: readonly AnyStoredRecord[], saved: Map<string, AnyStoredRecord | null> | undefined) => {
	if (!saved || saved.size === 0) return list.slice();
	const shown: AnyStoredRecord[] = [];
	for (const record of list) {
		const after = saved.has(record.id) ? saved.get(record.id)! : record;
		if (after) shown.push(after);
	}
	return shown;
};

const readHead = async (handle: FileHandle, size: number): Promise<Buffer> => {
	const head = Buffer.allocUnsafe(Math.min(size, headBytes));
	const {bytesRead} = await handle.read(head, 0, head.length, 0);
	return head.subarray(0, bytesRead);
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Opens a large data file on its first `count` customers: read from its first half megabyte, with
 * the journal's saves to them, in a few milliseconds. Only for a file this program wrote (or
 * checked), unchanged since, in its compact form (`compact-json.ts`): null for any other (missing,
 * small, changed by hand, a journal that is not the file's), which is then read whole, as before.
 *
 * `rolesFirst`: the caller must know the roles in force before it goes on (acting under another
 * name). The change log, which vouches for them, is read last; so a file whose log (or journal) may
 * vouch for roles is read whole instead.
 */
export const openWindow = async (
	file: string,
	count: number,
	adapter: DurableJsonFile<Dataset>,
	{
		fromBytes = windowFromBytes,
		rolesFirst = false,
	}: {fromBytes?: number | undefined; rolesFirst?: boolean | undefined} = {},
): Promise<OpenedWindow | null> => {
	let handle: FileHandle;
	try {
		handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch {
		return null;
	}
	let head: Buffer;
	let info: Awaited<ReturnType<FileHandle['stat']>>;
	try {
		info = await handle.stat();
		if (!info.isFile() || info.size < fromBytes || info.size > maxDataFileBytes) return null;
		head = await readHead(handle, info.size);
	} finally {
		await handle.close();
	}
	const checked = await checkedAs(file, info);
	if (!checked) return null;
	let key: MasterKey | null = null;
	let plainHead: Buffer | null = head;
	if (isSealed(head)) {
		key = await keyring.find(file, readSealedHeader(head, file));
		plainHead = openHead(head, key, file);
	}
	const lead = plainHead && leadingRecords(plainHead, count);
	if (lead?.key !== 'customers' || lead.before['schemaVersion'] !== currentSchemaVersion) return null;
	const journal = await readJournal(file).catch(() => null);
	// A fold between the two reads, or a journal not as crm writes it beside this file: read whole (and refused there, in words).
	if (!journal || (key && journal.lines.length > 0 && !journal.sealing)) return null;
	if (rolesFirst && (checked.roles !== false || vouchedAccess(journal.lines.flatMap((line) => line.changes)) !== null))
		return null;
	if ((await stampOf(file))?.ino !== info.ino) return null;
	const data = emptyDataset();
	data.customers = asSaved(lead.records as Dataset['customers'], journalRecords(journal).get('customers')) as never;
	// About as many records as the file's bytes hold at the first records' size.
	const perRecord = lead.records.length > 0 ? Math.max(1, lead.end / lead.records.length) : info.size;
	const loading = {done: data.customers.length, total: Math.round(info.size / perRecord)};
	const stamp = stampFrom(info);
	return {
		data,
		loading,
		rest: async (grew, stopped) => {
			const opened = await openPieces(file, maxDataFileBytes);
			if (!opened) return null;
			try {
				// Saved again since the window was read (another console's fold): that is read whole.
				if (!sameStampExactly(stampFrom(opened.info), stamp)) return null;
				const after = await readJournal(file);
				if ((await stampOf(file))?.ino !== info.ino || (key && after.lines.length > 0 && !after.sealing)) return null;
				const raw = await readParts(opened.pieces, journalRecords(after), grew, stopped);
				if (raw === null) return null;
				const base = datasetFromJson(file, raw, true);
				adapter.took(opened.info, true, opened.key);
				return {data: replayJournal(base, after.lines), migratedFrom: undefined, journal: after, stamp, trusted: true};
			} catch (error) {
				if (error instanceof NotCompact) return null;
				throw error;
			} finally {
				opened.close();
			}
		},
	};
};

/**
 * The parsed top level of the file, a part at a time (a turn of the event loop between parts): the
 * console is told each list once it is whole (the journal's saves to it applied; the lists before it
 * as they were told), and how far the reading is every so often. Null when it was stopped (the store closed).
 */
const readParts = async (
	pieces: Pieces,
	saved: Map<StoredEntity, Map<string, AnyStoredRecord | null>>,
	grew: Growth,
	stopped: () => boolean,
): Promise<Record<string, unknown> | null> => {
	const raw: Record<string, unknown> = {};
	const repeated = new RepeatedText();
	const shown = emptyDataset();
	let done = 0;
	let told = performance.now();
	for (const part of compactParts(pieces, datasetLists, partBytes)) {
		takePart(raw, part, repeated);
		if ('records' in part && part.key !== 'changes') done += part.records.length;
		// A list whole now: shown from here on.
		const entity = 'closed' in part && part.closed && isEntity(part.key) ? part.key : null;
		if (entity)
			(shown as Record<StoredEntity, AnyStoredRecord[]>)[entity] = asSaved(
				raw[entity] as AnyStoredRecord[],
				saved.get(entity),
			);
		const now = performance.now();
		if (entity || now - told >= progressEveryMs) {
			const total = Math.max(done, Math.round((done * pieces.size) / Math.max(1, part.end)));
			grew(entity ? {...shown} : null, {done, total});
			told = now;
		}
		await nextTurn();
		if (stopped()) return null;
	}
	return raw;
};

const isEntity = (key: string): key is StoredEntity => (storedEntities as readonly string[]).includes(key);
