import {z} from 'zod';
import {defaultSlaHours} from './ticket.js';

const hours = z.number({message: 'must be a number of hours'}).positive('must be more than 0').max(24 * 365, 'must be at most a year');

/** What an organisation tunes: SLA hours per priority, reasons a deal is lost, the currencies it sells in. */
export const settingsSchema = z.object({
	slaHours: z
		.object({urgent: hours, high: hours, normal: hours, low: hours})
		.default(defaultSlaHours),
	lostReasons: z.array(z.string().trim().min(1).max(60)).min(1, 'must list at least one reason').default(['price', 'competitor', 'no decision', 'timing', 'missing feature', 'budget cut', 'other']),
	currencies: z.array(z.string().regex(/^[A-Z]{3}$/, 'must be three-letter codes like USD')).min(1).default(['USD', 'EUR', 'GBP', 'JPY', 'CNY', 'KRW']),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings = (): Settings => settingsSchema.parse({});
