import {mkdir, rename, stat} from 'node:fs/promises';
import {basename, join} from 'node:path';
import {mayChangeSettings, roleOf} from '../domain/access.js';
import {describeEntry} from '../domain/audit-chain.js';
import {auditProblems, recordsBoundFrom} from '../domain/audit-verify.js';
import {
	type AnyStoredRecord,
	currentSchemaVersion,
	type Dataset,
	entitySingular,
	storedEntities,
} from '../domain/dataset.js';
import {plural, pluralOf} from '../domain/words.js';
import {auditFile} from './audit-file.js';
import {type Backup, backupFolderFor, keepBackup, listBackups, makeBackupFolder} from './backups.js';
import {DataFileError} from './data-file-error.js';
import {describeProblem, loweredVersion, parseDataset, parseJsonText, readRecords} from './dataset-codec.js';
import {writeFileDurably} from './durable-json-file.js';
import {changeLogWith, type JournalTail, journalPathFor, linesAfter, readJournal, replayJournal} from './journal.js';
import {MutationError} from './mutation-error.js';
import {maxDataFileBytes, readRegularFile, UnreadableFileError, utf8Text} from './regular-file.js';

/** A backup's text: a regular file in UTF-8, like the data file it was. */
const readBackup = async (path: string): Promise<string> => {
	try {
		const read = await readRegularFile(path, maxDataFileBytes);
		if (!read) throw new DataFileError(path, 'it no longer exists');
		return utf8Text(path, read.bytes);
	} catch (error) {
		if (error instanceof UnreadableFileError) throw new DataFileError(path, error.problem);
		throw error;
	}
};

import {withFileLock} from './file-lock.js';
import {loadSettings} from './settings-file.js';
import {CrmStore} from './store.js';

/**
 * One area of the check: fine, worth knowing (orphaned records: the console allows deleting a
 * customer who has deals), or wrong (the file will not load as it is); a handful named, the rest counted.
 */
export type Finding = {area: string; ok: boolean; summary: string; details: string[]; warning?: boolean};

const listed = (items: string[], shown = 8): string[] =>
	items.length > shown ? [...items.slice(0, shown), `… and ${items.length - shown} more`] : items;

/** The ids a list of the file holds, valid records or not (an invalid customer is still there). */
const idsIn = (records: unknown): Set<string> =>
	new Set(
		(Array.isArray(records) ? records : [])
			.map((record) => (record !== null && typeof record === 'object' ? (record as {id?: unknown}).id : undefined))
			.filter((id): id is string => typeof id === 'string'),
	);

/** Records that name a customer or ticket the file does not hold (orphans: a customer deleted, or a hand edit). */
const brokenReferences = (dataset: Dataset, raw: Record<string, unknown>): string[] => {
	const customers = idsIn(raw['customers']);
	const tickets = idsIn(raw['tickets']);
	const problems: string[] = [];
	for (const entity of ['opportunities', 'tickets', 'feedback', 'activities'] as const) {
		// Records with a problem of their own are reported under Records; here only the valid ones.
		for (const record of (
			dataset[entity] as Array<(AnyStoredRecord & {customerId?: string; ticketId?: string | null}) | undefined>
		).filter((entry) => entry !== undefined)) {
			if (record.customerId && !customers.has(record.customerId))
				problems.push(
					`${entitySingular[entity]} ${record.id} names customer ${record.customerId}, which is not in the file`,
				);
			if (entity === 'feedback' && record.ticketId && !tickets.has(record.ticketId))
				problems.push(`feedback ${record.id} answers ticket ${record.ticketId}, which is not in the file`);
		}
	}
	return problems;
};

/**
 * `crm doctor`: reads the data file without changing it and checks, in turn, that it is JSON,
 * its schema version, every record, ids used twice, references between records, the audit chain,
 * and what backups there are.
 */
export const checkDataFile = async (file: string): Promise<Finding[]> => {
	const findings: Finding[] = [];
	let text: string;
	try {
		const read = await readRegularFile(file, maxDataFileBytes);
		if (!read) throw Object.assign(new Error('missing'), {code: 'ENOENT'});
		const {info} = read;
		text = utf8Text(file, read.bytes);
		findings.push({
			area: 'File',
			ok: true,
			summary: `${plural(info.size, 'byte')}, mode ${(info.mode & 0o777).toString(8)}${(info.mode & 0o077) !== 0 ? ' (others may read it: chmod 600 keeps customer data private)' : ''}`,
			details: [],
		});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const summary =
			error instanceof UnreadableFileError
				? error.problem.replace(/^it /, '')
				: code === 'ENOENT'
					? 'does not exist (check --data or CRM_DATA)'
					: `cannot be read (${code ?? (error as Error).message})`;
		findings.push({area: 'File', ok: false, summary, details: []});
		return findings;
	}
	let raw: unknown;
	try {
		raw = parseJsonText(file, text);
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
			throw new DataFileError(file, 'it holds no JSON object');
		findings.push({area: 'JSON', ok: true, summary: 'valid', details: []});
	} catch (error) {
		findings.push({
			area: 'JSON',
			ok: false,
			summary: (error as DataFileError).problem ?? (error as Error).message,
			details: [],
		});
		return findings;
	}
	const version = (raw as {schemaVersion?: unknown}).schemaVersion;
	findings.push(
		typeof version !== 'number' || !Number.isInteger(version) || version < 1
			? {
					area: 'Schema',
					ok: false,
					summary:
						version === undefined
							? 'no schemaVersion: the file does not say which version it is'
							: 'schemaVersion is not a version number (see Records)',
					details: [],
				}
			: version > currentSchemaVersion
				? {
						area: 'Schema',
						ok: false,
						summary: `version ${version} is newer than this crm-console reads (${currentSchemaVersion}): upgrade it`,
						details: [],
					}
				: {
						area: 'Schema',
						ok: true,
						summary:
							version === currentSchemaVersion
								? `version ${version} (current)`
								: `version ${version}: migrated to ${currentSchemaVersion} on the next save, after a backup`,
						details: [],
					},
	);
	let checked: ReturnType<typeof readRecords>;
	try {
		checked = readRecords(file, raw);
	} catch (error) {
		findings.push({
			area: 'Records',
			ok: false,
			summary: error instanceof DataFileError ? error.problem : `could not be checked (${(error as Error).message})`,
			details: [],
		});
		return findings;
	}
	const {dataset, problems} = checked;
	// Saves journaled since the file was last rewritten: their records were checked as they were read.
	let journal: JournalTail | undefined;
	try {
		journal = await readJournal(file);
	} catch (error) {
		findings.push({
			area: 'Journal',
			ok: false,
			summary: (error as DataFileError).message.split('\n')[0]!,
			details: [
				'The data file opens once the line is mended or the journal moved away (the saves in it are then lost).',
			],
		});
	}
	const pending = linesAfter(journal?.lines ?? [], (raw as {journalSeq?: unknown}).journalSeq);
	// The counts are of the records as the console opens them: the file's, with the journal's saves applied.
	const valid = {
		...dataset,
		...Object.fromEntries(storedEntities.map((entity) => [entity, (dataset[entity] as unknown[]).filter(Boolean)])),
	} as Dataset;
	const opened = replayJournal(valid, pending);
	const counts =
		storedEntities.map((entity) => plural(opened[entity].length, entitySingular[entity])).join(', ') +
		(pending.length > 0 ? `, with the ${plural(pending.length, 'save')} in the journal` : '');
	const duplicates = problems.filter((problem) => problem.field === 'id' && problem.message.startsWith('repeats'));
	const invalid = problems.filter((problem) => !duplicates.includes(problem));
	findings.push({
		area: 'Records',
		ok: invalid.length === 0,
		summary:
			invalid.length === 0 ? `${counts}: all valid` : `${plural(invalid.length, 'record')} with a problem (${counts})`,
		details: listed(invalid.map(describeProblem)),
	});
	findings.push({
		area: 'Ids',
		ok: duplicates.length === 0,
		summary: duplicates.length === 0 ? 'no id is used twice' : `${plural(duplicates.length, 'id')} used twice`,
		details: listed(duplicates.map(describeProblem)),
	});
	const references = brokenReferences(dataset, raw as Record<string, unknown>);
	findings.push({
		area: 'References',
		ok: true,
		warning: references.length > 0,
		summary:
			references.length === 0
				? 'every customer and ticket named exists'
				: `${plural(references.length, 'record')} name a customer or ticket that is not there (orphans, as after deleting a customer: the Orphan records KPI counts them)`,
		details: listed(references),
	});
	if (journal) {
		const torn =
			journal.torn > 0
				? `; its last ${plural(journal.torn, 'byte')} are a save cut off by a stopped process (never acknowledged), removed by the next save`
				: '';
		findings.push({
			area: 'Journal',
			ok: true,
			warning: journal.torn > 0,
			summary:
				journal.size === 0
					? 'none: every save is in the file'
					: `${plural(pending.length, 'save')} (${plural(journal.bytes, 'byte')}) not yet folded into the file${torn}`,
			details: [],
		});
	}
	const {changes} = changeLogWith(raw as {changes?: unknown; auditHead?: {count: number; hash: string}}, pending);
	const lowered = loweredVersion(raw);
	if (typeof version === 'number' && version > currentSchemaVersion)
		findings.push({
			area: 'Audit chain',
			ok: true,
			summary: 'not checked: the file is from a newer crm-console',
			details: [],
		});
	else if (lowered) findings.push({area: 'Audit chain', ok: false, summary: lowered, details: []});
	else if (
		typeof version === 'number' &&
		(version >= 2 || changes.some((entry) => entry !== null && typeof entry === 'object' && 'hash' in entry))
	) {
		const audit = await auditFile(file, raw as Record<string, unknown>, journal?.lines ?? []);
		const bound =
			version >= recordsBoundFrom
				? ', and every record is as the last one left it'
				: '; its records are sealed on the next save';
		const problems = auditProblems(audit).map((problem) =>
			problem.replace(/^Audit chain broken:? /, '').replace('\n', ' '),
		);
		findings.push(
			problems.length === 0
				? {
						area: 'Audit chain',
						ok: true,
						summary: `intact: ${plural(audit.count, 'entry')}, each vouching for those before${bound}`,
						details: [],
					}
				: {
						area: 'Audit chain',
						ok: false,
						summary: audit.chainBreak
							? `broken at ${describeEntry(audit.chainBreak.index, audit.chainBreak.entry)}`
							: `broken: ${plural(problems.length, 'problem')}`,
						details: problems,
					},
		);
		findings.push(
			audit.roles
				? {
						area: 'Roles',
						ok: false,
						summary: 'the settings file’s roles were changed outside crm',
						details: [audit.roles],
					}
				: {area: 'Roles', ok: true, summary: 'as last set with crm access (or none set)', details: []},
		);
	} else
		findings.push({
			area: 'Audit chain',
			ok: true,
			summary: `started on the next save (${plural(changes.length, 'entry')} so far)`,
			details: [],
		});
	// A lock folder: a save under way, or left by a process that stopped (the next save takes it over once stale).
	try {
		const lock = await stat(`${file}.lock`);
		const age = Date.now() - lock.mtimeMs;
		findings.push({
			area: 'Lock',
			ok: true,
			warning: age > 3000,
			summary:
				age > 3000
					? `left by a process that stopped ${Math.round(age / 1000)} s ago: the next save takes it over`
					: 'held: a save is under way',
			details: [],
		});
	} catch {
		// No lock: nothing is being saved.
	}
	const backups = await listBackups(file);
	findings.push({
		area: 'Backups',
		ok: true,
		summary:
			backups.length === 0
				? 'none yet (one is kept before each rewrite of the file: every save of a small file, each fold of a large one)'
				: `${backups.length} (newest ${backups[0]!.at.toISOString().slice(0, 19).replace('T', ' ')}); crm doctor --restore lists them`,
		details: [],
	});
	return findings;
};

/** A backup, and whether it would load: the counts of what it holds, or why not. */
export const describeBackups = async (file: string): Promise<Array<Backup & {holds: string}>> =>
	Promise.all(
		(await listBackups(file)).map(async (backup) => {
			try {
				const data = parseDataset(backup.path, await readBackup(backup.path));
				return {
					...backup,
					holds: `${plural(data.customers.length, 'customer')}, ${plural(data.opportunities.length, 'deal')}, ${plural(data.tickets.length, 'ticket')}, ${plural(data.changes.length, 'change')}`,
				};
			} catch (error) {
				return {...backup, holds: `does not load: ${(error as DataFileError).problem ?? (error as Error).message}`};
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
	const current = await CrmStore.open(file, Date.now, {readonly: true}).catch(() => null);
	const role = current ? current.roleOf(operator) : roleOf((await loadSettings(file)).access, operator);
	if (!mayChangeSettings(role))
		throw new MutationError(`${operator} (${role}) may not restore a backup: that is for an admin.`);
	const text = await readBackup(backup.path);
	parseDataset(backup.path, text);
	return replaceWholeFile(file, text, 'before-restore', now);
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
): Promise<{kept: string | null}> => {
	const settings = await loadSettings(file);
	return withFileLock(file, async (lock) => {
		const current = await CrmStore.open(file).catch(() => null);
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
		await writeFileDurably(file, text, lock.verify);
		return {kept};
	});
};
