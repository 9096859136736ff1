import {isBooked, type Order, type OrderLine} from '../../domain/order.js';
import {formatDate, formatList, formatMoney, formatPercent, formatRelative, orDash} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {amountInBase, moneyColumn, moneyWithBase, sortInBase} from './money-cells.js';
import {customerColumn, entityScreen, field, item, section, text} from './screen-definition.js';

const statusRank = {draft: 0, confirmed: 1, fulfilled: 2, paid: 3, cancelled: 4} as const;

const statusTone = (order: Order): Tone =>
	order.status === 'paid'
		? 'ok'
		: order.status === 'cancelled'
			? 'muted'
			: order.status === 'draft'
				? 'warn'
				: 'accent';

/** `3 × Seat licence @ 1,200 −10% = 3,240`: one line as it reads on an invoice. */
export const lineText = (line: OrderLine, currency: string): string => {
	const total = line.quantity * line.unitPrice * (1 - line.discount);
	const discount = line.discount > 0 ? ` −${formatPercent(line.discount)}` : '';
	return `${line.quantity} × ${line.product} @ ${formatMoney(line.unitPrice, currency)}${discount} = ${formatMoney(total, currency)}`;
};

export const ordersScreen = entityScreen<'orders'>({
	entity: 'orders',
	title: 'Orders',
	defaultSort: {column: 'ordered', descending: true},
	mine: {column: 'owner'},
	columns: [
		{
			id: 'number',
			title: 'Number',
			letter: 'N',
			min: 12,
			max: 14,
			priority: 1,
			cell: (o) => o.number,
			sortValue: (o) => o.number,
		},
		customerColumn(2),
		{
			id: 'status',
			title: 'Status',
			letter: 'S',
			min: 9,
			max: 9,
			priority: 1,
			cell: (o) => o.status,
			sortValue: (o) => statusRank[o.status],
			tone: statusTone,
		},
		{
			id: 'amount',
			title: 'Amount',
			letter: 'A',
			min: 10,
			max: 14,
			priority: 1,
			...moneyColumn<Order>(
				(o) => o.amount,
				(o) => o.currency,
			),
			sortValue: (o, context) => sortInBase(o.amount, o.currency, context),
			sum: (o, context) => amountInBase(o.amount, o.currency, context),
		},
		{
			id: 'ordered',
			title: 'Ordered',
			letter: 'D',
			min: 10,
			max: 10,
			priority: 3,
			cell: (o) => formatDate(o.orderedAt),
			sortValue: (o) => o.orderedAt,
		},
		{
			id: 'paid',
			title: 'Paid',
			letter: 'P',
			min: 10,
			max: 10,
			priority: 5,
			cell: (o) => (o.paidAt ? formatDate(o.paidAt) : ''),
			sortValue: (o) => o.paidAt ?? '',
		},
		{
			id: 'lines',
			title: 'Lines',
			letter: 'L',
			min: 5,
			max: 5,
			priority: 7,
			align: 'right',
			cell: (o) => String(o.lines.length),
			sortValue: (o) => o.lines.length,
		},
		{
			id: 'owner',
			title: 'Owner',
			letter: 'O',
			min: 10,
			max: 16,
			priority: 6,
			cell: (o) => o.owner,
			sortValue: (o) => o.owner.toLowerCase(),
		},
	],
	searchText: (o) => `${o.lines.map((line) => line.product).join(' ')} ${o.tags.join(' ')}`,
	heading: (o, {related}) => `${o.number} · ${customerLabel(related, o.customerId)}`,
	detail: (o, context) => {
		const {related, now} = context;
		const deal = o.opportunityId ? related.byId.opportunities.get(o.opportunityId) : undefined;
		const lines = [
			field('Number', o.number),
			field('Customer', customerLabel(related, o.customerId)),
			field(
				'Deal',
				o.opportunityId
					? deal
						? `${(deal as {title: string}).title} (${(deal as {stage: string}).stage})`
						: `missing ${o.opportunityId}`
					: '—',
			),
			field('Status', `${o.status}${isBooked(o) ? '' : ' (not booked)'}`, statusTone(o)),
			field('Amount', moneyWithBase(o.amount, o.currency, context)),
			field('Ordered', `${formatDate(o.orderedAt)} (${formatRelative(o.orderedAt, now)})`),
			field('Paid', o.paidAt ? formatDate(o.paidAt) : '—'),
			field('Owner', orDash(o.owner)),
			field('Tags', formatList(o.tags)),
			field('Updated', `${formatDate(o.updatedAt)} · version ${o.version}`),
			field('Id', o.externalId ? `${o.id} (external ${o.externalId})` : o.id, 'muted'),
			section(`Lines (${o.lines.length})`),
		];
		if (o.lines.length === 0) lines.push(text('No lines yet: e edits the order and adds them.', 'muted'));
		for (const line of o.lines) lines.push(item(lineText(line, o.currency)));
		if (o.notes) lines.push(section('Notes'), text(o.notes));
		return lines;
	},
});
