import type {Stats} from 'node:fs';
import {lstat, realpath, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import {basename, dirname, join, resolve, sep} from 'node:path';
import {backupFolderFor} from './backups.js';
import {writeFileDurably} from './durable-json-file.js';
import {lockPathFor} from './file-lock.js';
import {journalPathFor} from './journal.js';
import {metricsPathFor} from './metrics-log.js';
import {MutationError} from './mutation-error.js';
import {kindOf} from './regular-file.js';
import {settingsPathFor} from './settings-file.js';

/** Where a data file's load stamp lives (see store.ts): `crm.json` → `crm.json.checked`. */
export const checkedPathFor = (file: string): string => `${file}.checked`;

/** An export would replace a file that is there: the console asks first, then writes with `replace`. */
export class ExportExistsError extends Error {
	override readonly name = 'ExportExistsError';
	constructor(
		readonly path: string,
		readonly bytes: number,
	) {
		super(`${path} exists already (${bytes.toLocaleString('en-US')} bytes): replace it?`);
	}
}

/** The files crm keeps for a data file, which an export must never replace. */
const ownFiles = (dataFile: string): string[] => [
	dataFile,
	settingsPathFor(dataFile),
	journalPathFor(dataFile),
	checkedPathFor(dataFile),
	lockPathFor(dataFile),
	metricsPathFor(dataFile),
];

/** The path with its folder's links resolved (the file itself may not exist yet). */
const realLocation = async (path: string): Promise<string> =>
	join(await realpath(dirname(path)).catch(() => dirname(path)), basename(path));

/**
 * Writes an export to `target` (already an absolute path), refusing in words: any of the data
 * file's own files (the data, settings, journal, lock, backups, metrics, temporary files), anything
 * that is not a regular file (a folder, a device, a pipe, a link), and an existing file unless
 * `replace` (the console asks the operator first). The write itself is atomic, owner-only.
 */
export const writeExportFile = async (
	dataFile: string,
	target: string,
	text: string,
	replace: boolean,
): Promise<string> => {
	const location = await realLocation(target);
	const data = await realLocation(dataFile);
	const backups = backupFolderFor(data);
	const temporary = basename(location).startsWith(`.${basename(data)}.`) && dirname(location) === dirname(data);
	if (location === data)
		throw new MutationError(`Not exported: ${target} is the data file itself; choose another name.`);
	if (
		ownFiles(data).includes(location) ||
		location === backups ||
		location.startsWith(`${backups}${sep}`) ||
		temporary
	) {
		throw new MutationError(
			`Not exported: ${target} is one of the files crm keeps for ${dataFile}; choose another name.`,
		);
	}
	const folder = dirname(target);
	const where = await stat(folder).catch((error: NodeJS.ErrnoException) => error.code ?? 'unknown');
	if (where === 'ENOENT') throw new MutationError(`Not exported: the folder ${folder} does not exist.`);
	if (typeof where === 'string' || !where.isDirectory())
		throw new MutationError(`Not exported: ${folder} is not a folder crm can write into.`);
	let info: Stats | undefined;
	try {
		info = await lstat(target);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	if (info?.isSymbolicLink())
		throw new MutationError(
			`Not exported: ${target} is a symbolic link; an export writes only a file of its own. Choose another name.`,
		);
	if (info && !info.isFile())
		throw new MutationError(`Not exported: ${target} is ${kindOf(info)}, not a file; choose another name.`);
	if (info && !replace) throw new ExportExistsError(target, info.size);
	try {
		await writeFileDurably(target, text);
	} catch (error) {
		// The system's refusal in words naming the export, not the temporary file it was written to first.
		const code = (error as NodeJS.ErrnoException).code;
		const reasons: Record<string, string> = {
			EACCES: `${folder} may not be written by you`,
			EPERM: `${folder} may not be written by you`,
			EROFS: `${folder} is on a read-only file system`,
			ENOSPC: `the disk holding ${folder} is full`,
			EDQUOT: `your disk quota is used up`,
		};
		if (code && reasons[code]) throw new MutationError(`Not exported to ${target}: ${reasons[code]} (${code}).`);
		throw error;
	}
	return target;
};

/** `~/reports/x.csv` → the home folder's; anything else as it is. */
const expandHome = (path: string): string =>
	path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;

/** Where an export of `dataFile`'s list goes: `name` beside it, or `path` (relative to its folder, `~` the home folder). */
export const exportTarget = (dataFile: string, name: string, path: string | undefined): string =>
	path ? resolve(dirname(dataFile), expandHome(path)) : join(dirname(dataFile), name);
