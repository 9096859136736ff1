import {z} from 'zod';
import {customerSchema, type Customer} from './customer.js';
import {feedbackSchema, type Feedback} from './feedback.js';
import {opportunitySchema, type Opportunity} from './opportunity.js';
import {ticketSchema, type Ticket} from './ticket.js';

/** Bumped whenever the stored shape changes; migrations run by this number. */
export const currentSchemaVersion = 1;

export const entityNames = ['customers', 'opportunities', 'tickets', 'feedback'] as const;
export type EntityName = (typeof entityNames)[number];

export const entitySchemas = {
	customers: customerSchema,
	opportunities: opportunitySchema,
	tickets: ticketSchema,
	feedback: feedbackSchema,
} as const;

/** How an operator reads one record of each entity. */
export const entitySingular: Record<EntityName, string> = {
	customers: 'customer',
	opportunities: 'opportunity',
	tickets: 'ticket',
	feedback: 'feedback',
};

export const entityIdPrefix: Record<EntityName, string> = {
	customers: 'cus',
	opportunities: 'opp',
	tickets: 'tkt',
	feedback: 'fbk',
};

export type EntityRecord = {
	customers: Customer;
	opportunities: Opportunity;
	tickets: Ticket;
	feedback: Feedback;
};

export type AnyRecord = EntityRecord[EntityName];

export type Dataset = {
	schemaVersion: number;
	customers: Customer[];
	opportunities: Opportunity[];
	tickets: Ticket[];
	feedback: Feedback[];
};

/** The top level only; records are validated one by one so an error can name the record. */
export const datasetShape = z.object({
	schemaVersion: z.number().int().min(1),
	customers: z.array(z.unknown()).default([]),
	opportunities: z.array(z.unknown()).default([]),
	tickets: z.array(z.unknown()).default([]),
	feedback: z.array(z.unknown()).default([]),
});

export const emptyDataset = (): Dataset => ({
	schemaVersion: currentSchemaVersion,
	customers: [],
	opportunities: [],
	tickets: [],
	feedback: [],
});
