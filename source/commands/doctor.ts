import stringWidth from 'string-width';
import {t} from '../i18n/i18n.js';
import {describeBackups, restoreBackup} from '../store/backup-restore.js';
import {isDatabaseUrl, shownUrl} from '../store/database-url.js';
import {checkDataFile} from '../store/file-check.js';
import {areaName, type Finding} from '../store/finding.js';
import {exitCodes} from './exit-codes.js';

/** A worded refusal of `crm doctor --restore`, nothing changed: exit 1 (nothing to restore), 2 for a backup that is not there. */
export class DoctorRefusedError extends Error {
	constructor(
		message: string,
		readonly exitCode: 1 | 2 = exitCodes.refused,
	) {
		super(message);
	}
}

const size = (bytes: number): string =>
	bytes < 1_048_576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;

/** `text` padded with spaces to `width` terminal cells (a Chinese character takes two). */
const padCells = (text: string, width: number): string =>
	`${text}${' '.repeat(Math.max(0, width - stringWidth(text)))}`;

/** How a finding stands, in a mark of four cells: `BAD `, `note`, `ok  `. */
const mark = (finding: Finding): string =>
	padCells(!finding.ok ? t('store.doctor.bad') : finding.warning ? t('store.doctor.note') : t('store.doctor.ok'), 4);

/** `crm doctor`: the check in words, one area per line, problems listed under it. Resolves to the text and whether all was well. */
export const runDoctor = async (path: string): Promise<{text: string; healthy: boolean}> => {
	// A database is checked as a data file is, and named without its password.
	const database = isDatabaseUrl(path);
	const file = database ? shownUrl(path) : path;
	const findings = database
		? await (await import('../store/postgres/pg-check.js')).checkDatabase(path, file)
		: await checkDataFile(file);
	const width = Math.max(...findings.map((finding) => stringWidth(areaName(finding.area))));
	const lines: string[] = [t('store.doctor.title', {file})];
	for (const finding of findings) {
		lines.push(`  ${mark(finding)}  ${padCells(areaName(finding.area), width)}  ${finding.summary}`);
		for (const detail of finding.details) lines.push(`${' '.repeat(width + 10)}- ${detail}`);
	}
	const bad = findings.filter((finding) => !finding.ok);
	const notes = findings.filter((finding) => finding.ok && finding.warning).length;
	// The remedy that fits: roles edited by hand are put right by an admin's crm access set, not by a restore.
	const remedy = bad.every((finding) => finding.area === 'Roles')
		? t('store.doctor.rolesRemedy')
		: database
			? t('store.doctor.databaseRemedy')
			: t('store.doctor.restoreRemedy');
	const attention = database
		? t('store.doctor.databaseAttention', {count: bad.length, remedy})
		: t('store.doctor.attention', {count: bad.length, remedy});
	const well = database
		? notes === 0
			? t('store.doctor.databaseAllWell')
			: t('store.doctor.databaseNotes')
		: notes === 0
			? t('store.doctor.allWell')
			: t('store.doctor.notes');
	lines.push(bad.length === 0 ? well : attention);
	return {text: `${lines.join('\n')}\n`, healthy: bad.length === 0};
};

/** `crm doctor --restore [N|name]`: without a choice, the backups numbered; with one, it is put back (the current file kept first). */
export const runRestore = async (file: string, choice: string | true, operator: string): Promise<string> => {
	if (isDatabaseUrl(file)) throw new DoctorRefusedError(t('store.doctor.databaseRestore', {url: shownUrl(file)}));
	const backups = await describeBackups(file);
	if (backups.length === 0) throw new DoctorRefusedError(t('store.doctor.noBackups', {file}));
	if (choice === true) {
		const lines: string[] = [t('store.doctor.backupsOf', {file})];
		for (const [index, backup] of backups.entries()) {
			const at = backup.at.toISOString().slice(0, 19).replace('T', ' ');
			const kept = backup.rolling ? '' : ` ${t('store.doctor.kept')}`;
			lines.push(
				`  ${String(index + 1).padStart(3)}  ${at}  ${size(backup.bytes).padStart(9)}  ${backup.name}${kept}  ${backup.holds}`,
			);
		}
		lines.push(t('store.doctor.restoreHow'));
		return `${lines.join('\n')}\n`;
	}
	const backup = /^\d+$/.test(choice)
		? backups[Number(choice) - 1]
		: backups.find((entry) => entry.name === choice || entry.name === `${choice}.json`);
	if (!backup) throw new DoctorRefusedError(t('store.doctor.noSuchBackup', {choice}), exitCodes.usage);
	if (!backup.loads)
		throw new DoctorRefusedError(t('store.doctor.backupBroken', {name: backup.name, holds: backup.holds}));
	const {kept} = await restoreBackup(file, backup, operator);
	const words = {name: backup.name, holds: backup.holds, file};
	return `${kept ? t('store.doctor.restoredKept', {...words, kept}) : t('store.doctor.restored', words)}\n`;
};
