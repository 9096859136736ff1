import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {customerRef, notesText, optionalTimestamp, ownerName, recordBase, tagList, timestamp} from './record.js';

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

export const ticketStatuses = ['open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** KPI.md: inquiry, complaint, request or incident; a ticket without one (saved before types existed) is an inquiry. */
export const ticketTypes = ['inquiry', 'complaint', 'request', 'incident'] as const;
export type TicketType = (typeof ticketTypes)[number];

export const ticketTypeOf = (ticket: {type?: TicketType | undefined}): TicketType => ticket.type ?? 'inquiry';

export const ticketChannels = ['email', 'phone', 'chat', 'web', 'social'] as const;

/** KPI.md default SLA hours per priority; the assessment configuration may override them. */
export const defaultSlaHours: Record<TicketPriority, number> = {urgent: 4, high: 24, normal: 72, low: 120};

export const dueAtFor = (createdAt: string, priority: TicketPriority, slaHours = defaultSlaHours): string =>
	new Date(Date.parse(createdAt) + slaHours[priority] * 3_600_000).toISOString();

export const ticketCommentSchema = z.object({
	at: timestamp,
	author: z
		.string()
		.trim()
		.min(1, {error: () => t('domain.field.notEmpty')})
		.max(80),
	body: z
		.string()
		.trim()
		.min(1, {error: () => t('domain.field.notEmpty')})
		.max(20_000),
	/** A reply goes to the customer; an internal note does not count as a response. */
	kind: z.enum(['reply', 'note']).default('note'),
});

export const ticketSchema = z.object({
	...recordBase,
	customerId: customerRef.default(''),
	subject: z
		.string()
		.trim()
		.min(1, {error: () => t('domain.field.notEmpty')})
		.max(200, {error: () => t('domain.field.atMostCharacters', {max: 200})}),
	description: notesText,
	/** Absent on tickets saved before types existed (so their seals hold): read it with `ticketTypeOf`. */
	type: z.enum(ticketTypes, {error: () => t('domain.field.oneOf', {values: ticketTypes.join(', ')})}).optional(),
	priority: z.enum(ticketPriorities, {error: () => t('domain.field.oneOf', {values: ticketPriorities.join(', ')})}),
	status: z.enum(ticketStatuses, {error: () => t('domain.field.oneOf', {values: ticketStatuses.join(', ')})}),
	channel: z.union([z.enum(ticketChannels), z.literal('')]).default(''),
	product: z.string().trim().max(120).default(''),
	owner: ownerName,
	dueAt: timestamp,
	firstResponseAt: optionalTimestamp,
	resolvedAt: optionalTimestamp,
	comments: z.array(ticketCommentSchema).default([]),
	tags: tagList,
});

export type Ticket = z.infer<typeof ticketSchema>;
export type TicketComment = z.infer<typeof ticketCommentSchema>;
