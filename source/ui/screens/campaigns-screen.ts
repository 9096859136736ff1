import {type CampaignStats, campaignStats} from '../../assessment/campaign-stats.js';
import type {Campaign} from '../../domain/campaign.js';
import {t} from '../../i18n/i18n.js';
import {formatDate, formatList, formatMoney, formatMoneyCompact, formatPercent, orDash} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {moneyColumn, moneyWithBase, sortInBase} from './money-cells.js';
import {
	type Column,
	entityScreen,
	field,
	idField,
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

/**
 * A column of the campaign's funnel figures (KPI.md *Marketing*, over its whole life). Its title is
 * a function, read as a getter when a frame draws it (words in the language in force).
 */
const statColumn = (
	{title, ...spec}: Omit<Column<Campaign>, 'cell' | 'sortValue' | 'title'> & {title: () => string},
	value: (stats: CampaignStats) => number | null,
	show: (value: number, context: ViewContext) => string,
	short?: (value: number, context: ViewContext) => string,
): Column<Campaign> => ({
	align: 'right',
	...spec,
	get title() {
		return title();
	},
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
	const lines = [section(t('lists.section.audience', {n: members.length}))];
	for (const member of members.slice(0, 50))
		lines.push(
			item(
				`${formatDate(member.createdAt)}  ${customerLabel(context.related, member.customerId)}${member.source ? `  · ${member.source}` : ''}`,
			),
		);
	if (members.length > 50) lines.push(text(t('lists.detail.andMore', {n: members.length - 50}), 'muted'));
	return lines;
};

export const campaignsScreen = entityScreen<'campaigns'>({
	entity: 'campaigns',
	get title() {
		return t('screens.campaigns');
	},
	defaultSort: {column: 'start', descending: true},
	columns: [
		{
			id: 'name',
			get title() {
				return t('lists.columns.campaigns.name');
			},
			letter: 'N',
			min: 14,
			max: 40,
			priority: 1,
			cell: (c) => c.name,
			sortValue: (c) => c.name.toLowerCase(),
		},
		{
			id: 'channel',
			get title() {
				return t('lists.columns.campaigns.channel');
			},
			letter: 'H',
			min: 8,
			max: 8,
			priority: 4,
			cell: (c) => c.channel,
			sortValue: (c) => c.channel,
		},
		{
			id: 'status',
			get title() {
				return t('lists.columns.campaigns.status');
			},
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
			get title() {
				return t('lists.columns.campaigns.start');
			},
			letter: 'D',
			min: 10,
			max: 10,
			priority: 5,
			cell: (c) => formatDate(c.startAt),
			sortValue: (c) => c.startAt,
		},
		statColumn(
			{id: 'leads', title: () => t('lists.columns.campaigns.leads'), letter: 'L', min: 5, max: 6, priority: 3},
			(s) => s.leads,
			String,
		),
		statColumn(
			{id: 'won', title: () => t('lists.columns.campaigns.won'), letter: 'W', min: 4, max: 5, priority: 6},
			(s) => s.won,
			String,
		),
		statColumn(
			{id: 'revenue', title: () => t('lists.columns.campaigns.revenue'), letter: 'R', min: 9, max: 13, priority: 3},
			(s) => s.revenue,
			baseMoney,
			baseMoneyShort,
		),
		{
			id: 'cost',
			get title() {
				return t('lists.columns.campaigns.cost');
			},
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
			{id: 'cpl', title: () => t('lists.columns.campaigns.perLead'), letter: 'P', min: 9, max: 11, priority: 7},
			(s) => s.costPerLead,
			baseMoney,
			baseMoneyShort,
		),
		statColumn(
			{
				id: 'conversion',
				title: () => t('lists.columns.campaigns.conversion'),
				letter: 'V',
				min: 5,
				max: 5,
				priority: 6,
			},
			(s) => s.conversion,
			formatPercent,
		),
		statColumn(
			{
				id: 'roi',
				title: () => 'ROI',
				letter: 'I',
				min: 6,
				max: 7,
				priority: 3,
				tone: (c, context) => roiTone(statsOf(c, context)),
			},
			(s) => s.roi,
			formatPercent,
		),
	],
	searchText: (c) => `${c.segment} ${c.owner} ${c.tags.join(' ')}`,
	heading: (c) => c.name,
	detail: (c, context) => {
		const stats = statsOf(c, context);
		const {related} = context;
		const lines = [
			field(t('lists.field.name'), c.name),
			field(t('lists.field.channel'), c.channel),
			field(t('lists.field.status'), c.status, statusTone(c)),
			field(
				t('lists.field.runs'),
				t('lists.detail.runs', {
					start: formatDate(c.startAt),
					end: c.endAt ? formatDate(c.endAt) : t('lists.detail.openEnded'),
				}),
			),
			field(t('lists.field.budget'), moneyWithBase(c.budget, c.currency, context)),
			field(
				t('lists.field.cost'),
				moneyWithBase(c.cost, c.currency, context),
				c.budget > 0 && c.cost > c.budget ? 'warn' : undefined,
			),
			field(t('lists.field.aimedAt'), orDash(c.segment)),
			field(
				t('lists.field.audience'),
				t('lists.detail.customers', {count: related.audiencesByCampaign.get(c.id)?.length ?? 0}),
			),
			field(t('lists.field.owner'), orDash(c.owner)),
			field(t('lists.field.tags'), formatList(c.tags)),
			field(t('lists.field.updated'), t('lists.detail.version', {date: formatDate(c.updatedAt), version: c.version})),
			idField(c.id, c.externalId),
			section(t('lists.section.funnel')),
		];
		if (stats) {
			const money = (value: number | null) => figure(value, (v) => baseMoney(v, context));
			lines.push(
				field(
					t('lists.field.leads'),
					t('lists.detail.funnel', {
						customers: t('lists.detail.customers', {count: stats.leads}),
						deals: t('lists.detail.deals', {count: stats.opportunities}),
						won: stats.won,
					}),
				),
				field(t('lists.field.revenue'), money(stats.revenue)),
				field(
					t('lists.field.cost'),
					stats.cost === null ? t('lists.detail.noRate', {currency: c.currency}) : money(stats.cost),
				),
				field(t('lists.field.costPerLead'), money(stats.costPerLead)),
				field(t('lists.field.conversion'), figure(stats.conversion, formatPercent)),
				field('ROI', figure(stats.roi, formatPercent), roiTone(stats)),
			);
			if (stats.unpriced > 0) lines.push(text(t('lists.detail.unpriced', {count: stats.unpriced}), 'warn'));
		}
		lines.push(...audienceLines(c, context));
		const customers = context.dataset.customers.filter((customer) => customer.campaignId === c.id);
		if (customers.length > 0) {
			lines.push(section(t('lists.section.acquired', {n: customers.length})));
			for (const customer of customers.slice(0, 50))
				lines.push(item(`${formatDate(customer.createdAt)}  ${customer.status.padEnd(8)} ${customer.name}`));
			if (customers.length > 50) lines.push(text(t('lists.detail.andMore', {n: customers.length - 50}), 'muted'));
		}
		const deals = context.dataset.opportunities.filter(
			(deal) => (deal.campaignId || related.customersById.get(deal.customerId)?.campaignId) === c.id,
		);
		if (deals.length > 0) {
			lines.push(section(t('lists.section.deals', {n: deals.length})));
			for (const deal of deals.slice(0, 50))
				lines.push(
					item(
						`${formatDate(deal.createdAt)}  ${deal.stage.padEnd(13)} ${formatMoney(deal.amount, deal.currency).padStart(12)}  ${deal.title}`,
						deal.stage === 'won' ? 'ok' : deal.stage === 'lost' ? 'muted' : undefined,
					),
				);
			if (deals.length > 50) lines.push(text(t('lists.detail.andMore', {n: deals.length - 50}), 'muted'));
		}
		if (c.notes) lines.push(section(t('lists.section.notes')), text(c.notes));
		return lines;
	},
});
