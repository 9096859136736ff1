import {stringify} from 'csv-stringify/sync';
import {type AnyStoredRecord, type EntityName, entityFieldSchemas} from './dataset.js';
import {protectCell} from './spreadsheet-cell.js';

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

/** Records of one entity as CSV with every field, in schema order: what `crm import` reads back. */
export const recordsToCsv = (entity: EntityName, records: readonly AnyStoredRecord[]): string => {
	const columns = Object.keys(entityFieldSchemas[entity].shape);
	return stringify(
		records.map((record) => columns.map((column) => cell((record as unknown as Record<string, unknown>)[column]))),
		{header: true, columns},
	);
};
