import {t} from '../i18n/i18n.js';
import type {Activity} from './activity.js';
import {type Campaign, campaignMoveAllowed} from './campaign.js';
import type {Customer} from './customer.js';
import type {StoredEntity} from './dataset.js';
import {defaultProbability, isClosedStage, type Opportunity} from './opportunity.js';
import {linesAmount, type Order, orderMoveAllowed} from './order.js';
import type {Settings} from './settings.js';
import {dueAtFor, type Ticket} from './ticket.js';

export type RuleContext = {now: string; settings: Settings};

/** No campaign is stored as no key at all (as on records saved before campaigns existed), not as ''. */
const withoutEmptyCampaign = <R extends {campaignId?: string | undefined}>(record: R): R => {
	if (record.campaignId !== '' && !('campaignId' in record && record.campaignId === undefined)) return record;
	const {campaignId: _none, ...rest} = record;
	return rest as R;
};

/** KPI.md: churnedAt is set when the status becomes churned and cleared if the customer is reactivated. */
const customerRules = (before: Customer | undefined, after: Customer, {now}: RuleContext): Customer => {
	const next = withoutEmptyCampaign(after);
	if (next.status !== 'churned') return {...next, churnedAt: null};
	if (before?.status === 'churned' && before.churnedAt) return {...next, churnedAt: next.churnedAt ?? before.churnedAt};
	return {...next, churnedAt: next.churnedAt ?? now};
};

/**
 * closedAt is set when a deal is won or lost and cleared when it reopens. The probability follows
 * the stage (KPI.md default) unless the operator has set one of their own.
 */
const opportunityRules = (before: Opportunity | undefined, after: Opportunity, {now}: RuleContext): Opportunity => {
	const next = withoutEmptyCampaign({...after});
	const stageChanged = before !== undefined && before.stage !== after.stage;
	if (isClosedStage(next.stage)) {
		// A closedAt given with the change is kept (an undo restores the original); otherwise it is now.
		const given = next.closedAt !== null && next.closedAt !== before?.closedAt;
		next.closedAt = given ? next.closedAt : stageChanged ? now : (next.closedAt ?? before?.closedAt ?? now);
		next.probability = defaultProbability[next.stage];
	} else {
		next.closedAt = null;
		// An untouched default moves with the stage; a probability the operator chose stays.
		const wasDefault = before !== undefined && before.probability === defaultProbability[before.stage];
		const leftAlone = before !== undefined && after.probability === before.probability;
		if (stageChanged && (isClosedStage(before.stage) || (wasDefault && leftAlone)))
			next.probability = defaultProbability[next.stage];
	}
	if (next.stage !== 'lost') next.lostReason = '';
	if (next.stage !== 'won') delete next.wonReason;
	return next;
};

const isResolved = (ticket: Ticket): boolean => ticket.status === 'resolved' || ticket.status === 'closed';

/**
 * dueAt follows the priority's SLA hours from creation; resolvedAt is set on resolve and cleared on
 * reopen; the first response is the first reply or status change an operator makes.
 */
const ticketRules = (before: Ticket | undefined, after: Ticket, {now, settings}: RuleContext): Ticket => {
	const next = {...after, dueAt: dueAtFor(after.createdAt, after.priority, settings.slaHours)};
	const givenResolvedAt = next.resolvedAt !== null && next.resolvedAt !== before?.resolvedAt;
	if (isResolved(next))
		next.resolvedAt = givenResolvedAt
			? next.resolvedAt
			: before && isResolved(before)
				? (before.resolvedAt ?? now)
				: now;
	else next.resolvedAt = null;
	if (before && next.firstResponseAt === null) {
		const replied = next.comments.some((comment) => comment.kind === 'reply' && !before.comments.includes(comment));
		if (replied || next.status !== before.status) next.firstResponseAt = now;
	}
	return next;
};

/** KPI.md: the amount is the lines' sum; paying sets the payment date, anything else clears it. */
const orderRules = (before: Order | undefined, after: Order, {now}: RuleContext): Order => {
	const next = {...after, amount: linesAmount(after.lines)};
	if (next.status !== 'paid') next.paidAt = null;
	else if (next.paidAt === null || next.paidAt === undefined)
		next.paidAt = before?.status === 'paid' ? before.paidAt : now;
	return next;
};

/** A follow-up keeps its due date and whether it is done; any other activity carries neither. */
const activityRules = (after: Activity): Activity => {
	if (after.kind === 'follow_up') return {...after, ticketId: after.ticketId ?? null, doneAt: after.doneAt ?? null};
	const {ticketId: _ticket, dueAt: _due, doneAt: _done, ...rest} = after;
	return rest;
};

/**
 * A status move the entity does not allow (a paid order cancelled, a completed campaign planned
 * again), in words naming the field; null when the move is allowed. An undo is not checked: it
 * puts back what was.
 */
export const transitionProblem = (
	entity: StoredEntity,
	before: unknown,
	after: unknown,
): {field: string; message: string} | null => {
	if (before === undefined) return null;
	if (entity === 'orders') {
		const [from, to] = [(before as Order).status, (after as Order).status];
		if (!orderMoveAllowed(from, to))
			return {
				field: 'status',
				message: from === 'paid' ? t('domain.rule.paidStays', {from, to}) : t('domain.rule.cancelledStays', {from, to}),
			};
	}
	if (entity === 'campaigns') {
		const [from, to] = [(before as Campaign).status, (after as Campaign).status];
		if (!campaignMoveAllowed(from, to)) return {field: 'status', message: t('domain.rule.campaignBack', {from, to})};
	}
	return null;
};

/** What a new record is unless told otherwise: a customer starts as a lead, a deal as prospecting, a ticket open. */
export const newRecordDefaults: Record<StoredEntity, Record<string, unknown>> = {
	customers: {status: 'lead'},
	opportunities: {stage: 'prospecting'},
	tickets: {priority: 'normal', status: 'open', channel: 'email'},
	feedback: {},
	campaigns: {status: 'planned', channel: 'email'},
	orders: {status: 'draft'},
	activities: {},
	surveys: {},
	audiences: {},
};

/** Fields the rules derive, seeded for a new record so that the type check before the rules passes. */
export const derivedFieldSeeds = (entity: StoredEntity, now: string): Record<string, unknown> =>
	entity === 'tickets' ? {dueAt: now} : {};

/** Applies an entity's rules to a record about to be stored; `before` is undefined for a new one. */
export const applyRecordRules = <R>(entity: StoredEntity, before: R | undefined, after: R, context: RuleContext): R => {
	switch (entity) {
		case 'customers':
			return customerRules(before as Customer | undefined, after as Customer, context) as R;
		case 'opportunities':
			return opportunityRules(before as Opportunity | undefined, after as Opportunity, context) as R;
		case 'tickets':
			return ticketRules(before as Ticket | undefined, after as Ticket, context) as R;
		case 'orders':
			return orderRules(before as Order | undefined, after as Order, context) as R;
		case 'activities':
			return activityRules(after as Activity) as R;
		default:
			return after;
	}
};
