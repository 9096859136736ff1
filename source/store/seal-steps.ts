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
): {state: string; seals: Seals; undo: () => void} => {
	// Data that has never been sealed (an empty CRM; data built in memory) is sealed as it stands.
	const base =
		before.seals && before.auditHead?.state ? {seals: before.seals, state: before.auditHead.state} : sealAll(before);
	const seals: Seals = base.seals;
	let state = stateValue(base.state);
	const previous: Array<{entity: StoredEntity; id: string; seal: string | undefined}> = [];
	const undo = () => {
		for (const {entity, id, seal} of previous.reverse()) seals.set(entity, id, seal ?? null);
	};
	try {
		for (const [index, step] of steps.entries()) {
			const entry = entries[index]!;
			if (!step) {
				// An entry of the roles changes no record: the state stays.
				entry.state = stateText(state);
				continue;
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
		}
	} catch (error) {
		undo();
		throw error;
	}
	return {state: stateText(state), seals, undo};
};

const changedOutside = (step: RecordStep, had: string | undefined): MutationError => {
	const words = {noun: entityNoun(step.entity), label: recordLabel(step.entity, step.before!), id: step.id};
	return new MutationError(had === undefined ? t('store.save.sealAdded', words) : t('store.save.sealChanged', words));
};
