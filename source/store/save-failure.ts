/** A save the system refused (a full disk, a read-only file system): in words, and counted as an error. */
export class SaveError extends Error {
	override readonly name = 'SaveError';
}

const systemReasons: Record<string, (file: string) => string> = {
	ENOSPC: (file) => `the disk holding ${file} is full`,
	EDQUOT: (file) => `the disk quota for ${file} is used up`,
	EROFS: (file) => `${file} is on a read-only file system`,
	EACCES: (file) => `${file} (or its folder) may not be written by this user`,
	EPERM: (file) => `${file} (or its folder) may not be written by this user`,
	EIO: (file) => `the disk holding ${file} reported an input/output error`,
};

/** Turns a system error of a save into a sentence an operator can act on; anything else passes as it is. */
export const saveFailure = (file: string, error: unknown): unknown => {
	const code = (error as NodeJS.ErrnoException).code;
	const reason = code ? systemReasons[code] : undefined;
	if (!reason) return error;
	return new SaveError(
		`Not saved: ${reason(file)} (${code}). The file is as it was and your input is kept: free some space or fix the permissions, then save again.`,
	);
};
