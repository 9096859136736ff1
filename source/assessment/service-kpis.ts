import {type Activity, isDone, isFollowUp} from '../domain/activity.js';
import type {Dataset} from '../domain/dataset.js';
import type {Ticket} from '../domain/ticket.js';
import {carriedPerList} from './day-table.js';
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

/** How many of the sorted `times` are before `limit`. */
const countBefore = (times: readonly number[], limit: number): number => {
	let low = 0;
	let high = times.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (times[middle]! < limit) low = middle + 1;
		else high = middle;
	}
	return low;
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

/**
 * The open follow-ups, in the order of the list (a few among many), carried from edit to edit: a save replaces a
 * record in place, takes one away or adds one at the end (domain/editable-list.ts). Any other change (one that
 * opens a follow-up elsewhere in the list) counts them again. `version` grows with each change.
 */
const openFollowUps = carriedPerList<Activity, {open: Activity[]; version: number}, readonly Activity[]>(
	{
		start: () => ({open: [], version: 0}),
		take: (state, list, from, to) => {
			for (let index = from; index < to; index++) if (isOpenFollowUp(list[index]!)) state.open.push(list[index]!);
		},
	},
	(state, changes, list) => {
		const added = changes.filter(([old]) => old === undefined).map(([, current]) => current!);
		// Those added at the end of the list, in order: the open ones among them go after all others.
		if (added.some((activity, index) => list[list.length - added.length + index] !== activity)) return false;
		for (const [old, current] of changes) {
			if (!old) continue;
			const at = state.open.indexOf(old);
			if (at < 0 && current && isOpenFollowUp(current)) return false;
			if (at >= 0 && current && isOpenFollowUp(current)) state.open[at] = current;
			else if (at >= 0) state.open.splice(at, 1);
		}
		for (const activity of added) if (isOpenFollowUp(activity)) state.open.push(activity);
		state.version++;
		return true;
	},
);

/** Follow-ups due before `now` and not done (KPI.md: an overdue follow-up is an alert), soonest due first. */
export const overdueFollowUps = (activities: readonly Activity[], now: number): Activity[] => {
	const state = openFollowUps(activities, activities);
	return memoOf(state, 'overdueFollowUps', () => overdueOf(state.open, now), `${state.version}:${now}`);
};

/** Each due time parsed once, not twice per comparison of the sort (the order is the same: the sort is stable). */
const overdueOf = (open: readonly Activity[], now: number): Activity[] => {
	const due: Array<{activity: Activity; at: number}> = [];
	for (const activity of open) if (isBefore(activity.dueAt!, now)) due.push({activity, at: isoTime(activity.dueAt!)});
	return due.sort((a, b) => a.at - b.at).map((entry) => entry.activity);
};
