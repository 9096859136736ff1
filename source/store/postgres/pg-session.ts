import {AsyncLocalStorage} from 'node:async_hooks';
import type pg from 'pg';
import {t} from '../../i18n/i18n.js';
import {SaveError} from '../save-failure.js';
import {changeFailure, isConnectionLost} from './pg-connection.js';
import {readHead} from './pg-data.js';

/** How long a change waits for a lost connection to come back before it gives up (a server restarting takes seconds). */
const reconnectMs = 30_000;

/** A change under way: its connection, what puts memory back if it does not commit, the ids of the saves it wrote. */
export type Transaction = {client: pg.PoolClient; rollbacks: Array<() => void>; saveIds: string[]};

/**
 * One process's use of the database: its pool of connections, its changes one at a time (each one
 * transaction holding the head row's lock, as the file lock serialises saves), its reads in
 * snapshots, and the retrying of both when the connection is lost (the server restarted): a change
 * whose commit went unanswered is looked up by its save's id before it is tried again, so it is
 * neither lost nor made twice.
 */
export class PgSession {
	private readonly context = new AsyncLocalStorage<Transaction>();
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		readonly url: string,
		readonly pool: pg.Pool,
		/** Told when the connection is lost (in words) and when it is back (null). */
		readonly onConnection: (problem: string | null) => void,
	) {}

	/** The transaction this async context runs in, if any. */
	transaction(): Transaction | undefined {
		return this.context.getStore();
	}

	/** Runs `work` after every change or read of this process before it. */
	private serialized<T>(work: () => Promise<T>): Promise<T> {
		const run = this.queue.then(work, work);
		this.queue = run.catch(() => undefined);
		return run;
	}

	/** Resolves once nothing of this process is under way. */
	async settle(): Promise<void> {
		await this.queue;
	}

	/** Runs `work` in one transaction holding the head row's lock, committed when it resolves; undone in memory (its rollbacks) if not. */
	exclusively<T>(work: () => Promise<T>): Promise<T> {
		return this.serialized(() => this.retrying(() => this.inTransaction(work))).catch((error: unknown) => {
			throw changeFailure(this.url, error);
		});
	}

	/** Runs `read` in a read-only snapshot (after whatever this process is changing). */
	snapshot<T>(read: (client: pg.PoolClient) => Promise<T>): Promise<T> {
		return this.serialized(async () => {
			const client = await this.pool.connect();
			let broken = false;
			try {
				await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
				const result = await read(client);
				await client.query('COMMIT');
				return result;
			} catch (error) {
				broken = isConnectionLost(error);
				if (!broken) await client.query('ROLLBACK').catch(() => undefined);
				throw error;
			} finally {
				client.release(broken);
			}
		});
	}

	private async retrying<T>(attempt: () => Promise<T>): Promise<T> {
		const until = Date.now() + reconnectMs;
		let wait = 200;
		for (;;) {
			try {
				const result = await attempt();
				if (wait > 200) this.onConnection(null);
				return result;
			} catch (error) {
				if (!isConnectionLost(error)) throw error;
				const reason = (error as Error).message;
				if (Date.now() > until) throw new SaveError(t('store.database.gaveUp', {seconds: reconnectMs / 1000, reason}));
				this.onConnection(t('store.database.lost', {reason}));
				await new Promise((resolve) => setTimeout(resolve, wait));
				wait = Math.min(wait * 2, 2000);
			}
		}
	}

	private async inTransaction<T>(work: () => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		const state: Transaction = {client, rollbacks: [], saveIds: []};
		let broken = false;
		let committing = false;
		try {
			await client.query('BEGIN');
			await readHead(client, true);
			const result = await this.context.run(state, work);
			committing = true;
			try {
				await client.query('COMMIT');
			} catch (error) {
				// The commit went out and no answer came back: it may have landed. Its save's id says.
				const saveId = state.saveIds.at(-1);
				if (!isConnectionLost(error) || !saveId || !(await this.landed(saveId))) throw error;
			}
			return result;
		} catch (error) {
			for (const rollback of state.rollbacks.reverse()) rollback();
			broken = isConnectionLost(error);
			if (!broken && !committing) await client.query('ROLLBACK').catch(() => undefined);
			throw error;
		} finally {
			client.release(broken);
		}
	}

	/** Whether the save of that id is in the database, asked on new connections until the server answers (or the wait is over). */
	private landed(saveId: string): Promise<boolean> {
		return this.retrying(async () => {
			const {rows} = await this.pool.query('SELECT 1 FROM crm.saves WHERE save_id = $1', [saveId]);
			return rows.length > 0;
		});
	}

	async end(): Promise<void> {
		await this.pool.end().catch(() => undefined);
	}
}
