import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {customerRef, recordBase, recordId, timestamp} from './record.js';

/** `follow_up` (回访) is a task: due on a day, done or not, for a customer or a ticket. */
export const activityKinds = ['note', 'call', 'meeting', 'email', 'follow_up'] as const;
export type ActivityKind = (typeof activityKinds)[number];

/**
 * Something that happened with a customer, logged from its detail (the customer's timeline), or a
 * follow-up to do. The follow-up fields are absent on other activities (and on those saved before
 * follow-ups existed, so their seals hold).
 */
export const activityFieldsSchema = z.object({
	...recordBase,
	/** Empty only for a follow-up of a ticket that has no customer. */
	customerId: customerRef,
	kind: z.enum(activityKinds, {error: () => t('domain.field.oneOf', {values: activityKinds.join(', ')})}),
	/** When it happened (may differ from when it was logged); for a follow-up, when it was scheduled. */
	at: timestamp,
	text: z
		.string()
		.trim()
		.min(1, {error: () => t('domain.field.notEmpty')})
		.max(20_000, {error: () => t('domain.field.atMostCharacters', {max: 20_000})}),
	operator: z.string().trim().min(1).max(80),
	/** The ticket a follow-up is about. */
	ticketId: recordId.nullable().optional(),
	/** When a follow-up is due. */
	dueAt: timestamp.nullable().optional(),
	/** When a follow-up was done; null while it is to do. */
	doneAt: timestamp.nullable().optional(),
});

export const activitySchema = activityFieldsSchema.superRefine((activity, context) => {
	if (activity.customerId === '' && !(activity.kind === 'follow_up' && activity.ticketId))
		context.addIssue({
			code: 'custom',
			path: ['customerId'],
			message: t('domain.rule.activityCustomer'),
		});
	if (activity.kind === 'follow_up' && !activity.dueAt)
		context.addIssue({code: 'custom', path: ['dueAt'], message: t('domain.rule.followUpDue')});
});

export type Activity = z.infer<typeof activitySchema>;

export const isFollowUp = (activity: Activity): boolean => activity.kind === 'follow_up';

/** KPI.md: a follow-up is done when `doneAt` is set. */
export const isDone = (activity: Activity): boolean => Boolean(activity.doneAt);
