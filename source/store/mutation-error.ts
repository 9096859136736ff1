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
}
