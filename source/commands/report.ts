import {type Evaluation, evaluate} from '../assessment/evaluation.js';
import {statusWord} from '../assessment/format-kpi.js';
import {kpiCatalog, kpiIds} from '../assessment/kpi-catalog.js';
import {periodContaining, previousPeriod, readPeriod} from '../assessment/periods.js';
import {dealReasons, reportJson, reportMarkdown} from '../assessment/report.js';
import {analysisReport} from '../assessment/report-analysis.js';
import {campaignRows} from '../assessment/report-parts.js';
import type {KpiStatus} from '../assessment/targets.js';
import {escapeJsonControls} from '../domain/control-characters.js';
import {maskDataset} from '../domain/mask.js';
import type {Metric} from '../domain/metric.js';
import {ratesOf} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import {loadMetrics, sessionRunning} from '../store/metrics-log.js';
import {CrmStore} from '../store/store.js';

export class ReportRefusedError extends Error {
	readonly exitCode = 2;
}

/** How bad a status is, for `--fail-on`: `no data` is neither met nor missed, so it fails nothing. */
const severity: Record<KpiStatus, number> = {met: 0, near: 1, missed: 2, 'no data': -1};

/** The KPIs at or below `failOn` (`near` takes in `missed` too), as `label (status)` in the language in force. */
export const failingKpis = (evaluation: Evaluation, failOn: 'near' | 'missed'): string[] =>
	kpiIds
		.filter((id) => severity[evaluation.kpis[id].status] >= severity[failOn])
		.map((id) =>
			t('assess.command.failing', {kpi: kpiCatalog[id].label, status: statusWord(evaluation.kpis[id].status)}),
		);

/**
 * `crm report`: the evaluation of a period as Markdown or JSON, the same numbers as the console
 * shows. With `failOn`, `onFailing` hears the KPIs at or below that status (the command exits 1).
 */
export const runReport = async (
	file: string,
	options: {
		period?: string;
		format: string;
		now?: number;
		mask?: boolean;
		failOn?: string;
		onFailing?: (kpis: string[]) => void;
	},
): Promise<string> => {
	if (options.failOn !== undefined && options.failOn !== 'near' && options.failOn !== 'missed')
		throw new ReportRefusedError(t('assess.command.failOn', {value: JSON.stringify(options.failOn)}));
	const now = options.now ?? Date.now();
	// Without --period: the last complete month, the one a monthly report is about.
	const read =
		options.period === undefined
			? {ok: true as const, period: previousPeriod(periodContaining('month', now))}
			: readPeriod(options.period);
	if (!read.ok)
		throw new ReportRefusedError(
			t('assess.command.period', {value: JSON.stringify(options.period), reason: read.message}),
		);
	const {period} = read;
	if (options.format !== 'md' && options.format !== 'json')
		throw new ReportRefusedError(t('assess.command.format', {value: options.format}));
	const store = await CrmStore.open(file);
	if (!store.existed) throw new ReportRefusedError(t('assess.command.noFile', {file}));
	const metrics: Metric[] | undefined = await loadMetrics(file);
	const evaluation = evaluate(
		{dataset: store.data, settings: store.settings, metrics, isRunning: sessionRunning, now},
		period,
	);
	if (options.failOn) {
		const failing = failingKpis(evaluation, options.failOn as 'near' | 'missed');
		if (failing.length > 0) options.onFailing?.(failing);
	}
	const generatedAt = new Date(now).toISOString();
	// Who the at-risk customers are: masked with --mask, for a report that is shown or sent on.
	const shown = options.mask ? maskDataset(store.data) : store.data;
	const customers = new Map(
		shown.customers.map((customer) => [customer.id, {name: customer.name, email: customer.email}]),
	);
	// Names from data reach a terminal or a mail: JSON with every control character escaped (the same data), Markdown with them written out.
	const reasons = dealReasons(store.data.opportunities, period, ratesOf(store.settings));
	// Campaign names are shown as they are (they name no person).
	const campaigns = campaignRows(store.data, store.settings);
	// The funnel, stage times and customer value: counts and sums, no names.
	const analysis = analysisReport(store.data, store.settings, evaluation);
	return options.format === 'json'
		? `${escapeJsonControls(JSON.stringify(reportJson(evaluation, generatedAt, customers, reasons, campaigns, shown.surveys, analysis), null, 2))}\n`
		: reportMarkdown(evaluation, {
				generatedAt,
				source: file,
				customers,
				reasons,
				campaigns,
				surveys: shown.surveys,
				analysis,
			});
};
