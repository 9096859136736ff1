/** A worded refusal of `crm db` or `crm copy`: exit 1 (the data is not what the command needs), nothing changed. */
export class DatabaseCommandError extends Error {
	constructor(
		message: string,
		readonly exitCode: 1 | 2 = 1,
	) {
		super(message);
	}
}
