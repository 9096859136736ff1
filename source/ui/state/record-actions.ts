import type {Customer} from '../../domain/customer.js';
import {type EntityName, entitySingular} from '../../domain/dataset.js';
import type {Opportunity, OpportunityStage} from '../../domain/opportunity.js';
import {recordLabel} from '../../domain/record-label.js';
import {type Ticket, type TicketStatus, ticketStatuses} from '../../domain/ticket.js';
import {plural} from '../format/values.js';
import {activityForm, formFor} from '../forms/form-definitions.js';
import type {CommandId} from '../keys/keymap.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState} from './app-types.js';
import {neighbourStage} from './board.js';
import {openEditForm, openNewForm} from './form-actions.js';
import {requestApply, requestUndo} from './requests.js';
import {selectedRecord, viewContext} from './selection.js';
import {textInput} from './text-input.js';

/** What else refers to a record: said before a delete, so nobody is surprised by orphans. */
const dependentsOf = (state: AppState, entity: EntityName, id: string): string[] => {
	const related = viewContext(state).related;
	if (entity === 'customers') {
		const deals = related.opportunitiesByCustomer.get(id) ?? [];
		const tickets = related.ticketsByCustomer.get(id) ?? [];
		const open = tickets.filter((ticket) => ticket.resolvedAt === null).length;
		const details = [
			deals.length > 0
				? `${plural(deals.length, 'opportunity', 'opportunities')} (${deals.filter((deal) => deal.closedAt === null).length} open)`
				: '',
			tickets.length > 0 ? `${plural(tickets.length, 'ticket')}${open > 0 ? `, ${open} still open` : ''}` : '',
			(related.feedbackByCustomer.get(id)?.length ?? 0) > 0
				? plural(related.feedbackByCustomer.get(id)!.length, 'feedback entry', 'feedback entries')
				: '',
			(related.activitiesByCustomer.get(id)?.length ?? 0) > 0
				? plural(related.activitiesByCustomer.get(id)!.length, 'timeline entry', 'timeline entries')
				: '',
		].filter(Boolean);
		return details.length > 0
			? [`It has ${details.join(', ')}.`, 'They stay, pointing at a missing customer (u undoes the delete).']
			: [];
	}
	if (entity === 'tickets') {
		const answers = state.dataset.feedback.filter((entry) => entry.ticketId === id).length;
		return answers > 0
			? [
					`${plural(answers, 'feedback entry answers', 'feedback entries answer')} this ticket; ${answers === 1 ? 'it stays' : 'they stay'}.`,
				]
			: [];
	}
	return [];
};

const moveDeal = (state: AppState, deal: Opportunity, stage: OpportunityStage): AppState =>
	requestApply(
		state,
		[{kind: 'update', entity: 'opportunities', id: deal.id, version: deal.version, values: {stage}}],
		`“${deal.title}” is now ${stage}.`,
	);

const nextTicketStatus = (status: TicketStatus, step: 1 | -1): TicketStatus | undefined => {
	// Going back from resolved or closed reopens the ticket.
	if (step === -1) return status === 'open' ? undefined : 'open';
	return ticketStatuses[ticketStatuses.indexOf(status) + 1];
};

const moveTicket = (state: AppState, ticket: Ticket, status: TicketStatus): AppState => {
	const after =
		status === 'closed'
			? {kind: 'offerFeedback' as const, ticketId: ticket.id, customerId: ticket.customerId}
			: undefined;
	return requestApply(
		state,
		[{kind: 'update', entity: 'tickets', id: ticket.id, version: ticket.version, values: {status}}],
		`“${ticket.subject}” is now ${status}.`,
		{after},
	);
};

const recordCommands = new Set<CommandId>([
	'record.new',
	'record.edit',
	'record.delete',
	'deal.advance',
	'deal.back',
	'deal.won',
	'deal.lost',
	'ticket.advance',
	'ticket.back',
	'ticket.reply',
	'customer.logActivity',
	'change.undo',
]);

/** Commands that act on the selected record or create one; undefined for commands handled elsewhere. */
export const runRecordCommand = (state: AppState, command: CommandId): AppState | undefined => {
	if (!recordCommands.has(command)) return undefined;
	if (command === 'change.undo') return requestUndo(state);
	const entity = state.mode === 'board' ? 'opportunities' : screenFor(state.screen).entity;
	if (!entity) return undefined;
	if (command === 'record.new') return openNewForm(state, formFor[entity]);
	const record = selectedRecord(state);
	if (!record) return {...state, notice: {text: `No ${entitySingular[entity]} is selected.`, tone: 'info'}};
	switch (command) {
		case 'record.edit':
			return openEditForm(state, formFor[entity], record);
		case 'record.delete':
			return {
				...state,
				overlay: {
					kind: 'confirm',
					message: `Delete ${entitySingular[entity]} “${recordLabel(entity, record)}”?`,
					details: dependentsOf(state, entity, record.id),
					onYes: {
						kind: 'apply',
						mutations: [{kind: 'delete', entity, id: record.id, version: record.version}],
						notice: `Deleted ${entitySingular[entity]} “${recordLabel(entity, record)}”. u undoes it.`,
					},
				},
			};
		case 'deal.advance':
		case 'deal.back': {
			const deal = record as Opportunity;
			const stage = neighbourStage(deal.stage, command === 'deal.advance' ? 1 : -1);
			return stage
				? moveDeal(state, deal, stage)
				: {
						...state,
						notice: {
							text: `“${deal.title}” cannot move ${command === 'deal.advance' ? 'further' : 'back'}.`,
							tone: 'info',
						},
					};
		}
		case 'deal.won':
		case 'deal.lost': {
			// Won or lost, the deal says why: the report breaks both down by reason.
			const deal = record as Opportunity;
			const won = command === 'deal.won';
			return {
				...state,
				overlay: {
					kind: 'picker',
					title: `Why was “${deal.title}” ${won ? 'won' : 'lost'}?`,
					choices: won ? state.settings.wonReasons : state.settings.lostReasons,
					query: textInput(),
					cursor: 0,
					target: {kind: won ? 'wonReason' : 'lostReason', dealId: deal.id, title: deal.title, version: deal.version},
				},
			};
		}
		case 'ticket.advance':
		case 'ticket.back': {
			const ticket = record as Ticket;
			const status = nextTicketStatus(ticket.status, command === 'ticket.advance' ? 1 : -1);
			return status
				? moveTicket(state, ticket, status)
				: {...state, notice: {text: `“${ticket.subject}” is already ${ticket.status}.`, tone: 'info'}};
		}
		case 'ticket.reply': {
			const ticket = record as Ticket;
			const customer = viewContext(state).related.customersById.get(ticket.customerId);
			return {
				...state,
				overlay: {
					kind: 'prompt',
					title: `Reply to ${customer?.name ?? 'the customer'} on “${ticket.subject}”`,
					input: textInput(),
					target: {kind: 'reply', ticketId: ticket.id, version: ticket.version},
				},
			};
		}
		case 'customer.logActivity':
			return openNewForm(state, activityForm, {customerId: (record as Customer).id, operator: state.operator});
		default:
			return undefined;
	}
};
