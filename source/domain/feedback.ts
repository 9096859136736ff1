import {z} from 'zod';
import {customerRef, recordBase, recordId, tagList} from './record.js';

export const feedbackChannels = ['survey', 'email', 'phone', 'chat', 'review'] as const;

export const feedbackSchema = z.object({
	...recordBase,
	customerId: customerRef.default(''),
	ticketId: recordId.nullable().default(null),
	rating: z
		.number({message: 'must be a number from 1 to 5'})
		.int('must be a whole number from 1 to 5')
		.min(1, 'must be from 1 to 5')
		.max(5, 'must be from 1 to 5'),
	nps: z
		.number({message: 'must be a number from 0 to 10'})
		.int('must be a whole number from 0 to 10')
		.min(0, 'must be from 0 to 10')
		.max(10, 'must be from 0 to 10')
		.nullable()
		.default(null),
	comment: z.string().max(20_000, 'must be at most 20,000 characters').default(''),
	channel: z.union([z.enum(feedbackChannels), z.literal('')]).default(''),
	tags: tagList,
});

export type Feedback = z.infer<typeof feedbackSchema>;
