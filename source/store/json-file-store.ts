import {basename} from 'node:path';
import {rolesConfigured, vouchedAccess} from '../domain/access.js';
import type {RecordStep} from '../domain/apply-mutations.js';
import type {ChangeEntry} from '../domain/change-log.js';
import {type Dataset, emptyDataset} from '../domain/dataset.js';
import type {OperatorFile} from '../domain/operator-file.js';
import {sealed} from '../domain/record-seal.js';
import {defaultSettings, type Settings} from '../domain/settings.js';
import {AccessState} from './access-state.js';
import {DataFile, dataFileAdapter, readOrRefuse} from './data-file.js';
import {type DurableJsonFile, removeAbandonedTemporaries} from './durable-json-file.js';
import {exportTarget, writeExportFile} from './export-file.js';
import {prepareLocking, withFileLock} from './file-lock.js';
import {markChecked} from './file-stamp.js';
import {fileChanges, watchFiles} from './file-watch.js';
import {type Loading, type OpenedWindow, openWindow} from './file-window.js';
import {journalPathFor, removeJournal} from './journal.js';
import {readOperatorFile, writeOperatorFile} from './operator-file.js';
import {followLinks} from './regular-file.js';
import type {MasterKey} from './sealed/seal-keys.js';
import {isKeyRefusal, setKeyOf} from './sealed/set-sealing.js';
import {loadSettings, type SettingsPatch, settingsPathFor, updateSettingsFile} from './settings-file.js';
import {type Clock, StoreCore} from './store-core.js';

export type OpenOptions = {
	/** `--readonly`: the store refuses every change, whoever asks. */
	readonly?: boolean;
	/** The caller (a console, busy drawing its first frame) calls `prepareLocking` itself once it has time. */
	lockingLater?: boolean;
	/**
	 * Opens a large file on its first `window` customers, read in milliseconds, and reads the rest
	 * after the first frame (`readRest`), `loading` saying how far; changes wait until it is all read.
	 */
	window?: number;
	/** The smallest file opened on a window (tests make it small); smaller ones are read whole at once. */
	windowFrom?: number;
	/**
	 * The roles in force must be known before the store opens: the caller acts under a name given to it (`--operator`),
	 * which only an admin may, and the log that vouches for the roles is at the file's end. With roles set, no window.
	 */
	rolesFirst?: boolean;
};

/** How long the reading behind a window waits for the first frame (`readRest`) before it starts anyway. */
const firstFrameMs = 1000;

export type CreateOptions = {
	/** The key the new file is sealed under (null: plain); by default, that of the file it replaces. */
	key?: MasterKey | null;
};

/**
 * The settings of a file about to be opened on a window, read first (its roles decide): the data file's
 * key found before (a passphrase is asked for by the data file's name). A data file the system refuses
 * to read (a folder, no permission) is said in words by the read that follows, not here.
 */
const settingsBeforeWindow = async (file: string): Promise<Settings> => {
	await setKeyOf(file).catch((error: unknown) => {
		if (isKeyRefusal(error) || typeof (error as NodeJS.ErrnoException).syscall !== 'string') throw error;
	});
	return loadSettings(file);
};

/** The store of one JSON data file (and its journal, settings file, backups and lock, kept beside it). */
export class JsonFileStore extends StoreCore {
	/** The data file, its journal and the machinery that saves and re-reads them. */
	private readonly db: DataFile;

	/** Who may do what: the settings and roles in force. */
	protected readonly access: AccessState;

	protected readonly settingsName: string;

	private constructor(
		readonly file: string,
		private readonly adapter: DurableJsonFile<Dataset>,
		data: Dataset,
		readonly existed: boolean,
		/** The settings as the file beside the data holds them (its roles may not be the ones in force). */
		fileSettings: Settings,
		clock: Clock,
		readonlyMode = false,
	) {
		super(file, clock, readonlyMode);
		this.db = new DataFile(file, adapter, data, {clock, settings: () => this.settings, fold: () => this.fold()});
		const settingsFile = settingsPathFor(file);
		this.settingsName = basename(settingsFile);
		this.access = new AccessState(
			file,
			{where: settingsFile, load: () => loadSettings(file)},
			fileSettings,
			data.changes,
		);
	}

	/** Loads and validates the whole file (or its first records: `window`). A missing file opens as an empty CRM; a bad one throws DataFileError. */
	static async open(path: string, clock: Clock = Date.now, options: OpenOptions = {}): Promise<JsonFileStore> {
		// A link is followed: saves replace the file it points at, not the link.
		const file = await followLinks(path);
		const adapter = dataFileAdapter(file, {trusting: true});
		const early = options.window === undefined ? null : await settingsBeforeWindow(file);
		// With roles set, those in force are the ones the change log vouches for (a hand-edited settings file is
		// warned of): the log is at the end of the file. Until it is read, the settings file's roles are shown, and
		// whatever is judged by role waits for the log (store-core.ts `rolesInForce`); a caller that must know them
		// before it opens (acting under another name) reads the file whole, when the settings file has roles or the
		// log (or journal) may vouch for some (the settings file's removed by hand: file-window.ts).
		const windowed = early !== null && !(options.rolesFirst === true && rolesConfigured(early.access));
		const window = windowed
			? await openWindow(file, options.window!, adapter, {
					fromBytes: options.windowFrom,
					rolesFirst: options.rolesFirst,
				})
			: null;
		const read = window ? null : await readOrRefuse(file, adapter);
		const data = window ? window.data : read!.data;
		// Read after the data, as every command reads them: what is wrong with the data file is said first.
		const settings = early ?? (await loadSettings(file));
		const store = new JsonFileStore(file, adapter, data ?? emptyDataset(), !!data, settings, clock, options.readonly);
		if (read) store.db.took(read);
		store.recordsChecked = read ? !read.trusted : false;
		if (window) store.readBehind(window);
		if (!store.readonly) {
			// The thread that keeps locks fresh starts now, ahead of a first save that may keep this process busy for seconds.
			if (!options.lockingLater) prepareLocking();
			// A process killed mid-save (kill -9, power loss) leaves its temporary file: it held no acknowledged save.
			await removeAbandonedTemporaries(file);
		}
		// Every record was checked and found valid: the next load of this very file need not check them again.
		if (!store.readonly && read?.data && !read.trusted && read.migratedFrom === undefined)
			await markChecked(file, read.stamp, vouchedAccess(read.data.changes) !== null);
		return store;
	}

	/**
	 * Writes `data` as the whole file without reading what was there: `crm seed --force`, `crm copy`.
	 * Data sealed already (another store's) keeps its seals and head, so a copy verifies as its source
	 * does (a record changed outside crm stays found out); data never sealed (generated) is sealed.
	 * An encrypted file replaced stays encrypted under its key, unless `options.key` says otherwise.
	 */
	static async create(path: string, data: Dataset, options: CreateOptions = {}): Promise<JsonFileStore> {
		const file = await followLinks(path);
		const adapter = dataFileAdapter(file);
		adapter.sealUnder(options.key === undefined ? await setKeyOf(file) : options.key);
		const ready = data.seals && data.auditHead?.state ? data : sealed(data);
		const store = new JsonFileStore(file, adapter, ready, true, defaultSettings(), Date.now);
		// The journal of the file replaced belongs to it, not to this data.
		await removeJournal(file);
		await store.save();
		return store;
	}

	/** False when the file loaded was one this program wrote or checked, unchanged since: its records were taken as they were. */
	recordsChecked = true;

	get data(): Dataset {
		return this.db.data;
	}

	/** Saves that have not been folded into the data file yet: journal lines and bytes. */
	get journalSize(): {lines: number; bytes: number} {
		return this.db.journalSize;
	}

	/** How far the file is read behind its first records: null once every record is (or when it was read whole). */
	get loading(): Loading | null {
		return this.loadingState;
	}

	private loadingState: Loading | null = null;

	/** Resolves once every record is read (at once for a file read whole); rejects when the rest could not be read. */
	private loaded: Promise<void> = Promise.resolve();

	/** Starts the reading behind the first records: set while it waits for the first frame. */
	private startReading: (() => void) | null = null;

	/** Told of each step of the data while the rest is read (the watchers). */
	private readonly growing = new Set<(data: Dataset) => void>();

	/** Starts the reading behind the first records now (the first frame is out; or something needs every record). */
	readRest(): void {
		const start = this.startReading;
		this.startReading = null;
		start?.();
	}

	/** Resolves once every record is read, starting that now if it waits for the first frame; rejects, in words, when it could not be. */
	whenLoaded(): Promise<void> {
		this.readRest();
		return this.loaded;
	}

	/**
	 * Reads everything behind the window once the first frame is drawn (or after a second), the
	 * watchers told as it grows; a file changed meanwhile, or not in the form read a part at a time,
	 * is read whole instead. A failure rejects `loaded`: whoever waits on it says it.
	 */
	private readBehind(window: OpenedWindow): void {
		this.loadingState = window.loading;
		const tell = () => {
			for (const listen of this.growing) listen(this.db.data);
		};
		const read = async () => {
			await new Promise<void>((resolve) => {
				this.startReading = resolve;
				setTimeout(resolve, firstFrameMs).unref();
			});
			const grew = (partial: Dataset | null, loading: Loading) => {
				if (partial) this.db.data = partial;
				this.loadingState = loading;
				tell();
			};
			const whole =
				(await window.rest(grew, () => this.closed)) ??
				(this.closed ? null : await readOrRefuse(this.file, this.adapter));
			if (!whole) return;
			this.db.took(whole);
			await this.access.follow(this.db.data.changes, true);
			this.loadingState = null;
			tell();
		};
		this.loaded = read();
		// Anything that waits on it hears of a failure there; here it is not thrown a second time.
		this.loaded.catch(() => undefined);
	}

	protected exclusively<T>(work: () => Promise<T>): Promise<T> {
		// A change applies to every record: it waits until all are read.
		return this.whenLoaded().then(() => withFileLock(this.file, work));
	}

	protected asOneSave<T>(work: () => Promise<T>): Promise<T> {
		return this.db.asOneSave(work);
	}

	protected commitChange(
		before: Dataset,
		next: Dataset,
		entries: ChangeEntry[],
		steps: ReadonlyArray<RecordStep | null>,
	): Promise<ChangeEntry[]> {
		return this.db.commitChange(before, next, entries, steps);
	}

	protected writeSettings = (patch: SettingsPatch, log: (after: Settings) => Promise<void>): Promise<Settings> =>
		updateSettingsFile(this.file, patch, log);

	protected writeExportText(name: string, text: string, path: string | undefined, replace: boolean): Promise<string> {
		return writeExportFile(this.file, exportTarget(this.file, name, path), text, replace);
	}

	protected readOperatorFile(operator: string): Promise<OperatorFile> {
		return readOperatorFile(this.file, operator);
	}

	protected writeOperatorFile(operator: string, content: OperatorFile): Promise<void> {
		return writeOperatorFile(this.file, operator, content);
	}

	async settle(): Promise<void> {
		// A closed store reads no more: the reading behind the first records ends at its next part.
		if (this.closed) this.readRest();
		await this.loaded.catch(() => undefined);
		await this.db.settle();
	}

	/** Writes the data in memory as the whole file (under the lock, taken here unless the caller holds it). */
	async save(): Promise<void> {
		await this.db.save();
	}

	/** Watches the folder for the data file, its journal and the settings, with a poll every `pollMs` as a fallback. */
	watch(onChange: (data: Dataset) => void, pollMs = 1000): () => void {
		// The settings file is written after the change of it is logged: its own change tells the watcher of them.
		const settingsChanged = fileChanges(settingsPathFor(this.file));
		let told = this.settings;
		const check = async () => {
			const changed = await this.refreshIfChanged();
			if (await settingsChanged()) await this.access.follow(this.db.data.changes, true);
			if (changed || this.settings !== told) onChange(this.db.data);
			told = this.settings;
		};
		const files = [this.file, journalPathFor(this.file), settingsPathFor(this.file)];
		const stopWatching = watchFiles(this.file, files, check, pollMs);
		// While the rest of the file is read, each step of it is news too.
		this.growing.add(onChange);
		const stop = () => {
			this.watches.delete(stop);
			this.growing.delete(onChange);
			stopWatching();
		};
		this.watches.add(stop);
		return stop;
	}

	/** The newest data, if another process saved since; its roles and settings are followed. Whether anything changed. */
	protected async refreshIfChanged(): Promise<boolean> {
		// What others saved is read once this store has read all it opened on.
		await this.whenLoaded();
		const {changed, roles, settings} = await this.db.refresh();
		if (roles || settings) await this.access.follow(this.db.data.changes, settings);
		return changed;
	}

	/** Who folds the journal when it has grown: this process (the default), or the function given here (the console starts `crm fold`). */
	override foldWith(folder: () => void): void {
		this.db.foldWith(folder);
	}

	/** Rewrites the data file with every journaled save in it and removes the journal; `crm fold` and the background fold. */
	async fold(): Promise<{lines: number; bytes: number}> {
		this.refuseChanges();
		return withFileLock(this.file, async () => {
			await this.refreshIfChanged();
			const folded = this.journalSize;
			if (folded.bytes > 0) await this.save();
			return folded;
		});
	}

	/** Starts the thread that keeps this process's locks fresh (a store opened with `lockingLater`). */
	override prepareLocking(): void {
		if (!this.readonly) prepareLocking();
	}
}
