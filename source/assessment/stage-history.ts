import type {ChangeEntry} from '../domain/change-log.js';
import {type Opportunity, type OpportunityStage, openStages} from '../domain/opportunity.js';
import {isoTime} from './iso-time.js';

/**
 * KPI.md *Analysis*: a deal's stage history is its stage when created, at `createdAt`, then every
 * stage change in the change log, each at the time of its entry (an undo that changes the stage is
 * a change like any other). Read from the log the store keeps anyway: no second store.
 */

/** One logged moment of a deal: its creation in the console, or a change of its stage. */
export type StageEvent = {
	at: string;
	/** The stage before (undefined: the entry created the deal) and after. */
	from: OpportunityStage | undefined;
	to: OpportunityStage;
	/** Created in the console (not by an import, not an undo bringing a deleted deal back). */
	created: boolean;
};

/** A step of the history: the deal entered `stage` at `at`; `logged` when that is known from the log (a visit KPI.md counts). */
export type StageStep = {stage: OpportunityStage; at: string; logged: boolean};

const stageOf = (value: unknown): OpportunityStage | undefined =>
	typeof value === 'string' ? (value as OpportunityStage) : undefined;

/**
 * What one change-log entry says about a deal's stage, or nothing. A create by an import carries
 * the row's external id; a console's create has none (an undo's create restores a deleted deal: a
 * stage change only if its stage differs from what the log last said).
 */
export const stageEventOf = (entry: ChangeEntry): StageEvent | undefined => {
	if (entry.entity !== 'opportunities' || entry.action === 'delete') return undefined;
	let from: OpportunityStage | undefined;
	let to: OpportunityStage | undefined;
	let external = false;
	for (const change of entry.changes) {
		if (change.field === 'stage') {
			from = stageOf(change.before);
			to = stageOf(change.after);
		} else if (change.field === 'externalId') external = typeof change.after === 'string' && change.after !== '';
	}
	if (to === undefined) return undefined;
	if (entry.action === 'update')
		return from === undefined || from === to ? undefined : {at: entry.at, from, to, created: false};
	return {at: entry.at, from: undefined, to, created: entry.undoOf === null && !external};
};

/** Each deal's logged stage events, oldest first, by deal id. */
export type StageLog = Map<string, readonly StageEvent[]>;

/** Adds the entries from `from` on. A deal's list of events is replaced, never changed in place: what was counted with the old one can be taken out again. */
const addEntries = (log: StageLog, entries: readonly ChangeEntry[], from: number, fresh: boolean): void => {
	for (let index = from; index < entries.length; index++) {
		const entry = entries[index]!;
		const event = stageEventOf(entry);
		if (!event) continue;
		const events = log.get(entry.recordId);
		if (!events) log.set(entry.recordId, [event]);
		// Read afresh, nobody holds these lists yet: grown in place.
		else if (fresh) (events as StageEvent[]).push(event);
		else log.set(entry.recordId, [...events, event]);
	}
};

/** The log read last, carried over when the next one only adds entries at its end (every save does). */
let carried: {changes: readonly ChangeEntry[]; length: number; log: StageLog} | undefined;

/**
 * The deals' stage events from the change log. The store only ever appends to the log, so after a
 * save the events of the new entries are added to those read before, not read again from the start.
 */
export const stageLogOf = (changes: readonly ChangeEntry[]): StageLog => {
	if (carried?.changes === changes) return carried.log;
	const appended =
		carried !== undefined &&
		changes.length >= carried.length &&
		(carried.length === 0 || changes[carried.length - 1] === carried.changes[carried.length - 1]);
	const log = appended ? carried!.log : new Map<string, StageEvent[]>();
	addEntries(log, changes, appended ? carried!.length : 0, !appended);
	carried = {changes, length: changes.length, log};
	return log;
};

/**
 * A deal's stage history: the stage it was created in (from its create entry, else the first logged
 * change's stage before, else its stage now), then each logged change. The first step is `logged`
 * only when the deal was created in the console; every later one is.
 */
export const stageHistory = (deal: Opportunity, events: readonly StageEvent[] | undefined): StageStep[] => {
	if (!events || events.length === 0) return [{stage: deal.stage, at: deal.createdAt, logged: false}];
	const first = events[0]!;
	const opening = first.from === undefined ? first : undefined;
	const steps: StageStep[] = [
		{stage: opening ? opening.to : first.from!, at: deal.createdAt, logged: opening?.created === true},
	];
	for (const event of opening ? events.slice(1) : events) {
		// A restored deal in the stage it had: nothing moved.
		if (event.to === steps[steps.length - 1]!.stage) continue;
		steps.push({stage: event.to, at: event.at, logged: true});
	}
	return steps;
};

/** Where each stage stands in the funnel: won beyond every open stage; lost nowhere. */
const funnelOrder: Partial<Record<OpportunityStage, number>> = {
	prospecting: 0,
	qualification: 1,
	proposal: 2,
	negotiation: 3,
	won: 4,
};

export const funnelStages = [...openStages, 'won'] as const;
export type FunnelStage = (typeof funnelStages)[number];

/**
 * How far a deal's history went (KPI.md: it reached S when S or a later open stage is in it; a won
 * deal reached every stage): the funnel's stages it reached are the first `reach` ones.
 */
export const reachOf = (steps: readonly StageStep[]): number => {
	let furthest = 0;
	for (const step of steps) furthest = Math.max(furthest, (funnelOrder[step.stage] ?? -1) + 1);
	return furthest;
};

/** A finished visit to an open stage: from entering it to the next stage change, both logged or the first from a console create. */
export type Visit = {stage: (typeof openStages)[number]; from: string; to: string; days: number};

export const visitsOf = (steps: readonly StageStep[]): Visit[] => {
	const visits: Visit[] = [];
	for (let index = 0; index + 1 < steps.length; index++) {
		const step = steps[index]!;
		if (!step.logged || funnelOrder[step.stage] === undefined || step.stage === 'won') continue;
		const next = steps[index + 1]!;
		visits.push({
			stage: step.stage as Visit['stage'],
			from: step.at,
			to: next.at,
			days: (isoTime(next.at) - isoTime(step.at)) / 86_400_000,
		});
	}
	return visits;
};

/** Since when an open deal has been in its stage, and whether the log says so (else it is at least since then). */
export const inStageSince = (steps: readonly StageStep[]): {at: string; logged: boolean} => {
	const last = steps[steps.length - 1]!;
	return {at: last.at, logged: last.logged};
};
