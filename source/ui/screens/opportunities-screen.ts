import type {Opportunity} from '../../domain/opportunity.js';
import {t} from '../../i18n/i18n.js';
import {formatDate, formatDuration, formatList, formatMoney, formatPercent, orDash} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import {amountInBase, moneyColumn, moneyWithBase, sortInBase} from './money-cells.js';
import {customerColumn, entityScreen, field, idField, item, section, text, whenField} from './screen-definition.js';

/** An open deal past its expected close date: the list marks it, the detail says so. */
const isOverdue = (deal: Opportunity, now: number): boolean =>
	deal.closedAt === null && deal.expectedCloseAt !== null && Date.parse(deal.expectedCloseAt) < now;

/** The deal's campaign by name; its customer's when it has none of its own. */
const campaignOf = (name: string, own: string | undefined): string =>
	own ? name : t('lists.detail.customersCampaign', {name});

const stageTone = (deal: Opportunity) => (deal.stage === 'won' ? 'ok' : deal.stage === 'lost' ? 'muted' : 'text');

export const opportunitiesScreen = entityScreen<'opportunities'>({
	entity: 'opportunities',
	get title() {
		return t('screens.opportunities');
	},
	defaultSort: {column: 'created', descending: true},
	mine: {column: 'owner'},
	columns: [
		{
			id: 'title',
			get title() {
				return t('lists.columns.opportunities.title');
			},
			letter: 'T',
			min: 14,
			max: 60,
			priority: 1,
			cell: (d) => d.title,
			sortValue: (d) => d.title.toLowerCase(),
		},
		customerColumn(2),
		{
			id: 'stage',
			get title() {
				return t('lists.columns.opportunities.stage');
			},
			letter: 'S',
			min: 13,
			max: 13,
			priority: 1,
			cell: (d) => d.stage,
			sortValue: (d) => d.stage,
			tone: stageTone,
		},
		{
			id: 'amount',
			get title() {
				return t('lists.columns.opportunities.amount');
			},
			letter: 'A',
			min: 10,
			max: 12,
			priority: 1,
			...moneyColumn<Opportunity>(
				(d) => d.amount,
				(d) => d.currency,
			),
			sortValue: (d, context) => sortInBase(d.amount, d.currency, context),
			sum: (d, context) => amountInBase(d.amount, d.currency, context),
		},
		{
			id: 'probability',
			get title() {
				return t('lists.columns.opportunities.probability');
			},
			letter: 'P',
			min: 5,
			max: 5,
			priority: 5,
			align: 'right',
			cell: (d) => formatPercent(d.probability),
			sortValue: (d) => d.probability,
		},
		{
			id: 'owner',
			get title() {
				return t('lists.columns.opportunities.owner');
			},
			letter: 'O',
			min: 10,
			max: 18,
			priority: 4,
			cell: (d) => d.owner,
			sortValue: (d) => d.owner.toLowerCase(),
		},
		{
			id: 'created',
			get title() {
				return t('lists.columns.opportunities.created');
			},
			letter: 'D',
			min: 10,
			max: 10,
			priority: 5,
			cell: (d) => formatDate(d.createdAt),
			sortValue: (d) => d.createdAt,
		},
		{
			id: 'close',
			get title() {
				return t('lists.columns.opportunities.close');
			},
			letter: 'X',
			min: 10,
			max: 10,
			priority: 3,
			cell: (d) => formatDate(d.closedAt ?? d.expectedCloseAt),
			sortValue: (d) => d.closedAt ?? d.expectedCloseAt ?? '',
			tone: (d, {now}) => (isOverdue(d, now) ? 'bad' : d.closedAt ? 'muted' : 'text'),
		},
	],
	searchText: (d) => `${d.product} ${d.lostReason} ${d.tags.join(' ')}`,
	heading: (d) => d.title,
	detail: (d, context) => {
		const {related, now} = context;
		const campaignId = d.campaignId || related.customersById.get(d.customerId)?.campaignId;
		const campaign = campaignId ? (related.byId.campaigns.get(campaignId) as {name: string} | undefined) : undefined;
		const lines = [
			field(t('lists.field.title'), d.title),
			field(t('lists.field.customer'), customerLabel(related, d.customerId)),
			field(t('lists.field.product'), orDash(d.product)),
			field(t('lists.field.stage'), d.stage, stageTone(d)),
			field(t('lists.field.amount'), moneyWithBase(d.amount, d.currency, context)),
			field(
				t('lists.field.campaign'),
				campaignId ? campaignOf(campaign?.name ?? t('lists.detail.missing', {id: campaignId}), d.campaignId) : '—',
			),
			field(
				t('lists.field.probability'),
				t('lists.detail.weighted', {
					percent: formatPercent(d.probability),
					amount: formatMoney(d.amount * d.probability, d.currency),
				}),
			),
			field(t('lists.field.owner'), orDash(d.owner)),
			whenField(t('lists.field.created'), d.createdAt, now),
			d.closedAt
				? field(
						t('lists.field.closed'),
						t('lists.detail.closedAfter', {
							date: formatDate(d.closedAt),
							count: Math.round((Date.parse(d.closedAt) - Date.parse(d.createdAt)) / 86_400_000),
						}),
					)
				: field(
						t('lists.field.expectedClose'),
						isOverdue(d, now)
							? t('lists.detail.overdueBy', {
									date: formatDate(d.expectedCloseAt),
									duration: formatDuration(now - Date.parse(d.expectedCloseAt!)),
								})
							: formatDate(d.expectedCloseAt),
						isOverdue(d, now) ? 'bad' : undefined,
					),
		];
		if (d.stage === 'lost') lines.push(field(t('lists.field.lostBecause'), orDash(d.lostReason), 'warn'));
		lines.push(
			field(t('lists.field.tags'), formatList(d.tags)),
			field(t('lists.field.updated'), t('lists.detail.version', {date: formatDate(d.updatedAt), version: d.version})),
			idField(d.id, d.externalId),
		);
		const orders = context.dataset.orders.filter((order) => order.opportunityId === d.id);
		if (orders.length > 0) {
			lines.push(section(t('lists.section.orders')));
			for (const order of orders)
				lines.push(item(`${order.number}  ${order.status.padEnd(9)} ${formatMoney(order.amount, order.currency)}`));
		}
		if (d.notes) lines.push(section(t('lists.section.notes')), text(d.notes));
		return lines;
	},
});
