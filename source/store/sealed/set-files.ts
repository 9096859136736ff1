import {lstat, readdir} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {backupFolderFor} from '../backups.js';
import {journalPathFor} from '../journal.js';
import {metricsPathFor} from '../metrics-log.js';
import {operatorFilePath} from '../operator-file.js';
import {maxDataFileBytes, readRegularFile} from '../regular-file.js';
import {settingsPathFor} from '../settings-file.js';
import {SealError} from './seal-error.js';
import {readSealedHeader, type SealHeader} from './seal-format.js';
import {isLineHeader, lineHeaderMark} from './seal-lines.js';
import {sealedHeaderOf} from './set-sealing.js';

/** What a file of a data set is; `lines` files are appended a line at a time (each line sealed on its own). */
export type SetFileKind =
	| 'data'
	| 'journal'
	| 'settings'
	| 'operator'
	| 'metrics'
	| 'rejects'
	| 'backup'
	| 'old-journal';

export type SetFile = {path: string; kind: SetFileKind; lines: boolean};

const namesIn = async (folder: string): Promise<string[]> => {
	try {
		return (await readdir(folder)).sort();
	} catch {
		return [];
	}
};

/**
 * Every file of the data set at `dataFile` that holds its data or words of it, those that exist
 * (the data file last, so that a rewrite of the set ends with it): its journal, settings, operator
 * files, metrics log, the rejects files of imports in its folder, backups and the journals kept beside them. Not the lock, the load stamp or
 * temporary files (they hold none of it).
 */
export const filesOfSet = async (dataFile: string): Promise<SetFile[]> => {
	const files: SetFile[] = [
		{path: journalPathFor(dataFile), kind: 'journal', lines: true},
		{path: settingsPathFor(dataFile), kind: 'settings', lines: false},
	];
	const operators = join(operatorFilePath(dataFile, 'x'), '..');
	for (const name of await namesIn(operators))
		if (name.endsWith('.json')) files.push({path: join(operators, name), kind: 'operator', lines: false});
	files.push({path: metricsPathFor(dataFile), kind: 'metrics', lines: true});
	// An import's rejected rows are written beside the data (`<csv>.rejects.csv`): those of the folder are the set's.
	for (const name of await namesIn(dirname(dataFile)))
		if (name.endsWith('.rejects.csv')) files.push({path: join(dirname(dataFile), name), kind: 'rejects', lines: false});
	const backups = backupFolderFor(dataFile);
	const journalName = `${basename(journalPathFor(dataFile))}.`;
	for (const name of await namesIn(backups)) {
		if (name.endsWith('.json')) files.push({path: join(backups, name), kind: 'backup', lines: false});
		else if (name.startsWith(journalName)) files.push({path: join(backups, name), kind: 'old-journal', lines: true});
	}
	files.push({path: dataFile, kind: 'data', lines: false});
	const found = await Promise.all(
		files.map((file) =>
			lstat(file.path).then(
				(info) => info.isFile(),
				() => false,
			),
		),
	);
	return files.filter((_, index) => found[index]);
};

/** A file of lines (a journal, the metrics log): its whole lines, and its header line when sealed. */
export const linesOf = async (path: string): Promise<{header: string | null; lines: string[]}> => {
	const read = await readRegularFile(path, maxDataFileBytes);
	// A last line without its newline was never acknowledged (a writer killed mid-line): it is not kept.
	const lines = read ? read.bytes.toString('utf8').split('\n').slice(0, -1) : [];
	const first = lines[0];
	return first !== undefined && isLineHeader(first) ? {header: first, lines: lines.slice(1)} : {header: null, lines};
};

/**
 * What a file of the set is sealed with, from its header alone (no key is needed): the header's key
 * (id and kind); null when it is plain. `crm doctor` says it of every file; a re-seal skips the files
 * already under its key.
 */
export const sealedWith = async (file: SetFile): Promise<SealHeader['key'] | null> => {
	if (!file.lines) return (await sealedHeaderOf(file.path))?.key ?? null;
	const {header} = await linesOf(file.path);
	if (header === null) return null;
	if (!header.startsWith(lineHeaderMark)) throw new SealError('unsupported', file.path);
	return readSealedHeader(Buffer.from(header.slice(lineHeaderMark.length), 'base64'), file.path).key;
};
