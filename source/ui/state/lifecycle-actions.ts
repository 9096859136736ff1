import type {Activity} from '../../domain/activity.js';
import {type Campaign, type CampaignStatus, campaignStatuses} from '../../domain/campaign.js';
import type {Customer} from '../../domain/customer.js';
import type {Opportunity} from '../../domain/opportunity.js';
import {type Order, type OrderStatus, orderStatuses} from '../../domain/order.js';
import {lineToInput} from '../../domain/order-line-input.js';
import type {Ticket} from '../../domain/ticket.js';
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

/** The next status forward: an order draft → confirmed → fulfilled → paid, a campaign planned → active → completed. */
const forward = <S extends string>(statuses: readonly S[], last: S, current: S): S | undefined =>
	statuses.indexOf(current) < statuses.indexOf(last) ? statuses[statuses.indexOf(current) + 1] : undefined;

const advanceOrder: Handler = (state) => {
	const order = selectedRecord(state) as Order | undefined;
	if (!order) return info(state, 'No order is selected.');
	const status = forward<OrderStatus>(orderStatuses, 'paid', order.status);
	if (!status) return info(state, `${order.number} is ${order.status}: it moves no further.`);
	return requestApply(
		state,
		[{kind: 'update', entity: 'orders', id: order.id, version: order.version, values: {status}}],
		`${order.number} is now ${status}.`,
	);
};

const advanceCampaign: Handler = (state) => {
	const campaign = selectedRecord(state) as Campaign | undefined;
	if (!campaign) return info(state, 'No campaign is selected.');
	const status = forward<CampaignStatus>(campaignStatuses, 'completed', campaign.status);
	if (!status) return info(state, `“${campaign.name}” is ${campaign.status}: it moves no further.`);
	return requestApply(
		state,
		[{kind: 'update', entity: 'campaigns', id: campaign.id, version: campaign.version, values: {status}}],
		`“${campaign.name}” is now ${status}.`,
	);
};

/** Cancelling asks first: a cancelled order or campaign is not moved on again (u undoes it). */
const askToCancel: Handler = (state) => {
	const record = selectedRecord(state) as Order | Campaign | undefined;
	const isOrder = state.screen === 'orders';
	if (!record) return info(state, `No ${isOrder ? 'order' : 'campaign'} is selected.`);
	const name = isOrder ? (record as Order).number : `“${(record as Campaign).name}”`;
	const final = isOrder ? ['paid', 'cancelled'] : ['completed', 'cancelled'];
	if (final.includes(record.status)) return info(state, `${name} is ${record.status}: it cannot be cancelled.`);
	return {
		...state,
		overlay: {
			kind: 'confirm',
			message: `Cancel ${isOrder ? 'order' : 'campaign'} ${name}?`,
			details: [
				isOrder
					? 'A cancelled order is not booked: it leaves the order KPIs.'
					: 'Its cost still counts as marketing cost: the money was spent.',
			],
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
				notice: `Cancelled ${name}. u undoes it.`,
			},
		},
	};
};

/** `f` on a customer or a ticket: a follow-up to do on a day. */
const scheduleFollowUp: Handler = (state) => {
	const record = selectedRecord(state) as Customer | Ticket | undefined;
	if (!record) return info(state, 'Nothing is selected to follow up.');
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
	if (!entry) return info(state, 'No follow-up is selected.');
	if (entry.doneAt) return info(state, 'That follow-up is done already.');
	return requestApply(
		state,
		[
			{
				kind: 'update',
				entity: 'activities',
				id: entry.id,
				version: entry.version,
				values: {doneAt: new Date(state.now).toISOString()},
			},
		],
		`Follow-up done: “${entry.text.slice(0, 60)}”. u undoes it.`,
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
				message: `Schedule a follow-up${after.customerId ? ` with ${customerLabel(related, after.customerId)}` : ''} on this ticket?`,
				details: ['A call-back due on a day: 9 lists those due today and overdue.'],
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
				message: `Create the order for “${deal.title}”?`,
				details: ['Its customer, currency and a first line from the deal; you check it before it is saved.'],
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
	if (!deal) return info(state, 'That deal no longer exists.');
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
