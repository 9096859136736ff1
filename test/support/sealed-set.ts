import {type ChildProcess, spawn} from 'node:child_process';
import {createHash, randomBytes} from 'node:crypto';
import {cpSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {expect} from 'vitest';
import {cliPath} from './tmux.js';

/**
 * The built crm as an operator runs it on an encrypted data set (issue 22), and what a test reads of
 * the set's files without crm: each file's bytes, mtime and mode, and the key a sealed file names in
 * its header (format v1: `CRMSEAL1`, a u16 big-endian length, that many bytes of JSON).
 */
export type Outcome = {code: number | null; signal: NodeJS.Signals | null; out: string; err: string};

/** The environment of a run: no data file, key file or language of the machine's own. */
const environment = (extra: Record<string, string>): NodeJS.ProcessEnv => {
	const env: NodeJS.ProcessEnv = {...process.env, CRM_DATA: '', LANG: 'C'};
	for (const name of ['CRM_LANG', 'LC_ALL', 'LC_MESSAGES', 'CRM_KEY_FILE']) delete env[name];
	return {...env, ...extra};
};

/** Starts crm (stdin a pipe, so never a terminal); `done` settles when it has exited, killed or not. */
export const startCrm = (args: string[], env: Record<string, string> = {}) => {
	const child: ChildProcess = spawn(process.execPath, [cliPath, ...args], {env: environment(env)});
	const outcome: Outcome = {code: null, signal: null, out: '', err: ''};
	child.stdout?.on('data', (chunk: Buffer) => (outcome.out += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (outcome.err += chunk.toString()));
	child.stdin?.end();
	const done = new Promise<Outcome>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({...outcome, code, signal}));
	});
	return {child, outcome, done};
};

export const crm = (args: string[], env: Record<string, string> = {}): Promise<Outcome> => startCrm(args, env).done;

/** The demo seeded small: a few hundred records, a data file of a few hundred KB (saved whole, never journalled). */
export const seedArgs = ['--customers', '40', '--opportunities', '40', '--tickets', '30', '--feedback', '20'];

export const seed = async (data: string, lang = 'en'): Promise<void> => {
	const seeded = await crm(['seed', '--data', data, ...seedArgs, '--now', '2026-11-01', '--lang', lang]);
	expect(seeded.err).toBe('');
	expect(seeded.code).toBe(0);
};

/** A key file as the README says one is: 32 random bytes in base64 on one line, mode 600. */
export const makeKeyFile = (path: string): string => {
	writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, {mode: 0o600});
	return path;
};

export const sealMagic = 'CRMSEAL1';

/** What the header of sealed bytes says of their key; null for bytes that are not sealed. */
export const headerKeyOf = (bytes: Buffer): {id: string; kind: string} | null => {
	if (bytes.length < 10 || bytes.subarray(0, 8).toString('latin1') !== sealMagic) return null;
	const length = bytes.readUInt16BE(8);
	const header = JSON.parse(bytes.subarray(10, 10 + length).toString('utf8')) as {key: {id: string; kind: string}};
	return header.key;
};

export const keyIdOfFile = (path: string): string | null => headerKeyOf(readFileSync(path))?.id ?? null;

/** Every file under `folder`, relative to it, sorted. */
export const filesUnder = (folder: string): string[] =>
	readdirSync(folder, {recursive: true, withFileTypes: true})
		.filter((entry) => entry.isFile())
		.map((entry) => relative(folder, join(entry.parentPath, entry.name)))
		.sort();

/**
 * The metrics log is sealed line by line by another change (not asserted here); the load stamp, the
 * lock and a killed save's temporary file hold no records.
 */
const isMetrics = (name: string): boolean => name.endsWith('.metrics.jsonl');
const holdsNoRecords = (name: string): boolean =>
	isMetrics(name) || /\.checked$|\.lock$|\.tmp$/.test(name) || name.split('/').some((part) => part.startsWith('.'));

/** The files of the set whose bytes must be sealed: data file, settings, operator files, backups. */
export const sealableFiles = (folder: string): string[] => filesUnder(folder).filter((name) => !holdsNoRecords(name));

/** A writer's lock: there only while a command (another test's, run alongside) waits for it or holds it. */
const isLock = (name: string): boolean => name.split('/').some((part) => part.includes('.lock'));

/** Each file's bytes (a digest), mtime and mode, but the metrics log's and a passing lock's. */
export const snapshot = (folder: string): Record<string, string> =>
	Object.fromEntries(
		filesUnder(folder)
			.filter((name) => !isMetrics(name) && !isLock(name))
			.map((name) => {
				const path = join(folder, name);
				const info = statSync(path);
				const digest = createHash('sha256').update(readFileSync(path)).digest('hex');
				return [name, `${digest} ${info.mtimeMs} ${(info.mode & 0o7777).toString(8)}`];
			}),
	);

/** A copy of a set's folder to try something on (modes kept, so that every file stays 600). */
export const copySet = (from: string, to: string): void => cpSync(from, to, {recursive: true});

const stackTrace = /^\s+at .+[(\s].*:\d+:\d+\)?$/m;

/** A refusal as an operator reads it: `code`, one line on stderr that matches every pattern, no stack, nothing on stdout. */
export const expectOneLine = (outcome: Outcome, code: number, ...patterns: (string | RegExp)[]): void => {
	expect(outcome.err, outcome.err).not.toMatch(stackTrace);
	expect(outcome.err.trimEnd().split('\n'), outcome.err).toHaveLength(1);
	for (const pattern of patterns) expect(outcome.err).toMatch(pattern);
	expect(outcome.out).toBe('');
	expect(outcome.code, outcome.err).toBe(code);
};

/** The head of the audit chain `crm audit verify` prints (`Head: N:HASH`). */
export const auditHead = (outcome: Outcome): string => {
	expect(outcome.code, outcome.err).toBe(0);
	const head = /^Head: (\d+:[0-9a-f]{64})$/m.exec(outcome.out);
	expect(head, outcome.out).not.toBeNull();
	return head![1]!;
};

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
