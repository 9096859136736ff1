import {stat} from 'node:fs/promises';
import {describeEntry} from '../domain/audit-chain.js';
import {chainProblems, recordsBoundFrom} from '../domain/audit-verify.js';
import {currentSchemaVersion, type Dataset, storedEntities} from '../domain/dataset.js';
import {entityCount} from '../domain/entity-count.js';
import {t} from '../i18n/i18n.js';
import {auditFile, type SettingsSource} from './audit-file.js';
import {listBackups} from './backups.js';
import {DataFileError} from './data-file-error.js';
import {describeProblem, loweredVersion, parseJsonText, readRecords} from './dataset-codec.js';
import {type Finding, listed} from './finding.js';
import {changeLogWith, type JournalLine, type JournalTail, linesAfter, readJournal, replayJournal} from './journal.js';
import {brokenReferences} from './record-references.js';
import {UnreadableFileError} from './regular-file.js';
import {encryptionFinding} from './sealed/encryption-finding.js';
import {isKeyRefusal, readDataText} from './sealed/set-sealing.js';

/**
 * `crm doctor`: reads the data file without changing it and checks, in turn, that it is JSON,
 * its schema version, every record, ids used twice, references between records, the audit chain,
 * and what backups there are.
 */
export const checkDataFile = async (file: string): Promise<Finding[]> => {
	const findings: Finding[] = [];
	const text = await fileFinding(file, findings);
	// Said even when the file does not open: which key each file is under needs no key.
	findings.push(await encryptionFinding(file));
	if (text === null) return findings;
	const raw = jsonFinding(file, text, findings);
	if (raw === null) return findings;
	const version = raw['schemaVersion'];
	findings.push(schemaFinding(version));
	let checked: ReturnType<typeof readRecords>;
	try {
		checked = readRecords(file, raw);
	} catch (error) {
		findings.push({
			area: 'Records', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: false,
			summary:
				error instanceof DataFileError
					? error.problem
					: t('store.check.couldNotCheck', {reason: (error as Error).message}),
			details: [],
		});
		return findings;
	}
	// Saves journaled since the file was last rewritten: their records were checked as they were read.
	const journal = await journalOf(file, findings);
	const pending = linesAfter(journal?.lines ?? [], raw['journalSeq']);
	findings.push(...recordFindings(checked, raw, pending));
	if (journal) findings.push(journalFinding(journal, pending));
	findings.push(...(await auditFindings(file, raw, version, pending, journal?.lines ?? [])));
	const lock = await lockFinding(file);
	if (lock) findings.push(lock);
	findings.push(await backupsFinding(file));
	return findings;
};

/** The file's size and mode, and its text; null (with the finding why) when it cannot be read. */
const fileFinding = async (file: string, findings: Finding[]): Promise<string | null> => {
	try {
		const read = await readDataText(file);
		if (!read) throw Object.assign(new Error('missing'), {code: 'ENOENT'});
		const {info} = read;
		findings.push({
			area: 'File', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: true,
			summary: t((info.mode & 0o077) !== 0 ? 'store.check.fileModeOpen' : 'store.check.fileMode', {
				size: t('store.count.bytes', {count: info.size}),
				mode: (info.mode & 0o777).toString(8),
			}),
			details: [],
		});
		return read.text;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const summary =
			error instanceof UnreadableFileError
				? error.problem.replace(/^it /, '')
				: isKeyRefusal(error)
					? error.message
					: code === 'ENOENT'
						? t('store.check.fileMissing')
						: t('store.check.fileUnreadable', {reason: code ?? (error as Error).message});
		// i18n-exempt: an area's id (doctor says it by areaName)
		findings.push({area: 'File', ok: false, summary, details: []});
		return null;
	}
};

/** The JSON object the text holds; null (with the finding why) when it holds none. */
const jsonFinding = (file: string, text: string, findings: Finding[]): Record<string, unknown> | null => {
	try {
		const raw = parseJsonText(file, text);
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
			throw new DataFileError(file, t('store.check.noJsonObject'));
		// i18n-exempt: an area's id (doctor says it by areaName)
		findings.push({area: 'JSON', ok: true, summary: t('store.check.jsonValid'), details: []});
		return raw as Record<string, unknown>;
	} catch (error) {
		findings.push({
			area: 'JSON', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: false,
			summary: (error as DataFileError).problem ?? (error as Error).message,
			details: [],
		});
		return null;
	}
};

const schemaFinding = (version: unknown): Finding => {
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
		return {
			area: 'Schema', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: false,
			summary: version === undefined ? t('store.check.noVersion') : t('store.check.notVersion'),
			details: [],
		};
	if (version > currentSchemaVersion)
		return {
			area: 'Schema', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: false,
			summary: t('store.check.newer', {version, current: currentSchemaVersion}),
			details: [],
		};
	return {
		area: 'Schema', // i18n-exempt: an area's id (doctor says it by areaName)
		ok: true,
		summary:
			version === currentSchemaVersion
				? t('store.check.current', {version})
				: t('store.check.migrated', {version, current: currentSchemaVersion}),
		details: [],
	};
};

/** The journal beside the file; undefined (with the finding why) when a line of it cannot be read. */
const journalOf = async (file: string, findings: Finding[]): Promise<JournalTail | undefined> => {
	try {
		return await readJournal(file);
	} catch (error) {
		findings.push({
			area: 'Journal', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: false,
			summary: (error as DataFileError).message.split('\n')[0]!,
			details: [t('store.check.journalAdvice')],
		});
		return undefined;
	}
};

/** Records, ids and references: counted as the console opens them (the file's, with the journal's saves applied). */
export const recordFindings = (
	{dataset, problems}: ReturnType<typeof readRecords>,
	raw: Record<string, unknown>,
	pending: readonly JournalLine[],
): Finding[] => {
	const valid = {
		...dataset,
		...Object.fromEntries(storedEntities.map((entity) => [entity, (dataset[entity] as unknown[]).filter(Boolean)])),
	} as Dataset;
	const opened = replayJournal(valid, pending);
	const listedCounts = storedEntities
		.map((entity) => entityCount(entity, opened[entity].length))
		.join(t('store.check.separator'));
	const counts =
		pending.length > 0
			? t('store.check.withJournal', {counts: listedCounts, saves: t('store.count.saves', {count: pending.length})})
			: listedCounts;
	const duplicates = problems.filter((problem) => problem.duplicate);
	const invalid = problems.filter((problem) => !duplicates.includes(problem));
	const references = brokenReferences(dataset, raw);
	return [
		{
			area: 'Records', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: invalid.length === 0,
			summary:
				invalid.length === 0
					? t('store.check.allValid', {counts})
					: t('store.check.invalid', {records: t('store.count.records', {count: invalid.length}), counts}),
			details: listed(invalid.map(describeProblem)),
		},
		{
			area: 'Ids', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: duplicates.length === 0,
			summary:
				duplicates.length === 0
					? t('store.check.noTwice')
					: t('store.check.usedTwice', {ids: t('store.count.ids', {count: duplicates.length})}),
			details: listed(duplicates.map(describeProblem)),
		},
		{
			area: 'References', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: true,
			warning: references.length > 0,
			summary:
				references.length === 0
					? t('store.check.refsExist')
					: t('store.check.orphans', {records: t('store.count.records', {count: references.length})}),
			details: listed(references),
		},
	];
};

const journalFinding = (journal: JournalTail, pending: readonly JournalLine[]): Finding => {
	const words = {
		saves: t('store.count.saves', {count: pending.length}),
		bytes: t('store.count.bytes', {count: journal.bytes}),
		torn: t('store.count.bytes', {count: journal.torn}),
	};
	return {
		area: 'Journal', // i18n-exempt: an area's id (doctor says it by areaName)
		ok: true,
		warning: journal.torn > 0,
		summary:
			journal.size === 0
				? t('store.check.journalNone')
				: journal.torn > 0
					? t('store.check.journalTorn', words)
					: t('store.check.journalPending', words),
		details: [],
	};
};

/** The audit chain and the roles, when the file has a chain to check. */
export const auditFindings = async (
	file: string,
	raw: Record<string, unknown>,
	version: unknown,
	pending: readonly JournalLine[],
	journal: readonly JournalLine[],
	settings?: SettingsSource,
): Promise<Finding[]> => {
	const {changes} = changeLogWith(raw as {changes?: unknown; auditHead?: {count: number; hash: string}}, pending);
	const lowered = loweredVersion(raw);
	if (typeof version === 'number' && version > currentSchemaVersion)
		// i18n-exempt: an area's id (doctor says it by areaName)
		return [{area: 'Audit chain', ok: true, summary: t('store.check.auditNotChecked'), details: []}];
	// i18n-exempt: an area's id (doctor says it by areaName)
	if (lowered) return [{area: 'Audit chain', ok: false, summary: lowered, details: []}];
	const hashed = changes.some((entry) => entry !== null && typeof entry === 'object' && 'hash' in entry);
	if (typeof version !== 'number' || (version < 2 && !hashed))
		return [
			{
				area: 'Audit chain', // i18n-exempt: an area's id (doctor says it by areaName)
				ok: true,
				summary: t('store.check.auditStarted', {entries: t('store.count.entries', {count: changes.length})}),
				details: [],
			},
		];
	const audit = await auditFile(file, raw, journal, settings);
	const entries = t('store.count.entries', {count: audit.count});
	const problems = chainProblems(audit);
	const chain: Finding =
		problems.length === 0
			? {
					area: 'Audit chain', // i18n-exempt: an area's id (doctor says it by areaName)
					ok: true,
					summary:
						version >= recordsBoundFrom
							? t('store.check.auditIntact', {entries})
							: t('store.check.auditIntactUnsealed', {entries}),
					details: [],
				}
			: {
					area: 'Audit chain', // i18n-exempt: an area's id (doctor says it by areaName)
					ok: false,
					summary: audit.chainBreak
						? t('store.check.auditBrokenAt', {entry: describeEntry(audit.chainBreak.index, audit.chainBreak.entry)})
						: t('store.check.auditBroken', {problems: t('store.count.problems', {count: problems.length})}),
					details: problems,
				};
	const roles: Finding = {
		area: 'Roles', // i18n-exempt: an area's id (doctor says it by areaName)
		ok: !audit.roles,
		summary: audit.roles ? t('store.check.rolesOutside') : t('store.check.rolesInForce'),
		details: audit.roles ? [audit.roles] : [],
	};
	return [chain, roles];
};

/** A lock folder: a save under way, or left by a process that stopped (the next save takes it over once stale). */
const lockFinding = async (file: string): Promise<Finding | null> => {
	try {
		const lock = await stat(`${file}.lock`);
		const age = Date.now() - lock.mtimeMs;
		return {
			area: 'Lock', // i18n-exempt: an area's id (doctor says it by areaName)
			ok: true,
			warning: age > 3000,
			summary: age > 3000 ? t('store.check.lockStale', {seconds: Math.round(age / 1000)}) : t('store.check.lockHeld'),
			details: [],
		};
	} catch {
		// No lock: nothing is being saved.
		return null;
	}
};

const backupsFinding = async (file: string): Promise<Finding> => {
	const backups = await listBackups(file);
	return {
		area: 'Backups', // i18n-exempt: an area's id (doctor says it by areaName)
		ok: true,
		summary:
			backups.length === 0
				? t('store.check.backupsNone')
				: t('store.check.backupsSome', {
						number: backups.length,
						at: backups[0]!.at.toISOString().slice(0, 19).replace('T', ' '),
					}),
		details: [],
	};
};
