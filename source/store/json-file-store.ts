import {basename} from 'node:path';
import {mayChangeSettings, mayExport, type Role, refusal, sameAccess} from '../domain/access.js';
import {applyMutations, type RecordStep, roleRefusal} from '../domain/apply-mutations.js';
import type {ChangeEntry} from '../domain/change-log.js';
import {type Dataset, emptyDataset, type StoredEntity} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import type {Mutation} from '../domain/mutation.js';
import type {OperatorFile} from '../domain/operator-file.js';
import {sealed} from '../domain/record-seal.js';
import {type RecordPage, type RecordWindow, recordWindow} from '../domain/record-window.js';
import {defaultSettings, type Settings, settingsFieldChanges} from '../domain/settings.js';
import {planUndo} from '../domain/undo-plan.js';
import {t} from '../i18n/i18n.js';
import {AccessState} from './access-state.js';
import {DataFile, dataFileAdapter, readOrRefuse} from './data-file.js';
import {type DurableJsonFile, removeAbandonedTemporaries} from './durable-json-file.js';
import {exportTarget, writeExportFile} from './export-file.js';
import type {ByteCodec} from './file-bytes.js';
import {prepareLocking, withFileLock} from './file-lock.js';
import {markChecked} from './file-stamp.js';
import {fileChanges, watchFiles} from './file-watch.js';
import {journalPathFor, removeJournal} from './journal.js';
import {MutationError, refusedError, StoreClosedError} from './mutation-error.js';
import {readOperatorFile, writeOperatorFile} from './operator-file.js';
import {followLinks} from './regular-file.js';
import {sealSteps} from './seal-steps.js';
import {rolesEntry, settingsEntry} from './settings-entries.js';
import {loadSettings, type SettingsPatch, settingsPathFor, updateSettingsFile} from './settings-file.js';
import {changeOutcome, type Progress, type Sliced} from './sliced-change.js';
import type {ApplyResult, BulkResult, CrmStore, RecordRefused, UndoResult} from './store-contract.js';

type Clock = () => number;

/** The entries an undo reverts (one for all, or one per mutation); null for a change of the operator's own. */
type UndoOf = string | null | readonly string[];

export type OpenOptions = {
	/** `--readonly`: the store refuses every change, whoever asks. */
	readonly?: boolean;
	/** The caller (a console, busy drawing its first frame) calls `prepareLocking` itself once it has time. */
	lockingLater?: boolean;
	/** The data file's bytes from and to its text: plain UTF-8 unless given (an encryption layer). */
	bytes?: ByteCodec;
};

/** The store of one JSON data file (and its journal, settings file, backups and lock, kept beside it). */
export class JsonFileStore implements CrmStore {
	/** The data file, its journal and the machinery that saves and re-reads them. */
	private readonly db: DataFile;

	private constructor(
		readonly file: string,
		adapter: DurableJsonFile<Dataset>,
		data: Dataset,
		readonly existed: boolean,
		/** The settings as the file beside the data holds them (its roles may not be the ones in force). */
		fileSettings: Settings,
		private readonly clock: Clock,
		private readonly readonlyMode = false,
	) {
		this.db = new DataFile(file, adapter, data, {clock, settings: () => this.settings, fold: () => this.fold()});
		this.access = new AccessState(file, fileSettings, data.changes);
	}

	/** Who may do what: the settings and roles in force. */
	private readonly access: AccessState;

	/**
	 * The OS user this process runs as, once the command line has said so (`null`: a uid the system
	 * has no name for). With roles in force a change is made as that user; under another name only
	 * by an admin — judged by the roles the change log vouches for, not by a settings file that
	 * anyone in the group could have edited. Unset (tests, library use), names are taken as given.
	 */
	static processUser: string | null | undefined = undefined;

	/** Loads and validates the whole file. A missing file opens as an empty CRM; a bad one throws DataFileError. */
	static async open(path: string, clock: Clock = Date.now, options: OpenOptions = {}): Promise<JsonFileStore> {
		// A link is followed: saves replace the file it points at, not the link.
		const file = await followLinks(path);
		const adapter = dataFileAdapter(file, {trusting: true, ...(options.bytes ? {bytes: options.bytes} : {})});
		const read = await readOrRefuse(file, adapter);
		const {data} = read;
		const settings = await loadSettings(file);
		const store = new JsonFileStore(file, adapter, data ?? emptyDataset(), !!data, settings, clock, options.readonly);
		store.db.took(read);
		store.recordsChecked = !read.trusted;
		if (!store.readonlyMode) {
			// The thread that keeps locks fresh starts now, ahead of a first save that may keep this process busy for seconds.
			if (!options.lockingLater) prepareLocking();
			// A process killed mid-save (kill -9, power loss) leaves its temporary file: it held no acknowledged save.
			await removeAbandonedTemporaries(file);
		}
		// Every record was checked and found valid: the next load of this very file need not check them again.
		if (!store.readonlyMode && data && !read.trusted && read.migratedFrom === undefined)
			await markChecked(file, read.stamp);
		return store;
	}

	/** Writes `data` as the whole file without reading what was there; used by `crm seed --force`. */
	static async create(path: string, data: Dataset): Promise<JsonFileStore> {
		const file = await followLinks(path);
		const adapter = dataFileAdapter(file);
		const store = new JsonFileStore(file, adapter, sealed(data), true, defaultSettings(), Date.now);
		// The journal of the file replaced belongs to it, not to this data.
		await removeJournal(file);
		await store.save();
		return store;
	}

	/** False when the file loaded was one this program wrote or checked, unchanged since: its records were taken as they were. */
	recordsChecked = true;

	/** Set by `close`: every change is refused from then on. */
	private closed = false;

	/** The watches running, each by the function that stops it (`close` stops them all). */
	private readonly watches = new Set<() => void>();

	get rolesWarning(): string | null {
		return this.access.warning;
	}

	get readonly(): boolean {
		return this.readonlyMode;
	}

	get data(): Dataset {
		return this.db.data;
	}

	get settings(): Settings {
		return this.access.settings;
	}

	/** Saves that have not been folded into the data file yet: journal lines and bytes. */
	get journalSize(): {lines: number; bytes: number} {
		return this.db.journalSize;
	}

	roleOf(operator: string): Role {
		return this.access.roleOf(operator);
	}

	/** The file's records are in memory: a window of them is a slice (of a sorted copy, for an order). */
	async readPage<E extends StoredEntity>(entity: E, window: RecordWindow): Promise<RecordPage<Dataset[E][number]>> {
		return recordWindow(this.db.data[entity] as ReadonlyArray<Dataset[E][number]>, window);
	}

	/** Refuses any change to a closed or read-only store. */
	private refuseChanges(writesAFile = false): void {
		if (this.closed) throw new StoreClosedError(this.file);
		if (this.readonlyMode)
			throw new MutationError(writesAFile ? t('store.save.readonlyNoFile') : t('store.save.readonly'));
	}

	async writeExport(
		name: string,
		text: string,
		path: string | undefined,
		operator: string,
		replace = false,
	): Promise<string> {
		this.refuseChanges(true);
		const role = this.roleOf(operator);
		if (!mayExport(role)) throw new MutationError(refusal(operator, role, 'export'));
		return writeExportFile(this.file, exportTarget(this.file, name, path), text, replace);
	}

	operatorFile(operator: string): Promise<OperatorFile> {
		return readOperatorFile(this.file, operator);
	}

	async saveOperatorFile(operator: string, content: OperatorFile): Promise<void> {
		this.refuseChanges(true);
		this.checkIdentity(operator);
		await writeOperatorFile(this.file, operator, content);
	}

	async updateSettings(patch: SettingsPatch, operator: string): Promise<Settings> {
		this.refuseChanges();
		this.checkIdentity(operator);
		const role = this.roleOf(operator);
		if (!mayChangeSettings(role)) throw new MutationError(refusal(operator, role, 'settings'));
		if (patch.kind === 'role') return this.changeRoles(patch.operator, patch.role, operator);
		return withFileLock(this.file, async () => {
			await this.refreshIfChanged();
			const before = this.settings;
			// Logged and chained like a record's change, once the new settings are valid and before they are written.
			const written = await updateSettingsFile(this.file, patch, async (after) => {
				const changes = settingsFieldChanges(before, after);
				if (changes.length === 0) return;
				const entry = settingsEntry(patch, changes, operator, new Date(this.clock()).toISOString());
				await this.commit(this.db.data, {...this.db.data}, [entry], [null], operator);
			});
			this.access.took(written, this.db.data.changes);
			return this.settings;
		});
	}

	/**
	 * Gives `name` a role (null: none of their own), as `by`: an admin of the roles in force. The
	 * change is logged (the chain vouches for the roles from then on), then the settings file is
	 * written with every role in force — which also puts right roles edited there by hand.
	 */
	private async changeRoles(name: string, role: Role | null, by: string): Promise<Settings> {
		return withFileLock(this.file, async () => {
			await this.refreshIfChanged();
			this.access.resolve(this.db.data.changes);
			this.checkIdentity(by);
			const current = this.roleOf(by);
			if (!mayChangeSettings(current)) throw new MutationError(refusal(by, current, 'settings'));
			const before = this.settings.access;
			const after = this.access.rolesWith(name, role);
			const at = new Date(this.clock()).toISOString();
			const entries = sameAccess(before, after) ? [] : [rolesEntry(before, after, by, at)];
			// Roles not vouched for yet are, first (commit does that), even when this changes nothing.
			if (entries.length > 0 || this.access.toVouch)
				await this.commit(
					this.db.data,
					{...this.db.data},
					entries,
					entries.map(() => null),
					by,
				);
			this.access.took(await updateSettingsFile(this.file, {kind: 'access', access: after}), this.db.data.changes);
			return this.settings;
		});
	}

	async settle(): Promise<void> {
		await this.db.settle();
	}

	async close(): Promise<void> {
		this.closed = true;
		for (const stop of [...this.watches]) stop();
		await this.settle();
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
	private async refreshIfChanged(): Promise<boolean> {
		const {changed, roles, settings} = await this.db.refresh();
		if (roles || settings) await this.access.follow(this.db.data.changes, settings);
		return changed;
	}

	/** Who folds the journal when it has grown: this process (the default), or the function given here (the console starts `crm fold`). */
	foldWith(folder: () => void): void {
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
	prepareLocking(): void {
		if (!this.readonlyMode) prepareLocking();
	}

	/** As the contract says; `undoOf` names the entries an undo reverts (one for all, or one per mutation). */
	async apply(mutations: readonly Mutation[], operator: string, undoOf: UndoOf = null): Promise<ApplyResult> {
		return withFileLock(this.file, () => this.applyLocked(mutations, operator, undoOf));
	}

	applyEach(mutations: readonly Mutation[], operator: string, onProgress?: Progress): Promise<BulkResult> {
		const bulk = () => this.applyLocked(mutations, operator, null, {onProgress, eachOnItsOwn: true});
		return withFileLock(this.file, () => this.db.asOneSave(bulk) as Promise<BulkResult>);
	}

	async check(mutations: readonly Mutation[], operator: string): Promise<string | null> {
		await this.refreshIfChanged();
		try {
			this.checkAllowed(mutations, operator);
			const before = this.db.data;
			const outcome = applyMutations(this.mutationsInput(before, mutations, operator, null));
			if (!outcome.ok) return outcome.refusal.message;
			sealSteps(before, outcome.steps, outcome.entries).undo();
			return null;
		} catch (error) {
			if (error instanceof MutationError) return error.message;
			throw error;
		}
	}

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
	private checkAllowed(mutations: readonly Mutation[], operator: string, undoing = false): void {
		this.refuseChanges();
		this.checkIdentity(operator);
		const denied = roleRefusal(mutations, operator, this.roleOf(operator), undoing);
		if (denied) throw new MutationError(denied);
	}

	/** Refuses acting under a name that is not the process's own, unless its user is an admin of the roles in force. */
	private checkIdentity(operator: string): void {
		this.access.checkIdentity(operator, JsonFileStore.processUser);
	}

	private mutationsInput(dataset: Dataset, mutations: readonly Mutation[], operator: string, undoOf: UndoOf) {
		const role = this.roleOf(operator);
		return {dataset, mutations, operator, role, now: this.clock(), newId, settings: this.settings, undoOf};
	}

	/** `apply` once the lock is held: re-reads the newest file, applies to it, saves; a bulk change (`applyEach`) says what it skipped. */
	private async applyLocked(
		mutations: readonly Mutation[],
		operator: string,
		undoOf: UndoOf,
		sliced?: Sliced,
	): Promise<ApplyResult & {refused?: RecordRefused[]}> {
		this.refuseChanges();
		// The newest file first: its roles are the ones in force (an admin may have changed them meanwhile).
		await this.refreshIfChanged();
		this.checkAllowed(mutations, operator, undoOf !== null);
		const before = this.db.data;
		const outcome = await changeOutcome(this.mutationsInput(before, mutations, operator, undoOf), sliced);
		// Closed while a bulk change (or its undo) was being checked: nothing of it is saved, as `close` promises.
		this.refuseChanges();
		if (!outcome.ok) throw refusedError(outcome.refusal, before);
		const {entries, steps} = outcome;
		const records = steps.map((step) => step.after);
		const skipped = sliced?.eachOnItsOwn ? {refused: outcome.refused ?? []} : {};
		if (entries.length === 0) return {dataset: before, entries, records, ...skipped};
		const next: Dataset = {...before, ...outcome.lists};
		const chained = await this.commit(before, next, entries, steps, operator);
		return {dataset: next, entries: chained, records, ...skipped};
	}

	/**
	 * Saves `next` — `before` with `entries` — as one change (`DataFile.commitChange`). Roles found
	 * unvouched in the settings file are vouched for first, in an entry of their own.
	 */
	private async commit(
		before: Dataset,
		next: Dataset,
		entries: ChangeEntry[],
		steps: ReadonlyArray<RecordStep | null>,
		operator: string,
	): Promise<ChangeEntry[]> {
		const vouching = this.access.toVouch;
		if (vouching) {
			// i18n-exempt: the label the change log keeps (stored text, the same in every language)
			const label = `roles as found in ${basename(settingsPathFor(this.file))}`;
			entries.unshift(rolesEntry(null, this.access.fileAccess, operator, new Date(this.clock()).toISOString(), label));
			steps = [null, ...steps];
		}
		const chained = await this.db.commitChange(before, next, entries, steps);
		if (vouching) this.access.resolve(this.db.data.changes);
		return vouching ? chained.slice(1) : chained;
	}

	/** Reverts the operator's last change that is not yet undone, as a new logged change; a batch whole, or not at all. */
	async undo(operator: string, onProgress?: Progress): Promise<UndoResult> {
		return withFileLock(this.file, async () => {
			await this.refreshIfChanged();
			const plan = planUndo(this.db.data, operator);
			if (!plan.ok) throw new MutationError(plan.reason);
			// A batch of 10,000 records is reverted a slice at a time, like the bulk change it undoes.
			const sliced = {onProgress, eachOnItsOwn: false};
			const result = await this.db.asOneSave(() => this.applyLocked(plan.inverses, operator, plan.undoOf, sliced));
			const {entries, notUndone} = plan;
			return {...result, undone: entries.at(-1)!, count: entries.length, ...(notUndone ? {notUndone} : {})};
		});
	}
}
