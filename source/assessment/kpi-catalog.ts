import {type KpiId, kpiIds} from '../domain/kpi-ids.js';
import {t} from '../i18n/i18n.js';

export {type KpiId, kpiIds};

/** Every KPI of `../shared/KPI.md`, with how it reads on screen. */

export type KpiGroup =
	| 'effect'
	| 'marketing'
	| 'quality'
	| 'adoption'
	| 'experience'
	| 'performance'
	| 'function'
	| 'roi'
	| 'analysis';

export type KpiUnit = 'money' | 'count' | 'share' | 'days' | 'hours' | 'ms' | 'rating' | 'score';

export type KpiInfo = {
	id: KpiId;
	/** In the language in force, each time it is read. */
	readonly label: string;
	group: KpiGroup;
	unit: KpiUnit;
	/** Which way is better, for targets and alerts. */
	better: 'higher' | 'lower';
	/** A count or sum over the period: its target is per month and scales with the period's length. */
	flow: boolean;
};

const flows = new Set<KpiId>([
	'revenue_won',
	'deals_won',
	'new_customers',
	'tickets_opened',
	'orders',
	'order_revenue',
	'marketing_cost',
	'campaign_leads',
	'campaign_revenue',
	'survey_responses',
]);

/** Each KPI's label in the catalog (read in the language in force whenever a label is shown). */
const labelKeys = {
	revenue_won: 'assess.kpi.revenue_won',
	deals_won: 'assess.kpi.deals_won',
	sales_growth: 'assess.kpi.sales_growth',
	win_rate: 'assess.kpi.win_rate',
	avg_deal_size: 'assess.kpi.avg_deal_size',
	sales_cycle_days: 'assess.kpi.sales_cycle_days',
	pipeline_open: 'assess.kpi.pipeline_open',
	pipeline_weighted: 'assess.kpi.pipeline_weighted',
	new_customers: 'assess.kpi.new_customers',
	churn_rate: 'assess.kpi.churn_rate',
	retention_rate: 'assess.kpi.retention_rate',
	tickets_opened: 'assess.kpi.tickets_opened',
	first_response_hours: 'assess.kpi.first_response_hours',
	resolution_hours: 'assess.kpi.resolution_hours',
	sla_compliance: 'assess.kpi.sla_compliance',
	backlog: 'assess.kpi.backlog',
	csat: 'assess.kpi.csat',
	avg_rating: 'assess.kpi.avg_rating',
	nps: 'assess.kpi.nps',
	complaint_rate: 'assess.kpi.complaint_rate',
	follow_up_rate: 'assess.kpi.follow_up_rate',
	orders: 'assess.kpi.orders',
	order_revenue: 'assess.kpi.order_revenue',
	avg_order_value: 'assess.kpi.avg_order_value',
	repeat_purchase_rate: 'assess.kpi.repeat_purchase_rate',
	marketing_cost: 'assess.kpi.marketing_cost',
	campaign_leads: 'assess.kpi.campaign_leads',
	cost_per_lead: 'assess.kpi.cost_per_lead',
	lead_conversion: 'assess.kpi.lead_conversion',
	campaign_revenue: 'assess.kpi.campaign_revenue',
	marketing_roi: 'assess.kpi.marketing_roi',
	completeness: 'assess.kpi.completeness',
	duplicate_rate: 'assess.kpi.duplicate_rate',
	orphan_records: 'assess.kpi.orphan_records',
	unpriced_records: 'assess.kpi.unpriced_records',
	active_operators: 'assess.kpi.active_operators',
	usage_rate: 'assess.kpi.usage_rate',
	usability_score: 'assess.kpi.usability_score',
	survey_responses: 'assess.kpi.survey_responses',
	ease_of_use: 'assess.kpi.ease_of_use',
	fit_for_work: 'assess.kpi.fit_for_work',
	data_accuracy: 'assess.kpi.data_accuracy',
	render_ms_p95: 'assess.kpi.render_ms_p95',
	save_ms_p95: 'assess.kpi.save_ms_p95',
	load_ms: 'assess.kpi.load_ms',
	errors: 'assess.kpi.errors',
	crash_free_sessions: 'assess.kpi.crash_free_sessions',
	save_success_rate: 'assess.kpi.save_success_rate',
	requirements_coverage: 'assess.kpi.requirements_coverage',
	roi: 'assess.kpi.roi',
	funnel_prospecting: 'assess.kpi.funnel_prospecting',
	funnel_qualification: 'assess.kpi.funnel_qualification',
	funnel_proposal: 'assess.kpi.funnel_proposal',
	funnel_negotiation: 'assess.kpi.funnel_negotiation',
	funnel_won: 'assess.kpi.funnel_won',
	days_in_stage_prospecting: 'assess.kpi.days_in_stage_prospecting',
	days_in_stage_qualification: 'assess.kpi.days_in_stage_qualification',
	days_in_stage_proposal: 'assess.kpi.days_in_stage_proposal',
	days_in_stage_negotiation: 'assess.kpi.days_in_stage_negotiation',
} as const satisfies Record<KpiId, string>;

/** The catalog key of a KPI's label: `t(kpiLabelKey(id), {lng: 'en'})` for its English words. */
export const kpiLabelKey = (id: KpiId) => labelKeys[id];

const kpi = (id: KpiId, group: KpiGroup, unit: KpiUnit, better: 'higher' | 'lower' = 'higher'): KpiInfo => ({
	id,
	get label() {
		return t(labelKeys[id]);
	},
	group,
	unit,
	better,
	flow: flows.has(id),
});

export const kpiCatalog: Record<KpiId, KpiInfo> = {
	revenue_won: kpi('revenue_won', 'effect', 'money'),
	deals_won: kpi('deals_won', 'effect', 'count'),
	sales_growth: kpi('sales_growth', 'effect', 'share'),
	win_rate: kpi('win_rate', 'effect', 'share'),
	avg_deal_size: kpi('avg_deal_size', 'effect', 'money'),
	sales_cycle_days: kpi('sales_cycle_days', 'effect', 'days', 'lower'),
	pipeline_open: kpi('pipeline_open', 'effect', 'money'),
	pipeline_weighted: kpi('pipeline_weighted', 'effect', 'money'),
	new_customers: kpi('new_customers', 'effect', 'count'),
	churn_rate: kpi('churn_rate', 'effect', 'share', 'lower'),
	retention_rate: kpi('retention_rate', 'effect', 'share'),
	tickets_opened: kpi('tickets_opened', 'effect', 'count', 'lower'),
	first_response_hours: kpi('first_response_hours', 'effect', 'hours', 'lower'),
	resolution_hours: kpi('resolution_hours', 'effect', 'hours', 'lower'),
	sla_compliance: kpi('sla_compliance', 'effect', 'share'),
	backlog: kpi('backlog', 'effect', 'count', 'lower'),
	csat: kpi('csat', 'effect', 'share'),
	avg_rating: kpi('avg_rating', 'effect', 'rating'),
	nps: kpi('nps', 'effect', 'score'),
	complaint_rate: kpi('complaint_rate', 'effect', 'share', 'lower'),
	follow_up_rate: kpi('follow_up_rate', 'effect', 'share'),
	orders: kpi('orders', 'effect', 'count'),
	order_revenue: kpi('order_revenue', 'effect', 'money'),
	avg_order_value: kpi('avg_order_value', 'effect', 'money'),
	repeat_purchase_rate: kpi('repeat_purchase_rate', 'effect', 'share'),
	marketing_cost: kpi('marketing_cost', 'marketing', 'money', 'lower'),
	campaign_leads: kpi('campaign_leads', 'marketing', 'count'),
	cost_per_lead: kpi('cost_per_lead', 'marketing', 'money', 'lower'),
	lead_conversion: kpi('lead_conversion', 'marketing', 'share'),
	campaign_revenue: kpi('campaign_revenue', 'marketing', 'money'),
	marketing_roi: kpi('marketing_roi', 'marketing', 'share'),
	completeness: kpi('completeness', 'quality', 'share'),
	duplicate_rate: kpi('duplicate_rate', 'quality', 'share', 'lower'),
	orphan_records: kpi('orphan_records', 'quality', 'count', 'lower'),
	unpriced_records: kpi('unpriced_records', 'quality', 'count', 'lower'),
	active_operators: kpi('active_operators', 'adoption', 'count'),
	usage_rate: kpi('usage_rate', 'adoption', 'share'),
	usability_score: kpi('usability_score', 'experience', 'score'),
	survey_responses: kpi('survey_responses', 'experience', 'count'),
	ease_of_use: kpi('ease_of_use', 'experience', 'rating'),
	fit_for_work: kpi('fit_for_work', 'experience', 'rating'),
	data_accuracy: kpi('data_accuracy', 'experience', 'rating'),
	render_ms_p95: kpi('render_ms_p95', 'performance', 'ms', 'lower'),
	save_ms_p95: kpi('save_ms_p95', 'performance', 'ms', 'lower'),
	load_ms: kpi('load_ms', 'performance', 'ms', 'lower'),
	errors: kpi('errors', 'performance', 'count', 'lower'),
	crash_free_sessions: kpi('crash_free_sessions', 'performance', 'share'),
	save_success_rate: kpi('save_success_rate', 'performance', 'share'),
	requirements_coverage: kpi('requirements_coverage', 'function', 'share'),
	roi: kpi('roi', 'roi', 'share'),
	funnel_prospecting: kpi('funnel_prospecting', 'analysis', 'share'),
	funnel_qualification: kpi('funnel_qualification', 'analysis', 'share'),
	funnel_proposal: kpi('funnel_proposal', 'analysis', 'share'),
	funnel_negotiation: kpi('funnel_negotiation', 'analysis', 'share'),
	funnel_won: kpi('funnel_won', 'analysis', 'share'),
	days_in_stage_prospecting: kpi('days_in_stage_prospecting', 'analysis', 'days', 'lower'),
	days_in_stage_qualification: kpi('days_in_stage_qualification', 'analysis', 'days', 'lower'),
	days_in_stage_proposal: kpi('days_in_stage_proposal', 'analysis', 'days', 'lower'),
	days_in_stage_negotiation: kpi('days_in_stage_negotiation', 'analysis', 'days', 'lower'),
};
