import {exitCodes} from '../commands/exit-codes.js';
import {refusal} from '../commands/records/read-records.js';
import {recordEntityNamed} from '../commands/records/record-entities.js';
import {RecordsRefusedError} from '../commands/records/records-error.js';
import {resolveRecord} from '../commands/records/resolve-record.js';
import type {RecordValuesRequest, WriteEntity} from '../commands/records/write-records.js';
import type {AnyStoredRecord, Dataset} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';
import {type FormDefinition, type FormField, formFor} from '../ui/forms/form-definitions.js';
import {recordToTexts, validateForm, visibleFields} from '../ui/forms/form-values.js';

/**
 * The fields a record command takes beyond its form's: the form of an activity is opened from its
 * customer, and a follow-up or a feedback from the ticket it follows, so neither is one of the form's
 * fields, but a command has to name them.
 */
const ticketField: FormField = {key: 'ticketId', label: 'ticketId', kind: 'text'};
const extraFields: Partial<Record<WriteEntity, FormField[]>> = {
	activities: [{key: 'customerId', label: 'customerId', kind: 'customer'}, ticketField],
	feedback: [ticketField],
};

const fieldsOf = (entity: WriteEntity): FormField[] => [...formFor[entity].fields, ...(extraFields[entity] ?? [])];

/** The fields an entity takes, as a refusal lists them: an order's lines once, as `lines.N` (0 the first). */
export const writableFields = (entity: WriteEntity): string[] => [
	...new Set(fieldsOf(entity).map((field) => (field.kind === 'line' ? 'lines.N' : field.key))),
];

/** What `add --help` and `update --help` say after the options: the fields, and how an order's lines are named. */
export const fieldsHelp = (entity: WriteEntity): string => {
	const fields = writableFields(entity);
	return t(fields.includes('lines.N') ? 'cli.recordsWrite.fieldsHelp' : 'cli.recordsWrite.fieldsHelpPlain', {
		fields: fields.join(', '),
	});
};

/** `--set field=value` pairs as texts; a pair without `=` is a usage mistake (exit 2). */
export const readSetPairs = (pairs: readonly string[]): Record<string, string> => {
	const texts: Record<string, string> = {};
	for (const pair of pairs) {
		const at = pair.indexOf('=');
		if (at <= 0) throw new RecordsRefusedError(t('cli.recordsWrite.setShape', {pair}), 'bad_option', exitCodes.usage);
		texts[pair.slice(0, at).trim()] = pair.slice(at + 1);
	}
	return texts;
};

/** The JSON object read with `--stdin`; anything else (no JSON, an array, a number) is a usage mistake (exit 2). */
export const readStdinObject = (text: string): Record<string, unknown> => {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new RecordsRefusedError(
			t('cli.recordsWrite.stdinNotJson', {problem: (error as Error).message}),
			'bad_option',
			exitCodes.usage,
		);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		throw new RecordsRefusedError(t('cli.recordsWrite.stdinNotObject'), 'bad_option', exitCodes.usage);
	return value as Record<string, unknown>;
};

/** Whether a JSON value that is not text fits a field of this kind (a number for an amount, a list for tags). */
const fitsKind = (field: FormField, value: unknown): boolean => {
	if (typeof value === 'number') return ['money', 'percent', 'rating'].includes(field.kind) || field.numeric === true;
	if (Array.isArray(value)) return field.kind === 'tags' && value.every((item) => typeof item === 'string');
	return false;
};

const refusedValue = (field: string, message: string): RecordsRefusedError =>
	new RecordsRefusedError(
		t('cli.recordsWrite.invalid', {field, message}),
		'refused',
		exitCodes.refused,
		[],
		[{field, message}],
	);

const unknownField = (entity: WriteEntity, field: string): RecordsRefusedError =>
	new RecordsRefusedError(
		t('cli.recordsWrite.unknownField', {field, fields: writableFields(entity).join(', ')}),
		'unknown_field',
		exitCodes.usage,
	);

/**
 * The fields given as the form's texts: text as typed stays text; from JSON, null is blank, and a
 * number or a list where the field holds one is the stored value, shown as the form shows it (a
 * probability of 0.4 is 40). An order's `lines` (a JSON list of lines as typed) are its `lines.N`.
 */
export const givenTexts = (entity: WriteEntity, given: Readonly<Record<string, unknown>>): Record<string, string> => {
	const fields = fieldsOf(entity);
	const texts: Record<string, string> = {};
	for (const [key, value] of Object.entries(given)) {
		if (key === 'lines' && entity === 'orders' && Array.isArray(value)) {
			value.forEach((line, index) => {
				if (typeof line !== 'string') throw refusedValue(key, t('cli.recordsWrite.linesAsText'));
				texts[`lines.${index}`] = line;
			});
			continue;
		}
		const field = fields.find((candidate) => candidate.key === key);
		if (!field) throw unknownField(entity, key);
		if (value === null) texts[key] = '';
		else if (typeof value === 'string') texts[key] = value;
		else if (fitsKind(field, value))
			texts[key] = recordToTexts({...formFor[entity], fields: [field]}, {[key]: value} as never)[key] ?? '';
		else throw refusedValue(key, t('cli.recordsWrite.notText', {given: JSON.stringify(value)}));
	}
	return texts;
};

/** Every field named is one of the entity's, before the file is read (exit 2 otherwise). */
export const checkFieldNames = (entity: WriteEntity, given: Readonly<Record<string, unknown>>): void => {
	givenTexts(entity, given);
};

/** The entity whose records a picked field names: a customer, a campaign, a deal; a ticket by its key. */
const pickedFrom: Partial<Record<FormField['kind'], string>> = {
	customer: 'customers',
	campaign: 'campaigns',
	deal: 'opportunities',
};
const pickedByKey: Readonly<Record<string, string>> = {ticketId: 'tickets'};

/** The id of the record `text` names for a picked field (its id, external id or exact name), or undefined for a field that picks none. */
const resolvePicked = (field: FormField, text: string, data: Dataset): string | undefined => {
	const word = pickedFrom[field.kind] ?? pickedByKey[field.key];
	if (word === undefined) return undefined;
	const named = recordEntityNamed(word)!;
	const found = resolveRecord(data[named.entity] as AnyStoredRecord[], text, named.nameField);
	if (found.found) return found.record.id;
	// Not found or ambiguous, said at the field that named it, with the candidates.
	const {message, code, exitCode, candidates} = refusal(named, found);
	throw new RecordsRefusedError(
		t('cli.recordsWrite.invalid', {field: field.key, message}),
		code,
		exitCode,
		candidates,
		[{field: field.key, message}],
	);
};

/**
 * An option of a list as the form offers it (case as the option has it); one it does not offer is
 * refused, naming those it does: the console only ever cycles through them.
 */
const chosenOptions = (
	entity: WriteEntity,
	typed: Record<string, string>,
	settings: RecordValuesRequest['settings'],
): Record<string, string> => {
	const chosen = {...typed};
	for (const field of fieldsOf(entity)) {
		const text = typed[field.key]?.trim();
		if (field.kind !== 'enum' || !field.options || text === undefined || text === '') continue;
		const options = field.options(settings).filter(Boolean);
		const option = options.find((each) => each.toLowerCase() === text.toLowerCase());
		if (option === undefined) throw refusedValue(field.key, t('domain.field.oneOf', {values: options.join(', ')}));
		chosen[field.key] = option;
	}
	return chosen;
};

/** A customer, a campaign or a deal given by its name or id becomes its id (ambiguous or unknown: refused). */
const pickedToIds = (entity: WriteEntity, texts: Record<string, string>, data: Dataset): Record<string, string> => {
	const resolved = {...texts};
	for (const field of fieldsOf(entity)) {
		const text = texts[field.key];
		if (text === undefined || text.trim() === '') continue;
		const id = resolvePicked(field, text, data);
		if (id !== undefined) resolved[field.key] = id;
	}
	return resolved;
};

/**
 * A field given that the form does not show with the other values (a lost reason while the stage is
 * not lost, a due date of an activity that is no follow-up) would be dropped unsaid: it is refused.
 */
const refuseHiddenFields = (entity: WriteEntity, typed: Record<string, string>, texts: Record<string, string>) => {
	const shown = new Set([
		...visibleFields(formFor[entity], texts).map((field) => field.key),
		...(extraFields[entity] ?? []).map((field) => field.key),
	]);
	const hidden = Object.keys(typed).find((key) => !shown.has(key));
	if (hidden !== undefined) throw refusedValue(hidden, t('cli.recordsWrite.hidden'));
};

/**
 * What a new record's fields imply: an activity given a due date and no kind is a follow-up, the one
 * kind that has a due date (`crm followup add --set dueAt=+3d`).
 */
const impliedTexts = (entity: WriteEntity, typed: Record<string, string>, isNew: boolean): Record<string, string> =>
	isNew && entity === 'activities' && 'dueAt' in typed && !('kind' in typed) ? {kind: 'follow_up', ...typed} : typed;

/**
 * A new follow-up or feedback given its ticket and no customer is the ticket's customer's, as the
 * console's offer after a resolved ticket makes it.
 */
const ticketsCustomer = (typed: Record<string, string>, data: Dataset, isNew: boolean): Record<string, string> => {
	const ticketId = typed['ticketId'];
	if (!isNew || !ticketId || typed['customerId']) return typed;
	const ticket = data.tickets.find((each) => each.id === ticketId);
	return ticket ? {...typed, customerId: ticket.customerId} : typed;
};

/** The record keys a change writes: the fields given, an order's `lines.N` as its `lines`. */
const changedKeys = (texts: Readonly<Record<string, string>>): Set<string> =>
	new Set(Object.keys(texts).map((key) => (key.startsWith('lines.') ? 'lines' : key)));

/**
 * `crm <entity> add|update`: the fields given turned into the record's values by the form's own
 * reading and checked by its rules (and the store's schema) — a new record starts from the form's
 * defaults; an update changes only the fields given. A refusal names the field and says why in the
 * form's words (exit 1).
 */
export const recordValues = (request: RecordValuesRequest): Record<string, unknown> => {
	const {entity, given, data, settings, now, operator, base} = request;
	const definition: FormDefinition = formFor[entity];
	const typed = pickedToIds(entity, chosenOptions(entity, givenTexts(entity, given), settings), data);
	const start = base ? recordToTexts(definition, base as AnyStoredRecord) : definition.defaults(settings, operator);
	const implied = impliedTexts(entity, ticketsCustomer(typed, data, !base), !base);
	const texts = {...start, ...implied};
	const fixed: Record<string, unknown> = {};
	// A blank ticket is none (null), as a follow-up made from a customer has.
	for (const field of extraFields[entity] ?? [])
		if (field.key in implied)
			fixed[field.key] = field === ticketField && !implied[field.key] ? null : implied[field.key];
	if (entity === 'activities' && !base) fixed['operator'] = operator;
	refuseHiddenFields(entity, typed, texts);
	const {values, errors} = validateForm(definition, texts, fixed, base as AnyStoredRecord | undefined, now, settings);
	const order = [...fieldsOf(entity).map((field) => field.key), ...Object.keys(errors)];
	const first = order.find((key) => key in errors);
	if (first !== undefined) {
		const issues = order.filter((key) => key in errors).map((field) => ({field, message: errors[field]!}));
		throw new RecordsRefusedError(
			t('cli.recordsWrite.invalid', {field: first, message: errors[first]!}),
			'refused',
			exitCodes.refused,
			[],
			[...new Map(issues.map((issue) => [issue.field, issue])).values()],
		);
	}
	if (!base) return values;
	const keys = changedKeys(typed);
	return Object.fromEntries(Object.entries(values).filter(([key]) => keys.has(key)));
};
