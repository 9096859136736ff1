import {createHash} from 'node:crypto';
import {t} from '../i18n/i18n.js';
import type {ChangeEntry} from './change-log.js';

/**
 * Whether JSON.stringify already writes `value` canonically: plain objects (no toJSON, no class)
 * whose keys come in order at every level, and nothing JSON.stringify would leave out where
 * `canonical` writes null. A walk that allocates nothing; entries made in key order (the store's)
 * then cost one native JSON.stringify, half the time of the loop below.
 */
const inCanonicalOrder = (value: unknown): boolean => {
	if (value === null) return true;
	const type = typeof value;
	if (type !== 'object') return type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined';
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length; index++) if (!inCanonicalOrder(value[index])) return false;
		return true;
	}
	const prototype: unknown = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return false;
	let previous: string | undefined;
	for (const key in value) {
		// Strictly ascending as the default sort orders them (UTF-16 code units); integer-like keys,
		// which objects list first in numeric order, fail this when they are not also in text order.
		if (previous !== undefined && !(previous < key)) return false;
		previous = key;
		if (!inCanonicalOrder((value as Record<string, unknown>)[key])) return false;
	}
	return true;
};

/**
 * JSON with keys in order at every level: the same entry always hashes the same, however it was
 * written. (A loop rather than entries/filter/sort/map: every save of an import runs it over
 * hundreds of thousands of entries and records, and the garbage those make costs more than the hash.)
 */
export const canonical = (value: unknown, omitKey?: string): string => {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (omitKey === undefined && inCanonicalOrder(value)) return JSON.stringify(value);
	if (Array.isArray(value)) {
		let text = '[';
		for (let index = 0; index < value.length; index++) {
			const item: unknown = value[index];
			text += `${index > 0 ? ',' : ''}${item === undefined ? 'null' : canonical(item)}`;
		}
		return `${text}]`;
	}
	const object = value as Record<string, unknown>;
	// The default sort orders by UTF-16 code units, as a < b does.
	const keys = Object.keys(object).sort();
	let text = '{';
	let first = true;
	for (const key of keys) {
		const item = object[key];
		if (item === undefined || key === omitKey) continue;
		text += `${first ? '' : ','}${JSON.stringify(key)}:${canonical(item)}`;
		first = false;
	}
	return `${text}}`;
};

/**
 * The hash of one change-log entry: SHA-256 over the previous entry's hash and this entry's content
 * (everything but its own hash). Each entry so vouches for all before it: editing, removing,
 * inserting or reordering any entry breaks every link from there on.
 */
export const entryHash = (previousHash: string, entry: Record<string, unknown>): string => {
	return createHash('sha256')
		.update(`${previousHash}\n${canonical(entry, 'hash')}`)
		.digest('hex');
};

/** Gives new entries their hashes, continuing the chain after `previousHash` (empty for the first entry). */
export const chainEntries = (previousHash: string, entries: ChangeEntry[]): ChangeEntry[] => {
	let previous = previousHash;
	return entries.map((entry) => {
		const hash = entryHash(previous, entry as unknown as Record<string, unknown>);
		previous = hash;
		return {...entry, hash};
	});
};

/** The log's head as the file records it on each save. */
export const headOf = (changes: readonly ChangeEntry[]): {count: number; hash: string} => ({
	count: changes.length,
	hash: changes.at(-1)?.hash ?? '',
});

export type ChainCheck =
	| {ok: true; count: number; lastHash: string}
	| {ok: false; count: number; index: number; entry: Record<string, unknown>; reason: string};

/**
 * Walks the log as it is in the file (raw JSON, before any validation could drop a field) and
 * reports the first entry whose hash does not follow from the one before it and its own content.
 */
export const verifyChain = (changes: readonly unknown[], head?: {count: number; hash: string}): ChainCheck => {
	let previous = '';
	for (const [index, raw] of changes.entries()) {
		const entry = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
		const stored = entry['hash'];
		if (typeof stored !== 'string')
			return {
				ok: false,
				count: changes.length,
				index,
				entry,
				reason: t('domain.audit.noHash'),
			};
		if (entryHash(previous, entry) !== stored) {
			return {
				ok: false,
				count: changes.length,
				index,
				entry,
				reason: t('domain.audit.hashMismatch'),
			};
		}
		previous = stored;
	}
	// Every link holds, but a log cut short holds too: the head recorded at the last save says how long it was.
	if (head && (head.count !== changes.length || head.hash !== previous)) {
		const index = Math.min(head.count, changes.length) - 1;
		const entry = (changes[Math.max(0, index)] ?? {}) as Record<string, unknown>;
		return {
			ok: false,
			count: changes.length,
			index: Math.max(0, index),
			entry,
			reason:
				head.count > changes.length
					? t('domain.audit.cutShort', {count: head.count, held: changes.length})
					: t('domain.audit.longer', {count: changes.length, recorded: head.count}),
		};
	}
	return {ok: true, count: changes.length, lastHash: previous};
};

/** One line for people: which entry, when, by whom. */
export const describeEntry = (index: number, entry: Record<string, unknown>): string =>
	t('domain.audit.entry', {
		number: index + 1,
		id: String(entry['id'] ?? t('domain.audit.noId')),
		at: String(entry['at'] ?? t('domain.audit.noTime')),
		operator: String(entry['operator'] ?? t('domain.audit.nobody')),
		action: String(entry['action'] ?? '?'),
		entity: String(entry['entity'] ?? '?'),
		label: String(entry['label'] ?? ''),
	});
