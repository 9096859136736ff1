import type {Customer} from '../../domain/customer.js';
import {formatDate, formatList, formatMoney, formatRelative, orDash} from '../format/values.js';
import {entityScreen, field, item, section, text} from './screen-definition.js';

const statusTone = (customer: Customer) =>
	customer.status === 'churned' ? 'bad' : customer.status === 'lead' ? 'accent' : 'ok';

export const customersScreen = entityScreen<'customers'>({
	entity: 'customers',
	title: 'Customers',
	defaultSort: {column: 'name', descending: false},
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
			priority: 5,
			cell: (c) => c.segment,
			sortValue: (c) => c.segment,
		},
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
			priority: 7,
			cell: (c) => c.phone,
			sortValue: (c) => c.phone,
		},
		{
			id: 'created',
			title: 'Since',
			letter: 'D',
			min: 10,
			max: 10,
			priority: 6,
			cell: (c) => formatDate(c.createdAt),
			sortValue: (c) => c.createdAt,
		},
	],
	searchText: (c) => c.tags.join(' '),
	heading: (c) => (c.company ? `${c.name} · ${c.company}` : c.name),
	detail: (c, {related, now}) => {
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
			field('Tags', formatList(c.tags)),
			field('Customer since', `${formatDate(c.createdAt)} (${formatRelative(c.createdAt, now)})`),
			field('Updated', `${formatDate(c.updatedAt)} · version ${c.version}`),
			field('Id', c.externalId ? `${c.id} (external ${c.externalId})` : c.id, 'muted'),
			section('Summary'),
			field(
				'Opportunities',
				`${deals.length} · ${open.length} open · ${won.length} won (${formatMoney(won.reduce((sum, deal) => sum + deal.amount, 0))})`,
			),
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
		// The timeline: what was logged with the customer (a), newest first.
		const activities = [...(related.activitiesByCustomer.get(c.id) ?? [])].sort((a, b) => b.at.localeCompare(a.at));
		lines.push(section(`Timeline (${activities.length})`));
		if (activities.length === 0)
			lines.push(text('Nothing logged yet: a logs a note, call, meeting or email.', 'muted'));
		for (const activity of activities)
			lines.push(
				item(`${formatDate(activity.at)}  ${activity.kind.padEnd(7)} ${activity.text}  — ${activity.operator}`),
			);
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
