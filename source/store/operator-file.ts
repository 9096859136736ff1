import {basename, dirname, join} from 'node:path';
import {type OperatorFile, operatorFileSchema} from '../domain/operator-file.js';
import {t} from '../i18n/i18n.js';
import {DataFileError} from './data-file-error.js';
import {writeFileDurably} from './durable-json-file.js';
import {makeFolderBeside} from './file-modes.js';
import {UnreadableFileError} from './regular-file.js';
import {bytesUnder, isKeyRefusal, readSetText, setKeyOf} from './sealed/set-sealing.js';

/** An operator's file is a few lines of JSON; anything far larger is not one. */
const maxOperatorFileBytes = 1024 * 1024;

/**
 * A name as a file name: letters, digits, `-` and `_` as they are, anything else (a dot, a slash,
 * a space, CJK) as `%XX` of its UTF-8 bytes, so no name reaches outside the folder or collides with another.
 */
const fileNameOf = (operator: string): string =>
	[...new TextEncoder().encode(operator)]
		.map((byte) => {
			const char = String.fromCharCode(byte);
			return /[A-Za-z0-9_-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
		})
		.join('');

/** Each operator's file lives in a folder beside the data file: `crm.json` → `crm.operators/ada.json`. */
export const operatorFilePath = (dataFile: string, operator: string): string =>
	join(dirname(dataFile), `${basename(dataFile).replace(/\.json$/i, '')}.operators`, `${fileNameOf(operator)}.json`);

/** The operator's file, or an empty one when there is none yet; a damaged one is refused in words naming it. */
export const readOperatorFile = async (dataFile: string, operator: string): Promise<OperatorFile> => {
	const file = operatorFilePath(dataFile, operator);
	let raw: unknown;
	try {
		const read = await readSetText(file, maxOperatorFileBytes);
		if (!read) return {};
		raw = JSON.parse(read.text);
	} catch (error) {
		if (isKeyRefusal(error)) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		const problem =
			error instanceof UnreadableFileError
				? error.problem
				: code === 'EACCES' || code === 'EPERM'
					? t('store.settings.operatorNoRead')
					: error instanceof SyntaxError
						? t('store.json.invalid')
						: t('store.file.couldNotRead', {reason: code ?? (error as Error).message});
		throw new DataFileError(file, problem, t('store.settings.operatorAdvice'), t('store.file.operator'));
	}
	const parsed = operatorFileSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new DataFileError(
			file,
			t('store.problem.fieldIssue', {field: issue.path.join('.'), message: issue.message}),
			t('store.settings.operatorAdvice'),
			t('store.file.operator'),
		);
	}
	return parsed.data;
};

/** Replaces the operator's file whole, durably (a reader sees the old file or the new, never half of one). */
export const writeOperatorFile = async (dataFile: string, operator: string, content: OperatorFile): Promise<void> => {
	const file = operatorFilePath(dataFile, operator);
	await makeFolderBeside(dirname(file));
	const text = `${JSON.stringify(operatorFileSchema.parse(content), null, 2)}\n`;
	await writeFileDurably(file, text, undefined, bytesUnder(await setKeyOf(dataFile)));
};
