import {escapeControls} from '../domain/control-characters.js';
import {inBase, type Rates} from '../domain/money.js';
import type {Opportunity} from '../domain/opportunity.js';
import {areaName, importanceName} from '../domain/requirements.js';
import type {SurveyResponse} from '../domain/survey.js';
import {t} from '../i18n/i18n.js';
import {alertInEnglish} from './alert.js';
import {usdOnly} from './deal-kpis.js';
import {type Evaluation, isToDate} from './evaluation.js';
import {formatAttainment, formatKpi, statusSymbol, statusWord} from './format-kpi.js';
import {type KpiGroup, type KpiId, kpiCatalog, kpiIds} from './kpi-catalog.js';
import {isIn, type Period, periodName, periodNameOf} from './periods.js';
import {type AnalysisReport, analysisJson, analysisSection} from './report-analysis.js';
import {costsJson, costsSection} from './report-costs.js';
import {experienceJson, experienceSection} from './report-experience.js';
import {type CampaignRow, campaignSection, requirementStatusText} from './report-parts.js';
import {requirementInEnglish} from './requirement-status.js';
import type {KpiStatus} from './targets.js';

export type {CampaignRow} from './report-parts.js';

/** Who a customer is, for the report's churn-risk list: masked with --mask. */
export type CustomerNames = ReadonlyMap<string, {name: string; email: string}>;

const atRisk = (evaluation: Evaluation, customers: CustomerNames) =>
	[
		...new Set(
			evaluation.alerts
				.filter((alert) => alert.kind === 'churn')
				.flatMap((alert) => alert.records.map((record) => record.id)),
		),
	].map((id) => ({id, ...(customers.get(id) ?? {name: '', email: ''})}));

/** Deals closed in a period with one reason: how many, and their amount in the base currency (won revenue, or what was lost; deals without a rate counted, not summed). */
export type ReasonRow = {reason: string; deals: number; amount: number};
export type DealReasons = {won: ReasonRow[]; lost: ReasonRow[]};

/** The reason a deal without one is counted under: the JSON report's words (the Markdown says the catalog's). */
export const noReason = '(no reason given)'; // i18n-exempt: the JSON report's reason for none, English in any language

/** Won and lost deals with `closedAt` in the period, by their reason, the most frequent first. */
export const dealReasons = (deals: readonly Opportunity[], period: Period, rates: Rates = usdOnly): DealReasons => {
	const won = new Map<string, ReasonRow>();
	const lost = new Map<string, ReasonRow>();
	for (const deal of deals) {
		if ((deal.stage !== 'won' && deal.stage !== 'lost') || !isIn(deal.closedAt, period)) continue;
		const reason = (deal.stage === 'won' ? deal.wonReason : deal.lostReason) || noReason;
		const rows = deal.stage === 'won' ? won : lost;
		const row = rows.get(reason) ?? {reason, deals: 0, amount: 0};
		row.deals++;
		row.amount += inBase(rates, deal.amount, deal.currency) ?? 0;
		rows.set(reason, row);
	}
	const sorted = (rows: Map<string, ReasonRow>) =>
		[...rows.values()].sort((a, b) => b.deals - a.deals || b.amount - a.amount || a.reason.localeCompare(b.reason));
	return {won: sorted(won), lost: sorted(lost)};
};

/** The JSON report: every KPI id of KPI.md with actual, target, difference and status. */
export const reportJson = (
	evaluation: Evaluation,
	generatedAt: string,
	customers: CustomerNames = new Map(),
	reasons: DealReasons = {won: [], lost: []},
	campaigns: readonly CampaignRow[] = [],
	/** The survey responses (masked with --mask): the period's scores and comments. */
	surveys: readonly SurveyResponse[] = [],
	/** The funnel, stage times and customer value (report-analysis.ts); their keys are null without it. */
	analysis?: AnalysisReport,
) => ({
	period: evaluation.period.key,
	currency: evaluation.currency,
	currencyAssumed: evaluation.currencyAssumed,
	toDate: isToDate(evaluation.period, evaluation.now),
	start: new Date(evaluation.period.start).toISOString(),
	end: new Date(evaluation.period.end).toISOString(),
	generatedAt,
	kpis: Object.fromEntries(
		kpiIds.map((id) => {
			const kpi = evaluation.kpis[id];
			return [
				id,
				{
					actual: kpi.actual,
					target: kpi.target,
					difference: kpi.difference,
					status: kpi.status,
					attainment: kpi.attainment,
					direction: kpi.direction,
					previous: kpi.previous,
				},
			];
		}),
	),
	forecast: evaluation.forecast,
	beforeAfter: evaluation.beforeAfter && {
		goLive: evaluation.beforeAfter.goLive,
		months: evaluation.beforeAfter.months,
		kpis: evaluation.beforeAfter.kpis,
	},
	alerts: evaluation.alerts.map((alert) => ({
		kind: alert.kind,
		...alertInEnglish(alert),
		severity: alert.severity,
		records: alert.records,
	})),
	...analysisJson(evaluation, analysis),
	churnRisk: atRisk(evaluation, customers),
	reasons,
	campaigns,
	requirements: evaluation.requirements.map(requirementInEnglish),
	roi: costsJson(evaluation),
	experience: experienceJson(evaluation, surveys),
});

/** What to do about a missed KPI: the report's recommended actions (their catalog keys; KPIs with one cause share one). */
const actions = {
	revenue_won: 'assess.action.revenue_won',
	deals_won: 'assess.action.deals_won',
	sales_growth: 'assess.action.sales_growth',
	win_rate: 'assess.action.win_rate',
	avg_deal_size: 'assess.action.avg_deal_size',
	sales_cycle_days: 'assess.action.sales_cycle_days',
	pipeline_open: 'assess.action.pipeline_open',
	pipeline_weighted: 'assess.action.pipeline_weighted',
	new_customers: 'assess.action.new_customers',
	churn_rate: 'assess.action.churn',
	retention_rate: 'assess.action.churn',
	tickets_opened: 'assess.action.tickets_opened',
	first_response_hours: 'assess.action.first_response_hours',
	resolution_hours: 'assess.action.resolution_hours',
	sla_compliance: 'assess.action.sla_compliance',
	backlog: 'assess.action.backlog',
	csat: 'assess.action.ratings',
	avg_rating: 'assess.action.ratings',
	nps: 'assess.action.nps',
	completeness: 'assess.action.completeness',
	duplicate_rate: 'assess.action.duplicate_rate',
	orphan_records: 'assess.action.orphan_records',
	active_operators: 'assess.action.active_operators',
	render_ms_p95: 'assess.action.render_ms_p95',
	save_ms_p95: 'assess.action.save_ms_p95',
	load_ms: 'assess.action.load_ms',
	errors: 'assess.action.errors',
	requirements_coverage: 'assess.action.requirements_coverage',
	roi: 'assess.action.roi',
	complaint_rate: 'assess.action.complaint_rate',
	follow_up_rate: 'assess.action.follow_up_rate',
	orders: 'assess.action.orders',
	order_revenue: 'assess.action.orders',
	avg_order_value: 'assess.action.avg_order_value',
	repeat_purchase_rate: 'assess.action.repeat_purchase_rate',
	marketing_cost: 'assess.action.marketing_cost',
	campaign_leads: 'assess.action.campaign_leads',
	cost_per_lead: 'assess.action.cost_per_lead',
	lead_conversion: 'assess.action.lead_conversion',
	campaign_revenue: 'assess.action.campaign_revenue',
	marketing_roi: 'assess.action.marketing_roi',
	unpriced_records: 'assess.action.unpriced_records',
	usage_rate: 'assess.action.usage_rate',
	usability_score: 'assess.action.usability_score',
	survey_responses: 'assess.action.survey_responses',
	ease_of_use: 'assess.action.ease_of_use',
	fit_for_work: 'assess.action.fit_for_work',
	data_accuracy: 'assess.action.data_accuracy',
	crash_free_sessions: 'assess.action.crash_free_sessions',
	save_success_rate: 'assess.action.save_success_rate',
} as const satisfies Partial<Record<KpiId, string>>;

const actionOf = (id: KpiId): string | undefined =>
	id in actions ? t(actions[id as keyof typeof actions]) : undefined;

const groupTitles = {
	effect: 'assess.group.effect',
	marketing: 'assess.group.marketing',
	analysis: 'assess.group.analysis',
	quality: 'assess.group.quality',
	adoption: 'assess.group.adoption',
	experience: 'assess.group.experience',
	performance: 'assess.group.performance',
	function: 'assess.group.function',
	roi: 'assess.group.roi',
} as const satisfies Record<KpiGroup, string>;

/** A group's section title, in the language in force. */
const groupTitle = (group: KpiGroup): string => t(groupTitles[group]);

const table = (evaluation: Evaluation, group: KpiGroup): string[] => {
	const lines = [t('assess.report.kpiHeader'), '|---|---:|---:|---:|---:|---|---:|'];
	for (const id of kpiIds.filter((candidate) => kpiCatalog[candidate].group === group)) {
		const kpi = evaluation.kpis[id];
		const attainment = formatAttainment(kpi.attainment);
		const money = (value: number | null, signed = false) => formatKpi(id, value, signed, evaluation.currency);
		const target = `${kpi.direction === 'higher' ? '≥' : '≤'} ${money(kpi.target)}`;
		lines.push(
			`| ${kpiCatalog[id].label} (\`${id}\`) | ${money(kpi.actual)} | ${target} | ${money(kpi.difference, true)} | ${attainment} | ${statusSymbol[kpi.status]} ${statusWord(kpi.status)} | ${money(kpi.previous)} |`,
		);
	}
	return lines;
};

/**
 * Text from data or settings in one line of Markdown: control characters written out as `\xNN`, so a
 * customer's name can neither command the terminal the report is read on nor break a list or table.
 */
const inline = (text: string): string => escapeControls(text, false);

type MarkdownContext = {
	generatedAt: string;
	source: string;
	customers?: CustomerNames;
	reasons?: DealReasons;
	campaigns?: readonly CampaignRow[];
	/** The survey responses (masked with --mask): the period's scores and comments. */
	surveys?: readonly SurveyResponse[];
	/** The funnel, stage times and customer value, under the analysis KPI table. */
	analysis?: AnalysisReport;
};

/** The title, the period and how many KPIs met their targets. */
const heading = (evaluation: Evaluation, context: MarkdownContext): string[] => {
	const statuses = kpiIds.map((id) => evaluation.kpis[id].status);
	const count = (status: KpiStatus) => statuses.filter((candidate) => candidate === status).length;
	const running = isToDate(evaluation.period, evaluation.now);
	const period = periodName(evaluation.period);
	return [
		`# ${running ? t('assess.report.titleToDate', {period}) : t('assess.report.title', {period})}`,
		'',
		t(running ? 'assess.report.periodRunning' : 'assess.report.period', {
			start: new Date(evaluation.period.start).toISOString().slice(0, 10),
			end: new Date(evaluation.period.end - 1).toISOString().slice(0, 10),
			today: context.generatedAt.slice(0, 10),
			previous: periodName(evaluation.previous),
			source: inline(context.source),
			generatedAt: context.generatedAt,
		}),
		'',
		t(evaluation.currencyAssumed ? 'assess.report.moneyAssumed' : 'assess.report.money', {
			currency: evaluation.currency,
		}),
		'',
		t('assess.report.counts', {
			met: count('met'),
			near: count('near'),
			missed: count('missed'),
			noData: count('no data'), // i18n-exempt: a status (data); the words are the catalog's
			total: kpiIds.length,
		}),
		'',
	];
};

/** The function axis: requirements coverage and the checklist. */
const functionSection = (evaluation: Evaluation): string[] => {
	const coverage = evaluation.kpis.requirements_coverage;
	return [
		`## ${groupTitle('function')}`,
		'',
		t('assess.report.coverage', {
			actual: formatKpi('requirements_coverage', coverage.actual),
			target: formatKpi('requirements_coverage', coverage.target),
			status: statusWord(coverage.status),
		}),
		'',
		t('assess.report.checklistHeader'),
		'|---|---|---|---|---|',
		...evaluation.requirements.map(
			(requirement) =>
				`| ${inline(areaName(requirement.area))} | ${inline(requirement.text)} | ${importanceName(requirement.importance)} | ${requirementStatusText(requirement)} | ${inline(requirement.note)} |`,
		),
	];
};

const beforeAfterSection = (evaluation: Evaluation): string[] => {
	const lines = ['', `## ${t('assess.report.beforeAfter')}`, ''];
	const comparison = evaluation.beforeAfter;
	if (!comparison) {
		lines.push(t('assess.report.noGoLive'));
		return lines;
	}
	lines.push(
		t('assess.report.beforeAfterWindow', {months: comparison.months, goLive: comparison.goLive}),
		'',
		t('assess.report.beforeAfterHeader'),
		'|---|---:|---:|---:|',
	);
	for (const id of kpiIds.filter((candidate) =>
		(['effect', 'marketing', 'analysis', 'adoption', 'experience'] as readonly KpiGroup[]).includes(
			kpiCatalog[candidate].group,
		),
	)) {
		const row = comparison.kpis[id];
		const money = (value: number | null, signed = false) => formatKpi(id, value, signed, evaluation.currency);
		lines.push(`| ${kpiCatalog[id].label} | ${money(row.before)} | ${money(row.after)} | ${money(row.change, true)} |`);
	}
	return lines;
};

const reasonsSection = (evaluation: Evaluation, reasons: DealReasons = {won: [], lost: []}): string[] => {
	const lines = ['', `## ${t('assess.report.reasons')}`, ''];
	const period = periodName(evaluation.period);
	for (const [none, header, rows] of [
		[t('assess.report.wonNone', {period}), t('assess.report.wonHeader'), reasons.won],
		[t('assess.report.lostNone', {period}), t('assess.report.lostHeader'), reasons.lost],
	] as const) {
		const total = rows.reduce((sum, row) => sum + row.deals, 0);
		if (total === 0) {
			lines.push(none, '');
			continue;
		}
		lines.push(header, '|---|---:|---:|---:|');
		for (const row of rows)
			lines.push(
				`| ${row.reason === noReason ? t('assess.report.noReason') : inline(row.reason)} | ${row.deals} | ${((row.deals / total) * 100).toFixed(1)}% | ${formatKpi('revenue_won', row.amount, false, evaluation.currency)} |`,
			);
		lines.push('');
	}
	lines.pop();
	return lines;
};

const forecastSection = (evaluation: Evaluation): string[] => {
	const {forecast} = evaluation;
	const title = `## ${t('assess.report.forecast')}`;
	if (!forecast) return ['', title, '', t('assess.report.noForecast')];
	return [
		'',
		title,
		'',
		t('assess.report.forecastBasis', {
			count: forecast.basis.length,
			periods: forecast.basis.map((entry) => periodNameOf(entry.period)).join(t('assess.report.separator')),
		}),
		'',
		...forecast.next.map(
			(entry) =>
				`- ${periodNameOf(entry.period)}: ${formatKpi('revenue_won', entry.value, false, evaluation.currency)}`,
		),
	];
};

const alertsSection = (evaluation: Evaluation, customers: CustomerNames = new Map()): string[] => {
	const lines = ['', `## ${t('assess.report.alerts')}`, ''];
	if (evaluation.alerts.length === 0) lines.push(t('assess.report.none'));
	for (const alert of evaluation.alerts)
		lines.push(
			`- ${alert.severity === 'bad' ? '✗' : '!'} ${t('assess.report.alert', {message: inline(alert.message), rule: inline(alert.rule)})}`,
		);
	const risky = atRisk(evaluation, customers);
	if (risky.length > 0) {
		lines.push('', t('assess.report.atRisk', {count: risky.length}), '');
		for (const customer of risky.slice(0, 20))
			lines.push(`- ${inline(customer.name || customer.id)}${customer.email ? ` <${inline(customer.email)}>` : ''}`);
		if (risky.length > 20) lines.push(`- ${t('assess.report.atRiskMore', {count: risky.length - 20})}`);
	}
	return lines;
};

const actionsSection = (evaluation: Evaluation): string[] => {
	const lines = ['', `## ${t('assess.report.actions')}`, ''];
	const missed = kpiIds.filter((id) => evaluation.kpis[id].status === 'missed' && actionOf(id));
	const advice = [...new Set(missed.map((id) => actionOf(id)!))];
	if (advice.length === 0) lines.push(t('assess.report.allMet'));
	for (const action of advice) {
		const because = missed
			.filter((id) => actionOf(id) === action)
			.map((id) => kpiCatalog[id].label)
			.join(t('assess.report.separator'));
		lines.push(`- ${t('assess.report.action', {action, kpis: because})}`);
	}
	return lines;
};

/** The Markdown evaluation report: the same numbers as the screen, written for a manager. */
export const reportMarkdown = (evaluation: Evaluation, context: MarkdownContext): string => {
	const lines = [...heading(evaluation, context), ...functionSection(evaluation)];
	for (const group of ['performance', 'effect', 'marketing', 'analysis', 'quality', 'adoption', 'roi'] as const) {
		lines.push('', `## ${groupTitle(group)}`, '', ...table(evaluation, group));
		if (group === 'analysis') lines.push(...analysisSection(evaluation, context.analysis));
	}
	// Costs and return right under the ROI table it explains, then the operators' experience.
	lines.push(
		...costsSection(evaluation),
		...experienceSection(evaluation, context.surveys ?? [], table(evaluation, 'experience')),
		...campaignSection(evaluation, context.campaigns ?? []),
		...beforeAfterSection(evaluation),
		...reasonsSection(evaluation, context.reasons),
		...forecastSection(evaluation),
		...alertsSection(evaluation, context.customers),
		...actionsSection(evaluation),
	);
	return `${lines.join('\n')}\n`;
};
