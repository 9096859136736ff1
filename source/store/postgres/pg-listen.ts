import pg from 'pg';
import {t} from '../../i18n/i18n.js';
import {connectionOf} from './pg-connection.js';
import {notifyChannel} from './pg-data.js';

/**
 * Calls `onSave` whenever a save is announced on the database at `url` (LISTEN), and once each
 * time listening starts (saves made while nobody listened: at the start, or while the connection
 * was down). A connection that breaks is opened again, waiting longer each time up to 5 s; `onConnection`
 * hears that it is lost (in words) and that it is back (null), so an idle console says so too.
 * Returns the function that stops listening.
 */
export const listenForSaves = (
	url: string,
	onSave: () => void,
	onConnection: (problem: string | null) => void = () => undefined,
): (() => void) => {
	let stopped = false;
	let listener: pg.Client | null = null;
	/** Set while the listening connection is lost: its coming back is news. */
	let lost = false;
	const listen = async (wait: number): Promise<void> => {
		if (stopped) return;
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		const client = new pg.Client(connectionOf(url));
		client.on('notification', onSave);
		// The server gone (stopped, restarted, the network cut): said once, then listened for again.
		const broken = (reason: string) => {
			if (listener !== client) return;
			listener = null;
			if (!stopped && !lost) onConnection(t('store.database.lost', {reason}));
			lost = true;
			client.end().catch(() => undefined);
			void listen(500);
		};
		client.on('error', (error: Error) => broken(error.message));
		client.on('end', () => broken(t('store.database.ended')));
		try {
			await client.connect();
			await client.query(`LISTEN ${notifyChannel}`);
		} catch (error) {
			client.end().catch(() => undefined);
			if (!stopped && !lost) onConnection(t('store.database.lost', {reason: (error as Error).message}));
			lost = true;
			void listen(Math.min(Math.max(wait * 2, 500), 5000));
			return;
		}
		if (stopped) {
			await client.end().catch(() => undefined);
			return;
		}
		listener = client;
		if (lost) onConnection(null);
		lost = false;
		onSave();
	};
	void listen(0);
	return () => {
		stopped = true;
		listener?.end().catch(() => undefined);
		listener = null;
	};
};

/**
 * `work` run on each call, one at a time: calls made while it runs make it run once more after it,
 * not once each (a burst of saves announced is one reading of them).
 */
export const coalesced = (work: () => Promise<void>): (() => void) => {
	let running = false;
	let again = false;
	const run = async (): Promise<void> => {
		if (running) {
			again = true;
			return;
		}
		running = true;
		try {
			do {
				again = false;
				await work();
			} while (again);
		} finally {
			running = false;
		}
	};
	return () => void run();
};
