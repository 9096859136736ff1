import type {OperatorFile} from './operator-file.js';

const dayMs = 86_400_000;

/** A postponed survey is offered again after this long. */
export const postponeMs = dayMs;

export type SurveyOfferInput = {
	/** Settings `survey`: the window in days (0: never offered) and the days of use before the first offer. */
	offerEveryDays: number;
	firstAfterDays: number;
	file: OperatorFile;
	/** When this operator last answered the survey, if ever. */
	lastAnsweredAt: number | null;
	/** When this operator's first recorded change was made, if ever (an operator from before the survey existed). */
	firstChangeAt: number | null;
	now: number;
};

/**
 * Whether the console offers the survey now, and, when it does, whether `Esc` declines it (it was
 * postponed already in this window) or only postpones it. Offered at most once per window: not to
 * an operator who answered or declined within it, nor within a day of a postponement, nor to one who
 * has used the console for fewer than `firstAfterDays` (SUS asks people who know the system).
 */
export const surveyOffer = (input: SurveyOfferInput): {due: boolean; escDeclines: boolean} => {
	const {file, now} = input;
	const window = input.offerEveryDays * dayMs;
	const time = (iso: string | undefined) => (iso ? Date.parse(iso) : null);
	const firstSeen = time(file.firstSeenAt);
	const known = [firstSeen, input.firstChangeAt].filter((at): at is number => at !== null);
	const since = known.length > 0 ? Math.min(...known) : now;
	const within = (at: number | null, span: number) => at !== null && now - at < span;
	const postponed = time(file.survey?.postponedAt);
	const due =
		input.offerEveryDays > 0 &&
		now - since >= input.firstAfterDays * dayMs &&
		!within(input.lastAnsweredAt, window) &&
		!within(time(file.survey?.declinedAt), window) &&
		!within(postponed, postponeMs);
	return {due, escDeclines: due && within(postponed, window)};
};

/** The file after the operator's `Esc` on an offered survey. */
export const afterEsc = (file: OperatorFile, declines: boolean, now: number): OperatorFile => {
	const at = new Date(now).toISOString();
	return {...file, survey: declines ? {...file.survey, declinedAt: at} : {...file.survey, postponedAt: at}};
};
