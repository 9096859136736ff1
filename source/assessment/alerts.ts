import type {Activity} from '../domain/activity.js';
import type {Customer} from '../domain/customer.js';
import type {Dataset} from '../domain/dataset.js';
import type {Feedback} from '../domain/feedback.js';
import type {Opportunity} from '../domain/opportunity.js';
import type {AssessmentSettings} from '../domain/settings.js';
import type {Ticket} from '../domain/ticket.js';
import {day, hour} from '../domain/units.js';
import {t} from '../i18n/i18n.js';
import {type Alert, type Said, saidAlert} from './alert.js';
import {byRulesMet, type RiskMove, risksMoved} from './churn-order.js';
import {beforePiece, piece, slices} from './counting-steps.js';
import {carriedPerList} from './day-table.js';
import {isoTime} from './iso-time.js';
import {type KpiId, kpiLabelKey} from './kpi-catalog.js';
import {memoOf} from './memo.js';
import {isBefore, later} from './periods.js';
import {hasOwnAlert} from './stage-alerts.js';
import type {Assessed} from './targets.js';

export {type Alert, type AlertRecord, alertInEnglish, type Said, saidAlert} from './alert.js';

/** Missed KPIs of the period, worst attainment first. */
export const kpiAlerts = (assessed: Partial<Record<KpiId, Assessed>>): Alert[] =>
	Object.entries(assessed)
		.filter((entry): entry is [KpiId, Assessed] => entry[1]?.status === 'missed' && !hasOwnAlert(entry[0] as KpiId))
		.sort((a, b) => (a[1].attainment ?? 0) - (b[1].attainment ?? 0))
		.map(([id]) =>
			saidAlert(
				{kind: 'kpi', records: [], severity: 'bad'},
				{
					rule: (options) => t('assess.alert.kpiMissedRule', options),
					message: (options) => t('assess.alert.kpiMissed', {...options, kpi: t(kpiLabelKey(id), options)}),
				},
			),
		);

/** Open tickets past their due time, or due within the warning hours. */
export const slaAlerts = (dataset: Dataset, now: number, settings: AssessmentSettings): Alert[] =>
	memoOf(dataset.tickets, 'sla', () => slaAlertsOf(dataset, now, settings), `${now}:${settings.slaWarningHours}`);

const slaAlertsOf = (dataset: Dataset, now: number, settings: AssessmentSettings): Alert[] => {
	const open = dataset.tickets.filter((ticket) => ticket.resolvedAt === null);
	const overdue = open.filter((ticket) => isoTime(ticket.dueAt) < now);
	const soon = open.filter(
		(ticket) => isoTime(ticket.dueAt) >= now && isoTime(ticket.dueAt) < now + settings.slaWarningHours * hour,
	);
	const alerts: Alert[] = [];
	const hours = settings.slaWarningHours;
	if (overdue.length > 0) {
		alerts.push(
			saidAlert(
				{kind: 'sla', records: overdue.map((ticket) => ({entity: 'tickets', id: ticket.id})), severity: 'bad'},
				{
					rule: (options) => t('assess.alert.slaOverdueRule', options),
					message: (options) => t('assess.alert.slaOverdue', {...options, count: overdue.length}),
				},
			),
		);
	}
	if (soon.length > 0) {
		alerts.push(
			saidAlert(
				{kind: 'sla', records: soon.map((ticket) => ({entity: 'tickets', id: ticket.id})), severity: 'warn'},
				{
					rule: (options) => t('assess.alert.slaSoonRule', {...options, hours}),
					message: (options) => t('assess.alert.slaSoon', {...options, count: soon.length, hours}),
				},
			),
		);
	}
	return alerts;
};

/** A churn rule that fired (the urgent-ticket one is the bad one): `churnRuleWords` says it. */
export type ChurnRule = 'inactive' | 'rating' | 'urgent';

export type ChurnRisk = {customerId: string; rules: ChurnRule[]};

/**
 * Customers at risk of churn, each with the rules that fired: no activity for N days (no deal,
 * ticket, feedback or timeline entry), a recent low rating, an open urgent ticket. Churned customers
 * and leads are not at risk of churning.
 */
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
	return carriedPerList<R, LastSeen>(
		{
			// Built afresh: no customer's latest has moved since (nothing noted in `changed`).
			start: () => ({seen: new Map(), changed: []}),
			take: (state, list, from, to) => {
				for (let index = from; index < to; index++) seen(state, list[index]!);
			},
		},
		(state, changes) => {
			for (const [old, current] of changes)
				if (
					old &&
					old.customerId !== '' &&
					state.seen.get(old.customerId) === at(old) &&
					!(current && current.customerId === old.customerId && at(current) >= at(old))
				)
					return false;
			for (const [, current] of changes) if (current) see(state, current);
			return true;
		},
	);
};

/** The latest time per customer, and the customers whose latest time moved since it was built (in order). */
type LastSeen = {seen: Map<string, string>; changed: string[]};

const dealsLastSeen = lastSeenOf<Opportunity>((deal) => deal.updatedAt);
const ticketsLastSeen = lastSeenOf<Ticket>((ticket) => ticket.updatedAt);
const feedbackLastSeen = lastSeenOf<Feedback>((entry) => entry.createdAt);
const activitiesLastSeen = lastSeenOf<Activity>((activity) => activity.at);

/** The last churn-risk list drawn up, and what it was drawn from: after an edit only the customers it touched are looked at again. */
let drawn:
	| {
			customers: readonly Customer[];
			sources: LastSeen[];
			seenChanges: number[];
			lowRated: Set<string>;
			urgent: Set<string>;
			key: string;
			fired: Map<string, ChurnRule[]>;
			risks: ChurnRisk[];
	  }
	| undefined;

type ChurnRules = AssessmentSettings['churnRisk'];

/** What the rules look at, each carried or memoised per list: the latest moment per customer in each kind of record, low ratings and open urgent tickets. */
const churnSignals = (dataset: Dataset, now: number, rules: ChurnRules) => {
	const since = now - rules.ratingDays * day;
	return {
		sources: [
			dealsLastSeen(dataset.opportunities),
			ticketsLastSeen(dataset.tickets),
			feedbackLastSeen(dataset.feedback),
			activitiesLastSeen(dataset.activities),
		],
		lowRated: memoOf(
			dataset.feedback,
			'lowRated',
			() => {
				const ids = new Set<string>();
				for (const entry of dataset.feedback)
					if (entry.rating <= rules.lowRating && !isBefore(entry.createdAt, since)) ids.add(entry.customerId);
				return ids;
			},
			`${rules.lowRating}:${since}`,
		),
		urgent: memoOf(dataset.tickets, 'urgent', () => {
			const ids = new Set<string>();
			for (const ticket of dataset.tickets)
				if (ticket.priority === 'urgent' && ticket.resolvedAt === null) ids.add(ticket.customerId);
			return ids;
		}),
	};
};

/** The rules a customer meets, or undefined for none. */
const churnRuleCheck = (now: number, rules: ChurnRules, signals: ReturnType<typeof churnSignals>) => {
	const {sources, lowRated, urgent} = signals;
	// Inactive: nothing logged, sold or asked for since this instant (now − N days), nor created since.
	const quietSince = now - rules.inactiveDays * day;
	return (customer: Customer): ChurnRule[] | undefined => {
		if (customer.status !== 'active') return undefined;
		const fired: ChurnRule[] = [];
		let quiet = isBefore(customer.createdAt, quietSince);
		for (let index = 0; quiet && index < sources.length; index++) {
			const at = sources[index]!.seen.get(customer.id);
			if (at !== undefined && !isBefore(at, quietSince)) quiet = false;
		}
		if (quiet) fired.push('inactive');
		if (lowRated.has(customer.id)) fired.push('rating');
		if (rules.openUrgentTickets && urgent.has(customer.id)) fired.push('urgent');
		return fired.length > 0 ? fired : undefined;
	};
};

/** A churn rule in words, with the settings' numbers. */
const churnRuleWords =
	(rule: ChurnRule, rules: ChurnRules): Said =>
	(options) =>
		rule === 'inactive'
			? t('assess.alert.inactiveRule', {...options, days: rules.inactiveDays})
			: rule === 'rating'
				? t('assess.alert.lowRatingRule', {...options, rating: rules.lowRating, days: rules.ratingDays})
				: t('assess.alert.urgentRule', options);

/** Each customer's place in the list, by id: kept with the list (`made`, when the caller has it already). */
const customerPositions = (customers: readonly Customer[], made?: Map<string, number>): Map<string, number> =>
	memoOf(customers, 'positions', () => made ?? new Map(customers.map((customer, index) => [customer.id, index])));

/** What every customer's rules are counted from: while it is the same, customers looked at are not looked at again. */
type Signals = {key: string; lowRated: Set<string>; urgent: Set<string>; sources: LastSeen[]};

/**
 * Customers looked at so far by a count that goes in steps (`lookedAt`), and what they were looked at with, kept
 * with the customers' list: a count left halfway keeps nothing once its list is gone.
 */
const looking = new WeakMap<
	readonly Customer[],
	Signals & {seenChanges: number[]; fired: Map<string, ChurnRule[]>; positions: Map<string, number>; next: number}
>();

/**
 * The rules each customer meets, and each customer's place in the list (for the edits to come: moving one in the
 * list of risks), a slice of customers at a time; a count that goes in steps goes on where the last stopped, while
 * the customers and what the rules read are the same (a latest moment carried in place has not moved).
 */
const lookedAt = (
	customers: readonly Customer[],
	rulesFired: (customer: Customer) => ChurnRule[] | undefined,
	signals: Signals,
) => {
	const before = looking.get(customers);
	const same =
		before !== undefined &&
		before.key === signals.key &&
		before.lowRated === signals.lowRated &&
		before.urgent === signals.urgent &&
		before.sources.every(
			(source, index) => source === signals.sources[index] && source.changed.length === before.seenChanges[index],
		);
	const at =
		same && before
			? before
			: {
					...signals,
					seenChanges: signals.sources.map((source) => source.changed.length),
					fired: new Map<string, ChurnRule[]>(),
					positions: new Map<string, number>(),
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
				const rulesNow = rulesFired(customer);
				if (rulesNow) at.fired.set(customer.id, rulesNow);
			}
		});
		at.next = to;
	}
	return at;
};

/** How many customers whose rules changed are moved in the list of risks; more, and it is made afresh. */
const movedAtMost = 256;

export const churnRisks = (dataset: Dataset, now: number, settings: AssessmentSettings): ChurnRisk[] => {
	const rules = settings.churnRisk;
	const signals = churnSignals(dataset, now, rules);
	const {sources, lowRated, urgent} = signals;
	const rulesFired = churnRuleCheck(now, rules, signals);
	const key = `${now}:${JSON.stringify(rules)}`;
	const same =
		drawn !== undefined &&
		drawn.customers === dataset.customers &&
		drawn.lowRated === lowRated &&
		drawn.urgent === urgent &&
		drawn.key === key &&
		drawn.sources.every((source, index) => source === sources[index]);
	if (same && drawn!.sources.every((source, index) => source.changed.length === drawn!.seenChanges[index]))
		return drawn!.risks;
	let fired: Map<string, ChurnRule[]>;
	let risks: ChurnRisk[] | null = null;
	if (same) {
		// Only some customers' latest activity moved: look at those again, and move those whose rules changed in the list.
		fired = drawn!.fired;
		const moves: RiskMove[] = [];
		const positions = customerPositions(dataset.customers);
		for (const id of new Set(sources.flatMap((source, index) => source.changed.slice(drawn!.seenChanges[index])))) {
			const at = positions.get(id);
			const customer = at === undefined ? undefined : dataset.customers[at];
			const before = fired.get(id);
			const rulesNow = customer ? rulesFired(customer) : undefined;
			if (rulesNow) fired.set(id, rulesNow);
			else fired.delete(id);
			if (before?.join() !== rulesNow?.join()) moves.push({customerId: id, before, after: rulesNow});
		}
		if (moves.length === 0) risks = drawn!.risks;
		else if (moves.length <= movedAtMost) risks = risksMoved(drawn!.risks, moves, (id) => positions.get(id));
	} else {
		// Every customer looked at, a slice at a time in a count that goes in steps (nothing above has changed yet).
		const looked = lookedAt(dataset.customers, rulesFired, {key, lowRated, urgent, sources});
		fired = looked.fired;
		customerPositions(dataset.customers, looked.positions);
		beforePiece();
		risks = piece(() => byRulesMet(dataset.customers, fired));
		// Only now, once nothing is left where the count may stop: what was looked at is not looked at again.
		looking.delete(dataset.customers);
	}
	risks ??= byRulesMet(dataset.customers, fired);
	const seenChanges = sources.map((source) => source.changed.length);
	drawn = {customers: dataset.customers, sources, seenChanges, lowRated, urgent, key, fired, risks};
	return risks;
};

/** The churn alerts of a list of risks, kept with it: `churnRisks` gives the same list while nothing it looks at changed (an edit of a deal's amount). */
export const churnAlerts = (risks: readonly ChurnRisk[], settings: AssessmentSettings): Alert[] =>
	memoOf(risks, 'churnAlerts', () => churnAlertsOf(risks, settings), JSON.stringify(settings.churnRisk));

const churnAlertsOf = (risks: readonly ChurnRisk[], settings: AssessmentSettings): Alert[] => {
	const byRule = new Map<ChurnRule, string[]>();
	for (const risk of risks)
		for (const rule of risk.rules) {
			const ids = byRule.get(rule);
			if (ids) ids.push(risk.customerId);
			else byRule.set(rule, [risk.customerId]);
		}
	return [...byRule.entries()].map(([rule, ids]) => {
		const said = churnRuleWords(rule, settings.churnRisk);
		return saidAlert(
			{
				kind: 'churn',
				records: ids.map((id) => ({entity: 'customers', id})),
				severity: rule === 'urgent' ? 'bad' : 'warn',
			},
			{
				rule: said,
				message: (options) => t('assess.alert.churn', {...options, count: ids.length, rule: said(options)}),
			},
		);
	});
};
