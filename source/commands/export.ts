import {escapeControls, escapeJsonControls} from '../domain/control-characters.js';
import {type AnyStoredRecord, type EntityName, entityNames} from '../domain/dataset.js';
import {recordsToCsv, surveysToCsv} from '../domain/records-csv.js';
import type {SurveyResponse} from '../domain/survey.js';
import {foldForSearch} from '../domain/text-fold.js';
import {CrmStore} from '../store/store.js';
import {ImportError} from './import/csv-file.js';

/**
 * Every entity with a screen of its own: customers, deals, tickets, feedback, campaigns and orders (an
 * order's lines as one JSON cell); and the survey's responses (one column per item, and the SUS score).
 */
const entities: readonly ExportedEntity[] = [...entityNames, 'surveys'];
type ExportedEntity = EntityName | 'surveys';

const fieldText = (value: unknown): string =>
	foldForSearch(typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value ?? ''));

/**
 * Every word of the filter must appear in some field of the record (case and accents ignored), as `/`
 * in the console; `field:value` only in that field (`status:churned`, `owner:` for a blank owner). A
 * name before the colon that is no field of the record is a plain word.
 */
export const recordMatches = (record: AnyStoredRecord, filter: string): boolean => {
	const fields = new Map(Object.entries(record).map(([key, value]) => [key.toLowerCase(), fieldText(value)]));
	const text = [...fields.values()].join(' ');
	return foldForSearch(filter)
		.split(/\s+/)
		.filter(Boolean)
		.every((term) => {
			const colon = term.indexOf(':');
			const field = colon > 0 ? fields.get(term.slice(0, colon)) : undefined;
			if (field === undefined) return text.includes(term);
			const value = term.slice(colon + 1);
			return value === '' ? field.trim() === '' || field === 'null' : field.includes(value);
		});
};

/**
 * `crm export`: the records of one entity (those matching `filter`), as CSV with every field or as JSON.
 * To a `terminal` control characters in the data are shown escaped (CSV `\xNN`, JSON `\u00NN`) so
 * they cannot command it; to a file or a pipe the data goes byte for byte.
 */
export const runExport = async (
	file: string,
	options: {entity: string; format: string; filter?: string; terminal?: boolean},
): Promise<string> => {
	if (!entities.includes(options.entity as ExportedEntity))
		throw new ImportError(`${options.entity} cannot be exported: use ${entities.join(', ')}.`);
	if (options.format !== 'csv' && options.format !== 'json')
		throw new ImportError(`--format ${options.format} is not supported: use csv or json.`);
	const entity = options.entity as ExportedEntity;
	const store = await CrmStore.open(file);
	const records = (store.data[entity] as AnyStoredRecord[]).filter(
		(record) => !options.filter || recordMatches(record, options.filter),
	);
	if (options.format === 'json') {
		const json = `${JSON.stringify(records, null, 2)}\n`;
		return options.terminal ? escapeJsonControls(json) : json;
	}
	const csv = entity === 'surveys' ? surveysToCsv(records as SurveyResponse[]) : recordsToCsv(entity, records);
	return options.terminal ? escapeControls(csv) : csv;
};
