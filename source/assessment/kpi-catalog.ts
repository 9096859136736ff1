import {type KpiId, kpiIds} from '../domain/kpi-ids.js';

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
	label: string;
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

const kpi = (
	id: KpiId,
	label: string,
	group: KpiGroup,
	unit: KpiUnit,
	better: 'higher' | 'lower' = 'higher',
): KpiInfo => ({id, label, group, unit, better, flow: flows.has(id)});

export const kpiCatalog: Record<KpiId, KpiInfo> = {
	revenue_won: kpi('revenue_won', 'Revenue won', 'effect', 'money'),
	deals_won: kpi('deals_won', 'Deals won', 'effect', 'count'),
	sales_growth: kpi('sales_growth', 'Sales growth', 'effect', 'share'),
	win_rate: kpi('win_rate', 'Win rate', 'effect', 'share'),
	avg_deal_size: kpi('avg_deal_size', 'Average deal size', 'effect', 'money'),
	sales_cycle_days: kpi('sales_cycle_days', 'Sales cycle', 'effect', 'days', 'lower'),
	pipeline_open: kpi('pipeline_open', 'Open pipeline', 'effect', 'money'),
	pipeline_weighted: kpi('pipeline_weighted', 'Weighted pipeline', 'effect', 'money'),
	new_customers: kpi('new_customers', 'New customers', 'effect', 'count'),
	churn_rate: kpi('churn_rate', 'Churn rate', 'effect', 'share', 'lower'),
	retention_rate: kpi('retention_rate', 'Retention rate', 'effect', 'share'),
	tickets_opened: kpi('tickets_opened', 'Tickets opened', 'effect', 'count', 'lower'),
	first_response_hours: kpi('first_response_hours', 'First response', 'effect', 'hours', 'lower'),
	resolution_hours: kpi('resolution_hours', 'Resolution time', 'effect', 'hours', 'lower'),
	sla_compliance: kpi('sla_compliance', 'SLA compliance', 'effect', 'share'),
	backlog: kpi('backlog', 'Ticket backlog', 'effect', 'count', 'lower'),
	csat: kpi('csat', 'CSAT', 'effect', 'share'),
	avg_rating: kpi('avg_rating', 'Average rating', 'effect', 'rating'),
	nps: kpi('nps', 'NPS', 'effect', 'score'),
	complaint_rate: kpi('complaint_rate', 'Complaint rate', 'effect', 'share', 'lower'),
	follow_up_rate: kpi('follow_up_rate', 'Followed up', 'effect', 'share'),
	orders: kpi('orders', 'Orders', 'effect', 'count'),
	order_revenue: kpi('order_revenue', 'Order revenue', 'effect', 'money'),
	avg_order_value: kpi('avg_order_value', 'Avg. order value', 'effect', 'money'),
	repeat_purchase_rate: kpi('repeat_purchase_rate', 'Repeat buyers', 'effect', 'share'),
	marketing_cost: kpi('marketing_cost', 'Marketing cost', 'marketing', 'money', 'lower'),
	campaign_leads: kpi('campaign_leads', 'Campaign leads', 'marketing', 'count'),
	cost_per_lead: kpi('cost_per_lead', 'Cost per lead', 'marketing', 'money', 'lower'),
	lead_conversion: kpi('lead_conversion', 'Lead conversion', 'marketing', 'share'),
	campaign_revenue: kpi('campaign_revenue', 'Campaign revenue', 'marketing', 'money'),
	marketing_roi: kpi('marketing_roi', 'Marketing ROI', 'marketing', 'share'),
	completeness: kpi('completeness', 'Completeness', 'quality', 'share'),
	duplicate_rate: kpi('duplicate_rate', 'Shared emails', 'quality', 'share', 'lower'),
	orphan_records: kpi('orphan_records', 'Orphan records', 'quality', 'count', 'lower'),
	unpriced_records: kpi('unpriced_records', 'Unpriced records', 'quality', 'count', 'lower'),
	active_operators: kpi('active_operators', 'Active operators', 'adoption', 'count'),
	usage_rate: kpi('usage_rate', 'Usage rate', 'adoption', 'share'),
	usability_score: kpi('usability_score', 'Usability (SUS)', 'experience', 'score'),
	survey_responses: kpi('survey_responses', 'Survey responses', 'experience', 'count'),
	ease_of_use: kpi('ease_of_use', 'Easy to operate', 'experience', 'rating'),
	fit_for_work: kpi('fit_for_work', 'Fits the work', 'experience', 'rating'),
	data_accuracy: kpi('data_accuracy', 'Data accurate', 'experience', 'rating'),
	render_ms_p95: kpi('render_ms_p95', 'Frame render p95', 'performance', 'ms', 'lower'),
	save_ms_p95: kpi('save_ms_p95', 'Save p95', 'performance', 'ms', 'lower'),
	load_ms: kpi('load_ms', 'Load time', 'performance', 'ms', 'lower'),
	errors: kpi('errors', 'Errors', 'performance', 'count', 'lower'),
	crash_free_sessions: kpi('crash_free_sessions', 'Crash-free sessions', 'performance', 'share'),
	save_success_rate: kpi('save_success_rate', 'Saves that held', 'performance', 'share'),
	requirements_coverage: kpi('requirements_coverage', 'Req. coverage', 'function', 'share'),
	roi: kpi('roi', 'ROI', 'roi', 'share'),
	funnel_prospecting: kpi('funnel_prospecting', 'Prospected', 'analysis', 'share'),
	funnel_qualification: kpi('funnel_qualification', 'Qualified', 'analysis', 'share'),
	funnel_proposal: kpi('funnel_proposal', 'Reached proposal', 'analysis', 'share'),
	funnel_negotiation: kpi('funnel_negotiation', 'Negotiated', 'analysis', 'share'),
	funnel_won: kpi('funnel_won', 'Won of new deals', 'analysis', 'share'),
	days_in_stage_prospecting: kpi('days_in_stage_prospecting', 'Days prospecting', 'analysis', 'days', 'lower'),
	days_in_stage_qualification: kpi('days_in_stage_qualification', 'Days qualifying', 'analysis', 'days', 'lower'),
	days_in_stage_proposal: kpi('days_in_stage_proposal', 'Days in proposal', 'analysis', 'days', 'lower'),
	days_in_stage_negotiation: kpi('days_in_stage_negotiation', 'Days negotiating', 'analysis', 'days', 'lower'),
};
