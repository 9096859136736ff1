import {stat} from 'node:fs/promises';
import {describeEntry} from '../domain/audit-chain.js';
import {auditProblems, recordsBoundFrom} from '../domain/audit-verify.js';
import {
	type AnyStoredRecord,
	currentSchemaVersion,
	type Dataset,
	entitySingular,
	type StoredEntity,
	storedEntities,
} from '../domain/dataset.js';
import {plural} from '../domain/words.js';
import {auditFile} from './audit-file.js';
import {listBackups} from './backups.js';
import {DataFileError} from './data-file-error.js';
import {describeProblem, loweredVersion, parseJsonText, readRecords} from './dataset-codec.js';
import {readDataText} from './file-bytes.js';
import {changeLogWith, type JournalLine, type JournalTail, linesAfter, readJournal, replayJournal} from './journal.js';
import {UnreadableFileError} from './regular-file.js';

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

type Reference = {entity: StoredEntity; field: string; target: StoredEntity; verb: string};

/**
 * Every reference between records (KPI.md `orphan_records`): the customer of a deal, ticket,
 * feedback, order or activity; the campaign that acquired a customer or deal; an order's customer
 * and deal; the ticket a feedback answers or a follow-up is about; an audience member's campaign and customer.
 */
export const recordReferences: readonly Reference[] = [
	{entity: 'opportunities', field: 'customerId', target: 'customers', verb: 'names'},
	{entity: 'tickets', field: 'customerId', target: 'customers', verb: 'names'},
	{entity: 'feedback', field: 'customerId', target: 'customers', verb: 'names'},
	{entity: 'orders', field: 'customerId', target: 'customers', verb: 'names'},
	{entity: 'activities', field: 'customerId', target: 'customers', verb: 'names'},
	{entity: 'customers', field: 'campaignId', target: 'campaigns', verb: 'was acquired by'},
	{entity: 'opportunities', field: 'campaignId', target: 'campaigns', verb: 'was acquired by'},
	{entity: 'orders', field: 'opportunityId', target: 'opportunities', verb: 'follows'},
	{entity: 'feedback', field: 'ticketId', target: 'tickets', verb: 'answers'},
	{entity: 'activities', field: 'ticketId', target: 'tickets', verb: 'follows up'},
	{entity: 'audiences', field: 'campaignId', target: 'campaigns', verb: 'is in the audience of'},
	{entity: 'audiences', field: 'customerId', target: 'customers', verb: 'names'},
];

/** Records that name a record the file does not hold (orphans: a customer deleted, or a hand edit). */
const brokenReferences = (dataset: Dataset, raw: Record<string, unknown>): string[] => {
	const ids = new Map(storedEntities.map((entity) => [entity, idsIn(raw[entity])]));
	const problems: string[] = [];
	for (const {entity, field, target, verb} of recordReferences) {
		// Records with a problem of their own are reported under Records; here only the valid ones.
		for (const record of (dataset[entity] as Array<AnyStoredRecord | undefined>).filter(
			(entry) => entry !== undefined,
		)) {
			const named = (record as unknown as Record<string, unknown>)[field];
			if (typeof named === 'string' && named !== '' && !ids.get(target)!.has(named))
				problems.push(
					`${entitySingular[entity]} ${record.id} ${verb} ${entitySingular[target]} ${named}, which is not in the file`,
				);
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
	const text = await fileFinding(file, findings);
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
			area: 'Records',
			ok: false,
			summary: error instanceof DataFileError ? error.problem : `could not be checked (${(error as Error).message})`,
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
			area: 'File',
			ok: true,
			summary: `${plural(info.size, 'byte')}, mode ${(info.mode & 0o777).toString(8)}${(info.mode & 0o077) !== 0 ? ' (others may read it: chmod 600 keeps customer data private)' : ''}`,
			details: [],
		});
		return read.text;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const summary =
			error instanceof UnreadableFileError
				? error.problem.replace(/^it /, '')
				: code === 'ENOENT'
					? 'does not exist (check --data or CRM_DATA)'
					: `cannot be read (${code ?? (error as Error).message})`;
		findings.push({area: 'File', ok: false, summary, details: []});
		return null;
	}
};

/** The JSON object the text holds; null (with the finding why) when it holds none. */
const jsonFinding = (file: string, text: string, findings: Finding[]): Record<string, unknown> | null => {
	try {
		const raw = parseJsonText(file, text);
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
			throw new DataFileError(file, 'it holds no JSON object');
		findings.push({area: 'JSON', ok: true, summary: 'valid', details: []});
		return raw as Record<string, unknown>;
	} catch (error) {
		findings.push({
			area: 'JSON',
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
			area: 'Schema',
			ok: false,
			summary:
				version === undefined
					? 'no schemaVersion: the file does not say which version it is'
					: 'schemaVersion is not a version number (see Records)',
			details: [],
		};
	if (version > currentSchemaVersion)
		return {
			area: 'Schema',
			ok: false,
			summary: `version ${version} is newer than this crm-console reads (${currentSchemaVersion}): upgrade it`,
			details: [],
		};
	return {
		area: 'Schema',
		ok: true,
		summary:
			version === currentSchemaVersion
				? `version ${version} (current)`
				: `version ${version}: migrated to ${currentSchemaVersion} on the next save, after a backup`,
		details: [],
	};
};

/** The journal beside the file; undefined (with the finding why) when a line of it cannot be read. */
const journalOf = async (file: string, findings: Finding[]): Promise<JournalTail | undefined> => {
	try {
		return await readJournal(file);
	} catch (error) {
		findings.push({
			area: 'Journal',
			ok: false,
			summary: (error as DataFileError).message.split('\n')[0]!,
			details: [
				'The data file opens once the line is mended or the journal moved away (the saves in it are then lost).',
			],
		});
		return undefined;
	}
};

/** Records, ids and references: counted as the console opens them (the file's, with the journal's saves applied). */
const recordFindings = (
	{dataset, problems}: ReturnType<typeof readRecords>,
	raw: Record<string, unknown>,
	pending: readonly JournalLine[],
): Finding[] => {
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
	const references = brokenReferences(dataset, raw);
	return [
		{
			area: 'Records',
			ok: invalid.length === 0,
			summary:
				invalid.length === 0
					? `${counts}: all valid`
					: `${plural(invalid.length, 'record')} with a problem (${counts})`,
			details: listed(invalid.map(describeProblem)),
		},
		{
			area: 'Ids',
			ok: duplicates.length === 0,
			summary: duplicates.length === 0 ? 'no id is used twice' : `${plural(duplicates.length, 'id')} used twice`,
			details: listed(duplicates.map(describeProblem)),
		},
		{
			area: 'References',
			ok: true,
			warning: references.length > 0,
			summary:
				references.length === 0
					? 'every customer, deal, ticket and campaign named exists (the customers of deals, tickets, feedback, orders, activities and audience members; the campaigns of customers, deals and audience members; the deals of orders; the tickets of feedback and follow-ups)'
					: `${plural(references.length, 'record')} name a customer, deal, ticket or campaign that is not there (orphans, as after deleting a customer; the Orphan records KPI counts those of deals, tickets, feedback, orders and activities, as KPI.md defines it)`,
			details: listed(references),
		},
	];
};

const journalFinding = (journal: JournalTail, pending: readonly JournalLine[]): Finding => {
	const torn =
		journal.torn > 0
			? `; its last ${plural(journal.torn, 'byte')} are a save cut off by a stopped process (never acknowledged), removed by the next save`
			: '';
	return {
		area: 'Journal',
		ok: true,
		warning: journal.torn > 0,
		summary:
			journal.size === 0
				? 'none: every save is in the file'
				: `${plural(pending.length, 'save')} (${plural(journal.bytes, 'byte')}) not yet folded into the file${torn}`,
		details: [],
	};
};

/** The audit chain and the roles, when the file has a chain to check. */
const auditFindings = async (
	file: string,
	raw: Record<string, unknown>,
	version: unknown,
	pending: readonly JournalLine[],
	journal: readonly JournalLine[],
): Promise<Finding[]> => {
	const {changes} = changeLogWith(raw as {changes?: unknown; auditHead?: {count: number; hash: string}}, pending);
	const lowered = loweredVersion(raw);
	if (typeof version === 'number' && version > currentSchemaVersion)
		return [{area: 'Audit chain', ok: true, summary: 'not checked: the file is from a newer crm-console', details: []}];
	if (lowered) return [{area: 'Audit chain', ok: false, summary: lowered, details: []}];
	const hashed = changes.some((entry) => entry !== null && typeof entry === 'object' && 'hash' in entry);
	if (typeof version !== 'number' || (version < 2 && !hashed))
		return [
			{
				area: 'Audit chain',
				ok: true,
				summary: `started on the next save (${plural(changes.length, 'entry')} so far)`,
				details: [],
			},
		];
	const audit = await auditFile(file, raw, journal);
	const bound =
		version >= recordsBoundFrom
			? ', and every record is as the last one left it'
			: '; its records are sealed on the next save';
	const problems = auditProblems(audit).map((problem) =>
		problem.replace(/^Audit chain broken:? /, '').replace('\n', ' '),
	);
	const chain: Finding =
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
				};
	const roles: Finding = audit.roles
		? {area: 'Roles', ok: false, summary: 'the settings file’s roles were changed outside crm', details: [audit.roles]}
		: {area: 'Roles', ok: true, summary: 'as last set with crm access (or none set)', details: []};
	return [chain, roles];
};

/** A lock folder: a save under way, or left by a process that stopped (the next save takes it over once stale). */
const lockFinding = async (file: string): Promise<Finding | null> => {
	try {
		const lock = await stat(`${file}.lock`);
		const age = Date.now() - lock.mtimeMs;
		return {
			area: 'Lock',
			ok: true,
			warning: age > 3000,
			summary:
				age > 3000
					? `left by a process that stopped ${Math.round(age / 1000)} s ago: the next save takes it over`
					: 'held: a save is under way',
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
		area: 'Backups',
		ok: true,
		summary:
			backups.length === 0
				? 'none yet (one is kept before each rewrite of the file: every save of a small file, each fold of a large one)'
				: `${backups.length} (newest ${backups[0]!.at.toISOString().slice(0, 19).replace('T', ' ')}); crm doctor --restore lists them`,
		details: [],
	};
};
