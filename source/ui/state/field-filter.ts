import {filterWords, termValue} from '../../domain/filter-words.js';
import {foldForSearch} from '../../domain/text-fold.js';
import {inEnglish} from '../../i18n/i18n.js';
import type {Column, ViewContext} from '../screens/screen-definition.js';

type Row = {id: string};

/**
 * One term of a list's filter: a plain term matches anywhere in the row; `field:value` only in the
 * cell of the column that `field` names (its id or its title, `status:churned`, `owner:marcus`);
 * `field:` alone matches the rows where that column is blank. A term whose part before the colon
 * names no column of the list (`10:30`, `http://…`) is a plain term. A derived column (the customers'
 * Value and RFM) matches from the start of its cell: `value:at` is at-risk, not hibernating, and
 * `rfm:5` an R of 5 — a word of a segment's name must not add another segment's customers to an audience.
 * `field:=value` matches the whole cell (the frequency view's Enter writes it), `field:"two words"`
 * a value with a space, and `field:@me` the operator's own name as records write it (`@` toggles it).
 */
export type FilterTerm = {text: string} | {column: Column<Row>; value: string; exact: boolean};

/** The value `@me` stands for: the owner name of the operator at the console. */
export const meValue = '@me';

/** Whether a folded cell is the operator's owner name (nobody's, when the console knows no operator). */
const isMe = (cell: string, me: string | undefined): boolean => {
	const name = me === undefined ? '' : foldForSearch(me).trim();
	return name !== '' && cell === name;
};

const titleName = (title: string): string => foldForSearch(title).replace(/[\s\u2191\u2193]+/g, '');

/**
 * How an operator may name a column: its id, or its title without spaces (`created`, `firstresponse`),
 * in the language in force or in English, so a filter or a saved view written in one language keeps
 * naming its column in the other.
 */
export const columnNames = (column: Column<Row>): string[] => [
	foldForSearch(column.id),
	titleName(column.title),
	titleName(inEnglish(() => column.title)),
];

/** The terms of a filter, folded as search texts are, each plain or for one column of `columns`. */
export const filterTerms = (filter: string, columns: ReadonlyArray<Column<Row>>): FilterTerm[] =>
	filterWords(filter).map((text) => {
		const colon = text.indexOf(':');
		if (colon <= 0) return {text};
		const name = text.slice(0, colon);
		const column = columns.find((candidate) => columnNames(candidate).includes(name));
		return column ? {column, ...termValue(text.slice(colon + 1))} : {text};
	});

const blank = (cell: string): boolean => cell === '' || cell === '—';

/** Whether the row matches every term: plain ones in its search text, field ones in their column's cell. */
export const matchesTerms = (
	searchText: string,
	row: Row,
	terms: readonly FilterTerm[],
	context: ViewContext,
): boolean =>
	terms.every((term) => {
		if ('text' in term) return searchText.includes(term.text);
		const cell = foldForSearch(term.column.cell(row, context)).trim();
		if (term.value === '') return blank(cell);
		if (term.value === meValue) return isMe(cell, context.me);
		if (term.exact) return cell === term.value;
		return term.column.derived ? cell.startsWith(term.value) : cell.includes(term.value);
	});

/**
 * Whether the rows `next` matches are among those `previous` matched (typing on narrows, `st` →
 * `sta`): each earlier term, in order, grows into the term after it — a plain term into a plain term,
 * a column's value into a longer value of the same column (a blank-only `field:` narrows into nothing).
 */
export const termsNarrow = (previous: readonly FilterTerm[], next: readonly FilterTerm[]): boolean =>
	previous.length > 0 &&
	previous.length <= next.length &&
	previous.every((term, index) => {
		const after = next[index]!;
		if ('text' in term) return 'text' in after && after.text.includes(term.text);
		if (!('column' in after) || after.column !== term.column || term.value === '') return false;
		// An exact value and @me match whole cells: only the same term again keeps the rows it matched.
		if (term.exact || after.exact || term.value === meValue || after.value === meValue)
			return after.exact === term.exact && after.value === term.value;
		return term.column.derived ? after.value.startsWith(term.value) : after.value.includes(term.value);
	});
