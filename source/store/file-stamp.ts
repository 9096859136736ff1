import {constants} from 'node:fs';
import {open, stat} from 'node:fs/promises';
import {dirname} from 'node:path';
import {checkedPathFor} from './export-file.js';
import {modesIn, settleMode} from './file-modes.js';
import {readRegularFile} from './regular-file.js';

type StampFields = {ino: number; size: number; mtimeMs: number; ctimeMs: number};

/** What identifies one version of the file on disk: a rename-over-write gives a new inode, an edit in place new times. */
export type FileStamp = StampFields | null;

export const stampFrom = (info: StampFields): NonNullable<FileStamp> => ({
	ino: info.ino,
	size: info.size,
	mtimeMs: info.mtimeMs,
	ctimeMs: info.ctimeMs,
});

/** The file's stamp now; null when there is no file. */
export const stampOf = async (file: string): Promise<FileStamp> => {
	try {
		return stampFrom(await stat(file));
	} catch {
		return null;
	}
};

/**
 * Whether the file's content is as it was: the same inode, size and modification time. (Not its
 * change time: a backup's hard link changes that without touching the content, and every other
 * console would load the whole file again for nothing.)
 */
export const sameStamp = (a: FileStamp, b: FileStamp): boolean =>
	a === b || (a !== null && b !== null && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs);

/** Whether the file is byte for byte as stamped, change time included: an edit that puts the modification time back still shows. */
export const sameStampExactly = (a: FileStamp, b: FileStamp): boolean => sameStamp(a, b) && a?.ctimeMs === b?.ctimeMs;

/**
 * `crm.json.checked`: the stamp of the data file as this program last wrote or fully checked it.
 * While the file still has that stamp, loading it skips checking each record again; any other
 * change to it (an edit by hand, another tool, a restore) changes the stamp, and the next load checks
 * every record. A lost or damaged stamp file only means one full check.
 *
 * It also says whether the file's change log vouches for roles (`roles`): a console opened on the
 * first records of a large file reads the log last, and acting under another name is judged by the
 * roles in force, which may be in the log alone (the settings file's removed by hand). Not known
 * (a stamp written before this was noted): undefined.
 */
export const checkedAs = async (file: string, info: StampFields): Promise<{roles: boolean | undefined} | null> => {
	try {
		const read = await readRegularFile(checkedPathFor(file), 4096);
		if (read === null) return null;
		const stamp = JSON.parse(read.bytes.toString('utf8')) as FileStamp & {roles?: unknown};
		if (!sameStampExactly(stamp, stampFrom(info))) return null;
		return {roles: typeof stamp?.roles === 'boolean' ? stamp.roles : undefined};
	} catch {
		return null;
	}
};

export const isChecked = async (file: string, info: StampFields): Promise<boolean> =>
	(await checkedAs(file, info)) !== null;

/**
 * Notes `stamp` as the data file's, checked: the next load of this very file need not check its records again.
 * `roles`: whether its change log vouches for roles (undefined: not known).
 */
export const markChecked = async (file: string, stamp: FileStamp, roles: boolean | undefined): Promise<void> => {
	if (stamp === null) return;
	// Never through a link planted under its name.
	await open(
		checkedPathFor(file),
		constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
		0o600,
	)
		.then(async (handle) => {
			try {
				await settleMode(handle, null, await modesIn(dirname(file)));
				await handle.writeFile(`${JSON.stringify({...stamp, roles})}\n`);
			} finally {
				await handle.close();
			}
		})
		.catch(() => undefined);
};
