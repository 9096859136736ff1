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

const kinds: Record<string, string> = {
	string: 'text',
	number: 'a number',
	int: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'a set of fields',
	date: 'a date',
	nan: 'a number',
};

/**
 * What a field held, for a message: short JSON, at most 40 characters. A number too large for a
 * double (`1e400`) is read by JSON.parse as Infinity, which JSON.stringify writes as null: it is
 * said in words. Only as much of the value is written as is shown, so a deeply nested one (which
 * overflowed JSON.stringify's stack and left `crm doctor` saying "Records undefined") costs nothing.
 */
export const describeValue = (value: unknown): string => {
	if (value === undefined) return 'nothing';
	if (typeof value === 'number' && !Number.isFinite(value))
		return `a number too large to store, which reads as ${value}`;
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

/**
 * What is wrong with a field, in words an operator reads ("is missing", "must be a number, not
 * “abc”") rather than the schema library's ("Invalid input: expected string, received undefined").
 * A message the schema words itself ("must be from 0 to 10") is kept as it is. Without the field's
 * name: callers put it first.
 */
export const issueInWords = (issue: SchemaIssue, record: unknown): string => {
	// Our own schemas word their messages in lower case; the library's defaults start with a capital.
	if (!/^[A-Z]/.test(issue.message)) return issue.message;
	const value = valueAt(record, issue.path);
	const shown = describeValue(value);
	switch (issue.code) {
		case 'invalid_type': {
			if (value === undefined) return 'is missing';
			if (value === null) return 'is empty';
			return `must be ${kinds[String(issue.expected)] ?? String(issue.expected)}, not ${shown}`;
		}
		case 'invalid_value':
		case 'invalid_enum_value':
			return `must be one of ${(issue.values ?? []).map(String).join(', ')}, not ${shown}`;
		case 'too_small': {
			if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'is empty';
			const at = issue.inclusive === false ? 'more than' : 'at least';
			if (issue.origin === 'string') return `must be ${at} ${String(issue.minimum)} characters`;
			if (issue.origin === 'array' || issue.origin === 'set') return `must have ${at} ${String(issue.minimum)} items`;
			return `must be ${at} ${String(issue.minimum)}, not ${shown}`;
		}
		case 'too_big': {
			const at = issue.inclusive === false ? 'less than' : 'at most';
			if (issue.origin === 'string') return `must be ${at} ${String(issue.maximum)} characters`;
			if (issue.origin === 'array' || issue.origin === 'set') return `must have ${at} ${String(issue.maximum)} items`;
			return `must be ${at} ${String(issue.maximum)}, not ${shown}`;
		}
		case 'invalid_format':
			return issue.format === 'email'
				? `${shown} is not an email address`
				: `${shown} is not in the form this field takes`;
		default:
			return `is not valid (${shown})`;
	}
};
