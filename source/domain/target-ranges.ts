import type {kpiIds} from './kpi-ids.js';

type KpiId = (typeof kpiIds)[number];

/** The values a KPI can take, and how a refusal names its scale. */
export type TargetRange = {min: number; max: number; scale: string};

const rating: TargetRange = {min: 1, max: 5, scale: 'ratings are 1 to 5'};
/**
 * A share of a whole: its numerator counts members of its denominator (won of closed deals, tickets
 * in SLA of tickets resolved, filled values of all values), so it lies in 0–1. Not so sales growth or
 * the ROIs, which exceed 100%, nor churn (a customer who joined and left in P counts above the line,
 * not below it), and so not retention (1 − churn): those stay unbounded.
 */
const share: TargetRange = {min: 0, max: 1, scale: 'a share, 1 is 100%'};

/**
 * The range a KPI's target must be in where the KPI's scale is bounded (KPI.md): a target outside it
 * can never be met (or is always met), so the settings file and the target form refuse it.
 */
export const targetRanges: Partial<Record<KpiId, TargetRange>> = {
	avg_rating: rating,
	ease_of_use: rating,
	fit_for_work: rating,
	data_accuracy: rating,
	usability_score: {min: 0, max: 100, scale: 'SUS scores are 0 to 100'},
	nps: {min: -100, max: 100, scale: 'NPS is -100 to 100'},
	win_rate: share,
	sla_compliance: share,
	csat: share,
	complaint_rate: share,
	follow_up_rate: share,
	repeat_purchase_rate: share,
	lead_conversion: share,
	completeness: share,
	duplicate_rate: share,
	usage_rate: share,
	crash_free_sessions: share,
	save_success_rate: share,
	requirements_coverage: share,
	funnel_prospecting: share,
	funnel_qualification: share,
	funnel_proposal: share,
	funnel_negotiation: share,
	funnel_won: share,
};

/** Why a KPI's target value is refused, `must be from 1 to 5 (ratings are 1 to 5)`, or null when it is in range (or the KPI has none). */
export const targetOutOfRange = (id: KpiId, value: number): string | null => {
	const range = targetRanges[id];
	if (!range || (value >= range.min && value <= range.max)) return null;
	return `must be from ${range.min} to ${range.max} (${range.scale})`;
};
