import {basename} from 'node:path';
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
import {journalPathFor, removeJournal} from './journal.js';
import {readOperatorFile, writeOperatorFile} from './operator-file.js';
import {followLinks} from './regular-file.js';
import type {MasterKey} from './sealed/seal-keys.js';
import {setKeyOf} from './sealed/set-sealing.js';
import {loadSettings, type SettingsPatch, settingsPathFor, updateSettingsFile} from './settings-file.js';
import {type Clock, StoreCore} from './store-core.js';

export type OpenOptions = {
	/** `--readonly`: the store refuses every change, whoever asks. */
	readonly?: boolean;
	/** The caller (a console, busy drawing its first frame) calls `prepareLocking` itself once it has time. */
	lockingLater?: boolean;
};

export type CreateOptions = {
	/** The key the new file is sealed under (null: plain); by default, that of the file it replaces. */
	key?: MasterKey | null;
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
		adapter: DurableJsonFile<Dataset>,
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

	/** Loads and validates the whole file. A missing file opens as an empty CRM; a bad one throws DataFileError. */
	static async open(path: string, clock: Clock = Date.now, options: OpenOptions = {}): Promise<JsonFileStore> {
		// A link is followed: saves replace the file it points at, not the link.
		const file = await followLinks(path);
		const adapter = dataFileAdapter(file, {trusting: true});
		const read = await readOrRefuse(file, adapter);
		const {data} = read;
		const settings = await loadSettings(file);
		const store = new JsonFileStore(file, adapter, data ?? emptyDataset(), !!data, settings, clock, options.readonly);
		store.db.took(read);
		store.recordsChecked = !read.trusted;
		if (!store.readonly) {
			// The thread that keeps locks fresh starts now, ahead of a first save that may keep this process busy for seconds.
			if (!options.lockingLater) prepareLocking();
			// A process killed mid-save (kill -9, power loss) leaves its temporary file: it held no acknowledged save.
			await removeAbandonedTemporaries(file);
		}
		// Every record was checked and found valid: the next load of this very file need not check them again.
		if (!store.readonly && data && !read.trusted && read.migratedFrom === undefined)
			await markChecked(file, read.stamp);
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

	protected exclusively<T>(work: () => Promise<T>): Promise<T> {
		return withFileLock(this.file, work);
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
		const stop = () => {
			this.watches.delete(stop);
			stopWatching();
		};
		this.watches.add(stop);
		return stop;
	}

	/** The newest data, if another process saved since; its roles and settings are followed. Whether anything changed. */
	protected async refreshIfChanged(): Promise<boolean> {
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
