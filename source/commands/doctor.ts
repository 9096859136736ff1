import {describeBackups, restoreBackup} from '../store/backup-restore.js';
import {checkDataFile} from '../store/file-check.js';
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

/** `crm doctor`: the check in words, one area per line, problems listed under it. Resolves to the text and whether all was well. */
export const runDoctor = async (file: string): Promise<{text: string; healthy: boolean}> => {
	const findings = await checkDataFile(file);
	const width = Math.max(...findings.map((finding) => finding.area.length));
	const lines = [`crm doctor: ${file}`];
	for (const finding of findings) {
		lines.push(
			`  ${!finding.ok ? 'BAD ' : finding.warning ? 'note' : 'ok  '}  ${finding.area.padEnd(width)}  ${finding.summary}`,
		);
		for (const detail of finding.details) lines.push(`${' '.repeat(width + 10)}- ${detail}`);
	}
	const bad = findings.filter((finding) => !finding.ok);
	const notes = findings.filter((finding) => finding.ok && finding.warning).length;
	// The remedy that fits: roles edited by hand are put right by an admin's crm access set, not by a restore.
	const remedy = bad.every((finding) => finding.area === 'Roles')
		? 'an admin puts the roles right with `crm access set NAME ROLE` (`crm access` lists those in force)'
		: '`crm doctor --restore` lists the backups';
	lines.push(
		bad.length === 0
			? notes === 0
				? 'All well: the file loads and every check passed.'
				: 'The file loads; the notes above are worth a look.'
			: `${bad.length === 1 ? '1 area needs' : `${bad.length} areas need`} attention. The file was not changed; ${remedy}.`,
	);
	return {text: `${lines.join('\n')}\n`, healthy: bad.length === 0};
};

/** `crm doctor --restore [N|name]`: without a choice, the backups numbered; with one, it is put back (the current file kept first). */
export const runRestore = async (file: string, choice: string | true, operator: string): Promise<string> => {
	const backups = await describeBackups(file);
	if (backups.length === 0)
		throw new DoctorRefusedError(
			`${file} has no backups yet: one is kept before each rewrite of the file (every save of a small file, each fold of a large one's journal).`,
		);
	if (choice === true) {
		const lines = [`Backups of ${file}, newest first:`];
		for (const [index, backup] of backups.entries()) {
			const at = backup.at.toISOString().slice(0, 19).replace('T', ' ');
			const kept = backup.rolling ? '' : ' (kept)';
			lines.push(
				`  ${String(index + 1).padStart(3)}  ${at}  ${size(backup.bytes).padStart(9)}  ${backup.name}${kept}  ${backup.holds}`,
			);
		}
		lines.push('Restore one with `crm doctor --restore N` (or its name); the file as it is now is kept first.');
		return `${lines.join('\n')}\n`;
	}
	const backup = /^\d+$/.test(choice)
		? backups[Number(choice) - 1]
		: backups.find((entry) => entry.name === choice || entry.name === `${choice}.json`);
	if (!backup)
		throw new DoctorRefusedError(
			`There is no backup “${choice}”: \`crm doctor --restore\` lists them (1 is the newest).`,
			exitCodes.usage,
		);
	if (backup.holds.startsWith('does not load'))
		throw new DoctorRefusedError(`Backup ${backup.name} ${backup.holds}; choose another.`);
	const {kept} = await restoreBackup(file, backup, operator);
	return `Restored ${backup.name} (${backup.holds}) as ${file}.${kept ? ` The file as it was is kept as ${kept}.` : ''}\n`;
};
