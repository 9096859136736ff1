import {AccessRefusedError} from '../commands/access.js';
import {AuditRefusedError} from '../commands/audit.js';
import {DoctorRefusedError} from '../commands/doctor.js';
import {exitCodes} from '../commands/exit-codes.js';
import {ImportError} from '../commands/import/csv-file.js';
import {ReportRefusedError} from '../commands/report.js';
import {SeedRefusedError} from '../commands/seed.js';
import {SettingsRefusedError} from '../commands/settings.js';
import {escapeControls} from '../domain/control-characters.js';
import {DataFileError} from '../store/data-file-error.js';
import {MutationError} from '../store/mutation-error.js';
import {SaveError} from '../store/store.js';

/**
 * Text for people (reports, summaries, listings, errors) quotes names and values from the data: it is
 * written with their control characters escaped (`\xNN`), so none reaches the terminal as a command.
 */
export const say = (text: string, stream: NodeJS.WriteStream = process.stdout): void =>
	void stream.write(escapeControls(text));

export const fail = (message: string, code = 2): never => {
	say(`crm: ${message}\n`, process.stderr);
	process.exit(code);
};

/** What the system meant by a refusal, in words; the code stays beside them for whoever searches for it. */
const systemProblems: Record<string, string> = {
	EISDIR: 'is a folder, not a file',
	ENOTDIR: 'has a part that is a file, not a folder',
	ENOENT: 'does not exist',
	EACCES: 'may not be used by you (permission denied)',
	EPERM: 'may not be changed (operation not permitted)',
	EROFS: 'is on a read-only file system',
	ENOSPC: 'could not be written: the disk is full',
	EDQUOT: 'could not be written: the disk quota is used up',
	EEXIST: 'exists already',
	ELOOP: 'is a loop of symbolic links',
	ENAMETOOLONG: 'is a name too long for the file system',
	EBUSY: 'is busy (in use)',
	EIO: 'could not be read or written (a disk error)',
};

/**
 * A file operation the system refused, as one line naming the path: Node's message for a read from a
 * folder is "EISDIR: illegal operation on a directory, read", with no path. A copy or rename names both.
 */
const systemErrorInWords = (error: NodeJS.ErrnoException & {dest?: string}): string => {
	// mkdir of a path that exists as a file (a backups folder someone replaced with a file).
	const problem =
		error.code === 'EEXIST' && error.syscall === 'mkdir' ? 'is a file, not a folder' : systemProblems[error.code!];
	if (!error.path)
		return problem
			? `a file operation was refused (${error.code} on ${error.syscall}) and the system did not say on which path: it ${problem}.`
			: error.message;
	const where = `${error.code} on ${error.syscall}${error.dest ? ` to ${error.dest}` : ''}`;
	return `${error.path} ${problem ?? `could not be used (${error.message})`} (${where}).`;
};

/** Known, worded failures end with their message and exit code; anything else is a bug and keeps its stack. */
export const reportKnownErrors = async (work: () => Promise<void>): Promise<void> => {
	try {
		await work();
	} catch (error) {
		if (
			error instanceof DataFileError ||
			error instanceof SeedRefusedError ||
			error instanceof ReportRefusedError ||
			error instanceof ImportError ||
			error instanceof DoctorRefusedError ||
			error instanceof AccessRefusedError ||
			error instanceof SettingsRefusedError ||
			error instanceof AuditRefusedError
		)
			fail(error.message, error.exitCode);
		// A change the store refused (a role, a stale version, an invalid value) says why in words.
		if (error instanceof MutationError) fail(error.message, exitCodes.refused);
		if (error instanceof SaveError) fail(error.message);
		// The operating system refused a file operation (a folder, no permission, a full disk): the path
		// and the reason in words; a stack trace would add nothing for an operator.
		const systemError = error as NodeJS.ErrnoException;
		if (typeof systemError.code === 'string' && typeof systemError.syscall === 'string')
			fail(systemErrorInWords(systemError));
		throw error;
	}
};
