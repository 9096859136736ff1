import {t} from '../i18n/i18n.js';

/**
 * A data file that cannot be used as it is. The message is one paragraph an operator can act on:
 * it names the file, the record and the field. The CLI prints it and exits with code 2.
 */
export class DataFileError extends Error {
	override readonly name = 'DataFileError'; // i18n-exempt: the error's class name
	readonly exitCode = 2;

	constructor(
		readonly file: string,
		readonly problem: string,
		readonly advice: string = t('store.file.advice'),
		what: string = t('store.file.data'),
	) {
		super(t('store.file.cannotOpen', {what, file, problem, advice}));
	}
}
