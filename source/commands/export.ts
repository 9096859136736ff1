import {stringify} from 'csv-stringify/sync';
import {entityFieldSchemas, type AnyStoredRecord, type EntityName} from '../domain/dataset.js';
import {CrmStore} from '../store/store.js';
import {ImportError} from './import/csv-file.js';

const entities: readonly EntityName[] = ['customers', 'opportunities', 'tickets', 'feedback'];

const fold = (text: string): string => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Every word of the filter must appear in some field of the record (case and accents ignored), as `/` in the console. */
export const recordMatches = (record: AnyStoredRecord, filter: string): boolean => {
	const text = fold(Object.values(record).map((value) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value ?? ''))).join(' '));
	return fold(filter).split(/\s+/).filter(Boolean).every((term) => text.includes(term));
};

/** A field as a CSV cell: lists joined by commas (tags), structures as JSON (ticket comments), null as empty. */
const cell = (value: unknown): string => {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.every((item) => typeof item === 'string') ? value.join(', ') : JSON.stringify(value);
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/** `crm export`: the records of one entity (those matching `filter`), as CSV with every field or as JSON. */
export const runExport = async (file: string, options: {entity: string; format: string; filter?: string}): Promise<string> => {
	if (!entities.includes(options.entity as EntityName)) throw new ImportError(`${options.entity} cannot be exported: use ${entities.join(', ')}.`);
	if (options.format !== 'csv' && options.format !== 'json') throw new ImportError(`--format ${options.format} is not supported: use csv or json.`);
	const entity = options.entity as EntityName;
	const store = await CrmStore.open(file);
	const records = (store.data[entity] as AnyStoredRecord[]).filter((record) => !options.filter || recordMatches(record, options.filter));
	if (options.format === 'json') return `${JSON.stringify(records, null, 2)}\n`;
	const columns = Object.keys(entityFieldSchemas[entity].shape);
	return stringify(records.map((record) => columns.map((column) => cell((record as Record<string, unknown>)[column]))), {header: true, columns});
};
