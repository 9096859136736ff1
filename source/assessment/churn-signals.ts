import type {Activity} from '../domain/activity.js';
import type {Dataset} from '../domain/dataset.js';
import type {Feedback} from '../domain/feedback.js';
import type {Opportunity} from '../domain/opportunity.js';
import type {AssessmentSettings} from '../domain/settings.js';
import type {Ticket} from '../domain/ticket.js';
import {day} from '../domain/units.js';
import {carriedPerList} from './day-table.js';
import {isBefore, later} from './periods.js';

/** The latest time per customer, and the customers whose latest time moved since it was built (in order). */
export type LastSeen = {seen: Map<string, string>; changed: string[]};

/**
 * The latest timestamp per customer in one kind of record, kept as text (700,000 records need not
 * be parsed to find it) and carried from edit to edit: an edit can only move a customer's latest
 * time on; a record taken away that was a customer's latest means counting that list again.
 */
const lastSeenOf = <R extends {id: string; customerId: string}>(at: (record: R) => string) => {
	/** Notes the record's moment; true when it moved its customer's latest. */
	const seen = (state: LastSeen, record: R): boolean => {
		if (record.customerId === '') return false;
		const current = state.seen.get(record.customerId);
		const next = current === undefined ? at(record) : later(current, at(record));
		if (next === current) return false;
		state.seen.set(record.customerId, next);
		return true;
	};
	const see = (state: LastSeen, record: R) => {
		if (seen(state, record)) state.changed.push(record.customerId);
	};
	// Asked with the list itself as the context: `lastSeen(list, list)`.
	return carriedPerList<R, LastSeen, readonly R[]>(
		{
			// Built afresh: no customer's latest has moved since (nothing noted in `changed`).
			start: () => ({seen: new Map(), changed: []}),
			take: (state, list, from, to) => {
				for (let index = from; index < to; index++) seen(state, list[index]!);
			},
		},
		(state, changes, list) => {
			// Customers whose latest was taken away or moved back: their latest found again in the list as it is now.
			const again = new Set<string>();
			for (const [old, current] of changes)
				if (
					old &&
					old.customerId !== '' &&
					state.seen.get(old.customerId) === at(old) &&
					!(current && current.customerId === old.customerId && at(current) >= at(old))
				)
					again.add(old.customerId);
			// Many: the list counted again whole.
			if (again.size > foundAgainAtMost) return false;
			for (const [, current] of changes) if (current && !again.has(current.customerId)) see(state, current);
			if (again.size > 0) {
				for (const id of again) state.seen.delete(id);
				for (const record of list) if (again.has(record.customerId)) seen(state, record);
				state.changed.push(...again);
			}
			return true;
		},
	);
};

/** How many customers' latest moments an edit may have taken away with them before a list is counted again whole. */
const foundAgainAtMost = 64;

const dealsLastSeen = lastSeenOf<Opportunity>((deal) => deal.updatedAt);
const ticketsLastSeen = lastSeenOf<Ticket>((ticket) => ticket.updatedAt);
const feedbackLastSeen = lastSeenOf<Feedback>((entry) => entry.createdAt);
const activitiesLastSeen = lastSeenOf<Activity>((activity) => activity.at);

/** The records of a list that pass a test (a few among many), carried from edit to edit; `version` grows when one comes or goes. */
type Few<R> = {records: Set<R>; version: number};

const recordsWhere = <R extends {id: string}>(passes: (record: R) => boolean) =>
	carriedPerList<R, Few<R>>(
		{
			start: () => ({records: new Set(), version: 0}),
			take: ({records}, list, from, to) => {
				for (let index = from; index < to; index++) if (passes(list[index]!)) records.add(list[index]!);
			},
		},
		(state, changes) => {
			for (const [old, current] of changes) {
				if (old && state.records.delete(old)) state.version++;
				if (current && passes(current)) {
					state.records.add(current);
					state.version++;
				}
			}
			return true;
		},
	);

const openUrgent = recordsWhere<Ticket>((ticket) => ticket.priority === 'urgent' && ticket.resolvedAt === null);
/** Feedback rated at or below a setting's rating, of any date: one carried set per rating asked for. */
const ratedAtMost = new Map<number, ReturnType<typeof recordsWhere<Feedback>>>();
const lowRatings = (feedback: readonly Feedback[], lowRating: number): Few<Feedback> => {
	let carried = ratedAtMost.get(lowRating);
	if (!carried) {
		carried = recordsWhere<Feedback>((entry) => entry.rating <= lowRating);
		ratedAtMost.set(lowRating, carried);
	}
	return carried(feedback);
};

/** What the rules look at: the latest moment per customer in each kind of record, low ratings since and open urgent tickets. */
export type Signals = {
	sources: LastSeen[];
	low: Few<Feedback>;
	lowVersion: number;
	since: number;
	lowRated: Set<string>;
	urgentTickets: Few<Ticket>;
	urgentVersion: number;
	urgent: Set<string>;
};

const customersOf = <R extends {customerId: string}>(records: Iterable<R>, passes: (record: R) => boolean) => {
	const ids = new Set<string>();
	for (const record of records) if (passes(record)) ids.add(record.customerId);
	return ids;
};

/** The signals as the data stands; the customers with a low rating or an urgent ticket taken from `kept` while their records and the clock are the same. */
export const churnSignals = (
	dataset: Dataset,
	now: number,
	rules: AssessmentSettings['churnRisk'],
	kept: Signals | undefined,
): Signals => {
	const since = now - rules.ratingDays * day;
	const low = lowRatings(dataset.feedback, rules.lowRating);
	const urgentTickets = openUrgent(dataset.tickets);
	const sameLow = kept?.low === low && kept.lowVersion === low.version && kept.since === since;
	const sameUrgent = kept?.urgentTickets === urgentTickets && kept.urgentVersion === urgentTickets.version;
	return {
		sources: [
			dealsLastSeen(dataset.opportunities, dataset.opportunities),
			ticketsLastSeen(dataset.tickets, dataset.tickets),
			feedbackLastSeen(dataset.feedback, dataset.feedback),
			activitiesLastSeen(dataset.activities, dataset.activities),
		],
		low,
		lowVersion: low.version,
		since,
		lowRated: sameLow ? kept.lowRated : customersOf(low.records, (entry) => !isBefore(entry.createdAt, since)),
		urgentTickets,
		urgentVersion: urgentTickets.version,
		urgent: sameUrgent ? kept.urgent : customersOf(urgentTickets.records, () => true),
	};
};
