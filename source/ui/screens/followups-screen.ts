import {memoOf} from '../../assessment/memo.js';
import type {Activity} from '../../domain/activity.js';
import {formatDateTime, formatDuration, formatRelative} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {field, item, type ScreenDefinition, section, text, type ViewContext} from './screen-definition.js';

/** The end of the operator's day (their time zone, as the process has it): "due today" runs up to it. */
export const endOfLocalDay = (now: number): number => {
	const end = new Date(now);
	end.setHours(24, 0, 0, 0);
	return end.getTime();
};

/** Open follow-ups due by the end of today, the most overdue first: what to call back now. */
export const followUpsDue = (activities: readonly Activity[], now: number): Activity[] => {
	const end = endOfLocalDay(now);
	return memoOf(
		activities,
		'followUpsDue',
		() =>
			activities
				.filter((entry) => entry.kind === 'follow_up' && !entry.doneAt && entry.dueAt && Date.parse(entry.dueAt) < end)
				.sort((a, b) => a.dueAt!.localeCompare(b.dueAt!)),
		String(end),
	);
};

const isOverdue = (entry: Activity, now: number): boolean => Date.parse(entry.dueAt ?? '') < now;

const dueTone = (entry: Activity, now: number): Tone => (isOverdue(entry, now) ? 'bad' : 'warn');

const dueCell = (entry: Activity, now: number): string =>
	isOverdue(entry, now) ? `overdue ${formatDuration(now - Date.parse(entry.dueAt!))}` : 'today';

/** Who the follow-up is with: its customer, else its ticket's. */
const subjectOf = (entry: Activity, context: ViewContext): string => {
	const ticket = entry.ticketId ? context.related.ticketsById.get(entry.ticketId) : undefined;
	const customerId = entry.customerId || ticket?.customerId || '';
	const who = customerId ? customerLabel(context.related, customerId) : '';
	return ticket ? `${who ? `${who} · ` : ''}ticket “${ticket.subject}”` : who || '—';
};

export const followupsScreen: ScreenDefinition<Activity> = {
	name: 'followups',
	title: 'Follow-ups',
	entity: null,
	rows: (context) => followUpsDue(context.dataset.activities, context.now),
	find: (id, context) => context.dataset.activities.find((entry) => entry.id === id),
	defaultSort: {column: 'due', descending: false},
	mine: {column: 'operator', due: {column: 'due', descending: false}},
	columns: [
		{
			id: 'due',
			title: 'Due',
			letter: 'D',
			min: 16,
			max: 16,
			priority: 1,
			cell: (a) => formatDateTime(a.dueAt ?? null).replace(' UTC', ''),
			sortValue: (a) => a.dueAt ?? '',
			tone: (a, {now}) => dueTone(a, now),
		},
		{
			id: 'state',
			title: 'When',
			letter: 'W',
			min: 12,
			max: 14,
			priority: 1,
			cell: (a, {now}) => dueCell(a, now),
			sortValue: (a) => a.dueAt ?? '',
			tone: (a, {now}) => dueTone(a, now),
		},
		{
			id: 'with',
			title: 'With',
			letter: 'C',
			min: 14,
			max: 50,
			priority: 2,
			cell: subjectOf,
			sortValue: (a, context) => subjectOf(a, context).toLowerCase(),
		},
		{
			id: 'text',
			title: 'What',
			letter: 'T',
			min: 12,
			max: 80,
			priority: 3,
			cell: (a) => a.text,
			sortValue: (a) => a.text.toLowerCase(),
		},
		{
			id: 'operator',
			title: 'By',
			letter: 'O',
			min: 8,
			max: 14,
			priority: 4,
			cell: (a) => a.operator,
			sortValue: (a) => a.operator.toLowerCase(),
		},
	],
	searchText: () => '',
	empty: 'Nothing to follow up: no follow-up is due today or overdue (f on a customer or ticket schedules one).',
	heading: (a, context) => `Follow-up with ${subjectOf(a, context)}`,
	detail: (a, context) => {
		const {now, related} = context;
		const ticket = a.ticketId ? related.ticketsById.get(a.ticketId) : undefined;
		const lines = [
			field('With', subjectOf(a, context)),
			field('Due', `${formatDateTime(a.dueAt ?? null)} (${formatRelative(a.dueAt ?? null, now)})`, dueTone(a, now)),
			field('Done', a.doneAt ? formatDateTime(a.doneAt) : 'not yet — x marks it done'),
			field('Scheduled', `${formatDateTime(a.at)} by ${a.operator}`),
			field('Id', a.id, 'muted'),
			section('What to ask'),
			text(a.text),
		];
		if (ticket) {
			lines.push(section('Ticket'));
			lines.push(item(`${ticket.status.padEnd(9)} ${ticket.priority.padEnd(7)} ${ticket.subject}`));
		}
		return lines;
	},
};
