import {z} from 'zod';
import {campaignRef, notesText, optionalTimestamp, ownerName, recordBase, tagList} from './record.js';

export const customerStatuses = ['lead', 'active', 'churned'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

export const customerSegments = ['smb', 'mid-market', 'enterprise', 'consumer'] as const;

const emailOrEmpty = z.union([z.literal(''), z.email({message: 'must be an email address like ana@example.com'})]);

/** The fields and their types; `customerSchema` adds the rules that tie fields together. */
export const customerFieldsSchema = z.object({
	...recordBase,
	name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
	company: z.string().trim().max(160, 'must be at most 160 characters').default(''),
	email: emailOrEmpty.default(''),
	phone: z
		.string()
		.trim()
		.regex(/^[+()0-9 .\-/x]*$/, 'may hold only digits, spaces and + ( ) - . / x')
		.default(''),
	campaignId: campaignRef,
	owner: ownerName,
	segment: z.union([z.enum(customerSegments), z.literal('')]).default(''),
	status: z.enum(customerStatuses, {message: `must be one of ${customerStatuses.join(', ')}`}),
	churnedAt: optionalTimestamp,
	tags: tagList,
	notes: notesText,
});

export const customerSchema = customerFieldsSchema.superRefine((customer, context) => {
	// KPI.md: churnedAt is set when the status becomes churned and cleared if reactivated.
	if (customer.status === 'churned' && customer.churnedAt === null) {
		context.addIssue({code: 'custom', path: ['churnedAt'], message: 'must be set for a churned customer'});
	}
	if (customer.status !== 'churned' && customer.churnedAt !== null) {
		context.addIssue({code: 'custom', path: ['churnedAt'], message: 'must be empty unless the customer is churned'});
	}
});

export type Customer = z.infer<typeof customerSchema>;
