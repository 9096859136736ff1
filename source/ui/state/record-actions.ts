import type {Customer} from '../../domain/customer.js';
import type {AnyStoredRecord, EntityName} from '../../domain/dataset.js';
import {dependentsOf} from '../../domain/dependents.js';
import type {Opportunity, OpportunityStage} from '../../domain/opportunity.js';
import {recordLabel} from '../../domain/record-label.js';
import type {Ticket, TicketStatus} from '../../domain/ticket.js';
import {dealVerb, ticketVerb} from '../../domain/workflow-verbs.js';
import {t} from '../../i18n/i18n.js';
import {activityForm, formFor} from '../forms/form-definitions.js';
import type {CommandOf} from '../keys/keymap.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState} from './app-types.js';
import {singularOf} from './entity-words.js';
import {openEditForm, openNewForm} from './form-actions.js';
import type {CursorMove, Handler} from './key-handlers.js';
import {lifecycleHandlers} from './lifecycle-actions.js';
import {requestApply, requestUndo} from './requests.js';
import {selectedRecord, viewContext} from './selection.js';
import {textInput} from './text-input.js';

/** What else refers to a record, and that it stays: said before a delete, so nobody is surprised by orphans. */
const dependentsSaid = (state: AppState, entity: EntityName, id: string): string[] => {
	const {what, count} = dependentsOf(state.dataset, entity, id);
	if (count === 0) return [];
	if (entity === 'customers')
		return [t('state.record.itHas', {what: what.join(t('state.listSeparator'))}), t('state.record.theyStay')];
	// As a customer's deals do: the members stay (an orphan, crm doctor notes it), and u brings the campaign back to them.
	if (entity === 'campaigns')
		return [
			t('state.record.audienceHas', {what: what.join(t('state.listSeparator'))}),
			t('state.record.membershipsStay', {count}),
		];
	return [t('state.record.answers', {count})];
};

const moveDeal = (state: AppState, deal: Opportunity, stage: OpportunityStage): AppState =>
	requestApply(
		state,
		[{kind: 'update', entity: 'opportunities', id: deal.id, version: deal.version, values: {stage}}],
		t('state.record.nowIs', {label: deal.title, value: stage}),
	);

const moveTicket = (state: AppState, ticket: Ticket, status: TicketStatus): AppState => {
	const after =
		status === 'closed'
			? {kind: 'offerFeedback' as const, ticketId: ticket.id, customerId: ticket.customerId}
			: status === 'resolved'
				? {kind: 'offerFollowUp' as const, ticketId: ticket.id, customerId: ticket.customerId}
				: undefined;
	return requestApply(
		state,
		[{kind: 'update', entity: 'tickets', id: ticket.id, version: ticket.version, values: {status}}],
		t('state.record.nowIs', {label: ticket.subject, value: status}),
		{after},
	);
};

type RecordCommand = Exclude<CommandOf<'detail'>, CursorMove | 'detail.back'>;

/** The entity the keys act on: the board's deals, else the screen's (none on the assessment or the log). */
const entityOf = (state: AppState): EntityName | null =>
	state.mode === 'board' ? 'opportunities' : screenFor(state.screen).entity;

/** A command on the selected record: it says so when none is selected. */
const onSelected =
	<C extends RecordCommand>(
		act: (state: AppState, entity: EntityName, record: AnyStoredRecord, command: C) => AppState,
	): Handler<C> =>
	(state, command) => {
		const entity = entityOf(state);
		if (!entity) return state;
		const record = selectedRecord(state);
		if (!record)
			return {...state, notice: {text: t('state.record.noneSelected', {noun: singularOf(entity)}), tone: 'info'}};
		return act(state, entity, record, command);
	};

const askToDelete = onSelected((state, entity, record) => ({
	...state,
	overlay: {
		kind: 'confirm',
		message: t('state.record.deleteAsk', {noun: singularOf(entity), label: recordLabel(entity, record)}),
		details: dependentsSaid(state, entity, record.id),
		onYes: {
			kind: 'apply',
			mutations: [{kind: 'delete', entity, id: record.id, version: record.version}],
			notice: t('state.record.deleted', {noun: singularOf(entity), label: recordLabel(entity, record)}),
		},
	},
}));

const stepDeal = onSelected<'deal.advance' | 'deal.back'>((state, _entity, record, command) => {
	const deal = record as Opportunity;
	const outcome = dealVerb(deal, {kind: command === 'deal.advance' ? 'advance' : 'back'});
	return outcome.ok
		? moveDeal(state, deal, outcome.values.stage as OpportunityStage)
		: {...state, notice: {text: outcome.problem, tone: 'info'}};
});

/** Won or lost, the deal says why: the report breaks both down by reason. */
const askWhy = onSelected<'deal.won' | 'deal.lost'>((state, _entity, record, command) => {
	const deal = record as Opportunity;
	const won = command === 'deal.won';
	return {
		...state,
		overlay: {
			kind: 'picker',
			title: won ? t('state.record.whyWon', {title: deal.title}) : t('state.record.whyLost', {title: deal.title}),
			choices: won ? state.settings.wonReasons : state.settings.lostReasons,
			query: textInput(),
			cursor: 0,
			target: {kind: won ? 'wonReason' : 'lostReason', dealId: deal.id, title: deal.title, version: deal.version},
		},
	};
});

const stepTicket = onSelected<'ticket.advance' | 'ticket.back'>((state, _entity, record, command) => {
	const ticket = record as Ticket;
	const outcome = ticketVerb(ticket, {kind: command === 'ticket.advance' ? 'advance' : 'back'});
	return outcome.ok
		? moveTicket(state, ticket, outcome.values.status as TicketStatus)
		: {...state, notice: {text: outcome.problem, tone: 'info'}};
});

const askForReply = onSelected((state, _entity, record) => {
	const ticket = record as Ticket;
	const customer = viewContext(state).related.customersById.get(ticket.customerId);
	return {
		...state,
		overlay: {
			kind: 'prompt',
			title: t('state.record.replyTo', {
				customer: customer?.name ?? t('state.record.theCustomer'),
				subject: ticket.subject,
			}),
			input: textInput(),
			target: {kind: 'reply', ticketId: ticket.id, version: ticket.version},
		},
	};
});

/** Commands that act on the selected record or create one: the same in its list row, its detail and on the board. */
export const recordHandlers: {[C in RecordCommand]: Handler<C>} = {
	'record.new': (state) => {
		const entity = entityOf(state);
		return entity ? openNewForm(state, formFor[entity]) : state;
	},
	'record.edit': onSelected((state, entity, record) => openEditForm(state, formFor[entity], record)),
	'record.delete': askToDelete,
	'deal.advance': stepDeal,
	'deal.back': stepDeal,
	'deal.won': askWhy,
	'deal.lost': askWhy,
	'ticket.advance': stepTicket,
	'ticket.back': stepTicket,
	'ticket.reply': askForReply,
	'customer.logActivity': onSelected((state, _entity, record) =>
		openNewForm(state, activityForm, {customerId: (record as Customer).id, operator: state.operator}),
	),
	'change.undo': (state) => requestUndo(state),
	...lifecycleHandlers,
};
