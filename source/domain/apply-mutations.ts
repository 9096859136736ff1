import {may, type Role, refusal} from './access.js';
import {type AudienceMember, audiencePair, audienceProblem} from './audience.js';
import {type ChangeEntry, diffRecords} from './change-log.js';
import {
	type AnyStoredRecord,
	type Dataset,
	entityFieldSchemas,
	entityIdPrefix,
	entitySchemas,
	entitySingular,
	type StoredEntity,
} from './dataset.js';
import {EditableList} from './editable-list.js';
import {issueInWords, type SchemaIssue} from './issue-words.js';
import type {Mutation} from './mutation.js';
import {OrderNumbers} from './order-numbers.js';
import {recordLabel} from './record-label.js';
import {applyRecordRules, derivedFieldSeeds, transitionProblem} from './record-rules.js';
import type {Settings} from './settings.js';
import {controlCharacterProblems} from './stored-text.js';

/** One record a change touches: as it was (absent for a create) and as it is saved (absent for a delete). */
export type RecordStep = {
	entity: StoredEntity;
	id: string;
	before: AnyStoredRecord | undefined;
	after: AnyStoredRecord | undefined;
};

/** Why a change was refused, in words; `issues` name fields (for a form), `conflict` a record saved by someone else since. */
export type MutationRefusal = {
	message: string;
	issues: ReadonlyArray<{field: string; message: string}>;
	conflict?: {entity: StoredEntity; id: string; version: number};
};

export type MutationsApplied = {
	ok: true;
	/** The lists the change touched, each a new array; lists it did not touch are not here (they stay as they were). */
	lists: Partial<Pick<Dataset, StoredEntity>>;
	/** One change-log entry per record changed, not yet sealed or chained (`state`, `recordHash` and `hash` come later). */
	entries: ChangeEntry[];
	/** `steps[i]` is the record `entries[i]` changed, before and after. */
	steps: RecordStep[];
};

export type MutationsOutcome = MutationsApplied | {ok: false; refusal: MutationRefusal};

export type MutationsInput = {
	/** The data the mutations apply to: its lists, and its change log (to say who deleted a record asked for). Not changed. */
	dataset: Dataset;
	mutations: readonly Mutation[];
	operator: string;
	/** The operator's role in the roles in force. */
	role: Role;
	/** The clock's value (milliseconds since the epoch): every record and entry of this change gets this moment. */
	now: number;
	/** Where new ids come from (`domain/ids.ts` `newId`, or a fixed sequence in a test). */
	newId: (prefix: string) => string;
	/** The settings in force: some record rules read them. */
	settings: Settings;
	/** The entries an undo reverts: one for all, or one per mutation; null for a change of the operator's own. */
	undoOf?: string | null | readonly string[];
};

/** Thrown inside this module only: the refusal `applyMutations` returns. */
class Refused extends Error {
	constructor(readonly refusal: MutationRefusal) {
		super(refusal.message);
	}
}

/**
 * The first mutation the role does not allow, refused in words; or null when the role allows them all.
 * An undo (`undoing`) may delete a survey response whatever the role: `u` reverts only the operator's
 * own last change, and `applyMutations` checks that the response is theirs.
 */
export const roleRefusal = (
	mutations: readonly Mutation[],
	operator: string,
	role: Role,
	undoing = false,
): string | null => {
	for (const mutation of mutations) {
		if (undoing && mutation.entity === 'surveys' && mutation.kind === 'delete') continue;
		if (!may(role, mutation.kind, mutation.entity)) return refusal(operator, role, mutation.kind, mutation.entity);
	}
	return null;
};

/**
 * Applies the mutations to the dataset as one change: each is checked (the role, the version the
 * operator saw, the schema, the entity's rules, the schema again, control characters), and the
 * first one refused refuses them all. Pure: the dataset is not changed; the lists touched come back
 * as new arrays (each copied once, however many mutations touch it), with the change-log entry of
 * every record changed. An update that changes nothing is no change: no new version, no entry.
 */
export const applyMutations = (input: MutationsInput): MutationsOutcome => {
	const denied = roleRefusal(input.mutations, input.operator, input.role, (input.undoOf ?? null) !== null);
	if (denied) return {ok: false, refusal: {message: denied, issues: []}};
	try {
		return {ok: true, ...applyAll(input)};
	} catch (error) {
		if (error instanceof Refused) return {ok: false, refusal: error.refusal};
		throw error;
	}
};

const applyAll = ({dataset, mutations, operator, role, now: clock, newId, settings, undoOf = null}: MutationsInput) => {
	const now = new Date(clock).toISOString();
	// Per touched list: a copy to change, and (for a batch) where each id sits in it, so that an
	// import of 100,000 rows costs 100,000 steps, not 100,000 scans of the list.
	const lists = new Map<StoredEntity, EditableList>();
	const entries: ChangeEntry[] = [];
	const steps: RecordStep[] = [];
	const context: Context = {
		dataset,
		now,
		newId,
		settings,
		undoing: undoOf !== null,
		operator,
		role,
		orderNumbers: new OrderNumbers(dataset.orders, dataset.changes ?? []),
		lists,
		audience: null,
	};
	for (const [index, mutation] of mutations.entries()) {
		const {entity} = mutation;
		let list = lists.get(entity);
		if (!list) {
			list = new EditableList(dataset[entity] as AnyStoredRecord[], mutations.length > 8);
			lists.set(entity, list);
		}
		const result = applyOne(list, mutation, context);
		if (result.unchanged) continue;
		// Keys in canonical order, the seal's two set later included: the chain then hashes the entry as JSON.stringify writes it (see canonical).
		entries.push({
			action: mutation.kind,
			at: now,
			batch: null,
			changes: diffRecords(
				result.before as Record<string, unknown> | undefined,
				result.after as Record<string, unknown> | undefined,
			),
			entity,
			id: newId('chg'),
			label: recordLabel(entity, (result.after ?? result.before)!),
			operator,
			recordHash: undefined,
			recordId: result.id,
			state: undefined,
			undoOf: typeof undoOf === 'string' || undoOf === null ? undoOf : (undoOf[index] ?? null),
		});
		steps.push({entity, id: result.id, before: result.before, after: result.after});
	}
	// Entries saved together are undone together: they share a batch.
	if (entries.length > 1) {
		const batch = newId('bat');
		for (const entry of entries) entry.batch = batch;
	}
	const touched: Partial<Pick<Dataset, StoredEntity>> = {};
	for (const [entity, list] of lists) (touched as Record<StoredEntity, AnyStoredRecord[]>)[entity] = list.result();
	return {lists: touched, entries, steps};
};

type Context = {
	dataset: Dataset;
	now: string;
	newId: (prefix: string) => string;
	settings: Settings;
	/** An undo puts back what was: a status move the entity forbids forward is allowed back. */
	undoing: boolean;
	/** Who acts, and their role: a survey response is signed with the one, deleted by the other's leave. */
	operator: string;
	role: Role;
	orderNumbers: OrderNumbers;
	/** The lists this change has touched so far: an audience member's campaign and customer are looked up in them first. */
	lists: ReadonlyMap<StoredEntity, EditableList>;
	/** The audience's lookups, built when a member is first added (see `audienceLookup`). */
	audience: AudienceLookup | null;
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
		throw new Refused({message: `The audience member was not saved: ${problem.message}.`, issues: [problem]});
	pairs.add(audiencePair(member));
};

type OneApplied = {id: string; before?: AnyStoredRecord; after?: AnyStoredRecord; unchanged?: boolean};

const applyOne = (list: EditableList, mutation: Mutation, context: Context): OneApplied => {
	const {entity} = mutation;
	const noun = entitySingular[entity];
	const {now} = context;
	if (mutation.kind === 'create') {
		const id = mutation.id ?? context.newId(entityIdPrefix[entity]);
		if (list.has(id)) throw refused(`A ${noun} with the id ${id} already exists.`);
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
	const current = currentOf(list, mutation, context.dataset);
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
			message: `The order was not saved: number ${given} is already taken.`,
			issues: [{field: 'number', message: 'is already taken'}],
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
			message: `The survey response was not saved: operator is who answers (${operator}); a response cannot be given for ${String(given)}.`,
			issues: [{field: 'operator', message: `is who answers (${operator})`}],
		});
	candidate['operator'] = operator;
};

/** Deleting a response: an admin any; anyone else only their own, and only as the undo of its answer. */
const mayDeleteResponse = (current: AnyStoredRecord, {operator, role, undoing}: Context): void => {
	if (may(role, 'delete', 'surveys')) return;
	const own = (current as {operator?: string}).operator === operator;
	if (!(undoing && own))
		throw refused(
			`${operator} (${role}) may not delete the ${recordLabel('surveys', current)}: an admin deletes one, and u deletes your own last answer.`,
		);
};

/** The record an update or delete is for, at the version the operator saw; refused when gone or changed since. */
const currentOf = (
	list: EditableList,
	mutation: Extract<Mutation, {kind: 'update' | 'delete'}>,
	dataset: Dataset,
): AnyStoredRecord => {
	const {entity} = mutation;
	const noun = entitySingular[entity];
	const current = list.get(mutation.id);
	if (!current) {
		const deleted = [...(dataset.changes ?? [])]
			.reverse()
			.find((entry) => entry.recordId === mutation.id && entry.action === 'delete');
		throw refused(
			deleted
				? `The ${noun} “${deleted.label}” was deleted by ${deleted.operator} at ${deleted.at.slice(0, 16).replace('T', ' ')} UTC; nothing was saved (Esc leaves the form; u is theirs to undo).`
				: `The ${noun} ${mutation.id} no longer exists.`,
		);
	}
	if (current.version !== mutation.version)
		throw new Refused({
			message: `The ${noun} “${recordLabel(entity, current)}” was changed since you opened it (version ${current.version}, you had ${mutation.version}).`,
			issues: [],
			conflict: {entity, id: current.id, version: current.version},
		});
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
		message: `The ${entitySingular[entity]} was not saved: ${first.field} ${first.message}.`,
		issues: fields,
	});
};
