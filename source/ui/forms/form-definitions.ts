import {z} from 'zod';
import {activityKinds} from '../../domain/activity.js';
import {campaignChannels, campaignStatuses} from '../../domain/campaign.js';
import {customerSegments, customerStatuses} from '../../domain/customer.js';
import type {StoredEntity} from '../../domain/dataset.js';
import {feedbackChannels} from '../../domain/feedback.js';
import {opportunityStages} from '../../domain/opportunity.js';
import {orderStatuses} from '../../domain/order.js';
import type {Settings} from '../../domain/settings.js';
import {currencyChoices, targetSchemaFor} from '../../domain/settings.js';
import {targetRanges} from '../../domain/target-ranges.js';
import {ticketChannels, ticketPriorities, ticketStatuses, ticketTypes} from '../../domain/ticket.js';

/**
 * How a field is typed: free text, one of a list (←/→ or the first letter), a date (`today`,
 * `+3d`, `2026-03-01`), an amount (`12,500.50`), a percentage, a record picked by typing its name
 * (a customer, a campaign, a deal: a searchable picker), tags (comma-separated), or an order line
 * (`2 x Seat licence @ 1,200 -10%`; key `lines.N`, one field per line).
 */
export type FieldKind =
	| 'text'
	| 'enum'
	| 'date'
	| 'money'
	| 'percent'
	| 'customer'
	| 'campaign'
	| 'deal'
	| 'tags'
	| 'line'
	| 'rating';

/** The kinds picked from a searchable list of records. */
export const pickedKinds: ReadonlySet<FieldKind> = new Set(['customer', 'campaign', 'deal']);

export type FormField = {
	key: string;
	label: string;
	kind: FieldKind;
	/** Enum options; '' is shown as — and means "none". */
	options?: (settings: Settings) => readonly string[];
	/** Enum values stored as numbers (ratings, NPS). */
	numeric?: boolean;
	/** Must be filled in this form even where the stored record may be empty. */
	required?: boolean;
	/** What a missing choice is called in its error ("choose a reason"), where the label is no noun ("Lost because"). */
	choose?: string;
	hint?: string;
	/** An amount left blank is 0 (a campaign's budget and cost), instead of refused as empty. */
	blankIsZero?: boolean;
	/** An amount left blank is none (null): a currency without a rate. */
	blankIsNone?: boolean;
	/** Shown only when this returns true for the values typed so far. */
	visible?: (values: Readonly<Record<string, string>>) => boolean;
};

export type FormDefinition = {
	/** The record kind it creates or edits; null for a settings form (a target). */
	entity: StoredEntity | null;
	/** Checks the values of a settings form (record forms use their entity's schema). */
	schema?: import('zod').ZodType;
	noun: string;
	fields: FormField[];
	/** The status line once saved, where it says more than "Saved <noun> “<label>”." (the survey's score). */
	savedNotice?: (values: Record<string, unknown>) => string;
	/** Starting values of a new record; `operator` owns what they create. */
	defaults: (settings: Settings, operator: string) => Record<string, string>;
};

const range = (from: number, to: number): string[] =>
	Array.from({length: to - from + 1}, (_, index) => String(from + index));
const withNone = (options: readonly string[]) => () => ['', ...options];

/** The campaign that brought the record in (KPI.md: acquired by); blank for none. */
const campaignField: FormField = {
	key: 'campaignId',
	label: 'Campaign',
	kind: 'campaign',
	hint: 'the campaign that brought it in: type to search, Backspace clears',
};

export const customerForm: FormDefinition = {
	entity: 'customers',
	noun: 'customer',
	fields: [
		{key: 'name', label: 'Name', kind: 'text'},
		{key: 'company', label: 'Company', kind: 'text'},
		{key: 'email', label: 'Email', kind: 'text'},
		{key: 'phone', label: 'Phone', kind: 'text'},
		{key: 'status', label: 'Status', kind: 'enum', options: () => customerStatuses},
		{key: 'segment', label: 'Segment', kind: 'enum', options: withNone(customerSegments)},
		{key: 'owner', label: 'Owner', kind: 'text'},
		{key: 'tags', label: 'Tags', kind: 'tags', hint: 'comma-separated'},
		{key: 'notes', label: 'Notes', kind: 'text'},
		campaignField,
	],
	defaults: (_, operator) => ({status: 'lead', owner: operator}),
};

export const opportunityForm: FormDefinition = {
	entity: 'opportunities',
	noun: 'opportunity',
	fields: [
		{key: 'title', label: 'Title', kind: 'text'},
		{key: 'customerId', label: 'Customer', kind: 'customer', required: true, hint: 'type to search, Enter to pick'},
		{key: 'product', label: 'Product', kind: 'text'},
		{key: 'stage', label: 'Stage', kind: 'enum', options: () => opportunityStages},
		{
			key: 'lostReason',
			label: 'Lost because',
			kind: 'enum',
			options: (settings) => settings.lostReasons,
			required: true,
			choose: 'the reason it was lost',
			visible: (values) => values['stage'] === 'lost',
		},
		{
			key: 'wonReason',
			label: 'Won because',
			kind: 'enum',
			options: (settings) => settings.wonReasons,
			visible: (values) => values['stage'] === 'won',
		},
		{key: 'amount', label: 'Amount', kind: 'money', hint: 'like 12,500.00'},
		{key: 'currency', label: 'Currency', kind: 'enum', options: currencyChoices},
		{key: 'probability', label: 'Probability %', kind: 'percent', hint: 'blank: the stage default'},
		{key: 'owner', label: 'Owner', kind: 'text'},
		{key: 'expectedCloseAt', label: 'Expected close', kind: 'date', hint: '2026-03-01, today, +30d'},
		{key: 'tags', label: 'Tags', kind: 'tags', hint: 'comma-separated'},
		{key: 'notes', label: 'Notes', kind: 'text'},
		{...campaignField, hint: 'blank: the customer’s campaign'},
	],
	defaults: (settings, operator) => ({stage: 'prospecting', currency: currencyChoices(settings)[0]!, owner: operator}),
};

export const ticketForm: FormDefinition = {
	entity: 'tickets',
	noun: 'ticket',
	fields: [
		{key: 'subject', label: 'Subject', kind: 'text'},
		{key: 'customerId', label: 'Customer', kind: 'customer', required: true, hint: 'type to search, Enter to pick'},
		{key: 'type', label: 'Type', kind: 'enum', options: () => ticketTypes},
		{key: 'priority', label: 'Priority', kind: 'enum', options: () => ticketPriorities},
		{key: 'status', label: 'Status', kind: 'enum', options: () => ticketStatuses},
		{key: 'channel', label: 'Channel', kind: 'enum', options: withNone(ticketChannels)},
		{key: 'owner', label: 'Owner', kind: 'text'},
		{key: 'product', label: 'Product', kind: 'text'},
		{key: 'description', label: 'Description', kind: 'text'},
		{key: 'tags', label: 'Tags', kind: 'tags', hint: 'comma-separated'},
	],
	defaults: (_, operator) => ({type: 'inquiry', priority: 'normal', status: 'open', channel: 'email', owner: operator}),
};

export const feedbackForm: FormDefinition = {
	entity: 'feedback',
	noun: 'feedback',
	fields: [
		{key: 'customerId', label: 'Customer', kind: 'customer', required: true, hint: 'type to search, Enter to pick'},
		{
			key: 'rating',
			label: 'Rating',
			kind: 'enum',
			options: () => range(1, 5),
			numeric: true,
			required: true,
			hint: '1 to 5',
		},
		{
			key: 'nps',
			label: 'NPS',
			kind: 'enum',
			options: withNone(range(0, 10)),
			numeric: true,
			hint: '0 to 10, how likely to recommend',
		},
		{key: 'comment', label: 'Comment', kind: 'text'},
		{key: 'channel', label: 'Channel', kind: 'enum', options: withNone(feedbackChannels)},
		{key: 'tags', label: 'Tags', kind: 'tags', hint: 'comma-separated'},
	],
	defaults: () => ({channel: 'survey'}),
};

export const activityForm: FormDefinition = {
	entity: 'activities',
	noun: 'activity',
	fields: [
		{
			key: 'kind',
			label: 'Kind',
			kind: 'enum',
			options: () => activityKinds,
			hint: 'follow_up: a call-back due on a day',
		},
		{key: 'at', label: 'When', kind: 'date', required: true, hint: 'now, today, 2026-03-01 14:30'},
		{
			key: 'dueAt',
			label: 'Due',
			kind: 'date',
			required: true,
			hint: 'when to follow up: tomorrow, +3d, 2026-03-01',
			visible: (values) => values['kind'] === 'follow_up',
		},
		{key: 'text', label: 'What happened', kind: 'text'},
	],
	defaults: () => ({kind: 'note', at: 'now'}),
};

/** A follow-up (回访) to schedule: after a resolved ticket, or from a customer. */
export const followUpForm: FormDefinition = {
	entity: 'activities',
	noun: 'follow-up',
	fields: [
		{key: 'dueAt', label: 'Due', kind: 'date', required: true, hint: 'tomorrow, +3d, 2026-03-01 10:00'},
		{key: 'text', label: 'What to ask', kind: 'text'},
	],
	defaults: () => ({dueAt: '+3d', text: 'Call back: is everything working as it should?'}),
};

export const campaignForm: FormDefinition = {
	entity: 'campaigns',
	noun: 'campaign',
	fields: [
		{key: 'name', label: 'Name', kind: 'text'},
		{key: 'channel', label: 'Channel', kind: 'enum', options: () => campaignChannels},
		{key: 'status', label: 'Status', kind: 'enum', options: () => campaignStatuses},
		{key: 'startAt', label: 'Starts', kind: 'date', required: true, hint: '2026-03-01, today, +7d'},
		{key: 'endAt', label: 'Ends', kind: 'date', hint: 'blank: open-ended'},
		{key: 'budget', label: 'Budget', kind: 'money', blankIsZero: true, hint: 'what it may spend, like 20,000'},
		{key: 'cost', label: 'Actual cost', kind: 'money', blankIsZero: true, hint: 'what it has spent so far; blank is 0'},
		{key: 'currency', label: 'Currency', kind: 'enum', options: currencyChoices},
		{
			key: 'segment',
			label: 'Aimed at',
			kind: 'enum',
			options: withNone(customerSegments),
			hint: 'the segment it targets',
		},
		{key: 'owner', label: 'Owner', kind: 'text'},
		{key: 'tags', label: 'Tags', kind: 'tags', hint: 'comma-separated'},
		{key: 'notes', label: 'Notes', kind: 'text'},
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

const lineFields: FormField[] = Array.from({length: orderLineFields}, (_, index) => ({
	key: `lines.${index}`,
	label: `Line ${index + 1}`,
	kind: 'line' as const,
	hint: '2 x Seat licence @ 1,200 -10%; a catalogue product takes its price; Enter picks one',
	// The next empty line shows once the one before it is filled.
	visible:
		index === 0
			? undefined
			: (values: Readonly<Record<string, string>>) =>
					(values[`lines.${index}`] ?? '') !== '' || (values[`lines.${index - 1}`] ?? '').trim() !== '',
}));

export const orderForm: FormDefinition = {
	entity: 'orders',
	noun: 'order',
	fields: [
		{key: 'customerId', label: 'Customer', kind: 'customer', required: true, hint: 'type to search, Enter to pick'},
		{key: 'opportunityId', label: 'Deal', kind: 'deal', hint: 'the deal it comes from, if any: type to search'},
		{key: 'status', label: 'Status', kind: 'enum', options: () => orderStatuses},
		{key: 'orderedAt', label: 'Order date', kind: 'date', required: true, hint: 'today, 2026-03-01'},
		{key: 'currency', label: 'Currency', kind: 'enum', options: currencyChoices},
		...lineFields,
		{key: 'owner', label: 'Owner', kind: 'text'},
		{key: 'tags', label: 'Tags', kind: 'tags', hint: 'comma-separated'},
		{key: 'notes', label: 'Notes', kind: 'text'},
	],
	defaults: (settings, operator) => ({
		status: 'draft',
		orderedAt: 'today',
		currency: currencyChoices(settings)[0]!,
		owner: operator,
	}),
};

/** A KPI's target, edited from the assessment screen; counts and sums are per month. */
export const targetForm = (
	id: Parameters<typeof targetSchemaFor>[0],
	label: string,
	perMonth: boolean,
	share: boolean,
): FormDefinition => ({
	entity: null,
	schema: targetSchemaFor(id),
	noun: `target: ${label}${perMonth ? ' (per month)' : ''}`,
	fields: [
		{
			key: 'value',
			label: 'Target',
			kind: 'money',
			hint: share
				? `a share as a fraction: 0.45 is 45%${targetRanges[id] ? ', from 0 to 1' : ''}`
				: targetRanges[id]
					? `from ${targetRanges[id].min} to ${targetRanges[id].max}, the KPI’s scale`
					: perMonth
						? 'per month; quarters and years scale it'
						: 'in the KPI’s unit',
		},
		{key: 'direction', label: 'Better when', kind: 'enum', options: () => ['higher', 'lower']},
		{key: 'tolerance', label: 'Tolerance', kind: 'money', hint: 'how far it may miss and still count as near'},
	],
	defaults: () => ({}),
});

/** What the assessment compares and the margin ROI takes (its costs have their own form: costs-form.ts); the SLA hours of each priority. */
export const generalSettingsForm: FormDefinition = {
	entity: null,
	schema: z.object({
		goLive: z.string().nullable(),
		windowMonths: z
			.number()
			.int('must be a whole number of months')
			.min(1, 'must be 1 to 36 months')
			.max(36, 'must be 1 to 36 months'),
		margin: z.number().min(0, 'must be from 0 to 100%').max(1, 'must be from 0 to 100%'),
		slaUrgent: z.number().positive('must be more than 0 hours'),
		slaHigh: z.number().positive('must be more than 0 hours'),
		slaNormal: z.number().positive('must be more than 0 hours'),
		slaLow: z.number().positive('must be more than 0 hours'),
	}),
	noun: 'assessment settings',
	fields: [
		{
			key: 'goLive',
			label: 'Go-live date',
			kind: 'date',
			hint: 'before/after compares the months around it; blank for none',
		},
		{key: 'windowMonths', label: 'Window, months', kind: 'money', hint: 'months before and after go-live'},
		{
			key: 'margin',
			label: 'Gross margin %',
			kind: 'percent',
			hint: 'for ROI; its costs by category: key C on the assessment screen',
		},
		{
			key: 'slaUrgent',
			label: 'SLA urgent, h',
			kind: 'money',
			hint: 'SLA hours apply to new tickets and to priority changes',
		},
		{key: 'slaHigh', label: 'SLA high, h', kind: 'money'},
		{key: 'slaNormal', label: 'SLA normal, h', kind: 'money'},
		{key: 'slaLow', label: 'SLA low, h', kind: 'money'},
	],
	defaults: () => ({}),
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
