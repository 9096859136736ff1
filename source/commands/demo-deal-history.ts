import {type ChangeEntry, diffRecords} from '../domain/change-log.js';
import {newId} from '../domain/ids.js';
import {defaultProbability, type Opportunity, type OpportunityStage, openStages} from '../domain/opportunity.js';
import {recordLabel} from '../domain/record-label.js';
import {clamp, day} from '../domain/units.js';
import type {RandomSource} from './random-source.js';

type OpenStage = (typeof openStages)[number];

/** How far back deals get a stage history: the twelve periods of the trend charts (funnel, days in stage). */
export const dealHistoryMonths = 12;

/**
 * How many deals at most get one, spread evenly over those months. A create entry holds the whole
 * deal: with every recent deal logged (about 800, 2,700 entries) the default demo's file grew from
 * 2.7 to 5.6 MB, past the 4 MB from which a save appends to a journal instead of rewriting the file
 * (settings `journal.fromBytes`): the demo would have saved differently. 240 keep it near 3.6 MB and
 * a huge seed's (the bench's) log small, and still give each of the twelve periods deals (20 a month
 * on average, fewer in the early ones: the business grows). The other deals keep no log, as
 * before: KPI.md counts them by the stage they have, and no visit of theirs.
 */
export const maxDealHistories = 240;

/** The first moment whose deals get a stage history: `dealHistoryMonths` calendar months before `end`. */
export const dealHistoryStart = (end: number): string => {
	const date = new Date(end);
	date.setUTCMonth(date.getUTCMonth() - dealHistoryMonths);
	return date.toISOString();
};

/**
 * The relative time a deal spends in each open stage: a first call is quick, a proposal takes
 * writing and reading, a negotiation waits on legal and purchasing.
 */
const stageWeight: Record<OpenStage, number> = {prospecting: 1, qualification: 1.5, proposal: 2.1, negotiation: 2.8};

const stageAt = (index: number): OpenStage => openStages[index]!;
const indexOf = (stage: OpenStage): number => openStages.indexOf(stage);
const isOpen = (stage: OpportunityStage): stage is OpenStage => (openStages as readonly string[]).includes(stage);

/**
 * The open stage a deal was last in: its stage while open; for a won deal mostly negotiation; a
 * lost deal was lost the further on the longer it lived (a deal dropped early was dropped soon).
 */
const lastOpenStage = (random: RandomSource, deal: Opportunity): OpenStage => {
	if (isOpen(deal.stage)) return deal.stage;
	if (deal.stage === 'won') return random.chance(0.12) ? 'proposal' : 'negotiation';
	const lived = (Date.parse(deal.closedAt!) - Date.parse(deal.createdAt)) / day;
	return stageAt(clamp(Math.floor((lived / 15) * (0.5 + 0.8 * random.next())), 0, openStages.length - 1));
};

/**
 * The open stages a deal went through, in order: created in prospecting (or, for a warm lead,
 * directly in qualification), then forward to its last open stage, now and then skipping one and
 * rarely (once at most) going back one.
 */
const openPath = (random: RandomSource, deal: Opportunity): OpenStage[] => {
	const target = indexOf(lastOpenStage(random, deal));
	const first = target > 0 && random.chance(0.18) ? 1 : 0;
	const path: OpenStage[] = [stageAt(first)];
	let at = first;
	let wentBack = false;
	while (at < target) {
		if (!wentBack && at > first && random.chance(0.06)) {
			wentBack = true;
			at -= 1;
		} else at += at + 2 <= target && random.chance(0.12) ? 2 : 1;
		path.push(stageAt(at));
	}
	return path;
};

/**
 * When the deal entered each stage of `path` after the first and, for a closed deal, when it closed
 * (exactly `closedAt`): the deal's life (created until closed, or until `end`) shared among the
 * visits by their stages' weights, with some spread. An open deal's current visit is under way, so
 * only part of it is behind: its last move lies before `end`. Times never go back.
 */
const moveTimes = (random: RandomSource, path: readonly OpenStage[], deal: Opportunity, end: number): number[] => {
	const start = Date.parse(deal.createdAt);
	const stop = deal.closedAt === null ? end - 1 : Date.parse(deal.closedAt);
	const weights = path.map((stage) => stageWeight[stage] * random.logNormal(1, 0.35));
	if (deal.closedAt === null) weights[weights.length - 1]! *= 0.2 + 0.8 * random.next();
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	const times: number[] = [];
	let behind = 0;
	let previous = start;
	for (let index = 1; index < path.length; index++) {
		behind += weights[index - 1]!;
		const at = Math.min(stop, Math.max(previous + 1, Math.round(start + ((stop - start) * behind) / total)));
		times.push(at);
		previous = at;
	}
	if (deal.closedAt !== null) times.push(stop);
	return times;
};

/**
 * The deal's probability in an open stage: the stage's default, unless the deal (open) has one of
 * its own, which the operator set when creating it and which then stays, as the console keeps it.
 */
const probabilityIn = (deal: Opportunity, stage: OpenStage): number =>
	isOpen(deal.stage) && deal.probability !== defaultProbability[deal.stage]
		? deal.probability
		: defaultProbability[stage];

const entry = (
	random: RandomSource,
	record: Opportunity,
	action: 'create' | 'update',
	at: string,
	before: Opportunity | undefined,
): ChangeEntry => ({
	id: newId('chg', random.next),
	at,
	operator: record.owner || 'Marcus Lee',
	action,
	entity: 'opportunities',
	recordId: record.id,
	label: recordLabel('opportunities', record),
	changes: diffRecords(
		before as unknown as Record<string, unknown> | undefined,
		record as unknown as Record<string, unknown>,
	),
	undoOf: null,
	batch: null,
});

export type DealHistory = {
	/** The deal as the log leaves it: its version one more than its updates, updated at its last move. */
	deal: Opportunity;
	/** Its create entry and one update per stage move, in order of time (not chained). */
	entries: ChangeEntry[];
};

/**
 * One deal's life as the console would have logged it: created open in the first stage of its
 * path (its probability that stage's, no close date or reasons, version 1), then one update per
 * stage move listing only the fields it changed (stage, probability; on the close closedAt and
 * the reason), ending in the deal exactly as it is but for its version and updatedAt.
 */
export const dealHistory = (random: RandomSource, deal: Opportunity, end: number): DealHistory => {
	const path = openPath(random, deal);
	const stages: OpportunityStage[] = deal.closedAt === null ? path : [...path, deal.stage];
	const times = moveTimes(random, path, deal, end);
	const {wonReason: _notYet, ...open} = deal;
	let record: Opportunity = {
		...open,
		stage: path[0]!,
		probability: probabilityIn(deal, path[0]!),
		closedAt: null,
		lostReason: '',
		updatedAt: deal.createdAt,
		version: 1,
	};
	const entries = [entry(random, record, 'create', deal.createdAt, undefined)];
	for (let index = 1; index < stages.length; index++) {
		const stage = stages[index]!;
		const at = new Date(times[index - 1]!).toISOString();
		const next: Opportunity =
			index === stages.length - 1
				? {...deal, updatedAt: at, version: index + 1}
				: {...record, stage, probability: probabilityIn(deal, stage as OpenStage), updatedAt: at, version: index + 1};
		entries.push(entry(random, next, 'update', at, record));
		record = next;
	}
	// A deal still in the stage it was created in is exactly as created: it stays as it is.
	return {deal: stages.length === 1 ? deal : record, entries};
};

/** `limit` of `items` at most, evenly spaced through them (all of them when they are no more). */
const evenlySpaced = <T>(items: readonly T[], limit: number): T[] => {
	if (items.length <= limit) return [...items];
	return Array.from({length: limit}, (_, index) => items[Math.floor(((index + 0.5) * items.length) / limit)]!);
};

/**
 * The demo's deals with a stage history in the change log: those created in the last
 * `dealHistoryMonths` before `end`, `limit` at most spread evenly over them by creation (so the
 * funnel and days-in-stage figures have data in every period, the file stays small). Returns every
 * deal, in the order given — those with a history at the version and updatedAt the log leaves
 * them — and the log entries of the histories, in order of time and not chained: the caller merges
 * them into its log. Deals without a history are returned as they are, with no entry.
 */
export const demoDealHistory = (
	random: RandomSource,
	deals: readonly Opportunity[],
	end: number,
	limit = maxDealHistories,
): {opportunities: Opportunity[]; entries: ChangeEntry[]} => {
	const from = dealHistoryStart(end);
	const recent = evenlySpaced(
		deals
			.filter((deal) => deal.createdAt >= from)
			.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
		limit,
	);
	const histories = new Map<string, DealHistory>();
	for (const deal of recent) histories.set(deal.id, dealHistory(random, deal, end));
	const entries = [...histories.values()]
		.flatMap((history) => history.entries)
		.sort((a, b) => a.at.localeCompare(b.at));
	return {opportunities: deals.map((deal) => histories.get(deal.id)?.deal ?? deal), entries};
};
