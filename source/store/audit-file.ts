import {rolesConfigured, sameAccess, vouchedAccess} from '../domain/access.js';
import {type AuditResult, verifyAudit} from '../domain/audit-verify.js';
import {currentSchemaVersion, type Dataset, type StoredEntity, storedEntities} from '../domain/dataset.js';
import {recordLabel} from '../domain/record-label.js';
import {recordDigest, Seals, sealOf} from '../domain/record-seal.js';
import type {Settings} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import {DataFileError} from './data-file-error.js';
import {loweredVersion, parseJsonText} from './dataset-codec.js';
import {entityNoun} from './entity-words.js';
import {changeLogWith, type JournalLine, journalPathFor, linesAfter, readJournal, replayJournal} from './journal.js';
import {UnreadableFileError} from './regular-file.js';
import {isKeyRefusal, readDataText} from './sealed/set-sealing.js';
import {loadSettings, settingsPathFor} from './settings-file.js';

/** Where the settings are, as messages name them, and how to read them (the settings file's, or a database's row). */
export type SettingsSource = {where: string; load: () => Promise<Settings>};

export type FileAudit = AuditResult & {
	/** The roles in the settings file are not those the log vouches for (changed there by hand), in words; or null. */
	roles: string | null;
};

/**
 * The audit of a data file as it is on disk — the raw JSON (before any validation could drop a
 * field), its journal's pending saves and its settings file: the chain, the records against the
 * state it vouches for, and the roles in the settings file against the roles it vouches for.
 * Shared by `crm audit verify` and `crm doctor`.
 */
export const auditFile = async (
	file: string,
	raw: Record<string, unknown>,
	journal: readonly JournalLine[],
	settings: SettingsSource = {where: settingsPathFor(file), load: () => loadSettings(file)},
): Promise<FileAudit> => {
	const pending = linesAfter(journal, raw['journalSeq']);
	const {changes, head} = changeLogWith(raw as {changes?: unknown; auditHead?: {count: number; hash: string}}, pending);
	// The records as the console opens them: the file's lists with the journal's saves applied (seals too, on a copy).
	const lists = Object.fromEntries(
		storedEntities.map((entity) => [entity, Array.isArray(raw[entity]) ? raw[entity] : []]),
	) as Record<StoredEntity, unknown[]>;
	const seals = raw['seals'] === undefined ? undefined : Seals.fromJson(raw['seals']);
	const replayed =
		pending.length > 0
			? replayJournal(
					{
						...(lists as unknown as Dataset),
						changes: [],
						seals,
						journalSeq: raw['journalSeq'] as number | undefined,
						schemaVersion: 0,
					},
					pending,
				)
			: undefined;
	const forged = forgedJournalRecords(file, pending, journal.length - pending.length + 1);
	const verified = verifyAudit({
		schemaVersion: typeof raw['schemaVersion'] === 'number' ? raw['schemaVersion'] : 0,
		lists: replayed ?? lists,
		seals: replayed?.seals ?? seals,
		changes,
		head,
	});
	const entries = changes.filter(
		(
			entry,
		): entry is {entity: string; changes: Array<{field: string; after?: unknown}>; operator: string; at: string} =>
			entry !== null && typeof entry === 'object' && Array.isArray((entry as {changes?: unknown}).changes),
	);
	const vouched = vouchedAccess(entries);
	let roles: string | null = null;
	if (vouched) {
		const found = await settings.load().then(
			(settings) => settings.access,
			() => null,
		);
		if (found === null || !sameAccess(found, vouched.access)) {
			const words = {file: settings.where, by: vouched.by, at: vouched.at.slice(0, 16).replace('T', ' ')};
			roles =
				found && rolesConfigured(found) ? t('store.roles.outsideChanged', words) : t('store.roles.outsideGone', words);
		}
	}
	const result = {...verified, problems: [...forged, ...verified.problems]};
	return {...result, ok: result.ok && forged.length === 0 && roles === null, roles};
};

/**
 * Records in journal lines that are not as their save wrote them: each must match its own seal
 * and the seal its change-log entry vouches for. (A record a later line replaced leaves no trace in
 * the data as it opens, but its line was forged all the same.)
 */
const forgedJournalRecords = (file: string, lines: readonly JournalLine[], firstLineNumber: number): string[] => {
	const problems: string[] = [];
	lines.forEach((line, index) => {
		const vouched = new Map(line.changes.map((entry) => [`${entry.entity}:${entry.recordId}`, entry.recordHash]));
		for (const {entity, id, record, seal} of line.records) {
			if (record === null || seal === undefined) continue;
			const actual = sealOf(recordDigest(entity, record));
			if (actual !== seal || (vouched.has(`${entity}:${id}`) && vouched.get(`${entity}:${id}`) !== actual)) {
				const label = recordLabel(entity, record);
				const words = {line: firstLineNumber + index, journal: journalPathFor(file), noun: entityNoun(entity), id};
				problems.push(
					label ? t('store.audit.forgedLineLabeled', {...words, label}) : t('store.audit.forgedLine', words),
				);
			}
		}
	});
	return problems;
};

/** A data file as `crm audit verify` reads it: the raw JSON, its schema version, its journal, and its change log with the journal's. */
export type FileForAudit = {
	raw: Record<string, unknown>;
	version: number;
	/** Set when the file says it is of an older version than its log shows (a downgrade that would skip checks): in words. */
	lowered: string | null;
	journal: JournalLine[];
	changes: unknown[];
};

/**
 * Reads a data file for its audit, without validating its records (a check must see a field that
 * validation would drop). Refuses, with a DataFileError naming the file, one that cannot be read,
 * holds no data file, or is of a newer schema than this crm-console knows.
 */
export const readFileForAudit = async (file: string): Promise<FileForAudit> => {
	let text: string;
	try {
		const read = await readDataText(file);
		if (!read) throw new DataFileError(file, t('store.file.notExist'), t('store.file.checkPath'));
		text = read.text;
	} catch (error) {
		if (error instanceof DataFileError || isKeyRefusal(error)) throw error;
		throw new DataFileError(
			file,
			error instanceof UnreadableFileError
				? error.problem
				: t('store.file.couldNotRead', {reason: (error as Error).message}),
			t('store.file.checkPath'),
		);
	}
	const raw = parseJsonText(file, text) as Record<string, unknown> | null;
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !Array.isArray(raw['changes'] ?? []))
		throw new DataFileError(file, t('store.audit.notDataFile'), t('store.file.doctorSaysMore'));
	const version = raw['schemaVersion'];
	if (typeof version !== 'number')
		throw new DataFileError(
			file,
			version === undefined
				? t('store.audit.versionMissing')
				: t('store.audit.versionNotNumber', {version: JSON.stringify(version)}),
			t('store.file.doctorSaysMore'),
		);
	if (version > currentSchemaVersion)
		throw new DataFileError(file, t('store.audit.newer', {version}), t('store.audit.upgrade'));
	const lowered = loweredVersion(raw);
	if (lowered) return {raw, version, lowered, journal: [], changes: []};
	// Saves journaled since the file was last rewritten continue its log.
	const journal = (await readJournal(file)).lines;
	const {changes} = changeLogWith(raw, linesAfter(journal, raw['journalSeq']));
	return {raw, version, lowered: null, journal, changes};
};
