import {escapeControls} from '../domain/control-characters.js';
import type {Dataset} from '../domain/dataset.js';
import {openStages} from '../domain/opportunity.js';
import {ratesOf, type Settings} from '../domain/settings.js';
import {type Funnel, funnelOf, type OpenStage, stageTimesOf} from './analysis-kpis.js';
import type {Evaluation} from './evaluation.js';
import {formatKpi, formatMoney, statusSymbol} from './format-kpi.js';
import type {KpiValue} from './kpi-value.js';
import {previousPeriod} from './periods.js';
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

const created = (count: number): string => `${count} ${count === 1 ? 'deal' : 'deals'}`;

const funnelSection = (evaluation: Evaluation, analysis: AnalysisReport): string[] => {
	const {funnel, previousFunnel} = analysis;
	const current = funnelRows(funnel);
	const previous = funnelRows(previousFunnel);
	const p = evaluation.period.key;
	const q = evaluation.previous.key;
	return [
		'',
		'### Funnel',
		'',
		`The deals created in ${p} and how far each got: a deal reached a stage when its history holds that stage or a later open one; a won deal reached every stage. Drop: of the deals that reached the stage before, the share that did not reach this one.`,
		'',
		`| Stage | Deals (${p}) | Share | Drop from the stage before | Deals (${q}) | Share (${q}) |`,
		'|---|---:|---:|---:|---:|---:|',
		...current.map(
			(row, index) =>
				`| ${row.stage} | ${row.reached} | ${share(row.share)} | ${share(row.drop)} | ${previous[index]!.reached} | ${share(previous[index]!.share)} |`,
		),
		'',
		`${created(funnel.created)} created in ${p}; ${funnel.unlogged} of them without a logged stage history (imported, or made outside the console): each counted by the stage it has (KPI.md). In ${q}: ${created(previousFunnel.created)}, ${previousFunnel.unlogged} without.`,
	];
};

const daysId = (stage: OpenStage) => `days_in_stage_${stage}` as const;

const stageTimesSection = (evaluation: Evaluation, analysis: AnalysisReport): string[] => {
	const p = evaluation.period.key;
	const lines = [
		'',
		'### Stage times',
		'',
		`Mean days of the visits to each open stage that ended in ${p}, from entering the stage to the next stage change; only visits that began with a change logged in the console, or with a deal created in it, count (an imported deal's time in its first stage is unknown).`,
		'',
		`| Stage | Mean days (${p}) | Visits | Target | Status | Mean days (${evaluation.previous.key}) |`,
		'|---|---:|---:|---:|---|---:|',
	];
	for (const stage of openStages) {
		const id = daysId(stage);
		const kpi = evaluation.kpis[id];
		const target = kpi.target === null ? '—' : `${kpi.direction === 'higher' ? '≥' : '≤'} ${formatKpi(id, kpi.target)}`;
		lines.push(
			`| ${stage} | ${formatKpi(id, analysis.stageTimes[stage].days)} | ${analysis.stageTimes[stage].visits} | ${target} | ${statusSymbol[kpi.status]} ${kpi.status} | ${formatKpi(id, kpi.previous)} |`,
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
		'### Customer value (RFM)',
		'',
		`As of ${date(asOf)}${running ? ' (now: the period is still running)' : ` (the end of ${evaluation.period.key})`}, purchases in the year before (${rfmWindowDays} days): won deals by their close date and booked orders not linked to one. Each customer is scored 1–5 on recency, frequency and money by rank (KPI.md); the segment is not the customer's own segment field. Of the ${total} customers on file then; revenue in ${currency}.`,
		'',
		'| Segment | Customers | Share of customers | Revenue | Share of revenue |',
		'|---|---:|---:|---:|---:|',
		...rows.map(
			(row) =>
				`| ${row.segment === null ? 'No purchase in the year' : rfmSegmentNames[row.segment]} | ${row.customers} | ${share(row.shareOfCustomers)} | ${row.segment === null ? '—' : money(row.revenue)} | ${row.segment === null ? '—' : share(row.shareOfRevenue)} |`,
		),
	];
	if (unpriced > 0)
		lines.push(
			'',
			`${unpriced} ${unpriced === 1 ? 'purchase' : 'purchases'} in a currency without a rate: counted in frequency, left out of the revenue (KPI.md *Money*).`,
		);
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
