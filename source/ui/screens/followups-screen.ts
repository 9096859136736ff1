import {memoOf} from '../../assessment/memo.js';
import type {Activity} from '../../domain/activity.js';
import {t} from '../../i18n/i18n.js';
import {formatDateTime, formatDateTimeCell, formatDuration} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {
	field,
	idField,
	item,
	type ScreenDefinition,
	section,
	text,
	type ViewContext,
	whenField,
} from './screen-definition.js';

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
	isOverdue(entry, now)
		? t('lists.cell.overdue', {duration: formatDuration(now - Date.parse(entry.dueAt!))})
		: t('lists.cell.today');

/** Who the follow-up is with: its customer, else its ticket's. */
const subjectOf = (entry: Activity, context: ViewContext): string => {
	const ticket = entry.ticketId ? context.related.ticketsById.get(entry.ticketId) : undefined;
	const customerId = entry.customerId || ticket?.customerId || '';
	const who = customerId ? customerLabel(context.related, customerId) : '';
	if (!ticket) return who || '—';
	return who
		? t('lists.cell.withTicket', {who, subject: ticket.subject})
		: t('lists.cell.ticket', {subject: ticket.subject});
};

export const followupsScreen: ScreenDefinition<Activity> = {
	name: 'followups',
	get title() {
		return t('screens.followups');
	},
	entity: null,
	rows: (context) => followUpsDue(context.dataset.activities, context.now),
	find: (id, context) => context.dataset.activities.find((entry) => entry.id === id),
	defaultSort: {column: 'due', descending: false},
	mine: {column: 'operator', due: {column: 'due', descending: false}},
	columns: [
		{
			id: 'due',
			get title() {
				return t('lists.columns.followups.due');
			},
			letter: 'D',
			min: 16,
			max: 16,
			priority: 1,
			cell: (a) => formatDateTimeCell(a.dueAt ?? null),
			sortValue: (a) => a.dueAt ?? '',
			tone: (a, {now}) => dueTone(a, now),
		},
		{
			id: 'state',
			get title() {
				return t('lists.columns.followups.when');
			},
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
			get title() {
				return t('lists.columns.followups.with');
			},
			letter: 'C',
			min: 14,
			max: 50,
			priority: 2,
			cell: subjectOf,
			sortValue: (a, context) => subjectOf(a, context).toLowerCase(),
		},
		{
			id: 'text',
			get title() {
				return t('lists.columns.followups.what');
			},
			letter: 'T',
			min: 12,
			max: 80,
			priority: 3,
			cell: (a) => a.text,
			sortValue: (a) => a.text.toLowerCase(),
		},
		{
			id: 'operator',
			get title() {
				return t('lists.columns.followups.by');
			},
			letter: 'O',
			min: 8,
			max: 14,
			priority: 4,
			cell: (a) => a.operator,
			sortValue: (a) => a.operator.toLowerCase(),
		},
	],
	searchText: () => '',
	get empty() {
		return t('lists.empty.followups');
	},
	heading: (a, context) => t('lists.detail.followUpWith', {subject: subjectOf(a, context)}),
	detail: (a, context) => {
		const {now, related} = context;
		const ticket = a.ticketId ? related.ticketsById.get(a.ticketId) : undefined;
		const lines = [
			field(t('lists.field.with'), subjectOf(a, context)),
			whenField(t('lists.field.due'), a.dueAt ?? null, now, {time: true, tone: dueTone(a, now)}),
			field(t('lists.field.done'), a.doneAt ? formatDateTime(a.doneAt) : t('lists.detail.notDone')),
			field(
				t('lists.field.scheduled'),
				t('lists.detail.scheduledBy', {at: formatDateTime(a.at), operator: a.operator}),
			),
			idField(a.id),
			section(t('lists.section.whatToAsk')),
			text(a.text),
		];
		if (ticket) {
			lines.push(section(t('lists.section.ticket')));
			lines.push(item(`${ticket.status.padEnd(9)} ${ticket.priority.padEnd(7)} ${ticket.subject}`));
		}
		return lines;
	},
};
