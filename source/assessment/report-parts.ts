import type {Campaign} from '../domain/campaign.js';
import {escapeControls} from '../domain/control-characters.js';
import type {Dataset} from '../domain/dataset.js';
import {requirementStatusName} from '../domain/requirements.js';
import type {Settings} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import {type CampaignStats, campaignStats} from './campaign-stats.js';
import type {Evaluation} from './evaluation.js';
import {formatMoney} from './format-kpi.js';
import type {AssessedRequirement} from './requirement-status.js';

/** One campaign in the report's campaign table: who it is, and its figures over its whole life (KPI.md *Marketing*). */
export type CampaignRow = Pick<Campaign, 'id' | 'name' | 'channel' | 'status' | 'startAt' | 'endAt' | 'currency'> &
	Omit<CampaignStats, 'campaignId'>;

/** Every campaign with its stats, the latest started first. */
export const campaignRows = (dataset: Dataset, settings: Settings): CampaignRow[] => {
	const stats = campaignStats(dataset, settings);
	return [...dataset.campaigns]
		.sort((a, b) => b.startAt.localeCompare(a.startAt) || a.name.localeCompare(b.name))
		.map((campaign) => {
			const {campaignId: _id, ...figures} = stats.get(campaign.id)!;
			const {id, name, channel, status, startAt, endAt, currency} = campaign;
			return {id, name, channel, status, startAt, endAt, currency, ...figures};
		});
};

const share = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** The report's campaign table: per campaign over its whole life, money in the base currency. */
export const campaignSection = (evaluation: Evaluation, rows: readonly CampaignRow[]): string[] => {
	const lines = ['', `## ${t('assess.report.campaigns')}`, ''];
	if (rows.length === 0) {
		lines.push(t('assess.report.noCampaigns'));
		return lines;
	}
	const money = (value: number | null) => (value === null ? '—' : formatMoney(value, evaluation.currency));
	lines.push(
		t('assess.report.campaignsIntro', {currency: evaluation.currency}),
		'',
		t('assess.report.campaignsHeader'),
		'|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
	);
	for (const row of rows) {
		const revenue =
			row.unpriced > 0
				? t('assess.report.withoutRate', {money: money(row.revenue), count: row.unpriced})
				: money(row.revenue);
		const cost = row.cost === null ? t('assess.report.noRateFor', {currency: row.currency}) : money(row.cost);
		lines.push(
			`| ${escapeControls(row.name, false)} | ${row.channel} | ${row.status} | ${row.startAt.slice(0, 10)} | ${row.leads} | ${row.opportunities} | ${row.won} | ${revenue} | ${cost} | ${money(row.costPerLead)} | ${share(row.conversion)} | ${share(row.roi)} |`,
		);
	}
	return lines;
};

/** A requirement's status in the report: the override said as one, with what the console derived. */
export const requirementStatusText = (requirement: AssessedRequirement): string =>
	requirement.overridden && requirement.derived !== null
		? t('assess.requirement.overridden', {
				status: requirementStatusName(requirement.status),
				derived: requirementStatusName(requirement.derived),
			})
		: requirementStatusName(requirement.status);
