import type {Activity} from '../../domain/activity.js';
import type {Campaign} from '../../domain/campaign.js';
import type {Customer} from '../../domain/customer.js';
import type {Feedback} from '../../domain/feedback.js';
import {sumInBase} from '../../domain/money.js';
import type {Opportunity} from '../../domain/opportunity.js';
import type {Ticket} from '../../domain/ticket.js';
import {t} from '../../i18n/i18n.js';
import {formatDate, formatList, formatMoney, orDash} from '../format/values.js';
import {
	customerValuesIn,
	customerValuesWaiting,
	prepareCustomerValues,
	rfmColumn,
	valueColumn,
	valueLine,
} from './customer-value-columns.js';
import {
	type DetailLine,
	entityScreen,
	field,
	idField,
	item,
	ratesIn,
	section,
	text,
	type ViewContext,
	whenField,
} from './screen-definition.js';

const statusTone = (customer: Customer) =>
	customer.status === 'churned' ? 'bad' : customer.status === 'lead' ? 'accent' : 'ok';

/** The campaign that brought the customer in, by name. */
const campaignName = (campaignId: string | undefined, context: ViewContext): string => {
	if (!campaignId) return '—';
	const campaign = context.related.byId.campaigns.get(campaignId) as Campaign | undefined;
	return campaign ? `${campaign.name} (${campaign.channel})` : t('lists.detail.missing', {id: campaignId});
};

/** The campaigns whose audience the customer is in (none: no line), by name; not the one that acquired them. */
const audiencesOf = (customerId: string, context: ViewContext) => {
	const members = context.related.audiencesByCustomer.get(customerId) ?? [];
	if (members.length === 0) return [];
	const names = members.map(
		(member) =>
			(context.related.byId.campaigns.get(member.campaignId) as Campaign | undefined)?.name ??
			t('lists.detail.missing', {id: member.campaignId}),
	);
	return [field(t('lists.field.audiences'), names.join(', '))];
};

/** Won deals' total in the base currency, saying how many had no rate (KPI.md *Money*: never summed as if they had). */
const wonInBase = (won: readonly Opportunity[], context: ViewContext): string => {
	const rates = ratesIn(context);
	const sum = sumInBase(
		rates,
		won,
		(deal) => deal.amount,
		(deal) => deal.currency,
	);
	const total = formatMoney(sum.total, rates.base);
	return sum.unpriced > 0
		? t('lists.detail.wonUnpriced', {total, n: sum.unpriced, currencies: [...sum.unpricedCurrencies].join(', ')})
		: total;
};

/** The customer's orders, newest first. */
const ordersOf = (customerId: string, context: ViewContext): DetailLine[] => {
	const orders = context.dataset.orders
		.filter((order) => order.customerId === customerId)
		.sort((a, b) => b.orderedAt.localeCompare(a.orderedAt));
	if (orders.length === 0) return [];
	return [
		section(t('lists.section.ordersCount', {n: orders.length})),
		...orders.map((order) =>
			item(
				`${formatDate(order.orderedAt)}  ${order.number.padEnd(13)} ${order.status.padEnd(9)} ${formatMoney(order.amount, order.currency).padStart(14)}`,
				order.status === 'cancelled' ? 'muted' : order.status === 'paid' ? 'ok' : undefined,
			),
		),
	];
};

/** A timeline entry; a follow-up says when it is due and whether it is done. */
const timelineItem = (activity: Activity, now: number): DetailLine => {
	if (activity.kind !== 'follow_up')
		return item(`${formatDate(activity.at)}  ${activity.kind.padEnd(7)} ${activity.text}  — ${activity.operator}`);
	const overdue = !activity.doneAt && Date.parse(activity.dueAt ?? '') < now;
	const state = activity.doneAt
		? t('lists.detail.doneOn', {date: formatDate(activity.doneAt)})
		: overdue
			? t('lists.detail.overdue')
			: t('lists.detail.toDo');
	return item(
		t('lists.detail.followUpItem', {
			due: formatDate(activity.dueAt ?? activity.at),
			state,
			text: activity.text,
			operator: activity.operator,
		}),
		overdue ? 'bad' : activity.doneAt ? 'muted' : 'warn',
	);
};

/** The detail's summary: how many deals, tickets and feedback the customer has, and how they stand. */
const summaryOf = (
	deals: readonly Opportunity[],
	tickets: readonly Ticket[],
	feedback: readonly Feedback[],
	context: ViewContext,
): DetailLine[] => {
	const won = deals.filter((deal) => deal.stage === 'won');
	const open = deals.filter((deal) => deal.closedAt === null);
	const openTickets = tickets.filter((ticket) => ticket.status === 'open' || ticket.status === 'pending');
	const ratings = feedback.map((entry) => entry.rating);
	return [
		section(t('lists.section.summary')),
		field(
			t('lists.field.opportunities'),
			t('lists.detail.dealsSummary', {
				total: deals.length,
				open: open.length,
				won: won.length,
				amount: wonInBase(won, context),
			}),
		),
		field(
			t('lists.field.tickets'),
			t('lists.detail.ticketsSummary', {total: tickets.length, open: openTickets.length}),
			openTickets.some((ticket) => ticket.priority === 'urgent') ? 'bad' : undefined,
		),
		field(
			t('lists.field.feedback'),
			ratings.length > 0
				? t('lists.detail.feedbackSummary', {
						total: ratings.length,
						average: (ratings.reduce((a, b) => a + b, 0) / ratings.length).toFixed(1),
					})
				: t('lists.detail.noneYet'),
		),
	];
};

export const customersScreen = entityScreen<'customers'>({
	entity: 'customers',
	get title() {
		return t('screens.customers');
	},
	defaultSort: {column: 'name', descending: false},
	mine: {column: 'owner'},
	columns: [
		{
			id: 'name',
			get title() {
				return t('lists.columns.customers.name');
			},
			letter: 'N',
			min: 12,
			max: 32,
			priority: 1,
			cell: (c) => c.name,
			sortValue: (c) => c.name.toLowerCase(),
		},
		{
			id: 'company',
			get title() {
				return t('lists.columns.customers.company');
			},
			letter: 'C',
			min: 12,
			max: 40,
			priority: 2,
			cell: (c) => c.company,
			sortValue: (c) => c.company.toLowerCase(),
		},
		{
			id: 'status',
			get title() {
				return t('lists.columns.customers.status');
			},
			letter: 'S',
			min: 7,
			max: 8,
			priority: 1,
			cell: (c) => c.status,
			sortValue: (c) => c.status,
			tone: statusTone,
		},
		{
			id: 'segment',
			get title() {
				return t('lists.columns.customers.segment');
			},
			letter: 'E',
			min: 10,
			max: 10,
			priority: 7,
			cell: (c) => c.segment,
			sortValue: (c) => c.segment,
		},
		// Beside the customer's own segment, the RFM one. By priority after the columns an operator
		// reads a customer by: at 80 columns Value fits, RFM from about 86.
		valueColumn(5),
		rfmColumn(6),
		{
			id: 'owner',
			get title() {
				return t('lists.columns.customers.owner');
			},
			letter: 'O',
			min: 12,
			max: 18,
			priority: 4,
			cell: (c) => c.owner,
			sortValue: (c) => c.owner.toLowerCase(),
		},
		{
			id: 'email',
			get title() {
				return t('lists.columns.customers.email');
			},
			letter: 'M',
			min: 14,
			max: 44,
			priority: 3,
			cell: (c) => c.email,
			sortValue: (c) => c.email,
		},
		{
			id: 'phone',
			get title() {
				return t('lists.columns.customers.phone');
			},
			letter: 'P',
			min: 12,
			max: 17,
			priority: 9,
			cell: (c) => c.phone,
			sortValue: (c) => c.phone,
		},
		{
			id: 'created',
			get title() {
				return t('lists.columns.customers.since');
			},
			letter: 'D',
			min: 10,
			max: 10,
			priority: 8,
			cell: (c) => formatDate(c.createdAt),
			sortValue: (c) => c.createdAt,
		},
	],
	prepare: prepareCustomerValues,
	derivedRevision: (context) => customerValuesIn(context).byCustomer,
	drawsLater: customerValuesWaiting,
	searchText: (c) => c.tags.join(' '),
	heading: (c) => (c.company ? `${c.name} · ${c.company}` : c.name),
	detail: (c, context) => {
		const {related, now} = context;
		const deals = related.opportunitiesByCustomer.get(c.id) ?? [];
		const tickets = related.ticketsByCustomer.get(c.id) ?? [];
		const feedback = related.feedbackByCustomer.get(c.id) ?? [];
		const lines = [
			field(t('lists.field.name'), c.name),
			field(t('lists.field.company'), orDash(c.company)),
			field(
				t('lists.field.status'),
				c.churnedAt ? t('lists.detail.churnedOn', {date: formatDate(c.churnedAt)}) : c.status,
				statusTone(c),
			),
			field(t('lists.field.email'), orDash(c.email)),
			field(t('lists.field.phone'), orDash(c.phone)),
			field(t('lists.field.owner'), orDash(c.owner)),
			field(t('lists.field.segment'), orDash(c.segment)),
			valueLine(c, context),
			field(t('lists.field.campaign'), campaignName(c.campaignId, context)),
			...audiencesOf(c.id, context),
			field(t('lists.field.tags'), formatList(c.tags)),
			whenField(t('lists.field.customerSince'), c.createdAt, now),
			field(t('lists.field.updated'), t('lists.detail.version', {date: formatDate(c.updatedAt), version: c.version})),
			idField(c.id, c.externalId),
			...summaryOf(deals, tickets, feedback, context),
		];
		if (c.notes) lines.push(section(t('lists.section.notes')), text(c.notes));
		lines.push(...ordersOf(c.id, context));
		// The timeline: what was logged with the customer (a), newest first.
		const activities = [...(related.activitiesByCustomer.get(c.id) ?? [])].sort((a, b) => b.at.localeCompare(a.at));
		lines.push(section(t('lists.section.timeline', {n: activities.length})));
		if (activities.length === 0) lines.push(text(t('lists.detail.nothingLogged'), 'muted'));
		for (const activity of activities) lines.push(timelineItem(activity, now));
		if (deals.length > 0) {
			lines.push(section(t('lists.section.opportunities')));
			for (const deal of [...deals].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
				lines.push(
					item(
						`${formatDate(deal.createdAt)}  ${deal.stage.padEnd(13)} ${formatMoney(deal.amount, deal.currency).padStart(10)}  ${deal.title}`,
						deal.stage === 'won' ? 'ok' : deal.stage === 'lost' ? 'muted' : undefined,
					),
				);
			}
		}
		if (tickets.length > 0) {
			lines.push(section(t('lists.section.tickets')));
			for (const ticket of [...tickets].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
				lines.push(
					item(
						`${formatDate(ticket.createdAt)}  ${ticket.status.padEnd(9)} ${ticket.priority.padEnd(7)} ${ticket.subject}`,
						ticket.status === 'open' || ticket.status === 'pending' ? 'warn' : undefined,
					),
				);
			}
		}
		if (feedback.length > 0) {
			lines.push(section(t('lists.section.feedback')));
			for (const entry of [...feedback].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
				lines.push(
					item(
						t('lists.detail.ratingItem', {
							date: formatDate(entry.createdAt),
							rating: entry.rating,
							nps: entry.nps === null ? '      ' : `NPS ${String(entry.nps).padStart(2)}`,
							comment: entry.comment,
						}),
						entry.rating <= 2 ? 'bad' : undefined,
					),
				);
			}
		}
		return lines;
	},
});
