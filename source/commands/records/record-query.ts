import {entityFieldSchemas, type StoredEntity} from '../../domain/dataset.js';
import {t} from '../../i18n/i18n.js';
import {exitCodes} from '../exit-codes.js';
import {RecordsRefusedError} from './records-error.js';

type Fields = Record<string, unknown>;

/** The fields a record of `entity` stores, in the schema's order: what --fields, --where and --sort may name. */
export const fieldsOf = (entity: StoredEntity): string[] => Object.keys(entityFieldSchemas[entity].shape);

/** A field named that the entity does not store: refused, naming it and every field it has. */
const knownField = (entity: StoredEntity, field: string, option: string): string => {
	const fields = fieldsOf(entity);
	if (fields.includes(field)) return field;
	throw new RecordsRefusedError(
		t('cli.records.unknownField', {option, field, fields: fields.join(', ')}),
		'unknown_field',
		exitCodes.usage,
	);
};

/** `--fields a,b,c` as the fields in that order (null: not given, every field); an unknown one is refused. */
export const chooseFields = (entity: StoredEntity, given: string | undefined): string[] | null => {
	if (given === undefined) return null;
	const fields = given
		.split(',')
		.map((field) => field.trim())
		.filter((field) => field !== '');
	if (fields.length === 0)
		throw new RecordsRefusedError(
			t('cli.records.noFields', {fields: fieldsOf(entity).join(', ')}),
			'bad_option',
			exitCodes.usage,
		);
	return fields.map((field) => knownField(entity, field, '--fields'));
};

/** A field's value as text a person typed would match: null as blank, a list's items joined, a structure as JSON. */
export const valueText = (value: unknown): string => {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value) && value.every((item) => typeof item !== 'object'))
		return value.map((item) => String(item)).join(', ');
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

export type Where = {field: string; value: string};

/** `--where field=value`, each checked: the field must be the entity's, the `=` must be there. */
export const readWhere = (entity: StoredEntity, pairs: readonly string[]): Where[] =>
	pairs.map((pair) => {
		const at = pair.indexOf('=');
		if (at <= 0) throw new RecordsRefusedError(t('cli.records.whereShape', {pair}), 'bad_option', exitCodes.usage);
		return {field: knownField(entity, pair.slice(0, at).trim(), '--where'), value: pair.slice(at + 1)};
	});

/**
 * Whether the record's field holds exactly the value, case ignored: a list (tags) when one of its
 * items does; an empty value asks for a blank field (null, empty text, no items).
 */
export const matchesWhere = (record: object, {field, value}: Where): boolean => {
	const stored = (record as Fields)[field];
	const wanted = value.trim().toLowerCase();
	if (Array.isArray(stored) && stored.every((item) => typeof item !== 'object'))
		return wanted === '' ? stored.length === 0 : stored.some((item) => String(item).toLowerCase() === wanted);
	return valueText(stored).trim().toLowerCase() === wanted;
};

export type Sort = {field: string; descending: boolean};

/** `--sort field` (`-field` or --desc: descending); undefined: the file's order. */
export const readSort = (entity: StoredEntity, given: string | undefined, desc = false): Sort | undefined => {
	if (given === undefined) return undefined;
	const descending = given.startsWith('-') || desc;
	return {field: knownField(entity, given.replace(/^-/, '').trim(), '--sort'), descending};
};

const blank = (value: unknown): boolean =>
	value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** Numbers by value, the rest as text with case ignored; blanks last whichever the direction. Stable. */
export const sortRecords = <R extends object>(records: readonly R[], {field, descending}: Sort): R[] => {
	const direction = descending ? -1 : 1;
	const compare = (a: R, b: R): number => {
		const left = (a as Fields)[field];
		const right = (b as Fields)[field];
		if (blank(left) || blank(right)) return Number(blank(left)) - Number(blank(right));
		if (typeof left === 'number' && typeof right === 'number') return direction * (left - right);
		const x = valueText(left).toLowerCase();
		const y = valueText(right).toLowerCase();
		return direction * (x < y ? -1 : x > y ? 1 : 0);
	};
	return [...records].sort(compare);
};

export type Query<R> = {
	/** The console's `/` filter, as a test of one record. */
	matches?: (record: R) => boolean;
	where: readonly Where[];
	sort?: Sort;
	limit?: number;
};

/** The records a list shows: those that match the filter and every --where, sorted, at most `limit`. */
export const queryRecords = <R extends object>(records: readonly R[], query: Query<R>): R[] => {
	const kept = records.filter(
		(record) => (query.matches?.(record) ?? true) && query.where.every((condition) => matchesWhere(record, condition)),
	);
	const sorted = query.sort ? sortRecords(kept, query.sort) : kept;
	return query.limit === undefined ? sorted : sorted.slice(0, query.limit);
};
