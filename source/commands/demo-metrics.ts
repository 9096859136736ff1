import type {Metric} from '../domain/metric.js';
import {createRandomSource} from './random-source.js';

/** Months of console sessions the demo's metrics log holds: enough for the performance trends. */
const metricMonths = 6;

/**
 * The console's own measurements as a team using it would have left them (KPI.md *Performance*): on
 * each working day a session or two, each with its load time, frames and saves; now and then an
 * unexpected error, a session that ended without a clean exit (a crash) and a save that did not
 * become durable. The sessions name no process, so none of them is taken for one still running.
 * Deterministic per seed, like the rest of the demo.
 */
export const demoMetrics = (now: Date, seed: string): Metric[] => {
	const random = createRandomSource(`${seed}:metrics`);
	const metrics: Metric[] = [];
	const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - metricMonths, 1));
	let sequence = 0;
	for (let day = start.getTime(); day < now.getTime(); day += 86_400_000) {
		const weekday = new Date(day).getUTCDay();
		if (weekday === 0 || weekday === 6) continue;
		const sessions = random.int(1, 2);
		for (let index = 0; index < sessions; index++) {
			let at = day + random.int(8, 16) * 3_600_000 + random.int(0, 3_599_999);
			if (at >= now.getTime()) continue;
			const session = `demo${String(++sequence).padStart(5, '0')}`;
			const stamp = () => new Date(at).toISOString();
			const step = () => {
				at += random.int(2_000, 120_000);
			};
			metrics.push({at: stamp(), session, kind: 'start'});
			metrics.push({at: stamp(), session, kind: 'load', ms: Math.round(random.logNormal(850, 0.25))});
			for (let frame = 0; frame < 5; frame++) {
				step();
				metrics.push({at: stamp(), session, kind: 'render', ms: Math.round(random.logNormal(7, 0.5) * 10) / 10});
			}
			for (let save = random.int(0, 3); save > 0; save--) {
				step();
				const failed = random.chance(0.01);
				metrics.push(
					failed
						? {at: stamp(), session, kind: 'save_failed'}
						: {at: stamp(), session, kind: 'save', ms: Math.round(random.logNormal(9, 0.4) * 10) / 10},
				);
			}
			const errored = random.chance(0.02);
			if (errored) {
				step();
				metrics.push({at: stamp(), session, kind: 'error'});
			}
			// Most sessions end cleanly; one in fifty, and most that met an error, does not.
			if (!(errored && random.chance(0.7)) && !random.chance(0.02)) {
				step();
				metrics.push({at: stamp(), session, kind: 'exit'});
			}
		}
	}
	return metrics;
};
