import {mkdir} from 'node:fs/promises';
import {dirname} from 'node:path';
import {accessEntity, vouchedAccess} from '../domain/access.js';
import type {RecordStep} from '../domain/apply-mutations.js';
import {chainEntries, headOf} from '../domain/audit-chain.js';
import type {ChangeEntry} from '../domain/change-log.js';
import {currentSchemaVersion, type Dataset} from '../domain/dataset.js';
import type {Settings} from '../domain/settings.js';
import {settingsEntity} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import {keepBackup} from './backups.js';
import {DataFileError} from './data-file-error.js';
import {datasetCodec, migrationOf} from './dataset-codec.js';
import {DurableJsonFile} from './durable-json-file.js';
import {outsideLocks, verifyBeforeCommit, withFileLock} from './file-lock.js';
import {type FileStamp, isChecked, markChecked, sameStamp, stampFrom, stampOf} from './file-stamp.js';
import {
	appendJournal,
	type JournalLine,
	type JournalTail,
	journalPathFor,
	journalStamp,
	noJournal,
	readJournal,
	removeJournal,
	replayJournal,
} from './journal.js';
import {UnreadableFileError} from './regular-file.js';
import {saveFailure} from './save-failure.js';
import {sealStepsInSlices} from './seal-steps.js';
import type {LineSealing} from './sealed/seal-lines.js';
import {isKeyRefusal} from './sealed/set-sealing.js';

/**
 * The adapter that reads and writes a data file: the lock verified before each commit, sealed under
 * the key it was read with (`DurableJsonFile`). With `trusting`, a file this program wrote or
 * checked, unchanged since, is taken without checking its records again (a store opening it; not
 * `crm seed --force`, which reads nothing).
 */
export const dataFileAdapter = (file: string, {trusting = false}: {trusting?: boolean} = {}) =>
	new DurableJsonFile(file, datasetCodec(file), {
		...(trusting ? {isTrusted: async (info) => isChecked(file, info)} : {}),
		beforeCommit: () => verifyBeforeCommit(file),
	});

/** How many change-log entries are chained between two turns of the event loop: some 10 ms of hashing. */
const chainSlice = 1000;

/**
 * `chainEntries`, a slice at a time: the 10,000 entries of a bulk change (or the 100,000 of an
 * import) are not hashed in one piece while a console waits to draw. A save of fewer entries than a
 * slice is chained at once; of more, with a turn before every slice (they were sealed in slices just before).
 */
const chainInSlices = async (previousHash: string, entries: ChangeEntry[]): Promise<ChangeEntry[]> => {
	const chained: ChangeEntry[] = [];
	for (let start = 0; start < entries.length; start += chainSlice) {
		if (entries.length > chainSlice) await new Promise((resolve) => setImmediate(resolve));
		chained.push(...chainEntries(chained.at(-1)?.hash ?? previousHash, entries.slice(start, start + chainSlice)));
	}
	return chained;
};

/**
 * `next` — `before` with `entries` — made ready to save, as every backend saves a change: each
 * record changed sealed (`sealing.undo` puts the seals back if the save then fails), the entries
 * chained to the log (each carries the hash of the one before: the log is tamper-evident, `crm
 * audit verify`), and the log, the audit head and the seals of `next` set.
 */
export const sealAndChain = async (
	before: Dataset,
	next: Dataset,
	entries: ChangeEntry[],
	steps: ReadonlyArray<RecordStep | null>,
) => {
	const sealing = await sealStepsInSlices(before, steps, entries);
	const chained = await chainInSlices(before.changes.at(-1)?.hash ?? '', entries);
	next.changes = [...before.changes, ...chained];
	next.auditHead = {...headOf(next.changes), state: sealing.state};
	next.seals = sealing.seals;
	return {sealing, chained};
};

/**
 * The data file and its journal, read together: the data with the journal's saves applied (null
 * when there is no file), the schema version it was migrated from, what of the journal was read,
 * and the file's stamp and whether its records were taken unchecked.
 */
export const readWithJournal = async (file: string, adapter: DurableJsonFile<Dataset>) => {
	let data: Dataset | null = null;
	let journal: JournalTail = noJournal();
	for (let attempt = 1; ; attempt++) {
		data = await adapter.read();
		journal = await readJournal(file);
		// A fold replaces the file, then removes the journal: a file replaced since it was read may
		// have had its journal removed before it was read too. Read both again.
		const now = await stampOf(file);
		const read = adapter.lastRead?.info;
		if (attempt >= 5 || !read || now === null || now.ino === read.ino) break;
	}
	return {
		data: data && replayJournal(data, journal.lines),
		migratedFrom: data ? migrationOf(data) : undefined,
		journal,
		stamp: adapter.lastRead ? stampFrom(adapter.lastRead.info) : null,
		trusted: adapter.lastRead?.trusted ?? false,
	};
};

export type FileRead = Awaited<ReturnType<typeof readWithJournal>>;

/** The records a save changed, as its journal line holds them: each with the seal its entry carries. */
export const journalRecords = (steps: ReadonlyArray<RecordStep | null>, chained: readonly ChangeEntry[]) =>
	steps.flatMap((step, index) =>
		step
			? [
					{
						entity: step.entity,
						id: step.id,
						record: step.after ?? null,
						...(chained[index]!.recordHash ? {seal: chained[index]!.recordHash!} : {}),
					},
				]
			: [],
	);

/**
 * The file and its journal, read; anything that keeps them from being read is a DataFileError naming
 * the file, and so is a journal whose data file is missing.
 */
export const readOrRefuse = async (file: string, adapter: DurableJsonFile<Dataset>): Promise<FileRead> => {
	let read: FileRead;
	try {
		read = await readWithJournal(file, adapter);
	} catch (error) {
		// A sealed file (the data file, its journal) whose key is refused says so in its own line.
		if (error instanceof DataFileError || isKeyRefusal(error)) throw error;
		if (error instanceof UnreadableFileError) throw new DataFileError(error.path, error.problem);
		throw new DataFileError(file, t('store.file.couldNotRead', {reason: (error as Error).message}));
	}
	const {data, journal} = read;
	// An encrypted file's journal is encrypted from its first line: a plain one beside it was not written by crm.
	if (adapter.key && journal.lines.length > 0 && !journal.sealing)
		throw new DataFileError(
			journalPathFor(file),
			t('store.journal.plainBesideSealed'),
			t('store.journal.plainBesideSealedAdvice'),
		);
	if (data === null && journal.lines.length > 0)
		throw new DataFileError(
			journalPathFor(file),
			t('store.dataset.journalOrphan', {saves: journal.lines.length, file}),
			t('store.dataset.journalOrphanAdvice'),
		);
	return read;
};

/** No journal read yet. */
const noJournalHeld = {offset: 0, ino: 0, lines: 0, sealing: null} as const;

/** What another writer's change brought: whether the data changed, and whether the roles may have. */
/** What another process's save brought: any change, a change of the roles, a change of the settings (logged as entity `settings`). */
export type Refreshed = {changed: boolean; roles: boolean; settings: boolean};

/**
 * One data file as a store keeps it: the data in memory, and how it gets to the disk and back — a
 * whole rewrite (with a backup first) for a small file, one journal line per save for a large one
 * (folded into the file in the background), and the re-reading of what other processes saved.
 */
export class DataFile {
	constructor(
		readonly file: string,
		private readonly adapter: DurableJsonFile<Dataset>,
		/** The data in memory: as last read or saved by this process. */
		public data: Dataset,
		private readonly options: {
			clock: () => number;
			/** The settings in force (backups and journal thresholds). */
			settings: () => Settings;
			/** The fold this process runs when the journal has grown (`JsonFileStore.fold`). */
			fold: () => Promise<unknown>;
		},
	) {}

	/** The file as last read or written here; another process's save changes it. */
	stamp: FileStamp = null;

	/** The older schemaVersion the file had when read (migrated in memory); its first save backs it up first. */
	migratedFrom: number | undefined;

	/** True while this process writes: the watcher then sees our own rename, not another process's save. */
	private writing = false;

	/** The save under way, if any: a signal (SSH drop, kill) lets it finish before the process ends. */
	private saving: Promise<void> | null = null;

	/** A bulk change under way, from its first checks to its save: a signal lets it finish and save too. */
	private bulk: Promise<unknown> | null = null;

	/**
	 * How much of the journal the data in memory holds: bytes (whole lines), which file (inode), how
	 * many lines of saves, and the sealing its header line gave (null: plain), to read on from there.
	 */
	private journal: {offset: number; ino: number; lines: number; sealing: LineSealing | null} = noJournalHeld;

	/** A fold of the journal into the file, started after a save made the journal large; runs in the background. */
	private folding: Promise<void> | null = null;

	private folder: (() => void) | undefined;
	private lastFolderStart = -Infinity;

	/** Takes what `readWithJournal` read as the data in memory. */
	took(read: FileRead): void {
		if (read.data) this.data = read.data;
		this.stamp = read.stamp;
		this.migratedFrom = read.migratedFrom;
		this.journalRead(read.journal);
	}

	/** Saves that have not been folded into the data file yet: journal lines and bytes. */
	get journalSize(): {lines: number; bytes: number} {
		return {lines: this.journal.lines, bytes: this.journal.offset};
	}

	/** Resolves once no save, bulk change or fold is under way (at once if none is). */
	async settle(): Promise<void> {
		await this.bulk?.catch(() => undefined);
		await this.saving?.catch(() => undefined);
		await this.folding?.catch(() => undefined);
	}

	/**
	 * Runs a bulk change (or its undo) as a save under way from its start: its records are checked in
	 * slices, and chained in slices, before anything is written, and an operator who confirmed it and
	 * then lost the connection expects it saved, as a single change would be.
	 */
	async asOneSave<T>(work: () => Promise<T>): Promise<T> {
		const running = work();
		this.bulk = running;
		try {
			return await running;
		} finally {
			if (this.bulk === running) this.bulk = null;
		}
	}

	/** Writes the data in memory as the whole file, as it is; the one place a whole rewrite reaches the disk. */
	async write(): Promise<void> {
		await this.adapter.write(this.data);
	}

	/** Writes the data in memory as the whole file (under the lock, taken here unless the caller holds it). */
	async save(): Promise<void> {
		await withFileLock(this.file, () => this.tracked(this.file, () => this.saveNow()));
	}

	/**
	 * Saves `next` — `before` with one change — durably: one line appended to the journal of a large
	 * file (`lineOf` makes it only then), else the whole file rewritten. The data in memory is `next` once it is saved, and stays
	 * `before` if the save fails.
	 */
	private async commit(before: Dataset, next: Dataset, lineOf: () => Omit<JournalLine, 'seq'>): Promise<void> {
		if (this.journaling()) {
			const seq = (before.journalSeq ?? 0) + 1;
			next.journalSeq = seq;
			await this.appendSave(next, {seq, ...lineOf()});
			return;
		}
		this.data = next;
		try {
			await this.save();
		} catch (error) {
			this.data = before;
			throw error;
		}
	}

	/**
	 * Saves `next` — `before` with `entries` — durably, as one change: each record sealed, the entries
	 * chained to the log, then journaled or written whole. `steps[i]` is the record entry i changed
	 * (null: an entry of the settings or roles). Resolves to the entries as chained.
	 */
	async commitChange(
		before: Dataset,
		next: Dataset,
		entries: ChangeEntry[],
		steps: ReadonlyArray<RecordStep | null>,
	): Promise<ChangeEntry[]> {
		const {sealing, chained} = await sealAndChain(before, next, entries, steps);
		try {
			await this.commit(before, next, () => ({
				records: journalRecords(steps, chained),
				changes: chained,
				auditHead: next.auditHead!,
			}));
		} catch (error) {
			sealing.undo();
			throw error;
		}
		return chained;
	}

	/** Runs a write as the save under way (a signal lets it finish); a refusal by the system comes back in words naming `file`. */
	private async tracked(file: string, work: () => Promise<void>): Promise<void> {
		const saving = work();
		this.saving = saving;
		try {
			await saving;
		} catch (error) {
			throw saveFailure(file, error);
		} finally {
			if (this.saving === saving) this.saving = null;
		}
	}

	/** Records how much of the journal the data in memory holds. */
	private journalRead(journal: JournalTail): void {
		this.journal = {offset: journal.bytes, ino: journal.ino, lines: journal.lines.length, sealing: journal.sealing};
	}

	private async saveNow(): Promise<void> {
		this.writing = true;
		try {
			await mkdir(dirname(this.file), {recursive: true, mode: 0o700});
			// The file as it was, kept before it is replaced: a migration's starting point for good, else a rolling backup.
			const migrated = this.migratedFrom;
			await keepBackup(
				this.file,
				this.options.settings().backups,
				this.options.clock(),
				migrated ? `before-v${currentSchemaVersion}-from-v${migrated}` : undefined,
			);
			await this.write();
			this.migratedFrom = undefined;
			this.stamp = await stampOf(this.file);
			await markChecked(this.file, this.stamp, vouchedAccess(this.data.changes) !== null);
			// The file now holds every journaled save (its journalSeq says up to which): the journal can go.
			if (this.journal.ino !== 0 || this.journal.offset !== 0) await removeJournal(this.file);
			this.journal = noJournalHeld;
		} finally {
			this.writing = false;
		}
	}

	/**
	 * Another console or a script may have saved since this process last read the file: the data in
	 * memory becomes the newest, so their changes are kept, and an edit of a record they changed
	 * meets a newer version and is refused instead of overwriting it.
	 */
	async refresh(): Promise<Refreshed> {
		const none = {changed: false, roles: false, settings: false};
		if (this.writing) return none;
		const current = await stampOf(this.file);
		if (current === null) return none;
		if (sameStamp(current, this.stamp)) return this.readNewJournalLines();
		const read = await readWithJournal(this.file, this.adapter);
		if (!read.data) {
			this.stamp = read.stamp ?? current;
			return none;
		}
		this.took({...read, stamp: read.stamp ?? current});
		return {changed: true, roles: true, settings: true};
	}

	/** The data file is as this process read it: applies the lines other processes appended to the journal since. */
	private async readNewJournalLines(): Promise<Refreshed> {
		const none = {changed: false, roles: false, settings: false};
		const {size, ino} = await journalStamp(this.file);
		if (ino === this.journal.ino && size === this.journal.offset) return none;
		const replaced = ino !== this.journal.ino || size < this.journal.offset;
		const held = replaced ? noJournalHeld : this.journal;
		// Line 1 of a sealed journal is its header: the next save is on line `lines + 2`.
		const tail = await readJournal(this.file, held.offset, held.lines + (held.sealing ? 2 : 1), held.sealing);
		if (tail.ino !== ino && tail.ino !== 0) return none;
		this.journal = {
			offset: held.offset + tail.bytes,
			ino: tail.ino,
			lines: held.lines + tail.lines.length,
			sealing: tail.sealing,
		};
		if (tail.lines.length === 0) return none;
		const next = replayJournal(this.data, tail.lines);
		if (next === this.data) return none;
		this.data = next;
		const logged = (entity: string) => tail.lines.some((line) => line.changes.some((entry) => entry.entity === entity));
		return {changed: true, roles: logged(accessEntity), settings: logged(settingsEntity)};
	}

	/** Whether a save appends to the journal: a large file that exists in the current schema. */
	private journaling(): boolean {
		return (
			this.stamp !== null &&
			this.migratedFrom === undefined &&
			this.stamp.size >= this.options.settings().journal.fromBytes
		);
	}

	/** Appends one save to the journal, durably; the data in memory is `next` once it is written. */
	private async appendSave(next: Dataset, line: JournalLine): Promise<void> {
		this.writing = true;
		try {
			await this.tracked(journalPathFor(this.file), async () => {
				await verifyBeforeCommit(this.file);
				const {offset, lines, sealing} = this.journal;
				// A journal begun now is sealed when the data file is; one begun already keeps its form.
				const written = await appendJournal(this.file, line, offset, {lines, sealing, key: this.adapter.key});
				this.journal = {offset: written.size, ino: written.ino, lines: lines + 1, sealing: written.sealing};
			});
		} finally {
			this.writing = false;
		}
		this.data = next;
		// Sizes as plain text: a sealed journal's lines are base64, 4 bytes for 3 (the data file's chunks add next to nothing).
		const plainBytes = this.journal.sealing ? (this.journal.offset * 3) / 4 : this.journal.offset;
		if (plainBytes >= this.options.settings().journal.foldAt * (this.stamp?.size ?? 0)) this.foldSoon();
	}

	/** Who folds the journal when it has grown: this process (the default), or the function given here (the console starts `crm fold`). */
	foldWith(folder: () => void): void {
		this.folder = folder;
	}

	/**
	 * Folds the journal into the data file in the background (a whole rewrite, with a backup first),
	 * under the lock, so saves stay O(change) and reading the journal at start stays short.
	 */
	private foldSoon(): void {
		if (this.folding) return;
		if (this.folder) {
			// Another process folds (the console's choice: its screen must not stop for a whole rewrite); at most once a minute.
			if (this.options.clock() - this.lastFolderStart < 60_000) return;
			this.lastFolderStart = this.options.clock();
			this.folder();
			return;
		}
		// Started by a save under the lock, but runs after it: it takes the lock of its own.
		const folding = outsideLocks(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
			.then(() => outsideLocks(() => this.options.fold()))
			.then(
				() => undefined,
				() => undefined,
			)
			.finally(() => {
				if (this.folding === folding) this.folding = null;
			});
		this.folding = folding;
	}
}
