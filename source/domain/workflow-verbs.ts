import {t} from '../i18n/i18n.js';
import type {Activity} from './activity.js';
import {type Campaign, type CampaignStatus, campaignStatuses} from './campaign.js';
import {controlCharacterProblem} from './control-characters.js';
import {type Opportunity, type OpportunityStage, openStages} from './opportunity.js';
import {type Order, type OrderStatus, orderStatuses} from './order.js';
import {type Ticket, type TicketComment, type TicketStatus, ticketStatuses} from './ticket.js';

/*
 * The workflow verbs of the console's keys (a deal won or moved a stage, a ticket replied to or
 * resolved, an order paid, a campaign completed, a follow-up done) as plain functions: from the
 * record as it is, the fields the change sets, or why the verb makes no sense for it — in the
 * console's words. The console's keys and `crm <entity> <verb>` both ask here, so a verb sets the
 * same fields (and the store's rules derive the same dates) whichever way it is given.
 */

/** The fields a verb sets on the record, or why it does not apply (one line, the console's words). */
export type VerbOutcome = {ok: true; values: Record<string, unknown>} | {ok: false; problem: string};

const change = (values: Record<string, unknown>): VerbOutcome => ({ok: true, values});
const refuse = (problem: string): VerbOutcome => ({ok: false, problem});

/** A deal's stage one step on (won after negotiation) or back (a closed deal back to negotiation); undefined at either end. */
export const neighbourStage = (stage: OpportunityStage, step: 1 | -1): OpportunityStage | undefined => {
	if (step === -1 && (stage === 'won' || stage === 'lost')) return 'negotiation';
	if (step === 1 && (stage === 'won' || stage === 'lost')) return undefined;
	const order: readonly OpportunityStage[] = [...openStages, 'won'];
	return order[order.indexOf(stage) + step];
};

/** A ticket's status one step on, or back: going back from pending, resolved or closed reopens it. */
export const nextTicketStatus = (status: TicketStatus, step: 1 | -1): TicketStatus | undefined => {
	if (step === -1) return status === 'open' ? undefined : 'open';
	return ticketStatuses[ticketStatuses.indexOf(status) + 1];
};

/** The next status forward up to `last` (an order's paid, a campaign's completed); undefined from it or beyond (cancelled). */
export const statusForward = <S extends string>(statuses: readonly S[], last: S, current: S): S | undefined =>
	statuses.indexOf(current) < statuses.indexOf(last) ? statuses[statuses.indexOf(current) + 1] : undefined;

export type DealVerb =
	| {kind: 'advance' | 'back'}
	| {kind: 'stage'; stage: OpportunityStage}
	/** The reason is one of the settings' won or lost reasons (the console picks it from them). */
	| {kind: 'won' | 'lost'; reason: string};

/** `>`/`<` on a deal, `w`/`x` with the reason picked, or a stage named. */
export const dealVerb = (deal: Opportunity, verb: DealVerb): VerbOutcome => {
	if (verb.kind === 'advance' || verb.kind === 'back') {
		const stage = neighbourStage(deal.stage, verb.kind === 'advance' ? 1 : -1);
		if (stage) return change({stage});
		return refuse(
			verb.kind === 'advance'
				? t('state.record.noFurther', {title: deal.title})
				: t('state.record.noBack', {title: deal.title}),
		);
	}
	const stage = verb.kind === 'stage' ? verb.stage : verb.kind;
	if (deal.stage === stage) return refuse(t('state.record.already', {label: deal.title, value: stage}));
	if (verb.kind === 'won') return change({stage, wonReason: verb.reason});
	if (verb.kind === 'lost') return change({stage, lostReason: verb.reason});
	return change({stage});
};

export type TicketVerb =
	| {kind: 'advance' | 'back' | 'resolve'}
	| {kind: 'reply'; body: string; author: string; at: string};

/** `>`/`<` on a ticket, a reply (`r`), or resolved at once. */
export const ticketVerb = (ticket: Ticket, verb: TicketVerb): VerbOutcome => {
	if (verb.kind === 'reply') {
		const body = verb.body.trim();
		if (body === '') return refuse(t('cli.verbs.replyEmpty'));
		// A control character in the text is refused, as the console's prompt refuses one pasted.
		const controls = controlCharacterProblem(verb.body, true);
		if (controls) return refuse(t('state.overlay.badText', {problem: controls}));
		const comment: TicketComment = {at: verb.at, author: verb.author, body, kind: 'reply'};
		return change({comments: [...ticket.comments, comment]});
	}
	const status: TicketStatus | undefined =
		verb.kind === 'resolve'
			? ticket.status === 'closed'
				? undefined
				: 'resolved'
			: nextTicketStatus(ticket.status, verb.kind === 'advance' ? 1 : -1);
	if (!status || status === ticket.status)
		return refuse(t('state.record.already', {label: ticket.subject, value: ticket.status}));
	return change({status});
};

export type StatusVerb = 'advance' | 'finish' | 'cancel';

/** A final status is kept: a paid or cancelled order, a completed or cancelled campaign, moves no more. */
const statusVerb = <S extends string>(
	statuses: readonly S[],
	last: S,
	current: S,
	verb: StatusVerb,
	words: {last: () => string; notCancelled: () => string},
): VerbOutcome => {
	if (current === last || current === 'cancelled')
		return refuse(verb === 'cancel' ? words.notCancelled() : words.last());
	if (verb === 'cancel') return change({status: 'cancelled'});
	return change({status: verb === 'finish' ? last : statusForward(statuses, last, current)});
};

/** `>` on an order (draft → confirmed → fulfilled → paid), paid at once, or cancelled. */
export const orderVerb = (order: Order, verb: StatusVerb): VerbOutcome => {
	const words = {number: order.number, status: order.status};
	return statusVerb<OrderStatus>(orderStatuses, 'paid', order.status, verb, {
		last: () => t('state.lifecycle.orderLast', words),
		notCancelled: () => t('state.lifecycle.orderNotCancelled', words),
	});
};

/** `>` on a campaign (planned → active → completed), completed at once, or cancelled. */
export const campaignVerb = (campaign: Campaign, verb: StatusVerb): VerbOutcome => {
	const words = {name: campaign.name, status: campaign.status};
	return statusVerb<CampaignStatus>(campaignStatuses, 'completed', campaign.status, verb, {
		last: () => t('state.lifecycle.campaignLast', words),
		notCancelled: () => t('state.lifecycle.campaignNotCancelled', words),
	});
};

/** `x` on a follow-up: done at `at`; one done already, or an activity that is no follow-up, is refused. */
export const followUpDone = (activity: Activity, at: string): VerbOutcome => {
	if (activity.kind !== 'follow_up') return refuse(t('cli.verbs.notFollowUp', {kind: activity.kind}));
	if (activity.doneAt) return refuse(t('state.lifecycle.doneAlready'));
	return change({doneAt: at});
};
