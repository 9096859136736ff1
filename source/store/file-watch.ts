import {type FSWatcher, watch} from 'node:fs';
import {stat} from 'node:fs/promises';
import {basename, dirname} from 'node:path';

/**
 * Calls `check` whenever one of `names` (files in the folder of `file`) may have changed. Saves
 * rename a new file over the old one, so the folder is watched (for those names), with a poll as
 * a fallback where watching is not possible (some network file systems). A check still running
 * when the next is due is not started twice; a check that throws (a file caught half-way through
 * another process's rename) is left to the next. Returns a function that stops it.
 */
export const watchFiles = (
	file: string,
	names: readonly string[],
	check: () => Promise<void>,
	pollMs: number,
): (() => void) => {
	let checking = false;
	const run = async () => {
		if (checking) return;
		checking = true;
		try {
			await check();
		} catch {
			// Briefly unreadable: the next check sees it whole.
		} finally {
			checking = false;
		}
	};
	let watcher: FSWatcher | undefined;
	try {
		const watched = new Set(names.map((name) => basename(name)));
		watcher = watch(dirname(file), (_, name) => {
			if (name === null || watched.has(name)) void run();
		});
		watcher.on('error', () => watcher?.close());
	} catch {
		watcher = undefined;
	}
	const timer = setInterval(() => void run(), pollMs);
	timer.unref();
	return () => {
		clearInterval(timer);
		watcher?.close();
	};
};

/** A file's inode, size and time ('' while there is none). */
const stampOf = async (path: string): Promise<string> => {
	const info = await stat(path).catch(() => null);
	return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : '';
};

/** For a watch: whether `path` was replaced since the last call (the first compares with when this was made). */
export const fileChanges = (path: string): (() => Promise<boolean>) => {
	let seen = stampOf(path);
	return async () => {
		const before = await seen;
		const now = await stampOf(path);
		seen = Promise.resolve(now);
		return now !== before;
	};
};
