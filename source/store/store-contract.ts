import type {Role} from '../domain/access.js';
import type {RecordRefused} from '../domain/apply-mutations.js';
import type {ChangeEntry} from '../domain/change-log.js';
import type {AnyStoredRecord, Dataset, StoredEntity} from '../domain/dataset.js';
import type {Mutation} from '../domain/mutation.js';
import type {OperatorFile} from '../domain/operator-file.js';
import type {RecordPage, RecordWindow} from '../domain/record-window.js';
import type {Settings} from '../domain/settings.js';
import type {SettingsPatch} from './settings-file.js';

export type {RecordPage, RecordWindow};

/** What a change saved: the data after it, its change-log entries (sealed and chained), and each record as saved (undefined: deleted). */
export type ApplyResult = {dataset: Dataset; entries: ChangeEntry[]; records: Array<AnyStoredRecord | undefined>};

/** What a bulk change saved (as `apply` says), and each mutation it skipped: which record, by its label, and why. */
export type BulkResult = ApplyResult & {refused: RecordRefused[]};

export type {RecordRefused};

/** What an undo saved, and what it reverted: the newest entry undone, how many (a batch), and a later settings change it left alone. */
export type UndoResult = ApplyResult & {undone: ChangeEntry; count: number; notUndone?: ChangeEntry};

/**
 * The one way the console and the commands reach the data, whichever backend holds it (the JSON
 * file today; a database later). Every method that may do I/O returns a Promise; a refusal (a role,
 * --readonly, a stale version, an invalid value) rejects with a MutationError in words, a system
 * failure of a save with a SaveError. `test/unit/store-contract.test.ts` is what a backend must pass.
 */
export interface CrmStore {
	/** Started read-only (`--readonly`): every change is refused, whoever asks. */
	readonly readonly: boolean;
	/** False when there was no data yet when the store was opened: nothing is stored until the first save. */
	readonly existed: boolean;
	/**
	 * The data as it stands, a snapshot: the store never changes it in place. A save, an undo or another
	 * writer's change replaces it with a new one (lists no change touched are shared between the two).
	 * Read it; for one entity's records in an order, a page at a time, `readPage` is the narrower way.
	 */
	readonly data: Dataset;
	/**
	 * How far the data is read, when a store opens before it has read all of it (a database opened
	 * for the console: the first rows at once, the rest behind them): records read of about how many,
	 * watchers told as the data grows; null (or absent) once every record is. Changes wait for it.
	 */
	readonly loading?: {done: number; total: number} | null;
	/** The console's first frame is drawn: a store opened on the first rows reads the rest from now on (anything that needs it starts it too). */
	readRest?(): void;
	/** Resolves once every record is read (starting that now); rejects, in words, when the rest could not be read (a file damaged since). */
	whenLoaded?(): Promise<void>;
	/** The settings in force: targets, the checklist, the roles the change log vouches for. */
	readonly settings: Settings;
	/** Set when the roles stored beside the data are not those in force (changed there by hand), in words; else null. */
	readonly rolesWarning: string | null;
	/** The role `operator` has in the roles in force (everyone is admin while none are set). */
	roleOf(operator: string): Role;
	/** A window of one entity's records: `limit` of them from `offset`, in `order` (stored order without one), and how many there are. */
	readPage<E extends StoredEntity>(entity: E, window: RecordWindow): Promise<RecordPage<Dataset[E][number]>>;
	/**
	 * Applies the mutations as one change, to the newest data: all are checked first, then saved
	 * once, durably, with a change-log entry per record changed (operator, time, each field before and
	 * after), chained to the audit trail. If anything is refused or fails, nothing changes.
	 */
	apply(mutations: readonly Mutation[], operator: string): Promise<ApplyResult>;
	/**
	 * Applies the mutations as one bulk change (a field set on many marked records, or many closed
	 * or deleted: updates and deletes only) to the newest data. Each record is checked on its own: one
	 * refused (gone, changed since the version given, an invalid value, a forbidden move) is skipped
	 * and listed in `refused` by label and reason, and the rest are saved once, as one batch that
	 * `undo` reverts whole. --readonly and the role still refuse the whole change, rejecting with a
	 * MutationError. The records are checked in slices, with `onProgress(done, total)` after each
	 * (the last call has done = total) and a turn of the event loop between them, so a console stays
	 * responsive and can draw a progress bar; the work is linear in the mutations and the lists they
	 * touch, and the save is one, however many records. With every mutation refused nothing is saved:
	 * it resolves with no entries, the data as it stands, and every refusal.
	 */
	applyEach(
		mutations: readonly Mutation[],
		operator: string,
		onProgress?: (done: number, total: number) => void,
	): Promise<BulkResult>;
	/**
	 * Reverts the operator's last change not yet undone (a batch whole, or not at all), as a new logged
	 * change. A batch is reverted a slice at a time, `onProgress` told as `applyEach` tells it: the undo
	 * of a bulk change of 10,000 records keeps a console as responsive as the change did.
	 */
	undo(operator: string, onProgress?: (done: number, total: number) => void): Promise<UndoResult>;
	/** What `apply` would say to these mutations, saving nothing: null when it would save them, else its refusal in words. */
	check(mutations: readonly Mutation[], operator: string): Promise<string | null>;
	/** Why `operator` may not create records of these entities (--readonly, their role, their name), or null: asked before an import reads its file. */
	importRefusal(entities: readonly StoredEntity[], operator: string): string | null;
	/** Changes a target, a checklist mark or a role (admins only), logged like a record's change; resolves to the settings now in force. */
	updateSettings(patch: SettingsPatch, operator: string): Promise<Settings>;
	/** What the console keeps for one operator apart from the data and the settings (the survey's offers); an empty one when none is kept yet. */
	operatorFile(operator: string): Promise<OperatorFile>;
	/** Replaces that operator's file (refused with --readonly, and for a name that is not the operator's own). */
	saveOperatorFile(operator: string, content: OperatorFile): Promise<void>;
	/**
	 * Writes exported text beside the data (or at `path`, relative to it), owner-only; resolves to
	 * where. An existing file only with `replace` (ExportExistsError asks for it); refused to a viewer.
	 */
	writeExport(
		name: string,
		text: string,
		path: string | undefined,
		operator: string,
		replace?: boolean,
	): Promise<string>;
	/** Calls `onChange` with the newest data whenever another writer changes it; returns the function that stops it. */
	watch(onChange: (data: Dataset) => void): () => void;
	/**
	 * Calls `listen` when the connection to the data is lost (in words: a database server restarting)
	 * and when it is back (null); returns the function that stops it. A file has no connection to lose.
	 */
	connection?(listen: (problem: string | null) => void): () => void;
	/** Resolves once no save is under way (at once if none is): a signal waits for it before the process ends. */
	settle(): Promise<void>;
	/** Stops every watch, lets a save under way finish, and refuses every change after. */
	close(): Promise<void>;
}
