import {t} from '../i18n/i18n.js';
import {describeEntry, verifyChain} from './audit-chain.js';
import {entitySingular, type StoredEntity, storedEntities} from './dataset.js';
import {addDigest, recordDigest, Seals, sealOf, stateText} from './record-seal.js';

/** The first schema version whose audit chain binds the records (see record-seal.ts). */
export const recordsBoundFrom = 3;

export type AuditInput = {
	schemaVersion: number;
	/** The records as they are in the file, its journal applied (raw JSON, before any validation). */
	lists: Partial<Record<StoredEntity, readonly unknown[]>>;
	seals: unknown;
	/** The change log as it is in the file, continued by its journal. */
	changes: readonly unknown[];
	head: unknown;
};

export type AuditResult = {
	ok: boolean;
	/** The first entry whose hash does not follow from those before it, and why; null when every link holds. */
	chainBreak: {index: number; entry: Record<string, unknown>; reason: string} | null;
	/** Every other problem in a sentence: the head, a record (named), the state. */
	problems: string[];
	count: number;
	/** The head to keep elsewhere: the number of entries and the last hash; and the state of the records. */
	lastHash: string;
	state: string | null;
};

const listed = (items: string[], shown = 8): string[] =>
	items.length > shown ? [...items.slice(0, shown), t('domain.audit.andMore', {count: items.length - shown})] : items;

/** A record whose seal does not vouch for it: none, another record's state, or a seal without its record. */
type SealProblem = {record: string; kind: 'unsealed' | 'changed' | 'missing'};

/** A seal problem in words; `forged`: the records still match the log, so it is the seal that was edited. */
const sealWords = ({record, kind}: SealProblem, forged = false): string => {
	switch (kind) {
		case 'unsealed':
			return forged ? t('domain.audit.noSealForged', {record}) : t('domain.audit.noSeal', {record});
		case 'changed':
			return forged ? t('domain.audit.changedForged', {record}) : t('domain.audit.changed', {record});
		case 'missing':
			return forged ? t('domain.audit.missingForged', {record}) : t('domain.audit.missing', {record});
	}
};

const recordName = (entity: StoredEntity, id: string, record?: unknown): string => {
	const fields = (record ?? {}) as Record<string, unknown>;
	const label = [fields['name'], fields['title'], fields['subject'], fields['comment'], fields['text']].find(
		(value) => typeof value === 'string' && value !== '',
	) as string | undefined;
	return `${entitySingular[entity]} ${id}${label ? ` “${label.length > 40 ? `${label.slice(0, 39)}…` : label}”` : ''}`;
};

/**
 * Checks the whole audit trail of a data file: every entry's hash follows from the one before
 * (an entry edited, removed, inserted or moved breaks it), the head matches the log's end, and —
 * from schema version 3 — the records are exactly the state the log's last entry vouches for.
 * A record edited, added or removed outside crm is named by its seal; when the seals were forged
 * too, by the last entry that changed it; when nothing can name it, the mismatch is still told.
 */
export const verifyAudit = (input: AuditInput): AuditResult => {
	const head = (input.head !== null && typeof input.head === 'object' ? input.head : undefined) as
		| {count: number; hash: string; state?: unknown}
		| undefined;
	const chain = verifyChain(
		input.changes,
		head && typeof head.count === 'number' && typeof head.hash === 'string'
			? {count: head.count, hash: head.hash}
			: undefined,
	);
	const problems: string[] = [];
	const chainBreak = chain.ok ? null : {index: chain.index, entry: chain.entry, reason: chain.reason};
	const lastHash = chain.ok ? chain.lastHash : '';
	if (input.schemaVersion < recordsBoundFrom)
		return {ok: chain.ok, chainBreak, problems, count: input.changes.length, lastHash, state: null};

	const records = storedEntities.reduce((total, entity) => total + (input.lists[entity]?.length ?? 0), 0);
	const headState = typeof head?.state === 'string' ? head.state : null;
	problems.push(...headProblems(head, headState, records, input.changes.length));

	// The state the log's last entry vouches for (entries made before version 3 carry none).
	const entries = input.changes.map((entry) =>
		entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {},
	);
	const last = entries.at(-1);
	const lastState = typeof last?.['state'] === 'string' ? (last['state'] as string) : null;
	if (lastState !== null && headState !== null && lastState !== headState)
		problems.push(t('domain.audit.headOtherState', {entry: describeEntry(entries.length - 1, last!)}));

	const seals = input.seals instanceof Seals ? input.seals : Seals.fromJson(input.seals);
	const {actual, sealProblems, digests} = recordStates(input.lists, seals);
	const vouched = lastState ?? headState;
	if (vouched !== null && actual !== vouched) {
		// Without a seal to blame, the seals were forged along with the records: the log names them.
		problems.push(
			...(sealProblems.length > 0
				? listed(sealProblems.map((problem) => sealWords(problem)))
				: forgedRecords(entries, digests)),
		);
	} else if (sealProblems.length > 0) problems.push(...listed(sealProblems.map((problem) => sealWords(problem, true))));
	return {
		ok: chain.ok && problems.length === 0,
		chainBreak,
		problems,
		count: input.changes.length,
		lastHash,
		state: actual,
	};
};

/** What is wrong with the audit head itself: gone while there are records or entries, or without its state. */
const headProblems = (
	head: object | undefined,
	headState: string | null,
	records: number,
	entries: number,
): string[] => {
	if (!head) return records > 0 || entries > 0 ? [t('domain.audit.noHead')] : [];
	return headState === null ? [t('domain.audit.headNoState')] : [];
};

/** Every record's digest: the state as it is, and each record against its seal. */
const recordStates = (
	lists: AuditInput['lists'],
	seals: Seals,
): {actual: string; sealProblems: SealProblem[]; digests: Map<string, string>} => {
	let state = 0n;
	const sealProblems: SealProblem[] = [];
	const digests = new Map<string, string>();
	for (const entity of storedEntities) {
		const sealed = seals.all(entity);
		const seen = new Set<string>();
		for (const record of lists[entity] ?? []) {
			const digest = recordDigest(entity, record);
			state = addDigest(state, digest);
			const id = String((record as {id?: unknown} | null)?.id ?? '?');
			seen.add(id);
			digests.set(`${entity}:${id}`, sealOf(digest));
			const seal = sealed.get(id);
			if (seal === undefined) sealProblems.push({record: recordName(entity, id, record), kind: 'unsealed'});
			else if (seal !== sealOf(digest)) sealProblems.push({record: recordName(entity, id, record), kind: 'changed'});
		}
		for (const id of sealed.keys())
			if (!seen.has(id)) sealProblems.push({record: recordName(entity, id), kind: 'missing'});
	}
	return {actual: stateText(state), sealProblems, digests};
};

/** The records whose digest is not what the log's own record of their last change says, or one line when none can be named. */
const forgedRecords = (
	entries: ReadonlyArray<Record<string, unknown>>,
	digests: ReadonlyMap<string, string>,
): string[] => {
	const latest = new Map<string, {hash: unknown; index: number}>();
	for (const [index, entry] of entries.entries())
		if ('recordHash' in entry)
			latest.set(`${String(entry['entity'])}:${String(entry['recordId'])}`, {hash: entry['recordHash'], index});
	const named: string[] = [];
	for (const [key, {hash, index}] of latest) {
		const now = digests.get(key) ?? null;
		if (now !== hash) {
			const [entity, id] = key.split(':') as [StoredEntity, string];
			named.push(
				t('domain.audit.notAsLeft', {record: recordName(entity, id), entry: describeEntry(index, entries[index]!)}),
			);
		}
	}
	return named.length > 0 ? listed(named) : [t('domain.audit.unnamed')];
};

type AuditOutcome = Pick<AuditResult, 'chainBreak' | 'problems' | 'count'>;

/** Where the chain breaks, as the catalog's sentences take it. */
const breakValues = (chainBreak: NonNullable<AuditResult['chainBreak']>, count: number) => ({
	entry: describeEntry(chainBreak.index, chainBreak.entry),
	count,
	reason: chainBreak.reason,
});

/** The problems of an audit, a paragraph each, as `crm audit verify` and the console say them ("Audit chain broken: …"). */
export const auditProblems = (audit: AuditOutcome): string[] => [
	...(audit.chainBreak ? [t('domain.audit.brokenAt', breakValues(audit.chainBreak, audit.count))] : []),
	...audit.problems.map((problem) => t('domain.audit.broken', {problem})),
];

/**
 * The same problems without the words "audit chain broken", one line each: for a caller that says
 * those once itself (the doctor's "Audit chain" line), in any language.
 */
export const chainProblems = (audit: AuditOutcome): string[] => [
	...(audit.chainBreak ? [t('domain.audit.breakAt', breakValues(audit.chainBreak, audit.count))] : []),
	...audit.problems,
];
