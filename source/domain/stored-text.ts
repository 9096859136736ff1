import {controlCharacterProblem} from './control-characters.js';
import type {StoredEntity} from './dataset.js';

/**
 * The fields that hold prose, where a newline or a tab is text (a note typed over lines, a multi-line
 * cell of an import). Every other text field — names, titles, emails, owners, tags, ids — is one line,
 * where a newline or a tab is refused like any other control character. `comments.body` is the body
 * of each of a ticket's comments (replies and internal notes).
 */
export const multilineFields: Readonly<Record<StoredEntity, ReadonlySet<string>>> = {
	customers: new Set(['notes']),
	opportunities: new Set(['notes']),
	tickets: new Set(['description', 'comments.body']),
	feedback: new Set(['comment']),
	campaigns: new Set(['notes']),
	orders: new Set(['notes']),
	activities: new Set(['text']),
	surveys: new Set(['comment']),
	audiences: new Set(),
};

/** A value that may not be stored: its field (`comments.2.body` for the third comment's body) and why. */
export type TextProblem = {field: string; message: string};

const anyControl = /[\u0000-\u001f\u007f-\u009f]/;

/** Whether a list item (a tag, a comment) holds any control character: most hold none, and are passed over at that. */
const holdsControls = (item: unknown): boolean => {
	if (typeof item === 'string') return anyControl.test(item);
	if (item === null || typeof item !== 'object') return false;
	for (const part of Object.values(item)) if (typeof part === 'string' && anyControl.test(part)) return true;
	return false;
};

/**
 * The text values of `record` that hold control characters, which are not stored: sent to a
 * terminal they are commands (a title, the clipboard, colours), in a spreadsheet or a log line
 * they hide what the text says. With `before` (the record as stored), only values that differ from
 * it are checked: a record saved before this check existed still loads, shows them escaped, and can
 * be changed field by field; only new text must be clean. Cheap on clean records (one regex test per
 * text field), as an import checks every row.
 */
export const controlCharacterProblems = (
	entity: StoredEntity,
	record: Readonly<Record<string, unknown>>,
	before?: Readonly<Record<string, unknown>>,
): TextProblem[] => {
	const multiline = multilineFields[entity];
	const problems: TextProblem[] = [];
	const check = (field: string, path: string, value: unknown) => {
		if (typeof value !== 'string') return;
		const problem = controlCharacterProblem(value, multiline.has(field));
		if (problem) problems.push({field: path, message: problem});
	};
	for (const key in record) {
		const value = record[key];
		if (typeof value === 'string') {
			if (anyControl.test(value) && before?.[key] !== value) check(key, key, value);
			continue;
		}
		if (!Array.isArray(value) || !value.some(holdsControls)) continue;
		// A list (tags, a ticket's comments): only its new items, so a reply to a ticket with an old comment holding one is not refused.
		const old = before?.[key];
		const kept = new Set(Array.isArray(old) ? old.map((item) => JSON.stringify(item)) : []);
		value.forEach((item: unknown, index) => {
			if (!holdsControls(item) || kept.has(JSON.stringify(item))) return;
			if (item !== null && typeof item === 'object')
				for (const [name, part] of Object.entries(item)) check(`${key}.${name}`, `${key}.${index}.${name}`, part);
			else check(key, key, item);
		});
	}
	return problems;
};
