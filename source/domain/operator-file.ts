import {z} from 'zod';
import {timestamp} from './record.js';

/**
 * What the console keeps for one operator, beside the data and apart from the settings (which are
 * the admins'): when they were first seen, how they answered the offer of the usability survey, and
 * the views they saved.
 * Every field is optional, so a file from an older console, or none at all, reads as "nothing yet".
 */
/** A list's filter and sort saved under a name (`:view save NAME`). The screen is checked where it is recalled. */
export const savedViewSchema = z.object({
	screen: z.string().min(1).max(40),
	filter: z.string().max(1000).default(''),
	sort: z.object({column: z.string().max(80), descending: z.boolean()}),
});

export const operatorFileSchema = z.object({
	/** The first console session of this operator that found no file of theirs. */
	firstSeenAt: timestamp.optional(),
	survey: z
		.object({
			/** `Esc` on an offered survey: asked again a day later. */
			postponedAt: timestamp.optional(),
			/** `Esc` on a survey offered again after a postponement: not offered until the next window. */
			declinedAt: timestamp.optional(),
		})
		.optional(),
	/** The operator's saved views by name, and the view each screen opens with (`:view default NAME`). */
	views: z.record(z.string().min(1).max(60), savedViewSchema).optional(),
	defaultViews: z.record(z.string().min(1).max(40), z.string().min(1).max(60)).optional(),
});

export type OperatorFile = z.infer<typeof operatorFileSchema>;
