import {Box, Text} from 'ink';
import {t} from '../../i18n/i18n.js';
import {displayWidth, fitCell, oneLine, truncate} from '../layout/cell-text.js';
import {columnGap, fitColumns} from '../layout/columns.js';
import type {Column, ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {ListState, ScreenName} from '../state/app-types.js';
import {type RowCell, TableRow} from './table-row.js';
import {TonedText} from './toned-text.js';

type Props = {
	entity: ScreenName;
	rows: ReadonlyArray<{id: string}>;
	list: ListState;
	width: number;
	height: number;
	context: ViewContext;
	/** The ids marked on this list (Space, `*`): their rows carry a mark. */
	marks?: {has: (id: string) => boolean};
};

/** Underlines the sort letter inside the column title, so Shift+letter is discoverable. */
function ColumnTitle({
	title,
	letter,
	width,
	align,
	marker,
}: {
	title: string;
	letter: string;
	width: number;
	align: 'left' | 'right';
	marker: string;
}) {
	// The sort arrow always shows: the title gives way to it.
	const fitted = fitCell(`${truncate(title, width - displayWidth(marker))}${marker}`, width, align);
	const at = fitted.toUpperCase().indexOf(letter);
	if (at < 0) return <Text bold>{fitted}</Text>;
	return (
		<Text bold>
			{fitted.slice(0, at)}
			<Text underline>{fitted[at]}</Text>
			{fitted.slice(at + 1)}
		</Text>
	);
}

/** A windowed table: renders only the rows in view, whatever the list's length. */
/** The cell, or its narrow form when the full one would be cut (an amount's currency is never cut off). */
const cellThatFits = (column: Column<{id: string}> & {width: number}, record: {id: string}, context: ViewContext) => {
	const full = column.cell(record, context);
	return column.narrow && displayWidth(full) > column.width ? column.narrow(record, context) : full;
};

export function DataTable({entity, rows, list, width, height, context, marks}: Props) {
	const screen = screenFor(entity);
	const columns = fitColumns(screen.columns, Math.max(1, width - 2));
	// A window shorter than the list's (a long notice over its last rows) still shows the selected row.
	const offset = Math.max(list.offset, list.cursor - height + 1);
	const windowRows = rows.slice(offset, offset + height);
	return (
		<Box flexDirection="column" width={width} height={height + 1}>
			<Text wrap="truncate">
				{'  '}
				{columns.map((column, index) => (
					<Text key={column.id}>
						{index > 0 ? ' '.repeat(columnGap) : ''}
						<ColumnTitle
							title={column.title}
							letter={column.letter}
							width={column.width}
							align={column.align ?? 'left'}
							marker={list.sort.column === column.id ? (list.sort.descending ? ' ↓' : ' ↑') : ''}
						/>
					</Text>
				))}
			</Text>
			{rows.length === 0 ? (
				<TonedText tone="muted">
					{list.filter
						? `  ${t('views.table.noMatch', {things: screen.title.toLowerCase(), filter: oneLine(list.filter)})}`
						: `  ${screen.empty ?? t('views.table.empty', {things: screen.title.toLowerCase()})}`}
				</TonedText>
			) : (
				windowRows.map((record, index) => {
					const cells: RowCell[] = columns.map((column) => {
						const shown = column.shown?.(record, context);
						return {
							text: shown ? shown.text : cellThatFits(column, record, context),
							width: column.width,
							align: column.align ?? 'left',
							tone: shown ? shown.tone : (column.tone?.(record, context) ?? 'text'),
						};
					});
					return (
						<TableRow
							key={record.id}
							cells={cells}
							selected={offset + index === list.cursor}
							marked={marks?.has(record.id) === true}
						/>
					);
				})
			)}
		</Box>
	);
}
