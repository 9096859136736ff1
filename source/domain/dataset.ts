import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {type Activity, activityFieldsSchema, activitySchema} from './activity.js';
import {type AudienceMember, audienceMemberSchema} from './audience.js';
import {type Campaign, campaignFieldsSchema, campaignSchema} from './campaign.js';
import type {ChangeEntry} from './change-log.js';
import {type Customer, customerFieldsSchema, customerSchema} from './customer.js';
import {type Feedback, feedbackSchema} from './feedback.js';
import {type Opportunity, opportunityFieldsSchema, opportunitySchema} from './opportunity.js';
import {type Order, orderFieldsSchema, orderSchema} from './order.js';
import {type SurveyResponse, surveyResponseSchema} from './survey.js';
import {type Ticket, ticketSchema} from './ticket.js';

/**
 * Bumped whenever the stored shape changes; migrations run by this number (each after a backup).
 * 2: change-log entries carry the audit hash chain.
 * 3: the chain binds the records: each entry carries the state of the records after it and the
 *    seal of the record it changed, and the file keeps every record's seal (see record-seal.ts).
 */
export const currentSchemaVersion = 3;

/** The entities with a screen of their own. */
export const entityNames = ['customers', 'opportunities', 'tickets', 'feedback', 'campaigns', 'orders'] as const;
export type EntityName = (typeof entityNames)[number];

/**
 * Every kind of record the file stores (activities show on their customer's timeline; survey
 * responses only in the assessment and the report: an operator answers them, nobody edits them;
 * audience members on their campaign's and their customer's detail).
 */
export const storedEntities = [...entityNames, 'activities', 'surveys', 'audiences'] as const;
export type StoredEntity = (typeof storedEntities)[number];

export const entitySchemas = {
	customers: customerSchema,
	opportunities: opportunitySchema,
	tickets: ticketSchema,
	feedback: feedbackSchema,
	campaigns: campaignSchema,
	orders: orderSchema,
	activities: activitySchema,
	surveys: surveyResponseSchema,
	audiences: audienceMemberSchema,
} as const;

/** Types and defaults only, without cross-field rules: the first pass before the record rules run. */
export const entityFieldSchemas = {
	customers: customerFieldsSchema,
	opportunities: opportunityFieldsSchema,
	tickets: ticketSchema,
	feedback: feedbackSchema,
	campaigns: campaignFieldsSchema,
	orders: orderFieldsSchema,
	activities: activityFieldsSchema,
	surveys: surveyResponseSchema,
	audiences: audienceMemberSchema,
} as const;

/** How an operator reads one record of each entity, in the language in force (read when used, not when imported). */
export const entitySingular: Readonly<Record<StoredEntity, string>> = {
	get customers() {
		return t('domain.entity.customers');
	},
	get opportunities() {
		return t('domain.entity.opportunities');
	},
	get tickets() {
		return t('domain.entity.tickets');
	},
	get feedback() {
		return t('domain.entity.feedback');
	},
	get campaigns() {
		return t('domain.entity.campaigns');
	},
	get orders() {
		return t('domain.entity.orders');
	},
	get activities() {
		return t('domain.entity.activities');
	},
	get surveys() {
		return t('domain.entity.surveys');
	},
	get audiences() {
		return t('domain.entity.audiences');
	},
};

export const entityIdPrefix: Record<StoredEntity, string> = {
	customers: 'cus',
	opportunities: 'opp',
	tickets: 'tkt',
	feedback: 'fbk',
	campaigns: 'cmp',
	orders: 'ord',
	activities: 'act',
	surveys: 'srv',
	audiences: 'aud',
};

export type EntityRecord = {
	customers: Customer;
	opportunities: Opportunity;
	tickets: Ticket;
	feedback: Feedback;
	campaigns: Campaign;
	orders: Order;
	activities: Activity;
	surveys: SurveyResponse;
	audiences: AudienceMember;
};

export type AnyRecord = EntityRecord[EntityName];
export type AnyStoredRecord = EntityRecord[StoredEntity];

export type Dataset = {
	schemaVersion: number;
	customers: Customer[];
	opportunities: Opportunity[];
	tickets: Ticket[];
	feedback: Feedback[];
	campaigns: Campaign[];
	orders: Order[];
	activities: Activity[];
	/** Operators' answers to the usability survey (an old file without them loads with none). */
	surveys: SurveyResponse[];
	/** Which customers each campaign's audience holds, one record per membership (an old file without them loads with none). */
	audiences: AudienceMember[];
	/** The change log, oldest first. */
	changes: ChangeEntry[];
	/** How many entries the log had, the last one's hash and the state of the records, as of the last save: an entry removed from the end shows. */
	auditHead?: AuditHead;
	/** Every record's seal, by entity and id (version 3): a record changed outside crm is named by it. */
	seals?: import('./record-seal.js').Seals;
	/** The last journal line folded into this data (see store/journal.ts); lines up to it are not applied again. */
	journalSeq?: number;
};

export type AuditHead = {
	count: number;
	hash: string;
	/** The state of the records (version 3). */
	state?: string;
};

export const auditHeadSchema = z.object({
	count: z.number().int().min(0),
	hash: z.string(),
	state: z
		.string()
		.regex(/^[0-9a-f]{64}$/, {error: () => t('domain.field.hexDigits')})
		.optional(),
});

/** The top level only; records are validated one by one so an error can name the record. */
export const datasetShape = z.object({
	schemaVersion: z.number().int().min(1),
	customers: z.array(z.unknown()).default([]),
	opportunities: z.array(z.unknown()).default([]),
	tickets: z.array(z.unknown()).default([]),
	feedback: z.array(z.unknown()).default([]),
	campaigns: z.array(z.unknown()).default([]),
	orders: z.array(z.unknown()).default([]),
	activities: z.array(z.unknown()).default([]),
	surveys: z.array(z.unknown()).default([]),
	audiences: z.array(z.unknown()).default([]),
	changes: z.array(z.unknown()).default([]),
	auditHead: auditHeadSchema.optional(),
	journalSeq: z.number().int().min(0).optional(),
	// Their content is checked where it is used (a save, a verify): a wrong seal there names its record.
	// Partial: a file from before an entity existed (surveys, issue 16; audiences, issue 17) has no seals of it.
	seals: z
		.partialRecord(z.enum(storedEntities), z.string().startsWith(';', 'must list each record as ;id:seal'))
		.optional(),
});

/** The records of a dataset: every customer, deal, ticket, feedback, campaign, order, timeline entry, survey response and audience member (not the change log). */
export const recordCount = (dataset: Pick<Dataset, StoredEntity>): number =>
	storedEntities.reduce((total, entity) => total + dataset[entity].length, 0);

export const emptyDataset = (): Dataset => ({
	schemaVersion: currentSchemaVersion,
	customers: [],
	opportunities: [],
	tickets: [],
	feedback: [],
	campaigns: [],
	orders: [],
	activities: [],
	surveys: [],
	audiences: [],
	changes: [],
});
