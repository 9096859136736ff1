import {type Activity, isDone, isFollowUp} from '../domain/activity.js';
import type {Dataset} from '../domain/dataset.js';
import type {Ticket} from '../domain/ticket.js';
import {countBefore, inListOrder} from './in-list-order.js';
import {isoTime} from './iso-time.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {memoOf} from './memo.js';
import {isBefore, type Period} from './periods.js';

/** The tickets that have a follow-up linked to them that is done (as of now, whenever it was done). */
export const ticketsFollowedUp = (activities: readonly Activity[]): ReadonlySet<string> =>
	memoOf(activities, 'ticketsFollowedUp', () => {
		const ids = new Set<string>();
		for (const activity of activities)
			if (isFollowUp(activity) && activity.ticketId && isDone(activity)) ids.add(activity.ticketId);
		return ids;
	});

/**
 * When each ticket with a done follow-up was resolved (ms, sorted): kept per version of the
 * follow-ups and of the tickets, so an edit of anything else (a deal) costs no pass over either.
 */
const followedUpResolutions = (tickets: readonly Ticket[], activities: readonly Activity[]): readonly number[] => {
	const byTickets = memoOf(activities, 'followedUpResolutions', () => new WeakMap<object, number[]>());
	let times = byTickets.get(tickets);
	if (!times) {
		// One pass over the tickets, no index of them: the followed-up ones are few (often none).
		const followed = ticketsFollowedUp(activities);
		times = [];
		if (followed.size > 0)
			for (const ticket of tickets)
				if (ticket.resolvedAt && followed.has(ticket.id)) times.push(isoTime(ticket.resolvedAt));
		times.sort((a, b) => a - b);
		byTickets.set(tickets, times);
	}
	return times;
};

/**
 * KPI.md follow_up_rate: the share of tickets resolved in P that have a done follow-up linked to
 * them. `resolved` is the count of tickets resolved in P (from the tickets' day table); the
 * numerator counts, by two binary searches, the resolution times of the followed-up tickets.
 */
export const followUpRate = (
	dataset: Pick<Dataset, 'tickets' | 'activities'>,
	period: Period,
	resolved: number,
): KpiValue => {
	if (resolved === 0) return null;
	const times = followedUpResolutions(dataset.tickets, dataset.activities);
	return ratio(countBefore(times, period.end) - countBefore(times, period.start), resolved);
};

/** A follow-up with a due time, not done: overdue once its time has come. */
const isOpenFollowUp = (activity: Activity): boolean =>
	isFollowUp(activity) && !isDone(activity) && Boolean(activity.dueAt);

/** The open follow-ups, in the order of the list, carried from edit to edit. */
const openFollowUps = inListOrder<Activity>(isOpenFollowUp);

/** The open follow-ups soonest due first (ties in list order), with their due times; undefined when one is not a plain timestamp. */
const dueOrder = (open: readonly Activity[]): {activities: Activity[]; at: number[]} | undefined => {
	const due = open.map((activity) => ({activity, at: isoTime(activity.dueAt!)}));
	if (due.some((entry) => Number.isNaN(entry.at))) return undefined;
	due.sort((a, b) => a.at - b.at);
	return {activities: due.map((entry) => entry.activity), at: due.map((entry) => entry.at)};
};

/**
 * Follow-ups due before `now` and not done (KPI.md: an overdue follow-up is an alert), soonest due first: the first
 * of the open ones in order of their due times, the same list while as many are due (the clock moves on with every
 * save).
 */
export const overdueFollowUps = (activities: readonly Activity[], now: number): Activity[] => {
	const state = openFollowUps(activities, activities);
	const byDue = memoOf(state, 'dueOrder', () => dueOrder(state.records), String(state.version));
	if (!byDue) return memoOf(state, 'overdue', () => overdueOf(state.records, now), `${state.version}:${now}`);
	const count = countBefore(byDue.at, now);
	return memoOf(state, 'overdue', () => byDue.activities.slice(0, count), `${state.version}:${count}`);
};

/** Each due time parsed once, not twice per comparison of the sort (the order is the same: the sort is stable). */
const overdueOf = (open: readonly Activity[], now: number): Activity[] => {
	const due: Array<{activity: Activity; at: number}> = [];
	for (const activity of open) if (isBefore(activity.dueAt!, now)) due.push({activity, at: isoTime(activity.dueAt!)});
	return due.sort((a, b) => a.at - b.at).map((entry) => entry.activity);
};
