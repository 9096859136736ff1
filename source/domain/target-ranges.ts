import {t} from '../i18n/i18n.js';
import type {kpiIds} from './kpi-ids.js';

type KpiId = (typeof kpiIds)[number];

/** The scales a bounded KPI is on, each named in a refusal (`scaleWords`). */
export type TargetScale = 'rating' | 'share' | 'sus' | 'nps';

/** The values a KPI can take, and the scale a refusal names. */
export type TargetRange = {min: number; max: number; scale: TargetScale};

const rating: TargetRange = {min: 1, max: 5, scale: 'rating'};
/**
 * A share of a whole: its numerator counts members of its denominator (won of closed deals, tickets
 * in SLA of tickets resolved, filled values of all values), so it lies in 0–1. Not so sales growth or
 * the ROIs, which exceed 100%, nor churn (a customer who joined and left in P counts above the line,
 * not below it), and so not retention (1 − churn): those stay unbounded.
 */
const share: TargetRange = {min: 0, max: 1, scale: 'share'};

/**
 * The range a KPI's target must be in where the KPI's scale is bounded (KPI.md): a target outside it
 * can never be met (or is always met), so the settings file and the target form refuse it.
 */
export const targetRanges: Partial<Record<KpiId, TargetRange>> = {
	avg_rating: rating,
	ease_of_use: rating,
	fit_for_work: rating,
	data_accuracy: rating,
	usability_score: {min: 0, max: 100, scale: 'sus'},
	nps: {min: -100, max: 100, scale: 'nps'},
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
	return t('domain.rule.targetRange', {min: range.min, max: range.max, scale: scaleWords(range.scale)});
};

/** A scale in words: `ratings are 1 to 5`. */
const scaleWords = (scale: TargetScale): string => {
	switch (scale) {
		case 'rating':
			return t('domain.rule.ratingScale');
		case 'share':
			return t('domain.rule.shareScale');
		case 'sus':
			return t('domain.rule.susScale');
		case 'nps':
			return t('domain.rule.npsScale');
	}
};
