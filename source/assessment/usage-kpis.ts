import type {ChangeEntry} from '../domain/change-log.js';
import type {Metric} from '../domain/metric.js';
import {type KpiValue, ratio, sum} from './kpi-value.js';
import {isIn, type Period} from './periods.js';

/** Distinct operators with at least one recorded change in P. */
export const adoptionKpis = (changes: readonly ChangeEntry[], period: Period): Record<string, KpiValue> => ({
	active_operators: new Set(changes.filter((entry) => isIn(entry.at, period)).map((entry) => entry.operator)).size,
});

/** The p-th percentile by nearest rank: the smallest value with at least p% of the values at or below it. */
export const percentile = (values: readonly number[], p: number): KpiValue => {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** The console's own performance in P, from its metrics log. */
export const performanceKpis = (metrics: readonly Metric[], period: Period): Record<string, KpiValue> => {
	const inPeriod = metrics.filter((metric) => isIn(metric.at, period));
	const durations = (kind: Metric['kind']) =>
		inPeriod.filter((metric) => metric.kind === kind && typeof metric.ms === 'number').map((metric) => metric.ms!);
	const loads = inPeriod
		.filter((metric) => metric.kind === 'load' && typeof metric.ms === 'number')
		.sort((a, b) => a.at.localeCompare(b.at));
	return {
		render_ms_p95: percentile(durations('render'), 95),
		save_ms_p95: percentile(durations('save'), 95),
		// The last session in P: its load time.
		load_ms: loads.at(-1)?.ms ?? null,
		// Errors are counted over the sessions in P: without a session there is nothing to count.
		errors: loads.length === 0 ? null : inPeriod.filter((metric) => metric.kind === 'error').length,
	};
};

export type Requirement = {
	id: string;
	area: string;
	text: string;
	importance: 'high' | 'medium' | 'low';
	status: 'met' | 'partial' | 'unmet';
	note: string;
};

const weights = {high: 3, medium: 2, low: 1} as const;

/** (Σ weight met + ½ Σ weight partly met) / Σ weight of all. */
export const requirementsCoverage = (requirements: readonly Requirement[]): KpiValue => {
	const total = sum(requirements.map((requirement) => weights[requirement.importance]));
	const met = sum(
		requirements
			.filter((requirement) => requirement.status === 'met')
			.map((requirement) => weights[requirement.importance]),
	);
	const partial = sum(
		requirements
			.filter((requirement) => requirement.status === 'partial')
			.map((requirement) => weights[requirement.importance]),
	);
	return ratio(met + partial / 2, total);
};
