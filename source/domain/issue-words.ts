import {t} from '../i18n/i18n.js';

/** A validation issue as zod reports it (the fields these words use). */
export type SchemaIssue = {
	code: string;
	path: PropertyKey[];
	message: string;
	expected?: unknown;
	values?: readonly unknown[];
	minimum?: unknown;
	maximum?: unknown;
	inclusive?: boolean;
	origin?: string;
	format?: string;
};

/** What a field must be (zod's `expected`), in words; undefined for a kind without words of its own. */
export const kindWords = (expected: string): string | undefined => {
	switch (expected) {
		case 'string':
			return t('domain.issue.kind.string');
		case 'number':
		case 'nan':
			return t('domain.issue.kind.number');
		case 'int':
			return t('domain.issue.kind.int');
		case 'boolean':
			return t('domain.issue.kind.boolean');
		case 'array':
			return t('domain.issue.kind.array');
		case 'object':
			return t('domain.issue.kind.object');
		case 'date':
			return t('domain.issue.kind.date');
		default:
			return undefined;
	}
};

/**
 * Whether a message is the schema library's own (`Invalid input: expected string…`, or in Chinese
 * `无效输入：…`, `数值过大：…`) rather than one our schemas word: ours start in lower case in English,
 * and never as zod's Chinese ones do.
 */
const libraryWords = (message: string): boolean =>
	// 无效, 数值过大/小, 出现未知的键, … 中的键 / 中包含无效值: escaped, as the bundle is ASCII (scripts/build.mjs).
	/^[A-Z]/.test(message) ||
	/^(\u65e0\u6548|\u6570\u503c\u8fc7[\u5927\u5c0f]|\u51fa\u73b0\u672a\u77e5\u7684\u952e|\w+ \u4e2d(\u7684\u952e|\u5305\u542b\u65e0\u6548\u503c))/.test(
		message,
	);

/**
 * What a field held, for a message: short JSON, at most 40 characters. A number too large for a
 * double (`1e400`) is read by JSON.parse as Infinity, which JSON.stringify writes as null: it is
 * said in words. Only as much of the value is written as is shown, so a deeply nested one (which
 * overflowed JSON.stringify's stack and left `crm doctor` saying "Records undefined") costs nothing.
 */
export const describeValue = (value: unknown): string => {
	if (value === undefined) return t('domain.issue.nothing');
	if (typeof value === 'number' && !Number.isFinite(value)) return t('domain.issue.tooLarge', {value: String(value)});
	const text = shortJson(value, 40);
	return text.length > 40 ? `${text.slice(0, 37)}…` : text;
};

/** JSON of a parsed value, stopped once it is longer than `room` characters; Infinity written as such. */
const shortJson = (value: unknown, room: number): string => {
	if (typeof value === 'string') return JSON.stringify(value.length > room ? value.slice(0, room) : value);
	if (value === null || typeof value !== 'object') return String(value);
	const list = Array.isArray(value);
	let text = list ? '[' : '{';
	for (const key in value) {
		if (text.length > room) break;
		const item = shortJson((value as Record<string, unknown>)[key], room - text.length);
		text += `${text.length > 1 ? ',' : ''}${list ? '' : `${JSON.stringify(key)}:`}${item}`;
	}
	return `${text}${list ? ']' : '}'}`;
};

/** The value at `path` in `record` (the value an issue is about). */
export const valueAt = (record: unknown, path: readonly PropertyKey[]): unknown => {
	let current: unknown = record;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<PropertyKey, unknown>)[key];
	}
	return current;
};

/** A value, a text or a list below its least, in words. */
const tooSmall = (issue: SchemaIssue, shown: string): string => {
	const min = String(issue.minimum);
	const exclusive = issue.inclusive === false;
	if (issue.origin === 'string')
		return exclusive ? t('domain.issue.moreThanCharacters', {min}) : t('domain.issue.atLeastCharacters', {min});
	if (issue.origin === 'array' || issue.origin === 'set')
		return exclusive ? t('domain.issue.moreThanItems', {min}) : t('domain.issue.atLeastItems', {min});
	return exclusive ? t('domain.issue.moreThan', {min, value: shown}) : t('domain.issue.atLeast', {min, value: shown});
};

/** A value, a text or a list above its most, in words. */
const tooBig = (issue: SchemaIssue, shown: string): string => {
	const max = String(issue.maximum);
	const exclusive = issue.inclusive === false;
	if (issue.origin === 'string')
		return exclusive ? t('domain.issue.lessThanCharacters', {max}) : t('domain.issue.atMostCharacters', {max});
	if (issue.origin === 'array' || issue.origin === 'set')
		return exclusive ? t('domain.issue.lessThanItems', {max}) : t('domain.issue.atMostItems', {max});
	return exclusive ? t('domain.issue.lessThan', {max, value: shown}) : t('domain.issue.atMost', {max, value: shown});
};

/**
 * What is wrong with a field, in words an operator reads ("is missing", "must be a number, not
 * “abc”") rather than the schema library's ("Invalid input: expected string, received undefined").
 * A message the schema words itself ("must be from 0 to 10") is kept as it is. Without the field's
 * name: callers put it first.
 */
export const issueInWords = (issue: SchemaIssue, record: unknown): string => {
	if (!libraryWords(issue.message)) return issue.message;
	const value = valueAt(record, issue.path);
	const shown = describeValue(value);
	switch (issue.code) {
		case 'invalid_type': {
			if (value === undefined) return t('domain.issue.missing');
			if (value === null) return t('domain.issue.empty');
			return t('domain.issue.mustBe', {
				kind: kindWords(String(issue.expected)) ?? String(issue.expected),
				value: shown,
			});
		}
		case 'invalid_value':
		case 'invalid_enum_value':
			return t('domain.issue.oneOf', {values: (issue.values ?? []).map(String).join(', '), value: shown});
		case 'too_small': {
			if (issue.origin === 'string' && Number(issue.minimum) === 1) return t('domain.issue.empty');
			return tooSmall(issue, shown);
		}
		case 'too_big': {
			return tooBig(issue, shown);
		}
		case 'invalid_format':
			return issue.format === 'email'
				? t('domain.issue.notEmail', {value: shown})
				: t('domain.issue.notForm', {value: shown});
		default:
			return t('domain.issue.notValid', {value: shown});
	}
};
