import type {SurveyResponse} from '../domain/survey.js';
import {susScore} from '../domain/survey.js';
import {dayOf, dayTables} from './day-table.js';
import {type KpiValue, ratio} from './kpi-value.js';
import type {Period} from './periods.js';

/** A survey response's fields in the day table, by the day it was answered (its createdAt). */
const field = {responses: 0, sus: 1, easeOfUse: 2, fitForWork: 3, dataAccuracy: 4} as const;

/** Sums by UTC day of the responses, their SUS scores and the three questions' ratings: built once, carried from edit to edit. */
const responseTable = dayTables<SurveyResponse>(5, (record, add) => {
	const answered = dayOf(record.createdAt);
	add(answered, field.responses, 1);
	add(answered, field.sus, susScore(record));
	add(answered, field.easeOfUse, record.easeOfUse);
	add(answered, field.fitForWork, record.fitForWork);
	add(answered, field.dataAccuracy, record.dataAccuracy);
});

/**
 * KPI.md *Operators' experience*, over the responses whose createdAt is in P: how many, the mean SUS
 * score and the mean rating of each of the evaluation's three questions; every mean null when P has
 * no response.
 */
export const experienceKpis = (surveys: readonly SurveyResponse[], period: Period): Record<string, KpiValue> => {
	const table = responseTable(surveys);
	const sum = (column: number) => table.sum(column, period.start, period.end);
	const responses = sum(field.responses);
	return {
		usability_score: ratio(sum(field.sus), responses),
		survey_responses: responses,
		ease_of_use: ratio(sum(field.easeOfUse), responses),
		fit_for_work: ratio(sum(field.fitForWork), responses),
		data_accuracy: ratio(sum(field.dataAccuracy), responses),
	};
};
