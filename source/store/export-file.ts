import type {Stats} from 'node:fs';
import {lstat, realpath, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import {basename, dirname, join, resolve, sep} from 'node:path';
import {t} from '../i18n/i18n.js';
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
	override readonly name = 'ExportExistsError'; // i18n-exempt: the error's class name
	constructor(
		readonly path: string,
		readonly bytes: number,
	) {
		super(t('store.export.exists', {path, bytes}));
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

/** Refuses an export onto any of the data file's own files (the data, settings, journal, lock, backups, metrics, temporary files). */
const refuseOwnFiles = async (dataFile: string, target: string): Promise<void> => {
	const location = await realLocation(target);
	const data = await realLocation(dataFile);
	const backups = backupFolderFor(data);
	const temporary = basename(location).startsWith(`.${basename(data)}.`) && dirname(location) === dirname(data);
	if (location === data) throw new MutationError(t('store.export.dataFile', {target}));
	if (
		ownFiles(data).includes(location) ||
		location === backups ||
		location.startsWith(`${backups}${sep}`) ||
		temporary
	) {
		throw new MutationError(t('store.export.ownFile', {target, file: dataFile}));
	}
};

/**
 * Writes an export to `target` (already an absolute path), refusing in words: any of the data
 * file's own files (the data, settings, journal, lock, backups, metrics, temporary files), anything
 * that is not a regular file (a folder, a device, a pipe, a link), and an existing file unless
 * `replace` (the console asks the operator first). The write itself is atomic, owner-only. A
 * database has no files of its own to refuse (`dataFile` null).
 */
export const writeExportFile = async (
	dataFile: string | null,
	target: string,
	text: string,
	replace: boolean,
): Promise<string> => {
	if (dataFile !== null) await refuseOwnFiles(dataFile, target);
	const folder = dirname(target);
	const where = await stat(folder).catch((error: NodeJS.ErrnoException) => error.code ?? 'unknown');
	if (where === 'ENOENT') throw new MutationError(t('store.export.noFolder', {folder}));
	if (typeof where === 'string' || !where.isDirectory()) throw new MutationError(t('store.export.notFolder', {folder}));
	let info: Stats | undefined;
	try {
		info = await lstat(target);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	if (info?.isSymbolicLink()) throw new MutationError(t('store.export.symlink', {target}));
	if (info && !info.isFile()) throw new MutationError(t('store.export.notFile', {target, kind: kindOf(info)}));
	if (info && !replace) throw new ExportExistsError(target, info.size);
	try {
		await writeFileDurably(target, text);
	} catch (error) {
		// The system's refusal in words naming the export, not the temporary file it was written to first.
		const code = (error as NodeJS.ErrnoException).code;
		const reason =
			code === 'EACCES' || code === 'EPERM'
				? t('store.export.noWrite', {folder})
				: code === 'EROFS'
					? t('store.save.readOnly', {file: folder})
					: code === 'ENOSPC'
						? t('store.save.diskFull', {file: folder})
						: code === 'EDQUOT'
							? t('store.export.quota')
							: null;
		if (reason) throw new MutationError(t('store.export.refused', {target, reason, code: String(code)}));
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
