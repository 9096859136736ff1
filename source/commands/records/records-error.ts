import type {Candidate} from './resolve-record.js';

/**
 * Why a record command did not do what it was asked, for a script as much as for a person:
 * `not_found`, `ambiguous`, `conflict` and `refused` are refusals (exit 1), the rest usage mistakes or
 * a data file that cannot be read (exit 2).
 */
export type RefusalCode =
	| 'not_found'
	| 'ambiguous'
	| 'unknown_field'
	| 'bad_option'
	| 'data_file'
	/** The record was saved by someone else since the version given (`--if-version`, or since it was read). */
	| 'conflict'
	/** The store refused the change: a role, --readonly, an invalid value (`issues` names the fields), a rule. */
	| 'refused';

/** A record command's refusal: one line of words, and with --json the same as an object on stderr. */
export class RecordsRefusedError extends Error {
	constructor(
		message: string,
		readonly code: RefusalCode,
		readonly exitCode: 1 | 2,
		readonly candidates: readonly Candidate[] = [],
		/** The fields at fault, each with its reason (a value the record's schema or rules refuse). */
		readonly issues: ReadonlyArray<{field: string; message: string}> = [],
	) {
		super(message);
	}
}
