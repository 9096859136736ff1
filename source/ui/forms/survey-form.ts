import {type SurveyResponse, surveyItems, susBand, susScore} from '../../domain/survey.js';
import type {FormDefinition} from './form-definitions.js';

/**
 * The usability survey (KPI.md *Operators' experience*): the ten SUS statements and the three
 * questions, each a `rating` field (a digit 1–5 answers it and goes on; ←/→ move along the scale),
 * then an optional comment. Who answers is not typed: the store signs the response with the operator.
 */
export const surveyForm: FormDefinition = {
	entity: 'surveys',
	noun: 'usability survey',
	fields: [
		...surveyItems.map((item) => ({
			key: item.key,
			label: item.short,
			kind: 'rating' as const,
			required: true,
			hint: item.text,
		})),
		{key: 'comment', label: 'Comment', kind: 'text', hint: 'optional: what would make the console better for you'},
	],
	defaults: () => ({}),
	savedNotice: (values) => {
		const score = susScore(values as unknown as SurveyResponse);
		return `Thank you: answers saved — SUS ${score} (${susBand(score)}).`;
	},
};

/** The scale's two ends, as the survey shows them. */
export const ratingAnchors = '1 strongly disagree … 5 strongly agree';
