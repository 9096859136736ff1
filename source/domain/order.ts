import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {currencyCode, moneyAmount} from './money.js';
import {
	customerRef,
	notesText,
	optionalTimestamp,
	ownerName,
	recordBase,
	recordId,
	tagList,
	timestamp,
} from './record.js';

/** draft → confirmed → fulfilled → paid; cancelled from any but paid. */
export const orderStatuses = ['draft', 'confirmed', 'fulfilled', 'paid', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderLineSchema = z.object({
	product: z
		.string()
		.trim()
		.min(1, {error: () => t('domain.field.product')})
		.max(120, {error: () => t('domain.field.atMostCharacters', {max: 120})}),
	quantity: z
		.number({error: () => t('domain.field.number')})
		.positive({error: () => t('domain.field.moreThanZero')})
		.max(1_000_000_000, {error: () => t('domain.field.atMost', {max: 1_000_000_000})}),
	unitPrice: moneyAmount,
	/** A share off the line, 0 to 1 (0.1 is 10% off). */
	discount: z
		.number({error: () => t('domain.field.number')})
		.min(0, {error: () => t('domain.field.percentage')})
		.max(1, {error: () => t('domain.field.percentage')})
		.default(0),
});

export type OrderLine = z.infer<typeof orderLineSchema>;

/** KPI.md: amount = Σ quantity × unitPrice × (1 − discount). */
export const linesAmount = (lines: readonly OrderLine[]): number =>
	lines.reduce((total, line) => total + line.quantity * line.unitPrice * (1 - line.discount), 0);

/** `SO-2026-0042`: given by the store when the order is created, by the year of its order date. */
export const orderNumberPattern = /^SO-(\d{4})-(\d{4,})$/;

export const orderNumber = (year: number, sequence: number): string =>
	`SO-${year}-${String(sequence).padStart(4, '0')}`;

/** The fields and their types; `orderSchema` adds the rules that tie fields together. */
export const orderFieldsSchema = z.object({
	...recordBase,
	/** Given by the store (`SO-2026-0042`); an import may bring its own. */
	number: z
		.string()
		.trim()
		.min(1, {error: () => t('domain.field.notEmpty')})
		.max(40, {error: () => t('domain.field.atMostCharacters', {max: 40})}),
	customerId: customerRef,
	opportunityId: recordId.nullable().default(null),
	status: z.enum(orderStatuses, {error: () => t('domain.field.oneOf', {values: orderStatuses.join(', ')})}),
	orderedAt: timestamp,
	paidAt: optionalTimestamp,
	lines: z
		.array(orderLineSchema)
		.max(500, {error: () => t('domain.field.atMostLines', {max: 500})})
		.default([]),
	/** Derived from the lines (KPI.md); never typed. */
	amount: moneyAmount.default(0),
	currency: currencyCode.default('USD'),
	owner: ownerName,
	tags: tagList,
	notes: notesText,
});

export const orderSchema = orderFieldsSchema.superRefine((order, context) => {
	if (order.status === 'paid' && order.lines.length === 0)
		context.addIssue({code: 'custom', path: ['lines'], message: t('domain.rule.paidLines')});
	if (order.status === 'paid' && order.paidAt === null)
		context.addIssue({code: 'custom', path: ['paidAt'], message: t('domain.rule.paidAtSet')});
	if (order.status !== 'paid' && order.paidAt !== null)
		context.addIssue({code: 'custom', path: ['paidAt'], message: t('domain.rule.paidAtEmpty')});
});

export type Order = z.infer<typeof orderSchema>;

/** KPI.md: a booked order is neither a draft nor cancelled. */
export const isBooked = (order: Pick<Order, 'status'>): boolean =>
	order.status !== 'draft' && order.status !== 'cancelled';

const orderMoves: Record<OrderStatus, readonly OrderStatus[]> = {
	draft: ['confirmed', 'fulfilled', 'paid', 'cancelled'],
	confirmed: ['fulfilled', 'paid', 'cancelled'],
	fulfilled: ['paid', 'cancelled'],
	paid: [],
	cancelled: [],
};

export const orderMoveAllowed = (from: OrderStatus, to: OrderStatus): boolean =>
	from === to || orderMoves[from].includes(to);
