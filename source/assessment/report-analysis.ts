import {escapeControls} from '../domain/control-characters.js';
import type {Dataset} from '../domain/dataset.js';
import {openStages} from '../domain/opportunity.js';
import {ratesOf, type Settings} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import {type Funnel, funnelOf, type OpenStage, stageTimesOf} from './analysis-kpis.js';
import type {Evaluation} from './evaluation.js';
import {formatKpi, formatMoney, statusSymbol, statusWord} from './format-kpi.js';
import type {KpiValue} from './kpi-value.js';
import {periodName, previousPeriod} from './periods.js';
import {
	customersOnFile,
	customerValuesOf,
	rfmAsOf,
	rfmSegmentNames,
	rfmWindowDays,
	type SegmentRow,
	segmentSummary,
} from './rfm.js';
import {type FunnelStage, funnelStages} from './stage-history.js';

/**
 * The report's analysis (KPI.md *Analysis*): the funnel of P beside P−1's, the mean days in each open
 * stage with its target, and the customers' RFM segments as of T. Counted once by the command from
 * the data, then written as Markdown under the analysis KPI table and as the JSON report's keys.
 */
export type AnalysisReport = {
	funnel: Funnel;
	previousFunnel: Funnel;
	stageTimes: Record<OpenStage, {days: KpiValue; visits: number}>;
	customerValue: {
		/** T: the end of P, or now while P runs. */
		asOf: number;
		/** Per segment, then (segment null) the customers on file at T without a purchase in the year before it. */
		rows: SegmentRow[];
		/** Purchases in the year whose currency has no rate: in F, not in the revenue. */
		unpriced: number;
	};
};

/** The analysis of `evaluation`'s period from the data it was made from. */
export const analysisReport = (dataset: Dataset, settings: Settings, evaluation: Evaluation): AnalysisReport => {
	const {period, now} = evaluation;
	const asOf = rfmAsOf(period, now);
	const values = customerValuesOf(dataset, asOf, ratesOf(settings));
	return {
		funnel: funnelOf(dataset, period),
		previousFunnel: funnelOf(dataset, previousPeriod(period)),
		stageTimes: stageTimesOf(dataset, period),
		customerValue: {
			asOf,
			rows: segmentSummary(values, customersOnFile(dataset.customers, values)),
			unpriced: values.unpriced,
		},
	};
};

const share = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const part = (count: number, whole: number): number | null => (whole === 0 ? null : count / whole);
const date = (time: number): string => new Date(time).toISOString().slice(0, 10);

type FunnelRow = {stage: FunnelStage; reached: number; share: number | null; drop: number | null};

/** Each stage: how many of the deals created in the period reached it, their share, and the drop from the stage before (none before the first). */
export const funnelRows = (funnel: Funnel): FunnelRow[] =>
	funnelStages.map((stage, index) => {
		const reached = funnel.reached[stage];
		const before = index === 0 ? null : funnel.reached[funnelStages[index - 1]!];
		return {
			stage,
			reached,
			share: part(reached, funnel.created),
			drop: before === null ? null : part(before - reached, before),
		};
	});

const funnelSection = (evaluation: Evaluation, analysis: AnalysisReport): string[] => {
	const {funnel, previousFunnel} = analysis;
	const current = funnelRows(funnel);
	const previous = funnelRows(previousFunnel);
	const period = periodName(evaluation.period);
	const previousName = periodName(evaluation.previous);
	return [
		'',
		`### ${t('assess.analysis.funnel')}`,
		'',
		t('assess.analysis.funnelIntro', {period}),
		'',
		t('assess.analysis.funnelHeader', {period, previous: previousName}),
		'|---|---:|---:|---:|---:|---:|',
		...current.map(
			(row, index) =>
				`| ${row.stage} | ${row.reached} | ${share(row.share)} | ${share(row.drop)} | ${previous[index]!.reached} | ${share(previous[index]!.share)} |`,
		),
		'',
		t('assess.analysis.created', {
			count: funnel.created,
			period,
			unlogged: funnel.unlogged,
			previous: previousName,
			previousCreated: t('assess.analysis.deals', {count: previousFunnel.created}),
			previousUnlogged: previousFunnel.unlogged,
		}),
	];
};

const daysId = (stage: OpenStage) => `days_in_stage_${stage}` as const;

const stageTimesSection = (evaluation: Evaluation, analysis: AnalysisReport): string[] => {
	const period = periodName(evaluation.period);
	const lines = [
		'',
		`### ${t('assess.analysis.stageTimes')}`,
		'',
		t('assess.analysis.stageTimesIntro', {period}),
		'',
		t('assess.analysis.stageTimesHeader', {period, previous: periodName(evaluation.previous)}),
		'|---|---:|---:|---:|---|---:|',
	];
	for (const stage of openStages) {
		const id = daysId(stage);
		const kpi = evaluation.kpis[id];
		const target = kpi.target === null ? '—' : `${kpi.direction === 'higher' ? '≥' : '≤'} ${formatKpi(id, kpi.target)}`;
		lines.push(
			`| ${stage} | ${formatKpi(id, analysis.stageTimes[stage].days)} | ${analysis.stageTimes[stage].visits} | ${target} | ${statusSymbol[kpi.status]} ${statusWord(kpi.status)} | ${formatKpi(id, kpi.previous)} |`,
		);
	}
	return lines;
};

const customerValueSection = (evaluation: Evaluation, analysis: AnalysisReport): string[] => {
	const {asOf, rows, unpriced} = analysis.customerValue;
	const currency = escapeControls(evaluation.currency, false);
	const money = (value: number) => formatMoney(value, currency);
	const running = asOf < evaluation.period.end;
	const total = rows.reduce((sum, row) => sum + row.customers, 0);
	const lines = [
		'',
		`### ${t('assess.analysis.customerValue')}`,
		'',
		t(running ? 'assess.analysis.customerValueIntroRunning' : 'assess.analysis.customerValueIntro', {
			asOf: date(asOf),
			period: periodName(evaluation.period),
			days: rfmWindowDays,
			total,
			currency,
		}),
		'',
		t('assess.analysis.customerValueHeader'),
		'|---|---:|---:|---:|---:|',
		...rows.map(
			(row) =>
				`| ${row.segment === null ? t('assess.rfm.noPurchase') : rfmSegmentNames[row.segment]} | ${row.customers} | ${share(row.shareOfCustomers)} | ${row.segment === null ? '—' : money(row.revenue)} | ${row.segment === null ? '—' : share(row.shareOfRevenue)} |`,
		),
	];
	if (unpriced > 0) lines.push('', t('assess.analysis.unpriced', {count: unpriced}));
	return lines;
};

/** The Markdown under the analysis KPI table: the funnel, the stage times and the customer value. */
export const analysisSection = (evaluation: Evaluation, analysis: AnalysisReport | undefined): string[] =>
	analysis
		? [
				...funnelSection(evaluation, analysis),
				...stageTimesSection(evaluation, analysis),
				...customerValueSection(evaluation, analysis),
			]
		: [];

const funnelJson = (key: string, funnel: Funnel) => ({
	period: key,
	created: funnel.created,
	unlogged: funnel.unlogged,
	stages: funnelRows(funnel),
});

/** The JSON report's `funnel`, `stageTimes` and `customerValue`: the Markdown's numbers raw, null where there is none; all null without the analysis. */
export const analysisJson = (evaluation: Evaluation, analysis: AnalysisReport | undefined) => {
	if (!analysis) return {funnel: null, stageTimes: null, customerValue: null};
	const {asOf, rows, unpriced} = analysis.customerValue;
	const without = rows.find((row) => row.segment === null)!;
	return {
		funnel: {
			...funnelJson(evaluation.period.key, analysis.funnel),
			previous: funnelJson(evaluation.previous.key, analysis.previousFunnel),
		},
		stageTimes: openStages.map((stage) => {
			const kpi = evaluation.kpis[daysId(stage)];
			return {
				stage,
				days: analysis.stageTimes[stage].days,
				visits: analysis.stageTimes[stage].visits,
				target: kpi.target,
				status: kpi.status,
				previousDays: kpi.previous,
			};
		}),
		customerValue: {
			asOf: new Date(asOf).toISOString(),
			segments: rows
				.filter((row) => row.segment !== null)
				.map((row) => ({
					segment: row.segment!,
					customers: row.customers,
					shareOfCustomers: row.shareOfCustomers,
					revenue: row.revenue,
					shareOfRevenue: row.shareOfRevenue,
				})),
			withoutPurchase: {customers: without.customers, shareOfCustomers: without.shareOfCustomers},
			unpriced,
		},
	};
};
