import type {RecordStep} from '../domain/apply-mutations.js';
import type {ChangeEntry} from '../domain/change-log.js';
import type {Dataset, StoredEntity} from '../domain/dataset.js';
import {recordLabel} from '../domain/record-label.js';
import {
	addDigest,
	recordDigest,
	removeDigest,
	type Seals,
	sealAll,
	sealOf,
	stateText,
	stateValue,
} from '../domain/record-seal.js';
import {t} from '../i18n/i18n.js';
import {entityNoun} from './entity-words.js';
import {MutationError} from './mutation-error.js';

type Sealing = {state: string; seals: Seals; undo: () => void};

/** How many steps are sealed at a time by `sealStepsInSlices`. */
const sealSlice = 1_000;

/**
 * The seals and the state of the records after `steps`, written into each step's entry (the
 * chain then vouches for them). `steps[i]` is the record entry i changed (null: an entry of the
 * roles, which changes no record). Every record changed must still be as crm last saved it: one
 * edited, added or removed outside crm is refused by name, so a save never launders it. The
 * seals are kept in place (copying 200,000 of them per save would cost what the journal saves);
 * `undo` puts them back if the save then fails.
 */
export const sealSteps = (
	before: Dataset,
	steps: ReadonlyArray<RecordStep | null>,
	entries: ChangeEntry[],
): Sealing => {
	const sealer = sealerOf(before, steps, entries);
	sealer.seal(0, steps.length);
	return sealer.sealing();
};

/**
 * `sealSteps`, `sealSlice` steps at a time with a turn of the event loop between them: a bulk change's
 * 10,000 steps sealed at once (a digest and two hexadecimal texts of the state each) held keys for some 50 ms.
 */
export const sealStepsInSlices = async (
	before: Dataset,
	steps: ReadonlyArray<RecordStep | null>,
	entries: ChangeEntry[],
): Promise<Sealing> => {
	if (steps.length <= sealSlice) return sealSteps(before, steps, entries);
	const sealer = sealerOf(before, steps, entries);
	for (let start = 0; start < steps.length; start += sealSlice) {
		// A turn before the first slice too: the change was checked in slices just before, its last one in this turn.
		await new Promise((resolve) => setImmediate(resolve));
		sealer.seal(start, Math.min(steps.length, start + sealSlice));
	}
	return sealer.sealing();
};

/** Seals steps `from` up to `to`, one range after another; a record changed outside crm undoes every seal set so far. */
const sealerOf = (before: Dataset, steps: ReadonlyArray<RecordStep | null>, entries: ChangeEntry[]) => {
	// Data that has never been sealed (an empty CRM; data built in memory) is sealed as it stands.
	const base =
		before.seals && before.auditHead?.state ? {seals: before.seals, state: before.auditHead.state} : sealAll(before);
	const seals: Seals = base.seals;
	let state = stateValue(base.state);
	const previous: Array<{entity: StoredEntity; id: string; seal: string | undefined}> = [];
	const undo = () => {
		for (const {entity, id, seal} of previous.reverse()) seals.set(entity, id, seal ?? null);
	};
	const sealOne = (step: RecordStep | null, entry: ChangeEntry) => {
		if (!step) {
			// An entry of the roles changes no record: the state stays.
			entry.state = stateText(state);
			return;
		}
		// The seal it had (a create has none): looked up once, checked, and put back if the save fails.
		const had = step.before ? seals.get(step.entity, step.id) : undefined;
		if (step.before) {
			const digest = step.digests?.before ?? recordDigest(step.entity, step.before);
			if (had !== sealOf(digest)) throw changedOutside(step, had);
			state = removeDigest(state, digest);
		}
		let seal: string | null = null;
		if (step.after) {
			const digest = step.digests?.after ?? recordDigest(step.entity, step.after);
			state = addDigest(state, digest);
			seal = sealOf(digest);
		}
		seals.set(step.entity, step.id, seal);
		previous.push({entity: step.entity, id: step.id, seal: had});
		entry.state = stateText(state);
		entry.recordHash = seal;
	};
	return {
		seal(from: number, to: number): void {
			try {
				for (let index = from; index < to; index++) sealOne(steps[index]!, entries[index]!);
			} catch (error) {
				undo();
				throw error;
			}
		},
		sealing: (): Sealing => ({state: stateText(state), seals, undo}),
	};
};

const changedOutside = (step: RecordStep, had: string | undefined): MutationError => {
	const words = {noun: entityNoun(step.entity), label: recordLabel(step.entity, step.before!), id: step.id};
	return new MutationError(had === undefined ? t('store.save.sealAdded', words) : t('store.save.sealChanged', words));
};
