import type {Feedback} from '../../domain/feedback.js';
import {formatDate, formatList, formatRelative, orDash} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {customerColumn, entityScreen, field, section, text} from './screen-definition.js';

const ratingTone = (entry: Feedback): Tone => (entry.rating >= 4 ? 'ok' : entry.rating === 3 ? 'warn' : 'bad');
/** Stars read without colour; five cells wide, no emoji. */
const stars = (rating: number): string => '★'.repeat(rating) + '☆'.repeat(5 - rating);

export const feedbackScreen = entityScreen<'feedback'>({
	entity: 'feedback',
	title: 'Feedback',
	defaultSort: {column: 'created', descending: true},
	columns: [
		customerColumn(1),
		{
			id: 'rating',
			title: 'Rating',
			letter: 'R',
			min: 7,
			max: 7,
			priority: 1,
			cell: (f) => stars(f.rating),
			sortValue: (f) => f.rating,
			tone: ratingTone,
		},
		{
			id: 'nps',
			title: 'NPS',
			letter: 'N',
			min: 4,
			max: 4,
			priority: 2,
			align: 'right',
			cell: (f) => (f.nps === null ? '—' : String(f.nps)),
			sortValue: (f) => f.nps ?? -1,
		},
		{
			id: 'comment',
			title: 'Comment',
			letter: 'M',
			min: 14,
			max: 90,
			priority: 3,
			cell: (f) => f.comment,
			sortValue: (f) => f.comment.toLowerCase(),
		},
		{
			id: 'channel',
			title: 'Channel',
			letter: 'H',
			min: 7,
			max: 8,
			priority: 5,
			cell: (f) => f.channel,
			sortValue: (f) => f.channel,
		},
		{
			id: 'ticket',
			title: 'Ticket',
			letter: 'T',
			min: 6,
			max: 40,
			priority: 6,
			cell: (f, {related}) => (f.ticketId ? (related.ticketsById.get(f.ticketId)?.subject ?? f.ticketId) : ''),
			sortValue: (f) => f.ticketId ?? '',
		},
		{
			id: 'created',
			title: 'Date',
			letter: 'D',
			min: 10,
			max: 10,
			priority: 2,
			cell: (f) => formatDate(f.createdAt),
			sortValue: (f) => f.createdAt,
		},
	],
	searchText: (f) => `rating:${f.rating} ${f.tags.join(' ')}`,
	heading: (f, {related}) => `Feedback from ${customerLabel(related, f.customerId)}`,
	detail: (f, {related, now}) => {
		const ticket = f.ticketId ? related.ticketsById.get(f.ticketId) : undefined;
		const lines = [
			field('Customer', customerLabel(related, f.customerId)),
			field('Rating', `${stars(f.rating)} ${f.rating} of 5`, ratingTone(f)),
			field(
				'NPS',
				f.nps === null ? '—' : `${f.nps} (${f.nps >= 9 ? 'promoter' : f.nps >= 7 ? 'passive' : 'detractor'})`,
			),
			field('Channel', orDash(f.channel)),
			field('Ticket', f.ticketId ? (ticket ? `${ticket.subject} (${ticket.status})` : `missing ${f.ticketId}`) : '—'),
			field('Given', `${formatDate(f.createdAt)} (${formatRelative(f.createdAt, now)})`),
			field('Tags', formatList(f.tags)),
			field('Id', f.externalId ? `${f.id} (external ${f.externalId})` : f.id, 'muted'),
		];
		if (f.comment) lines.push(section('Comment'), text(f.comment));
		return lines;
	},
});
