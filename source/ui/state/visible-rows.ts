import {foldForSearch} from '../../domain/text-fold.js';
import type {ScreenName} from './app-types.js';
import type {ScreenDefinition, SortOrder, ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';

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

/** Every whitespace-separated term must appear somewhere in the record (case- and accent-insensitive). */
export const matchesFilter = (searchText: string, filter: string): boolean => {
	const terms = foldForSearch(filter).split(/\s+/).filter(Boolean);
	return terms.every((term) => searchText.includes(term));
};

const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});

const compareValues = (a: string | number, b: string | number): number =>
	typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));

const isBlank = (value: string | number): boolean => value === '';

type CacheEntry = {records: readonly Row[]; filter: string; sort: SortOrder; rows: Row[]};
const cache = new Map<ScreenName, CacheEntry>();

/** The records a list shows, filtered and sorted; recomputed only when records, filter or sort change. */
export const visibleRows = (name: ScreenName, filter: string, sort: SortOrder, context: ViewContext): Row[] => {
	const screen = screenFor(name);
	const records = screen.rows(context);
	const cached = cache.get(name);
	if (cached && cached.records === records && cached.filter === filter && cached.sort.column === sort.column && cached.sort.descending === sort.descending) {
		return cached.rows;
	}
	const matching = filter.trim() === '' ? records : records.filter((record) => matchesFilter(searchTextOf(screen, record, context), filter));
	const column = screen.columns.find((candidate) => candidate.id === sort.column) ?? screen.columns[0]!;
	const decorated = matching.map((record, index) => ({record, index, key: column.sortValue(record, context)}));
	const direction = sort.descending ? -1 : 1;
	// Ties keep file order in both directions, so inverting a sort is predictable.
	// Blank cells go last in either direction, as in a spreadsheet: an empty email is not "first".
	decorated.sort((a, b) => Number(isBlank(a.key)) - Number(isBlank(b.key)) || direction * compareValues(a.key, b.key) || a.index - b.index);
	const rows = decorated.map((entry) => entry.record);
	cache.set(name, {records, filter, sort, rows});
	return rows;
};
