import type {Dataset, EntityName, EntityRecord} from '../../domain/dataset.js';
import type {ColumnSpec} from '../layout/columns.js';
import type {RelatedRecords} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';

export type ViewContext = {now: number; related: RelatedRecords; dataset: Dataset};

export type Column<R> = ColumnSpec & {
	/** The capital letter that sorts by this column (Shift+letter). */
	letter: string;
	align?: 'left' | 'right';
	cell: (record: R, context: ViewContext) => string;
	sortValue: (record: R, context: ViewContext) => string | number;
	tone?: (record: R, context: ViewContext) => Tone;
};

/** `text` wraps like prose; `item` is one line of a list (a related record) and is cut to fit instead. */
export type DetailLine =
	| {kind: 'field'; label: string; value: string; tone?: Tone}
	| {kind: 'section'; title: string}
	| {kind: 'text'; text: string; tone?: Tone}
	| {kind: 'item'; text: string; tone?: Tone};

export type SortOrder = {column: string; descending: boolean};

export type ScreenDefinition<E extends EntityName = EntityName> = {
	entity: E;
	title: string;
	columns: Array<Column<EntityRecord[E]>>;
	defaultSort: SortOrder;
	/** What `/` matches besides every cell of the row: fields no column shows (tags, product…). */
	searchText: (record: EntityRecord[E], context: ViewContext) => string;
	heading: (record: EntityRecord[E], context: ViewContext) => string;
	detail: (record: EntityRecord[E], context: ViewContext) => DetailLine[];
};

export const field = (label: string, value: string, tone?: Tone): DetailLine => ({kind: 'field', label, value, tone});
export const section = (title: string): DetailLine => ({kind: 'section', title});
export const text = (value: string, tone?: Tone): DetailLine => ({kind: 'text', text: value, tone});
export const item = (value: string, tone?: Tone): DetailLine => ({kind: 'item', text: value, tone});
