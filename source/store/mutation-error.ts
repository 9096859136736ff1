/** A change the store refused: invalid values (named by field), a stale version, a missing record. */
export class MutationError extends Error {
	override readonly name = 'MutationError';

	constructor(
		message: string,
		/** Field-level reasons, for a form to show at the field. */
		readonly issues: ReadonlyArray<{field: string; message: string}> = [],
	) {
		super(message);
	}

	/** Set when the record was saved by someone else since it was read: which record, at which version now. */
	conflict?: {entity: import('../domain/dataset.js').StoredEntity; id: string; version: number};

	/** The newest data, when the refusal came from a change made elsewhere: the screen can catch up. */
	dataset?: import('../domain/dataset.js').Dataset;
}
