import type {Customer} from '../domain/customer.js';
import type {Dataset} from '../domain/dataset.js';
import type {AssessmentSettings} from '../domain/settings.js';
import {day} from '../domain/units.js';
import {byRulesMet, type RiskMove, risksMoved} from './churn-order.js';
import {churnSignals, type Signals} from './churn-signals.js';
import {beforePiece, piece, slices} from './counting-steps.js';
import {changesOnce} from './day-table.js';
import {isoTime} from './iso-time.js';
import {isBefore} from './periods.js';

/** A churn rule that fired (the urgent-ticket one is the bad one): `churnRuleWords` (alerts.ts) says it. */
export type ChurnRule = 'inactive' | 'rating' | 'urgent';

export type ChurnRisk = {customerId: string; rules: ChurnRule[]};

type ChurnRules = AssessmentSettings['churnRisk'];

/**
 * A moment of each active customer not inactive, since the rule's threshold and no later than its latest (its
 * creation or a record's), a day at a time: as the clock moves on, only the customers whose moment the threshold
 * passed can become inactive (looked at again, they are noted with a later one).
 * `odd` holds those whose moments are not all plain timestamps: looked at again whenever the clock moves.
 */
type Latest = {byDay: Map<number, {times: number[]; ids: string[]}>; odd: Set<string>};

const noteLatest = (latest: Latest, id: string, at: number) => {
	// Inactive already, or not active: the clock moving on changes nothing.
	if (at === Number.POSITIVE_INFINITY) return;
	if (Number.isNaN(at)) {
		latest.odd.add(id);
		return;
	}
	const key = Math.floor(at / day);
	const bucket = latest.byDay.get(key);
	if (bucket) {
		bucket.times.push(at);
		bucket.ids.push(id);
	} else latest.byDay.set(key, {times: [at], ids: [id]});
};

/**
 * The rules a customer meets (undefined for none), and in `out.latest` a moment since the threshold no later than its
 * latest (NaN when that moment is not a plain timestamp; none for a customer inactive or not active, whose rule the
 * clock moving on does not change).
 */
const churnRuleCheck = (now: number, rules: ChurnRules, signals: Signals) => {
	const {sources, lowRated, urgent} = signals;
	// Inactive: nothing logged, sold or asked for since this instant (now − N days), nor created since.
	const quietSince = now - rules.inactiveDays * day;
	const out = {latest: Number.POSITIVE_INFINITY};
	const rulesOf = (customer: Customer): ChurnRule[] | undefined => {
		out.latest = Number.POSITIVE_INFINITY;
		if (customer.status !== 'active') return undefined;
		const fired: ChurnRule[] = [];
		// The first moment found since the threshold (its creation, or a record's), if any: not inactive until the
		// threshold passes it (the latest may be later still; an inactive customer stays so as the clock moves on).
		let quiet = isBefore(customer.createdAt, quietSince);
		if (!quiet) out.latest = isoTime(customer.createdAt);
		for (let index = 0; quiet && index < sources.length; index++) {
			const at = sources[index]!.seen.get(customer.id);
			if (at !== undefined && !isBefore(at, quietSince)) {
				quiet = false;
				out.latest = isoTime(at);
			}
		}
		if (quiet) fired.push('inactive');
		if (lowRated.has(customer.id)) fired.push('rating');
		if (rules.openUrgentTickets && urgent.has(customer.id)) fired.push('urgent');
		return fired.length > 0 ? fired : undefined;
	};
	return {rulesOf, out};
};

/** Customers looked at so far by a full count that goes in steps, kept with the customers' list (nothing kept once it is gone). */
const looking = new WeakMap<
	readonly Customer[],
	{
		now: number;
		signals: Signals;
		seenChanges: number[];
		fired: Map<string, ChurnRule[]>;
		positions: Map<string, number>;
		latest: Latest;
		next: number;
	}
>();

/**
 * Every customer looked at, a slice at a time: the rules each meets, its place in the list (for the edits to come:
 * moving one in the list of risks) and its latest moment. A count that goes in steps goes on where the last stopped,
 * while the customers, the clock and what the rules read are the same (a latest moment carried in place has not moved).
 */
const lookedAt = (
	customers: readonly Customer[],
	now: number,
	signals: Signals,
	check: ReturnType<typeof churnRuleCheck>,
) => {
	const before = looking.get(customers);
	const same =
		before !== undefined &&
		before.now === now &&
		before.signals.lowRated === signals.lowRated &&
		before.signals.urgent === signals.urgent &&
		before.signals.sources.every(
			(source, index) => source === signals.sources[index] && source.changed.length === before.seenChanges[index],
		);
	const at =
		same && before
			? before
			: {
					now,
					signals,
					seenChanges: signals.sources.map((source) => source.changed.length),
					fired: new Map<string, ChurnRule[]>(),
					positions: new Map<string, number>(),
					latest: {byDay: new Map(), odd: new Set<string>()},
					next: 0,
				};
	looking.set(customers, at);
	while (at.next < customers.length) {
		beforePiece();
		const to = Math.min(customers.length, at.next + slices.size);
		piece(() => {
			for (let index = at.next; index < to; index++) {
				const customer = customers[index]!;
				at.positions.set(customer.id, index);
				const rulesNow = check.rulesOf(customer);
				if (rulesNow) at.fired.set(customer.id, rulesNow);
				if (customer.status === 'active') noteLatest(at.latest, customer.id, check.out.latest);
			}
		});
		at.next = to;
	}
	return at;
};

/** The last churn-risk list drawn up, and what it was drawn from: after an edit or a move of the clock only the customers it touched are looked at again. */
type Drawn = {
	customers: readonly Customer[];
	positions: Map<string, number>;
	rules: string;
	now: number;
	signals: Signals;
	seenChanges: number[];
	fired: Map<string, ChurnRule[]>;
	risks: ChurnRisk[];
	latest: Latest;
	/** Customers looked at again since the count, with their latest moment then (`latest` no longer says it). */
	moved: Map<string, number>;
};
let drawn: Drawn | undefined;

/** How many customers whose rules changed are moved in the list of risks; more, and it is made afresh. */
const movedAtMost = 256;
/** How many customers may be looked at again after the count before it is made afresh. */
const lookedAgainAtMost = 8192;
/** How far the clock may move on, in days, with the customers looked at again a day at a time. */
const daysAtMost = 366;

/** Each customer's place in the new list, from the old one's, when an edit left every customer where it was (and added some at the end). */
const positionsAfter = (
	before: Map<string, number>,
	oldLength: number,
	customers: readonly Customer[],
	changes: ReadonlyArray<[Customer | undefined, Customer | undefined]>,
): Map<string, number> | undefined => {
	const added: Customer[] = [];
	for (const [old, current] of changes) {
		if (!current || (old && old.id !== current.id)) return undefined;
		if (old) {
			if (customers[before.get(old.id) ?? -1] !== current) return undefined;
		} else added.push(current);
	}
	if (customers.length !== oldLength + added.length) return undefined;
	const places = added.map((customer) => customers.indexOf(customer, oldLength));
	if (places.includes(-1)) return undefined;
	// The old list's places are not asked for again (the last drawn up is the only one kept): taken over in place.
	for (const [index, customer] of added.entries()) before.set(customer.id, places[index]!);
	return before;
};

/** The customers to look at again since `was` was drawn, or undefined when the risks are to be counted afresh. */
const lookAgain = (was: Drawn, customers: readonly Customer[], now: number, signals: Signals) => {
	const again = new Set<string>();
	signals.sources.forEach((source, index) => {
		for (const id of source.changed.slice(was.seenChanges[index])) again.add(id);
	});
	let positions = was.positions;
	if (customers !== was.customers) {
		const changes = changesOnce(was.customers, customers);
		if (!changes) return undefined;
		for (const [old, current] of changes) again.add((current ?? old)!.id);
		// Another customer at another place (one taken away): the places made again, a walk of the customers.
		positions =
			positionsAfter(was.positions, was.customers.length, customers, changes) ??
			new Map(customers.map((customer, index) => [customer.id, index]));
	}
	for (const [previous, next] of [
		[was.signals.lowRated, signals.lowRated],
		[was.signals.urgent, signals.urgent],
	] as const)
		if (previous !== next) {
			for (const id of previous) if (!next.has(id)) again.add(id);
			for (const id of next) if (!previous.has(id)) again.add(id);
		}
	if (now > was.now) {
		// The threshold of the inactive rule moved on from `from` to `to`: customers whose latest moment lies between may now be inactive.
		const rules = JSON.parse(was.rules) as ChurnRules;
		const from = was.now - rules.inactiveDays * day;
		const to = now - rules.inactiveDays * day;
		if ((to - from) / day > daysAtMost) return undefined;
		const between = (at: number) => at >= from && at < to;
		for (let key = Math.floor(from / day); key <= Math.floor(to / day); key++) {
			const bucket = was.latest.byDay.get(key);
			if (bucket)
				bucket.times.forEach((at, index) => {
					if (between(at) && !was.moved.has(bucket.ids[index]!)) again.add(bucket.ids[index]!);
				});
		}
		for (const [id, at] of was.moved) if (Number.isNaN(at) || between(at)) again.add(id);
		for (const id of was.latest.odd) again.add(id);
	}
	return was.moved.size + again.size > lookedAgainAtMost ? undefined : {again, positions};
};

/**
 * Customers at risk of churn, each with the rules that fired: no activity for N days (no deal,
 * ticket, feedback or timeline entry), a recent low rating, an open urgent ticket. Churned customers
 * and leads are not at risk of churning. Most rules first, then in the customers' order.
 */
export const churnRisks = (dataset: Dataset, now: number, settings: AssessmentSettings): ChurnRisk[] => {
	const rules = settings.churnRisk;
	const rulesKey = JSON.stringify(rules);
	const was = drawn?.rules === rulesKey && now >= drawn.now ? drawn : undefined;
	// The customers with a low rating or an urgent ticket kept from the steps of this count so far, or from the last count.
	const signals = churnSignals(dataset, now, rules, looking.get(dataset.customers)?.signals ?? was?.signals);
	const check = churnRuleCheck(now, rules, signals);
	const {customers} = dataset;
	const sameSources = was?.signals.sources.every((source, index) => source === signals.sources[index]);
	const found = was && sameSources ? lookAgain(was, customers, now, signals) : undefined;
	if (was && found) {
		const {again, positions} = found;
		const moves: RiskMove[] = [];
		const moved = was.moved;
		for (const id of again) {
			const at = positions.get(id);
			const customer = at === undefined ? undefined : customers[at];
			const before = was.fired.get(id);
			const rulesNow = customer ? check.rulesOf(customer) : undefined;
			moved.set(id, customer ? check.out.latest : Number.POSITIVE_INFINITY);
			if (rulesNow) was.fired.set(id, rulesNow);
			else was.fired.delete(id);
			if (before?.join() !== rulesNow?.join()) moves.push({customerId: id, before, after: rulesNow});
		}
		const risks =
			moves.length === 0
				? was.risks
				: ((moves.length <= movedAtMost ? risksMoved(was.risks, moves, (id) => positions.get(id)) : null) ??
					byRulesMet(customers, was.fired));
		drawn = {
			...was,
			customers,
			positions,
			now,
			signals,
			seenChanges: signals.sources.map((source) => source.changed.length),
			risks,
		};
		return risks;
	}
	// Every customer looked at, a slice at a time in a count that goes in steps (nothing above has changed yet).
	const looked = lookedAt(customers, now, signals, check);
	beforePiece();
	const risks = piece(() => byRulesMet(customers, looked.fired));
	// Only now, once nothing is left where the count may stop: what was looked at is not looked at again.
	looking.delete(customers);
	drawn = {
		customers,
		positions: looked.positions,
		rules: rulesKey,
		now,
		signals,
		seenChanges: looked.seenChanges,
		fired: looked.fired,
		risks,
		latest: looked.latest,
		moved: new Map(),
	};
	return risks;
};
