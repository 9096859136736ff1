import type {Target} from '../domain/settings.js';
import {type KpiId, kpiCatalog} from './kpi-catalog.js';
import type {KpiValue} from './kpis.js';
import type {Period} from './periods.js';

export type KpiStatus = 'met' | 'near' | 'missed' | 'no data';

export type Assessed = {
	actual: KpiValue;
	target: number;
	direction: 'higher' | 'lower';
	tolerance: number;
	difference: KpiValue;
	attainment: KpiValue;
	status: KpiStatus;
};

/** Months in a period: a per-month target of a count or sum scales with it. */
export const monthsIn = (period: Period): number => {
	if (period.kind === 'month') return 1;
	if (period.kind === 'quarter') return 3;
	if (period.kind === 'year') return 12;
	return Math.max(1, Math.round((period.end - period.start) / (30.436875 * 86_400_000)));
};

/** KPIs that add up over time: a running period's target is the share of the whole period's that has elapsed (KPI.md, *to date*). */
const additive = (id: KpiId): boolean => kpiCatalog[id].flow || id === 'errors';

/** How much of P has passed at `now`: 1 once it has ended (or when there is no `now`), 0 before it starts. */
export const elapsedShare = (period: Period, now?: number): number =>
	now === undefined || now >= period.end
		? 1
		: now <= period.start
			? 0
			: (now - period.start) / (period.end - period.start);

/**
 * The target that applies to P. Counts and sums are per month and scale with P's length; so does
 * the churn a month allows (a quarter allows about three months' churn), and retention with it.
 * While P runs (`now` inside it), a KPI that adds up over time is held to the elapsed share of that.
 */
export const scaledTarget = (id: KpiId, target: Target, period: Period, now?: number): Target => {
	const months = monthsIn(period);
	let scaled = target;
	if (kpiCatalog[id].flow || id === 'churn_rate')
		scaled = {...target, value: target.value * months, tolerance: target.tolerance * months};
	else if (id === 'retention_rate')
		scaled = {...target, value: 1 - (1 - target.value) * months, tolerance: target.tolerance * months};
	const share = elapsedShare(period, now);
	return share < 1 && additive(id)
		? {...scaled, value: scaled.value * share, tolerance: scaled.tolerance * share}
		: scaled;
};

/**
 * KPI.md: difference = actual − target; attainment = actual / target (for `lower`, target / actual);
 * met on the good side of the target, near when it misses by no more than the tolerance, missed
 * otherwise, no data when the actual is null.
 */
export const assess = (actual: KpiValue, target: Target): Assessed => {
	const base = {actual, target: target.value, direction: target.direction, tolerance: target.tolerance};
	// i18n-exempt: a status is data (the JSON report's); statusWord says it
	if (actual === null) return {...base, difference: null, attainment: null, status: 'no data'};
	const difference = actual - target.value;
	// No attainment against a target of 0 (nothing to be a share of), nor of a `lower` KPI at 0.
	const attainment =
		target.value === 0
			? null
			: target.direction === 'higher'
				? actual / target.value
				: actual === 0
					? null
					: target.value / actual;
	const miss = target.direction === 'higher' ? target.value - actual : actual - target.value;
	const status: KpiStatus = miss <= 0 ? 'met' : miss <= target.tolerance ? 'near' : 'missed';
	return {...base, difference, attainment, status};
};
