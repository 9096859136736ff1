import {readFile} from 'node:fs/promises';
import {ImportError} from '../../domain/import/import-error.js';
import {type ImportMapping, parseMapping} from '../../domain/import/import-mapping.js';
import {t} from '../../i18n/i18n.js';

/** Reads a JSON mapping file, naming the field of any mistake. */
export const readMapping = async (file: string): Promise<ImportMapping> => {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		// A folder's read error names no path ("EISDIR: illegal operation on a directory, read"), and it is no JSON problem.
		const code = (error as NodeJS.ErrnoException).code;
		throw new ImportError(
			code === 'EISDIR'
				? t('cli.mapping.folder', {file})
				: code === 'ENOENT'
					? t('cli.mapping.missing', {file})
					: t('cli.mapping.unreadable', {file, message: (error as Error).message}),
		);
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		throw new ImportError(t('cli.mapping.notJson', {file, message: (error as Error).message}));
	}
	return parseMapping(file, raw, text);
};
