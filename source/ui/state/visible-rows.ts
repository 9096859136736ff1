import {foldForSearch} from '../../domain/text-fold.js';
import type {ScreenDefinition, SortOrder, ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {ScreenName} from './app-types.js';
import {type FilterTerm, filterTerms, matchesTerms, termsNarrow} from './field-filter.js';
import {gramNeed, hasGrams} from './search-grams.js';
import {extendTexts, foldedForSearch, type ListTexts, textAt} from './search-texts.js';

export {foldedForSearch, foldForSearch};

type Row = {id: string};

/**
 * What a row's cells are as of: the screen's derived revision where it has derived columns (the
 * customers' RFM, which is new with the clock as well as with the deals and orders), else the clock.
 * A search text or a sort by a derived column made under another stamp is made again.
 */
const stampOf = (screen: ScreenDefinition, context: ViewContext): unknown =>
	screen.derivedRevision?.(context) ?? context.now;

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

type SortedEntry = ListTexts & {
	records: readonly Row[];
	sort: SortOrder;
	/** The stamp a sort by a derived column was made under. */
	revision?: unknown;
};
const sortedCache = new Map<ScreenName, SortedEntry>();

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

/** How long one idle step of making search texts may keep a key waiting, at most (about). */
const stepMs = 3;

/**
 * Prepares a list's filter in idle moments, a slice of rows at a time, so that the first key
 * typed after `/` over 100,000 records scans ready texts instead of making them. The screen's
 * shared work (`prepare`) comes first, in a step of its own; then the scan of the `filter` typed
 * (one a key left under way); then the texts. True once the list is ready.
 * A step makes `slice` texts where given (tests), else as many as about 3 ms allow: a key that comes
 * in the middle of a step waits for its end (5,000 rows a step made a cursor move wait up to 20 ms).
 */
export const prepareFilter = (
	name: ScreenName,
	sort: SortOrder,
	context: ViewContext,
	slice?: number,
	filter = '',
): boolean => {
	const screen = screenFor(name);
	const started = performance.now();
	// What the cells share first (the customers' RFM): steps of its own, so a key can come in between
	// (all in one where the slice is given: the tests' steps).
	const more = () => performance.now() - started < stepMs;
	if (screen.prepare && !screen.prepare(context, slice === undefined ? more : undefined)) return false;
	if (filter.trim() !== '' && !scanStep(name, filter, sort, context)) return false;
	const entry = sortedEntry(name, screen, screen.rows(context), sort, context);
	if (slice !== undefined) return extendTexts(entry, screen, context, slice);
	while (!extendTexts(entry, screen, context, 100)) if (!more()) return false;
	return true;
};

/**
 * Whether row `index` holds a plain term: in its search text (asking the letters' table first,
 * where it is made), or in a derived cell that may show the term at all (`mayHold`): `ann` never
 * reads the customers' RFM, so a filter needs it counted only for a term a segment or a score may hold.
 */
const termCheck = (
	text: string,
	entry: SortedEntry,
	screen: ScreenDefinition,
	context: ViewContext,
): ((index: number) => boolean) => {
	const {grams, rows} = entry;
	const need = grams ? gramNeed(text) : null;
	const inText = (index: number) =>
		need
			? hasGrams(grams!, index, need) && (need.whole || entry.texts![index]!.includes(text))
			: textAt(entry, screen, context, index).includes(text);
	const derived = screen.columns.filter((column) => column.derived && (column.mayHold?.(text) ?? true));
	if (derived.length === 0) return inText;
	return (index) =>
		inText(index) || derived.some((column) => foldedForSearch(column.cell(rows[index]!, context)).includes(text));
};

/** Whether row `index` matches every term of the filter. */
const matcherOf = (
	terms: readonly FilterTerm[],
	entry: SortedEntry,
	screen: ScreenDefinition,
	context: ViewContext,
): ((index: number) => boolean) => {
	const checks = terms.map((term) =>
		'text' in term
			? termCheck(term.text, entry, screen, context)
			: (index: number) => matchesTerms('', entry.rows[index]!, [term], context),
	);
	return (index) => {
		for (const check of checks) if (!check(index)) return false;
		return true;
	};
};

/**
 * A list's filter as far as it has been scanned: the rows matched (`found`, in the sorted order)
 * among those decided. A scan reads first the rows the previous filter matched (`pool`, when the
 * filter narrows it: `a` → `an`), then every row from `scanned` on. Every row before `frontier` is decided.
 */
type FilterScan = {
	sorted: Row[];
	filter: string;
	stamp: unknown;
	/** Null: no filter, every row. */
	found: Int32Array | null;
	count: number;
	pool: Int32Array | null;
	poolAt: number;
	scanned: number;
	rows: Row[];
};
const cache = new Map<ScreenName, FilterScan>();

const frontier = (scan: FilterScan): number =>
	scan.pool && scan.poolAt < scan.pool.length ? scan.pool[scan.poolAt]! : scan.scanned;

const scanDone = (scan: FilterScan): boolean => frontier(scan) >= scan.sorted.length;

/** How far to scan: past the row at `through` (an index in the sorted rows), then while fewer than `rows` are found and performance.now() is before `until`. */
type ScanLimit = {through: number; rows: number; until: number};
const whole: ScanLimit = {through: Infinity, rows: 0, until: 0};

/** Scans on (a check of the limit every 256 rows). */
const scanOn = (scan: FilterScan, match: (index: number) => boolean, limit: ScanLimit): void => {
	const found = scan.found!;
	const more = () => frontier(scan) <= limit.through || (scan.count < limit.rows && performance.now() < limit.until);
	let step = 0;
	const {pool} = scan;
	if (pool)
		while (scan.poolAt < pool.length) {
			if ((++step & 255) === 0 && !more()) return;
			const index = pool[scan.poolAt++]!;
			if (match(index)) found[scan.count++] = index;
		}
	const end = scan.sorted.length;
	while (scan.scanned < end) {
		if ((++step & 255) === 0 && !more()) return;
		const index = scan.scanned++;
		if (match(index)) found[scan.count++] = index;
	}
};

/** The rows found so far (a list of its own, made again only when more are found). */
const rowsFound = (scan: FilterScan): Row[] => {
	if (!scan.found || scan.rows.length === scan.count) return scan.rows;
	const rows: Row[] = new Array(scan.count);
	for (let at = 0; at < scan.count; at++) rows[at] = scan.sorted[scan.found[at]!]!;
	scan.rows = rows;
	return rows;
};

/**
 * The rows a filter that narrows `scan` has to read before its rows not read yet: those it matched,
 * then the rows of its own pool it had not read yet (both in the sorted order, the first all before the second).
 */
const candidatesOf = (scan: FilterScan): Int32Array => {
	const matched = scan.found!.subarray(0, scan.count);
	if (!scan.pool || scan.poolAt >= scan.pool.length) return matched;
	const unread = scan.pool.subarray(scan.poolAt);
	const candidates = new Int32Array(matched.length + unread.length);
	candidates.set(matched);
	candidates.set(unread, matched.length);
	return candidates;
};

type Scanning = {
	scan: FilterScan;
	entry: SortedEntry;
	screen: ScreenDefinition;
	terms: FilterTerm[];
	/** A scan begun now, for a filter new to the list. */
	fresh: boolean;
};

/**
 * The list's filter scan for `filter`: the one under way when it is for the same filter, rows and
 * stamp; else a new one, which reads only what the last filter matched where the new one narrows it
 * (typing on, `a`, `an`, `ann`). A term `field:value` matches in that column only (field-filter.ts).
 */
const scanning = (name: ScreenName, filter: string, sort: SortOrder, context: ViewContext): Scanning => {
	const screen = screenFor(name);
	const entry = sortedEntry(name, screen, screen.rows(context), sort, context);
	const sorted = entry.rows;
	const cached = cache.get(name);
	const terms = filterTerms(filter, screen.columns);
	// A term on a derived column (`value:at-risk`) is matched again when what it is derived from changes.
	const stamp = terms.some((term) => 'column' in term && term.column.derived) ? stampOf(screen, context) : undefined;
	const same = cached !== undefined && cached.sorted === sorted && cached.stamp === stamp;
	if (same && cached.filter === filter) return {scan: cached, entry, screen, terms, fresh: false};
	const base = {sorted, filter, stamp, count: 0, poolAt: 0};
	if (filter.trim() === '') {
		const scan = {...base, found: null, pool: null, scanned: sorted.length, rows: sorted};
		cache.set(name, scan);
		return {scan, entry, screen, terms, fresh: true};
	}
	// Texts of the rows not read yet are made as the scan reaches them (the idle steps make them ahead).
	if (terms.some((term) => 'text' in term)) extendTexts(entry, screen, context, 0, false);
	const narrows = same && cached.found !== null && termsNarrow(filterTerms(cached.filter, screen.columns), terms);
	const pool = narrows ? candidatesOf(cached) : null;
	const scanned = narrows ? cached.scanned : 0;
	// Numbers in a typed array made at its length: a key's 100,000 matches cost no growing array.
	const found = new Int32Array((pool?.length ?? 0) + sorted.length - scanned);
	const scan: FilterScan = {...base, found, pool, scanned, rows: []};
	cache.set(name, scan);
	return {scan, entry, screen, terms, fresh: true};
};

/** The records a list shows, filtered and sorted: all of them (the scan under way, if any, is finished). */
export const visibleRows = (name: ScreenName, filter: string, sort: SortOrder, context: ViewContext): Row[] => {
	const {scan, entry, screen, terms} = scanning(name, filter, sort, context);
	if (!scanDone(scan)) scanOn(scan, matcherOf(terms, entry, screen, context), whole);
	return rowsFound(scan);
};

/** How long a key may scan on for rows to fill its frame with (ms). */
const keyScanMs = 6;

/** Where the row at `at` (in the sorted rows) is among those found, or -1 (found rows are in the sorted order). */
const foundAt = (scan: FilterScan, at: number): number => {
	let low = 0;
	let high = scan.count;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (scan.found![middle]! < at) low = middle + 1;
		else high = middle;
	}
	return low < scan.count && scan.found![low] === at ? low : -1;
};

/**
 * The rows a list draws while a filter is typed: those found so far. A key's new filter scans
 * (over 100,000 records whose search texts the idle steps have not made yet, a part of them)
 * always past the row of `through`, where the cursor is to stay, and `page` rows past it where
 * it matches: the cursor and its window are where every row would put them. Then on for about
 * 6 ms (`scanMs`): with the texts made, that is every row. The rest is scanned in idle steps (`prepareFilter`), and
 * rows found later only add to the end. A scan under way for the same filter is taken as it is.
 */
export const shownRows = (
	name: ScreenName,
	filter: string,
	sort: SortOrder,
	context: ViewContext,
	through?: string,
	page = 0,
	scanMs = keyScanMs,
): Row[] => {
	const {scan, entry, screen, terms, fresh} = scanning(name, filter, sort, context);
	if (scanDone(scan)) return rowsFound(scan);
	const match = matcherOf(terms, entry, screen, context);
	const at = through === undefined ? -1 : scan.sorted.findIndex((row) => row.id === through);
	if (at >= frontier(scan)) scanOn(scan, match, {through: at, rows: 0, until: 0});
	const index = at < 0 ? -1 : foundAt(scan, at);
	if (index >= 0) scanOn(scan, match, {through: -1, rows: index + 1 + page, until: Infinity});
	if (fresh) scanOn(scan, match, {through: -1, rows: Infinity, until: performance.now() + scanMs});
	return rowsFound(scan);
};

/** How much of the list a filter has scanned (0–1), while it is scanning; null once every row is decided. */
export const filterScanned = (
	name: ScreenName,
	filter: string,
	sort: SortOrder,
	context: ViewContext,
): number | null => {
	const {scan} = scanning(name, filter, sort, context);
	return scanDone(scan) ? null : frontier(scan) / scan.sorted.length;
};

/** An idle step of a filter under way (about 3 ms): true once every row is decided. */
const scanStep = (name: ScreenName, filter: string, sort: SortOrder, context: ViewContext): boolean => {
	const {scan, entry, screen, terms} = scanning(name, filter, sort, context);
	if (!scanDone(scan))
		scanOn(scan, matcherOf(terms, entry, screen, context), {
			through: -1,
			rows: Infinity,
			until: performance.now() + stepMs,
		});
	return scanDone(scan);
};
