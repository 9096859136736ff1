import {type SurveyResponse, surveyItems, susBand, susBandName, susScore} from '../../domain/survey.js';
import {t} from '../../i18n/i18n.js';
import type {FormDefinition} from './form-definitions.js';
import {formField} from './form-field.js';

/**
 * The usability survey (KPI.md *Operators' experience*): the ten SUS statements and the three
 * questions, each a `rating` field (a digit 1–5 answers it and goes on; ←/→ move along the scale),
 * then an optional comment. Who answers is not typed: the store signs the response with the operator.
 * Labels and hints are getters (`formField`): the form is made at import, its words when it is drawn.
 */
export const surveyForm: FormDefinition = {
	entity: 'surveys',
	get noun() {
		return t('lists.noun.survey');
	},
	fields: [
		...surveyItems.map((item) =>
			formField(
				{key: item.key, kind: 'rating', required: true},
				() => item.short,
				() => item.text,
			),
		),
		formField(
			{key: 'comment', kind: 'text'},
			() => t('lists.field.comment'),
			() => t('lists.hint.comment'),
		),
	],
	defaults: () => ({}),
	savedNotice: (values) => {
		const score = susScore(values as unknown as SurveyResponse);
		return t('lists.survey.thanks', {score, band: susBandName(susBand(score))});
	},
};

/** The scale's two ends, as the survey shows them, in the language in force. */
export const ratingAnchorsText = (): string => t('lists.survey.anchors');
