import {entityIdPrefix} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import {type SurveyResponse, surveyItems, susItems} from '../domain/survey.js';
import {clamp, day, hour} from '../domain/units.js';
import type {RandomSource} from './random-source.js';

/** The demo's go-live: the first of the month half its history ago (seed.ts writes it into the settings). */
export const demoGoLive = (now: Date, months: number): number =>
	Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - Math.floor(months / 2), 1);

/** Who answers in the demo: its sales, service and marketing people, each with how they take to the console (0 dislikes it, 1 likes it: about their SUS score / 100). */
const respondents: ReadonlyArray<readonly [string, number]> = [
	['Dana Whitfield', 0.9],
	['Marcus Lee', 0.8],
	['Priya Raman', 0.72],
	['Alex Kim', 0.6],
	['Jordan Blake', 0.45],
	['Lina Park', 0.85],
	['Riley Chen', 0.68],
];

/** What operators write, by what they liked least; about half leave no comment. */
const comments = [
	'Too many keys to remember at first; the ? help saved me.',
	'I still ask IT how to import the monthly lead list.',
	'Order lines take long to type when a customer buys ten products.',
	'Fast, and the search finds anyone in a second.',
	'The follow-ups list is what I open first every morning.',
	'Some customers show twice after the import; I do not trust the phone numbers.',
	'Deal stages do not match how our team sells renewals.',
	'Works well on the laptop, cramped on the small terminal in the warehouse.',
];

/** A rating 1–5 around how much the operator likes the console: for a negatively worded SUS item, the mirror. */
const rating = (random: RandomSource, liking: number, negative: boolean): number => {
	const around = 1 + liking * 4 + (random.next() - 0.5) * 2.2;
	const value = clamp(Math.round(around), 1, 5);
	return negative ? 6 - value : value;
};

/**
 * The demo's survey responses (eleven): four in the first months after go-live, while the team was
 * learning the console (lower ratings), then two in each of the last three complete months and one
 * in the running month, from the demo's operators, scores from poor to excellent, about half with a
 * comment. From a random source of their own, so the rest of the demo stays as it was.
 */
export const makeSurveyResponses = (random: RandomSource, goLive: number, end: number): SurveyResponse[] => {
	const date = new Date(end);
	const month = (back: number) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1);
	const within = (start: number, stop: number) =>
		start + Math.floor(random.next() * Math.max(hour, stop - start - day));
	const responses: SurveyResponse[] = [];
	// Each comment once: a demo that says the same thing twice reads like a bug.
	const unsaid = [...comments];
	const response = (at: number, learning: number) => answers(random, at, learning, unsaid);
	const learning = Math.min(end, goLive + 120 * day);
	for (let index = 0; index < 4; index++) responses.push(response(within(goLive, learning), -0.2));
	for (let back = 3; back >= 1; back--)
		for (let index = 0; index < 2; index++) responses.push(response(within(month(back), month(back - 1)), 0));
	responses.push(response(Math.min(within(month(0), end), end - hour), 0));
	return responses.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

/** One operator's answers at `at`; `learning` shifts how much they like the console (negative: still learning it). */
const answers = (random: RandomSource, at: number, learning: number, unsaid: string[]): SurveyResponse => {
	const [operator, liking] = random.pick(respondents);
	const ratings = Object.fromEntries(
		surveyItems.map((item, index) => [
			item.key,
			rating(random, clamp(liking + learning, 0, 1), index < susItems.length && index % 2 === 1),
		]),
	);
	const createdAt = new Date(at).toISOString();
	return {
		id: newId(entityIdPrefix.surveys, random.next),
		externalId: null,
		operator,
		...ratings,
		comment: random.chance(0.5) && unsaid.length > 0 ? unsaid.splice(random.int(0, unsaid.length - 1), 1)[0]! : '',
		createdAt,
		updatedAt: createdAt,
		version: 1,
	} as SurveyResponse;
};
