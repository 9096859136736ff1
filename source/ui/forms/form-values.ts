import {parseAmount} from '../../domain/amount-input.js';
import {type AnyStoredRecord, entityFieldSchemas, entityIdPrefix} from '../../domain/dataset.js';
import {parseDateInput} from '../../domain/date-input.js';

export {parseAmount};

import {z} from 'zod';
import {defaultProbability, type OpportunityStage} from '../../domain/opportunity.js';
import type {OrderLine} from '../../domain/order.js';
import {lineToInput, readLineInput} from '../../domain/order-line-input.js';
import {notesText} from '../../domain/record.js';
import type {Settings} from '../../domain/settings.js';
import {controlCharacterProblems} from '../../domain/stored-text.js';
import {t} from '../../i18n/i18n.js';
import type {FormDefinition, FormField} from './form-definitions.js';

export type FormErrors = Record<string, string>;

/** The most characters a schema of text takes (`.max(120)`), through `.default()`, `.nullable()` and `.optional()`; undefined where it sets none. */
const maxLengthOf = (schema: unknown): number | undefined => {
	let inner = schema;
	while (inner instanceof z.ZodDefault || inner instanceof z.ZodNullable || inner instanceof z.ZodOptional)
		inner = inner.unwrap();
	return inner instanceof z.ZodString ? (inner.maxLength ?? undefined) : undefined;
};

/** The longest text the store keeps (notes, descriptions, comments): what a field without a limit of its own takes. */
export const longestText = maxLengthOf(notesText)!;

/**
 * How many characters a field takes as typed, by the schema the store checks: a customer's name
 * 120, its notes 20,000; a field whose schema sets no maximum, the longest text the store keeps.
 * More is refused as it arrives (a paste of 10,000 characters into a name), not typed and then refused on save.
 */
export const fieldTextLimit = (definition: FormDefinition, field: FormField): number => {
	const schema = definition.schema ?? (definition.entity ? entityFieldSchemas[definition.entity] : undefined);
	return maxLengthOf(schema instanceof z.ZodObject ? schema.shape[field.key] : undefined) ?? longestText;
};

const isMidnight = (iso: string): boolean => iso.slice(11, 19) === '00:00:00';

/** A stored value as the operator edits it. */
const valueToText = (field: FormField, value: unknown): string => {
	if (value === null || value === undefined) return '';
	switch (field.kind) {
		case 'date':
			return isMidnight(String(value))
				? String(value).slice(0, 10)
				: `${String(value).slice(0, 10)} ${String(value).slice(11, 16)}`;
		case 'percent':
			return String(Math.round(Number(value) * 1000) / 10);
		case 'tags':
			return (value as string[]).join(', ');
		default:
			return String(value);
	}
};

/** The stored value a field shows: an order line's field `lines.2` shows the third line. */
const storedValue = (field: FormField, fields: Record<string, unknown>): unknown => {
	if (field.kind !== 'line') return fields[field.key];
	const line = (fields['lines'] as OrderLine[] | undefined)?.[Number(field.key.split('.')[1])];
	return line ? lineToInput(line) : undefined;
};

export const recordToTexts = (definition: FormDefinition, record: AnyStoredRecord): Record<string, string> => {
	const fields = record as unknown as Record<string, unknown>;
	return Object.fromEntries(
		definition.fields.map((field) => [field.key, valueToText(field, storedValue(field, fields))]),
	);
};

/**
 * The field a refusal's path points at: `lines.2.quantity` is the field of the third line, `lines`
 * (no line at all) the first line's; otherwise the first segment (`comments.0.body` is `comments`).
 */
export const fieldKeyOf = (path: string): string => {
	const [first, second] = path.split('.');
	if (first === 'lines') return `lines.${second !== undefined && /^\d+$/.test(second) ? second : '0'}`;
	return first!;
};

/** What a required field left blank says: pick a record, choose a value, answer, or type something. */
const missingWords = (field: FormField): string => {
	switch (field.kind) {
		case 'customer':
			return t('lists.error.chooseCustomer');
		case 'campaign':
			return t('lists.error.chooseCampaign');
		case 'deal':
			return t('lists.error.chooseDeal');
		case 'enum': {
			if (field.choose) return t('lists.error.choose', {what: field.choose});
			const label = field.label.toLowerCase();
			// English puts `a` or `an` before the label (“choose an owner”); the Chinese sentence has no article.
			return t('lists.error.chooseField', {article: /^[aeiou]/i.test(label) ? 'an' : 'a', label});
		}
		case 'rating':
			return t('lists.error.notAnswered');
		default:
			return t('lists.error.empty');
	}
};

export const visibleFields = (definition: FormDefinition, texts: Readonly<Record<string, string>>): FormField[] =>
	definition.fields.filter((field) => !field.visible || field.visible(texts));

type Conversion = {values: Record<string, unknown>; errors: FormErrors};

/** Turns what was typed into record values; what cannot be read becomes an error at its field. */
export const textsToValues = (
	definition: FormDefinition,
	texts: Readonly<Record<string, string>>,
	now: number,
	settings?: Settings,
): Conversion => {
	const values: Record<string, unknown> = {};
	const errors: FormErrors = {};
	const lines: OrderLine[] = [];
	for (const field of visibleFields(definition, texts)) {
		const text = (texts[field.key] ?? '').trim();
		if (field.required && text === '') {
			errors[field.key] = missingWords(field);
			continue;
		}
		switch (field.kind) {
			case 'text':
			case 'customer':
			case 'campaign':
				values[field.key] = text;
				break;
			case 'deal':
				values[field.key] = text === '' ? null : text;
				break;
			case 'line': {
				if (text === '') break;
				const reading = readLineInput(text, settings?.products ?? [], texts['currency'] ?? '');
				if (reading.ok) lines.push(reading.line);
				else errors[field.key] = reading.message;
				break;
			}
			case 'enum':
				values[field.key] = field.numeric ? (text === '' ? null : Number(text)) : text;
				break;
			case 'rating':
				if (text === '') break;
				if (/^[1-5]$/.test(text)) values[field.key] = Number(text);
				else errors[field.key] = t('lists.error.notRating', {text});
				break;
			case 'tags':
				values[field.key] = text
					.split(',')
					.map((tag) => tag.trim())
					.filter(Boolean);
				break;
			case 'date': {
				const parsed = parseDateInput(text, now);
				if (parsed.ok) values[field.key] = parsed.iso;
				else errors[field.key] = parsed.message;
				break;
			}
			case 'money': {
				if (text === '' && field.blankIsNone) {
					values[field.key] = null;
					break;
				}
				const amount = text === '' && field.blankIsZero ? 0 : parseAmount(text);
				if (amount === undefined) errors[field.key] = text === '' ? t('lists.error.empty') : t('lists.error.amount');
				else values[field.key] = amount;
				break;
			}
			case 'percent': {
				if (text === '') {
					// Blank follows the stage: the default probability of KPI.md.
					values[field.key] = defaultProbability[(texts['stage'] ?? 'prospecting') as OpportunityStage] ?? 0;
					break;
				}
				const percent = parseAmount(text.replace(/%$/, ''));
				if (percent === undefined || percent < 0 || percent > 100) errors[field.key] = t('lists.error.percentage');
				else values[field.key] = percent / 100;
				break;
			}
		}
	}
	if (definition.fields.some((field) => field.kind === 'line')) values['lines'] = lines;
	return {values, errors};
};

/**
 * Fields whose text holds a control character, which is not stored (domain/stored-text.ts). A
 * record saved before they were refused opens with them shown escaped and this error at the field,
 * at once: the operator removes them (each is one character to Backspace) before the form saves.
 */
export const controlCharacterErrors = (
	definition: FormDefinition,
	values: Readonly<Record<string, unknown>>,
): FormErrors => {
	const errors: FormErrors = {};
	if (!definition.entity) return errors;
	for (const problem of controlCharacterProblems(definition.entity, values)) {
		const key = fieldKeyOf(problem.field);
		if (!(key in errors)) errors[key] = problem.message;
	}
	return errors;
};

/**
 * Everything wrong with the form as typed, field by field, by the same zod schema the store uses.
 * `base` is the record being edited, or undefined for a new one; `fixed` holds values the form does
 * not show (the customer of an activity, the ticket a feedback answers).
 */
export const validateForm = (
	definition: FormDefinition,
	texts: Readonly<Record<string, string>>,
	fixed: Readonly<Record<string, unknown>>,
	base: AnyStoredRecord | undefined,
	now: number,
	settings?: Settings,
): Conversion & {controls: FormErrors} => {
	const {values, errors: typed} = textsToValues(definition, texts, now, settings);
	// An order with more lines than the form has fields for keeps the rest as they were.
	const lineFieldCount = definition.fields.filter((field) => field.kind === 'line').length;
	const baseLines = (base as {lines?: OrderLine[]} | undefined)?.lines;
	if (Array.isArray(values['lines']) && baseLines && baseLines.length > lineFieldCount)
		values['lines'] = [...(values['lines'] as OrderLine[]), ...baseLines.slice(lineFieldCount)];
	const controls = controlCharacterErrors(definition, values);
	const errors = {...controls, ...typed};
	const stamp = new Date(now).toISOString();
	const placeholder = definition.entity
		? {
				id: `${entityIdPrefix[definition.entity]}_new0000000`,
				createdAt: stamp,
				updatedAt: stamp,
				version: 1,
				dueAt: stamp,
				// Given by the store when the order is saved.
				number: definition.entity === 'orders' ? 'SO-new' : undefined,
			}
		: {};
	const candidate = {...placeholder, ...base, ...fixed, ...values};
	const schema = definition.schema ?? entityFieldSchemas[definition.entity!];
	const result = schema.safeParse(candidate);
	if (!result.success) {
		for (const issue of result.error.issues) {
			// A field's own key may hold a dot (`rate.EUR`): only an order's lines are a path to follow.
			const key =
				issue.path[0] === 'lines' ? fieldKeyOf(issue.path.map(String).join('.')) : String(issue.path[0] ?? '');
			if (!(key in errors)) errors[key] = issue.message;
		}
	}
	return {values: {...fixed, ...values}, errors, controls};
};
