import {escapeControls, escapeJsonControls} from '../../domain/control-characters.js';
import type {AnyStoredRecord, Dataset, StoredEntity} from '../../domain/dataset.js';
import {recordsToCsv} from '../../domain/records-csv.js';
import type {Settings} from '../../domain/settings.js';
import {t} from '../../i18n/i18n.js';
import {exitCodes} from '../exit-codes.js';
import {fieldsOf} from './record-query.js';
import {RecordsRefusedError} from './records-error.js';

export type OutputFormat = 'json' | 'csv' | 'table';

export type FormatFlags = {json?: boolean; csv?: boolean; table?: boolean};

/** The format asked for, else a table on a terminal and JSON into a pipe or a file; two at once are refused. */
export const chooseFormat = (flags: FormatFlags, terminal: boolean): OutputFormat => {
	const asked = (['json', 'csv', 'table'] as const).filter((format) => flags[format] === true);
	if (asked.length > 1)
		throw new RecordsRefusedError(
			t('cli.records.oneFormat', {formats: asked.map((format) => `--${format}`).join(', ')}),
			'bad_option',
			exitCodes.usage,
		);
	return asked[0] ?? (terminal ? 'table' : 'json');
};

/** What the console's columns are worked out from (a deal's customer by name, a customer's RFM as of now). */
export type TableView = {dataset: Dataset; settings: Settings; now: number};

/**
 * The plain tables, drawn with the console's columns and layout: the command line gives them
 * (commands/ may not import the console), so reading for JSON or CSV never loads them.
 */
export type TableRenderer = {
	/** Records in the console list's columns (`fields` null), else in the fields chosen. */
	list: (
		entity: StoredEntity,
		records: readonly object[],
		fields: readonly string[] | null,
		view: TableView,
		width: number,
	) => string;
	/** One record's fields, one to a line. */
	show: (record: object, fields: readonly string[], width: number) => string;
};

/** Where the text goes: data reaching a terminal has its control characters escaped; a table is cut to `width`. */
export type Destination = {terminal: boolean; width: number; table: TableRenderer};

/** The record as stored (every field), or only the fields chosen, in their order (an absent one as null). */
export const project = (record: object, fields: readonly string[] | null): object => {
	if (fields === null) return record;
	const stored = record as Record<string, unknown>;
	return Object.fromEntries(fields.map((field) => [field, stored[field] ?? null]));
};

const json = (value: unknown, to: Destination): string => {
	const text = `${JSON.stringify(value, null, 2)}\n`;
	return to.terminal ? escapeJsonControls(text) : text;
};

const csv = (entity: StoredEntity, records: readonly object[], fields: readonly string[] | null, to: Destination) => {
	const text = recordsToCsv(entity, records as AnyStoredRecord[], fields ?? fieldsOf(entity));
	return to.terminal ? escapeControls(text) : text;
};

export type ListOutput = {
	entity: StoredEntity;
	records: readonly object[];
	fields: readonly string[] | null;
	format: OutputFormat;
	view: TableView;
};

/** `list`: an array of records, CSV with a header, or a table. */
export const renderList = (output: ListOutput, to: Destination): string => {
	const {entity, records, fields, format} = output;
	if (format === 'json')
		return json(
			records.map((record) => project(record, fields)),
			to,
		);
	if (format === 'csv') return csv(entity, records, fields, to);
	return to.table.list(entity, records, fields, output.view, to.width);
};

/** `show`: one object, CSV with one row, or the record's fields one to a line. */
export const renderShow = (
	entity: StoredEntity,
	record: object,
	fields: readonly string[] | null,
	format: OutputFormat,
	to: Destination,
): string => {
	if (format === 'json') return json(project(record, fields), to);
	if (format === 'csv') return csv(entity, [record], fields, to);
	return to.table.show(record, fields ?? Object.keys(record), to.width);
};
