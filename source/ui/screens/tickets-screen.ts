import {type Ticket, ticketTypeOf} from '../../domain/ticket.js';
import {formatDate, formatDateTime, formatDuration, formatList, formatRelative, orDash} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {customerColumn, entityScreen, field, item, section, text} from './screen-definition.js';

const isOpen = (ticket: Ticket): boolean => ticket.resolvedAt === null;

/** Time left to the SLA, or how late: what a service lead scans the list for. */
const dueCell = (ticket: Ticket, now: number): string => {
	if (!isOpen(ticket)) return Date.parse(ticket.resolvedAt!) <= Date.parse(ticket.dueAt) ? 'met' : 'missed';
	const left = Date.parse(ticket.dueAt) - now;
	return left >= 0 ? `${formatDuration(left)} left` : `overdue ${formatDuration(left)}`;
};

const dueTone = (ticket: Ticket, now: number): Tone => {
	if (!isOpen(ticket)) return Date.parse(ticket.resolvedAt!) <= Date.parse(ticket.dueAt) ? 'muted' : 'warn';
	const left = Date.parse(ticket.dueAt) - now;
	if (left < 0) return 'bad';
	const total = Date.parse(ticket.dueAt) - Date.parse(ticket.createdAt);
	return left < total * 0.25 ? 'warn' : 'ok';
};

const priorityRank = {urgent: 0, high: 1, normal: 2, low: 3} as const;
const statusRank = {open: 0, pending: 1, resolved: 2, closed: 3} as const;

export const ticketsScreen = entityScreen<'tickets'>({
	entity: 'tickets',
	title: 'Tickets',
	defaultSort: {column: 'created', descending: true},
	mine: {column: 'owner', due: {column: 'due', descending: false}},
	columns: [
		{
			id: 'subject',
			title: 'Subject',
			letter: 'U',
			min: 14,
			max: 60,
			priority: 1,
			cell: (t) => t.subject,
			sortValue: (t) => t.subject.toLowerCase(),
		},
		customerColumn(2),
		{
			id: 'type',
			title: 'Type',
			letter: 'Y',
			min: 9,
			max: 9,
			priority: 4,
			cell: (t) => ticketTypeOf(t),
			sortValue: (t) => ticketTypeOf(t),
			tone: (t) => (ticketTypeOf(t) === 'complaint' ? 'warn' : 'text'),
		},
		{
			id: 'priority',
			title: 'Priority',
			letter: 'P',
			min: 8,
			max: 8,
			priority: 3,
			cell: (t) => t.priority,
			sortValue: (t) => priorityRank[t.priority],
			tone: (t) => (t.priority === 'urgent' ? 'bad' : t.priority === 'high' ? 'warn' : 'text'),
		},
		{
			id: 'status',
			title: 'Status',
			letter: 'S',
			min: 8,
			max: 8,
			priority: 1,
			cell: (t) => t.status,
			sortValue: (t) => statusRank[t.status],
			tone: (t) => (isOpen(t) ? 'accent' : 'muted'),
		},
		{
			id: 'due',
			title: 'SLA',
			letter: 'L',
			min: 12,
			max: 14,
			priority: 1,
			cell: (t, {now}) => dueCell(t, now),
			sortValue: (t) => (isOpen(t) ? Date.parse(t.dueAt) : Number.MAX_SAFE_INTEGER),
			tone: (t, {now}) => dueTone(t, now),
		},
		{
			id: 'owner',
			title: 'Owner',
			letter: 'O',
			min: 10,
			max: 16,
			priority: 5,
			cell: (t) => t.owner,
			sortValue: (t) => t.owner.toLowerCase(),
		},
		{
			id: 'channel',
			title: 'Channel',
			letter: 'H',
			min: 7,
			max: 8,
			priority: 7,
			cell: (t) => t.channel,
			sortValue: (t) => t.channel,
		},
		{
			id: 'created',
			title: 'Created',
			letter: 'D',
			min: 10,
			max: 10,
			priority: 4,
			cell: (t) => formatDate(t.createdAt),
			sortValue: (t) => t.createdAt,
		},
	],
	searchText: (t) => `${ticketTypeOf(t)} ${t.product} ${t.tags.join(' ')}`,
	heading: (t) => t.subject,
	detail: (t, context) => {
		const {related, now} = context;
		const lines = [
			field('Subject', t.subject),
			field('Customer', customerLabel(related, t.customerId)),
			field('Type', ticketTypeOf(t), ticketTypeOf(t) === 'complaint' ? 'warn' : undefined),
			field('Status', t.status, isOpen(t) ? 'accent' : 'muted'),
			field('Priority', t.priority, t.priority === 'urgent' ? 'bad' : t.priority === 'high' ? 'warn' : undefined),
			field('SLA', `${dueCell(t, now)} (due ${formatDateTime(t.dueAt)})`, dueTone(t, now)),
			field('Channel', orDash(t.channel)),
			field('Product', orDash(t.product)),
			field('Owner', orDash(t.owner)),
			field('Created', `${formatDateTime(t.createdAt)} (${formatRelative(t.createdAt, now)})`),
			field(
				'First response',
				t.firstResponseAt
					? `${formatDateTime(t.firstResponseAt)} after ${formatDuration(Date.parse(t.firstResponseAt) - Date.parse(t.createdAt))}`
					: 'not yet',
				t.firstResponseAt ? undefined : 'warn',
			),
			field(
				'Resolved',
				t.resolvedAt
					? `${formatDateTime(t.resolvedAt)} after ${formatDuration(Date.parse(t.resolvedAt) - Date.parse(t.createdAt))}`
					: 'not yet',
			),
			field('Tags', formatList(t.tags)),
			field('Updated', `${formatDate(t.updatedAt)} · version ${t.version}`),
			field('Id', t.externalId ? `${t.id} (external ${t.externalId})` : t.id, 'muted'),
		];
		if (t.description) lines.push(section('Description'), text(t.description));
		const answers = context.dataset.feedback.filter((entry) => entry.ticketId === t.id);
		if (answers.length > 0) {
			lines.push(section('Feedback on this ticket'));
			for (const entry of answers)
				lines.push(
					item(
						`${formatDate(entry.createdAt)}  rating ${entry.rating}${entry.nps === null ? '' : `  NPS ${entry.nps}`}  ${entry.comment}`,
						entry.rating <= 2 ? 'bad' : entry.rating >= 4 ? 'ok' : undefined,
					),
				);
		}
		const followUps = context.dataset.activities.filter((entry) => entry.ticketId === t.id);
		if (followUps.length > 0) {
			lines.push(section('Follow-ups'));
			for (const entry of followUps)
				lines.push(
					item(
						`due ${formatDate(entry.dueAt ?? entry.at)}  ${entry.doneAt ? `done ${formatDate(entry.doneAt)}` : 'to do'}  ${entry.text}`,
						entry.doneAt ? 'muted' : Date.parse(entry.dueAt ?? '') < now ? 'bad' : 'warn',
					),
				);
		}
		if (t.comments.length > 0) {
			lines.push(section('Conversation'));
			for (const comment of [...t.comments].sort((a, b) => b.at.localeCompare(a.at))) {
				lines.push(
					text(`${formatDateTime(comment.at)}  ${comment.author} (${comment.kind})`, 'muted'),
					text(comment.body),
				);
			}
		}
		return lines;
	},
});
