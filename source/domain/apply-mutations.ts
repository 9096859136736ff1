import {may, type Role, refusal} from './access.js';
import {type ChangeEntry, diffRecords} from './change-log.js';
import type {AnyStoredRecord, Dataset, StoredEntity} from './dataset.js';
import {EditableList} from './editable-list.js';
import type {Mutation} from './mutation.js';
import {OrderNumbers} from './order-numbers.js';
import {recordLabel} from './record-label.js';
import {applyOne, type Context, deletionOf, type MutationRefusal, type OneApplied, Refused} from './record-mutation.js';
import {recordDigest} from './record-seal.js';
import type {Settings} from './settings.js';

export type {MutationRefusal};

/** One record a change touches: as it was (absent for a create) and as it is saved (absent for a delete). */
export type RecordStep = {
	entity: StoredEntity;
	id: string;
	before: AnyStoredRecord | undefined;
	after: AnyStoredRecord | undefined;
	/** The digests of `before` and `after` (record-seal.ts), when worked out ahead (`digestsAhead`). */
	digests?: {before: bigint | undefined; after: bigint | undefined};
};

/** A mutation of a bulk change refused by its record's checks: skipped, the others applied. */
export type RecordRefused = {
	/** Where the mutation is among the change's mutations. */
	index: number;
	entity: StoredEntity;
	id: string;
	/** How the record reads as stored; for one deleted since, as it read then (its id when the log does not say). */
	label: string;
	/** Why, in the words a single change would have been refused in. */
	message: string;
};

export type MutationsApplied = {
	ok: true;
	/** The lists the change touched, each a new array; lists it did not touch are not here (they stay as they were). */
	lists: Partial<Pick<Dataset, StoredEntity>>;
	/** One change-log entry per record changed, not yet sealed or chained (`state`, `recordHash` and `hash` come later). */
	entries: ChangeEntry[];
	/** `steps[i]` is the record `entries[i]` changed, before and after. */
	steps: RecordStep[];
	/** With `eachOnItsOwn`, the mutations refused, in their order: nothing of them is in `lists`, `entries` or `steps`. */
	refused?: RecordRefused[];
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
	/**
	 * A bulk change (one field set on many marked records, or many closed or deleted): a mutation its
	 * record refuses (gone, changed since, an invalid value, a forbidden move) is skipped and listed in
	 * `refused`, and the rest are applied. The role still refuses them all (roles are per entity, not
	 * per record). Updates and deletes only: a create refused after it took an order's number would
	 * leave a gap in the numbers, so a change with a create is not taken this way.
	 */
	eachOnItsOwn?: boolean;
	/**
	 * Each step gets the digests its seal needs as it is applied: a change applied in slices then
	 * hashes its records slice by slice, instead of 20,000 of them at once when it is saved.
	 */
	digestsAhead?: boolean;
};

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
 * first one refused refuses them all (with `eachOnItsOwn`, it alone is skipped). Pure: the dataset
 * is not changed; the lists touched come back as new arrays (each copied once, however many
 * mutations touch it), with the change-log entry of every record changed. An update that changes
 * nothing is no change: no new version, no entry.
 */
export const applyMutations = (input: MutationsInput): MutationsOutcome => new MutationsRun(input).outcome();

/**
 * `applyMutations` a slice at a time: `step(count)` applies the next `count` mutations and says
 * whether any are left, so that a caller can yield between slices (a console keeps drawing, and
 * draws the progress); `outcome()` applies what is left and gives what `applyMutations` gives. The
 * lists are copied and indexed once for the whole change, however many slices: a change of 10,000
 * records in 40 slices costs what it costs in one, not 40 copies and indexes of a list of 200,000.
 */
export class MutationsRun {
	private readonly context: Context;
	private readonly entries: ChangeEntry[] = [];
	private readonly steps: RecordStep[] = [];
	private readonly refused: RecordRefused[] = [];
	private refusal: MutationRefusal | null = null;
	private finished: MutationsOutcome | null = null;
	private applied = 0;

	constructor(private readonly input: MutationsInput) {
		const {dataset, mutations, operator, role, undoOf = null} = input;
		if (input.eachOnItsOwn && mutations.some((mutation) => mutation.kind === 'create'))
			// i18n-exempt: a programming error, for developers
			throw new Error('A change whose records stand each on their own has no creates: updates and deletes only.');
		this.context = {
			dataset,
			now: new Date(input.now).toISOString(),
			newId: input.newId,
			settings: input.settings,
			undoing: undoOf !== null,
			eachOnItsOwn: input.eachOnItsOwn ?? false,
			operator,
			role,
			orderNumbers: new OrderNumbers(dataset.orders, dataset.changes ?? []),
			// Per touched list: a copy to change, and (for a batch) where each id sits in it, so that an
			// import of 100,000 rows costs 100,000 steps, not 100,000 scans of the list.
			lists: new Map<StoredEntity, EditableList>(),
			audience: null,
			deletions: null,
		};
		const denied = roleRefusal(mutations, operator, role, undoOf !== null);
		if (denied) this.stop({message: denied, issues: []});
	}

	/** How many mutations have been applied (or refused) so far. */
	get done(): number {
		return this.applied;
	}

	get total(): number {
		return this.input.mutations.length;
	}

	/** Applies the next `count` mutations (every one left, without a count); whether any are left after. */
	step(count = Number.POSITIVE_INFINITY): boolean {
		const end = Math.min(this.total, this.applied + count);
		for (; this.applied < end; this.applied++) {
			const index = this.applied;
			const mutation = this.input.mutations[index]!;
			const list = this.listOf(mutation.entity);
			let result: OneApplied;
			try {
				result = applyOne(list, mutation, this.context);
			} catch (error) {
				if (!(error instanceof Refused)) throw error;
				if (!this.context.eachOnItsOwn) {
					this.stop(error.refusal);
					return false;
				}
				this.refused.push(this.refusedRecord(index, mutation as Extract<Mutation, {id: string}>, list, error));
				continue;
			}
			if (result.unchanged) continue;
			this.entries.push(this.entryOf(index, mutation, result));
			this.steps.push(this.stepOf(mutation.entity, result));
		}
		return this.applied < this.total;
	}

	/** The change's outcome, once every mutation is applied (those left are applied first). */
	outcome(): MutationsOutcome {
		if (this.finished) return this.finished;
		this.step();
		if (this.refusal) {
			this.finished = {ok: false, refusal: this.refusal};
			return this.finished;
		}
		// Entries saved together are undone together: they share a batch.
		if (this.entries.length > 1) {
			const batch = this.context.newId('bat');
			for (const entry of this.entries) entry.batch = batch;
		}
		const lists: Partial<Pick<Dataset, StoredEntity>> = {};
		for (const [entity, list] of this.context.lists)
			(lists as Record<StoredEntity, AnyStoredRecord[]>)[entity] = list.result();
		const {entries, steps, refused} = this;
		this.finished = {ok: true, lists, entries, steps, ...(this.context.eachOnItsOwn ? {refused} : {})};
		return this.finished;
	}

	/** Refuses the whole change: nothing more is applied. */
	private stop(refusal: MutationRefusal): void {
		this.refusal = refusal;
		this.applied = this.total;
	}

	private listOf(entity: StoredEntity): EditableList {
		const lists = this.context.lists as Map<StoredEntity, EditableList>;
		let list = lists.get(entity);
		if (!list) {
			list = new EditableList(this.input.dataset[entity] as AnyStoredRecord[], this.total > 8);
			lists.set(entity, list);
		}
		return list;
	}

	private stepOf(entity: StoredEntity, {id, before, after}: OneApplied): RecordStep {
		if (!this.input.digestsAhead) return {entity, id, before, after};
		const digest = (record: AnyStoredRecord | undefined) => record && recordDigest(entity, record);
		return {entity, id, before, after, digests: {before: digest(before), after: digest(after)}};
	}

	private entryOf(index: number, mutation: Mutation, result: OneApplied): ChangeEntry {
		const {entity} = mutation;
		const undoOf = this.input.undoOf ?? null;
		// Keys in canonical order, the seal's two set later included: the chain then hashes the entry as JSON.stringify writes it (see canonical).
		return {
			action: mutation.kind,
			at: this.context.now,
			batch: null,
			changes: diffRecords(
				result.before as Record<string, unknown> | undefined,
				result.after as Record<string, unknown> | undefined,
			),
			entity,
			id: this.context.newId('chg'),
			label: recordLabel(entity, (result.after ?? result.before)!),
			operator: this.input.operator,
			recordHash: undefined,
			recordId: result.id,
			state: undefined,
			undoOf: typeof undoOf === 'string' || undoOf === null ? undoOf : (undoOf[index] ?? null),
		};
	}

	private refusedRecord(
		index: number,
		mutation: Extract<Mutation, {id: string}>,
		list: EditableList,
		error: Refused,
	): RecordRefused {
		const {entity, id} = mutation;
		const stored = list.get(id);
		const label = stored ? recordLabel(entity, stored) : (deletionOf(this.context, id)?.label ?? id);
		return {index, entity, id, label, message: error.refusal.message};
	}
}
