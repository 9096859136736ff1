import {z} from 'zod';
import {recordBase, recordId, timestamp} from './record.js';

export const activityKinds = ['note', 'call', 'meeting', 'email'] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** Something that happened with a customer, logged from its detail: the customer's timeline. */
export const activitySchema = z.object({
	...recordBase,
	customerId: recordId,
	kind: z.enum(activityKinds, {message: `must be one of ${activityKinds.join(', ')}`}),
	/** When it happened (may differ from when it was logged). */
	at: timestamp,
	text: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters'),
	operator: z.string().trim().min(1).max(80),
});

export type Activity = z.infer<typeof activitySchema>;
