import {auditProblems, recordsBoundFrom} from '../domain/audit-verify.js';
import {auditFile, readFileForAudit} from '../store/audit-file.js';

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
	if (kept === null)
		throw new AuditRefusedError(
			`--head ${options.head} is not a head as crm audit verify prints it (COUNT:HASH, the hash 64 hexadecimal digits): copy it exactly as it was printed.`,
		);
	const read = await readFileForAudit(file);
	if (read.lowered) return {text: `Audit chain broken: ${file} ${read.lowered}.\n`, intact: false};
	const {raw, version, journal, changes} = read;
	const hashed = changes.some((entry) => entry !== null && typeof entry === 'object' && 'hash' in entry);
	if (version < 2 && !hashed)
		return {
			text: `${file} has schemaVersion ${version}: its change log gets its hash chain when crm next saves it.\n`,
			intact: true,
		};
	const audit = await auditFile(file, raw, journal);
	const lines = auditProblems(audit);
	if (kept) {
		const entry = changes[kept.count - 1] as {hash?: unknown} | undefined;
		if (kept.count > changes.length)
			lines.push(
				`Audit chain broken: the head kept elsewhere (${kept.count} entries) is longer than the log (${changes.length}): entries were removed from its end.`,
			);
		else if (kept.count > 0 && entry?.hash !== kept.hash)
			lines.push(
				`Audit chain broken: the log does not continue the head kept elsewhere: its entry ${kept.count} has another hash, so the log was rewritten from there or before.`,
			);
	}
	if (audit.roles) lines.push(`Roles changed outside crm: ${audit.roles}`);
	if (lines.length > 0) return {text: `${lines.join('\n')}\n`, intact: false};
	const records =
		version >= recordsBoundFrom
			? `, and every record is as the log’s last entry left it`
			: ` (its records are sealed when crm next saves it)`;
	const head = `${audit.count}:${audit.lastHash || '0'.repeat(64)}`;
	return {
		text: `Audit chain intact: ${audit.count} entr${audit.count === 1 ? 'y' : 'ies'} in ${file}, each vouching for those before${records}.${kept ? ' The log continues the head kept elsewhere.' : ''}\nHead: ${head}\nKeep the head somewhere this file's editors cannot write (another machine, a mail, a ticket): a forger who rewrites the whole chain is caught only by \`crm audit verify --head ${head}\`.\n`,
		intact: true,
	};
};
