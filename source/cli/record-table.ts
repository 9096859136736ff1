import type {TableRenderer} from '../commands/records/record-output.js';
import {valueText} from '../commands/records/record-query.js';
import type {Dataset, StoredEntity} from '../domain/dataset.js';
import type {Settings} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import {displayWidth, fitCell, truncate} from '../ui/layout/cell-text.js';
import {type ColumnSpec, columnGap, fitColumns} from '../ui/layout/columns.js';
import type {Column, ViewContext} from '../ui/screens/screen-definition.js';
import {screenFor} from '../ui/screens/screen-registry.js';
import {relatedRecords} from '../ui/state/related-records.js';

type Fields = Record<string, unknown>;

/** A column of a printed table: what the console's list would show, or one stored field. */
export type TableColumn = ColumnSpec & {
	align: 'left' | 'right';
	cell: (record: object) => string;
	/** The cell in fewer characters where `cell` does not fit (an amount keeps its currency), as the console draws it. */
	narrow?: (record: object) => string;
};

/** What the screens' cells are worked out from: the dataset, its settings, the moment. */
export const viewContextOf = (dataset: Dataset, settings: Settings, now: number): ViewContext => ({
	now,
	dataset,
	settings,
	related: relatedRecords(dataset),
});

const widest = (texts: readonly string[], cap: number): number =>
	Math.min(cap, Math.max(0, ...texts.map((text) => displayWidth(text))));

/** The id, first and always shown: what `show` and the writing commands take. */
const idColumn = (records: readonly object[]): TableColumn => {
	const width = Math.max(
		2,
		widest(
			records.map((record) => String((record as Fields)['id'] ?? '')),
			44,
		),
	);
	return {
		id: 'id',
		title: t('lists.field.id'),
		min: width,
		max: width,
		priority: 0,
		align: 'left',
		cell: (record) => String((record as Fields)['id'] ?? ''),
	};
};

/** A stored field as a column, headed by its name (what --fields, --where and --sort take), numbers on the right. */
export const fieldColumn = (field: string, records: readonly object[], priority = 1): TableColumn => {
	const cells = records.map((record) => valueText((record as Fields)[field]));
	const numeric = records.some((record) => typeof (record as Fields)[field] === 'number');
	return {
		id: field,
		title: field,
		min: Math.min(12, Math.max(displayWidth(field), widest(cells, 12))),
		max: Math.max(displayWidth(field), widest(cells, 60)),
		priority,
		align: numeric ? 'right' : 'left',
		cell: (record) => valueText((record as Fields)[field]),
	};
};

const fromScreen = <R>(column: Column<R>, context: ViewContext): TableColumn => ({
	id: column.id,
	title: column.title,
	min: column.min,
	max: column.max,
	priority: column.priority,
	align: column.align ?? 'left',
	cell: (record) => column.cell(record as R, context),
	...(column.narrow ? {narrow: (record: object) => column.narrow!(record as R, context)} : {}),
});

/**
 * The columns the console's list shows for the entity, with the id first. Activities have no list
 * of their own: the follow-ups' columns (due, who with, what, by whom) after the kind.
 */
export const screenColumnsOf = (
	entity: StoredEntity,
	records: readonly object[],
	context: ViewContext,
): TableColumn[] => {
	if (entity === 'activities') {
		const followups = screenFor('followups').columns.filter((column) => column.id !== 'state');
		return [idColumn(records), fieldColumn('kind', records), ...followups.map((column) => fromScreen(column, context))];
	}
	if (entity === 'surveys' || entity === 'audiences') return [idColumn(records)];
	return [idColumn(records), ...screenFor(entity).columns.map((column) => fromScreen(column, context))];
};

/** The chosen fields as columns, in the order given. */
export const fieldColumnsOf = (fields: readonly string[], records: readonly object[]): TableColumn[] =>
	fields.map((field, index) => fieldColumn(field, records, index === 0 ? 0 : 1));

const cellIn = (column: TableColumn & {width: number}, record: object): string => {
	const text = column.cell(record);
	return column.narrow && displayWidth(text) > column.width ? column.narrow(record) : text;
};

const line = (cells: readonly string[]): string => cells.join(' '.repeat(columnGap)).trimEnd();

/**
 * Records as a plain table `width` cells wide: the columns that fit by priority, each cut to its
 * width (Chinese characters are two cells), every control character in the data written out as `\xNN`.
 */
export const renderTable = (columns: readonly TableColumn[], records: readonly object[], width: number): string => {
	if (records.length === 0) return `${t('cli.records.none')}\n`;
	const fitted = fitColumns(columns, width);
	const rows = [
		line(fitted.map((column) => fitCell(column.title, column.width, column.align))),
		...records.map((record) =>
			line(fitted.map((column) => fitCell(cellIn(column, record), column.width, column.align))),
		),
	];
	return `${rows.join('\n')}\n`;
};

/** One record as `field  value` lines, each value on one line cut to the width. */
export const renderRecord = (record: object, fields: readonly string[], width: number): string => {
	const labelWidth = widest(fields, 40);
	const valueWidth = Math.max(8, width - labelWidth - columnGap);
	const lines = fields.map((field) =>
		line([fitCell(field, labelWidth), truncate(valueText((record as Fields)[field]), valueWidth)]),
	);
	return `${lines.join('\n')}\n`;
};

/** The tables of the record commands, given to them by the command line (commands/ do not draw the console's columns). */
export const recordTables: TableRenderer = {
	list: (entity, records, fields, view, width) =>
		renderTable(
			fields === null
				? screenColumnsOf(entity, records, viewContextOf(view.dataset, view.settings, view.now))
				: fieldColumnsOf(fields, records),
			records,
			width,
		),
	show: renderRecord,
};
