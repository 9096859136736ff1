import {stringify} from 'csv-stringify/sync';
import type {AudienceMember} from './audience.js';
import {type AnyStoredRecord, entityFieldSchemas, type StoredEntity} from './dataset.js';
import {protectCell} from './spreadsheet-cell.js';
import {type SurveyResponse, surveyItems, susScore} from './survey.js';

/**
 * A field as a CSV cell: lists joined by commas (tags), structures as JSON (ticket comments), null as
 * empty. Text (a name, a phone, tags) that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * a tab or CR first) gets a leading `'`, which an import takes off again; numbers we write are numbers.
 */
const cell = (value: unknown): string => {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return protectCell(value);
	if (Array.isArray(value))
		return value.every((item) => typeof item === 'string') ? protectCell(value.join(', ')) : JSON.stringify(value);
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/**
 * Records of one entity as CSV with every field, in schema order: what `crm import` reads back.
 * `columns` chooses fields and their order instead (`crm customers list --csv --fields name,email`).
 */
export const recordsToCsv = (
	entity: StoredEntity,
	records: readonly AnyStoredRecord[],
	columns: readonly string[] = Object.keys(entityFieldSchemas[entity].shape),
): string => {
	return stringify(
		records.map((record) => columns.map((column) => cell((record as unknown as Record<string, unknown>)[column]))),
		{header: true, columns: [...columns]},
	);
};

/** The columns of a survey export: who and when, one column per rated item in the form's order, the SUS score, the comment. */
export const surveyCsvColumns = [
	'id',
	'createdAt',
	'operator',
	...surveyItems.map((item) => item.key),
	'susScore',
	'comment',
];

/** Survey responses as CSV (`crm export surveys`): one row each, with its SUS score (0–100) computed. */
export const surveysToCsv = (responses: readonly SurveyResponse[]): string =>
	stringify(
		responses.map((response) => {
			const fields = {...response, susScore: susScore(response)} as unknown as Record<string, unknown>;
			return surveyCsvColumns.map((column) => cell(fields[column]));
		}),
		{header: true, columns: surveyCsvColumns},
	);

/**
 * Audience members as CSV (`crm export audiences`): every field, then the campaign's and the
 * customer's names as they are now (empty for one deleted since), formula-guarded like every cell.
 */
export const audiencesToCsv = (
	members: readonly AudienceMember[],
	names: {campaigns: ReadonlyMap<string, string>; customers: ReadonlyMap<string, string>},
): string => {
	const fields = Object.keys(entityFieldSchemas.audiences.shape);
	return stringify(
		members.map((member) => [
			...fields.map((field) => cell((member as unknown as Record<string, unknown>)[field])),
			cell(names.campaigns.get(member.campaignId)),
			cell(names.customers.get(member.customerId)),
		]),
		{header: true, columns: [...fields, 'campaignName', 'customerName']},
	);
};
