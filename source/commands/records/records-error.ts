import type {Candidate} from './resolve-record.js';

/**
 * Why a record command did not do what it was asked, for a script as much as for a person:
 * `not_found` and `ambiguous` are refusals (exit 1), the rest usage mistakes or a data file that
 * cannot be read (exit 2).
 */
export type RefusalCode = 'not_found' | 'ambiguous' | 'unknown_field' | 'bad_option' | 'data_file';

/** A record command's refusal: one line of words, and with --json the same as an object on stderr. */
export class RecordsRefusedError extends Error {
	constructor(
		message: string,
		readonly code: RefusalCode,
		readonly exitCode: 1 | 2,
		readonly candidates: readonly Candidate[] = [],
	) {
		super(message);
	}
}
