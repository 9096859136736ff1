import {escapeControls} from '../domain/control-characters.js';
import {t} from '../i18n/i18n.js';

/**
 * Text for people (reports, summaries, listings, errors) quotes names and values from the data: it is
 * written with their control characters escaped (`\xNN`), so none reaches the terminal as a command.
 */
export const say = (text: string, stream: NodeJS.WriteStream = process.stdout): void =>
	void stream.write(escapeControls(text));

export const fail = (message: string, code = 2): never => {
	say(`${t('cli.fail', {message})}\n`, process.stderr);
	process.exit(code);
};

/** What the system meant by a refusal, in words; the code stays beside them for whoever searches for it. */
const systemProblem = (code: string | undefined): string | undefined => {
	switch (code) {
		case 'EISDIR':
			return t('cli.system.EISDIR');
		case 'ENOTDIR':
			return t('cli.system.ENOTDIR');
		case 'ENOENT':
			return t('cli.system.ENOENT');
		case 'EACCES':
			return t('cli.system.EACCES');
		case 'EPERM':
			return t('cli.system.EPERM');
		case 'EROFS':
			return t('cli.system.EROFS');
		case 'ENOSPC':
			return t('cli.system.ENOSPC');
		case 'EDQUOT':
			return t('cli.system.EDQUOT');
		case 'EEXIST':
			return t('cli.system.EEXIST');
		case 'ELOOP':
			return t('cli.system.ELOOP');
		case 'ENAMETOOLONG':
			return t('cli.system.ENAMETOOLONG');
		case 'EBUSY':
			return t('cli.system.EBUSY');
		case 'EIO':
			return t('cli.system.EIO');
		default:
			return undefined;
	}
};

/**
 * A file operation the system refused, as one line naming the path: Node's message for a read from a
 * folder is "EISDIR: illegal operation on a directory, read", with no path. A copy or rename names both.
 */
const systemErrorInWords = (error: NodeJS.ErrnoException & {dest?: string}): string => {
	// mkdir of a path that exists as a file (a backups folder someone replaced with a file).
	const problem =
		error.code === 'EEXIST' && error.syscall === 'mkdir' ? t('cli.system.fileNotFolder') : systemProblem(error.code);
	const {code = '', syscall = '', dest} = error;
	if (!error.path) return problem ? t('cli.system.noPath', {code, syscall, problem}) : error.message;
	const where = dest ? t('cli.system.whereTo', {code, syscall, dest}) : t('cli.system.where', {code, syscall});
	return problem
		? t('cli.system.refused', {path: error.path, problem, where})
		: t('cli.system.unusable', {path: error.path, message: error.message, where});
};

/**
 * Known, worded failures end with their message and exit code; anything else is a bug and keeps its stack.
 * What a failure is gets loaded only once something failed: the error classes belong to the commands,
 * and a start should not load every command to recognise their errors (issue 23).
 */
export const reportKnownErrors = async (work: () => Promise<void>): Promise<void> => {
	try {
		await work();
	} catch (error) {
		const {knownFailure} = await import('./known-errors.js');
		const known = knownFailure(error);
		if (known) fail(known.message, known.exitCode);
		// The operating system refused a file operation (a folder, no permission, a full disk): the path
		// and the reason in words; a stack trace would add nothing for an operator.
		const systemError = error as NodeJS.ErrnoException;
		if (typeof systemError.code === 'string' && typeof systemError.syscall === 'string')
			fail(systemErrorInWords(systemError));
		throw error;
	}
};
