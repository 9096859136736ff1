import type {Activity} from '../../domain/activity.js';
import type {Campaign, CampaignStatus} from '../../domain/campaign.js';
import type {Customer} from '../../domain/customer.js';
import type {Opportunity} from '../../domain/opportunity.js';
import type {Order, OrderStatus} from '../../domain/order.js';
import {lineToInput} from '../../domain/order-line-input.js';
import type {Ticket} from '../../domain/ticket.js';
import {campaignVerb, followUpDone, orderVerb} from '../../domain/workflow-verbs.js';
import {t} from '../../i18n/i18n.js';
import {followUpForm, orderForm} from '../forms/form-definitions.js';
import type {AfterSave, AppState, ConfirmAction} from './app-types.js';
import {openNewForm} from './form-actions.js';
import type {Handler} from './key-handlers.js';
import {customerLabel} from './related-records.js';
import {requestApply} from './requests.js';
import {selectedRecord, viewContext} from './selection.js';

/*
 * The lifecycle beyond a record's own fields: an order or a campaign moved a status on, cancelled;
 * a follow-up scheduled or done; and what a save offers next (a won deal its order, a resolved
 * ticket its follow-up).
 */

const info = (state: AppState, text: string): AppState => ({...state, notice: {text, tone: 'info'}});

const advanceOrder: Handler = (state) => {
	const order = selectedRecord(state) as Order | undefined;
	if (!order) return info(state, t('state.lifecycle.noOrder'));
	const outcome = orderVerb(order, 'advance');
	if (!outcome.ok) return info(state, outcome.problem);
	const status = outcome.values.status as OrderStatus;
	return requestApply(
		state,
		[{kind: 'update', entity: 'orders', id: order.id, version: order.version, values: {status}}],
		t('state.lifecycle.orderNow', {number: order.number, status}),
	);
};

const advanceCampaign: Handler = (state) => {
	const campaign = selectedRecord(state) as Campaign | undefined;
	if (!campaign) return info(state, t('state.lifecycle.noCampaign'));
	const outcome = campaignVerb(campaign, 'advance');
	if (!outcome.ok) return info(state, outcome.problem);
	const status = outcome.values.status as CampaignStatus;
	return requestApply(
		state,
		[{kind: 'update', entity: 'campaigns', id: campaign.id, version: campaign.version, values: {status}}],
		t('state.lifecycle.campaignNow', {name: campaign.name, status}),
	);
};

/** Cancelling asks first: a cancelled order or campaign is not moved on again (u undoes it). */
const askToCancel: Handler = (state) => {
	const record = selectedRecord(state) as Order | Campaign | undefined;
	const isOrder = state.screen === 'orders';
	if (!record) return info(state, isOrder ? t('state.lifecycle.noOrder') : t('state.lifecycle.noCampaign'));
	const words = {
		number: isOrder ? (record as Order).number : '',
		name: isOrder ? '' : (record as Campaign).name,
		status: record.status,
	};
	const final = isOrder ? ['paid', 'cancelled'] : ['completed', 'cancelled'];
	if (final.includes(record.status))
		return info(
			state,
			isOrder ? t('state.lifecycle.orderNotCancelled', words) : t('state.lifecycle.campaignNotCancelled', words),
		);
	return {
		...state,
		overlay: {
			kind: 'confirm',
			message: isOrder ? t('state.lifecycle.cancelOrder', words) : t('state.lifecycle.cancelCampaign', words),
			details: [isOrder ? t('state.lifecycle.cancelOrderDetail') : t('state.lifecycle.cancelCampaignDetail')],
			onYes: {
				kind: 'apply',
				mutations: [
					{
						kind: 'update',
						entity: isOrder ? 'orders' : 'campaigns',
						id: record.id,
						version: record.version,
						values: {status: 'cancelled'},
					},
				],
				notice: isOrder ? t('state.lifecycle.orderCancelled', words) : t('state.lifecycle.campaignCancelled', words),
			},
		},
	};
};

/** `f` on a customer or a ticket: a follow-up to do on a day. */
const scheduleFollowUp: Handler = (state) => {
	const record = selectedRecord(state) as Customer | Ticket | undefined;
	if (!record) return info(state, t('state.lifecycle.nothingToFollow'));
	const onTicket = state.screen === 'tickets';
	return openFollowUpForm(state, onTicket ? record.id : null, onTicket ? (record as Ticket).customerId : record.id);
};

const openFollowUpForm = (state: AppState, ticketId: string | null, customerId: string): AppState =>
	openNewForm(state, followUpForm, {
		kind: 'follow_up',
		customerId,
		ticketId,
		at: new Date(state.now).toISOString(),
		operator: state.operator,
		doneAt: null,
	});

/** `x` on a follow-up due: done now. */
const markFollowUpDone: Handler = (state) => {
	const entry = selectedRecord(state) as Activity | undefined;
	if (!entry) return info(state, t('state.lifecycle.noFollowUp'));
	const outcome = followUpDone(entry, new Date(state.now).toISOString());
	if (!outcome.ok) return info(state, outcome.problem);
	return requestApply(
		state,
		[{kind: 'update', entity: 'activities', id: entry.id, version: entry.version, values: outcome.values}],
		t('state.lifecycle.done', {text: entry.text.slice(0, 60)}),
	);
};

export const lifecycleHandlers = {
	'order.advance': advanceOrder,
	'order.cancel': askToCancel,
	'campaign.advance': advanceCampaign,
	'campaign.cancel': askToCancel,
	'customer.followUp': scheduleFollowUp,
	'followup.done': markFollowUpDone,
} as const;

/** What a save offers next, as a question: a won deal its order, a resolved ticket a follow-up. */
export const offerAfterSave = (state: AppState, after: AfterSave): AppState | undefined => {
	const {related} = viewContext(state);
	if (after.kind === 'offerFollowUp')
		return {
			...state,
			overlay: {
				kind: 'confirm',
				message: after.customerId
					? t('state.lifecycle.followUpWith', {customer: customerLabel(related, after.customerId)})
					: t('state.lifecycle.followUp'),
				details: [t('state.lifecycle.followUpDetail')],
				onYes: {kind: 'followUpForm', ticketId: after.ticketId, customerId: after.customerId},
			},
		};
	if (after.kind === 'offerOrder') {
		const deal = related.byId.opportunities.get(after.dealId) as Opportunity | undefined;
		if (!deal) return undefined;
		return {
			...state,
			overlay: {
				kind: 'confirm',
				message: t('state.lifecycle.orderAsk', {title: deal.title}),
				details: [t('state.lifecycle.orderDetail')],
				onYes: {kind: 'orderForm', dealId: deal.id},
			},
		};
	}
	return undefined;
};

/** The form a "yes" opens: the follow-up or the order offered. */
export const openOfferedForm = (
	state: AppState,
	action: Extract<ConfirmAction, {kind: 'followUpForm' | 'orderForm'}>,
): AppState => {
	if (action.kind === 'followUpForm') return openFollowUpForm(state, action.ticketId, action.customerId);
	const deal = viewContext(state).related.byId.opportunities.get(action.dealId) as Opportunity | undefined;
	if (!deal) return info(state, t('state.lifecycle.dealGone'));
	const line = lineToInput({product: deal.product || deal.title, quantity: 1, unitPrice: deal.amount, discount: 0});
	return openNewForm(
		state,
		orderForm,
		{},
		{
			customerId: deal.customerId,
			opportunityId: deal.id,
			currency: deal.currency,
			status: 'confirmed',
			'lines.0': line,
		},
	);
};
