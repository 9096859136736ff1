import {readFile} from 'node:fs/promises';
import {ImportError} from '../../domain/import/import-error.js';
import {type ImportMapping, parseMapping} from '../../domain/import/import-mapping.js';

/** Reads a JSON mapping file, naming the field of any mistake. */
export const readMapping = async (file: string): Promise<ImportMapping> => {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		// A folder's read error names no path ("EISDIR: illegal operation on a directory, read"), and it is no JSON problem.
		const code = (error as NodeJS.ErrnoException).code;
		throw new ImportError(
			`The mapping ${file} ${code === 'EISDIR' ? 'is a folder, not a file' : code === 'ENOENT' ? 'does not exist' : `cannot be read: ${(error as Error).message}`}.`,
		);
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		throw new ImportError(`The mapping ${file} cannot be read as JSON: ${(error as Error).message}`);
	}
	return parseMapping(file, raw, text);
};
