import {randomBytes} from 'node:crypto';
import type {Metric} from '../domain/metric.js';
import {appendMetrics, loadMetrics, sessionStart} from '../store/metrics-log.js';

/** Render times kept per flush: a frame per key adds up, but a p95 needs only the distribution. */
export const renderSamplesPerFlush = 100;

/**
 * Keeps every measurement but frame renders, whose values are thinned to evenly spaced ranks of their
 * distribution (the slowest always kept): the log stays small and its p95 stays true.
 */
export const sampleRenders = (metrics: readonly Metric[]): Metric[] => {
	const renders = metrics.filter((metric) => metric.kind === 'render').sort((a, b) => (a.ms ?? 0) - (b.ms ?? 0));
	if (renders.length <= renderSamplesPerFlush) return [...metrics];
	const kept = new Set(
		Array.from(
			{length: renderSamplesPerFlush},
			(_, index) => renders[Math.round((index * (renders.length - 1)) / (renderSamplesPerFlush - 1))]!,
		),
	);
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
	private lastNotice = 0;

	constructor(
		private readonly dataFile: string,
		private readonly flushMs = 5000,
	) {}

	/**
	 * Flushes on a timer and reads the earlier sessions' log meanwhile: the first frame does not wait
	 * for it, and the performance panel fills in once it is read.
	 */
	async start(): Promise<void> {
		this.timer = setInterval(() => void this.flush(), this.flushMs);
		this.timer.unref();
		try {
			this.all = [...((await loadMetrics(this.dataFile)) ?? []), ...this.all];
		} catch (error) {
			// A log that does not open (a changed line, a key refused): this session's measurements still
			// count, and `crm report` says what is wrong with it, by name.
			this.unreadable = (error as Error).message;
		}
		this.loaded = true;
		this.notify();
	}

	/** The session began (KPI.md crash_free_sessions): recorded with this process, written at once. */
	async sessionStarted(): Promise<void> {
		const start = sessionStart(this.session);
		this.pending.push(start);
		this.all.push(start);
		await this.flush();
	}

	/** The session ends cleanly: recorded, and everything pending written. A session that never says so crashed. */
	async sessionEnded(): Promise<void> {
		this.record('exit');
		await this.stop();
	}

	record(kind: Metric['kind'], ms?: number): void {
		const metric: Metric = {
			at: new Date().toISOString(),
			session: this.session,
			kind,
			...(ms === undefined ? {} : {ms: Math.round(ms * 100) / 100}),
		};
		this.pending.push(metric);
		this.all.push(metric);
	}

	/** Why the earlier sessions' log could not be read, when it could not. */
	unreadable: string | null = null;

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

	/** Panels hear of new frame times at most this often: each notice itself draws a frame. */
	static readonly renderNoticeMs = 60_000;

	async flush(): Promise<void> {
		const batch = sampleRenders(this.pending);
		this.pending = [];
		try {
			await appendMetrics(this.dataFile, batch);
		} catch {
			// A read-only folder: the measurements still show in this session.
		}
		// A save, a load or an error is news at once. Frame times alone wait a while: otherwise the
		// frame drawn for one notice would be the news of the next, every few seconds, forever.
		const news = batch.some((metric) => metric.kind !== 'render');
		const stale = batch.length > 0 && Date.now() - this.lastNotice >= MetricsRecorder.renderNoticeMs;
		if (this.loaded && (news || stale)) this.notify();
	}

	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		await this.flush();
	}

	private notify(): void {
		this.lastNotice = Date.now();
		for (const listener of this.listeners) listener([...this.all]);
	}
}
