import {foldForSearch} from '../../domain/text-fold.js';
import type {ScreenDefinition, SortOrder, ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {ScreenName} from './app-types.js';
import {type FilterTerm, filterTerms, matchesTerms, termsNarrow} from './field-filter.js';
import {addGrams, type GramNeed, type GramTable, gramNeed, gramTable, hasGrams} from './search-grams.js';

export {foldForSearch};

const searchTextCache = new WeakMap<object, {stamp: unknown; text: string}>();

type Row = {id: string};

/**
 * What a row's cells are as of: the screen's derived revision where it has derived columns (the
 * customers' RFM, which is new with the clock as well as with the deals and orders), else the clock.
 * A search text or a sort by a derived column made under another stamp is made again.
 */
const stampOf = (screen: ScreenDefinition, context: ViewContext): unknown =>
	screen.derivedRevision?.(context) ?? context.now;

/**
 * Characters that search folding leaves as they are but for their case: none decomposes (Latin-1's
 * first half, the punctuation from U+2002 — `—`, `…`, `·` are in a blank cell or a cut one).
 * A text of these only is folded by toLowerCase alone, the same as foldForSearch's two
 * normalisations would give, for a fraction of their cost (test/unit/search-fold.test.ts).
 */
const foldsByCase = /^[\u0000-\u00bf\u2002-\u206f]*$/;
export const foldedForSearch = (text: string): string =>
	foldsByCase.test(text) ? text.toLowerCase() : foldForSearch(text);

/** What `/` searches: the record's searchable fields plus every cell the list shows (dates, SLA state). */
const searchTextOf = (screen: ScreenDefinition, record: Row, context: ViewContext, stamp: unknown): string => {
	const cached = searchTextCache.get(record);
	if (cached && cached.stamp === stamp) return cached.text;
	const fields = screen.searchText(record, context);
	const cells = screen.columns.map((column) => column.cell(record, context)).join(' ');
	const text = foldedForSearch(`${fields} ${cells}`);
	searchTextCache.set(record, {stamp, text});
	return text;
};

/** The terms of a filter, folded as search texts are: every one must appear. */
const termsOf = (filter: string): string[] => foldForSearch(filter).split(/\s+/).filter(Boolean);

const containsAll = (searchText: string, terms: readonly string[]): boolean =>
	terms.every((term) => searchText.includes(term));

/** Every whitespace-separated term must appear somewhere in the record (case- and accent-insensitive). */
export const matchesFilter = (searchText: string, filter: string): boolean => containsAll(searchText, termsOf(filter));

const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});

const compareValues = (a: string | number, b: string | number): number =>
	typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));

const isBlank = (value: string | number): boolean => value === '';

/** The file's order: no column's (the rows as the data holds them, while it is read). */
export const fileOrder: SortOrder = {column: '', descending: false};

type SortedEntry = {
	records: readonly Row[];
	sort: SortOrder;
	rows: Row[];
	/** The stamp a sort by a derived column was made under. */
	revision?: unknown;
	texts?: string[];
	textsStamp?: unknown;
	partial?: string[];
	partialStamp?: unknown;
	/** The letters and pairs of letters of each of `texts` (search-grams.ts), once made for all of them. */
	grams?: GramTable;
	/** The table being made, for the texts being made (or made): its first `gramsMade` rows are. */
	building?: GramTable;
	gramsMade?: number;
};
type CacheEntry = {sorted: Row[]; filter: string; stamp: unknown; indices: Int32Array | null; rows: Row[]};
const sortedCache = new Map<ScreenName, SortedEntry>();
const cache = new Map<ScreenName, CacheEntry>();

/** Every record of the list in the sort order; recomputed only when the records or the order change. */
const sortedEntry = (
	name: ScreenName,
	screen: ScreenDefinition,
	records: readonly Row[],
	sort: SortOrder,
	context: ViewContext,
): SortedEntry => {
	const cached = sortedCache.get(name);
	// A screen with no columns (the assessment's place in the list of screens) sorts nothing.
	const column = screen.columns.find((candidate) => candidate.id === sort.column) ?? screen.columns[0];
	// A derived column's order goes with what it is derived from (a deal won moves a customer's segment).
	const revision = column?.derived ? stampOf(screen, context) : undefined;
	if (
		cached &&
		cached.records === records &&
		cached.sort.column === sort.column &&
		cached.sort.descending === sort.descending &&
		cached.revision === revision
	)
		return cached;
	if (sort.column === fileOrder.column) {
		const entry: SortedEntry = {records, sort, rows: records.slice()};
		sortedCache.set(name, entry);
		return entry;
	}
	const decorated = records.map((record, index) => ({record, index, key: column!.sortValue(record, context)}));
	const direction = sort.descending ? -1 : 1;
	// Ties keep file order in both directions, so inverting a sort is predictable.
	// Blank cells go last in either direction, as in a spreadsheet: an empty email is not "first".
	decorated.sort(
		(a, b) =>
			Number(isBlank(a.key)) - Number(isBlank(b.key)) || direction * compareValues(a.key, b.key) || a.index - b.index,
	);
	const entry: SortedEntry = {records, sort, revision, rows: decorated.map((item) => item.record)};
	sortedCache.set(name, entry);
	return entry;
};

/**
 * The search text of every row, in the sorted order: a filter scans plain strings, not a cache per
 * record. A key that has to make them makes no letters' table: the idle steps make it after.
 */
const textsOf = (entry: SortedEntry, screen: ScreenDefinition, context: ViewContext): string[] => {
	extendTexts(entry, screen, context, Infinity, false);
	return entry.texts!;
};

/**
 * Makes up to `count` more search texts (continuing what an idle moment began), and as many rows
 * of their letters' table unless told not to; true once all are made.
 */
const extendTexts = (
	entry: SortedEntry,
	screen: ScreenDefinition,
	context: ViewContext,
	count: number,
	withGrams = true,
): boolean => {
	const stamp = stampOf(screen, context);
	if (!entry.texts || entry.textsStamp !== stamp) {
		if (!entry.partial || entry.partialStamp !== stamp) {
			entry.partial = [];
			entry.partialStamp = stamp;
			entry.building = gramTable(entry.rows.length);
			entry.gramsMade = 0;
			entry.grams = undefined;
		}
		const {partial, rows} = entry;
		const end = Math.min(rows.length, partial.length + count);
		for (let index = partial.length; index < end; index++)
			partial.push(searchTextOf(screen, rows[index]!, context, stamp));
		if (partial.length === rows.length) {
			entry.texts = partial;
			entry.textsStamp = stamp;
			entry.partial = undefined;
		}
	}
	return withGrams ? extendGrams(entry, count) : entry.partial === undefined;
};

/** Makes up to `count` more rows of the letters' table of the texts made; true once it is whole. */
const extendGrams = (entry: SortedEntry, count: number): boolean => {
	if (entry.grams) return true;
	const texts = entry.partial ?? entry.texts!;
	const made = entry.gramsMade ?? 0;
	const end = Math.min(texts.length, made + count);
	for (let row = made; row < end; row++) addGrams(entry.building!, row, texts[row]!);
	entry.gramsMade = end;
	if (entry.partial || end < entry.rows.length) return false;
	entry.grams = entry.building;
	entry.building = undefined;
	return true;
};

/** How long one idle step of making search texts may keep a key waiting, at most (about). */
const stepMs = 3;

/**
 * Prepares a list's filter in idle moments, a slice of rows at a time, so that the first key
 * typed after `/` over 100,000 records scans ready texts instead of making them all first. The
 * screen's shared work (`prepare`) comes first, in a step of its own. True once the list is ready.
 * A step makes `slice` texts where given (tests), else as many as about 3 ms allow: a key that comes
 * in the middle of a step waits for its end (5,000 rows a step made a cursor move wait up to 20 ms).
 */
export const prepareFilter = (name: ScreenName, sort: SortOrder, context: ViewContext, slice?: number): boolean => {
	const screen = screenFor(name);
	// What the cells share first (the customers' RFM): its own step, so a key can come in between.
	if (screen.prepare && !screen.prepare(context)) return false;
	const entry = sortedEntry(name, screen, screen.rows(context), sort, context);
	if (slice !== undefined) return extendTexts(entry, screen, context, slice);
	const started = performance.now();
	while (!extendTexts(entry, screen, context, 100)) if (performance.now() - started >= stepMs) return false;
	return true;
};

/**
 * What the search texts' letters say of a filter's plain terms (`needs`), and the terms left to
 * read the texts or cells for (`rest`): all of them where there are no letters to ask.
 */
const byGrams = (
	terms: readonly FilterTerm[],
	grams: GramTable | undefined,
): {needs: GramNeed[]; rest: readonly FilterTerm[]} => {
	if (!grams) return {needs: [], rest: terms};
	const needs: GramNeed[] = [];
	const rest: FilterTerm[] = [];
	for (const term of terms) {
		const need = 'text' in term ? gramNeed(term.text) : null;
		if (need) needs.push(need);
		if (!need?.whole) rest.push(term);
	}
	return {needs, rest};
};

const hasAll = (grams: GramTable | undefined, row: number, needs: readonly GramNeed[]): boolean => {
	for (const need of needs) if (!hasGrams(grams!, row, need)) return false;
	return true;
};

/**
 * The records a list shows, filtered and sorted. The list is sorted once per order, and a filter
 * keeps that order; typing on (`a`, `an`, `ann`) filters what the last key matched, not every record.
 * A term `field:value` matches in that column only (field-filter.ts).
 */
export const visibleRows = (name: ScreenName, filter: string, sort: SortOrder, context: ViewContext): Row[] => {
	const screen = screenFor(name);
	const entry = sortedEntry(name, screen, screen.rows(context), sort, context);
	const sorted = entry.rows;
	const cached = cache.get(name);
	const terms = filterTerms(filter, screen.columns);
	// A term on a derived column (`value:at-risk`) is matched again when what it is derived from changes.
	const stamp = terms.some((term) => 'column' in term && term.column.derived) ? stampOf(screen, context) : undefined;
	const same = cached !== undefined && cached.sorted === sorted && cached.stamp === stamp;
	if (same && cached.filter === filter) return cached.rows;
	if (filter.trim() === '') {
		cache.set(name, {sorted, filter, stamp, indices: null, rows: sorted});
		return sorted;
	}
	// Field terms alone read their cells: no search text needs making (`value:at-risk` after a tick).
	const texts = terms.some((term) => 'text' in term) ? textsOf(entry, screen, context) : null;
	const pool =
		same && cached.indices && termsNarrow(filterTerms(cached.filter, screen.columns), terms) ? cached.indices : null;
	// Numbers in a typed array and a list made at its length: a key's 100,000 matches cost no growing
	// array of numbers, and the rows' list is written once (each write into a list on the heap costs
	// more while the collector is marking, which a console holding 100,000s of records often is).
	const found = new Int32Array(pool ? pool.length : sorted.length);
	let count = 0;
	const {needs, rest} = byGrams(terms, texts ? entry.grams : undefined);
	const matches = (index: number) =>
		hasAll(entry.grams, index, needs) &&
		(rest.length === 0 || matchesTerms(texts?.[index] ?? '', sorted[index]!, rest, context));
	if (pool) {
		for (const index of pool) if (matches(index)) found[count++] = index;
	} else {
		for (let index = 0; index < sorted.length; index++) if (matches(index)) found[count++] = index;
	}
	const indices = found.subarray(0, count);
	const rows: Row[] = new Array(count);
	for (let at = 0; at < count; at++) rows[at] = sorted[indices[at]!]!;
	cache.set(name, {sorted, filter, stamp, indices, rows});
	return rows;
};
