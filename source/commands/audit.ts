import {auditProblems, recordsBoundFrom} from '../domain/audit-verify.js';
import {t} from '../i18n/i18n.js';
import {auditFile, readFileForAudit} from '../store/audit-file.js';
import {isDatabaseUrl, shownUrl} from '../store/database-url.js';

/** A worded refusal of `crm audit verify` (an argument that is not what it should be): exit 2, nothing read. */
export class AuditRefusedError extends Error {
	readonly exitCode = 2;
}

/** A head kept elsewhere, as `crm audit verify` prints it: the number of entries and the last hash. */
const parseHead = (text: string): {count: number; hash: string} | null => {
	const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
	return match ? {count: Number(match[1]), hash: match[2]!} : null;
};

/**
 * `crm audit verify`: the audit trail of a data file — the chain of its change log (an edited,
 * removed, inserted or moved entry), its head, the records against the state the log vouches for
 * (a record edited, added or removed outside crm, named), and the roles in its settings file.
 * With `head` (a head kept elsewhere, `COUNT:HASH`), also that the log still continues it: a log
 * cut back and rewritten consistently shows only so.
 */
export const runAuditVerify = async (
	file: string,
	options: {head?: string} = {},
): Promise<{text: string; intact: boolean}> => {
	const kept = options.head === undefined ? undefined : parseHead(options.head);
	if (kept === null) throw new AuditRefusedError(t('store.audit.badHead', {head: String(options.head)}));
	// A database is read in the shape of a data file's JSON (and named without its password).
	const database = isDatabaseUrl(file)
		? await (await import('../store/postgres/pg-audit.js')).readDatabaseForAudit(file)
		: null;
	const read = database ?? (await readFileForAudit(file));
	if (database) file = shownUrl(file);
	if (read.lowered) return {text: `${t('store.audit.lowered', {file, problem: read.lowered})}\n`, intact: false};
	const {raw, version, journal, changes} = read;
	const hashed = changes.some((entry) => entry !== null && typeof entry === 'object' && 'hash' in entry);
	if (version < 2 && !hashed)
		return {
			text: `${t('store.audit.unchained', {file, version})}\n`,
			intact: true,
		};
	const audit = await auditFile(file, raw, journal, database?.settings);
	const lines = auditProblems(audit);
	if (kept) {
		const entry = changes[kept.count - 1] as {hash?: unknown} | undefined;
		if (kept.count > changes.length) lines.push(t('store.audit.headLonger', {kept: kept.count, count: changes.length}));
		else if (kept.count > 0 && entry?.hash !== kept.hash)
			lines.push(t('store.audit.headRewritten', {kept: kept.count}));
	}
	if (audit.roles) lines.push(t('store.audit.rolesChanged', {roles: audit.roles}));
	if (lines.length > 0) return {text: `${lines.join('\n')}\n`, intact: false};
	const intact =
		version >= recordsBoundFrom
			? t('store.audit.intact', {count: audit.count, file})
			: t('store.audit.intactUnsealed', {count: audit.count, file});
	const head = `${audit.count}:${audit.lastHash || '0'.repeat(64)}`;
	const said = [
		kept ? `${intact} ${t('store.audit.continues')}` : intact,
		t('store.audit.head', {head}),
		database ? t('store.audit.keepHeadDatabase', {head}) : t('store.audit.keepHead', {head}),
	];
	return {text: `${said.join('\n')}\n`, intact: true};
};
