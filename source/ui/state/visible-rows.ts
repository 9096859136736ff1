import {foldForSearch} from '../../domain/text-fold.js';
import type {ScreenDefinition, SortOrder, ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {ScreenName} from './app-types.js';
import {filterTerms, matchesTerms, termsNarrow} from './field-filter.js';

export {foldForSearch};

const searchTextCache = new WeakMap<object, {now: number; text: string}>();

/** What `/` searches: the record's searchable fields plus every cell the list shows (dates, SLA state). */
type Row = {id: string};

const searchTextOf = (screen: ScreenDefinition, record: Row, context: ViewContext): string => {
	const cached = searchTextCache.get(record);
	if (cached && cached.now === context.now) return cached.text;
	const fields = screen.searchText(record, context);
	const cells = screen.columns.map((column) => column.cell(record, context)).join(' ');
	const text = foldForSearch(`${fields} ${cells}`);
	searchTextCache.set(record, {now: context.now, text});
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

type SortedEntry = {
	records: readonly Row[];
	sort: SortOrder;
	rows: Row[];
	texts?: string[];
	textsNow?: number;
	partial?: string[];
	partialNow?: number;
};
type CacheEntry = {sorted: Row[]; filter: string; indices: number[] | null; rows: Row[]};
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
	if (
		cached &&
		cached.records === records &&
		cached.sort.column === sort.column &&
		cached.sort.descending === sort.descending
	)
		return cached;
	const column = screen.columns.find((candidate) => candidate.id === sort.column) ?? screen.columns[0]!;
	const decorated = records.map((record, index) => ({record, index, key: column.sortValue(record, context)}));
	const direction = sort.descending ? -1 : 1;
	// Ties keep file order in both directions, so inverting a sort is predictable.
	// Blank cells go last in either direction, as in a spreadsheet: an empty email is not "first".
	decorated.sort(
		(a, b) =>
			Number(isBlank(a.key)) - Number(isBlank(b.key)) || direction * compareValues(a.key, b.key) || a.index - b.index,
	);
	const entry: SortedEntry = {records, sort, rows: decorated.map((item) => item.record)};
	sortedCache.set(name, entry);
	return entry;
};

/** The search text of every row, in the sorted order: a filter scans plain strings, not a cache per record. */
const textsOf = (entry: SortedEntry, screen: ScreenDefinition, context: ViewContext): string[] => {
	extendTexts(entry, screen, context, Infinity);
	return entry.texts!;
};

/** Makes up to `count` more search texts (continuing what an idle moment began); true once all are made. */
const extendTexts = (entry: SortedEntry, screen: ScreenDefinition, context: ViewContext, count: number): boolean => {
	if (entry.texts && entry.textsNow === context.now) return true;
	if (!entry.partial || entry.partialNow !== context.now) {
		entry.partial = [];
		entry.partialNow = context.now;
	}
	const {partial, rows} = entry;
	const end = Math.min(rows.length, partial.length + count);
	for (let index = partial.length; index < end; index++) partial.push(searchTextOf(screen, rows[index]!, context));
	if (partial.length < rows.length) return false;
	entry.texts = partial;
	entry.textsNow = context.now;
	entry.partial = undefined;
	return true;
};

/**
 * Prepares a list's filter in idle moments, a slice of rows at a time, so that the first key
 * typed after `/` over 100,000 records scans ready texts instead of making them all first. The
 * screen's shared work (`prepare`) comes first, in a step of its own.
 * True once the list is ready.
 */
export const prepareFilter = (name: ScreenName, sort: SortOrder, context: ViewContext, slice = 5000): boolean => {
	const screen = screenFor(name);
	// What the cells share first (the customers' RFM): its own step, so a key can come in between.
	if (screen.prepare && !screen.prepare(context)) return false;
	return extendTexts(sortedEntry(name, screen, screen.rows(context), sort, context), screen, context, slice);
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
	if (cached && cached.sorted === sorted && cached.filter === filter) return cached.rows;
	if (filter.trim() === '') {
		cache.set(name, {sorted, filter, indices: null, rows: sorted});
		return sorted;
	}
	const texts = textsOf(entry, screen, context);
	const terms = filterTerms(filter, screen.columns);
	const pool =
		cached &&
		cached.sorted === sorted &&
		cached.indices &&
		termsNarrow(filterTerms(cached.filter, screen.columns), terms)
			? cached.indices
			: null;
	const indices: number[] = [];
	const matches = (index: number) => matchesTerms(texts[index]!, sorted[index]!, terms, context);
	if (pool) {
		for (const index of pool) if (matches(index)) indices.push(index);
	} else {
		for (let index = 0; index < texts.length; index++) if (matches(index)) indices.push(index);
	}
	const rows = indices.map((index) => sorted[index]!);
	cache.set(name, {sorted, filter, indices, rows});
	return rows;
};
