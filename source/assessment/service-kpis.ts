import {type Activity, isDone, isFollowUp} from '../domain/activity.js';
import type {Dataset} from '../domain/dataset.js';
import type {Ticket} from '../domain/ticket.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {memoOf} from './memo.js';
import {isBefore, isIn, type Period} from './periods.js';

/** The tickets that have a follow-up linked to them that is done (as of now, whenever it was done). */
export const ticketsFollowedUp = (activities: readonly Activity[]): ReadonlySet<string> =>
	memoOf(activities, 'ticketsFollowedUp', () => {
		const ids = new Set<string>();
		for (const activity of activities)
			if (isFollowUp(activity) && activity.ticketId && isDone(activity)) ids.add(activity.ticketId);
		return ids;
	});

export const ticketsById = (tickets: readonly Ticket[]): ReadonlyMap<string, Ticket> =>
	memoOf(tickets, 'byId', () => new Map(tickets.map((entry) => [entry.id, entry])));

/**
 * KPI.md follow_up_rate: the share of tickets resolved in P that have a done follow-up linked to
 * them. `resolved` is the count of tickets resolved in P (from the tickets' day table); the
 * numerator walks the followed-up tickets, which are few.
 */
export const followUpRate = (
	dataset: Pick<Dataset, 'tickets' | 'activities'>,
	period: Period,
	resolved: number,
): KpiValue => {
	if (resolved === 0) return null;
	const done = ticketsFollowedUp(dataset.activities);
	if (done.size === 0) return 0;
	const byId = ticketsById(dataset.tickets);
	let followed = 0;
	for (const id of done) if (isIn(byId.get(id)?.resolvedAt ?? null, period)) followed++;
	return ratio(followed, resolved);
};

/** Follow-ups due before `now` and not done (KPI.md: an overdue follow-up is an alert), soonest due first. */
export const overdueFollowUps = (activities: readonly Activity[], now: number): Activity[] =>
	memoOf(
		activities,
		'overdueFollowUps',
		() =>
			activities
				.filter(
					(activity) => isFollowUp(activity) && !isDone(activity) && activity.dueAt && isBefore(activity.dueAt, now),
				)
				.sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!)),
		String(now),
	);
