import {randomUUID} from 'node:crypto';
import {join} from 'node:path';
import type pg from 'pg';
import type {RecordStep} from '../../domain/apply-mutations.js';
import type {ChangeEntry} from '../../domain/change-log.js';
import {type Dataset, recordCount} from '../../domain/dataset.js';
import type {OperatorFile} from '../../domain/operator-file.js';
import type {Settings} from '../../domain/settings.js';
import {t} from '../../i18n/i18n.js';
import {AccessState} from '../access-state.js';
import {journalRecords, sealAndChain} from '../data-file.js';
import {DataFileError} from '../data-file-error.js';
import {shownUrl} from '../database-url.js';
import {exportTarget, writeExportFile} from '../export-file.js';
import {replayJournal} from '../journal.js';
import {StoreClosedError} from '../mutation-error.js';
import {patchedSettings, type SettingsPatch, validSettings} from '../settings-file.js';
import {type Clock, StoreCore} from '../store-core.js';
import {changeFailure, databaseError, openPool} from './pg-connection.js';
import {
	type HeadRow,
	readDataset,
	readHead,
	readOperatorRow,
	readRolesEntries,
	savesAfter,
	writeOperatorRow,
	writeSave,
} from './pg-data.js';
import {coalesced, listenForSaves} from './pg-listen.js';
import type {PostgresOpenOptions} from './pg-open-options.js';
import {checkSchema} from './pg-schema.js';
import {PgSession} from './pg-session.js';
import {type Loading, loadBehindWindow, ReadingStopped, readWindow, windowDataset} from './pg-stream.js';
import {writeDatabase} from './pg-write.js';

export type {PostgresOpenOptions} from './pg-open-options.js';
export {SchemaBehindError} from './pg-schema.js';

/** How long the reading behind a window waits for the first frame (`readRest`) before it starts anyway. */
const firstFrameMs = 1000;

/**
 * The store of a PostgreSQL database: every record, the change log with its audit chain, the
 * settings and the operators' files in crm's tables (`pg-schema.ts`). The data is held in memory
 * as with the file; each change is one transaction that first locks the head row (so saves are
 * serial, as under the file lock), reads the saves of other consoles since, applies the change to
 * the newest data and writes it. Other consoles hear of each save by LISTEN/NOTIFY.
 */
export class PostgresStore extends StoreCore {
	protected readonly access: AccessState;
	protected readonly settingsName = 'crm.head.settings'; // i18n-exempt: a table and column name

	/** The connections, the transactions and their retrying. */
	private readonly session: PgSession;

	/** Who hears of the connection lost and back (the console, as a notice). */
	private readonly listeners = new Set<(problem: string | null) => void>();

	/** How far the data is read (a store opened with a window); null once all is. */
	private loadingState: Loading = null;

	/** Resolves once every record is read: changes, and reading what other consoles saved, wait for it. */
	private loaded: Promise<void> = Promise.resolve();

	/** The watchers, told as the data grows while it is read. */
	private readonly growing = new Set<(data: Dataset) => void>();

	/** The data the store opened with: what a watcher holds until it is told otherwise. */
	private readonly openedWith: Dataset;

	/** Saves under way (a signal lets them finish). */
	private readonly pending = new Set<Promise<unknown>>();

	private constructor(
		readonly url: string,
		pool: pg.Pool,
		private current: Dataset,
		private head: HeadRow,
		readonly existed: boolean,
		clock: Clock,
		readonlyMode: boolean,
		onConnection: (problem: string | null) => void,
	) {
		super(shownUrl(url), clock, readonlyMode);
		this.openedWith = current;
		this.session = new PgSession(url, pool, (problem) => {
			onConnection(problem);
			for (const listen of this.listeners) listen(problem);
		});
		const where = `${shownUrl(url)} (crm.head.settings)`;
		this.access = new AccessState(
			shownUrl(url),
			{where, load: () => this.loadSettings()},
			this.validSettings(head.settings),
			current.changes,
		);
	}

	/** Opens the database at `url`: its tables checked (or created with `migrate`), every record read in one snapshot. */
	static async open(url: string, clock: Clock = Date.now, options: PostgresOpenOptions = {}): Promise<PostgresStore> {
		const onConnection = options.onConnection ?? (() => undefined);
		const pool = openPool(url, (error) => onConnection(t('store.database.lost', {reason: error.message})));
		let behind: (() => void) | null = null;
		try {
			const client = await pool.connect();
			try {
				await checkSchema(client, url, options.migrate === true);
				await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
				const made = (data: Dataset, head: HeadRow, existed: boolean) =>
					new PostgresStore(url, pool, data, head, existed, clock, options.readonly === true, onConnection);
				if (options.window !== undefined) {
					const head = await readHead(client);
					const {rows, estimate} = await readWindow(client, 'customers', options.window);
					const store = made(
						windowDataset(head, 'customers', rows),
						head,
						head.lastSave > 0 || rows.length + estimate > 0,
					);
					// The rest of the log comes with the records; roles removed from the head's settings by hand are not in force meanwhile.
					if (options.rolesFirst) store.access.resolve(await readRolesEntries(client));
					// The client stays with the snapshot until the rest is read.
					behind = () => store.loadRest(client, head, Math.max(estimate, rows.length), options.batch ?? 25_000);
					return store;
				}
				const {data, head} = await readDataset(client);
				await client.query('COMMIT');
				return made(data, head, head.lastSave > 0 || data.changes.length + recordCount(data) > 0);
			} finally {
				if (behind) behind();
				else client.release();
			}
		} catch (error) {
			await pool.end().catch(() => undefined);
			if (error instanceof DataFileError) throw error;
			throw databaseError(url, error);
		}
	}

	/** Replaces everything the database holds with `data` (its tables created first when missing), and opens it. */
	static async create(
		url: string,
		data: Dataset,
		settings: Record<string, unknown> = {},
		operator = 'crm',
	): Promise<PostgresStore> {
		await PostgresStore.write(url, data, settings, operator);
		return PostgresStore.open(url);
	}

	/** As `writeDatabase` (pg-write.ts): everything the database holds replaced, in one transaction. */
	static write(url: string, data: Dataset, settings: Record<string, unknown>, operator: string): Promise<void> {
		return writeDatabase(url, data, settings, operator);
	}

	get data(): Dataset {
		return this.current;
	}

	/** How far the data is read: records read of about how many; null once every one is (the console says "loading 63%"). */
	get loading(): Loading {
		return this.loadingState;
	}

	/** Resolves once every record is read (starting the reading now, if it waits for a first frame). */
	whenLoaded(): Promise<void> {
		this.readRest();
		return this.loaded;
	}

	/** Starts the reading behind the window now (at once when it is asked for; see the contract). */
	readRest(): void {
		const start = this.startReading;
		this.startReading = null;
		start?.();
	}

	/** Starts the reading behind the window: set while it waits for the first frame. */
	private startReading: (() => void) | null = null;

	/**
	 * Reads every record behind the window, in the window's snapshot on `client` (released after),
	 * the watchers told as the data grows; then what other consoles saved meanwhile. A connection lost
	 * on the way: the whole is read again, as `open` reads it.
	 */
	private loadRest(client: pg.PoolClient, head: HeadRow, total: number, batch: number): void {
		this.loadingState = {done: this.current.customers.length, total};
		const tell = () => {
			for (const listen of this.growing) listen(this.current);
		};
		const read = async (): Promise<Dataset> => {
			try {
				// The first frame is drawn first (the console says so: `readRest`): the rows behind it would take the same processor.
				await new Promise<void>((resolve) => {
					this.startReading = resolve;
					setTimeout(resolve, firstFrameMs).unref();
				});
				const options = {entity: 'customers' as const, total, batch, stop: () => this.closed};
				const data = await loadBehindWindow(client, head, this.current, options, (partial, loading) => {
					this.current = partial;
					this.loadingState = loading;
					tell();
				});
				await client.query('COMMIT');
				client.release();
				return data;
			} catch (error) {
				client.release(true);
				// Closed meanwhile (the console quit): nothing more is read.
				if (error instanceof ReadingStopped || this.closed) return this.current;
				return (await this.session.snapshot((again) => readDataset(again))).data;
			}
		};
		this.loaded = read().then(async (data) => {
			this.current = data;
			await this.access.follow(data.changes, true);
			this.loadingState = null;
			tell();
		});
		// Anything that waits on it hears of a failure there; here it is not thrown a second time.
		this.loaded.catch(() => undefined);
	}

	/** The settings as the database keeps them (only what an operator changed; the defaults not copied in). */
	get storedSettings(): Record<string, unknown> {
		return this.head.settings;
	}

	private validSettings(raw: unknown): Settings {
		return validSettings(raw, `${shownUrl(this.url ?? '')} (crm.head.settings)`, t('store.settings.advice'));
	}

	private async loadSettings(): Promise<Settings> {
		const tx = this.session.transaction();
		const head = await readHead(tx?.client ?? this.session.pool);
		return this.validSettings(head.settings);
	}

	/**
	 * Runs `work` as one transaction holding the head row's lock, committed when it resolves (its
	 * changes in memory taken back if the commit fails), a lost connection tried again (`PgSession`).
	 */
	protected exclusively<T>(work: () => Promise<T>): Promise<T> {
		// A closed store has let its connections go: the refusal comes before any is asked for.
		if (this.closed) return Promise.reject(new StoreClosedError(this.where));
		// A change applies to every record: it waits until all are read.
		this.readRest();
		return this.loaded.then(() => this.session.exclusively(work));
	}

	protected async asOneSave<T>(work: () => Promise<T>): Promise<T> {
		const running = work();
		this.pending.add(running);
		try {
			return await running;
		} finally {
			this.pending.delete(running);
		}
	}

	protected async commitChange(
		before: Dataset,
		next: Dataset,
		entries: ChangeEntry[],
		steps: ReadonlyArray<RecordStep | null>,
	): Promise<ChangeEntry[]> {
		const tx = this.session.transaction();
		// i18n-exempt: a programming error, never an operator's
		if (!tx) throw new Error('A change is saved only inside exclusively().');
		const {sealing, chained} = await sealAndChain(before, next, entries, steps);
		const seq = (before.journalSeq ?? 0) + 1;
		next.journalSeq = seq;
		const fileAccess = this.access.fileSettings;
		tx.rollbacks.push(() => {
			sealing.undo();
			this.current = before;
			this.access.took(fileAccess, before.changes);
		});
		const saveId = randomUUID();
		tx.saveIds.push(saveId);
		await writeSave(tx.client, {
			seq,
			saveId,
			operator: chained[0]?.operator ?? '',
			records: journalRecords(steps, chained),
			changes: chained,
			changesBefore: before.changes.length,
			auditHead: next.auditHead!,
		});
		this.current = next;
		this.head = {...this.head, lastSave: seq};
		return chained;
	}

	protected writeSettings = async (
		patch: SettingsPatch,
		log: (after: Settings) => Promise<void>,
	): Promise<Settings> => {
		const tx = this.session.transaction()!;
		const head = await readHead(tx.client);
		const next = patchedSettings(head.settings, patch, `${shownUrl(this.url)} (crm.head.settings)`);
		await log(next.settings);
		await tx.client.query('UPDATE crm.head SET settings = $1::jsonb', [JSON.stringify(next.raw)]);
		return next.settings;
	};

	/** Exports are written to the working folder (or `path`, relative to it): the database has no folder of its own. */
	protected writeExportText(name: string, text: string, path: string | undefined, replace: boolean): Promise<string> {
		const here = join(process.cwd(), 'crm.postgres');
		return writeExportFile(null, exportTarget(here, name, path), text, replace);
	}

	protected readOperatorFile(operator: string): Promise<OperatorFile> {
		return readOperatorRow(this.session.pool, operator).catch((error: unknown) => {
			throw databaseError(this.url, error);
		});
	}

	protected writeOperatorFile(operator: string, content: OperatorFile): Promise<void> {
		return writeOperatorRow(this.session.pool, operator, content).catch((error: unknown) => {
			throw changeFailure(this.url, error);
		});
	}

	/**
	 * The newest data, if another console saved since: inside a change, on its transaction (the
	 * head locked: nothing else commits meanwhile); outside, after whatever this process is saving,
	 * in a snapshot of its own.
	 */
	protected async refreshIfChanged(): Promise<boolean> {
		const tx = this.session.transaction();
		if (tx) return this.refreshWith(tx.client);
		// What others saved is read once this store has read all it opened on (it reads from there).
		this.readRest();
		await this.loaded;
		return this.session.snapshot((client) => this.refreshWith(client));
	}

	private async refreshWith(client: pg.ClientBase): Promise<boolean> {
		const head = await readHead(client);
		const mine = this.current.journalSeq ?? 0;
		if (head.generation !== this.head.generation || head.lastSave < mine) {
			// Replaced whole (a seed, a copy): read again from the start.
			const {data} = await readDataset(client);
			this.current = data;
			this.head = head;
			await this.access.follow(data.changes, true);
			return true;
		}
		if (head.lastSave === mine) return false;
		const lines = await savesAfter(client, mine);
		const next = replayJournal(this.current, lines);
		this.head = head;
		if (next === this.current) return false;
		this.current = next;
		const logged = (entity: string) => lines.some((line) => line.changes.some((entry) => entry.entity === entity));
		if (logged('settings') || logged('access')) await this.access.follow(next.changes, true);
		return true;
	}

	/**
	 * Calls `onChange` after each save of another console, as the database announces it (LISTEN):
	 * no polling. A listening connection that breaks is opened again, and what was saved meanwhile read.
	 */
	watch(onChange: (data: Dataset) => void): () => void {
		let stopped = false;
		let told = this.settings;
		// What the watcher holds: the data the store opened with (a window of it, perhaps, read whole since).
		let toldData = this.openedWith;
		const tell = (data: Dataset) => {
			toldData = data;
			told = this.settings;
			onChange(data);
		};
		const check = coalesced(async () => {
			const changed = await this.refreshIfChanged().catch(() => false);
			if (!stopped && (changed || this.current !== toldData || this.settings !== told)) tell(this.current);
		});
		const stopListening = listenForSaves(this.url, check, this.session.onConnection);
		// While the data is read, each step of it is news too.
		const grew = (data: Dataset) => {
			if (!stopped) tell(data);
		};
		this.growing.add(grew);
		const stop = () => {
			stopped = true;
			this.watches.delete(stop);
			this.growing.delete(grew);
			stopListening();
		};
		this.watches.add(stop);
		return stop;
	}

	connection(listen: (problem: string | null) => void): () => void {
		this.listeners.add(listen);
		return () => this.listeners.delete(listen);
	}

	async settle(): Promise<void> {
		// A closed store reads no more: the reading behind a window ends at its next batch.
		if (this.closed) this.readRest();
		await this.loaded.catch(() => undefined);
		await Promise.allSettled([...this.pending]);
		await this.session.settle();
	}

	override async close(): Promise<void> {
		await super.close();
		await this.session.end();
	}
}
