import {activityKinds} from '../../domain/activity.js';
import {campaignChannels, campaignStatuses} from '../../domain/campaign.js';
import {customerSegments, customerStatuses} from '../../domain/customer.js';
import type {StoredEntity} from '../../domain/dataset.js';
import {feedbackChannels} from '../../domain/feedback.js';
import {opportunityStages} from '../../domain/opportunity.js';
import {orderStatuses} from '../../domain/order.js';
import {currencyChoices} from '../../domain/settings.js';
import {ticketChannels, ticketPriorities, ticketStatuses, ticketTypes} from '../../domain/ticket.js';
import {t} from '../../i18n/i18n.js';
import {type FormDefinition, type FormField, formField} from './form-field.js';

export {type FieldKind, type FormDefinition, type FormField, pickedKinds} from './form-field.js';
export {generalSettingsForm, targetForm} from './settings-forms.js';

const range = (from: number, to: number): string[] =>
	Array.from({length: to - from + 1}, (_, index) => String(from + index));
const withNone = (options: readonly string[]) => () => ['', ...options];

const tagsField = () =>
	formField(
		{key: 'tags', kind: 'tags'},
		() => t('lists.field.tags'),
		() => t('lists.hint.tags'),
	);
const ownerField = () => formField({key: 'owner', kind: 'text'}, () => t('lists.field.owner'));
const notesField = () => formField({key: 'notes', kind: 'text'}, () => t('lists.field.notes'));
const customerField = () =>
	formField(
		{key: 'customerId', kind: 'customer', required: true},
		() => t('lists.field.customer'),
		() => t('lists.hint.pickCustomer'),
	);
const currencyField = () =>
	formField({key: 'currency', kind: 'enum', options: currencyChoices}, () => t('lists.field.currency'));
const channelField = (options: readonly string[]) =>
	formField({key: 'channel', kind: 'enum', options: withNone(options)}, () => t('lists.field.channel'));

/** The campaign that brought the record in (KPI.md: acquired by); blank for none. */
const campaignField = (hint: () => string): FormField =>
	formField({key: 'campaignId', kind: 'campaign'}, () => t('lists.field.campaign'), hint);

export const customerForm: FormDefinition = {
	entity: 'customers',
	get noun() {
		return t('lists.noun.customer');
	},
	fields: [
		formField({key: 'name', kind: 'text'}, () => t('lists.field.name')),
		formField({key: 'company', kind: 'text'}, () => t('lists.field.company')),
		formField({key: 'email', kind: 'text'}, () => t('lists.field.email')),
		formField({key: 'phone', kind: 'text'}, () => t('lists.field.phone')),
		formField({key: 'status', kind: 'enum', options: () => customerStatuses}, () => t('lists.field.status')),
		formField({key: 'segment', kind: 'enum', options: withNone(customerSegments)}, () => t('lists.field.segment')),
		ownerField(),
		tagsField(),
		notesField(),
		campaignField(() => t('lists.hint.campaign')),
	],
	defaults: (_, operator) => ({status: 'lead', owner: operator}),
};

export const opportunityForm: FormDefinition = {
	entity: 'opportunities',
	get noun() {
		return t('lists.noun.opportunity');
	},
	fields: [
		formField({key: 'title', kind: 'text'}, () => t('lists.field.title')),
		customerField(),
		formField({key: 'product', kind: 'text'}, () => t('lists.field.product')),
		formField({key: 'stage', kind: 'enum', options: () => opportunityStages}, () => t('lists.field.stage')),
		formField(
			{
				key: 'lostReason',
				kind: 'enum',
				options: (settings) => settings.lostReasons,
				required: true,
				get choose() {
					return t('lists.error.lostReason');
				},
				visible: (values) => values['stage'] === 'lost',
			},
			() => t('lists.field.lostBecause'),
		),
		formField(
			{
				key: 'wonReason',
				kind: 'enum',
				options: (settings) => settings.wonReasons,
				visible: (values) => values['stage'] === 'won',
			},
			() => t('lists.field.wonBecause'),
		),
		formField(
			{key: 'amount', kind: 'money'},
			() => t('lists.field.amount'),
			() => t('lists.hint.amount'),
		),
		currencyField(),
		formField(
			{key: 'probability', kind: 'percent'},
			() => t('lists.field.probabilityPercent'),
			() => t('lists.hint.probability'),
		),
		ownerField(),
		formField(
			{key: 'expectedCloseAt', kind: 'date'},
			() => t('lists.field.expectedClose'),
			() => t('lists.hint.expectedClose'),
		),
		tagsField(),
		notesField(),
		campaignField(() => t('lists.hint.customersCampaign')),
	],
	defaults: (settings, operator) => ({stage: 'prospecting', currency: currencyChoices(settings)[0]!, owner: operator}),
};

export const ticketForm: FormDefinition = {
	entity: 'tickets',
	get noun() {
		return t('lists.noun.ticket');
	},
	fields: [
		formField({key: 'subject', kind: 'text'}, () => t('lists.field.subject')),
		customerField(),
		formField({key: 'type', kind: 'enum', options: () => ticketTypes}, () => t('lists.field.type')),
		formField({key: 'priority', kind: 'enum', options: () => ticketPriorities}, () => t('lists.field.priority')),
		formField({key: 'status', kind: 'enum', options: () => ticketStatuses}, () => t('lists.field.status')),
		channelField(ticketChannels),
		ownerField(),
		formField({key: 'product', kind: 'text'}, () => t('lists.field.product')),
		formField({key: 'description', kind: 'text'}, () => t('lists.field.description')),
		tagsField(),
	],
	defaults: (_, operator) => ({type: 'inquiry', priority: 'normal', status: 'open', channel: 'email', owner: operator}),
};

export const feedbackForm: FormDefinition = {
	entity: 'feedback',
	get noun() {
		return t('lists.noun.feedback');
	},
	fields: [
		customerField(),
		formField(
			{key: 'rating', kind: 'enum', options: () => range(1, 5), numeric: true, required: true},
			() => t('lists.field.rating'),
			() => t('lists.hint.rating'),
		),
		formField(
			{key: 'nps', kind: 'enum', options: withNone(range(0, 10)), numeric: true},
			() => 'NPS',
			() => t('lists.hint.nps'),
		),
		formField({key: 'comment', kind: 'text'}, () => t('lists.field.comment')),
		channelField(feedbackChannels),
		tagsField(),
	],
	defaults: () => ({channel: 'survey'}),
};

export const activityForm: FormDefinition = {
	entity: 'activities',
	get noun() {
		return t('lists.noun.activity');
	},
	fields: [
		formField(
			{key: 'kind', kind: 'enum', options: () => activityKinds},
			() => t('lists.field.kind'),
			() => t('lists.hint.kind'),
		),
		formField(
			{key: 'at', kind: 'date', required: true},
			() => t('lists.field.when'),
			() => t('lists.hint.when'),
		),
		formField(
			{key: 'dueAt', kind: 'date', required: true, visible: (values) => values['kind'] === 'follow_up'},
			() => t('lists.field.due'),
			() => t('lists.hint.due'),
		),
		formField({key: 'text', kind: 'text'}, () => t('lists.field.whatHappened')),
	],
	defaults: () => ({kind: 'note', at: 'now'}),
};

/** A follow-up (回访) to schedule: after a resolved ticket, or from a customer. */
export const followUpForm: FormDefinition = {
	entity: 'activities',
	get noun() {
		return t('lists.noun.followUp');
	},
	fields: [
		formField(
			{key: 'dueAt', kind: 'date', required: true},
			() => t('lists.field.due'),
			() => t('lists.hint.followUpDue'),
		),
		formField({key: 'text', kind: 'text'}, () => t('lists.field.whatToAsk')),
	],
	defaults: () => ({dueAt: '+3d', text: t('lists.followUpText')}),
};

export const campaignForm: FormDefinition = {
	entity: 'campaigns',
	get noun() {
		return t('lists.noun.campaign');
	},
	fields: [
		formField({key: 'name', kind: 'text'}, () => t('lists.field.name')),
		formField({key: 'channel', kind: 'enum', options: () => campaignChannels}, () => t('lists.field.channel')),
		formField({key: 'status', kind: 'enum', options: () => campaignStatuses}, () => t('lists.field.status')),
		formField(
			{key: 'startAt', kind: 'date', required: true},
			() => t('lists.field.starts'),
			() => t('lists.hint.starts'),
		),
		formField(
			{key: 'endAt', kind: 'date'},
			() => t('lists.field.ends'),
			() => t('lists.hint.ends'),
		),
		formField(
			{key: 'budget', kind: 'money', blankIsZero: true},
			() => t('lists.field.budget'),
			() => t('lists.hint.budget'),
		),
		formField(
			{key: 'cost', kind: 'money', blankIsZero: true},
			() => t('lists.field.actualCost'),
			() => t('lists.hint.cost'),
		),
		currencyField(),
		formField(
			{key: 'segment', kind: 'enum', options: withNone(customerSegments)},
			() => t('lists.field.aimedAt'),
			() => t('lists.hint.aimedAt'),
		),
		ownerField(),
		tagsField(),
		notesField(),
	],
	defaults: (settings, operator) => ({
		channel: 'email',
		status: 'planned',
		startAt: 'today',
		currency: currencyChoices(settings)[0]!,
		owner: operator,
	}),
};

/** Lines an order form shows fields for; an order with more keeps the rest as they are. */
export const orderLineFields = 30;

const lineFields: FormField[] = Array.from({length: orderLineFields}, (_, index) =>
	formField(
		{
			key: `lines.${index}`,
			kind: 'line' as const,
			// The next empty line shows once the one before it is filled.
			visible:
				index === 0
					? undefined
					: (values: Readonly<Record<string, string>>) =>
							(values[`lines.${index}`] ?? '') !== '' || (values[`lines.${index - 1}`] ?? '').trim() !== '',
		},
		() => t('lists.field.line', {n: index + 1}),
		() => t('lists.hint.line'),
	),
);

export const orderForm: FormDefinition = {
	entity: 'orders',
	get noun() {
		return t('lists.noun.order');
	},
	fields: [
		customerField(),
		formField(
			{key: 'opportunityId', kind: 'deal'},
			() => t('lists.field.deal'),
			() => t('lists.hint.deal'),
		),
		formField({key: 'status', kind: 'enum', options: () => orderStatuses}, () => t('lists.field.status')),
		formField(
			{key: 'orderedAt', kind: 'date', required: true},
			() => t('lists.field.orderDate'),
			() => t('lists.hint.orderDate'),
		),
		currencyField(),
		...lineFields,
		ownerField(),
		tagsField(),
		notesField(),
	],
	defaults: (settings, operator) => ({
		status: 'draft',
		orderedAt: 'today',
		currency: currencyChoices(settings)[0]!,
		owner: operator,
	}),
};

export const formFor: Record<Exclude<StoredEntity, 'surveys' | 'audiences'>, FormDefinition> = {
	customers: customerForm,
	opportunities: opportunityForm,
	tickets: ticketForm,
	feedback: feedbackForm,
	campaigns: campaignForm,
	orders: orderForm,
	activities: activityForm,
};
