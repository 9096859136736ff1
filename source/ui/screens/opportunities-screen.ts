import type {Opportunity} from '../../domain/opportunity.js';
import {
	formatDate,
	formatDuration,
	formatList,
	formatMoney,
	formatPercent,
	formatRelative,
	orDash,
	plural,
} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import {amountInBase, moneyColumn, moneyWithBase, sortInBase} from './money-cells.js';
import {customerColumn, entityScreen, field, item, section, text} from './screen-definition.js';

/** An open deal past its expected close date: the list marks it, the detail says so. */
const isOverdue = (deal: Opportunity, now: number): boolean =>
	deal.closedAt === null && deal.expectedCloseAt !== null && Date.parse(deal.expectedCloseAt) < now;

const stageTone = (deal: Opportunity) => (deal.stage === 'won' ? 'ok' : deal.stage === 'lost' ? 'muted' : 'text');

export const opportunitiesScreen = entityScreen<'opportunities'>({
	entity: 'opportunities',
	title: 'Opportunities',
	defaultSort: {column: 'created', descending: true},
	mine: {column: 'owner'},
	columns: [
		{
			id: 'title',
			title: 'Title',
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
			title: 'Stage',
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
			title: 'Amount',
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
			title: 'Prob',
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
			title: 'Owner',
			letter: 'O',
			min: 10,
			max: 18,
			priority: 4,
			cell: (d) => d.owner,
			sortValue: (d) => d.owner.toLowerCase(),
		},
		{
			id: 'created',
			title: 'Created',
			letter: 'D',
			min: 10,
			max: 10,
			priority: 5,
			cell: (d) => formatDate(d.createdAt),
			sortValue: (d) => d.createdAt,
		},
		{
			id: 'close',
			title: 'Close',
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
			field('Title', d.title),
			field('Customer', customerLabel(related, d.customerId)),
			field('Product', orDash(d.product)),
			field('Stage', d.stage, stageTone(d)),
			field('Amount', moneyWithBase(d.amount, d.currency, context)),
			field(
				'Campaign',
				campaignId ? `${campaign?.name ?? `missing ${campaignId}`}${d.campaignId ? '' : ' (the customer’s)'}` : '—',
			),
			field(
				'Probability',
				`${formatPercent(d.probability)} (weighted ${formatMoney(d.amount * d.probability, d.currency)})`,
			),
			field('Owner', orDash(d.owner)),
			field('Created', `${formatDate(d.createdAt)} (${formatRelative(d.createdAt, now)})`),
			d.closedAt
				? field(
						'Closed',
						`${formatDate(d.closedAt)} after ${plural(Math.round((Date.parse(d.closedAt) - Date.parse(d.createdAt)) / 86_400_000), 'day')}`,
					)
				: field(
						'Expected close',
						isOverdue(d, now)
							? `${formatDate(d.expectedCloseAt)} — overdue by ${formatDuration(now - Date.parse(d.expectedCloseAt!))}`
							: formatDate(d.expectedCloseAt),
						isOverdue(d, now) ? 'bad' : undefined,
					),
		];
		if (d.stage === 'lost') lines.push(field('Lost because', orDash(d.lostReason), 'warn'));
		lines.push(
			field('Tags', formatList(d.tags)),
			field('Updated', `${formatDate(d.updatedAt)} · version ${d.version}`),
			field('Id', d.externalId ? `${d.id} (external ${d.externalId})` : d.id, 'muted'),
		);
		const orders = context.dataset.orders.filter((order) => order.opportunityId === d.id);
		if (orders.length > 0) {
			lines.push(section('Orders'));
			for (const order of orders)
				lines.push(item(`${order.number}  ${order.status.padEnd(9)} ${formatMoney(order.amount, order.currency)}`));
		}
		if (d.notes) lines.push(section('Notes'), text(d.notes));
		return lines;
	},
});
