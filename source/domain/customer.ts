import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {campaignRef, notesText, optionalTimestamp, ownerName, recordBase, tagList} from './record.js';

export const customerStatuses = ['lead', 'active', 'churned'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

export const customerSegments = ['smb', 'mid-market', 'enterprise', 'consumer'] as const;

const emailOrEmpty = z.union([z.literal(''), z.email({error: () => t('domain.field.email')})]);

/** The fields and their types; `customerSchema` adds the rules that tie fields together. */
export const customerFieldsSchema = z.object({
	...recordBase,
	name: z
		.string()
		.trim()
		.min(1, {error: () => t('domain.field.notEmpty')})
		.max(120, {error: () => t('domain.field.atMostCharacters', {max: 120})}),
	company: z
		.string()
		.trim()
		.max(160, {error: () => t('domain.field.atMostCharacters', {max: 160})})
		.default(''),
	email: emailOrEmpty.default(''),
	phone: z
		.string()
		.trim()
		.regex(/^[+()0-9 .\-/x]*$/, {error: () => t('domain.field.phone')})
		.default(''),
	campaignId: campaignRef,
	owner: ownerName,
	segment: z.union([z.enum(customerSegments), z.literal('')]).default(''),
	status: z.enum(customerStatuses, {error: () => t('domain.field.oneOf', {values: customerStatuses.join(', ')})}),
	churnedAt: optionalTimestamp,
	tags: tagList,
	notes: notesText,
});

export const customerSchema = customerFieldsSchema.superRefine((customer, context) => {
	// KPI.md: churnedAt is set when the status becomes churned and cleared if reactivated.
	if (customer.status === 'churned' && customer.churnedAt === null) {
		context.addIssue({code: 'custom', path: ['churnedAt'], message: t('domain.rule.churnedAtSet')});
	}
	if (customer.status !== 'churned' && customer.churnedAt !== null) {
		context.addIssue({code: 'custom', path: ['churnedAt'], message: t('domain.rule.churnedAtEmpty')});
	}
});

export type Customer = z.infer<typeof customerSchema>;
