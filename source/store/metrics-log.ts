import {randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {type FileHandle, link, mkdir, open, unlink} from 'node:fs/promises';
import {hostname} from 'node:os';
import {basename, dirname, join} from 'node:path';
import type {Metric} from '../domain/metric.js';
import {t} from '../i18n/i18n.js';
import {DataFileError} from './data-file-error.js';
import {besideData} from './data-path.js';
import {isDatabaseUrl} from './database-url.js';
import {modesIn, settleMode} from './file-modes.js';
import {maxDataFileBytes, readRegularFile} from './regular-file.js';
import {SealError} from './sealed/seal-error.js';
import type {MasterKey} from './sealed/seal-keys.js';
import {
	isLineHeader,
	type LineSealing,
	lineHeaderMark,
	newLineHeader,
	openLineIn,
	readLineHeader,
	sealLineIn,
	tornLineMark,
} from './sealed/seal-lines.js';
import {setKeyOf} from './sealed/set-sealing.js';
import type {CrmStore} from './store-contract.js';

/** The console's own measurements live beside the data file: `crm.json` → `crm.metrics.jsonl`. */
export const metricsPathFor = (data: string): string => {
	const dataFile = besideData(data);
	return join(dirname(dataFile), `${basename(dataFile).replace(/\.json$/i, '')}.metrics.jsonl`);
};

const metricOf = (json: string): Metric | null => {
	try {
		const entry = JSON.parse(json) as Metric;
		return typeof entry.at === 'string' && typeof entry.kind === 'string' ? entry : null;
	} catch {
		// A line cut short by a crash: the rest of the log still counts.
		return null;
	}
};

/** The metrics of a sealed log's lines after its header; the last piece (after the last newline) is empty or torn. */
const sealedMetrics = async (file: string, lines: readonly string[]): Promise<Metric[]> => {
	const sealing = await readLineHeader(lines[0]!, file);
	const metrics: Metric[] = [];
	for (let index = 1; index < lines.length - 1; index++) {
		const line = lines[index]!;
		if (line.endsWith(tornLineMark)) continue;
		let json: string;
		try {
			json = openLineIn(line, sealing, file);
		} catch (error) {
			if (!(error instanceof SealError && error.code === 'damaged')) throw error;
			throw new DataFileError(
				file,
				t('store.read.sealedLine', {line: index + 1}),
				t('store.file.metricsAdvice'),
				t('store.file.metrics'),
			);
		}
		const metric = metricOf(json);
		if (metric) metrics.push(metric);
	}
	return metrics;
};

/**
 * Reads the metrics log; undefined when there is none. A damaged line is skipped, not fatal: these are
 * measurements. A sealed log (that of a sealed data file) is opened with its key: a line that does not
 * open is refused (DataFileError naming it), and so is a key refused, never read as "no metrics".
 */
export const loadMetrics = async (dataFile: string): Promise<Metric[] | undefined> => {
	const file = metricsPathFor(dataFile);
	let text: string;
	try {
		// A pipe or device planted under the log's name is no log (and must not stall the console).
		const read = await readRegularFile(file, maxDataFileBytes);
		if (!read) return undefined;
		text = read.bytes.toString('utf8');
	} catch {
		return undefined;
	}
	const lines = text.split('\n');
	if (isLineHeader(lines[0]!)) return sealedMetrics(file, lines);
	const metrics: Metric[] = [];
	for (const line of lines) {
		if (line.trim() === '') continue;
		const metric = metricOf(line);
		if (metric) metrics.push(metric);
	}
	return metrics;
};

/** The longest header line: the mark and the base64 of a header of a u16's worth of JSON. */
const maxHeaderLine = lineHeaderMark.length + Math.ceil((10 + 0xff_ff) / 3) * 4;

/** The sealings of logs this process appended to, by file, with the header line they came from. */
const sealings = new Map<string, {header: string; sealing: LineSealing}>();

/** The sealing of an open log from its header line (null: it is plain); its key is found once per header. */
const sealingOf = async (file: string, handle: FileHandle, size: number): Promise<LineSealing | null> => {
	let head = Buffer.alloc(Math.min(size, 1024));
	head = head.subarray(0, (await handle.read(head, 0, head.length, 0)).bytesRead);
	if (!isLineHeader(head.toString('latin1'))) return null;
	if (head.indexOf(10) < 0 && size > head.length) {
		head = Buffer.alloc(Math.min(size, maxHeaderLine + 1));
		head = head.subarray(0, (await handle.read(head, 0, head.length, 0)).bytesRead);
	}
	const end = head.indexOf(10);
	const header = head.toString('utf8', 0, end < 0 ? head.length : end);
	const cached = sealings.get(file);
	if (cached?.header === header) return cached.sealing;
	const sealing = await readLineHeader(header, file);
	sealings.set(file, {header, sealing});
	return sealing;
};

/**
 * Makes a sealed log: its header line written to a file of its own, then linked in as the log,
 * which fails when the log is there already (another process made it first: its header is the one).
 * The log is never seen without its whole header line.
 */
const createSealedLog = async (file: string, key: MasterKey): Promise<void> => {
	const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
	const handle = await open(
		temporary,
		constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
		0o600,
	);
	try {
		await settleMode(handle, null, await modesIn(dirname(file)));
		await handle.writeFile(`${newLineHeader(key).text}\n`);
		await handle.datasync();
	} finally {
		await handle.close();
	}
	try {
		await link(temporary, file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	} finally {
		await unlink(temporary).catch(() => undefined);
	}
};

// Never through a link planted under the log's name, never into a pipe or device.
const appendFlags = constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** The log open to append (and read its header); made first when missing: sealed when the data file is. */
const openLog = async (dataFile: string, file: string): Promise<FileHandle> => {
	try {
		return await open(file, appendFlags);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	const key = isDatabaseUrl(dataFile) ? null : await setKeyOf(dataFile);
	if (key) await createSealedLog(file, key);
	return open(file, key ? appendFlags : appendFlags | constants.O_CREAT, 0o600);
};

/** Whether the open file ends in the middle of a line (a crash tore the last one). */
const endsMidLine = async (handle: FileHandle, size: number): Promise<boolean> => {
	if (size === 0) return false;
	const last = Buffer.alloc(1);
	await handle.read(last, 0, 1, size - 1);
	return last[0] !== 0x0a;
};

/**
 * Appends measurements to the log (owner-only, like the data), in one write, without a lock: other
 * processes append at the same time. A log begun now is sealed when its data file is (its lines then
 * bound to its header line only: appenders cannot know their line numbers); one begun already keeps
 * its form. A line torn by a crash is closed first, so it costs only itself; losing the last lines
 * in a crash costs nothing more.
 */
export const appendMetrics = async (dataFile: string, metrics: readonly Metric[]): Promise<void> => {
	if (metrics.length === 0) return;
	const file = metricsPathFor(dataFile);
	// A database's measurements are kept in a folder of this machine's, made on first use.
	if (isDatabaseUrl(dataFile)) await mkdir(dirname(file), {recursive: true, mode: 0o700});
	const handle = await openLog(dataFile, file);
	try {
		const info = await handle.stat();
		if (!info.isFile()) return;
		if (info.size === 0) await settleMode(handle, null, await modesIn(dirname(file)));
		const sealing = await sealingOf(file, handle, info.size);
		const lines = metrics
			.map((metric) => `${sealing ? sealLineIn(JSON.stringify(metric), sealing) : JSON.stringify(metric)}\n`)
			.join('');
		const torn = await endsMidLine(handle, info.size);
		await handle.appendFile(torn ? `${sealing ? tornLineMark : ''}\n${lines}` : lines);
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
