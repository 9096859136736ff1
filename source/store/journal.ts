import {constants} from 'node:fs';
import {type FileHandle, open, stat, unlink} from 'node:fs/promises';
import {dirname} from 'node:path';
import {z} from 'zod';
import {type ChangeEntry, changeEntrySchema} from '../domain/change-log.js';
import {
	type AnyStoredRecord,
	type AuditHead,
	auditHeadSchema,
	type Dataset,
	entitySchemas,
	type StoredEntity,
	storedEntities,
} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';
import {DataFileError} from './data-file-error.js';
import {modesIn, settleMode} from './file-modes.js';
import {journalLineParts, writeAll} from './journal-text.js';
import {kindOf, maxDataFileBytes} from './regular-file.js';
import {SealError} from './sealed/seal-error.js';
import type {MasterKey} from './sealed/seal-keys.js';
import {
	isLineHeader,
	type LineSealing,
	newLineHeader,
	openLineIn,
	readLineHeader,
	sealLineIn,
} from './sealed/seal-lines.js';

/**
 * The journal of a large data file: `crm.json.journal`, one JSON line per save, appended and
 * fsync'ed, so a save costs what it changed instead of a rewrite of the whole file. Each line
 * holds the records as saved (a deleted one as null), the change-log entries and the audit head,
 * and a sequence number. The data file (the snapshot) records the last sequence number folded
 * into it (`journalSeq`): lines up to it are already there, so a crash between writing a new
 * snapshot and removing the journal loses and doubles nothing. A line cut off by a killed
 * process (no newline yet) was never acknowledged: readers stop before it, the next save cuts it.
 * The journal of a sealed data file is sealed (see seal-lines.ts): a header line, then each save's
 * line sealed and bound to its line number, so no line can be moved, dropped, repeated or brought in.
 */
export const journalPathFor = (file: string): string => `${file}.journal`;

export type JournalRecord = {
	entity: StoredEntity;
	id: string;
	record: AnyStoredRecord | null;
	/** The record's seal (version 3); absent for a delete. */
	seal?: string;
};

export type JournalLine = {seq: number; records: JournalRecord[]; changes: ChangeEntry[]; auditHead: AuditHead};

const lineShape = z.object({
	seq: z.number().int().min(1),
	records: z.array(
		z.object({entity: z.enum(storedEntities), id: z.string().min(1), record: z.unknown(), seal: z.string().optional()}),
	),
	changes: z.array(z.unknown()),
	auditHead: auditHeadSchema,
});

/**
 * The journal's complete lines from byte `offset` on: the text up to its last newline, and how many
 * bytes that is; `sealing` opens its lines when it is sealed (null: plain, or no whole line yet).
 */
export type JournalTail = {
	lines: JournalLine[];
	bytes: number;
	torn: number;
	size: number;
	ino: number;
	sealing: LineSealing | null;
};

/** No journal. */
export const noJournal = (): JournalTail => ({lines: [], bytes: 0, torn: 0, size: 0, ino: 0, sealing: null});

/** A line of the journal that is not as a save wrote it: `what` names the line and what is wrong with it. */
const problem = (file: string, what: string): DataFileError =>
	new DataFileError(journalPathFor(file), what, t('store.journal.lineAdvice', {file}));

/** Validates one line: its shape, then every record and change-log entry in it, naming the first that is wrong. */
export const parseJournalLine = (file: string, text: string, lineNumber: number): JournalLine => {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw problem(file, t('store.journal.notJson', {line: lineNumber}));
	}
	const shape = lineShape.safeParse(raw);
	if (!shape.success) {
		const issue = shape.error.issues[0]!;
		throw problem(
			file,
			t('store.journal.field', {line: lineNumber, field: issue.path.map(String).join('.'), message: issue.message}),
		);
	}
	const records = shape.data.records.map(({entity, id, record, seal}): JournalRecord => {
		if (record === null) return {entity, id, record: null};
		const checked = entitySchemas[entity].safeParse(record);
		if (!checked.success) {
			const issue = checked.error.issues[0]!;
			throw problem(
				file,
				t('store.journal.recordField', {
					line: lineNumber,
					entity,
					id,
					field: issue.path.map(String).join('.'),
					message: issue.message,
				}),
			);
		}
		if (checked.data.id !== id)
			throw problem(file, t('store.journal.misfiled', {line: lineNumber, id: checked.data.id, filed: id}));
		return seal === undefined
			? {entity, id, record: checked.data as AnyStoredRecord}
			: {entity, id, record: checked.data as AnyStoredRecord, seal};
	});
	const changes = shape.data.changes.map((entry) => {
		const checked = changeEntrySchema.safeParse(entry);
		if (!checked.success)
			throw problem(
				file,
				t('store.journal.changeField', {
					line: lineNumber,
					field: checked.error.issues[0]!.path.map(String).join('.'),
					message: checked.error.issues[0]!.message,
				}),
			);
		return checked.data;
	});
	return {seq: shape.data.seq, records, changes, auditHead: shape.data.auditHead};
};

/** The text of a sealed journal's line `lineNumber`; one that does not open there is a problem naming the line. */
const openSaveLine = (file: string, text: string, sealing: LineSealing, lineNumber: number): string => {
	try {
		return openLineIn(text, sealing, journalPathFor(file), lineNumber);
	} catch (error) {
		if (error instanceof SealError && error.code === 'damaged')
			throw problem(file, t('store.read.sealedLine', {line: lineNumber}));
		throw error;
	}
};

/**
 * The saves in `text`, the journal's whole lines from line `firstLineNumber` on (each ending in a
 * newline). At the start of the file a header line says it is sealed (its key is found, and checked,
 * before any line is read); in a sealed journal every line after it must open as sealed at its place.
 */
const linesIn = async (
	file: string,
	text: string,
	firstLineNumber: number,
	sealing: LineSealing | null,
): Promise<{lines: JournalLine[]; sealing: LineSealing | null}> => {
	const lines: JournalLine[] = [];
	let form = sealing;
	let lineNumber = firstLineNumber;
	for (const line of text === '' ? [] : text.slice(0, -1).split('\n')) {
		if (lineNumber === 1 && isLineHeader(line)) form = await readLineHeader(line, journalPathFor(file));
		else if (form) lines.push(parseJournalLine(file, openSaveLine(file, line, form, lineNumber), lineNumber));
		else if (line.trim() !== '') lines.push(parseJournalLine(file, line, lineNumber));
		lineNumber++;
	}
	return {lines, sealing: form};
};

/**
 * Reads the journal from byte `offset` (where the reader stopped last time: its line `firstLineNumber`,
 * and the `sealing` it read there, from the journal's header line). A missing journal is an empty
 * one. Only lines ending in a newline count; `torn` is the length of a last line without.
 */
export const readJournal = async (
	file: string,
	offset = 0,
	firstLineNumber = 1,
	sealing: LineSealing | null = null,
): Promise<JournalTail> => {
	let handle: FileHandle;
	try {
		// Without blocking: a named pipe planted as the journal must not stall the store.
		handle = await open(journalPathFor(file), constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return noJournal();
		throw new DataFileError(journalPathFor(file), t('store.file.couldNotRead', {reason: (error as Error).message}));
	}
	try {
		const info = await handle.stat();
		if (!info.isFile())
			throw new DataFileError(
				journalPathFor(file),
				t('store.read.notRegular', {kind: kindOf(info)}),
				t('store.journal.moveAway'),
			);
		if (info.size - offset > maxDataFileBytes)
			throw new DataFileError(
				journalPathFor(file),
				t('store.journal.tooLarge', {bytes: info.size}),
				t('store.journal.foldAdvice'),
			);
		if (info.size <= offset) return {...noJournal(), size: info.size, ino: info.ino, sealing};
		const buffer = Buffer.alloc(info.size - offset);
		const {bytesRead} = await handle.read(buffer, 0, buffer.length, offset);
		const end = buffer.lastIndexOf(10, bytesRead - 1) + 1;
		const read = await linesIn(file, buffer.toString('utf8', 0, end), firstLineNumber, sealing);
		return {...read, bytes: end, torn: bytesRead - end, size: info.size, ino: info.ino};
	} finally {
		await handle.close();
	}
};

/** The lines a data file does not hold yet: those after the `journalSeq` it records (any value but a number means none). */
export const linesAfter = (lines: readonly JournalLine[], journalSeq: unknown): JournalLine[] => {
	const folded = typeof journalSeq === 'number' ? journalSeq : 0;
	return lines.filter((line) => line.seq > folded);
};

/**
 * The change log of a data file as parsed JSON (not yet validated) continued by its journal's
 * pending lines, and the audit head that goes with it: what `crm audit verify` and `crm doctor` check.
 */
export const changeLogWith = (
	raw: {changes?: unknown; auditHead?: AuditHead},
	pending: readonly JournalLine[],
): {changes: unknown[]; head: AuditHead | undefined} => ({
	changes: [...(Array.isArray(raw.changes) ? raw.changes : []), ...pending.flatMap((line) => line.changes)],
	head: pending.at(-1)?.auditHead ?? raw.auditHead,
});

/**
 * Applies journal lines after `dataset.journalSeq` to a copy of it, as the saves that wrote them
 * did: an update in place, a delete removed, a create (or a record brought back) at the end.
 * Runs in one pass per touched list however many lines there are.
 */
export const replayJournal = (dataset: Dataset, lines: readonly JournalLine[]): Dataset => {
	const fresh = linesAfter(lines, dataset.journalSeq);
	if (fresh.length === 0) return dataset;
	const next: Dataset = {...dataset};
	const byEntity = new Map<StoredEntity, JournalRecord[]>();
	for (const line of fresh)
		for (const entry of line.records) {
			const entries = byEntity.get(entry.entity);
			if (entries) entries.push(entry);
			else byEntity.set(entry.entity, [entry]);
		}
	// The seals travel with the records (kept in place, as the store keeps them: see record-seal.ts).
	const seals = dataset.seals;
	if (seals)
		for (const [entity, entries] of byEntity)
			for (const {id, record, seal} of entries) {
				if (record === null) seals.set(entity, id, null);
				else if (seal !== undefined) seals.set(entity, id, seal);
			}
	for (const [entity, entries] of byEntity) {
		const list = dataset[entity] as AnyStoredRecord[];
		const position = new Map<string, number>();
		for (let index = 0; index < list.length; index++) position.set(list[index]!.id, index);
		const replaced = new Map<number, AnyStoredRecord | null>();
		// Records not in the list as it was (new ones, or ones deleted and brought back): in the order they were last added.
		const appended = new Map<string, AnyStoredRecord>();
		for (const {id, record} of entries) {
			const index = position.get(id);
			if (index !== undefined) {
				replaced.set(index, record);
				if (record === null) position.delete(id);
				continue;
			}
			// Map.set keeps an updated record where it is; one deleted and brought back goes to the end.
			if (record === null) appended.delete(id);
			else appended.set(id, record);
		}
		const merged: AnyStoredRecord[] = [];
		for (let index = 0; index < list.length; index++) {
			const record = replaced.has(index) ? replaced.get(index)! : list[index]!;
			if (record !== null) merged.push(record);
		}
		merged.push(...appended.values());
		(next as Record<StoredEntity, AnyStoredRecord[]>)[entity] = merged;
	}
	next.changes = [...dataset.changes, ...fresh.flatMap((line) => line.changes)];
	next.auditHead = fresh.at(-1)!.auditHead;
	next.journalSeq = fresh.at(-1)!.seq;
	return next;
};

/** Where a journal is appended: its whole `lines` of saves, the `sealing` they were read with, and the `key` of a journal begun now. */
export type JournalForm = {lines: number; sealing: LineSealing | null; key: MasterKey | null};

const plainForm: JournalForm = {lines: 0, sealing: null, key: null};

/**
 * The bytes that append `line` after `base` bytes of whole lines, in parts: a journal begun now
 * (`base` 0) is sealed when the data file is (a header line first, in the same write); one begun
 * already keeps its form. A sealed line is sealed whole, so its text is joined first.
 */
const bytesToAppend = async (line: JournalLine, base: number, form: JournalForm) => {
	const parts = await journalLineParts(line);
	if (base === 0 && form.key) {
		const begun = newLineHeader(form.key);
		const json = parts.join('').slice(0, -1);
		return {bytes: [Buffer.from(`${begun.text}\n${sealLineIn(json, begun.sealing, 2)}\n`)], sealing: begun.sealing};
	}
	if (base === 0 || !form.sealing) return {bytes: parts.map((part) => Buffer.from(part, 'utf8')), sealing: null};
	// Line 1 is the header: the save after `lines` saves is line `lines + 2`.
	const json = parts.join('').slice(0, -1);
	return {bytes: [Buffer.from(`${sealLineIn(json, form.sealing, form.lines + 2)}\n`)], sealing: form.sealing};
};

/**
 * Appends one line and makes it durable before resolving. A torn last line left by a killed
 * writer (`keep` bytes are whole) is cut first, so the new line starts on a line of its own.
 * A write the system cuts short (a full disk writes what fits and says nothing) is finished or
 * refused: on any failure the journal is cut back to `keep` bytes, as it was, and the error
 * thrown, so a save is never acknowledged with part of its line on disk. Resolves to the
 * journal's size and inode, and the sealing of its lines (null: plain).
 */
export const appendJournal = async (
	file: string,
	line: JournalLine,
	keep: number,
	form: JournalForm = plainForm,
): Promise<{size: number; ino: number; sealing: LineSealing | null}> => {
	const path = journalPathFor(file);
	let created = false;
	let handle: FileHandle;
	try {
		handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		handle = await open(
			path,
			constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
			0o600,
		);
		created = true;
		await settleMode(handle, null, await modesIn(dirname(path)));
	}
	try {
		const info = await handle.stat();
		if (!info.isFile()) throw new DataFileError(path, t('store.journal.notRegular'), t('store.journal.moveAway'));
		// The whole lines to keep: a torn line after them is cut (a journal shorter than expected is kept whole).
		const base = Math.min(info.size, keep);
		if (info.size > base) await handle.truncate(base);
		const {bytes, sealing} = await bytesToAppend(line, base, form);
		const length = bytes.reduce((sum, part) => sum + part.length, 0);
		try {
			await writeAll(handle, path, bytes);
			await handle.datasync();
			const written = await handle.stat();
			if (written.size !== base + length)
				throw Object.assign(
					// i18n-exempt: a system error's words, said again by saveFailure from its code
					new Error(`${path} holds ${written.size} bytes after the save, not the ${base + length} written`),
					{code: 'EIO'},
				);
			if (created) await syncFolder(dirname(path));
			return {size: written.size, ino: written.ino, sealing};
		} catch (error) {
			// Nothing of this save may stay: the journal goes back to the whole lines it had.
			await handle.truncate(base).catch(() => undefined);
			await handle.datasync().catch(() => undefined);
			throw error;
		}
	} finally {
		await handle.close();
	}
};

const syncFolder = async (folder: string): Promise<void> => {
	const handle = await open(folder, constants.O_RDONLY);
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
};

/** Removes the journal once a snapshot holds everything in it (its lines are then skipped anyway if it stays). */
export const removeJournal = async (file: string): Promise<void> => {
	try {
		await unlink(journalPathFor(file));
		await syncFolder(dirname(file));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
};

/** The journal's size and identity (0 and 0 when there is none). */
export const journalStamp = async (file: string): Promise<{size: number; ino: number}> => {
	try {
		const info = await stat(journalPathFor(file));
		return {size: info.size, ino: info.ino};
	} catch {
		return {size: 0, ino: 0};
	}
};
