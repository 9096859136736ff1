import {readFile} from 'node:fs/promises';
import {ImportError} from '../../domain/import/import-error.js';
import {parseMapping, type ImportMapping} from '../../domain/import/import-mapping.js';

/** Reads a JSON mapping file, naming the field of any mistake. */
export const readMapping = async (file: string): Promise<ImportMapping> => {
	let raw: unknown;
	try {
		raw = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		throw new ImportError(`The mapping ${file} cannot be read as JSON: ${(error as Error).message}`);
	}
	return parseMapping(file, raw);
};
