import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {customerRef, recordBase, recordId, tagList} from './record.js';

export const feedbackChannels = ['survey', 'email', 'phone', 'chat', 'review'] as const;

export const feedbackSchema = z.object({
	...recordBase,
	customerId: customerRef.default(''),
	ticketId: recordId.nullable().default(null),
	rating: z
		.number({error: () => t('domain.field.numberFromTo', {min: 1, max: 5})})
		.int({error: () => t('domain.field.wholeNumberFromTo', {min: 1, max: 5})})
		.min(1, {error: () => t('domain.field.fromTo', {min: 1, max: 5})})
		.max(5, {error: () => t('domain.field.fromTo', {min: 1, max: 5})}),
	nps: z
		.number({error: () => t('domain.field.numberFromTo', {min: 0, max: 10})})
		.int({error: () => t('domain.field.wholeNumberFromTo', {min: 0, max: 10})})
		.min(0, {error: () => t('domain.field.fromTo', {min: 0, max: 10})})
		.max(10, {error: () => t('domain.field.fromTo', {min: 0, max: 10})})
		.nullable()
		.default(null),
	comment: z
		.string()
		.max(20_000, {error: () => t('domain.field.atMostCharacters', {max: 20_000})})
		.default(''),
	channel: z.union([z.enum(feedbackChannels), z.literal('')]).default(''),
	tags: tagList,
});

export type Feedback = z.infer<typeof feedbackSchema>;
