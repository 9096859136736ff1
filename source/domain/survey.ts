import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {recordBase} from './record.js';

/**
 * An operator's answer to the console's usability survey (KPI.md *Operators' experience*): the ten
 * System Usability Scale statements in their standard order (1, 3, 5, 7, 9 worded positively, 2, 4,
 * 6, 8, 10 negatively), then three questions of the evaluation, each rated 1 (strongly disagree) to 5
 * (strongly agree), and an optional comment. A response is signed: `operator` is who answered (set by
 * the store, never typed), so answers are not anonymous and the form says so.
 */
/** The language in force, or English (`{lng: 'en'}`). */
type Options = {lng: 'en'} | undefined;
type Words = (options?: Options) => string;

/** Each item's statement, to be said in English too (the JSON report's). */
const statements = new Map<string, Words>();

/** An item of the survey: its key, and its short label and statement read from the catalog whenever they are read. */
const item = <K extends string>(key: K, short: Words, text: Words) => {
	statements.set(key, text);
	return {
		key,
		get short() {
			return short();
		},
		get text() {
			return text();
		},
	};
};

/** One of the evaluation's own questions: an item, and the KPI its ratings make. */
const question = <K extends string, I extends string>(key: K, kpi: I, short: Words, text: Words) => {
	statements.set(key, text);
	return {
		key,
		get short() {
			return short();
		},
		get text() {
			return text();
		},
		kpi,
	};
};

export const susItems = [
	item(
		'sus1',
		(options) => t('assess.survey.sus1.short', options),
		(options) => t('assess.survey.sus1.text', options),
	),
	item(
		'sus2',
		(options) => t('assess.survey.sus2.short', options),
		(options) => t('assess.survey.sus2.text', options),
	),
	item(
		'sus3',
		(options) => t('assess.survey.sus3.short', options),
		(options) => t('assess.survey.sus3.text', options),
	),
	item(
		'sus4',
		(options) => t('assess.survey.sus4.short', options),
		(options) => t('assess.survey.sus4.text', options),
	),
	item(
		'sus5',
		(options) => t('assess.survey.sus5.short', options),
		(options) => t('assess.survey.sus5.text', options),
	),
	item(
		'sus6',
		(options) => t('assess.survey.sus6.short', options),
		(options) => t('assess.survey.sus6.text', options),
	),
	item(
		'sus7',
		(options) => t('assess.survey.sus7.short', options),
		(options) => t('assess.survey.sus7.text', options),
	),
	item(
		'sus8',
		(options) => t('assess.survey.sus8.short', options),
		(options) => t('assess.survey.sus8.text', options),
	),
	item(
		'sus9',
		(options) => t('assess.survey.sus9.short', options),
		(options) => t('assess.survey.sus9.text', options),
	),
	item(
		'sus10',
		(options) => t('assess.survey.sus10.short', options),
		(options) => t('assess.survey.sus10.text', options),
	),
] as const;

/** The evaluation's own three questions, after the SUS items; each is a KPI of its own. */
export const surveyQuestions = [
	question(
		'easeOfUse',
		'ease_of_use',
		(options) => t('assess.survey.easeOfUse.short', options),
		(options) => t('assess.survey.easeOfUse.text', options),
	),
	question(
		'fitForWork',
		'fit_for_work',
		(options) => t('assess.survey.fitForWork.short', options),
		(options) => t('assess.survey.fitForWork.text', options),
	),
	question(
		'dataAccuracy',
		'data_accuracy',
		(options) => t('assess.survey.dataAccuracy.short', options),
		(options) => t('assess.survey.dataAccuracy.text', options),
	),
] as const;

/** Every rated item of a response, in the order the form asks them. */
export const surveyItems = [...susItems, ...surveyQuestions] as const;
export type SurveyItemKey = (typeof surveyItems)[number]['key'];

/** How an item is named in a message: `item 4 (“I think that I would need the support…”)`. */
export const surveyItemName = (key: string): string => {
	const index = surveyItems.findIndex((item) => item.key === key);
	if (index < 0) return key;
	const item = surveyItems[index]!;
	return index < susItems.length
		? t('assess.survey.itemName', {number: index + 1, text: item.text})
		: t('assess.survey.questionName', {text: item.text});
};

/** An item's statement in the language in force, or in English (`{lng: 'en'}`, as the JSON report writes it). */
export const surveyItemText = (key: string, options?: Options): string => statements.get(key)?.(options) ?? key;

/**
 * A rating 1–5; its messages name the item, so a refusal from any path (form, import, file) says which,
 * in the language in force when it is refused (the schema is made once, at import).
 */
const rating = (key: string) => {
	const must = {error: () => t('assess.survey.mustRate', {item: surveyItemName(key)})};
	return z.number(must).int(must).min(1, must).max(5, must);
};

const ratings = Object.fromEntries(surveyItems.map((item) => [item.key, rating(item.key)])) as Record<
	SurveyItemKey,
	ReturnType<typeof rating>
>;

export const surveyResponseSchema = z.object({
	...recordBase,
	/** Who answered: the acting operator, set by the store. */
	operator: z
		.string()
		.trim()
		.min(1, {error: () => t('assess.survey.mustName')})
		.max(80, {error: () => t('assess.survey.operatorTooLong')}),
	...ratings,
	comment: z
		.string()
		.max(5_000, {error: () => t('assess.survey.commentTooLong')})
		.default(''),
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
	if (score < 68) return 'below average'; // i18n-exempt: a band is data (the JSON report's `band`); susBandName says it
	if (score < 80.3) return 'good';
	return 'excellent';
};

const bandKeys = {
	poor: 'assess.survey.band.poor',
	'below average': 'assess.survey.band.belowAverage',
	good: 'assess.survey.band.good',
	excellent: 'assess.survey.band.excellent',
} as const satisfies Record<SusBand, string>;

/** A SUS band in words, in the language in force. */
export const susBandName = (band: SusBand): string => t(bandKeys[band]);
