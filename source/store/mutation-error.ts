import type {MutationRefusal} from '../domain/apply-mutations.js';
import type {Dataset, StoredEntity} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';

/** A change the store refused: invalid values (named by field), a stale version, a missing record. */
export class MutationError extends Error {
	override readonly name = 'MutationError'; // i18n-exempt: the error's class name

	constructor(
		message: string,
		/** Field-level reasons, for a form to show at the field. */
		readonly issues: ReadonlyArray<{field: string; message: string}> = [],
	) {
		super(message);
	}

	/** Set when the record was saved by someone else since it was read: which record, at which version now. */
	conflict?: {entity: StoredEntity; id: string; version: number};

	/** The newest data, when the refusal came from a change made elsewhere: the screen can catch up. */
	dataset?: Dataset;
}

/** A refusal of `applyMutations` (domain/), as the error the console and the commands catch; `dataset` is the data it was refused against. */
export const refusedError = (refused: MutationRefusal, dataset: Dataset): MutationError => {
	const error = new MutationError(refused.message, refused.issues);
	if (refused.conflict) error.conflict = refused.conflict;
	error.dataset = dataset;
	return error;
};

/** A change asked of a store after `close`: refused like any other, in words. */
export class StoreClosedError extends MutationError {
	constructor(source: string) {
		super(t('store.save.closed', {source}));
	}
}
