import {readFile} from 'node:fs/promises';
import {describeEntry, verifyChain} from '../domain/audit-chain.js';
import {currentSchemaVersion} from '../domain/dataset.js';
import {DataFileError} from '../store/data-file-error.js';
import {parseJsonText} from '../store/dataset-codec.js';

/**
 * `crm audit verify`: walks the change log as it is in the file and reports the first entry whose
 * hash does not follow from the entries before it — an edited, removed, inserted or moved entry.
 */
export const runAuditVerify = async (file: string): Promise<{text: string; intact: boolean}> => {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		throw new DataFileError(file, `it could not be read (${(error as Error).message})`, 'Check the path given with --data.');
	}
	const raw = parseJsonText(file, text) as {schemaVersion?: number; changes?: unknown[]};
	if (raw.schemaVersion !== currentSchemaVersion) return {text: `${file} has schemaVersion ${String(raw.schemaVersion)}: its change log gets its hash chain when crm next saves it.\n`, intact: true};
	const chain = verifyChain(raw.changes ?? []);
	if (chain.ok) return {text: `Audit chain intact: ${chain.count} entr${chain.count === 1 ? 'y' : 'ies'} in ${file}, the last hash ${chain.lastHash.slice(0, 16) || '(none)'}….\n`, intact: true};
	return {text: `Audit chain broken at ${describeEntry(chain.index, chain.entry)} of ${chain.count}: ${chain.reason}.\nEntries before it are as they were written; from it on the log cannot be trusted.\n`, intact: false};
};
