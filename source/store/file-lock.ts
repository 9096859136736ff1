import {AsyncLocalStorage} from 'node:async_hooks';
import {randomBytes} from 'node:crypto';
import {rmSync, statSync} from 'node:fs';
import {chmod, mkdir, rename, rm, rmdir, stat, utimes} from 'node:fs/promises';
import {dirname} from 'node:path';
import {Worker} from 'node:worker_threads';
import {t} from '../i18n/i18n.js';
import {modesIn} from './file-modes.js';
import {MutationError} from './mutation-error.js';

/**
 * The cross-process lock of a data file: a folder `crm.json.lock` beside it (mkdir is atomic, on
 * network file systems too). Its holder remembers which folder it made (its inode and birth time):
 * one moved aside and made anew by another writer is another folder.
 *
 * - **Fresh while held**: the holder touches the folder every second from a worker thread, which
 *   runs even while the main thread is busy for seconds (a fold's rewrite of 500,000 records, the
 *   planning of a large import), so a live holder's lock never looks stale.
 * - **Stale when its holder died**: a folder not touched for `staleMs` belongs to a process that
 *   was killed (kill -9, a dropped SSH session); the next writer moves it aside and takes the lock.
 * - **Checked before writing**: a holder that was stopped for longer than that (SIGSTOP, a
 *   suspended laptop) may have lost the lock to another writer; `verify` looks at the folder
 *   again right before a save's commit step (the rename, the journal append), so it refuses to
 *   write instead of overwriting a save the other writer made meanwhile.
 */
export const lockPathFor = (file: string): string => `${file}.lock`;

/** A lock not touched for this long belongs to a process that died. */
export const lockStaleMs = 3000;
const refreshMs = 1000;
/** How long a writer waits for a lock held by a live process before it gives up. */
const waitMs = 20_000;

/** The lock was taken over while this process held it: nothing was written. */
export class LockLostError extends MutationError {}

export type HeldLock = {
	readonly file: string;
	/** Throws LockLostError unless this process still holds the lock. */
	verify: () => Promise<void>;
};

/** The locks this process holds, path → which folder: touched by the refresher, removed if the process exits. */
const held = new Map<string, string>();

/** Which folder a lock is: its inode and birth time (a folder made anew at the same path, even on a reused inode, is another). */
const identity = (info: {ino: number; birthtimeMs: number}): string => `${info.ino}:${info.birthtimeMs}`;

const identityOf = async (path: string): Promise<string | null> => stat(path).then(identity, () => null);

type Refresher = {add: (path: string) => void; remove: (path: string) => void};

let refresher: Refresher | undefined;

// i18n-exempt: the source of the worker thread that keeps locks fresh
const workerSource = `
const {parentPort} = require('node:worker_threads');
const {utimesSync} = require('node:fs');
const held = new Set();
const touch = (path) => {
	const now = new Date();
	try { utimesSync(path, now, now); } catch {}
};
// A lock is touched as soon as it is held, then every interval.
parentPort.on('message', ({op, path}) => (op === 'add' ? (held.add(path), touch(path)) : held.delete(path)));
setInterval(() => {
	for (const path of held) touch(path);
}, ${refreshMs});
`;

/**
 * One worker thread per process keeps every held lock fresh. It starts on its own thread — a busy
 * main thread does not hold it up — in about 0.1–0.2 s on a quiet machine, but seconds on one
 * loaded with other writers: so a store opened for writing makes it at once (`prepareLocking`),
 * ahead of its first save, and a console once its first frame is up; otherwise the first lock
 * makes it. Where threads are not possible, a timer does the same (it waits while the main thread
 * is busy).
 */
const startRefresher = (): Refresher => {
	try {
		// Not the parent's flags: `--input-type=module` would make this CommonJS source a module.
		const worker = new Worker(workerSource, {eval: true, execArgv: []});
		worker.unref();
		worker.on('error', () => undefined);
		return {
			add: (path: string) => worker.postMessage({op: 'add', path}),
			remove: (path: string) => worker.postMessage({op: 'remove', path}),
		};
	} catch {
		const paths = new Set<string>();
		const timer = setInterval(() => {
			const now = Date.now() / 1000;
			for (const path of paths) void utimes(path, now, now).catch(() => undefined);
		}, refreshMs);
		timer.unref();
		return {add: (path: string) => void paths.add(path), remove: (path: string) => void paths.delete(path)};
	}
};

/** Starts the thread that keeps locks fresh, ahead of the first save. */
export const prepareLocking = (): void => {
	refresher ??= startRefresher();
};

let exitHandlerInstalled = false;

/** A process ending (process.exit, the end of a script) leaves no lock of its own behind for others to wait out. */
const removeHeldOnExit = () => {
	if (exitHandlerInstalled) return;
	exitHandlerInstalled = true;
	process.on('exit', () => {
		for (const [path, folder] of held) {
			try {
				if (identity(statSync(path)) === folder) rmSync(path, {recursive: true, force: true});
			} catch {
				// Not ours any more, or gone already.
			}
		}
	});
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves a stale lock aside (only one writer's rename succeeds) and removes it. Another writer may
 * have taken it over between our look at it and the rename: a lock found fresh once moved is put back.
 */
const takeOver = async (path: string, staleMs: number): Promise<void> => {
	const aside = `${path}.stale-${process.pid}-${randomBytes(6).toString('hex')}`;
	try {
		await rename(path, aside);
	} catch {
		return;
	}
	const moved = await stat(aside).catch(() => null);
	if (
		moved &&
		Date.now() - moved.mtimeMs <= staleMs &&
		(await rename(aside, path).then(
			() => true,
			() => false,
		))
	)
		return;
	await rm(aside, {recursive: true, force: true});
};

const acquire = async (file: string, staleMs: number): Promise<{path: string; folder: string}> => {
	const path = lockPathFor(file);
	// The wait is for one holder: a lock taken by one writer after another (a busy file, not a stuck one) starts it again.
	let deadline = Date.now() + waitMs;
	let holder = '';
	let pause = 2;
	for (;;) {
		try {
			await mkdir(path, {mode: 0o700});
			const made = await stat(path);
			// In a group's shared folder the others must be able to take over a lock its holder left behind.
			const {folder: mode} = await modesIn(dirname(file));
			if (mode !== 0o700) await chmod(path, mode & 0o777);
			return {path, folder: identity(made)};
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT') {
				// The folder of the data file does not exist yet (a first save), or the lock vanished right after it was made.
				await mkdir(dirname(file), {recursive: true, mode: 0o700});
				continue;
			}
			if (code !== 'EEXIST') throw error;
		}
		const info = await stat(path).catch(() => null);
		if (info && Date.now() - info.mtimeMs > staleMs) {
			await takeOver(path, staleMs);
			continue;
		}
		const seen = info ? identity(info) : '';
		if (seen !== holder) {
			holder = seen;
			deadline = Date.now() + waitMs;
		}
		if (Date.now() > deadline) throw new MutationError(t('store.save.lockedTooLong', {file, seconds: waitMs / 1000}));
		await sleep(pause + Math.random() * pause);
		pause = Math.min(40, pause * 1.5);
	}
};

/** The locks the current chain of calls holds: a save inside a fold (or a restore) runs under the lock its caller took. */
const heldHere = new AsyncLocalStorage<ReadonlyMap<string, HeldLock>>();

/** Runs `work` as if no lock were held: for work started under a lock that runs on after it (a background fold). */
export const outsideLocks = <T>(work: () => T): T => heldHere.exit(work);

/** The lock of `file` if the current chain of calls holds it (to verify before writing). */
export const heldLock = (file: string): HeldLock | undefined => heldHere.getStore()?.get(lockPathFor(file));

/**
 * Runs `work` holding the data file's lock; `work` gets the lock, to `verify` it before writing.
 * Called again for the same file from within `work`, it runs at once under the lock already held
 * (not for other work of the same process running beside it: that waits its turn). `staleMs` is for tests.
 */
export const withFileLock = async <T>(
	file: string,
	work: (lock: HeldLock) => Promise<T>,
	staleMs = lockStaleMs,
): Promise<T> => {
	const outer = heldLock(file);
	if (outer) return work(outer);
	refresher ??= startRefresher();
	const fresh = refresher;
	const {path, folder} = await acquire(file, staleMs);
	removeHeldOnExit();
	held.set(path, folder);
	fresh.add(path);
	const lock: HeldLock = {
		file,
		verify: async () => {
			if ((await identityOf(path)) !== folder) {
				throw new LockLostError(t('store.save.lockLost', {seconds: staleMs / 1000, file}));
			}
		},
	};
	try {
		return await heldHere.run(new Map([...(heldHere.getStore() ?? []), [path, lock]]), () => work(lock));
	} finally {
		fresh.remove(path);
		held.delete(path);
		// Only our own lock is removed: one taken over belongs to its new holder.
		if ((await identityOf(path)) === folder)
			await rmdir(path).catch(() => rm(path, {recursive: true, force: true}).catch(() => undefined));
	}
};

/**
 * The last step before a save becomes visible (the rename of a rewritten file, the append to the
 * journal): the lock must still be this process's. For tests only, `CRM_TEST_SLOW_SAVE_MS` first
 * keeps the process busy that long, as a save of a very large file would, and
 * `CRM_TEST_STOP_BEFORE_COMMIT=1` stops the process right here (SIGSTOP to itself), as a suspended
 * laptop or a Ctrl+Z would, until a SIGCONT.
 */
export const verifyBeforeCommit = async (file: string): Promise<void> => {
	const slow = Number(process.env['CRM_TEST_SLOW_SAVE_MS'] ?? 0);
	if (slow > 0) {
		const until = Date.now() + slow;
		while (Date.now() < until) {
			// Busy on purpose: the event loop is blocked, as by JSON.stringify of 500,000 records.
		}
	}
	if (process.env['CRM_TEST_STOP_BEFORE_COMMIT'] === '1') process.kill(process.pid, 'SIGSTOP');
	await heldLock(file)?.verify();
};
