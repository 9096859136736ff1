import {type ParseError, parse as parseJson, printParseErrorCode} from 'jsonc-parser';
import type {z} from 'zod';
import {chainEntries, headOf} from '../domain/audit-chain.js';
import {changeEntrySchema} from '../domain/change-log.js';
import {
	currentSchemaVersion,
	type Dataset,
	datasetShape,
	entitySchemas,
	recordCount,
	type StoredEntity,
	storedEntities,
} from '../domain/dataset.js';
import {describeValue, kindWords, valueAt} from '../domain/issue-words.js';
import {Seals, sealAll} from '../domain/record-seal.js';
import {t} from '../i18n/i18n.js';
import type {Pieces} from './byte-pieces.js';
import {compactObject, NotCompact} from './compact-json.js';
import {DataFileError} from './data-file-error.js';
import type {TextCodec} from './durable-json-file.js';
import {entityNoun} from './entity-words.js';

export type Problem = {
	entity: StoredEntity | 'changes';
	index: number;
	id: string | undefined;
	field: string;
	message: string;
	found: unknown;
	/** The record repeats the id of an earlier one (`crm doctor` counts those apart). */
	duplicate?: boolean;
};

const fieldName = (path: PropertyKey[]): string =>
	path
		.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
		.join('');

const issueInWords = (issue: z.core.$ZodIssue, found: unknown): string => {
	if (issue.code === 'invalid_type' && found === undefined) return t('store.problem.missing');
	if (issue.code === 'invalid_type') {
		// English names zod's type ("a string"); other languages say the kind in the domain's words ({{kind}}).
		const words = {
			expected: issue.expected,
			kind: kindWords(issue.expected) ?? issue.expected,
			found: describeValue(found),
		};
		return /^[aeiou]/.test(issue.expected) ? t('store.problem.mustBeAn', words) : t('store.problem.mustBeA', words);
	}
	if (issue.code === 'unrecognized_keys') return issue.message;
	// zod's own words (in the language in force), with the value found.
	return t('store.problem.found', {message: issue.message, found: describeValue(found)});
};

/** A JSON syntax error (jsonc-parser's code) in words; an unknown code as it is. */
const syntaxProblem = (code: string): string => {
	switch (code) {
		case 'InvalidSymbol':
			return t('store.json.invalidSymbol');
		case 'InvalidNumberFormat':
			return t('store.json.invalidNumberFormat');
		case 'PropertyNameExpected':
			return t('store.json.propertyNameExpected');
		case 'ValueExpected':
			return t('store.json.valueExpected');
		case 'ColonExpected':
			return t('store.json.colonExpected');
		case 'CommaExpected':
			return t('store.json.commaExpected');
		case 'CloseBraceExpected':
			return t('store.json.closeBraceExpected');
		case 'CloseBracketExpected':
			return t('store.json.closeBracketExpected');
		case 'EndOfFileExpected':
			return t('store.json.endOfFileExpected');
		case 'InvalidCommentToken':
			return t('store.json.invalidCommentToken');
		case 'UnexpectedEndOfString':
			return t('store.json.unexpectedEndOfString');
		case 'UnexpectedEndOfNumber':
			return t('store.json.unexpectedEndOfNumber');
		case 'InvalidUnicode':
			return t('store.json.invalidUnicode');
		case 'InvalidEscapeCharacter':
			return t('store.json.invalidEscapeCharacter');
		case 'InvalidCharacter':
			return t('store.json.invalidCharacter');
		default:
			return code;
	}
};

/**
 * Where a JSON syntax error sits, as line and column an editor can jump to. V8's messages do not
 * always carry a position, so a strict JSON scanner locates it (this runs only on the error path).
 */
const syntaxErrorInWords = (text: string): string => {
	if (text.trim() === '') return t('store.json.empty');
	const errors: ParseError[] = [];
	parseJson(text, errors, {disallowComments: true, allowTrailingComma: false, allowEmptyContent: false});
	const first = errors[0];
	if (!first) return t('store.json.invalid');
	const before = text.slice(0, first.offset);
	const line = before.split('\n').length;
	// A data file starts with { and ends with its closing brace; one cut off mid-write does not end so.
	if (/^\s*\{/.test(text) && !/\}\s*$/.test(text))
		return t('store.json.truncated', {line: text.trimEnd().split('\n').length});
	const column = first.offset - before.lastIndexOf('\n');
	const code = printParseErrorCode(first.error);
	return t('store.json.invalidAt', {line, column, problem: syntaxProblem(code)});
};

/** The JSON of a data file, or a DataFileError saying where its syntax breaks. */
export const parseJsonText = (file: string, text: string): unknown => {
	try {
		return JSON.parse(text);
	} catch {
		throw new DataFileError(file, syntaxErrorInWords(text));
	}
};

/** Validates the top level, then every record, reporting the first problem and how many records have one. */
export const parseDataset = (file: string, text: string, trusted = false): Dataset =>
	datasetFromJson(file, parseJsonText(file, text), trusted);

/** `parseDataset` from the parsed JSON: a file read a part at a time (`compact-json.ts`) is taken the same way. */
export const datasetFromJson = (file: string, raw: unknown, trusted = false): Dataset => {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		throw new DataFileError(file, t('store.dataset.notObject'));
	}
	const version = (raw as {schemaVersion?: unknown}).schemaVersion;
	if (typeof version === 'number' && version > currentSchemaVersion) {
		throw new DataFileError(
			file,
			t('store.dataset.newer', {version, current: currentSchemaVersion}),
			t('store.dataset.upgrade'),
		);
	}
	// A file carrying what only a later version writes was lowered by hand: migrating it would vouch for whatever was edited.
	const lowered = loweredVersion(raw);
	if (lowered) throw new DataFileError(file, lowered, t('store.dataset.loweredAdvice'));
	const {dataset, problems} =
		trusted && version === currentSchemaVersion ? takeRecords(file, raw) : readRecords(file, raw);
	if (problems.length === 0 && dataset.schemaVersion < currentSchemaVersion) {
		const from = dataset.schemaVersion;
		migrate(dataset);
		migratedFrom.set(dataset, from);
	}
	if (problems.length > 0) {
		const first = describeProblem(problems[0]!);
		throw new DataFileError(
			file,
			problems.length > 1 ? t('store.dataset.moreProblems', {problem: first, count: problems.length - 1}) : first,
		);
	}
	return dataset;
};

/**
 * Why a file's schemaVersion cannot be what it says, or null: a version 1 file never had audit
 * hashes, a version 2 file never had seals or states of the records. Lowering the version by hand
 * and saving once would otherwise have the migration vouch for records edited outside crm.
 */
export const loweredVersion = (raw: unknown): string | null => {
	const object = raw as {schemaVersion?: unknown; changes?: unknown; seals?: unknown; auditHead?: {state?: unknown}};
	const version = object.schemaVersion;
	if (typeof version !== 'number' || version >= currentSchemaVersion) return null;
	const entries = (Array.isArray(object.changes) ? object.changes : []).filter(
		(entry): entry is Record<string, unknown> => entry !== null && typeof entry === 'object',
	);
	if (version === 1 && entries.some((entry) => 'hash' in entry)) return t('store.dataset.loweredHashes');
	if (
		version <= 2 &&
		(object.seals !== undefined ||
			object.auditHead?.state !== undefined ||
			entries.some((entry) => 'state' in entry || 'recordHash' in entry))
	) {
		return t('store.dataset.loweredSeals', {version});
	}
	return null;
};

/** One problem in words: which record (by id and position), which field, what is wrong. */
export const describeProblem = (problem: Problem): string => {
	const noun = entityNoun(problem.entity);
	const number = problem.index + 1;
	const which = problem.id
		? t('store.problem.withId', {noun, id: problem.id, number, list: problem.entity})
		: t('store.problem.at', {noun, number, list: problem.entity});
	return problem.field
		? t('store.problem.field', {which, field: problem.field, message: problem.message})
		: t('store.problem.record', {which, message: problem.message});
};

/**
 * Every record of a parsed JSON object validated one by one: the valid data, and each problem
 * (an invalid field, an id used twice). A top level that is not a data file throws DataFileError.
 */
export const readRecords = (file: string, raw: unknown): {dataset: Dataset; problems: Problem[]} => {
	const shape = datasetShape.safeParse(raw);
	if (!shape.success) {
		const issue = shape.error.issues[0]!;
		const found = valueAt(raw, issue.path);
		throw new DataFileError(
			file,
			t('store.dataset.topLevel', {field: fieldName(issue.path), problem: issueInWords(issue, found)}),
		);
	}

	const dataset = {schemaVersion: shape.data.schemaVersion} as Dataset;
	const problems: Problem[] = [];
	for (const entity of storedEntities) {
		const schema = entitySchemas[entity];
		const records: unknown[] = shape.data[entity];
		const parsed: unknown[] = new Array(records.length);
		const seen = new Map<string, number>();
		for (let index = 0; index < records.length; index++) {
			const record = records[index];
			const id = valueAt(record, ['id']);
			const result = schema.safeParse(record);
			if (!result.success) {
				const issue = result.error.issues[0]!;
				const found = valueAt(record, issue.path);
				problems.push({
					entity,
					index,
					id: typeof id === 'string' ? id : undefined,
					field: fieldName(issue.path),
					message: issueInWords(issue, found),
					found,
				});
				continue;
			}
			const earlier = seen.get(result.data.id);
			if (earlier !== undefined) {
				problems.push({
					entity,
					index,
					id: result.data.id,
					field: 'id',
					message: t('store.problem.repeatsId', {noun: entityNoun(entity), number: earlier + 1}),
					found: result.data.id,
					duplicate: true,
				});
				continue;
			}
			seen.set(result.data.id, index);
			parsed[index] = result.data;
		}
		(dataset as Record<StoredEntity, unknown[]>)[entity] = parsed;
	}
	dataset.changes = shape.data.changes.map((entry, index) => {
		const result = changeEntrySchema.safeParse(entry);
		if (result.success) return result.data;
		const issue = result.error.issues[0]!;
		problems.push({
			entity: 'changes',
			index,
			id: undefined,
			field: fieldName(issue.path),
			message: issueInWords(issue, valueAt(entry, issue.path)),
			found: undefined,
		});
		return undefined as never;
	});
	if (shape.data.auditHead) dataset.auditHead = shape.data.auditHead;
	if (shape.data.journalSeq !== undefined) dataset.journalSeq = shape.data.journalSeq;
	if (shape.data.seals) dataset.seals = Seals.fromJson(shape.data.seals);
	return {dataset, problems};
};

/**
 * The records of a file this program wrote (or checked) and nobody changed since: the top level is
 * checked, the records are taken as they are. Checking 500,000 records one by one costs twice the
 * JSON parse, and would only find again what was checked when they were saved.
 */
/** The top level but the lists. */
const topLevelFields = datasetShape.pick({schemaVersion: true, auditHead: true, journalSeq: true});

/** The seals of a trusted file: a string per entity, taken as they are. */
const isSealsShape = (value: unknown): boolean =>
	value === undefined ||
	(value !== null &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		Object.values(value).every((entry) => typeof entry === 'string'));

const takeRecords = (file: string, raw: unknown): {dataset: Dataset; problems: Problem[]} => {
	const object = raw as Record<string, unknown>;
	// The lists are only looked at, not copied element by element (zod's array check would copy 500,000 of them).
	const lists = [...storedEntities, 'changes'] as const;
	if (!lists.every((key) => object[key] === undefined || Array.isArray(object[key]))) return readRecords(file, raw);
	const rest = topLevelFields.safeParse(raw);
	if (!rest.success || !isSealsShape(object['seals'])) return readRecords(file, raw);
	const dataset = {schemaVersion: rest.data.schemaVersion} as Dataset;
	for (const key of lists) (dataset as Record<string, unknown>)[key] = object[key] ?? [];
	if (rest.data.auditHead) dataset.auditHead = rest.data.auditHead;
	if (rest.data.journalSeq !== undefined) dataset.journalSeq = rest.data.journalSeq;
	if (object['seals'] !== undefined) dataset.seals = Seals.fromJson(object['seals']);
	return {dataset, problems: []};
};

/**
 * Schema migrations, by the version they start from. Each runs on the validated data; the store
 * backs the file up before it writes the result.
 */
const migrations: Record<number, {to: number; run: (dataset: Dataset) => void}> = {
	// 1 → 2: the change log becomes a hash chain; entries made before are vouched for from here on.
	1: {
		to: 2,
		run: (dataset) => {
			dataset.changes = chainEntries('', dataset.changes);
			dataset.auditHead = headOf(dataset.changes);
		},
	},
	// 2 → 3: the chain binds the records: every record is sealed, and the head holds their state, from here on.
	2: {
		to: 3,
		run: (dataset) => {
			const {seals, state} = sealAll(dataset);
			dataset.seals = seals;
			dataset.auditHead = {...headOf(dataset.changes), state};
		},
	},
};

const migrate = (dataset: Dataset): void => {
	while (dataset.schemaVersion < currentSchemaVersion) {
		const step = migrations[dataset.schemaVersion]!;
		step.run(dataset);
		dataset.schemaVersion = step.to;
	}
};

const migratedFrom = new WeakMap<Dataset, number>();

/** The schemaVersion the file had when `dataset` was read from it, if that was older than this version's. */
export const migrationOf = (dataset: Dataset): number | undefined => migratedFrom.get(dataset);

/** The top-level values of a data file that are lists of records (or of change-log entries). */
export const datasetLists: ReadonlySet<string> = new Set([...storedEntities, 'changes']);

/**
 * A file this program wrote, unchanged since, from its pieces: a compact one (large files are) parsed
 * a part at a time, so that neither its text nor its bytes are ever held whole beside its records;
 * null when it is not compact (or not UTF-8): it is then read from its text, as any file is.
 */
const parseTrusted = (file: string, pieces: Pieces): Dataset | null => {
	try {
		return datasetFromJson(file, compactObject(pieces, datasetLists), true);
	} catch (error) {
		if (error instanceof NotCompact) return null;
		throw error;
	}
};

/** Files with fewer records than this are written indented. */
const prettyLimit = 10_000;

export const datasetCodec = (file: string): TextCodec<Dataset> => ({
	parse: (text, trusted) => parseDataset(file, text, trusted),
	parseTrusted: (pieces) => parseTrusted(file, pieces),
	// Indented while a person might read or mend it by hand; compact once large, where indenting costs a
	// quarter of the size and of the time to write and read it.
	stringify: (data) =>
		`${JSON.stringify(data, null, recordCount(data) + data.changes.length < prettyLimit ? 2 : undefined)}\n`,
});
