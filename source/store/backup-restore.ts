import {rename} from 'node:fs/promises';
import {basename, join} from 'node:path';
import {mayChangeSettings, roleOf} from '../domain/access.js';
import {entityCount} from '../domain/entity-count.js';
import {t} from '../i18n/i18n.js';
import {type Backup, backupFolderFor, keepBackup, listBackups, makeBackupFolder} from './backups.js';
import {DataFileError} from './data-file-error.js';
import {parseDataset} from './dataset-codec.js';
import {writeFileDurably} from './durable-json-file.js';
import {withFileLock} from './file-lock.js';
import {journalPathFor} from './journal.js';
import {JsonFileStore} from './json-file-store.js';
import {MutationError} from './mutation-error.js';
import {UnreadableFileError} from './regular-file.js';
import {SealError} from './sealed/seal-error.js';
import type {MasterKey} from './sealed/seal-keys.js';
import {bytesUnder, readDataText, setKeyOf} from './sealed/set-sealing.js';
import {loadSettings} from './settings-file.js';

/** A backup's text and the key it is sealed under (null: plain): a regular file, like the data file it was. */
const readBackup = async (path: string): Promise<{text: string; key: MasterKey | null}> => {
	try {
		const read = await readDataText(path);
		if (!read) throw new DataFileError(path, t('store.doctor.gone'));
		return read;
	} catch (error) {
		if (error instanceof UnreadableFileError) throw new DataFileError(path, error.problem);
		throw error;
	}
};

/** A backup, and whether it would load: the counts of what it holds, or why not. */
export const describeBackups = async (file: string): Promise<Array<Backup & {holds: string; loads: boolean}>> =>
	Promise.all(
		(await listBackups(file)).map(async (backup) => {
			try {
				const data = parseDataset(backup.path, (await readBackup(backup.path)).text);
				return {
					...backup,
					loads: true,
					holds: t('store.doctor.holds', {
						customers: entityCount('customers', data.customers.length),
						deals: t('store.count.deals', {count: data.opportunities.length}),
						tickets: entityCount('tickets', data.tickets.length),
						changes: t('store.count.changes', {count: data.changes.length}),
					}),
				};
			} catch (error) {
				const problem = (error as DataFileError).problem ?? (error as Error).message;
				return {...backup, loads: false, holds: t('store.doctor.noLoad', {problem})};
			}
		}),
	);

/**
 * Puts a backup back as the data file, under the lock: the backup must load, and the file as it
 * is now is kept first (as `…-before-restore`), so a restore can itself be undone.
 */
export const restoreBackup = async (
	file: string,
	backup: Backup,
	operator: string,
	now = Date.now(),
): Promise<{kept: string | null}> => {
	// Putting a backup back undoes everyone's later work: an admin's decision, like the roles (those the log vouches for; the settings file's where the file does not load).
	const current = await JsonFileStore.open(file, Date.now, {readonly: true}).catch(() => null);
	const role = current ? current.roleOf(operator) : roleOf((await loadSettings(file)).access, operator);
	if (!mayChangeSettings(role)) throw new MutationError(t('store.access.mayNotRestore', {operator, role}));
	const {text, key} = await readBackup(backup.path);
	parseDataset(backup.path, text);
	return replaceWholeFile(file, text, 'before-restore', now, key);
};

/**
 * The key a file replaced whole is sealed under: the file's own (an encrypted set stays encrypted,
 * and its key must be at hand), else `fallback` (the backup's) when it is plain, missing, or too
 * damaged for its header to say.
 */
const keyForReplacing = async (file: string, fallback: MasterKey | null): Promise<MasterKey | null> => {
	try {
		return (await setKeyOf(file)) ?? fallback;
	} catch (error) {
		if (error instanceof SealError && error.code !== 'key_needed' && error.code !== 'wrong_key') return fallback;
		throw error;
	}
};

/**
 * Replaces the data file whole (a restore, `crm seed --force`), under the lock, losing nothing:
 * saves still in the journal are folded into the file first, so the copy kept before it (named
 * `…-<label>`, never pruned) holds them; a journal that cannot be folded (the file does not load)
 * is kept beside the backups, as it belongs to the file being replaced.
 */
export const replaceWholeFile = async (
	file: string,
	text: string,
	label: string,
	now = Date.now(),
	fallbackKey: MasterKey | null = null,
): Promise<{kept: string | null}> => {
	const settings = await loadSettings(file);
	const key = await keyForReplacing(file, fallbackKey);
	return withFileLock(file, async (lock) => {
		const current = await JsonFileStore.open(file).catch(() => null);
		if (current && current.journalSize.bytes > 0) await current.save();
		await makeBackupFolder(file);
		await rename(
			journalPathFor(file),
			join(
				backupFolderFor(file),
				`${basename(journalPathFor(file))}.${new Date(now).toISOString().replace(/[:.]/g, '-')}-${label}`,
			),
		).catch((error: NodeJS.ErrnoException) => {
			if (error.code !== 'ENOENT') throw error;
		});
		const kept = await keepBackup(file, settings.backups, now, label);
		await writeFileDurably(file, text, lock.verify, bytesUnder(key));
		return {kept};
	});
};
