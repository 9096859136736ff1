import {readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect, test} from 'vitest';
import {loadMetrics, metricsPathFor} from '../../source/store/metrics-log.js';
import {MetricsRecorder} from '../../source/ui/metrics-recorder.js';
import {tempFolder} from '../support/temp-folder.js';

test('measurements are kept with earlier sessions’, written owner-only, and read back; a torn line is skipped', async () => {
	const file = join(tempFolder('metrics'), 'crm.json');
	await writeFile(
		metricsPathFor(file),
		'{"at":"2026-01-01T00:00:00.000Z","session":"old","kind":"load","ms":900}\n{"at":"2026-01-01T00:00',
	);
	const recorder = new MetricsRecorder(file, 60_000);
	const seen: number[] = [];
	recorder.subscribe((metrics) => seen.push(metrics.length));
	await recorder.start();
	// biome-ignore lint/suspicious/noApproximativeNumericConstant: a time with more places than are kept, not π
	recorder.record('render', 3.14159);
	recorder.record('save', 12);
	recorder.record('error');
	await recorder.stop();
	const metrics = (await loadMetrics(file))!;
	expect(metrics.map((metric) => metric.kind)).toEqual(['load', 'render', 'save', 'error']);
	expect(metrics[1]).toMatchObject({ms: 3.14});
	expect(new Set(metrics.slice(1).map((metric) => metric.session)).size).toBe(1);
	expect(seen.at(-1)).toBe(4);
	expect(await readFile(metricsPathFor(file), 'utf8')).toContain('"kind":"error"');
	expect(await loadMetrics(join(tmpdir(), 'no-such-crm.json'))).toBeUndefined();
});

test('frame renders are thinned to their distribution: the log stays small, the p95 stays true', async () => {
	const {sampleRenders, renderSamplesPerFlush} = await import('../../source/ui/metrics-recorder.js');
	const {percentile} = await import('../../source/assessment/usage-kpis.js');
	const renders = Array.from({length: 5000}, (_, index) => ({
		at: '2026-03-01T00:00:00.000Z',
		session: 's',
		kind: 'render' as const,
		ms: (index * 7919) % 1000,
	}));
	const kept = sampleRenders([...renders, {at: '2026-03-01T00:00:00.000Z', session: 's', kind: 'save', ms: 5}]);
	expect(kept.filter((metric) => metric.kind === 'render')).toHaveLength(renderSamplesPerFlush);
	expect(kept.filter((metric) => metric.kind === 'save')).toHaveLength(1);
	const all = percentile(
		renders.map((metric) => metric.ms),
		95,
	)!;
	const sampled = percentile(
		kept.filter((metric) => metric.kind === 'render').map((metric) => metric.ms!),
		95,
	)!;
	expect(Math.abs(all - sampled)).toBeLessThanOrEqual(15);
	expect(Math.max(...kept.map((metric) => metric.ms ?? 0))).toBe(999);
});

test('a flush of frame times alone does not wake the panels again: each notice draws a frame', async () => {
	const file = join(tempFolder('metrics'), 'crm.json');
	const recorder = new MetricsRecorder(file, 60_000);
	let notices = 0;
	recorder.subscribe(() => notices++);
	await recorder.start();
	const afterStart = notices;
	recorder.record('render', 3);
	await recorder.flush();
	expect(notices).toBe(afterStart);
	recorder.record('save', 9);
	await recorder.flush();
	expect(notices).toBe(afterStart + 1);
	await recorder.stop();
});
