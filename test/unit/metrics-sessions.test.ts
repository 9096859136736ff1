import {hostname} from 'node:os';
import {join} from 'node:path';
import {expect, test} from 'vitest';
import {parsePeriod} from '../../source/assessment/periods.js';
import {crashFreeSessions, performanceKpis} from '../../source/assessment/usage-kpis.js';
import type {Metric} from '../../source/domain/metric.js';
import {loadMetrics, recordingSaves, sessionRunning} from '../../source/store/metrics-log.js';
import {MutationError} from '../../source/store/mutation-error.js';
import {CrmStore, SaveError} from '../../source/store/store.js';
import {MetricsRecorder} from '../../source/ui/metrics-recorder.js';
import {customer} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

const march = parsePeriod('2026-03')!;

const metric = (session: string, kind: Metric['kind'], at = '2026-03-05T10:00:00.000Z', extra: Partial<Metric> = {}) =>
	({at, session, kind, ...extra}) as Metric;

test('crash-free sessions: clean exits without an error, over the sessions started in P that have ended', () => {
	const metrics: Metric[] = [
		// a: clean. b: exited after an error. c: no exit, and not running: crashed. d: no exit, still running.
		metric('a', 'start'),
		metric('a', 'render', undefined, {ms: 3}),
		metric('a', 'exit'),
		metric('b', 'start'),
		metric('b', 'error'),
		metric('b', 'exit'),
		metric('c', 'start'),
		metric('d', 'start', undefined, {pid: 42, host: 'there'}),
		// e started in February and exits in March: not a session of March.
		metric('e', 'start', '2026-02-28T23:00:00.000Z'),
		metric('e', 'exit'),
		// f exits in April: still March's, and clean.
		metric('f', 'start', '2026-03-31T23:00:00.000Z'),
		metric('f', 'exit', '2026-04-01T01:00:00.000Z'),
		// A session of an old log: no start recorded, so its exit never was either; not counted.
		metric('old', 'load', undefined, {ms: 500}),
	];
	const running = (start: Metric) => start.session === 'd';
	expect(crashFreeSessions(metrics, march, running)).toBe(2 / 4);
	// Nothing known to be running: d ended without an exit too.
	expect(crashFreeSessions(metrics, march)).toBe(2 / 5);
	// The empty, and a log from before starts were recorded: no data, not 0 nor 100%.
	expect(crashFreeSessions([], march)).toBeNull();
	expect(crashFreeSessions([metric('old', 'load', undefined, {ms: 1})], march)).toBeNull();
});

test('save success: saves that became durable over saves attempted in P; none attempted is no data', () => {
	const values = performanceKpis(
		[
			metric('a', 'start'),
			metric('a', 'save', undefined, {ms: 4}),
			metric('a', 'save', undefined, {ms: 6}),
			metric('a', 'save_failed'),
			metric('cmd-1', 'save', undefined, {ms: 9}),
			metric('a', 'save_failed', '2026-04-02T00:00:00.000Z'),
		],
		march,
	);
	expect(values['save_success_rate']).toBe(3 / 4);
	// A failed save is no save time: the p95 is of the durable ones.
	expect(values['save_ms_p95']).toBe(9);
	expect(performanceKpis([metric('a', 'start')], march)['save_success_rate']).toBeNull();
});

test('a session is running while its process is alive on this host; another host cannot be looked at', () => {
	expect(sessionRunning(metric('me', 'start', undefined, {pid: process.pid, host: hostname()}))).toBe(true);
	// A process id no system hands out.
	expect(sessionRunning(metric('gone', 'start', undefined, {pid: 2 ** 30, host: hostname()}))).toBe(false);
	expect(sessionRunning(metric('far', 'start', undefined, {pid: 1, host: `not-${hostname()}`}))).toBe(true);
	// A start without its process (never written so): not running.
	expect(sessionRunning(metric('x', 'start'))).toBe(false);
});

test('the console records its start with its process and its clean exit; an old reader skips nothing it knew', async () => {
	const file = join(tempFolder('sessions'), 'crm.json');
	const recorder = new MetricsRecorder(file, 60_000);
	await recorder.start();
	await recorder.sessionStarted();
	// Written at once: a crash right after still leaves the start to count.
	const started = (await loadMetrics(file))!;
	expect(started).toEqual([expect.objectContaining({kind: 'start', pid: process.pid, host: hostname()})]);
	recorder.record('save', 5);
	recorder.record('save_failed');
	await recorder.sessionEnded();
	const metrics = (await loadMetrics(file))!;
	expect(metrics.map((entry) => entry.kind)).toEqual(['start', 'save', 'save_failed', 'exit']);
	expect(new Set(metrics.map((entry) => entry.session)).size).toBe(1);
	expect(crashFreeSessions(metrics, parsePeriod(metrics[0]!.at.slice(0, 7))!)).toBe(1);
});

test('a command’s saves are recorded: durable ones with their time, failures; a refusal is no attempt', async () => {
	const file = join(tempFolder('command-saves'), 'crm.json');
	const store = recordingSaves(await CrmStore.open(file), file, 'cmd-test');
	const created = customer();
	await store.apply([{kind: 'create', entity: 'customers', values: created}], 'ana');
	// Refused in words (an invalid value): no attempt.
	await expect(
		store.apply([{kind: 'create', entity: 'customers', values: {...customer(), email: 'not an email'}}], 'ana'),
	).rejects.toThrow();
	// The store as it was otherwise: its data and settings.
	expect(store.data.customers).toHaveLength(1);
	expect(store.settings.backups).toBeGreaterThanOrEqual(0);
	const metrics = (await loadMetrics(file))!;
	expect(metrics.map((entry) => [entry.session, entry.kind])).toEqual([['cmd-test', 'save']]);
	expect(metrics[0]!.ms).toBeGreaterThanOrEqual(0);
	await store.close();
});

test('a save the system refused is an attempt that failed, and an error', async () => {
	const file = join(tempFolder('failed-saves'), 'crm.json');
	const failing = {
		apply: async () => {
			throw new SaveError('Not saved: the disk is full (ENOSPC).');
		},
		undo: async () => {
			throw new MutationError('Nothing of yours to undo.');
		},
	} as unknown as Pick<CrmStore, 'apply' | 'undo'>;
	const store = recordingSaves(failing, file, 'cmd-full');
	await expect(store.apply([], 'ana')).rejects.toThrow('disk is full');
	await expect(store.undo('ana')).rejects.toThrow('Nothing of yours');
	expect((await loadMetrics(file))!.map((entry) => entry.kind)).toEqual(['save_failed', 'error']);
});
