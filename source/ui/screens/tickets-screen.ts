import {type Ticket, ticketTypeOf} from '../../domain/ticket.js';
import {t} from '../../i18n/i18n.js';
import {formatDate, formatDateTime, formatDuration, formatList, orDash} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {
	aroundValue,
	cellWords,
	customerColumn,
	type DetailLine,
	entityScreen,
	field,
	idField,
	item,
	place,
	section,
	text,
	whenField,
} from './screen-definition.js';

const isOpen = (ticket: Ticket): boolean => ticket.resolvedAt === null;

const slaWords = cellWords(() => ({
	met: t('lists.cell.slaMet'),
	missed: t('lists.cell.slaMissed'),
	left: aroundValue(t('lists.cell.left', {duration: place})),
	overdue: aroundValue(t('lists.cell.overdue', {duration: place})),
}));

/** Time left to the SLA, or how late: what a service lead scans the list for. */
const dueCell = (ticket: Ticket, now: number): string => {
	const words = slaWords();
	if (!isOpen(ticket)) return Date.parse(ticket.resolvedAt!) <= Date.parse(ticket.dueAt) ? words.met : words.missed;
	const left = Date.parse(ticket.dueAt) - now;
	const {before, after} = left >= 0 ? words.left : words.overdue;
	return before + formatDuration(left) + after;
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

/** A ticket's comments, newest first: when, who, a reply or a note, and what was said. */
const conversation = (ticket: Ticket): DetailLine[] =>
	ticket.comments.length === 0
		? []
		: [
				section(t('lists.section.conversation')),
				...[...ticket.comments]
					.sort((a, b) => b.at.localeCompare(a.at))
					.flatMap((comment) => [
						text(
							t('lists.detail.comment', {
								at: formatDateTime(comment.at),
								author: comment.author,
								kind: comment.kind === 'reply' ? t('lists.detail.commentReply') : t('lists.detail.commentNote'),
							}),
							'muted',
						),
						text(comment.body),
					]),
			];

export const ticketsScreen = entityScreen<'tickets'>({
	entity: 'tickets',
	get title() {
		return t('screens.tickets');
	},
	defaultSort: {column: 'created', descending: true},
	mine: {column: 'owner', due: {column: 'due', descending: false}},
	columns: [
		{
			id: 'subject',
			get title() {
				return t('lists.columns.tickets.subject');
			},
			letter: 'U',
			min: 14,
			max: 60,
			priority: 1,
			cell: (ticket) => ticket.subject,
			sortValue: (ticket) => ticket.subject.toLowerCase(),
		},
		customerColumn(2),
		{
			id: 'type',
			get title() {
				return t('lists.columns.tickets.type');
			},
			letter: 'Y',
			min: 9,
			max: 9,
			priority: 4,
			cell: (ticket) => ticketTypeOf(ticket),
			sortValue: (ticket) => ticketTypeOf(ticket),
			tone: (ticket) => (ticketTypeOf(ticket) === 'complaint' ? 'warn' : 'text'),
		},
		{
			id: 'priority',
			get title() {
				return t('lists.columns.tickets.priority');
			},
			letter: 'P',
			min: 8,
			max: 8,
			priority: 3,
			cell: (ticket) => ticket.priority,
			sortValue: (ticket) => priorityRank[ticket.priority],
			tone: (ticket) => (ticket.priority === 'urgent' ? 'bad' : ticket.priority === 'high' ? 'warn' : 'text'),
		},
		{
			id: 'status',
			get title() {
				return t('lists.columns.tickets.status');
			},
			letter: 'S',
			min: 8,
			max: 8,
			priority: 1,
			cell: (ticket) => ticket.status,
			sortValue: (ticket) => statusRank[ticket.status],
			tone: (ticket) => (isOpen(ticket) ? 'accent' : 'muted'),
		},
		{
			id: 'due',
			title: 'SLA',
			letter: 'L',
			min: 12,
			max: 14,
			priority: 1,
			cell: (ticket, {now}) => dueCell(ticket, now),
			sortValue: (ticket) => (isOpen(ticket) ? Date.parse(ticket.dueAt) : Number.MAX_SAFE_INTEGER),
			tone: (ticket, {now}) => dueTone(ticket, now),
		},
		{
			id: 'owner',
			get title() {
				return t('lists.columns.tickets.owner');
			},
			letter: 'O',
			min: 10,
			max: 16,
			priority: 5,
			cell: (ticket) => ticket.owner,
			sortValue: (ticket) => ticket.owner.toLowerCase(),
		},
		{
			id: 'channel',
			get title() {
				return t('lists.columns.tickets.channel');
			},
			letter: 'H',
			min: 7,
			max: 8,
			priority: 7,
			cell: (ticket) => ticket.channel,
			sortValue: (ticket) => ticket.channel,
		},
		{
			id: 'created',
			get title() {
				return t('lists.columns.tickets.created');
			},
			letter: 'D',
			min: 10,
			max: 10,
			priority: 4,
			cell: (ticket) => formatDate(ticket.createdAt),
			sortValue: (ticket) => ticket.createdAt,
		},
	],
	searchText: (ticket) => `${ticketTypeOf(ticket)} ${ticket.product} ${ticket.tags.join(' ')}`,
	heading: (ticket) => ticket.subject,
	detail: (ticket, context) => {
		const {related, now} = context;
		const lines = [
			field(t('lists.field.subject'), ticket.subject),
			field(t('lists.field.customer'), customerLabel(related, ticket.customerId)),
			field(t('lists.field.type'), ticketTypeOf(ticket), ticketTypeOf(ticket) === 'complaint' ? 'warn' : undefined),
			field(t('lists.field.status'), ticket.status, isOpen(ticket) ? 'accent' : 'muted'),
			field(
				t('lists.field.priority'),
				ticket.priority,
				ticket.priority === 'urgent' ? 'bad' : ticket.priority === 'high' ? 'warn' : undefined,
			),
			field(
				'SLA',
				t('lists.detail.sla', {cell: dueCell(ticket, now), date: formatDateTime(ticket.dueAt)}),
				dueTone(ticket, now),
			),
			field(t('lists.field.channel'), orDash(ticket.channel)),
			field(t('lists.field.product'), orDash(ticket.product)),
			field(t('lists.field.owner'), orDash(ticket.owner)),
			whenField(t('lists.field.created'), ticket.createdAt, now, {time: true}),
			field(
				t('lists.field.firstResponse'),
				ticket.firstResponseAt
					? t('lists.detail.after', {
							date: formatDateTime(ticket.firstResponseAt),
							duration: formatDuration(Date.parse(ticket.firstResponseAt) - Date.parse(ticket.createdAt)),
						})
					: t('lists.detail.notYet'),
				ticket.firstResponseAt ? undefined : 'warn',
			),
			field(
				t('lists.field.resolved'),
				ticket.resolvedAt
					? t('lists.detail.after', {
							date: formatDateTime(ticket.resolvedAt),
							duration: formatDuration(Date.parse(ticket.resolvedAt) - Date.parse(ticket.createdAt)),
						})
					: t('lists.detail.notYet'),
			),
			field(t('lists.field.tags'), formatList(ticket.tags)),
			field(
				t('lists.field.updated'),
				t('lists.detail.version', {date: formatDate(ticket.updatedAt), version: ticket.version}),
			),
			idField(ticket.id, ticket.externalId),
		];
		if (ticket.description) lines.push(section(t('lists.section.description')), text(ticket.description));
		const answers = context.dataset.feedback.filter((entry) => entry.ticketId === ticket.id);
		if (answers.length > 0) {
			lines.push(section(t('lists.section.ticketFeedback')));
			for (const entry of answers)
				lines.push(
					item(
						t('lists.detail.ticketRatingItem', {
							date: formatDate(entry.createdAt),
							rating: entry.rating,
							nps: entry.nps === null ? '' : `  NPS ${entry.nps}`,
							comment: entry.comment,
						}),
						entry.rating <= 2 ? 'bad' : entry.rating >= 4 ? 'ok' : undefined,
					),
				);
		}
		const followUps = context.dataset.activities.filter((entry) => entry.ticketId === ticket.id);
		if (followUps.length > 0) {
			lines.push(section(t('lists.section.followUps')));
			for (const entry of followUps)
				lines.push(
					item(
						t('lists.detail.followUpLine', {
							due: formatDate(entry.dueAt ?? entry.at),
							state: entry.doneAt ? t('lists.detail.doneOn', {date: formatDate(entry.doneAt)}) : t('lists.detail.toDo'),
							text: entry.text,
						}),
						entry.doneAt ? 'muted' : Date.parse(entry.dueAt ?? '') < now ? 'bad' : 'warn',
					),
				);
		}
		lines.push(...conversation(ticket));
		return lines;
	},
});
