import {type Activity, isDone, isFollowUp} from '../domain/activity.js';
import type {Dataset} from '../domain/dataset.js';
import type {Ticket} from '../domain/ticket.js';
import {carriedPerList, type Fold, foldWhole} from './day-table.js';
import {inListOrder} from './in-list-order.js';
import {isoTime} from './iso-time.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {memoOf} from './memo.js';
import {isBefore, type Period} from './periods.js';
import {countBefore} from './sorted-numbers.js';

/** The tickets that have a follow-up linked to them that is done (as of now, whenever it was done). */
export const ticketsFollowedUp = (activities: readonly Activity[]): ReadonlySet<string> =>
	memoOf(activities, 'ticketsFollowedUp', () => {
		const ids = new Set<string>();
		for (const activity of activities)
			if (isFollowUp(activity) && activity.ticketId && isDone(activity)) ids.add(activity.ticketId);
		return ids;
	});

type Resolutions = {followed: ReadonlySet<string>; times: number[]};

const resolutionsFold: Fold<Ticket, Resolutions, ReadonlySet<string>> = {
	start: (followed) => ({followed, times: []}),
	take: (state, tickets, from, to) => {
		if (state.followed.size === 0) return;
		for (let index = from; index < to; index++) {
			const ticket = tickets[index]!;
			if (ticket.resolvedAt && state.followed.has(ticket.id)) state.times.push(isoTime(ticket.resolvedAt));
		}
		// Each slice's times sorted in with the others' (a few).
		state.times.sort((a, b) => a - b);
	},
};

/**
 * When each ticket with a done follow-up was resolved (ms, sorted), carried from edit to edit of the tickets while
 * the follow-ups are the same (`followed`): an edit of a ticket moves its time alone. The followed-up tickets are
 * few (often none).
 */
const resolutions = carriedPerList<Ticket, Resolutions, ReadonlySet<string>>(
	resolutionsFold,
	(state, changes, followed) => {
		if (state.followed !== followed) return false;
		const timeOf = (ticket: Ticket | undefined) =>
			ticket?.resolvedAt && followed.has(ticket.id) ? isoTime(ticket.resolvedAt) : undefined;
		for (const [old, current] of changes) {
			const was = timeOf(old);
			const at = was === undefined ? -1 : state.times.findIndex((time) => Object.is(time, was));
			// A time not found, or one that is no time (not in order): counted again.
			if (was !== undefined && (at < 0 || Number.isNaN(was))) return false;
			const now = timeOf(current);
			if (now !== undefined && Number.isNaN(now)) return false;
			if (at >= 0) state.times.splice(at, 1);
			if (now !== undefined) state.times.splice(countBefore(state.times, now), 0, now);
		}
		return true;
	},
);

const followedUpResolutions = (tickets: readonly Ticket[], activities: readonly Activity[]): readonly number[] => {
	const followed = ticketsFollowedUp(activities);
	const state = resolutions(tickets, followed);
	// The follow-ups changed since the tickets' times were counted: counted again against them.
	if (state.followed !== followed) Object.assign(state, foldWhole(resolutionsFold, tickets, followed));
	return state.times;
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
