import {describeEntry, verifyChain} from '../domain/audit-chain.js';
import {currentSchemaVersion} from '../domain/dataset.js';
import {DataFileError} from '../store/data-file-error.js';
import {parseJsonText} from '../store/dataset-codec.js';
import {maxDataFileBytes, readRegularFile, UnreadableFileError, utf8Text} from '../store/regular-file.js';
import {changeLogWith, linesAfter, readJournal} from '../store/journal.js';

/**
 * `crm audit verify`: walks the change log as it is in the file and reports the first entry whose
 * hash does not follow from the entries before it — an edited, removed, inserted or moved entry.
 */
export const runAuditVerify = async (file: string): Promise<{text: string; intact: boolean}> => {
	let text: string;
	try {
		const read = await readRegularFile(file, maxDataFileBytes);
		if (!read) throw new DataFileError(file, 'it does not exist', 'Check the path given with --data.');
		text = utf8Text(file, read.bytes);
	} catch (error) {
		if (error instanceof DataFileError) throw error;
		throw new DataFileError(file, error instanceof UnreadableFileError ? error.problem : `it could not be read (${(error as Error).message})`, 'Check the path given with --data.');
	}
	const raw = parseJsonText(file, text) as {schemaVersion?: unknown; changes?: unknown; auditHead?: {count: number; hash: string}} | null;
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !Array.isArray(raw.changes ?? [])) throw new DataFileError(file, 'it holds no data file (a JSON object with a changes list)', '`crm doctor` says more.');
	const version = raw.schemaVersion;
	// Saves journaled since the file was last rewritten continue its log.
	const {changes, head} = changeLogWith(raw, linesAfter((await readJournal(file)).lines, (raw as {journalSeq?: unknown}).journalSeq));
	if (typeof version !== 'number') throw new DataFileError(file, `its schemaVersion is ${JSON.stringify(version) ?? 'missing'}, not a number`, '`crm doctor` says more.');
	if (version > currentSchemaVersion) throw new DataFileError(file, `it has schemaVersion ${version}, written by a newer crm-console`, 'Upgrade crm-console to verify it.');
	const hashed = changes.some((entry) => entry !== null && typeof entry === 'object' && 'hash' in entry);
	if (version < currentSchemaVersion && !hashed) return {text: `${file} has schemaVersion ${version}: its change log gets its hash chain when crm next saves it.\n`, intact: true};
	if (version < currentSchemaVersion) return {text: `Audit chain broken: ${file} says schemaVersion ${version}, but its change log carries audit hashes, which only version ${currentSchemaVersion} writes: the version was lowered by hand.\n`, intact: false};
	const chain = verifyChain(changes, head);
	if (chain.ok) return {text: `Audit chain intact: ${chain.count} entr${chain.count === 1 ? 'y' : 'ies'} in ${file}${chain.lastHash ? `, the last hash ${chain.lastHash.slice(0, 16)}…` : ''}.\n`, intact: true};
	return {text: `Audit chain broken at ${describeEntry(chain.index, chain.entry)} of ${chain.count}: ${chain.reason}.\nEntries before it are as they were written; from it on the log cannot be trusted.\n`, intact: false};
};
