import type {Activity} from '../../domain/activity.js';
import type {Campaign} from '../../domain/campaign.js';
import type {Customer} from '../../domain/customer.js';
import {sumInBase} from '../../domain/money.js';
import type {Opportunity} from '../../domain/opportunity.js';
import {formatDate, formatList, formatMoney, formatRelative, orDash} from '../format/values.js';
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
	item,
	ratesIn,
	section,
	text,
	type ViewContext,
} from './screen-definition.js';

const statusTone = (customer: Customer) =>
	customer.status === 'churned' ? 'bad' : customer.status === 'lead' ? 'accent' : 'ok';

/** The campaign that brought the customer in, by name. */
const campaignName = (campaignId: string | undefined, context: ViewContext): string => {
	if (!campaignId) return '—';
	const campaign = context.related.byId.campaigns.get(campaignId) as Campaign | undefined;
	return campaign ? `${campaign.name} (${campaign.channel})` : `missing ${campaignId}`;
};

/** The campaigns whose audience the customer is in (none: no line), by name; not the one that acquired them. */
const audiencesOf = (customerId: string, context: ViewContext) => {
	const members = context.related.audiencesByCustomer.get(customerId) ?? [];
	if (members.length === 0) return [];
	const names = members.map(
		(member) =>
			(context.related.byId.campaigns.get(member.campaignId) as Campaign | undefined)?.name ??
			`missing ${member.campaignId}`,
	);
	return [field('Audiences', names.join(', '))];
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
		? `${total}, and ${sum.unpriced} in ${[...sum.unpricedCurrencies].join(', ')} without a rate`
		: total;
};

/** The customer's orders, newest first. */
const ordersOf = (customerId: string, context: ViewContext): DetailLine[] => {
	const orders = context.dataset.orders
		.filter((order) => order.customerId === customerId)
		.sort((a, b) => b.orderedAt.localeCompare(a.orderedAt));
	if (orders.length === 0) return [];
	return [
		section(`Orders (${orders.length})`),
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
	const state = activity.doneAt ? `done ${formatDate(activity.doneAt)}` : overdue ? 'overdue' : 'to do';
	return item(
		`${formatDate(activity.dueAt ?? activity.at)}  follow-up (${state}) ${activity.text}  — ${activity.operator}`,
		overdue ? 'bad' : activity.doneAt ? 'muted' : 'warn',
	);
};

export const customersScreen = entityScreen<'customers'>({
	entity: 'customers',
	title: 'Customers',
	defaultSort: {column: 'name', descending: false},
	mine: {column: 'owner'},
	columns: [
		{
			id: 'name',
			title: 'Name',
			letter: 'N',
			min: 12,
			max: 32,
			priority: 1,
			cell: (c) => c.name,
			sortValue: (c) => c.name.toLowerCase(),
		},
		{
			id: 'company',
			title: 'Company',
			letter: 'C',
			min: 12,
			max: 40,
			priority: 2,
			cell: (c) => c.company,
			sortValue: (c) => c.company.toLowerCase(),
		},
		{
			id: 'status',
			title: 'Status',
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
			title: 'Segment',
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
			title: 'Owner',
			letter: 'O',
			min: 12,
			max: 18,
			priority: 4,
			cell: (c) => c.owner,
			sortValue: (c) => c.owner.toLowerCase(),
		},
		{
			id: 'email',
			title: 'Email',
			letter: 'M',
			min: 14,
			max: 44,
			priority: 3,
			cell: (c) => c.email,
			sortValue: (c) => c.email,
		},
		{
			id: 'phone',
			title: 'Phone',
			letter: 'P',
			min: 12,
			max: 17,
			priority: 9,
			cell: (c) => c.phone,
			sortValue: (c) => c.phone,
		},
		{
			id: 'created',
			title: 'Since',
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
		const won = deals.filter((deal) => deal.stage === 'won');
		const open = deals.filter((deal) => deal.closedAt === null);
		const openTickets = tickets.filter((ticket) => ticket.status === 'open' || ticket.status === 'pending');
		const ratings = feedback.map((entry) => entry.rating);
		const lines = [
			field('Name', c.name),
			field('Company', orDash(c.company)),
			field('Status', c.churnedAt ? `churned on ${formatDate(c.churnedAt)}` : c.status, statusTone(c)),
			field('Email', orDash(c.email)),
			field('Phone', orDash(c.phone)),
			field('Owner', orDash(c.owner)),
			field('Segment', orDash(c.segment)),
			valueLine(c, context),
			field('Campaign', campaignName(c.campaignId, context)),
			...audiencesOf(c.id, context),
			field('Tags', formatList(c.tags)),
			field('Customer since', `${formatDate(c.createdAt)} (${formatRelative(c.createdAt, now)})`),
			field('Updated', `${formatDate(c.updatedAt)} · version ${c.version}`),
			field('Id', c.externalId ? `${c.id} (external ${c.externalId})` : c.id, 'muted'),
			section('Summary'),
			field('Opportunities', `${deals.length} · ${open.length} open · ${won.length} won (${wonInBase(won, context)})`),
			field(
				'Tickets',
				`${tickets.length} · ${openTickets.length} open`,
				openTickets.some((ticket) => ticket.priority === 'urgent') ? 'bad' : undefined,
			),
			field(
				'Feedback',
				ratings.length > 0
					? `${ratings.length} · average rating ${(ratings.reduce((a, b) => a + b, 0) / ratings.length).toFixed(1)}`
					: 'none yet',
			),
		];
		if (c.notes) lines.push(section('Notes'), text(c.notes));
		lines.push(...ordersOf(c.id, context));
		// The timeline: what was logged with the customer (a), newest first.
		const activities = [...(related.activitiesByCustomer.get(c.id) ?? [])].sort((a, b) => b.at.localeCompare(a.at));
		lines.push(section(`Timeline (${activities.length})`));
		if (activities.length === 0)
			lines.push(text('Nothing logged yet: a logs a note, call, meeting or email.', 'muted'));
		for (const activity of activities) lines.push(timelineItem(activity, now));
		if (deals.length > 0) {
			lines.push(section('Opportunities'));
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
			lines.push(section('Tickets'));
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
			lines.push(section('Feedback'));
			for (const entry of [...feedback].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
				lines.push(
					item(
						`${formatDate(entry.createdAt)}  rating ${entry.rating}  ${entry.nps === null ? '      ' : `NPS ${String(entry.nps).padStart(2)}`}  ${entry.comment}`,
						entry.rating <= 2 ? 'bad' : undefined,
					),
				);
			}
		}
		return lines;
	},
});
