import type {ChangeEntry} from '../domain/change-log.js';
import type {Metric} from '../domain/metric.js';
import {type KpiValue, ratio, sum} from './kpi-value.js';
import {memoOf} from './memo.js';
import {isIn, type Period} from './periods.js';

/**
 * Distinct operators with at least one recorded change in P; and of the operators listed with a role
 * (`access.operators`: the role of "anyone else" is no listing), the share that were active. Null
 * when nobody is listed.
 */
export const adoptionKpis = (
	changes: readonly ChangeEntry[],
	period: Period,
	listed: readonly string[] = [],
): Record<string, KpiValue> =>
	// Kept per version of the log, period and listing: an edit that logs nothing (or the periods of one evaluation read again) walks no log.
	memoOf(
		changes,
		`adoption ${period.start} ${period.end}`, // i18n-exempt: a cache key, never shown
		() => adoptionOf(changes, period, listed),
		JSON.stringify(listed),
	);

/** Each period's active operators as of a version of the log: its length and last entry, for the entries a save appends. */
type ActiveOperators = {length: number; last: ChangeEntry | undefined; active: Set<string>};
const activeByPeriod = new Map<string, ActiveOperators>();
/** Periods kept (an evaluation reads a handful, a trend 12); past this the oldest goes. */
const periodsKept = 64;

/**
 * The operators with a change in P: carried from one version of the log to the next, as the store only ever
 * appends to it (stage-history.ts reads it so too), by the entries appended; a log that is not the last one
 * with entries after it (another process's, read again) is read whole.
 */
const activeOperators = (changes: readonly ChangeEntry[], period: Period): Set<string> => {
	const key = `${period.start} ${period.end}`;
	const known = activeByPeriod.get(key);
	const appended =
		known !== undefined &&
		changes.length >= known.length &&
		(known.length === 0 || changes[known.length - 1] === known.last);
	const active = appended ? known.active : new Set<string>();
	// Answering the usability survey is no use of the CRM's data (a viewer may answer and change
	// nothing else): an operator whose only entry in P is a survey response was not active.
	for (let index = appended ? known.length : 0; index < changes.length; index++) {
		const entry = changes[index]!;
		if (entry.entity !== 'surveys' && isIn(entry.at, period)) active.add(entry.operator);
	}
	activeByPeriod.delete(key);
	if (activeByPeriod.size >= periodsKept) activeByPeriod.delete(activeByPeriod.keys().next().value!);
	activeByPeriod.set(key, {length: changes.length, last: changes.at(-1), active});
	return active;
};

const adoptionOf = (
	changes: readonly ChangeEntry[],
	period: Period,
	listed: readonly string[],
): Record<string, KpiValue> => {
	const active = activeOperators(changes, period);
	return {
		active_operators: active.size,
		usage_rate: ratio(listed.filter((name) => active.has(name)).length, listed.length),
	};
};

/** Whether a session that recorded no exit is still running (its process is alive); by default, none is. */
export type SessionRunning = (start: Metric) => boolean;

type Session = {start: Metric | undefined; exited: boolean; errored: boolean};

/** Every session of the log, by id: its start, whether it exited cleanly, whether it recorded an unexpected error. */
const sessionsOf = (metrics: readonly Metric[]): ReadonlyMap<string, Session> =>
	memoOf(metrics, 'sessions', () => {
		const sessions = new Map<string, Session>();
		for (const metric of metrics) {
			let session = sessions.get(metric.session);
			if (!session) {
				session = {start: undefined, exited: false, errored: false};
				sessions.set(metric.session, session);
			}
			if (metric.kind === 'start' && !session.start) session.start = metric;
			else if (metric.kind === 'exit') session.exited = true;
			else if (metric.kind === 'error') session.errored = true;
		}
		return sessions;
	});

/**
 * KPI.md crash_free_sessions: of the console sessions started in P that have ended, the share that
 * recorded a clean exit and no unexpected error; a session without an exit that is no longer running
 * crashed. Sessions from before starts were recorded are not counted (their exits never were).
 */
export const crashFreeSessions = (
	metrics: readonly Metric[],
	period: Period,
	isRunning: SessionRunning = () => false,
): KpiValue => {
	let ended = 0;
	let clean = 0;
	for (const session of sessionsOf(metrics).values()) {
		if (!session.start || !isIn(session.start.at, period)) continue;
		if (!session.exited && isRunning(session.start)) continue;
		ended++;
		if (session.exited && !session.errored) clean++;
	}
	return ratio(clean, ended);
};

/** The p-th percentile by nearest rank: the smallest value with at least p% of the values at or below it. */
export const percentile = (values: readonly number[], p: number): KpiValue => {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** The console's own performance in P, from its metrics log. */
export const performanceKpis = (
	metrics: readonly Metric[],
	period: Period,
	isRunning?: SessionRunning,
): Record<string, KpiValue> => {
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
		errors: !inPeriod.some((metric) => metric.kind === 'load' || metric.kind === 'start')
			? null
			: inPeriod.filter((metric) => metric.kind === 'error').length,
		crash_free_sessions: crashFreeSessions(metrics, period, isRunning),
		// Saves that became durable / saves attempted, by the console and the commands alike.
		save_success_rate: ratio(
			inPeriod.filter((metric) => metric.kind === 'save').length,
			inPeriod.filter((metric) => metric.kind === 'save' || metric.kind === 'save_failed').length,
		),
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
