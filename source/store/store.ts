import {constants, type FSWatcher, watch} from 'node:fs';
import {mkdir, open, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import {basename, dirname, join, resolve} from 'node:path';
import {Low} from 'lowdb';
import {
	type AccessSettings,
	accessEntity,
	accessFieldChanges,
	accessRecordId,
	may,
	mayChangeSettings,
	mayExport,
	type Role,
	refusal,
	roleOf,
	rolesConfigured,
	sameAccess,
	vouchedAccess,
} from '../domain/access.js';
import {chainEntries, headOf} from '../domain/audit-chain.js';
import {type ChangeEntry, diffRecords} from '../domain/change-log.js';
import {controlCharacterProblem} from '../domain/control-characters.js';
import {
	type AnyStoredRecord,
	currentSchemaVersion,
	type Dataset,
	emptyDataset,
	entityFieldSchemas,
	entityIdPrefix,
	entitySchemas,
	entitySingular,
	type StoredEntity,
} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import {issueInWords, type SchemaIssue} from '../domain/issue-words.js';
import {howToChangeBack, inverseOf, lastUndoable, laterSettingsChange, type Mutation} from '../domain/mutation.js';
import {recordLabel} from '../domain/record-label.js';
import {applyRecordRules, derivedFieldSeeds} from '../domain/record-rules.js';
import {
	addDigest,
	recordDigest,
	removeDigest,
	type Seals,
	sealAll,
	sealed,
	sealOf,
	stateText,
	stateValue,
} from '../domain/record-seal.js';
import {
	defaultSettings,
	type Settings,
	settingsEntity,
	settingsFieldChanges,
	settingsRecordId,
} from '../domain/settings.js';
import {controlCharacterProblems} from '../domain/stored-text.js';
import {keepBackup} from './backups.js';
import {DataFileError} from './data-file-error.js';
import {datasetCodec, migrationOf} from './dataset-codec.js';
import {DurableJsonFile, removeAbandonedTemporaries, writeFileDurably} from './durable-json-file.js';
import {checkedPathFor, writeExportFile} from './export-file.js';
import {heldLock, outsideLocks, prepareLocking, withFileLock} from './file-lock.js';
import {modesIn, settleMode} from './file-modes.js';
import {
	appendJournal,
	type JournalLine,
	type JournalTail,
	journalPathFor,
	journalStamp,
	readJournal,
	removeJournal,
	replayJournal,
} from './journal.js';
import {MutationError} from './mutation-error.js';
import {followLinks, readRegularFile, UnreadableFileError} from './regular-file.js';
import {loadSettings, type SettingsPatch, settingsPathFor, updateSettingsFile} from './settings-file.js';

export type ApplyResult = {dataset: Dataset; entries: ChangeEntry[]; records: Array<AnyStoredRecord | undefined>};

/** One record a save changes: as it was (absent for a create) and as it is saved (absent for a delete). */
type Step = {entity: StoredEntity; id: string; before: AnyStoredRecord | undefined; after: AnyStoredRecord | undefined};

type Applied = {entries: ChangeEntry[]; steps: Step[]};

type Clock = () => number;

/** What identifies one version of the file on disk: a rename-over-write gives a new inode, an edit in place new times. */
type FileStamp = {ino: number; size: number; mtimeMs: number; ctimeMs: number} | null;

const stampFrom = (info: {ino: number; size: number; mtimeMs: number; ctimeMs: number}): NonNullable<FileStamp> => ({
	ino: info.ino,
	size: info.size,
	mtimeMs: info.mtimeMs,
	ctimeMs: info.ctimeMs,
});

const stampOf = async (file: string): Promise<FileStamp> => {
	try {
		return stampFrom(await stat(file));
	} catch {
		return null;
	}
};

/**
 * Whether the file's content is as it was: the same inode, size and modification time. (Not its
 * change time: a backup's hard link changes that without touching the content, and every other
 * console would load the whole file again for nothing.)
 */
const sameStamp = (a: FileStamp, b: FileStamp): boolean =>
	a === b || (a !== null && b !== null && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs);

/** Whether the file is byte for byte as stamped, change time included: an edit that puts the modification time back still shows. */
const sameStampExactly = (a: FileStamp, b: FileStamp): boolean => sameStamp(a, b) && a?.ctimeMs === b?.ctimeMs;

/**
 * `crm.json.checked`: the stamp of the data file as this program last wrote or fully checked it.
 * While the file still has that stamp, loading it skips checking each record again; any other
 * change to it (an edit by hand, another tool, a restore) changes the stamp, and the next load checks
 * every record. A lost or damaged stamp file only means one full check.
 */
export {checkedPathFor};

const isChecked = async (
	file: string,
	info: {ino: number; size: number; mtimeMs: number; ctimeMs: number},
): Promise<boolean> => {
	try {
		const read = await readRegularFile(checkedPathFor(file), 4096);
		return read !== null && sameStampExactly(JSON.parse(read.bytes.toString('utf8')) as FileStamp, stampFrom(info));
	} catch {
		return false;
	}
};

const markChecked = async (file: string, stamp: FileStamp): Promise<void> => {
	if (stamp === null) return;
	// Never through a link planted under its name.
	await open(
		checkedPathFor(file),
		constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
		0o600,
	)
		.then(async (handle) => {
			try {
				await settleMode(handle, null, await modesIn(dirname(file)));
				await handle.writeFile(`${JSON.stringify(stamp)}\n`);
			} finally {
				await handle.close();
			}
		})
		.catch(() => undefined);
};

/**
 * The data file and its journal, read together: the data with the journal's saves applied (null
 * when there is no file), the schema version it was migrated from, what of the journal was read,
 * and the file's stamp and whether its records were taken unchecked.
 */
const readWithJournal = async (file: string, adapter: DurableJsonFile<Dataset>) => {
	let data: Dataset | null;
	let journal: JournalTail;
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

/**
 * The last step before a save becomes visible (the rename of a rewritten file, the append to the
 * journal): the lock must still be this process's. For tests only, `CRM_TEST_SLOW_SAVE_MS` first
 * keeps the process busy that long, as a save of a very large file would, and
 * `CRM_TEST_STOP_BEFORE_COMMIT=1` stops the process right here (SIGSTOP to itself), as a suspended
 * laptop or a Ctrl+Z would, until a SIGCONT.
 */
const beforeCommit = async (file: string): Promise<void> => {
	const slow = Number(process.env['CRM_TEST_SLOW_SAVE_MS'] ?? 0);
	if (slow > 0) {
		const until = Date.now() + slow;
		while (Date.now() < until) {
			// Busy on purpose: the event loop is blocked, as by JSON.stringify of 500,000 records.
		}
	}
	if (process.env['CRM_TEST_STOP_BEFORE_COMMIT'] === '1') process.kill(process.pid, 'SIGSTOP');
	await heldLock(file)?.verify();
};

/** `~/reports/x.csv` → the home folder's; anything else as it is. */
const expandHome = (path: string): string =>
	path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;

/** A save the system refused (a full disk, a read-only file system): in words, and counted as an error. */
export class SaveError extends Error {
	override readonly name = 'SaveError';
}

const systemReasons: Record<string, (file: string) => string> = {
	ENOSPC: (file) => `the disk holding ${file} is full`,
	EDQUOT: (file) => `the disk quota for ${file} is used up`,
	EROFS: (file) => `${file} is on a read-only file system`,
	EACCES: (file) => `${file} (or its folder) may not be written by this user`,
	EPERM: (file) => `${file} (or its folder) may not be written by this user`,
	EIO: (file) => `the disk holding ${file} reported an input/output error`,
};

/** Turns a system error of a save into a sentence an operator can act on; anything else passes as it is. */
export const saveFailure = (file: string, error: unknown): unknown => {
	const code = (error as NodeJS.ErrnoException).code;
	const reason = code ? systemReasons[code] : undefined;
	if (!reason) return error;
	return new SaveError(
		`Not saved: ${reason(file)} (${code}). The file is as it was and your input is kept: free some space or fix the permissions, then save again.`,
	);
};

/** The one way the app reads and writes its data file. */
export class CrmStore {
	private constructor(
		readonly file: string,
		private readonly db: Low<Dataset>,
		/** False when the file did not exist yet: nothing is written until the first save. */
		readonly existed: boolean,
		/** The settings as the file beside the data holds them (its roles may not be the ones in force). */
		private fileSettings: Settings,
		private readonly clock: Clock,
		/** The file as last read or written by this store; another process's save changes it. */
		private stamp: FileStamp,
	) {
		this.resolveAccess();
	}

	/** False when the file loaded was one this program wrote or checked, unchanged since: its records were taken as they were. */
	recordsChecked = true;

	/** `--readonly`: this store refuses every change, whoever asks. */
	private readonlyMode = false;

	get readonly(): boolean {
		return this.readonlyMode;
	}

	/** The role an operator has in this file's access settings (everyone is admin while none are set). */
	roleOf(operator: string): Role {
		return roleOf(this.settings.access, operator);
	}

	/** Loads and validates the whole file. A missing file opens as an empty CRM; a bad one throws DataFileError. */
	/** `lockingLater`: the caller (a console, busy drawing its first frame) calls `prepareLocking` itself once it has time. */
	static async open(
		path: string,
		clock: Clock = Date.now,
		options: {readonly?: boolean; lockingLater?: boolean} = {},
	): Promise<CrmStore> {
		// A link is followed: saves replace the file it points at, not the link.
		const file = await followLinks(path);
		const adapter = new DurableJsonFile(file, datasetCodec(file), {
			isTrusted: async (info) => isChecked(file, info),
			beforeCommit: () => beforeCommit(file),
		});
		const db = new Low<Dataset>(adapter, emptyDataset());
		let read: Awaited<ReturnType<typeof readWithJournal>>;
		try {
			read = await readWithJournal(file, adapter);
		} catch (error) {
			if (error instanceof DataFileError) throw error;
			if (error instanceof UnreadableFileError) throw new DataFileError(error.path, error.problem);
			throw new DataFileError(file, `it could not be read (${(error as Error).message})`);
		}
		const {data, journal, stamp} = read;
		if (data === null && journal.lines.length > 0)
			throw new DataFileError(
				journalPathFor(file),
				`it holds ${journal.lines.length} saves, but the data file ${file} they belong to is missing`,
				'Bring the data file back (crm doctor --restore lists its backups) or move the journal away to start afresh.',
			);
		if (data) db.data = data;
		const store = new CrmStore(file, db, data !== null, await loadSettings(file), clock, stamp);
		store.journalRead(journal);
		store.recordsChecked = !read.trusted;
		store.migratedFrom = read.migratedFrom;
		store.readonlyMode = options.readonly ?? false;
		if (!store.readonlyMode) {
			// The thread that keeps locks fresh starts now, ahead of a first save that may keep this process busy for seconds.
			if (!options.lockingLater) prepareLocking();
			// A process killed mid-save (kill -9, power loss) leaves its temporary file: it held no acknowledged save.
			await removeAbandonedTemporaries(file);
		}
		// Every record was checked and found valid: the next load of this very file need not check them again.
		if (!store.readonlyMode && data && !read.trusted && store.migratedFrom === undefined)
			await markChecked(file, stamp);
		return store;
	}

	/** Writes `data` as the whole file without reading what was there; used by `crm seed --force`. */
	static async create(path: string, data: Dataset): Promise<CrmStore> {
		const file = await followLinks(path);
		const db = new Low<Dataset>(
			new DurableJsonFile(file, datasetCodec(file), {beforeCommit: () => beforeCommit(file)}),
			sealed(data),
		);
		const store = new CrmStore(file, db, true, defaultSettings(), Date.now, null);
		// The journal of the file replaced belongs to it, not to this data.
		await removeJournal(file);
		await store.save();
		return store;
	}

	get data(): Dataset {
		return this.db.data;
	}

	/** The settings in force: the file's, with the roles the change log vouches for. */
	get settings(): Settings {
		return this.currentSettings;
	}

	private currentSettings!: Settings;

	/** Set when the settings file's roles are not those in force (changed there by hand): in words, naming the file. */
	rolesWarning: string | null = null;

	/** Roles found in the settings file of a log that vouches for none yet (set before roles were bound, or by hand): vouched for by the next save. */
	private rolesToVouch = false;

	/**
	 * Which roles are in force: those of the change log's latest roles entry. Roles in the settings
	 * file that differ were changed there by hand: they are not in force, and the warning says so.
	 * A log without a roles entry takes the file's roles (as they were before roles were bound, or
	 * as first written by hand), and the next save vouches for them in the log.
	 */
	private resolveAccess(): void {
		const found = this.fileSettings.access;
		const vouched = vouchedAccess(this.db.data.changes);
		this.rolesToVouch = vouched === null && rolesConfigured(found);
		this.currentSettings = vouched ? {...this.fileSettings, access: vouched.access} : this.fileSettings;
		const when = vouched ? `by ${vouched.by} at ${vouched.at.slice(0, 16).replace('T', ' ')} UTC` : '';
		const how = rolesConfigured(found)
			? `are not those last set with crm access (${when}): they were changed there by hand, so they are not in force; those set with crm access are`
			: `are gone (the file was removed or emptied), but the log holds those last set with crm access (${when}): those are in force`;
		this.rolesWarning =
			vouched && !sameAccess(found, vouched.access)
				? `The roles in ${settingsPathFor(this.file)} ${how}. \`crm access\` lists them; an admin changes them with \`crm access set NAME ROLE\`, which writes the file again.`
				: null;
	}

	/**
	 * Writes records exported from a list beside the data file (or at `path`, relative to its
	 * folder), owner-only; returns where. Never over one of crm's own files or anything but a
	 * regular file; an existing file only with `replace` (ExportExistsError asks for it). Writing a
	 * file is refused with --readonly and to a viewer, like every change.
	 */
	async writeExport(
		name: string,
		text: string,
		path: string | undefined,
		operator: string,
		replace = false,
	): Promise<string> {
		if (this.readonlyMode)
			throw new MutationError('Read-only: this console was started with --readonly, so it writes no file.');
		const role = this.roleOf(operator);
		if (!mayExport(role)) throw new MutationError(refusal(operator, role, 'export'));
		const file = path ? resolve(dirname(this.file), expandHome(path)) : join(dirname(this.file), name);
		return writeExportFile(this.file, file, text, replace);
	}

	/** Changes a target, a checklist mark or a role in the settings file (admins only); the new settings apply at once. */
	async updateSettings(patch: SettingsPatch, operator: string): Promise<Settings> {
		if (this.readonlyMode)
			throw new MutationError('Read-only: this console was started with --readonly, so nothing is changed.');
		this.checkIdentity(operator);
		const role = this.roleOf(operator);
		if (!mayChangeSettings(role)) throw new MutationError(refusal(operator, role, 'settings'));
		if (patch.kind === 'role') return this.changeRoles(patch.operator, patch.role, operator);
		return withFileLock(this.file, async () => {
			await this.refreshIfChanged();
			const before = this.currentSettings;
			// Logged and chained like a record's change, once the new settings are valid and before they are written.
			this.fileSettings = await updateSettingsFile(this.file, patch, async (after) => {
				const changes = settingsFieldChanges(before, after);
				if (changes.length === 0) return;
				const label =
					patch.kind === 'target'
						? `target of ${patch.label ?? patch.id}`
						: patch.kind === 'requirement'
							? `requirement “${patch.label ?? patch.id}”`
							: 'assessment settings';
				const entry: ChangeEntry = {
					id: newId('chg'),
					at: new Date(this.clock()).toISOString(),
					operator,
					action: 'update',
					entity: settingsEntity,
					recordId: settingsRecordId,
					label,
					changes,
					undoOf: null,
					batch: null,
				};
				await this.commit(this.db.data, {...this.db.data}, [entry], [null], operator);
			});
			this.resolveAccess();
			return this.currentSettings;
		});
	}

	/** The older schemaVersion the file had when read (migrated in memory); its first save backs it up first. */
	private migratedFrom: number | undefined;

	/** True while this store writes: the watcher then sees our own rename, not another process's save. */
	private writing = false;

	/** The save under way, if any: a signal (SSH drop, kill) lets it finish before the process ends. */
	private saving: Promise<void> | null = null;

	/** How much of the journal this store has applied: bytes (whole lines), which file (inode), how many lines. */
	private journal = {offset: 0, ino: 0, lines: 0};

	/** A fold of the journal into the file, started after a save made the journal large; runs in the background. */
	private folding: Promise<void> | null = null;

	/** Resolves once no save or fold is under way (at once if none is). */
	async settle(): Promise<void> {
		await this.saving?.catch(() => undefined);
		await this.folding?.catch(() => undefined);
	}

	/** Saves that have not been folded into the data file yet: journal lines and bytes. */
	get journalSize(): {lines: number; bytes: number} {
		return {lines: this.journal.lines, bytes: this.journal.offset};
	}

	/** Writes the data in memory as the whole file (under the lock, taken here unless the caller holds it). */
	async save(): Promise<void> {
		await withFileLock(this.file, () => this.tracked(this.file, () => this.saveNow()));
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
		this.journal = {offset: journal.bytes, ino: journal.ino, lines: journal.lines.length};
	}

	private async saveNow(): Promise<void> {
		this.writing = true;
		try {
			await mkdir(dirname(this.file), {recursive: true, mode: 0o700});
			// The file as it was, kept before it is replaced: a migration's starting point for good, else a rolling backup.
			const migrated = this.migratedFrom;
			await keepBackup(
				this.file,
				this.currentSettings.backups,
				this.clock(),
				migrated ? `before-v${currentSchemaVersion}-from-v${migrated}` : undefined,
			);
			await this.db.write();
			this.migratedFrom = undefined;
			this.stamp = await stampOf(this.file);
			await markChecked(this.file, this.stamp);
			// The file now holds every journaled save (its journalSeq says up to which): the journal can go.
			if (this.journal.ino !== 0 || this.journal.offset !== 0) await removeJournal(this.file);
			this.journal = {offset: 0, ino: 0, lines: 0};
		} finally {
			this.writing = false;
		}
	}

	/**
	 * Calls `onChange` with the newest data whenever another process saves the file. Saves rename a
	 * new file over the old one, so the folder is watched (for that name), with a poll as a fallback
	 * where watching is not possible (some network file systems). Returns a function that stops it.
	 */
	watch(onChange: (data: Dataset) => void, pollMs = 1000): () => void {
		let checking = false;
		const check = async () => {
			if (checking) return;
			checking = true;
			try {
				if (await this.refreshIfChanged()) onChange(this.db.data);
			} catch {
				// A file caught half-way through another process's rename, or briefly unreadable: the next check sees it whole.
			} finally {
				checking = false;
			}
		};
		let watcher: FSWatcher | undefined;
		try {
			const journalName = basename(journalPathFor(this.file));
			watcher = watch(dirname(this.file), (_, name) => {
				if (name === null || name === basename(this.file) || name === journalName) void check();
			});
			watcher.on('error', () => watcher?.close());
		} catch {
			watcher = undefined;
		}
		const timer = setInterval(() => void check(), pollMs);
		timer.unref();
		return () => {
			clearInterval(timer);
			watcher?.close();
		};
	}

	/**
	 * Another console or a script may have saved since this store last read the file: changes are
	 * then applied to the newest data, so theirs are kept, and an edit of a record they changed
	 * meets a newer version and is refused instead of overwriting it.
	 */
	private async refreshIfChanged(): Promise<boolean> {
		if (this.writing) return false;
		const current = await stampOf(this.file);
		if (current === null) return false;
		if (sameStamp(current, this.stamp)) return this.readNewJournalLines();
		const read = await readWithJournal(this.file, this.db.adapter as DurableJsonFile<Dataset>);
		this.stamp = read.stamp ?? current;
		if (!read.data) return false;
		this.db.data = read.data;
		this.journalRead(read.journal);
		this.migratedFrom = read.migratedFrom;
		await this.followRoles();
		return true;
	}

	/** After another process's save: roles it changed are in force here too (and its settings file, written with them, is read again). */
	private async followRoles(): Promise<void> {
		const vouched = vouchedAccess(this.db.data.changes);
		if (vouched && !sameAccess(vouched.access, this.currentSettings.access))
			this.fileSettings = await loadSettings(this.file).catch(() => this.fileSettings);
		this.resolveAccess();
	}

	/** The data file is as this store read it: applies the lines other processes appended to the journal since. */
	private async readNewJournalLines(): Promise<boolean> {
		const {size, ino} = await journalStamp(this.file);
		if (ino === this.journal.ino && size === this.journal.offset) return false;
		const replaced = ino !== this.journal.ino || size < this.journal.offset;
		const base = replaced ? 0 : this.journal.offset;
		const tail = await readJournal(this.file, base, replaced ? 1 : this.journal.lines + 1);
		if (tail.ino !== ino && tail.ino !== 0) return false;
		this.journal = {
			offset: base + tail.bytes,
			ino: tail.ino,
			lines: (replaced ? 0 : this.journal.lines) + tail.lines.length,
		};
		if (tail.lines.length === 0) return false;
		const next = replayJournal(this.db.data, tail.lines);
		if (next === this.db.data) return false;
		this.db.data = next;
		if (tail.lines.some((line) => line.changes.some((entry) => entry.entity === accessEntity)))
			await this.followRoles();
		return true;
	}

	/** Whether a save appends to the journal: a large file that exists in the current schema. */
	private journaling(): boolean {
		return (
			this.stamp !== null &&
			this.migratedFrom === undefined &&
			this.stamp.size >= this.currentSettings.journal.fromBytes
		);
	}

	/** Appends one save to the journal, durably; the data in memory is `next` once it is written. */
	private async appendSave(next: Dataset, line: JournalLine): Promise<void> {
		this.writing = true;
		try {
			await this.tracked(journalPathFor(this.file), async () => {
				await beforeCommit(this.file);
				const written = await appendJournal(this.file, line, this.journal.offset);
				this.journal = {offset: written.size, ino: written.ino, lines: this.journal.lines + 1};
			});
		} finally {
			this.writing = false;
		}
		this.db.data = next;
		if (this.journal.offset >= this.currentSettings.journal.foldAt * (this.stamp?.size ?? 0)) this.foldSoon();
	}

	/**
	 * Folds the journal into the data file in the background (a whole rewrite, with a backup first),
	 * under the lock, so saves stay O(change) and reading the journal at start stays short.
	 */
	private foldSoon(): void {
		if (this.folding) return;
		if (this.folder) {
			// Another process folds (the console's choice: its screen must not stop for a whole rewrite); at most once a minute.
			if (this.clock() - this.lastFolderStart < 60_000) return;
			this.lastFolderStart = this.clock();
			this.folder();
			return;
		}
		// Started by a save under the lock, but runs after it: it takes the lock of its own.
		const folding = outsideLocks(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
			.then(() => outsideLocks(() => this.fold()))
			.then(
				() => undefined,
				() => undefined,
			)
			.finally(() => {
				if (this.folding === folding) this.folding = null;
			});
		this.folding = folding;
	}

	/** Who folds the journal when it has grown: this process (the default), or the function given here (the console starts `crm fold`). */
	foldWith(folder: () => void): void {
		this.folder = folder;
	}

	private folder: (() => void) | undefined;
	private lastFolderStart = -Infinity;

	/** Rewrites the data file with every journaled save in it and removes the journal; `crm fold` and the background fold. */
	async fold(): Promise<{lines: number; bytes: number}> {
		if (this.readonlyMode)
			throw new MutationError('Read-only: this console was started with --readonly, so nothing is changed.');
		return withFileLock(this.file, async () => {
			await this.refreshIfChanged();
			const folded = this.journalSize;
			if (folded.bytes > 0) await this.save();
			return folded;
		});
	}

	/**
	 * Applies the mutations as one change: all are validated first, then the file is saved once;
	 * if anything fails, neither the file nor the data in memory changes. Every mutation is logged
	 * with the operator, the time and each field's value before and after.
	 */
	async apply(
		mutations: readonly Mutation[],
		operator: string,
		undoOf: string | null | readonly string[] = null,
	): Promise<ApplyResult> {
		return withFileLock(this.file, () => this.applyLocked(mutations, operator, undoOf));
	}

	/**
	 * The OS user this process runs as, once the command line has said so (`null`: a uid the system
	 * has no name for). With roles in force a change is made as that user; under another name only
	 * by an admin — judged by the roles the change log vouches for, not by a settings file that
	 * anyone in the group could have edited. Unset (tests, library use), names are taken as given.
	 */
	static processUser: string | null | undefined = undefined;

	/** Refuses acting under a name that is not the process's own, unless its user is an admin of the roles in force. */
	private checkIdentity(operator: string): void {
		const user = CrmStore.processUser;
		if (user === undefined || !rolesConfigured(this.settings.access)) return;
		if (user === null)
			throw new MutationError(
				`Not saved: roles are set for ${this.file}, but this process's uid (${process.geteuid?.() ?? '?'}) has no user name on this system, so nobody can tell who makes the change.`,
			);
		if (operator !== user && this.roleOf(user) !== 'admin')
			throw new MutationError(
				`Not saved: ${user} (${this.roleOf(user)}) may not act as ${operator}; with roles set, only an admin may act under another name.`,
			);
	}

	/**
	 * What `apply` would say to these mutations, without saving anything: null when it would save
	 * them, else its refusal in words (a role, a stale version, a record changed outside crm). For a
	 * dry run that must not promise what the real run then refuses.
	 */
	async check(mutations: readonly Mutation[], operator: string): Promise<string | null> {
		await this.refreshIfChanged();
		try {
			this.checkAllowed(mutations, operator);
			const before = this.db.data;
			const {entries, steps} = this.applyAll(
				mutations,
				{...before},
				new Date(this.clock()).toISOString(),
				operator,
				null,
			);
			this.sealSteps(before, steps, entries).undo();
			return null;
		} catch (error) {
			if (error instanceof MutationError) return error.message;
			throw error;
		}
	}

	/** Why `operator` may not import into these entities (--readonly, their role, their name), or null: checked before an import reads its file. */
	importRefusal(entities: readonly StoredEntity[], operator: string): string | null {
		try {
			this.checkAllowed(
				entities.map((entity) => ({kind: 'create', entity, values: {}})),
				operator,
			);
			return null;
		} catch (error) {
			return (error as Error).message;
		}
	}

	/** Refuses, in words, a change the operator's role (or --readonly) does not allow: before any work, below any UI. */
	private checkAllowed(mutations: readonly Mutation[], operator: string): void {
		if (this.readonlyMode)
			throw new MutationError('Read-only: this console was started with --readonly, so nothing is changed.');
		this.checkIdentity(operator);
		const role = this.roleOf(operator);
		for (const mutation of mutations)
			if (!may(role, mutation.kind, mutation.entity))
				throw new MutationError(refusal(operator, role, mutation.kind, mutation.entity));
	}

	/** Starts the thread that keeps this process's locks fresh (a store opened with `lockingLater`). */
	prepareLocking(): void {
		if (!this.readonlyMode) prepareLocking();
	}

	/** `apply` once the lock is held: re-reads the newest file, applies to it, saves. */
	private async applyLocked(
		mutations: readonly Mutation[],
		operator: string,
		undoOf: string | null | readonly string[] = null,
	): Promise<ApplyResult> {
		if (this.readonlyMode)
			throw new MutationError('Read-only: this console was started with --readonly, so nothing is changed.');
		// The newest file first: its roles are the ones in force (an admin may have changed them meanwhile).
		await this.refreshIfChanged();
		this.checkAllowed(mutations, operator);
		const before = this.db.data;
		const now = new Date(this.clock()).toISOString();
		const next: Dataset = {...before};
		let applied: Applied;
		try {
			applied = this.applyAll(mutations, next, now, operator, undoOf);
		} catch (error) {
			if (error instanceof MutationError) error.dataset = before;
			throw error;
		}
		const {entries, steps} = applied;
		const records = steps.map((step) => step.after);
		if (entries.length === 0) return {dataset: before, entries, records};
		if (entries.length > 1) {
			const batch = newId('bat');
			for (const entry of entries) entry.batch = batch;
		}
		const chained = await this.commit(before, next, entries, steps, operator);
		return {dataset: next, entries: chained, records};
	}

	/**
	 * Saves `next` — `before` with `entries` — durably, as one change: sealed, chained, journaled or
	 * written whole. `steps[i]` is the record entry i changed (null: an entry of the roles). Roles
	 * found unvouched in the settings file are vouched for first, in an entry of their own.
	 */
	private async commit(
		before: Dataset,
		next: Dataset,
		entries: ChangeEntry[],
		steps: ReadonlyArray<Step | null>,
		operator: string,
	): Promise<ChangeEntry[]> {
		const vouching = this.rolesToVouch;
		if (vouching) {
			entries.unshift(
				this.rolesEntry(
					null,
					this.fileSettings.access,
					operator,
					new Date(this.clock()).toISOString(),
					`roles as found in ${basename(settingsPathFor(this.file))}`,
				),
			);
			steps = [null, ...steps];
		}
		const sealing = this.sealSteps(before, steps, entries);
		// Each entry carries the hash of the one before: the log becomes tamper-evident (crm audit verify).
		const chained = chainEntries(before.changes.at(-1)?.hash ?? '', entries);
		next.changes = [...before.changes, ...chained];
		next.auditHead = {...headOf(next.changes), state: sealing.state};
		next.seals = sealing.seals;
		try {
			if (this.journaling()) {
				const seq = (before.journalSeq ?? 0) + 1;
				next.journalSeq = seq;
				const lineRecords = steps.flatMap((step, index) =>
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
				await this.appendSave(next, {seq, records: lineRecords, changes: chained, auditHead: next.auditHead});
			} else {
				this.db.data = next;
				try {
					await this.save();
				} catch (error) {
					this.db.data = before;
					throw error;
				}
			}
		} catch (error) {
			sealing.undo();
			throw error;
		}
		if (vouching) this.resolveAccess();
		return vouching ? chained.slice(1) : chained;
	}

	/** A change-log entry of the roles: before (null: as first found) and after. */
	private rolesEntry(
		before: AccessSettings | null,
		after: AccessSettings,
		operator: string,
		at: string,
		label = 'roles',
	): ChangeEntry {
		return {
			id: newId('chg'),
			at,
			operator,
			action: 'update',
			entity: accessEntity,
			recordId: accessRecordId,
			label,
			changes: accessFieldChanges(before, after),
			undoOf: null,
			batch: null,
		};
	}

	/**
	 * Gives `name` a role (null: none of their own), as `by`: an admin of the roles in force. The
	 * change is logged (the chain vouches for the roles from then on), then the settings file is
	 * written with every role in force — which also puts right roles edited there by hand.
	 */
	private async changeRoles(name: string, role: Role | null, by: string): Promise<Settings> {
		return withFileLock(this.file, async () => {
			await this.refreshIfChanged();
			this.resolveAccess();
			this.checkIdentity(by);
			const current = this.roleOf(by);
			if (!mayChangeSettings(current)) throw new MutationError(refusal(by, current, 'settings'));
			const problem = controlCharacterProblem(name, false);
			if (problem || name.trim() === '' || name.length > 80)
				throw new MutationError(`Not changed: an operator's name ${problem ?? 'is one line of 1 to 80 characters'}.`);
			const before = this.currentSettings.access;
			const operators = {...before.operators};
			if (role === null) delete operators[name];
			else operators[name] = role;
			if (Object.keys(operators).length > 0 && !Object.values(operators).includes('admin')) {
				throw new MutationError(
					'Not changed: that would leave no admin, and then nobody could change the roles again. Name another admin first.',
				);
			}
			const after = {operators, defaultRole: before.defaultRole};
			const entries = sameAccess(before, after)
				? []
				: [this.rolesEntry(before, after, by, new Date(this.clock()).toISOString())];
			// Roles not vouched for yet are, first (commit does that), even when this changes nothing.
			if (entries.length > 0 || this.rolesToVouch)
				await this.commit(
					this.db.data,
					{...this.db.data},
					entries,
					entries.map(() => null),
					by,
				);
			this.fileSettings = await updateSettingsFile(this.file, {kind: 'access', access: after});
			this.resolveAccess();
			return this.currentSettings;
		});
	}

	/**
	 * The seals and the state of the records after `steps`, written into each step's entry (the
	 * chain then vouches for them). Every record changed must still be as crm last saved it: one
	 * edited, added or removed outside crm is refused by name, so a save never launders it. The
	 * seals are kept in place (copying 200,000 of them per save would cost what the journal saves);
	 * `undo` puts them back if the save then fails.
	 */
	private sealSteps(
		before: Dataset,
		steps: ReadonlyArray<Step | null>,
		entries: ChangeEntry[],
	): {state: string; seals: Seals; undo: () => void} {
		// Data that has never been sealed (an empty CRM; data built in memory) is sealed as it stands.
		const base =
			before.seals && before.auditHead?.state ? {seals: before.seals, state: before.auditHead.state} : sealAll(before);
		const seals: Seals = base.seals;
		let state = stateValue(base.state);
		const previous: Array<{entity: StoredEntity; id: string; seal: string | undefined}> = [];
		const undo = () => {
			for (const {entity, id, seal} of previous.reverse()) seals.set(entity, id, seal ?? null);
		};
		try {
			for (const [index, step] of steps.entries()) {
				if (!step) {
					// An entry of the roles changes no record: the state stays.
					entries[index]!.state = stateText(state);
					continue;
				}
				// The seal it had (a create has none): looked up once, checked, and put back if the save fails.
				const had = step.before ? seals.get(step.entity, step.id) : undefined;
				if (step.before) {
					const digest = recordDigest(step.entity, step.before);
					if (had !== sealOf(digest)) {
						const what = `${entitySingular[step.entity]} “${recordLabel(step.entity, step.before)}” (${step.id})`;
						throw new MutationError(
							`Not saved: the ${what} ${had === undefined ? 'was added to the file outside crm' : 'was changed in the file outside crm'} since crm last saved it, and a save would make that look like a change of yours. \`crm audit verify\` names every such record; \`crm doctor --restore\` brings back a backup.`,
						);
					}
					state = removeDigest(state, digest);
				}
				let seal: string | null = null;
				if (step.after) {
					const digest = recordDigest(step.entity, step.after);
					state = addDigest(state, digest);
					seal = sealOf(digest);
				}
				seals.set(step.entity, step.id, seal);
				previous.push({entity: step.entity, id: step.id, seal: had});
				entries[index]!.state = stateText(state);
				entries[index]!.recordHash = seal;
			}
		} catch (error) {
			undo();
			throw error;
		}
		return {state: stateText(state), seals, undo};
	}

	/** Applies each mutation to its list (copied once per save): the log entry of each change, and the record before and after it. */
	private applyAll(
		mutations: readonly Mutation[],
		next: Dataset,
		now: string,
		operator: string,
		undoOf: string | null | readonly string[],
	): Applied {
		// Per touched list: a copy to change, and (for a batch) where each id sits in it, so that an
		// import of 100,000 rows costs 100,000 steps, not 100,000 scans of the list.
		const lists = new Map<StoredEntity, EditableList>();
		const entries: ChangeEntry[] = [];
		const steps: Step[] = [];
		for (const [index, mutation] of mutations.entries()) {
			const {entity} = mutation;
			let list = lists.get(entity);
			if (!list) {
				list = new EditableList(next[entity] as AnyStoredRecord[], mutations.length > 8);
				lists.set(entity, list);
			}
			const result = this.applyOne(list, mutation, now);
			if (result.unchanged) continue;
			// Keys in canonical order, the seal's two set later included: the chain then hashes the entry as JSON.stringify writes it (see canonical).
			entries.push({
				action: mutation.kind,
				at: now,
				batch: null,
				changes: diffRecords(
					result.before as Record<string, unknown> | undefined,
					result.after as Record<string, unknown> | undefined,
				),
				entity,
				id: newId('chg'),
				label: recordLabel(entity, (result.after ?? result.before)!),
				operator,
				recordHash: undefined,
				recordId: result.id,
				state: undefined,
				undoOf: typeof undoOf === 'string' || undoOf === null ? undoOf : (undoOf[index] ?? null),
			});
			steps.push({entity, id: result.id, before: result.before, after: result.after});
		}
		for (const [entity, list] of lists) (next as Record<StoredEntity, AnyStoredRecord[]>)[entity] = list.result();
		return {entries, steps};
	}

	/**
	 * Reverts the operator's last change that is not yet undone, as a new logged change. A change
	 * saved as a batch (an import, a merge) is reverted whole, or not at all.
	 */
	async undo(operator: string): Promise<ApplyResult & {undone: ChangeEntry; count: number; notUndone?: ChangeEntry}> {
		return withFileLock(this.file, () => this.undoLocked(operator));
	}

	private async undoLocked(
		operator: string,
	): Promise<ApplyResult & {undone: ChangeEntry; count: number; notUndone?: ChangeEntry}> {
		await this.refreshIfChanged();
		const entries = lastUndoable(this.db.data.changes, operator);
		// A later change of the settings or roles is not undone by u: it is named, so nobody thinks it was.
		const notUndone = laterSettingsChange(this.db.data.changes, operator);
		if (entries.length === 0) {
			throw new MutationError(
				notUndone
					? `Nothing undone: your last change, the ${notUndone.label}, is not a record's, and u undoes records only; ${howToChangeBack(notUndone)}.`
					: `Nothing to undo: ${operator} has no change left to revert.`,
			);
		}
		const inverses: Mutation[] = [];
		for (const entry of [...entries].reverse()) {
			const entity = entry.entity as StoredEntity;
			const current = (this.db.data[entity] as AnyStoredRecord[]).find((record) => record.id === entry.recordId);
			const inverse = inverseOf(entry, current);
			if (!inverse.ok)
				throw new MutationError(
					`Cannot undo the ${entry.action} of ${entitySingular[entity]} “${entry.label}”: ${inverse.reason}.`,
				);
			inverses.push(inverse.mutation);
		}
		// Every undo entry names the entry it reverts, so none of them comes up for undo again.
		const result = await this.applyLocked(
			inverses,
			operator,
			[...entries].reverse().map((entry) => entry.id),
		);
		return {...result, undone: entries.at(-1)!, count: entries.length, ...(notUndone ? {notUndone} : {})};
	}

	private applyOne(
		list: EditableList,
		mutation: Mutation,
		now: string,
	): {id: string; before?: AnyStoredRecord; after?: AnyStoredRecord; unchanged?: boolean} {
		const {entity} = mutation;
		const noun = entitySingular[entity];
		if (mutation.kind === 'create') {
			const id = mutation.id ?? newId(entityIdPrefix[entity]);
			if (list.has(id)) throw new MutationError(`A ${noun} with the id ${id} already exists.`);
			const restoring = mutation.id !== undefined;
			const candidate = {
				...derivedFieldSeeds(entity, now),
				...mutation.values,
				id,
				createdAt: restoring ? (mutation.values['createdAt'] ?? now) : now,
				updatedAt: now,
				version: restoring ? Number(mutation.values['version'] ?? 0) + 1 : 1,
			};
			const after = this.validate(entity, undefined, candidate, now);
			list.add(after);
			return {id, after};
		}
		const current = list.get(mutation.id);
		if (!current) {
			const deleted = [...(this.db.data.changes ?? [])]
				.reverse()
				.find((entry) => entry.recordId === mutation.id && entry.action === 'delete');
			throw new MutationError(
				deleted
					? `The ${noun} “${deleted.label}” was deleted by ${deleted.operator} at ${deleted.at.slice(0, 16).replace('T', ' ')} UTC; nothing was saved (Esc leaves the form; u is theirs to undo).`
					: `The ${noun} ${mutation.id} no longer exists.`,
			);
		}
		if (current.version !== mutation.version) {
			const error = new MutationError(
				`The ${noun} “${recordLabel(entity, current)}” was changed since you opened it (version ${current.version}, you had ${mutation.version}).`,
			);
			error.conflict = {entity, id: current.id, version: current.version};
			throw error;
		}
		if (mutation.kind === 'delete') {
			list.remove(current.id);
			return {id: current.id, before: current};
		}
		const candidate = {
			...current,
			...mutation.values,
			id: current.id,
			createdAt: current.createdAt,
			updatedAt: now,
			version: current.version + 1,
		};
		const after = this.validate(entity, current, candidate, now);
		// A save that changes nothing is no change: no new version, no log entry.
		if (diffRecords(current as Record<string, unknown>, after as Record<string, unknown>).length === 0)
			return {id: current.id, unchanged: true};
		list.replace(after);
		return {id: current.id, before: current, after};
	}

	/** Checks types, applies the entity's rules, then checks the whole record; a refusal names each field. */
	private validate(
		entity: StoredEntity,
		before: AnyStoredRecord | undefined,
		candidate: Record<string, unknown>,
		now: string,
	): AnyStoredRecord {
		const parsed = entityFieldSchemas[entity].safeParse(candidate);
		if (!parsed.success) throw this.refusal(entity, parsed.error.issues, candidate);
		const ruled = applyRecordRules(entity, before, parsed.data as AnyStoredRecord, {now, settings: this.settings});
		const checked = entitySchemas[entity].safeParse(ruled);
		if (!checked.success) throw this.refusal(entity, checked.error.issues, ruled);
		// No control characters in text this change writes (the last boundary after forms and import):
		// values as stored before are left alone, and so is a record an undo brings back under its old version.
		const restored = before === undefined && Number(candidate['version']) > 1;
		const text = restored
			? []
			: controlCharacterProblems(
					entity,
					checked.data as Record<string, unknown>,
					before as Record<string, unknown> | undefined,
				);
		if (text.length > 0)
			throw this.refusal(
				entity,
				text.map((problem) => ({path: [problem.field], message: problem.message})),
			);
		return checked.data as AnyStoredRecord;
	}

	private refusal(
		entity: StoredEntity,
		issues: ReadonlyArray<{path: PropertyKey[]; message: string; code?: string}>,
		record?: unknown,
	): MutationError {
		const fields = issues.map((issue) => ({
			field: issue.path.map(String).join('.'),
			message: issue.code ? issueInWords(issue as SchemaIssue, record) : issue.message,
		}));
		const first = fields[0]!;
		return new MutationError(`The ${entitySingular[entity]} was not saved: ${first.field} ${first.message}.`, fields);
	}
}

/**
 * A copy of one list of records being changed by a save: records found by id (through an index
 * of positions when the save is a batch, by a scan for a single change, which is cheaper than
 * indexing 200,000 records), replaced in place, removed, or added at the end.
 */
class EditableList {
	private readonly records: Array<AnyStoredRecord | undefined>;
	private positions: Map<string, number> | null = null;
	private removed = 0;

	constructor(
		records: readonly AnyStoredRecord[],
		private readonly indexed: boolean,
	) {
		this.records = [...records];
	}

	private position(id: string): number {
		if (!this.indexed) return this.records.findIndex((record) => record?.id === id);
		if (!this.positions) {
			this.positions = new Map();
			for (let index = 0; index < this.records.length; index++) {
				const record = this.records[index];
				if (record) this.positions.set(record.id, index);
			}
		}
		return this.positions.get(id) ?? -1;
	}

	has(id: string): boolean {
		return this.position(id) !== -1;
	}

	get(id: string): AnyStoredRecord | undefined {
		const index = this.position(id);
		return index === -1 ? undefined : this.records[index];
	}

	add(record: AnyStoredRecord): void {
		this.positions?.set(record.id, this.records.length);
		this.records.push(record);
	}

	replace(record: AnyStoredRecord): void {
		this.records[this.position(record.id)] = record;
	}

	/** Leaves a hole (filled in by `result`), so a batch of deletes does not shift the list each time. */
	remove(id: string): void {
		const index = this.position(id);
		this.records[index] = undefined;
		this.positions?.delete(id);
		this.removed++;
	}

	result(): AnyStoredRecord[] {
		return (
			this.removed === 0 ? this.records : this.records.filter((record) => record !== undefined)
		) as AnyStoredRecord[];
	}
}
