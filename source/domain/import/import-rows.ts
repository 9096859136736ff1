import {t} from '../../i18n/i18n.js';
import {readAmount} from '../amount-input.js';
import {unprotectCell} from '../spreadsheet-cell.js';
import type {CsvRow} from './csv-table.js';
import {type DateOrder, DateOrderDetector, expectedDates, readDate} from './import-dates.js';
import {ImportError} from './import-error.js';
import type {ImportMapping, ImportTarget} from './import-mapping.js';

/** Per target of the mapping, the order of day and month each of its `auto` date columns settled on (see DateOrderDetector). */
export type DateOrders = ReadonlyArray<ReadonlyMap<string, DateOrder>>;

const dateFields = new Set([
	'createdAt',
	'closedAt',
	'expectedCloseAt',
	'firstResponseAt',
	'resolvedAt',
	'churnedAt',
	'startAt',
	'endAt',
	'orderedAt',
	'paidAt',
]);
const numberFields = new Set(['amount', 'probability', 'rating', 'nps', 'budget', 'cost']);
/** Fields an export writes as JSON (a ticket's comments, an order's lines), read back as such. */
const jsonFields = new Set(['comments', 'lines']);

/** What a JSON field holds, for a row's error. */
const jsonWords = (field: string): string =>
	field === 'comments' ? t('domain.import.jsonComments') : t('domain.import.jsonLines');

/** A cell as the import reads it: trimmed, and the `'` an export puts before a formula-like value taken off. */
export const cell = (row: CsvRow, column: string): string => unprotectCell((row.values[column] ?? '').trim());

export type Template = (row: CsvRow) => string;

/** `{column}` filled from the row; `{column|text}` uses the text when the column is empty. Read once, filled per row. */
export const compileTemplate = (template: string): Template => {
	const texts: string[] = [];
	const slots: Array<{column: string; fallback: string}> = [];
	let last = 0;
	for (const match of template.matchAll(/\{([^}|]+)(?:\|([^}]*))?\}/g)) {
		texts.push(template.slice(last, match.index));
		slots.push({column: match[1]!, fallback: match[2] ?? ''});
		last = match.index + match[0].length;
	}
	texts.push(template.slice(last));
	return (row) => {
		let text = texts[0]!;
		for (let index = 0; index < slots.length; index++)
			text += (cell(row, slots[index]!.column) || slots[index]!.fallback) + texts[index + 1]!;
		return text;
	};
};

export const folded = (text: string): string => text.trim().toLowerCase();

const splitTags = (text: string): string[] =>
	text
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);

/** A row's fields; the first value that cannot be read is its error; values read with a caveat (a fallback) are its warnings. */
export type Converted = {values: Record<string, unknown>; error?: string; warnings?: string[]};

/** The date sources of a target: each column mapped to a date field, and each template of one, by the name a message gives it. */
const dateSources = (target: ImportTarget): Array<{name: string; read: Template}> => [
	...Object.entries(target.columns)
		.filter(([, field]) => dateFields.has(field))
		.map(([column]) => ({name: column, read: (row: CsvRow) => cell(row, column)})),
	...Object.entries(target.templates)
		.filter(([field]) => dateFields.has(field))
		.map(([field, template]) => ({
			name: t('domain.import.templateSource', {field, template}),
			read: compileTemplate(template),
		})),
];

/**
 * Settles, from every row, the order of day and month of each `auto` date column of the mapping
 * (`13/4/2017` is day first): fed the rows as they are read (`see`), then `settle` — which throws
 * an ImportError naming the lines of a column that reads both ways or mixes two orders.
 * `needed` is false when no target reads such dates: no pass over the file is made for it.
 */
export const dateOrderDetection = (mapping: ImportMapping) => {
	const targets = mapping.targets.map((target) =>
		target.dates === 'auto' ? {detector: new DateOrderDetector(), sources: dateSources(target)} : undefined,
	);
	return {
		needed: targets.some((target) => target && target.sources.length > 0),
		see: (rows: Iterable<CsvRow>): void => {
			for (const row of rows) {
				for (const target of targets) {
					if (!target) continue;
					for (const {name, read} of target.sources) {
						const text = read(row);
						if (text !== '') target.detector.see(name, row.line, text);
					}
				}
			}
		},
		settle: (): DateOrders =>
			targets.map((target) => {
				if (!target) return new Map();
				const settled = target.detector.settle();
				if (!settled.ok) throw new ImportError(t('domain.import.nothingImported', {problem: settled.message}));
				return settled.orders;
			}),
	};
};

/** The date orders of a table held in memory (every row of it, not only the rows planned). */
export const dateOrdersOf = (mapping: ImportMapping, rows: readonly CsvRow[]): DateOrders => {
	const detection = dateOrderDetection(mapping);
	if (detection.needed) detection.see(rows);
	return detection.settle();
};

/** One date of a row, or the row's error in words. */
const rowDate = (
	name: string,
	text: string,
	target: ImportTarget,
	order: DateOrder | undefined,
): {date: string; error?: undefined} | {date?: undefined; error: string} => {
	const read = readDate(text, target.dates, order);
	if (read.ok) return {date: read.iso};
	return {
		error:
			read.reason === 'ambiguous'
				? t('domain.import.ambiguousDate', {column: name, text})
				: t('domain.import.notDate', {column: name, text, expected: expectedDates(target.dates)}),
	};
};

/** One row's mapped fields, converted to their types; the first value that cannot be read is the error. The mapping is read once, here, not per row. */
export const rowConverter = (
	target: ImportTarget,
	orders: ReadonlyMap<string, DateOrder> = new Map(),
): ((row: CsvRow) => Converted) => {
	const columns = Object.entries(target.columns).map(([column, field]) => {
		const translation = target.values[field];
		const byFolded = new Map<string, string>();
		for (const [source, value] of Object.entries(translation ?? {}))
			if (!byFolded.has(folded(source))) byFolded.set(folded(source), value);
		return {
			column,
			field,
			translation: translation ? byFolded : undefined,
			choices: Object.keys(translation ?? {}).join(', '),
			fallback: target.fallbacks[field],
		};
	});
	const templates = Object.entries(target.templates).map(([field, template]) => ({
		field,
		fill: compileTemplate(template),
	}));
	return (row) => {
		const values: Record<string, unknown> = {};
		const warnings: string[] = [];
		for (const {column, field, translation, choices, fallback} of columns) {
			let raw = cell(row, column);
			if (translation && raw !== '') {
				const match = translation.get(folded(raw));
				if (match === undefined && fallback === undefined)
					return {values, error: t('domain.import.notOneOf', {column, value: raw, choices})};
				if (match === undefined)
					warnings.push(t('domain.import.fallback', {column, value: raw, choices, field, fallback: String(fallback)}));
				raw = match ?? fallback!;
			}
			if (raw === '') continue;
			if (dateFields.has(field)) {
				const {date, error} = rowDate(column, raw, target, orders.get(column));
				if (error !== undefined) return {values, error};
				values[field] = date;
			} else if (numberFields.has(field)) {
				const number = readAmount(raw);
				if (!number.ok)
					return {values, error: t('domain.import.valueProblem', {column, value: raw, problem: number.message})};
				values[field] = number.value;
			} else if (field === 'tags') values[field] = splitTags(raw);
			else if (jsonFields.has(field)) {
				try {
					values[field] = JSON.parse(raw);
				} catch {
					return {values, error: t('domain.import.notJson', {column, what: jsonWords(field)})};
				}
			} else values[field] = raw;
		}
		for (const {field, fill} of templates) {
			if (values[field] !== undefined) continue;
			const text = fill(row);
			if (dateFields.has(field)) {
				if (text === '') continue;
				const name = t('domain.import.templateSource', {field, template: String(target.templates[field])});
				const {date, error} = rowDate(name, text, target, orders.get(name));
				if (error !== undefined) return {values, error};
				values[field] = date;
			} else if (field === 'tags') values[field] = splitTags(text);
			else values[field] = text;
		}
		return warnings.length > 0 ? {values, warnings} : {values};
	};
};
