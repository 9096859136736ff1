import {z} from 'zod';
import {timestamp} from './record.js';

/**
 * What the console keeps for one operator, beside the data and apart from the settings (which are
 * the admins'): when they were first seen, and how they answered the offer of the usability survey.
 * Every field is optional, so a file from an older console, or none at all, reads as "nothing yet".
 */
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
});

export type OperatorFile = z.infer<typeof operatorFileSchema>;
