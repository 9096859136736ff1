import {t} from '../i18n/i18n.js';
import {may, type Role} from './access.js';
import {type AudienceMember, audiencePair, audienceProblem} from './audience.js';
import type {ChangeEntry} from './change-log.js';
import {diffRecords} from './change-log.js';
import {
	type AnyStoredRecord,
	type Dataset,
	entityFieldSchemas,
	entityIdPrefix,
	entitySchemas,
	entitySingular,
	type StoredEntity,
} from './dataset.js';
import type {EditableList} from './editable-list.js';
import {issueInWords, type SchemaIssue} from './issue-words.js';
import type {Mutation} from './mutation.js';
import type {OrderNumbers} from './order-numbers.js';
import {recordLabel} from './record-label.js';
import {applyRecordRules, derivedFieldSeeds, transitionProblem} from './record-rules.js';
import type {Settings} from './settings.js';
import {controlCharacterProblems} from './stored-text.js';

/**
 * One mutation applied to the copy of its list, with the checks a record must pass (the version
 * the operator saw, the schema, the entity's rules and moves, control characters): the part of
 * `applyMutations` that is about one record. A refusal is thrown as `Refused`, before anything of
 * that mutation is written to its list or to the context (an order's number aside: see `numberOrder`).
 */

/** Why a change was refused, in words; `issues` name fields (for a form), `conflict` a record saved by someone else since. */
export type MutationRefusal = {
	message: string;
	issues: ReadonlyArray<{field: string; message: string}>;
	conflict?: {entity: StoredEntity; id: string; version: number};
};

/** Thrown inside `applyMutations` only: the refusal it returns (or, for a change whose records stand each on their own, lists). */
export class Refused extends Error {
	constructor(readonly refusal: MutationRefusal) {
		super(refusal.message);
	}
}

export type Context = {
	dataset: Dataset;
	now: string;
	newId: (prefix: string) => string;
	settings: Settings;
	/** An undo puts back what was: a status move the entity forbids forward is allowed back. */
	undoing: boolean;
	/** A bulk change: a refusal is about one record of many, and is worded for a list, not a form. */
	eachOnItsOwn: boolean;
	/** Who acts, and their role: a survey response is signed with the one, deleted by the other's leave. */
	operator: string;
	role: Role;
	orderNumbers: OrderNumbers;
	/** The lists this change has touched so far: an audience member's campaign and customer are looked up in them first. */
	lists: ReadonlyMap<StoredEntity, EditableList>;
	/** The audience's lookups, built when a member is first added (see `audienceLookup`). */
	audience: AudienceLookup | null;
	/** The last delete of each record in the change log, built when a record asked for is first found gone. */
	deletions: Map<string, ChangeEntry> | null;
};

/** The change-log entry that deleted `id` last, if any: the log is read once per change, however many records are gone. */
export const deletionOf = (context: Context, id: string): ChangeEntry | undefined => {
	if (!context.deletions) {
		context.deletions = new Map();
		for (const entry of context.dataset.changes ?? [])
			if (entry.action === 'delete') context.deletions.set(entry.recordId, entry);
	}
	return context.deletions.get(id);
};

type AudienceLookup = {exists: (entity: StoredEntity, id: string) => boolean; pairs: Set<string>};

/** Whether a record exists as this change leaves the data so far, and the audience's pairs: built once per change. */
const audienceLookup = (context: Context): AudienceLookup => {
	if (context.audience) return context.audience;
	const ids = new Map<StoredEntity, Set<string>>();
	const exists = (entity: StoredEntity, id: string): boolean => {
		const list = context.lists.get(entity);
		if (list) return list.has(id);
		let known = ids.get(entity);
		if (!known) {
			known = new Set((context.dataset[entity] as AnyStoredRecord[]).map((record) => record.id));
			ids.set(entity, known);
		}
		return known.has(id);
	};
	context.audience = {exists, pairs: new Set((context.dataset.audiences ?? []).map(audiencePair))};
	return context.audience;
};

/** A new audience member: its campaign and its customer exist, and it is not in that audience already. */
const checkMember = (member: AudienceMember, context: Context): void => {
	const {exists, pairs} = audienceLookup(context);
	const problem = audienceProblem(member, {
		campaignExists: (id) => exists('campaigns', id),
		customerExists: (id) => exists('customers', id),
		pairTaken: (pair) => pairs.has(pair),
	});
	if (problem)
		throw new Refused({message: t('domain.mutation.memberNotSaved', {problem: problem.message}), issues: [problem]});
	pairs.add(audiencePair(member));
};

export type OneApplied = {id: string; before?: AnyStoredRecord; after?: AnyStoredRecord; unchanged?: boolean};

export const applyOne = (list: EditableList, mutation: Mutation, context: Context): OneApplied => {
	const {entity} = mutation;
	const {now} = context;
	if (mutation.kind === 'create') {
		const id = mutation.id ?? context.newId(entityIdPrefix[entity]);
		if (list.has(id)) throw refused(t('domain.mutation.idExists', {entity: entitySingular[entity], id}));
		const restoring = mutation.id !== undefined;
		const candidate = {
			...derivedFieldSeeds(entity, now),
			...mutation.values,
			id,
			createdAt: restoring ? (mutation.values['createdAt'] ?? now) : now,
			updatedAt: now,
			version: restoring ? Number(mutation.values['version'] ?? 0) + 1 : 1,
		};
		if (entity === 'orders') numberOrder(candidate, context, restoring);
		if (entity === 'surveys' && !restoring) signResponse(candidate, context.operator);
		const after = validate(entity, undefined, candidate, context);
		if (entity === 'audiences') checkMember(after as AudienceMember, context);
		list.add(after);
		return {id, after};
	}
	const current = currentOf(list, mutation, context);
	if (mutation.kind === 'delete') {
		if (entity === 'surveys') mayDeleteResponse(current, context);
		if (entity === 'audiences') audienceLookup(context).pairs.delete(audiencePair(current as AudienceMember));
		list.remove(current.id);
		return {id: current.id, before: current};
	}
	const candidate = {
		...current,
		...mutation.values,
		id: current.id,
		createdAt: current.createdAt,
		updatedAt: now,
		version: current.version + 1,
	};
	const after = validate(entity, current, candidate, context);
	// A save that changes nothing is no change: no new version, no log entry.
	if (diffRecords(current as Record<string, unknown>, after as Record<string, unknown>).length === 0)
		return {id: current.id, unchanged: true};
	list.replace(after);
	return {id: current.id, before: current, after};
};

/** A new order gets the next number of its year; a number it brings (an import, an undo) must be free. */
const numberOrder = (candidate: Record<string, unknown>, context: Context, restoring: boolean): void => {
	const given = typeof candidate['number'] === 'string' ? candidate['number'].trim() : '';
	if (given === '') {
		const orderedAt = typeof candidate['orderedAt'] === 'string' ? candidate['orderedAt'] : context.now;
		candidate['number'] = context.orderNumbers.next(Number.isNaN(Date.parse(orderedAt)) ? context.now : orderedAt);
	} else if (!context.orderNumbers.claim(given) && !restoring)
		throw new Refused({
			message: t('domain.mutation.orderNumberTaken', {number: given}),
			issues: [{field: 'number', message: t('domain.mutation.numberTaken')}],
		});
};

/**
 * A new survey response is the acting operator's: the store signs it. A name typed for someone else
 * is refused rather than overwritten (answers given for another would be a forgery, not a slip).
 */
const signResponse = (candidate: Record<string, unknown>, operator: string): void => {
	const given = candidate['operator'];
	if (given !== undefined && given !== '' && given !== operator)
		throw new Refused({
			message: t('domain.mutation.notWhoAnswers', {operator, given: String(given)}),
			issues: [{field: 'operator', message: t('domain.mutation.whoAnswers', {operator})}],
		});
	candidate['operator'] = operator;
};

/** Deleting a response: an admin any; anyone else only their own, and only as the undo of its answer. */
const mayDeleteResponse = (current: AnyStoredRecord, {operator, role, undoing}: Context): void => {
	if (may(role, 'delete', 'surveys')) return;
	const own = (current as {operator?: string}).operator === operator;
	if (!(undoing && own))
		throw refused(t('domain.mutation.mayNotDeleteResponse', {operator, role, label: recordLabel('surveys', current)}));
};

/** The record an update or delete is for, at the version the operator saw; refused when gone or changed since. */
const currentOf = (
	list: EditableList,
	mutation: Extract<Mutation, {kind: 'update' | 'delete'}>,
	context: Context,
): AnyStoredRecord => {
	const {entity} = mutation;
	// The entity named only in a refusal: a change of thousands of records words none.
	const noun = (): string => entitySingular[entity];
	const current = list.get(mutation.id);
	if (!current) {
		const deleted = deletionOf(context, mutation.id);
		if (!deleted) throw refused(t('domain.mutation.gone', {entity: noun(), id: mutation.id}));
		const when = `${deleted.at.slice(0, 16).replace('T', ' ')} UTC`;
		// One record of a bulk change is skipped, the rest saved: the form's advice would not fit.
		const words = {entity: noun(), label: deleted.label, operator: deleted.operator, when};
		throw refused(
			context.eachOnItsOwn ? t('domain.mutation.deletedBy', words) : t('domain.mutation.deletedByForm', words),
		);
	}
	if (current.version !== mutation.version) {
		const words = {
			entity: noun(),
			label: recordLabel(entity, current),
			version: current.version,
			had: mutation.version,
		};
		throw new Refused({
			message: context.eachOnItsOwn
				? t('domain.mutation.changedSinceAsked', words)
				: t('domain.mutation.changedSinceOpened', words),
			issues: [],
			conflict: {entity, id: current.id, version: current.version},
		});
	}
	return current;
};

/** Checks types, applies the entity's rules, then checks the whole record; a refusal names each field. */
const validate = (
	entity: StoredEntity,
	before: AnyStoredRecord | undefined,
	candidate: Record<string, unknown>,
	{now, settings, undoing}: Context,
): AnyStoredRecord => {
	const parsed = entityFieldSchemas[entity].safeParse(candidate);
	if (!parsed.success) throw fieldRefusal(entity, parsed.error.issues, candidate);
	const move = undoing ? null : transitionProblem(entity, before, parsed.data);
	if (move) throw fieldRefusal(entity, [{path: [move.field], message: move.message}]);
	const ruled = applyRecordRules(entity, before, parsed.data as AnyStoredRecord, {now, settings});
	const checked = entitySchemas[entity].safeParse(ruled);
	if (!checked.success) throw fieldRefusal(entity, checked.error.issues, ruled);
	// No control characters in text this change writes (the last boundary after forms and import):
	// values as stored before are left alone, and so is a record an undo brings back under its old version.
	const restored = before === undefined && Number(candidate['version']) > 1;
	const text = restored
		? []
		: controlCharacterProblems(
				entity,
				checked.data as Record<string, unknown>,
				before as Record<string, unknown> | undefined,
			);
	if (text.length > 0)
		throw fieldRefusal(
			entity,
			text.map((problem) => ({path: [problem.field], message: problem.message})),
		);
	return checked.data as AnyStoredRecord;
};

const refused = (message: string): Refused => new Refused({message, issues: []});

const fieldRefusal = (
	entity: StoredEntity,
	issues: ReadonlyArray<{path: PropertyKey[]; message: string; code?: string}>,
	record?: unknown,
): Refused => {
	const fields = issues.map((issue) => ({
		field: issue.path.map(String).join('.'),
		message: issue.code ? issueInWords(issue as SchemaIssue, record) : issue.message,
	}));
	const first = fields[0]!;
	return new Refused({
		message: t('domain.mutation.notSaved', {
			entity: entitySingular[entity],
			field: first.field,
			problem: first.message,
		}),
		issues: fields,
	});
};
