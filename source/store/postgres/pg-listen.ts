import pg from 'pg';
import {connectionOf} from './pg-connection.js';
import {notifyChannel} from './pg-data.js';

/**
 * Calls `onSave` whenever a save is announced on the database at `url` (LISTEN), and once each
 * time listening starts (saves made while nobody listened: at the start, or while the connection
 * was down). A connection that breaks is opened again, waiting longer each time up to 5 s.
 * Returns the function that stops listening.
 */
export const listenForSaves = (url: string, onSave: () => void): (() => void) => {
	let stopped = false;
	let listener: pg.Client | null = null;
	const listen = async (wait: number): Promise<void> => {
		if (stopped) return;
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		const client = new pg.Client(connectionOf(url));
		client.on('notification', onSave);
		client.on('error', () => {
			if (listener !== client) return;
			listener = null;
			client.end().catch(() => undefined);
			void listen(500);
		});
		try {
			await client.connect();
			await client.query(`LISTEN ${notifyChannel}`);
		} catch {
			client.end().catch(() => undefined);
			void listen(Math.min(Math.max(wait * 2, 500), 5000));
			return;
		}
		if (stopped) {
			await client.end().catch(() => undefined);
			return;
		}
		listener = client;
		onSave();
	};
	void listen(0);
	return () => {
		stopped = true;
		listener?.end().catch(() => undefined);
		listener = null;
	};
};
