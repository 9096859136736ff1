import {t} from '../i18n/i18n.js';
import {type Alert, saidAlert} from './alert.js';
import type {AnalysisData, OpenStage} from './analysis-kpis.js';
import {isoTime} from './iso-time.js';
import type {KpiId} from './kpi-catalog.js';
import {memoOf} from './memo.js';
import type {Period} from './periods.js';
import {inStageSince, stageHistory, stageLogOf, visitsOf} from './stage-history.js';
import type {Assessed} from './targets.js';

const stageOfKpi = (id: KpiId): OpenStage | undefined =>
	id.startsWith('days_in_stage_') ? (id.slice('days_in_stage_'.length) as OpenStage) : undefined;

/** The deals whose visit to `stage` ended in P and lasted more than `days`, longest first. */
export const slowVisits = (
	dataset: AnalysisData,
	stage: OpenStage,
	period: Period,
	days: number,
): Array<{id: string; days: number}> => {
	const log = stageLogOf(dataset.changes);
	const slow: Array<{id: string; days: number}> = [];
	for (const deal of dataset.opportunities) {
		const events = log.get(deal.id);
		if (!events) continue;
		let longest = -1;
		for (const visit of visitsOf(stageHistory(deal, events))) {
			const ended = isoTime(visit.to);
			if (visit.stage === stage && ended >= period.start && ended < period.end && visit.days > days)
				longest = Math.max(longest, visit.days);
		}
		if (longest >= 0) slow.push({id: deal.id, days: longest});
	}
	return slow.sort((a, b) => b.days - a.days);
};

/** The open deals in `stage` whose logged entry into it is more than `days` before `now`, longest first. */
export const stuckOpen = (
	dataset: AnalysisData,
	stage: OpenStage,
	now: number,
	days: number,
): Array<{id: string; days: number}> => {
	const log = stageLogOf(dataset.changes);
	const stuck: Array<{id: string; days: number}> = [];
	for (const deal of dataset.opportunities) {
		const events = log.get(deal.id);
		if (deal.stage !== stage || !events) continue;
		const since = inStageSince(stageHistory(deal, events));
		const inStage = (now - isoTime(since.at)) / 86_400_000;
		if (since.logged && inStage > days) stuck.push({id: deal.id, days: inStage});
	}
	return stuck.sort((a, b) => b.days - a.days);
};

const oneDecimal = (value: number): string => (Math.round(value * 10) / 10).toString();

/** The days above the target, with a second decimal where one would read as the target itself (10.04 against 10). */
const daysAbove = (actual: number, target: number): string =>
	oneDecimal(actual) === oneDecimal(target) ? actual.toFixed(2) : oneDecimal(actual);

/**
 * A stage whose time rose above its target (its days_in_stage KPI above the target: near or
 * missed): how long deals sat there against the target, with the deals whose visit ended in P
 * and took longer, then the open deals there longer than the target now (their entry logged),
 * each longest first: what to look at.
 */
export const stageAlerts = (
	dataset: AnalysisData,
	period: Period,
	assessed: Partial<Record<KpiId, Assessed>>,
	now: number,
): Alert[] => {
	const alerts: Alert[] = [];
	for (const [id, kpi] of Object.entries(assessed) as Array<[KpiId, Assessed]>) {
		const stage = stageOfKpi(id);
		if (!stage || kpi.actual === null || kpi.actual <= kpi.target) continue;
		const target = kpi.target;
		const [slow, open] = memoOf(
			dataset.opportunities,
			`slow-${stage}`,
			() => [slowVisits(dataset, stage, period, target), stuckOpen(dataset, stage, now, target)],
			`${dataset.changes.length}:${period.key}:${target}:${now}`,
		);
		const ids = [...new Set([...slow!, ...open!].map((deal) => deal.id))];
		const days = daysAbove(kpi.actual, target);
		alerts.push(
			saidAlert(
				{
					kind: 'kpi',
					records: ids.map((deal) => ({entity: 'opportunities', id: deal})),
					severity: kpi.status === 'missed' ? 'bad' : 'warn',
				},
				{
					rule: (options) => t('assess.alert.stageRule', options),
					message: (options) =>
						t('assess.alert.stage', {
							...options,
							days,
							stage,
							target: oneDecimal(target),
							visits: t('assess.alert.stageVisits', {...options, count: slow!.length}),
							open: t('assess.alert.stageOpen', {...options, count: open!.length}),
						}),
				},
			),
		);
	}
	return alerts;
};

/** Whether the generic "missed its target" alert stands for this KPI (a stage's time has its own). */
export const hasOwnAlert = (id: KpiId): boolean => stageOfKpi(id) !== undefined;
