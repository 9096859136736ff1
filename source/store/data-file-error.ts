/**
 * A data file that cannot be used as it is. The message is one paragraph an operator can act on:
 * it names the file, the record and the field. The CLI prints it and exits with code 2.
 */
export class DataFileError extends Error {
	override readonly name = 'DataFileError';
	readonly exitCode = 2;

	constructor(
		readonly file: string,
		readonly problem: string,
		readonly advice = 'The file was left unchanged. `crm doctor` lists every problem in it; `crm doctor --restore` brings back a backup; or start with --data pointing at another file.',
		what = 'data file',
	) {
		super(`Cannot open the ${what} ${file}: ${problem}. ${advice}`);
	}
}
