import {constants} from 'node:fs';
import {type FileHandle, mkdir, open} from 'node:fs/promises';
import {hostname} from 'node:os';
import {basename, dirname, join} from 'node:path';
import type {Metric} from '../domain/metric.js';
import {besideData} from './data-path.js';
import {isDatabaseUrl} from './database-url.js';
import {modesIn, settleMode} from './file-modes.js';
import {maxDataFileBytes, readRegularFile} from './regular-file.js';
import type {CrmStore} from './store-contract.js';

/** The console's own measurements live beside the data file: `crm.json` → `crm.metrics.jsonl`. */
export const metricsPathFor = (data: string): string => {
	const dataFile = besideData(data);
	return join(dirname(dataFile), `${basename(dataFile).replace(/\.json$/i, '')}.metrics.jsonl`);
};

/** Reads the metrics log; undefined when there is none. A damaged line is skipped, not fatal: these are measurements. */
export const loadMetrics = async (dataFile: string): Promise<Metric[] | undefined> => {
	let text: string;
	try {
		// A pipe or device planted under the log's name is no log (and must not stall the console).
		const read = await readRegularFile(metricsPathFor(dataFile), maxDataFileBytes);
		if (!read) return undefined;
		text = read.bytes.toString('utf8');
	} catch {
		return undefined;
	}
	const metrics: Metric[] = [];
	for (const line of text.split('\n')) {
		if (line.trim() === '') continue;
		try {
			const entry = JSON.parse(line) as Metric;
			if (typeof entry.at === 'string' && typeof entry.kind === 'string') metrics.push(entry);
		} catch {
			// A line cut short by a crash: the rest of the log still counts.
		}
	}
	return metrics;
};

/** Whether the file ends in the middle of a line (a crash tore the last one). */
const endsMidLine = async (file: string): Promise<boolean> => {
	let handle: FileHandle;
	try {
		handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch {
		return false;
	}
	try {
		const {size} = await handle.stat();
		if (size === 0) return false;
		const last = Buffer.alloc(1);
		await handle.read(last, 0, 1, size - 1);
		return last[0] !== 0x0a;
	} finally {
		await handle.close();
	}
};

/**
 * Appends measurements to the log (owner-only, like the data). A line torn by a crash is closed
 * first, so it costs only itself; losing the last lines in a crash costs nothing more.
 */
export const appendMetrics = async (dataFile: string, metrics: readonly Metric[]): Promise<void> => {
	if (metrics.length === 0) return;
	const file = metricsPathFor(dataFile);
	const lines = metrics.map((metric) => `${JSON.stringify(metric)}\n`).join('');
	const text = (await endsMidLine(file)) ? `\n${lines}` : lines;
	// A database's measurements are kept in a folder of this machine's, made on first use.
	if (isDatabaseUrl(dataFile)) await mkdir(dirname(file), {recursive: true, mode: 0o700});
	// Never through a link planted under the log's name, never into a pipe or device.
	const handle = await open(
		file,
		constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
		0o600,
	);
	try {
		const info = await handle.stat();
		if (!info.isFile()) return;
		if (info.size === 0) await settleMode(handle, null, await modesIn(dirname(file)));
		await handle.appendFile(text);
	} finally {
		await handle.close();
	}
};

/**
 * Whether a session that recorded no exit is still running: its process is alive on this host (a
 * signal 0 reaches it, or is refused to us: it exists). A session of another host cannot be looked
 * at from here and is taken as running, so it is never counted as a crash it may not be.
 */
export const sessionRunning = (start: Metric): boolean => {
	if (start.pid === undefined || start.host === undefined) return false;
	if (start.host !== hostname()) return true;
	if (start.pid === process.pid) return true;
	try {
		process.kill(start.pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
};

/** A session's start, as the metrics log keeps it: with the process and host that ran it. */
export const sessionStart = (session: string, at = new Date()): Metric => ({
	at: at.toISOString(),
	session,
	kind: 'start',
	pid: process.pid,
	host: hostname(),
});

/** A refusal in words (a role, --readonly, a stale version, an invalid value) is no save attempted (KPI.md save_success_rate). */
export const isRefusal = (error: unknown): boolean => error instanceof Error && error.name === 'MutationError';

type Saves = Pick<CrmStore, 'apply' | 'undo'>;

/**
 * The store as a command uses it, with each save it attempts written to the metrics log beside the
 * data: `save` (ms to durable) or `save_failed`, and an `error` with it — as the console records its
 * own (KPI.md save_success_rate counts both). A refusal is no attempt and is not recorded.
 */
export const recordingSaves = <S extends Saves>(store: S, dataFile: string, session = `cmd-${process.pid}`): S => {
	const timed =
		<A extends unknown[], R>(save: (...args: A) => Promise<R>) =>
		async (...args: A): Promise<R> => {
			const started = performance.now();
			const at = () => new Date().toISOString();
			try {
				const result = await save(...args);
				await appendMetrics(dataFile, [
					{at: at(), session, kind: 'save', ms: Math.round((performance.now() - started) * 100) / 100},
				]).catch(() => undefined);
				return result;
			} catch (error) {
				if (!isRefusal(error))
					await appendMetrics(dataFile, [
						{at: at(), session, kind: 'save_failed'},
						{at: at(), session, kind: 'error'},
					]).catch(() => undefined);
				throw error;
			}
		};
	const wrapped: Partial<Record<PropertyKey, unknown>> = {
		apply: timed(store.apply.bind(store)),
		undo: timed(store.undo.bind(store)),
	};
	// Everything else is the store's own, called on the store itself.
	return new Proxy(store, {
		get: (target, property) => {
			if (property in wrapped) return wrapped[property];
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
};
