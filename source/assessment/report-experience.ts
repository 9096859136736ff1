import {escapeControls} from '../domain/control-characters.js';
import {
	type SurveyItemKey,
	type SurveyResponse,
	type SusBand,
	surveyItemName,
	surveyItems,
	surveyItemText,
	susBand,
	susBandName,
	susItems,
	susScore,
} from '../domain/survey.js';
import {t} from '../i18n/i18n.js';
import type {Evaluation} from './evaluation.js';
import {formatKpi} from './format-kpi.js';
import {isIn, periodName} from './periods.js';

/**
 * What one item's answer adds to a good verdict, 0–4: SUS items 1, 3, 5, 7, 9 and the three
 * questions are worded positively (rating − 1), SUS items 2, 4, 6, 8, 10 negatively (5 − rating).
 */
export const itemContribution = (key: SurveyItemKey, rating: number): number => {
	const sus = susItems.findIndex((item) => item.key === key);
	return sus >= 0 && sus % 2 === 1 ? 5 - rating : rating - 1;
};

/**
 * A response's lowest-rated question: of its 13 items, the one with the lowest contribution (for a
 * negatively worded SUS item, the highest rating); ties go to the earlier item, in the form's order.
 */
export const lowestRatedItem = (response: Pick<SurveyResponse, SurveyItemKey>): SurveyItemKey => {
	let lowest: SurveyItemKey = surveyItems[0].key;
	let worst = Number.POSITIVE_INFINITY;
	for (const item of surveyItems) {
		const contribution = itemContribution(item.key, response[item.key]);
		if (contribution < worst) {
			worst = contribution;
			lowest = item.key;
		}
	}
	return lowest;
};

/**
 * Markdown's characters that act inside a line (emphasis, code, links, HTML, table cells,
 * strike-through, entities), backslash-escaped as CommonMark allows for any ASCII punctuation. Those
 * that act only at a line's start (`#`, `-`, `+`) cannot: a comment is written after `- `.
 */
const markdownSpecial = /[\\`*_[\]<>|~&]/g;

/**
 * A comment as one line of Markdown: its line breaks and tabs made spaces, Markdown's characters
 * escaped so an operator's words cannot make a heading, a link or a table cell, and any other
 * control character written out as `\xNN` (as every text from data in the report).
 */
export const commentInMarkdown = (text: string): string =>
	escapeControls(
		text
			.replace(/[\r\n\t]+/g, ' ')
			.trim()
			.replace(markdownSpecial, (character) => `\\${character}`),
		false,
	);

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The comments of the period's responses, grouped by each response's lowest-rated question: most comments first, then in the form's order. */
const commentGroups = (responses: readonly SurveyResponse[]): string[] => {
	const groups = new Map<SurveyItemKey, SurveyResponse[]>();
	for (const response of responses) {
		if (response.comment.trim() === '') continue;
		const key = lowestRatedItem(response);
		groups.set(key, [...(groups.get(key) ?? []), response]);
	}
	if (groups.size === 0) return [t('assess.experience.noComments')];
	const order = (key: SurveyItemKey) => surveyItems.findIndex((item) => item.key === key);
	const lines: string[] = [t('assess.experience.commentsIntro')];
	for (const [key, group] of [...groups].sort(([a, x], [b, y]) => y.length - x.length || order(a) - order(b))) {
		lines.push('', `### ${capitalized(surveyItemName(key))}`, '');
		for (const response of group)
			lines.push(
				`- ${commentInMarkdown(response.comment)} — ${commentInMarkdown(response.operator)}, ${response.createdAt.slice(0, 10)}, SUS ${formatKpi('usability_score', susScore(response))}`,
			);
	}
	return lines;
};

/**
 * The report's qualitative section (KPI.md *Operators' experience*): how many answered in the period,
 * the mean SUS score with its band, the three questions' means, then the period's comments.
 */
export const experienceSection = (
	evaluation: Evaluation,
	surveys: readonly SurveyResponse[],
	kpiTable: readonly string[],
): string[] => {
	const lines = ['', `## ${t('assess.group.experience')}`, '', ...kpiTable, ''];
	const responses = surveys.filter((response) => isIn(response.createdAt, evaluation.period));
	const {kpis} = evaluation;
	if (responses.length === 0) {
		lines.push(t('assess.experience.noResponses', {period: periodName(evaluation.period)}));
		return lines;
	}
	const score = kpis.usability_score.actual;
	const mean = (id: 'ease_of_use' | 'fit_for_work' | 'data_accuracy') => formatKpi(id, kpis[id].actual);
	lines.push(
		t('assess.experience.summary', {
			count: responses.length,
			period: periodName(evaluation.period),
			score:
				score === null
					? formatKpi('usability_score', score)
					: t('assess.experience.scoreWithBand', {
							score: formatKpi('usability_score', score),
							band: susBandName(susBand(score)),
						}),
			ease: mean('ease_of_use'),
			fit: mean('fit_for_work'),
			accuracy: mean('data_accuracy'),
		}),
		'',
		...commentGroups(responses),
	);
	return lines;
};

/** One comment of the JSON report's `experience`: who, when, their SUS score and their lowest-rated item. */
export type ExperienceComment = {
	operator: string;
	at: string;
	susScore: number;
	lowestItem: SurveyItemKey;
	lowestText: string;
	comment: string;
};

/**
 * The JSON report's `experience`, the Markdown's *Operators' experience* as data: the period's count,
 * mean SUS score and band, the three means, and every non-empty comment of the period, oldest first,
 * with its lowest-rated item (`lowestRatedItem`). The surveys come masked with --mask.
 */
export const experienceJson = (evaluation: Evaluation, surveys: readonly SurveyResponse[]) => {
	const {kpis} = evaluation;
	const responses = surveys.filter((response) => isIn(response.createdAt, evaluation.period));
	const score = kpis.usability_score.actual;
	const band: SusBand | null = score === null ? null : susBand(score);
	const comments: ExperienceComment[] = responses
		.filter((response) => response.comment.trim() !== '')
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
		.map((response) => {
			const lowest = lowestRatedItem(response);
			return {
				operator: response.operator,
				at: response.createdAt,
				susScore: susScore(response),
				lowestItem: lowest,
				lowestText: surveyItemText(lowest, {lng: 'en'}),
				comment: response.comment,
			};
		});
	return {
		responses: responses.length,
		usabilityScore: score,
		band,
		easeOfUse: kpis.ease_of_use.actual,
		fitForWork: kpis.fit_for_work.actual,
		dataAccuracy: kpis.data_accuracy.actual,
		comments,
	};
};
