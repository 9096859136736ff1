import type {FileHandle} from 'node:fs/promises';
import {chmod, chown, mkdir, stat} from 'node:fs/promises';
import {dirname} from 'node:path';

/**
 * Who may read the files crm writes. Customer data is personal data: a file crm creates is its
 * owner's alone (0600) — unless the data lives in a folder shared by a group, as a team on one
 * machine keeps it: a folder owned by the team's group, group-writable, with the setgid bit (files
 * made in it take its group: `chgrp team /srv/crm && chmod 2770 /srv/crm`). There crm's files are
 * the group's (0660, its folders 2770), so that every member can open and save the data. A file
 * crm replaces keeps the mode and group it had, whoever saves it, so a save never locks the rest
 * of the group out.
 */
export type Modes = {
	file: number;
	folder: number;
	/** Run as root in someone else's folder (a cron job, an admin's repair): files crm makes there are that user's, not root's, or the owner is locked out. */
	owner?: {uid: number; gid: number};
};

const own: Modes = {file: 0o600, folder: 0o700};
const group: Modes = {file: 0o660, folder: 0o2770};

/** Whether a folder is shared by a group: group-writable, with the setgid bit. */
const isShared = (mode: number): boolean => (mode & 0o2000) !== 0 && (mode & 0o020) !== 0;

/** The modes for files and folders crm creates in `folder`. */
export const modesIn = async (folder: string): Promise<Modes> => {
	try {
		const info = await stat(folder);
		const modes = isShared(info.mode) ? group : own;
		return process.geteuid?.() === 0 && info.uid !== 0 ? {...modes, owner: {uid: info.uid, gid: info.gid}} : modes;
	} catch {
		return own;
	}
};

/**
 * Gives a file just created (through `handle`) the mode it should have: that of the file it is
 * about to replace (and its group, where this user is a member of it), or the folder's default.
 * Set explicitly, so the process's umask does not take the group's access away.
 */
export const settleMode = async (
	handle: FileHandle,
	replacing: {mode: number; uid: number; gid: number} | null,
	folderModes: Modes,
): Promise<void> => {
	await handle.chmod(replacing ? replacing.mode & 0o7777 : folderModes.file);
	const made = await handle.stat();
	// Root keeps the file its owner's (no one else may give a file away); anyone keeps its group where a member of it.
	const owner =
		process.geteuid?.() === 0 ? (replacing ? {uid: replacing.uid, gid: replacing.gid} : folderModes.owner) : undefined;
	if (owner && (owner.uid !== made.uid || owner.gid !== made.gid))
		await handle.chown(owner.uid, owner.gid).catch(() => undefined);
	else if (replacing && replacing.gid !== made.gid) await handle.chown(-1, replacing.gid).catch(() => undefined);
};

/**
 * Makes a folder of crm's beside the data (its backups, its operators' files), if missing: its owner's
 * alone, or in a group's shared folder the group's, so every member of the team can write in it.
 */
export const makeFolderBeside = async (folder: string): Promise<void> => {
	const {folder: mode, owner} = await modesIn(dirname(folder));
	const made = await mkdir(folder, {recursive: true, mode: mode & 0o777});
	if (made !== undefined) {
		await chmod(folder, mode);
		if (owner) await chown(folder, owner.uid, owner.gid).catch(() => undefined);
	}
};
