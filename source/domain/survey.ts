import {z} from 'zod';
import {recordBase} from './record.js';

/**
 * An operator's answer to the console's usability survey (KPI.md *Operators' experience*): the ten
 * System Usability Scale statements in their standard order (1, 3, 5, 7, 9 worded positively, 2, 4,
 * 6, 8, 10 negatively), then three questions of the evaluation, each rated 1 (strongly disagree) to 5
 * (strongly agree), and an optional comment. A response is signed: `operator` is who answered (set by
 * the store, never typed), so answers are not anonymous and the form says so.
 */
export const susItems = [
	{key: 'sus1', short: 'Use it often', text: 'I think that I would like to use this system frequently.'},
	{key: 'sus2', short: 'Too complex', text: 'I found the system unnecessarily complex.'},
	{key: 'sus3', short: 'Easy to use', text: 'I thought the system was easy to use.'},
	{
		key: 'sus4',
		short: 'Need tech help',
		text: 'I think that I would need the support of a technical person to be able to use this system.',
	},
	{key: 'sus5', short: 'Well integrated', text: 'I found the various functions in this system were well integrated.'},
	{key: 'sus6', short: 'Inconsistent', text: 'I thought there was too much inconsistency in this system.'},
	{
		key: 'sus7',
		short: 'Quick to learn',
		text: 'I would imagine that most people would learn to use this system very quickly.',
	},
	{key: 'sus8', short: 'Cumbersome', text: 'I found the system very cumbersome to use.'},
	{key: 'sus9', short: 'Confident', text: 'I felt very confident using the system.'},
	{
		key: 'sus10',
		short: 'Much to learn',
		text: 'I needed to learn a lot of things before I could get going with this system.',
	},
] as const;

/** The evaluation's own three questions, after the SUS items; each is a KPI of its own. */
export const surveyQuestions = [
	{key: 'easeOfUse', short: 'Easy to operate', text: 'Is the console easy to operate?', kpi: 'ease_of_use'},
	{key: 'fitForWork', short: 'Fits my work', text: 'Does it do what your work needs?', kpi: 'fit_for_work'},
	{key: 'dataAccuracy', short: 'Data accurate', text: 'Is its data accurate?', kpi: 'data_accuracy'},
] as const;

/** Every rated item of a response, in the order the form asks them. */
export const surveyItems = [...susItems, ...surveyQuestions] as const;
export type SurveyItemKey = (typeof surveyItems)[number]['key'];

/** How an item is named in a message: `item 4 (“I think that I would need the support…”)`. */
export const surveyItemName = (key: string): string => {
	const index = surveyItems.findIndex((item) => item.key === key);
	if (index < 0) return key;
	const item = surveyItems[index]!;
	return index < susItems.length ? `item ${index + 1} (“${item.text}”)` : `question “${item.text}”`;
};

/** A rating 1–5; its messages name the item, so a refusal from any path (form, import, file) says which. */
const rating = (key: string) => {
	const must = `${surveyItemName(key)} must be answered with a rating from 1 to 5`;
	return z.number({message: must}).int(must).min(1, must).max(5, must);
};

const ratings = Object.fromEntries(surveyItems.map((item) => [item.key, rating(item.key)])) as Record<
	SurveyItemKey,
	ReturnType<typeof rating>
>;

export const surveyResponseSchema = z.object({
	...recordBase,
	/** Who answered: the acting operator, set by the store. */
	operator: z.string().trim().min(1, 'must name who answered').max(80, 'must be at most 80 characters'),
	...ratings,
	comment: z.string().max(5_000, 'must be at most 5,000 characters').default(''),
});

export type SurveyResponse = z.infer<typeof surveyResponseSchema>;

/**
 * One response's SUS score, 0–100 (KPI.md): (Σ odd items (r − 1) + Σ even items (5 − r)) × 2.5,
 * item 1 being odd. Ratings are 1–5 by the schema.
 */
export const susScore = (response: Pick<SurveyResponse, (typeof susItems)[number]['key']>): number => {
	let sum = 0;
	susItems.forEach((item, index) => {
		const answer = response[item.key];
		sum += index % 2 === 0 ? answer - 1 : 5 - answer;
	});
	return sum * 2.5;
};

/** Where a SUS score falls (the bands, after Bangor, Kortum and Miller's adjective scale). */
export type SusBand = 'poor' | 'below average' | 'good' | 'excellent';

export const susBand = (score: number): SusBand => {
	if (score < 51) return 'poor';
	if (score < 68) return 'below average';
	if (score < 80.3) return 'good';
	return 'excellent';
};
