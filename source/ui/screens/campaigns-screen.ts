import {type CampaignStats, campaignStats} from '../../assessment/campaign-stats.js';
import type {Campaign} from '../../domain/campaign.js';
import {
	formatDate,
	formatList,
	formatMoney,
	formatMoneyCompact,
	formatPercent,
	orDash,
	plural,
} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {moneyColumn, moneyWithBase, sortInBase} from './money-cells.js';
import {
	type Column,
	entityScreen,
	field,
	item,
	ratesIn,
	section,
	settingsIn,
	text,
	type ViewContext,
} from './screen-definition.js';

const statsOf = (campaign: Campaign, context: ViewContext): CampaignStats | undefined =>
	campaignStats(context.dataset, settingsIn(context)).get(campaign.id);

const statusTone = (campaign: Campaign): Tone =>
	campaign.status === 'active' ? 'accent' : campaign.status === 'cancelled' ? 'muted' : 'text';

const roiTone = (stats: CampaignStats | undefined): Tone =>
	stats?.roi === null || stats?.roi === undefined ? 'muted' : stats.roi < 0 ? 'bad' : 'ok';

const statusRank = {planned: 1, active: 0, completed: 2, cancelled: 3} as const;

/** A figure of the campaign's funnel, `—` when KPI.md gives it no value. */
const figure = (value: number | null | undefined, show: (value: number) => string): string =>
	value === null || value === undefined ? '—' : show(value);

/** Sorts a figure that may be missing below every real value. */
const orLowest = (value: number | null | undefined): number => value ?? Number.NEGATIVE_INFINITY;

const baseMoney = (value: number, context: ViewContext) => formatMoney(value, ratesIn(context).base);
const baseMoneyShort = (value: number, context: ViewContext) => formatMoneyCompact(value, ratesIn(context).base);

/** A column of the campaign's funnel figures (KPI.md *Marketing*, over its whole life). */
const statColumn = (
	spec: Omit<Column<Campaign>, 'cell' | 'sortValue'>,
	value: (stats: CampaignStats) => number | null,
	show: (value: number, context: ViewContext) => string,
	short?: (value: number, context: ViewContext) => string,
): Column<Campaign> => ({
	align: 'right',
	...spec,
	cell: (c, context) => {
		const stats = statsOf(c, context);
		return figure(stats ? value(stats) : null, (v) => show(v, context));
	},
	narrow: short
		? (c, context) => {
				const stats = statsOf(c, context);
				return figure(stats ? value(stats) : null, (v) => short(v, context));
			}
		: undefined,
	sortValue: (c, context) => {
		const stats = statsOf(c, context);
		return orLowest(stats ? value(stats) : null);
	},
});

/**
 * The campaign's audience (`:audience` on the customers list): who it is sent to, as against whom it
 * acquired. The first 50 members in the order they were added, with when and why.
 */
const audienceLines = (campaign: Campaign, context: ViewContext) => {
	const members = context.related.audiencesByCampaign.get(campaign.id) ?? [];
	if (members.length === 0) return [];
	const lines = [section(`Audience (${members.length})`)];
	for (const member of members.slice(0, 50))
		lines.push(
			item(
				`${formatDate(member.createdAt)}  ${customerLabel(context.related, member.customerId)}${member.source ? `  · ${member.source}` : ''}`,
			),
		);
	if (members.length > 50) lines.push(text(`and ${members.length - 50} more`, 'muted'));
	return lines;
};

export const campaignsScreen = entityScreen<'campaigns'>({
	entity: 'campaigns',
	title: 'Campaigns',
	defaultSort: {column: 'start', descending: true},
	columns: [
		{
			id: 'name',
			title: 'Name',
			letter: 'N',
			min: 14,
			max: 40,
			priority: 1,
			cell: (c) => c.name,
			sortValue: (c) => c.name.toLowerCase(),
		},
		{
			id: 'channel',
			title: 'Channel',
			letter: 'H',
			min: 8,
			max: 8,
			priority: 4,
			cell: (c) => c.channel,
			sortValue: (c) => c.channel,
		},
		{
			id: 'status',
			title: 'Status',
			letter: 'S',
			min: 9,
			max: 9,
			priority: 2,
			cell: (c) => c.status,
			sortValue: (c) => statusRank[c.status],
			tone: statusTone,
		},
		{
			id: 'start',
			title: 'Start',
			letter: 'D',
			min: 10,
			max: 10,
			priority: 5,
			cell: (c) => formatDate(c.startAt),
			sortValue: (c) => c.startAt,
		},
		statColumn({id: 'leads', title: 'Leads', letter: 'L', min: 5, max: 6, priority: 3}, (s) => s.leads, String),
		statColumn({id: 'won', title: 'Won', letter: 'W', min: 4, max: 5, priority: 6}, (s) => s.won, String),
		statColumn(
			{id: 'revenue', title: 'Revenue', letter: 'R', min: 9, max: 13, priority: 3},
			(s) => s.revenue,
			baseMoney,
			baseMoneyShort,
		),
		{
			id: 'cost',
			title: 'Cost',
			letter: 'C',
			min: 9,
			max: 13,
			priority: 4,
			...moneyColumn<Campaign>(
				(c) => c.cost,
				(c) => c.currency,
			),
			sortValue: (c, context) => sortInBase(c.cost, c.currency, context),
		},
		statColumn(
			{id: 'cpl', title: 'Per lead', letter: 'P', min: 9, max: 11, priority: 7},
			(s) => s.costPerLead,
			baseMoney,
			baseMoneyShort,
		),
		statColumn(
			{id: 'conversion', title: 'Conv', letter: 'V', min: 5, max: 5, priority: 6},
			(s) => s.conversion,
			formatPercent,
		),
		{
			...statColumn({id: 'roi', title: 'ROI', letter: 'I', min: 6, max: 7, priority: 3}, (s) => s.roi, formatPercent),
			tone: (c, context) => roiTone(statsOf(c, context)),
		},
	],
	searchText: (c) => `${c.segment} ${c.owner} ${c.tags.join(' ')}`,
	heading: (c) => c.name,
	detail: (c, context) => {
		const stats = statsOf(c, context);
		const {related} = context;
		const lines = [
			field('Name', c.name),
			field('Channel', c.channel),
			field('Status', c.status, statusTone(c)),
			field('Runs', `${formatDate(c.startAt)} to ${c.endAt ? formatDate(c.endAt) : 'open-ended'}`),
			field('Budget', moneyWithBase(c.budget, c.currency, context)),
			field('Cost', moneyWithBase(c.cost, c.currency, context), c.budget > 0 && c.cost > c.budget ? 'warn' : undefined),
			field('Aimed at', orDash(c.segment)),
			field('Audience', plural(related.audiencesByCampaign.get(c.id)?.length ?? 0, 'customer')),
			field('Owner', orDash(c.owner)),
			field('Tags', formatList(c.tags)),
			field('Updated', `${formatDate(c.updatedAt)} · version ${c.version}`),
			field('Id', c.externalId ? `${c.id} (external ${c.externalId})` : c.id, 'muted'),
			section('Funnel: leads → deals → won'),
		];
		if (stats) {
			const money = (value: number | null) => figure(value, (v) => baseMoney(v, context));
			lines.push(
				field(
					'Leads',
					`${plural(stats.leads, 'customer')} acquired → ${plural(stats.opportunities, 'deal')} → ${stats.won} won`,
				),
				field('Revenue', money(stats.revenue)),
				field('Cost', stats.cost === null ? `— (${c.currency} has no rate)` : money(stats.cost)),
				field('Cost per lead', money(stats.costPerLead)),
				field('Conversion', figure(stats.conversion, formatPercent)),
				field('ROI', figure(stats.roi, formatPercent), roiTone(stats)),
			);
			if (stats.unpriced > 0)
				lines.push(text(`${plural(stats.unpriced, 'record')} left out of money for want of a rate.`, 'warn'));
		}
		lines.push(...audienceLines(c, context));
		const customers = context.dataset.customers.filter((customer) => customer.campaignId === c.id);
		if (customers.length > 0) {
			lines.push(section(`Customers acquired (${customers.length})`));
			for (const customer of customers.slice(0, 50))
				lines.push(item(`${formatDate(customer.createdAt)}  ${customer.status.padEnd(8)} ${customer.name}`));
			if (customers.length > 50) lines.push(text(`and ${customers.length - 50} more`, 'muted'));
		}
		const deals = context.dataset.opportunities.filter(
			(deal) => (deal.campaignId || related.customersById.get(deal.customerId)?.campaignId) === c.id,
		);
		if (deals.length > 0) {
			lines.push(section(`Deals (${deals.length})`));
			for (const deal of deals.slice(0, 50))
				lines.push(
					item(
						`${formatDate(deal.createdAt)}  ${deal.stage.padEnd(13)} ${formatMoney(deal.amount, deal.currency).padStart(12)}  ${deal.title}`,
						deal.stage === 'won' ? 'ok' : deal.stage === 'lost' ? 'muted' : undefined,
					),
				);
			if (deals.length > 50) lines.push(text(`and ${deals.length - 50} more`, 'muted'));
		}
		if (c.notes) lines.push(section('Notes'), text(c.notes));
		return lines;
	},
});
