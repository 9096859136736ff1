import type {Campaign} from '../domain/campaign.js';
import {escapeControls} from '../domain/control-characters.js';
import type {Dataset} from '../domain/dataset.js';
import type {Settings} from '../domain/settings.js';
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
	const lines = ['', '## Campaigns', ''];
	if (rows.length === 0) {
		lines.push('No campaigns yet.');
		return lines;
	}
	const money = (value: number | null) => (value === null ? '—' : formatMoney(value, evaluation.currency));
	lines.push(
		`Each campaign over its whole life; money in ${evaluation.currency}. ROI = (margin × revenue − cost) / cost.`,
		'',
		'| Campaign | Channel | Status | Start | Leads | Deals | Won | Revenue | Cost | Cost per lead | Conversion | ROI |',
		'|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
	);
	for (const row of rows) {
		const unpriced = row.unpriced > 0 ? ` (${row.unpriced} without a rate)` : '';
		lines.push(
			`| ${escapeControls(row.name, false)} | ${row.channel} | ${row.status} | ${row.startAt.slice(0, 10)} | ${row.leads} | ${row.opportunities} | ${row.won} | ${money(row.revenue)}${unpriced} | ${row.cost === null ? `— (no rate for ${row.currency})` : money(row.cost)} | ${money(row.costPerLead)} | ${share(row.conversion)} | ${share(row.roi)} |`,
		);
	}
	return lines;
};

/** A requirement's status in the report: the override said as one, with what the console derived. */
export const requirementStatusText = (requirement: AssessedRequirement): string =>
	requirement.overridden && requirement.derived !== null
		? `${requirement.status} (override; derived: ${requirement.derived})`
		: requirement.status;
