import {randomBytes} from 'node:crypto';
import type {Metric} from '../domain/metric.js';
import {appendMetrics, loadMetrics} from '../store/metrics-log.js';

/** Render times kept per flush: a frame per key adds up, but a p95 needs only the distribution. */
export const renderSamplesPerFlush = 100;

/**
 * Keeps every measurement but frame renders, whose values are thinned to evenly spaced ranks of their
 * distribution (the slowest always kept): the log stays small and its p95 stays true.
 */
export const sampleRenders = (metrics: readonly Metric[]): Metric[] => {
	const renders = metrics.filter((metric) => metric.kind === 'render').sort((a, b) => (a.ms ?? 0) - (b.ms ?? 0));
	if (renders.length <= renderSamplesPerFlush) return [...metrics];
	const kept = new Set(Array.from({length: renderSamplesPerFlush}, (_, index) => renders[Math.round((index * (renders.length - 1)) / (renderSamplesPerFlush - 1))]!));
	return metrics.filter((metric) => metric.kind !== 'render' || kept.has(metric));
};

/**
 * The console's own measurements (KPI.md performance): frame render times, save times, the load
 * time of the session and unexpected errors. Kept in memory for the performance panel and written
 * to the metrics log beside the data every few seconds and at exit.
 */
export class MetricsRecorder {
	private readonly session = randomBytes(4).toString('hex');
	private pending: Metric[] = [];
	private all: Metric[] = [];
	private listeners = new Set<(metrics: Metric[]) => void>();
	private timer: NodeJS.Timeout | undefined;
	private loaded = false;

	constructor(
		private readonly dataFile: string,
		private readonly flushMs = 5000,
	) {}

	/** Reads the earlier sessions' log, then flushes on a timer. */
	async start(): Promise<void> {
		this.all = [...((await loadMetrics(this.dataFile)) ?? []), ...this.all];
		this.loaded = true;
		this.timer = setInterval(() => void this.flush(), this.flushMs);
		this.timer.unref();
		this.notify();
	}

	record(kind: Metric['kind'], ms?: number): void {
		const metric: Metric = {at: new Date().toISOString(), session: this.session, kind, ...(ms === undefined ? {} : {ms: Math.round(ms * 100) / 100})};
		this.pending.push(metric);
		this.all.push(metric);
	}

	/** Every measurement known: earlier sessions' and this one's. */
	snapshot(): Metric[] {
		return this.all;
	}

	/** Called with all measurements after each flush (so panels refresh every few seconds, not every frame). */
	subscribe(listener: (metrics: Metric[]) => void): () => void {
		this.listeners.add(listener);
		if (this.loaded) listener([...this.all]);
		return () => this.listeners.delete(listener);
	}

	async flush(): Promise<void> {
		const batch = sampleRenders(this.pending);
		this.pending = [];
		try {
			await appendMetrics(this.dataFile, batch);
		} catch {
			// A read-only folder: the measurements still show in this session.
		}
		this.notify();
	}

	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		await this.flush();
	}

	private notify(): void {
		for (const listener of this.listeners) listener([...this.all]);
	}
}
