import {mayChangeSettings, mayExport, type Role, refusal, sameAccess} from '../domain/access.js';
import {applyMutations, type RecordStep, roleRefusal} from '../domain/apply-mutations.js';
import type {ChangeEntry} from '../domain/change-log.js';
import type {Dataset, StoredEntity} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import type {Mutation} from '../domain/mutation.js';
import type {OperatorFile} from '../domain/operator-file.js';
import {type RecordPage, type RecordWindow, recordWindow} from '../domain/record-window.js';
import {type Settings, settingsFieldChanges} from '../domain/settings.js';
import {planUndo} from '../domain/undo-plan.js';
import {t} from '../i18n/i18n.js';
import type {AccessState} from './access-state.js';
import {MutationError, refusedError, StoreClosedError} from './mutation-error.js';
import {sealSteps} from './seal-steps.js';
import {rolesEntry, settingsEntry} from './settings-entries.js';
import type {SettingsPatch} from './settings-file.js';
import {changeOutcome, type Progress, type Sliced} from './sliced-change.js';
import type {ApplyResult, BulkResult, CrmStore, RecordRefused, UndoResult} from './store-contract.js';

export type Clock = () => number;

/** The entries an undo reverts (one for all, or one per mutation); null for a change of the operator's own. */
export type UndoOf = string | null | readonly string[];

/** Where a backend keeps the settings: how they are changed, as one step with logging the change (`log`). */
export type SettingsWrite = (patch: SettingsPatch, log: (after: Settings) => Promise<void>) => Promise<Settings>;

/**
 * What every backend shares: who may do what, how a change is checked, applied, logged, chained and
 * undone, and how settings and roles are changed. A backend says how the data is locked for a change
 * (`exclusively`), read again (`refreshIfChanged`) and saved (`commitChange`), and where the
 * settings, the operators' files and exports go.
 */
export abstract class StoreCore implements CrmStore {
	/**
	 * The OS user this process runs as, once the command line has said so (`null`: a uid the system
	 * has no name for). With roles in force a change is made as that user; under another name only
	 * by an admin — judged by the roles the change log vouches for, not by settings that anyone
	 * who can write them could have edited. Unset (tests, library use), names are taken as given.
	 */
	static processUser: string | null | undefined = undefined;

	protected constructor(
		/** Where the data is, as messages name it: the data file, or the database. */
		readonly where: string,
		protected readonly clock: Clock,
		private readonly readonlyMode: boolean,
	) {}

	/** Who may do what: the settings and roles in force. */
	protected abstract readonly access: AccessState;

	abstract readonly existed: boolean;
	abstract get data(): Dataset;

	/** Runs `work` holding the backend's write lock (the file lock; the database's row lock, in one transaction). */
	protected abstract exclusively<T>(work: () => Promise<T>): Promise<T>;
	/** The newest data, if another writer saved since; its roles and settings followed. Whether anything changed. */
	protected abstract refreshIfChanged(): Promise<boolean>;
	/** Saves `next` — `before` with `entries` — as one change, sealed and chained; the data in memory is `next` once saved. */
	protected abstract commitChange(
		before: Dataset,
		next: Dataset,
		entries: ChangeEntry[],
		steps: ReadonlyArray<RecordStep | null>,
	): Promise<ChangeEntry[]>;
	/** Runs a bulk change (or its undo) as a save under way from its start (a signal lets it finish). */
	protected abstract asOneSave<T>(work: () => Promise<T>): Promise<T>;
	/** Changes the settings where the backend keeps them, logging the change (`log`) before they are written. */
	protected abstract writeSettings: SettingsWrite;
	/** Where the settings are, as the change log's label of roles found there names it. */
	protected abstract readonly settingsName: string;
	protected abstract readOperatorFile(operator: string): Promise<OperatorFile>;
	protected abstract writeOperatorFile(operator: string, content: OperatorFile): Promise<void>;
	protected abstract writeExportText(
		name: string,
		text: string,
		path: string | undefined,
		replace: boolean,
	): Promise<string>;
	abstract watch(onChange: (data: Dataset) => void): () => void;
	abstract settle(): Promise<void>;
	/** Resolves once every record is read: a store opened on its first records (a window) reads the change log last. */
	abstract whenLoaded(): Promise<void>;

	/**
	 * The roles in force are those the change log vouches for, and a store opened on a window has read no log
	 * yet: until it has, its roles are the settings' own (a hand edit there not yet found out). Anything
	 * judged by role that is not a change (each waits for every record) waits for them first.
	 */
	private rolesInForce(): Promise<void> {
		return this.whenLoaded();
	}

	/** Set by `close`: every change is refused from then on. */
	protected closed = false;

	/** The watches running, each by the function that stops it (`close` stops them all). */
	protected readonly watches = new Set<() => void>();

	get rolesWarning(): string | null {
		return this.access.warning;
	}

	get readonly(): boolean {
		return this.readonlyMode;
	}

	get settings(): Settings {
		return this.access.settings;
	}

	roleOf(operator: string): Role {
		return this.access.roleOf(operator);
	}

	/** The records are in memory: a window of them is a slice (of a sorted copy, for an order). */
	async readPage<E extends StoredEntity>(entity: E, window: RecordWindow): Promise<RecordPage<Dataset[E][number]>> {
		return recordWindow(this.data[entity] as ReadonlyArray<Dataset[E][number]>, window);
	}

	/** Starts what keeps this process's locks fresh, for a store opened with `lockingLater` (a backend without lock files has nothing to start). */
	prepareLocking(): void {}

	/** Who folds a journal grown large (a backend without a journal folds nothing). */
	foldWith(_folder: () => void): void {}

	/** Refuses any change to a closed or read-only store. */
	protected refuseChanges(writesAFile = false): void {
		if (this.closed) throw new StoreClosedError(this.where);
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
		await this.rolesInForce();
		this.checkIdentity(operator);
		const role = this.roleOf(operator);
		if (!mayExport(role)) throw new MutationError(refusal(operator, role, 'export'));
		return this.writeExportText(name, text, path, replace);
	}

	operatorFile(operator: string): Promise<OperatorFile> {
		return this.readOperatorFile(operator);
	}

	async saveOperatorFile(operator: string, content: OperatorFile): Promise<void> {
		this.refuseChanges(true);
		await this.rolesInForce();
		this.checkIdentity(operator);
		await this.writeOperatorFile(operator, content);
	}

	async updateSettings(patch: SettingsPatch, operator: string): Promise<Settings> {
		this.refuseChanges();
		await this.rolesInForce();
		this.checkIdentity(operator);
		const role = this.roleOf(operator);
		if (!mayChangeSettings(role)) throw new MutationError(refusal(operator, role, 'settings'));
		if (patch.kind === 'role') return this.changeRoles(patch.operator, patch.role, operator);
		return this.exclusively(async () => {
			await this.refreshIfChanged();
			const before = this.settings;
			// Logged and chained like a record's change, once the new settings are valid and before they are written.
			const written = await this.writeSettings(patch, async (after) => {
				const changes = settingsFieldChanges(before, after);
				if (changes.length === 0) return;
				const entry = settingsEntry(patch, changes, operator, new Date(this.clock()).toISOString());
				await this.commit(this.data, {...this.data}, [entry], [null], operator);
			});
			this.access.took(written, this.data.changes);
			return this.settings;
		});
	}

	/**
	 * Gives `name` a role (null: none of their own), as `by`: an admin of the roles in force. The
	 * change is logged (the chain vouches for the roles from then on), then the settings are
	 * written with every role in force — which also puts right roles edited there by hand.
	 */
	private async changeRoles(name: string, role: Role | null, by: string): Promise<Settings> {
		return this.exclusively(async () => {
			await this.refreshIfChanged();
			this.access.resolve(this.data.changes);
			this.checkIdentity(by);
			const current = this.roleOf(by);
			if (!mayChangeSettings(current)) throw new MutationError(refusal(by, current, 'settings'));
			const before = this.settings.access;
			const after = this.access.rolesWith(name, role);
			const at = new Date(this.clock()).toISOString();
			const entries = sameAccess(before, after) ? [] : [rolesEntry(before, after, by, at)];
			// Roles not vouched for yet are, first (commit does that), even when this changes nothing.
			const log = async () => {
				if (entries.length > 0 || this.access.toVouch)
					await this.commit(
						this.data,
						{...this.data},
						entries,
						entries.map(() => null),
						by,
					);
			};
			this.access.took(await this.writeSettings({kind: 'access', access: after}, log), this.data.changes);
			return this.settings;
		});
	}

	/** Stops every watch, lets a save under way finish, and refuses every change after. */
	async close(): Promise<void> {
		this.closed = true;
		for (const stop of [...this.watches]) stop();
		await this.settle();
	}

	/** As the contract says; `undoOf` names the entries an undo reverts (one for all, or one per mutation). */
	async apply(mutations: readonly Mutation[], operator: string, undoOf: UndoOf = null): Promise<ApplyResult> {
		return this.exclusively(() => this.applyLocked(mutations, operator, undoOf));
	}

	applyEach(mutations: readonly Mutation[], operator: string, onProgress?: Progress): Promise<BulkResult> {
		const bulk = () => this.applyLocked(mutations, operator, null, {onProgress, eachOnItsOwn: true});
		return this.exclusively(() => this.asOneSave(bulk) as Promise<BulkResult>);
	}

	async check(mutations: readonly Mutation[], operator: string): Promise<string | null> {
		await this.refreshIfChanged();
		try {
			this.checkAllowed(mutations, operator);
			const before = this.data;
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
	protected checkIdentity(operator: string): void {
		this.access.checkIdentity(operator, StoreCore.processUser);
	}

	private mutationsInput(dataset: Dataset, mutations: readonly Mutation[], operator: string, undoOf: UndoOf) {
		const role = this.roleOf(operator);
		return {dataset, mutations, operator, role, now: this.clock(), newId, settings: this.settings, undoOf};
	}

	/** `apply` once the lock is held: re-reads the newest data, applies to it, saves; a bulk change (`applyEach`) says what it skipped. */
	private async applyLocked(
		mutations: readonly Mutation[],
		operator: string,
		undoOf: UndoOf,
		sliced?: Sliced,
	): Promise<ApplyResult & {refused?: RecordRefused[]}> {
		this.refuseChanges();
		// The newest data first: its roles are the ones in force (an admin may have changed them meanwhile).
		await this.refreshIfChanged();
		this.checkAllowed(mutations, operator, undoOf !== null);
		const before = this.data;
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
	 * Saves `next` — `before` with `entries` — as one change (`commitChange`). Roles found unvouched
	 * in the settings are vouched for first, in an entry of their own.
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
			const label = `roles as found in ${this.settingsName}`;
			entries.unshift(rolesEntry(null, this.access.fileAccess, operator, new Date(this.clock()).toISOString(), label));
			steps = [null, ...steps];
		}
		const chained = await this.commitChange(before, next, entries, steps);
		if (vouching) this.access.resolve(this.data.changes);
		return vouching ? chained.slice(1) : chained;
	}

	/** Reverts the operator's last change that is not yet undone, as a new logged change; a batch whole, or not at all. */
	async undo(operator: string, onProgress?: Progress): Promise<UndoResult> {
		return this.exclusively(async () => {
			await this.refreshIfChanged();
			const plan = planUndo(this.data, operator);
			if (!plan.ok) throw new MutationError(plan.reason);
			// A batch of 10,000 records is reverted a slice at a time, like the bulk change it undoes.
			const sliced = {onProgress, eachOnItsOwn: false};
			const result = await this.asOneSave(() => this.applyLocked(plan.inverses, operator, plan.undoOf, sliced));
			const {entries, notUndone} = plan;
			return {...result, undone: entries.at(-1)!, count: entries.length, ...(notUndone ? {notUndone} : {})};
		});
	}
}
