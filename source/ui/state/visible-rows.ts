import type {AnyRecord, EntityName} from '../../domain/dataset.js';
import type {ScreenDefinition, SortOrder, ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';

const searchTextCache = new WeakMap<object, string>();

const searchTextOf = (screen: ScreenDefinition, record: AnyRecord, context: ViewContext): string => {
	let text = searchTextCache.get(record);
	if (text === undefined) {
		text = (screen.searchText as (record: AnyRecord, context: ViewContext) => string)(record, context);
		searchTextCache.set(record, text);
	}
	return text;
};

/** Every whitespace-separated term must appear somewhere in the record (case-insensitive). */
export const matchesFilter = (searchText: string, filter: string): boolean => {
	const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
	return terms.every((term) => searchText.includes(term));
};

const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});

const compareValues = (a: string | number, b: string | number): number =>
	typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));

type CacheEntry = {records: readonly AnyRecord[]; filter: string; sort: SortOrder; rows: AnyRecord[]};
const cache = new Map<EntityName, CacheEntry>();

/** The records a list shows, filtered and sorted; recomputed only when records, filter or sort change. */
export const visibleRows = (entity: EntityName, filter: string, sort: SortOrder, context: ViewContext): AnyRecord[] => {
	const records = context.dataset[entity] as readonly AnyRecord[];
	const cached = cache.get(entity);
	if (cached && cached.records === records && cached.filter === filter && cached.sort.column === sort.column && cached.sort.descending === sort.descending) {
		return cached.rows;
	}
	const screen = screenFor(entity);
	const matching = filter.trim() === '' ? records : records.filter((record) => matchesFilter(searchTextOf(screen, record, context), filter));
	const column = screen.columns.find((candidate) => candidate.id === sort.column) ?? screen.columns[0]!;
	const decorated = matching.map((record, index) => ({record, index, key: column.sortValue(record as never, context)}));
	const direction = sort.descending ? -1 : 1;
	// Ties keep file order in both directions, so inverting a sort is predictable.
	decorated.sort((a, b) => direction * compareValues(a.key, b.key) || a.index - b.index);
	const rows = decorated.map((entry) => entry.record);
	cache.set(entity, {records, filter, sort, rows});
	return rows;
};
