import {isBooked, type Order, type OrderLine} from '../../domain/order.js';
import {t} from '../../i18n/i18n.js';
import {formatDate, formatList, formatMoney, formatPercent, orDash} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {amountInBase, moneyColumn, moneyWithBase, sortInBase} from './money-cells.js';
import {customerColumn, entityScreen, field, idField, item, section, text, whenField} from './screen-definition.js';

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
	get title() {
		return t('screens.orders');
	},
	defaultSort: {column: 'ordered', descending: true},
	mine: {column: 'owner'},
	columns: [
		{
			id: 'number',
			get title() {
				return t('lists.columns.orders.number');
			},
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
			get title() {
				return t('lists.columns.orders.status');
			},
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
			get title() {
				return t('lists.columns.orders.amount');
			},
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
			get title() {
				return t('lists.columns.orders.ordered');
			},
			letter: 'D',
			min: 10,
			max: 10,
			priority: 3,
			cell: (o) => formatDate(o.orderedAt),
			sortValue: (o) => o.orderedAt,
		},
		{
			id: 'paid',
			get title() {
				return t('lists.columns.orders.paid');
			},
			letter: 'P',
			min: 10,
			max: 10,
			priority: 5,
			cell: (o) => (o.paidAt ? formatDate(o.paidAt) : ''),
			sortValue: (o) => o.paidAt ?? '',
		},
		{
			id: 'lines',
			get title() {
				return t('lists.columns.orders.lines');
			},
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
			get title() {
				return t('lists.columns.orders.owner');
			},
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
			field(t('lists.field.number'), o.number),
			field(t('lists.field.customer'), customerLabel(related, o.customerId)),
			field(
				t('lists.field.deal'),
				o.opportunityId
					? deal
						? `${(deal as {title: string}).title} (${(deal as {stage: string}).stage})`
						: t('lists.detail.missing', {id: o.opportunityId})
					: '—',
			),
			field(
				t('lists.field.status'),
				isBooked(o) ? o.status : t('lists.detail.notBooked', {status: o.status}),
				statusTone(o),
			),
			field(t('lists.field.amount'), moneyWithBase(o.amount, o.currency, context)),
			whenField(t('lists.field.ordered'), o.orderedAt, now),
			field(t('lists.field.paid'), o.paidAt ? formatDate(o.paidAt) : '—'),
			field(t('lists.field.owner'), orDash(o.owner)),
			field(t('lists.field.tags'), formatList(o.tags)),
			field(t('lists.field.updated'), t('lists.detail.version', {date: formatDate(o.updatedAt), version: o.version})),
			idField(o.id, o.externalId),
			section(t('lists.section.lines', {n: o.lines.length})),
		];
		if (o.lines.length === 0) lines.push(text(t('lists.detail.noLines'), 'muted'));
		for (const line of o.lines) lines.push(item(lineText(line, o.currency)));
		if (o.notes) lines.push(section(t('lists.section.notes')), text(o.notes));
		return lines;
	},
});
