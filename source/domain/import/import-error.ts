/** An import that cannot go ahead as asked; the message names the file, the line or the field. */
export class ImportError extends Error {
	/** 2: a usage or data problem; 1 where the import is refused (see commands/exit-codes.ts). */
	constructor(
		message: string,
		readonly exitCode: number = 2,
	) {
		super(message);
	}
}
