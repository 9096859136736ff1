import type {ChangeEntry} from '../domain/change-log.js';
import {type Opportunity, openStages} from '../domain/opportunity.js';
import {t} from '../i18n/i18n.js';
import type {KpiId} from './kpi-catalog.js';
import {isIn, type Period} from './periods.js';
import {funnelStages, reachOf, stageHistory, stageLogOf, visitsOf} from './stage-history.js';

/**
 * The deals behind the analysis KPIs (KPI.md *Analysis*), for the trend view's list: those created
 * in the period that reached the stage, and those whose visit to a stage ended in it, longest first.
 */

type Data = {opportunities: readonly Opportunity[]; changes: readonly ChangeEntry[]};
type Deals = {caption: string; entity: 'opportunities'; ids: string[]};

const reachedBehind =
	(index: number) =>
	(dataset: Data, period: Period): Deals => {
		const log = stageLogOf(dataset.changes);
		const ids = dataset.opportunities
			.filter((deal) => isIn(deal.createdAt, period) && reachOf(stageHistory(deal, log.get(deal.id))) > index)
			.map((deal) => deal.id);
		return {caption: t('assess.behind.reached', {stage: funnelStages[index]!}), entity: 'opportunities', ids};
	};

const visitsBehind =
	(stage: (typeof openStages)[number]) =>
	(dataset: Data, period: Period): Deals => {
		const log = stageLogOf(dataset.changes);
		const longest: Array<{id: string; days: number}> = [];
		for (const deal of dataset.opportunities) {
			const events = log.get(deal.id);
			// Without logged events a deal begins no visit (KPI.md): nothing to read.
			if (!events) continue;
			const days = visitsOf(stageHistory(deal, events))
				.filter((visit) => visit.stage === stage && isIn(visit.to, period))
				.map((visit) => visit.days);
			if (days.length > 0) longest.push({id: deal.id, days: Math.max(...days)});
		}
		return {
			caption: t('assess.behind.visits', {stage}),
			entity: 'opportunities',
			ids: longest.sort((a, b) => b.days - a.days).map((entry) => entry.id),
		};
	};

export const analysisBehind: Partial<Record<KpiId, (dataset: Data, period: Period) => Deals>> = Object.fromEntries([
	...funnelStages.map((stage, index) => [`funnel_${stage}`, reachedBehind(index)]),
	...openStages.map((stage) => [`days_in_stage_${stage}`, visitsBehind(stage)]),
]);
