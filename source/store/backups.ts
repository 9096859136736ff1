import {chmod, copyFile, link, readdir, stat, unlink} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {makeFolderBeside} from './file-modes.js';

/** Where a data file's backups live: `crm.json` → `crm.backups/` beside it. */
export const backupFolderFor = (file: string): string =>
	join(dirname(file), `${basename(file).replace(/\.json$/i, '')}.backups`);

/** Makes the backups folder: its owner's alone, or in a group's shared folder the group's (see file-modes.ts). */
export const makeBackupFolder = async (file: string): Promise<string> => {
	const folder = backupFolderFor(file);
	await makeFolderBeside(folder);
	return folder;
};

const stampNow = (now: number): string => new Date(now).toISOString().replace(/[:.]/g, '-');

/** A rolling backup is named by its time alone; named ones (`…-before-v2`, `…-before-restore`) are kept until removed by hand. */
const rollingName = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(-\d+)?\.json$/;

export type Backup = {name: string; path: string; bytes: number; at: Date; rolling: boolean};

/** The backups of a data file, newest first. */
export const listBackups = async (file: string): Promise<Backup[]> => {
	const folder = backupFolderFor(file);
	let names: string[];
	try {
		names = (await readdir(folder)).filter((name) => name.endsWith('.json'));
	} catch {
		return [];
	}
	const backups = await Promise.all(
		names.map(async (name) => {
			const info = await stat(join(folder, name));
			return {name, path: join(folder, name), bytes: info.size, at: info.mtime, rolling: rollingName.test(name)};
		}),
	);
	return backups.sort((a, b) => b.name.localeCompare(a.name));
};

/**
 * Keeps the file as it is now before a save replaces it. A save renames a new file over the old
 * one, so a hard link keeps the old content at no cost (a copy where links are not possible);
 * only the newest `keep` rolling backups stay. A named backup (before a migration or a restore)
 * is never pruned. Nothing is kept when the file does not exist yet.
 */
export const keepBackup = async (file: string, keep: number, now: number, label?: string): Promise<string | null> => {
	if (keep <= 0 && !label) return null;
	try {
		await stat(file);
	} catch {
		return null;
	}
	const folder = backupFolderFor(file);
	await makeBackupFolder(file);
	// A save that never finished (killed, refused) left the file as it was: its backup is already kept.
	const rolling = label ? [] : (await listBackups(file)).filter((backup) => backup.rolling);
	if (rolling[0] && (await stat(rolling[0].path)).ino === (await stat(file)).ino) return rolling[0].path;
	let target = join(folder, `${stampNow(now)}${label ? `-${label}` : ''}.json`);
	for (let attempt = 1; ; attempt++) {
		try {
			await link(file, target);
			break;
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'EEXIST') {
				target = join(folder, `${stampNow(now)}-${attempt}${label ? `-${label}` : ''}.json`);
				continue;
			}
			await copyFile(file, target);
			await chmod(target, (await stat(file)).mode & 0o7777);
			break;
		}
	}
	// The one just kept is the newest: those beyond `keep` (counting it) go.
	if (!label) for (const old of rolling.slice(Math.max(0, keep - 1))) await unlink(old.path).catch(() => undefined);
	return target;
};
