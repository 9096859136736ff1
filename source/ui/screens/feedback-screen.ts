import type {Feedback} from '../../domain/feedback.js';
import {t} from '../../i18n/i18n.js';
import {formatDate, formatList, orDash} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {customerColumn, entityScreen, field, idField, section, text, whenField} from './screen-definition.js';

const ratingTone = (entry: Feedback): Tone => (entry.rating >= 4 ? 'ok' : entry.rating === 3 ? 'warn' : 'bad');
/** Stars read without colour; five cells wide, no emoji. */
const stars = (rating: number): string => '★'.repeat(rating) + '☆'.repeat(5 - rating);

export const feedbackScreen = entityScreen<'feedback'>({
	entity: 'feedback',
	get title() {
		return t('screens.feedback');
	},
	defaultSort: {column: 'created', descending: true},
	columns: [
		customerColumn(1),
		{
			id: 'rating',
			get title() {
				return t('lists.columns.feedback.rating');
			},
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
			get title() {
				return t('lists.columns.feedback.comment');
			},
			letter: 'M',
			min: 14,
			max: 90,
			priority: 3,
			cell: (f) => f.comment,
			sortValue: (f) => f.comment.toLowerCase(),
		},
		{
			id: 'channel',
			get title() {
				return t('lists.columns.feedback.channel');
			},
			letter: 'H',
			min: 7,
			max: 8,
			priority: 5,
			cell: (f) => f.channel,
			sortValue: (f) => f.channel,
		},
		{
			id: 'ticket',
			get title() {
				return t('lists.columns.feedback.ticket');
			},
			letter: 'T',
			min: 6,
			max: 40,
			priority: 6,
			cell: (f, {related}) => (f.ticketId ? (related.ticketsById.get(f.ticketId)?.subject ?? f.ticketId) : ''),
			sortValue: (f) => f.ticketId ?? '',
		},
		{
			id: 'created',
			get title() {
				return t('lists.columns.feedback.date');
			},
			letter: 'D',
			min: 10,
			max: 10,
			priority: 2,
			cell: (f) => formatDate(f.createdAt),
			sortValue: (f) => f.createdAt,
		},
	],
	searchText: (f) => `rating:${f.rating} ${f.tags.join(' ')}`,
	heading: (f, {related}) => t('lists.detail.feedbackFrom', {customer: customerLabel(related, f.customerId)}),
	detail: (f, {related, now}) => {
		const ticket = f.ticketId ? related.ticketsById.get(f.ticketId) : undefined;
		const lines = [
			field(t('lists.field.customer'), customerLabel(related, f.customerId)),
			field(
				t('lists.field.rating'),
				t('lists.detail.ratingOf', {stars: stars(f.rating), rating: f.rating}),
				ratingTone(f),
			),
			field(
				'NPS',
				f.nps === null
					? '—'
					: f.nps >= 9
						? t('lists.detail.promoter', {nps: f.nps})
						: f.nps >= 7
							? t('lists.detail.passive', {nps: f.nps})
							: t('lists.detail.detractor', {nps: f.nps}),
			),
			field(t('lists.field.channel'), orDash(f.channel)),
			field(
				t('lists.field.ticket'),
				f.ticketId
					? ticket
						? `${ticket.subject} (${ticket.status})`
						: t('lists.detail.missing', {id: f.ticketId})
					: '—',
			),
			whenField(t('lists.field.given'), f.createdAt, now),
			field(t('lists.field.tags'), formatList(f.tags)),
			idField(f.id, f.externalId),
		];
		if (f.comment) lines.push(section(t('lists.section.comment')), text(f.comment));
		return lines;
	},
});
