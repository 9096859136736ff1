import {escapeControls} from '../domain/control-characters.js';
import {inBase, type Rates} from '../domain/money.js';
import type {Opportunity} from '../domain/opportunity.js';
import type {SurveyResponse} from '../domain/survey.js';
import {usdOnly} from './deal-kpis.js';
import {type Evaluation, isToDate} from './evaluation.js';
import {formatAttainment, formatKpi, statusSymbol} from './format-kpi.js';
import {type KpiGroup, type KpiId, kpiCatalog, kpiIds} from './kpi-catalog.js';
import {isIn, type Period} from './periods.js';
import {type AnalysisReport, analysisJson, analysisSection} from './report-analysis.js';
import {costsJson, costsSection} from './report-costs.js';
import {experienceJson, experienceSection} from './report-experience.js';
import {type CampaignRow, campaignSection, requirementStatusText} from './report-parts.js';

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

/** The reason a deal without one is counted under. */
export const noReason = '(no reason given)';

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
		rule: alert.rule,
		message: alert.message,
		severity: alert.severity,
		records: alert.records,
	})),
	...analysisJson(evaluation, analysis),
	churnRisk: atRisk(evaluation, customers),
	reasons,
	campaigns,
	requirements: evaluation.requirements,
	roi: costsJson(evaluation),
	experience: experienceJson(evaluation, surveys),
});

/** What to do about a missed KPI: the report's recommended actions. */
const actions: Partial<Record<KpiId, string>> = {
	revenue_won: 'Review the deals in negotiation and agree close plans with their owners.',
	deals_won: 'Move qualified deals to proposal faster; check for stalled opportunities.',
	sales_growth: 'Compare this period’s won deals with the last: which segments or products fell?',
	win_rate: 'Look at the lost reasons of this period and address the most common one.',
	avg_deal_size: 'Bundle add-ons with core deals; review discounting.',
	sales_cycle_days: 'Find the stage where deals wait longest and remove the hold-up.',
	pipeline_open: 'Generate pipeline: prospecting for the next quarter is short.',
	pipeline_weighted: 'Qualify early-stage deals or progress them; the weighted pipeline is thin.',
	new_customers: 'Follow up the open leads and the deals in prospecting.',
	churn_rate: 'Call the customers on the churn-risk list, starting with those with open urgent tickets.',
	retention_rate: 'Call the customers on the churn-risk list, starting with those with open urgent tickets.',
	tickets_opened: 'Find the most frequent ticket subjects and fix their cause.',
	first_response_hours: 'Answer new tickets first; consider an on-call rota for urgent ones.',
	resolution_hours: 'Escalate tickets open longer than their SLA.',
	sla_compliance: 'Work the tickets about to breach first; review SLA hours against staffing.',
	backlog: 'Schedule a backlog session; close resolved tickets that wait on nobody.',
	csat: 'Read this period’s low ratings and reply to each customer.',
	avg_rating: 'Read this period’s low ratings and reply to each customer.',
	nps: 'Ask detractors what would change their mind; thank promoters and ask for referrals.',
	completeness: 'Fill in missing emails, phones, owners and segments (the customer list sorts blanks last).',
	duplicate_rate: 'Merge customers that share an email.',
	orphan_records: 'Reassign deals, tickets and feedback that point at deleted customers.',
	active_operators: 'Train the team members who have not recorded any change.',
	render_ms_p95: 'The console draws slowly: check the data size and the terminal link.',
	save_ms_p95: 'Saves are slow: check the disk holding the data file.',
	load_ms: 'Start-up is slow: check the data size and the disk.',
	errors: 'Look into the errors the console recorded.',
	requirements_coverage: 'Close the gaps in the requirements checklist, high importance first.',
	roi: 'Revenue since go-live does not yet cover the CRM’s costs: review margin and costs in the settings.',
	complaint_rate: 'Read this period’s complaints and fix the cause of the most frequent one.',
	follow_up_rate: 'Schedule a follow-up for every resolved ticket, and do the overdue ones first.',
	orders: 'Turn won deals into orders; follow up confirmed orders that wait.',
	order_revenue: 'Turn won deals into orders; follow up confirmed orders that wait.',
	avg_order_value: 'Offer add-ons and volume prices on orders; review discounts.',
	repeat_purchase_rate: 'Call last period’s buyers with an offer for what they bought.',
	marketing_cost: 'Campaigns spent more than planned: compare cost with budget per campaign.',
	campaign_leads: 'Start a campaign, or move budget to the channels that bring leads.',
	cost_per_lead: 'Move budget from the campaigns with the dearest leads to the cheapest.',
	lead_conversion: 'Follow up new customers that have no deal yet.',
	campaign_revenue: 'Work the deals that campaigns brought in; review which channels pay.',
	marketing_roi: 'Stop or rework the campaigns whose revenue does not cover their cost (the campaign table).',
	unpriced_records: 'Set a rate for every currency the alert names (settings), so their amounts count.',
	usage_rate: 'Train the team members listed with a role who have not recorded any change.',
	usability_score: 'Read the survey’s comments under its lowest-rated questions and fix what they name first.',
	survey_responses: 'Ask the team to answer the usability survey (:survey): a score from few answers says little.',
	ease_of_use: 'Watch an operator do a day’s work in the console; shorten the steps they stumble on.',
	fit_for_work: 'Ask the operators which of their tasks the console does not cover, and plan them in.',
	data_accuracy:
		'Run the data-quality checks (crm doctor, the quality panel) and correct what operators report as wrong.',
	crash_free_sessions: 'Look into the sessions that ended without a clean exit, and the errors recorded.',
	save_success_rate: 'Saves failed: check the disk and the permissions of the data file.',
};

const groupTitles: Record<KpiGroup, string> = {
	effect: 'Effect: business results',
	marketing: 'Marketing',
	analysis: 'Analysis: funnel and stage times',
	quality: 'Data quality (as of now)',
	adoption: 'Adoption',
	experience: 'Operators’ experience',
	performance: 'Performance of the console',
	function: 'Function',
	roi: 'Return on investment',
};

const table = (evaluation: Evaluation, group: KpiGroup): string[] => {
	const lines = [
		'| KPI | Actual | Target | Difference | Attainment | Status | Previous |',
		'|---|---:|---:|---:|---:|---|---:|',
	];
	for (const id of kpiIds.filter((candidate) => kpiCatalog[candidate].group === group)) {
		const kpi = evaluation.kpis[id];
		const attainment = formatAttainment(kpi.attainment);
		const money = (value: number | null, signed = false) => formatKpi(id, value, signed, evaluation.currency);
		const target = `${kpi.direction === 'higher' ? '≥' : '≤'} ${money(kpi.target)}`;
		lines.push(
			`| ${kpiCatalog[id].label} (\`${id}\`) | ${money(kpi.actual)} | ${target} | ${money(kpi.difference, true)} | ${attainment} | ${statusSymbol[kpi.status]} ${kpi.status} | ${money(kpi.previous)} |`,
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
	const count = (status: string) => statuses.filter((candidate) => candidate === status).length;
	const running = isToDate(evaluation.period, evaluation.now);
	return [
		`# CRM evaluation — ${evaluation.period.key}${running ? ' (to date)' : ''}`,
		'',
		`Period ${new Date(evaluation.period.start).toISOString().slice(0, 10)} to ${new Date(evaluation.period.end - 1).toISOString().slice(0, 10)} (UTC)${running ? `, still running: figures to ${context.generatedAt.slice(0, 10)}` : ''}, compared with ${evaluation.previous.key}. Data: \`${inline(context.source)}\`. Generated ${context.generatedAt}.`,
		'',
		`Money in ${evaluation.currency}${evaluation.currencyAssumed ? ' (assumed: the settings predate rates and name no base currency, so there are no other rates until they are set)' : ''}; an amount in a currency without a rate is counted, not summed (KPI.md *Money*).`,
		'',
		`**${count('met')} met, ${count('near')} near, ${count('missed')} missed, ${count('no data')} without data** of ${kpiIds.length} KPIs (definitions: KPI.md).`,
		'',
	];
};

/** The function axis: requirements coverage and the checklist. */
const functionSection = (evaluation: Evaluation): string[] => {
	const coverage = evaluation.kpis.requirements_coverage;
	return [
		`## ${groupTitles.function}`,
		'',
		`Requirements coverage ${formatKpi('requirements_coverage', coverage.actual)} against a target of ${formatKpi('requirements_coverage', coverage.target)} (${coverage.status}).`,
		'',
		'| Area | Requirement | Importance | Status | Note |',
		'|---|---|---|---|---|',
		...evaluation.requirements.map(
			(requirement) =>
				`| ${inline(requirement.area)} | ${inline(requirement.text)} | ${requirement.importance} | ${requirementStatusText(requirement)} | ${inline(requirement.note)} |`,
		),
	];
};

const beforeAfterSection = (evaluation: Evaluation): string[] => {
	const lines = ['', '## Before and after go-live', ''];
	const comparison = evaluation.beforeAfter;
	if (!comparison) {
		lines.push('No go-live date is set (`assessment.goLive` in the settings file), so there is nothing to compare.');
		return lines;
	}
	lines.push(
		`${comparison.months} months before and after ${comparison.goLive}.`,
		'',
		'| KPI | Before | After | Change |',
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
	const lines = ['', '## Won and lost deals by reason', ''];
	for (const [outcome, rows] of [
		['Won', reasons.won],
		['Lost', reasons.lost],
	] as const) {
		const total = rows.reduce((sum, row) => sum + row.deals, 0);
		if (total === 0) {
			lines.push(`${outcome}: no deals in ${evaluation.period.key}.`, '');
			continue;
		}
		lines.push(`| ${outcome} because | Deals | Share | Amount |`, '|---|---:|---:|---:|');
		for (const row of rows)
			lines.push(
				`| ${inline(row.reason)} | ${row.deals} | ${((row.deals / total) * 100).toFixed(1)}% | ${formatKpi('revenue_won', row.amount, false, evaluation.currency)} |`,
			);
		lines.push('');
	}
	lines.pop();
	return lines;
};

const forecastSection = (evaluation: Evaluation): string[] => {
	const {forecast} = evaluation;
	if (!forecast)
		return ['', '## Forecast', '', 'Too little history for a forecast (at least 3 periods of won revenue are needed).'];
	return [
		'',
		'## Forecast',
		'',
		`Won revenue, by a linear trend over ${forecast.basis.length} periods (${forecast.basis.map((entry) => entry.period).join(', ')}):`,
		'',
		...forecast.next.map(
			(entry) => `- ${entry.period}: ${formatKpi('revenue_won', entry.value, false, evaluation.currency)}`,
		),
	];
};

const alertsSection = (evaluation: Evaluation, customers: CustomerNames = new Map()): string[] => {
	const lines = ['', '## Alerts', ''];
	if (evaluation.alerts.length === 0) lines.push('None.');
	for (const alert of evaluation.alerts)
		lines.push(`- ${alert.severity === 'bad' ? '✗' : '!'} ${inline(alert.message)} (rule: ${inline(alert.rule)})`);
	const risky = atRisk(evaluation, customers);
	if (risky.length > 0) {
		lines.push('', `Customers at risk of churn (${risky.length}):`, '');
		for (const customer of risky.slice(0, 20))
			lines.push(`- ${inline(customer.name || customer.id)}${customer.email ? ` <${inline(customer.email)}>` : ''}`);
		if (risky.length > 20) lines.push(`- … and ${risky.length - 20} more (the JSON report lists all)`);
	}
	return lines;
};

const actionsSection = (evaluation: Evaluation): string[] => {
	const lines = ['', '## Recommended actions', ''];
	const missed = kpiIds.filter((id) => evaluation.kpis[id].status === 'missed' && actions[id]);
	const advice = [...new Set(missed.map((id) => actions[id]!))];
	if (advice.length === 0) lines.push('Every KPI with data met or nearly met its target: keep going.');
	for (const action of advice) {
		const because = missed
			.filter((id) => actions[id] === action)
			.map((id) => kpiCatalog[id].label)
			.join(', ');
		lines.push(`- ${action} (${because} missed.)`);
	}
	return lines;
};

/** The Markdown evaluation report: the same numbers as the screen, written for a manager. */
export const reportMarkdown = (evaluation: Evaluation, context: MarkdownContext): string => {
	const lines = [...heading(evaluation, context), ...functionSection(evaluation)];
	for (const group of ['performance', 'effect', 'marketing', 'analysis', 'quality', 'adoption', 'roi'] as const) {
		lines.push('', `## ${groupTitles[group]}`, '', ...table(evaluation, group));
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
