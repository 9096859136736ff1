import {foldForSearch} from '../../domain/text-fold.js';
import type {ScreenDefinition, ViewContext} from '../screens/screen-definition.js';
import {addGrams, type GramTable, gramTable} from './search-grams.js';

/**
 * The search texts of a list, in its sorted order, made a slice at a time (visible-rows.ts prepares
 * them in idle moments, and a filter's scan makes those it reaches first), with the letters' table of them.
 */

type Row = {id: string};

const searchTextCache = new WeakMap<object, {stamp: unknown; text: string}>();

/** A list's rows in their order, and what is made of their search texts so far. */
export type ListTexts = {
	rows: Row[];
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

/**
 * Characters that search folding leaves as they are but for their case: none decomposes (Latin-1's
 * first half, the punctuation from U+2002 — `—`, `…`, `·` are in a blank cell or a cut one).
 * A text of these only is folded by toLowerCase alone, the same as foldForSearch's two
 * normalisations would give, for a fraction of their cost (test/unit/search-fold.test.ts).
 */
const foldsByCase = /^[\u0000-\u00bf\u2002-\u206f]*$/;
export const foldedForSearch = (text: string): string =>
	foldsByCase.test(text) ? text.toLowerCase() : foldForSearch(text);

/** The columns a search text holds: those of the record alone (a derived column's cells are read apart, see `termCheck`). */
const plainColumns = new WeakMap<ScreenDefinition['columns'], ScreenDefinition['columns']>();
const plainOf = (screen: ScreenDefinition): ScreenDefinition['columns'] => {
	let columns = plainColumns.get(screen.columns);
	if (!columns) {
		columns = screen.columns.filter((column) => !column.derived);
		plainColumns.set(screen.columns, columns);
	}
	return columns;
};

/**
 * What a search text is made under: the clock, where cells may read it (a ticket's SLA); nothing
 * for a screen with derived columns, whose other cells are the record's alone (its derived cells,
 * the customers' RFM, are not in the text: a text needs no RFM counted first).
 */
const recordsAlone = {};
const textStampOf = (screen: ScreenDefinition, context: ViewContext): unknown =>
	screen.derivedRevision ? recordsAlone : context.now;

/**
 * What `/` searches: the record's searchable fields plus every cell the list shows (dates, SLA state)
 * but the derived ones. A term has no whitespace and the parts are joined by a space, so a term is in
 * the whole text exactly when it is in one part: the derived cells are read apart (`termCheck`).
 */
export const searchTextOf = (screen: ScreenDefinition, record: Row, context: ViewContext, stamp: unknown): string => {
	const cached = searchTextCache.get(record);
	if (cached && cached.stamp === stamp) return cached.text;
	const fields = screen.searchText(record, context);
	const cells = plainOf(screen)
		.map((column) => column.cell(record, context))
		.join(' ');
	const text = foldedForSearch(`${fields} ${cells}`);
	searchTextCache.set(record, {stamp, text});
	return text;
};

/**
 * Makes up to `count` more search texts (continuing what an idle moment began), and as many rows
 * of their letters' table unless told not to; true once all are made.
 */
export const extendTexts = (
	entry: ListTexts,
	screen: ScreenDefinition,
	context: ViewContext,
	count: number,
	withGrams = true,
): boolean => {
	const stamp = textStampOf(screen, context);
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
const extendGrams = (entry: ListTexts, count: number): boolean => {
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

/** The search text of row `index`, made now where the idle steps have not made it yet (rows are made in order). */
export const textAt = (entry: ListTexts, screen: ScreenDefinition, context: ViewContext, index: number): string => {
	if (entry.texts) return entry.texts[index]!;
	const partial = entry.partial!;
	if (index >= partial.length) extendTexts(entry, screen, context, index + 1 - partial.length, false);
	return (entry.texts ?? entry.partial)![index]!;
};
