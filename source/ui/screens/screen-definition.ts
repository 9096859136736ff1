import type {Dataset, EntityName, EntityRecord} from '../../domain/dataset.js';
import type {Rates} from '../../domain/money.js';
import {defaultSettings, ratesOf, type Settings} from '../../domain/settings.js';
import {currentLanguage, t} from '../../i18n/i18n.js';
import type {Language} from '../../i18n/language.js';
import {formatDate, formatDateTime, formatRelative} from '../format/values.js';
import type {ColumnSpec} from '../layout/columns.js';
import type {ScreenName} from '../state/app-types.js';
import {customerLabel, type RelatedRecords} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';

/** `settings` are the defaults where a caller has none (a test, an import preview). */
export type ViewContext = {
	now: number;
	related: RelatedRecords;
	dataset: Dataset;
	settings?: Settings;
	/** The owner name of the operator at the console, which `owner:@me` matches (none in a test or a preview). */
	me?: string;
};

const fallbackSettings = defaultSettings();

/** The base currency and rates money figures of a screen are in (KPI.md *Money*). */
export const ratesIn = (context: ViewContext): Rates => ratesOf(context.settings ?? fallbackSettings);

export const settingsIn = (context: ViewContext): Settings => context.settings ?? fallbackSettings;

/**
 * A column of a list. Its `title` is words in the language in force, so a screen's definition, made
 * at import, gives it as a getter (`get title() { return t('lists.columns.…'); }`): read when a frame
 * draws, never fixed at import. Its `letter` is the keymap's, the same in every language.
 */
export type Column<R> = ColumnSpec & {
	/** The capital letter that sorts by this column (Shift+letter). */
	letter: string;
	align?: 'left' | 'right';
	cell: (record: R, context: ViewContext) => string;
	/** The cell in fewer characters, used when `cell` does not fit its width: an amount keeps its currency and shortens its number. */
	narrow?: (record: R, context: ViewContext) => string;
	sortValue: (record: R, context: ViewContext) => string | number;
	tone?: (record: R, context: ViewContext) => Tone;
	/** Worked out from other records, not a field of the record (a customer's RFM): an import's preview leaves it out. */
	derived?: true;
	/**
	 * Of a derived column: whether a cell may hold `term` (folded) at all. A plain filter term reads
	 * the derived cells (which are not in the search text) only where they may: `ann` needs no RFM counted.
	 */
	mayHold?: (term: string) => boolean;
	/**
	 * What a frame draws, where it may differ from `cell` (which a filter, a search text and a sort
	 * read): a derived cell not yet counted on large data reads `…` until the list's idle step counts it.
	 */
	shown?: (record: R, context: ViewContext) => {text: string; tone: Tone};
	/** A money column: the record's amount in the base currency (null when it has no rate), summed by the frequency view. */
	sum?: (record: R, context: ViewContext) => number | null;
};

/** `text` wraps like prose; `item` is one line of a list (a related record) and is cut to fit instead. */
export type DetailLine =
	| {kind: 'field'; label: string; value: string; tone?: Tone}
	| {kind: 'section'; title: string}
	| {kind: 'text'; text: string; tone?: Tone}
	| {kind: 'item'; text: string; tone?: Tone};

export type SortOrder = {column: string; descending: boolean};

/** A screen of rows: its columns, how it searches, and the detail of one row. */
export type ScreenDefinition<R extends {id: string} = {id: string}> = {
	name: ScreenName;
	title: string;
	/** The entity the screen creates and edits; the change log edits none. */
	entity: EntityName | null;
	rows: (context: ViewContext) => readonly R[];
	find: (id: string, context: ViewContext) => R | undefined;
	columns: Array<Column<R>>;
	defaultSort: SortOrder;
	/**
	 * Work every row's cells share (a customer's RFM), done in an idle moment before the filter's
	 * search texts: true when it was already done, false when this call did it or did part of it (the
	 * step ends there). With `more`, it does a part at a time, on while `more()` says so; without, all.
	 */
	prepare?: (context: ViewContext, more?: () => boolean) => boolean;
	/**
	 * What the derived columns are worked out from, as one object that is new whenever they may change
	 * (the customers' RFM: new with the data, the rates and the clock). Without derived columns, none.
	 */
	derivedRevision?: (context: ViewContext) => object;
	/** Whether a frame drew derived cells as `…` (not counted yet): the list's idle step counts them and draws again. */
	drawsLater?: (context: ViewContext) => boolean;
	/** What `/` matches besides every cell of the row: fields no column shows (tags, product…). */
	searchText: (record: R, context: ViewContext) => string;
	heading: (record: R, context: ViewContext) => string;
	/**
	 * "Mine" (`@`): the column naming whose a record is (`owner`, a follow-up's `operator`), and the
	 * order that puts what is due for them first (tickets by SLA, follow-ups by due date).
	 */
	mine?: {column: string; due?: SortOrder};
	/** What the list says when it has no rows and no filter (`No customers yet.` by default); a getter, as `title` is. */
	empty?: string;
	detail: (record: R, context: ViewContext) => DetailLine[];
};

/** The screen of one entity: its rows are that entity's records. */
export type EntityScreenDefinition<E extends EntityName> = Omit<
	ScreenDefinition<EntityRecord[E]>,
	'rows' | 'find' | 'name' | 'entity'
> & {entity: E};

/** The definition's own properties are copied as they are, so its `title` getter stays a getter (a spread would read it once, at import). */
export const entityScreen = <E extends EntityName>(
	definition: EntityScreenDefinition<E>,
): ScreenDefinition<EntityRecord[E]> => {
	const screen = Object.defineProperties(
		{} as ScreenDefinition<EntityRecord[E]>,
		Object.getOwnPropertyDescriptors(definition),
	);
	screen.name = definition.entity;
	screen.rows = (context) => context.dataset[definition.entity] as unknown as ReadonlyArray<EntityRecord[E]>;
	screen.find = (id, context) => context.related.byId[definition.entity].get(id) as EntityRecord[E] | undefined;
	return screen;
};

/** Stands for a value while words are looked up once for every row (`cellWords`). */
export const place = '\u0000';

/**
 * Words a cell repeats on every row (a ticket's `met`), looked up once per language: a filter makes
 * every row's cells for its search texts, and a catalog lookup costs more than the rest of a cell
 * (about 15 µs, against 1). A word with a value (`{{duration}} left`) is kept as the text before and
 * after it, so a row only joins three strings.
 */
export const cellWords = <W>(lookUp: () => W): (() => W) => {
	let kept: {language: Language; words: W} | undefined;
	return () => {
		const language = currentLanguage();
		if (kept?.language !== language) kept = {language, words: lookUp()};
		return kept.words;
	};
};

/** A value's place in words looked up with `place` for it: what comes before it and after it. */
export const aroundValue = (words: string): {before: string; after: string} => {
	const at = words.indexOf(place);
	return at < 0 ? {before: words, after: ''} : {before: words.slice(0, at), after: words.slice(at + place.length)};
};

/** The column of the customer a record belongs to (a deal, ticket, feedback or order), the same on every screen. */
export const customerColumn = <R extends {customerId: string}>(priority: number): Column<R> => ({
	id: 'customer',
	get title() {
		return t('lists.columns.customer');
	},
	letter: 'C',
	min: 12,
	max: 36,
	priority,
	cell: (record, {related}) => customerLabel(related, record.customerId),
	sortValue: (record, {related}) => customerLabel(related, record.customerId).toLowerCase(),
});

export const field = (label: string, value: string, tone?: Tone): DetailLine => ({kind: 'field', label, value, tone});

/** A field holding a date (or, with `time`, a date-time) and how long ago or ahead it is: `2026-03-01 (3d ago)`. */
export const whenField = (
	label: string,
	iso: string | null,
	now: number,
	{time = false, tone}: {time?: boolean; tone?: Tone} = {},
): DetailLine =>
	field(
		label,
		t('lists.detail.dateAgo', {date: time ? formatDateTime(iso) : formatDate(iso), relative: formatRelative(iso, now)}),
		tone,
	);
export const section = (title: string): DetailLine => ({kind: 'section', title});
export const text = (value: string, tone?: Tone): DetailLine => ({kind: 'text', text: value, tone});
/** A record's id, and the id it has elsewhere (an import's) where it has one. */
export const idField = (id: string, externalId?: string | null): DetailLine =>
	field(t('lists.field.id'), externalId ? t('lists.detail.external', {id, external: externalId}) : id, 'muted');
export const item = (value: string, tone?: Tone): DetailLine => ({kind: 'item', text: value, tone});
