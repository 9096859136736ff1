/** An import that cannot go ahead as asked; the message names the file, the line or the field. */
export class ImportError extends Error {
	readonly exitCode: number = 2;
}
