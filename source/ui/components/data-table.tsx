import {Box, Text} from 'ink';
import {currentLanguage, t} from '../../i18n/i18n.js';
import {displayWidth, fitCell, oneLine, truncate} from '../layout/cell-text.js';
import {columnGap, fitColumns} from '../layout/columns.js';
import type {Column, ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {ListState, ScreenName} from '../state/app-types.js';
import {useTheme} from '../theme/theme-context.js';
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
	/** How much of the data is read, while it is read: an empty list then says so, not that there are none. */
	readPercent?: number;
};

/**
 * A column's header: its title, then its sort letter where the title lacks it (a Chinese title, or
 * `Close` sorted by X): `姓名 N`, or `姓名(N)` without colour, where underline and dim do not show.
 * The letter is said only where the width the layout gave holds it, with the sort arrow: the layout
 * (fitColumns) sizes columns by their titles, and widening them for the letter would drop whole
 * columns of a Chinese table at 80 columns; a narrow column keeps its title whole rather than cut
 * for it. `letterAt` is the letter's index in the text, or -1.
 */
export const columnHeader = (
	title: string,
	letter: string,
	width: number,
	marker: string,
	mono: boolean,
): {text: string; letterAt: number} => {
	if (!title.toUpperCase().includes(letter)) {
		// Without colour `(N)` where it fits, else ` N` as with colour.
		const suffix = [...(mono ? [`(${letter})`] : []), ` ${letter}`].find(
			(candidate) => displayWidth(title) + candidate.length + displayWidth(marker) <= width,
		);
		if (suffix) return {text: `${title}${suffix}${marker}`, letterAt: title.length + suffix.indexOf(letter)};
	}
	// The sort arrow always shows: the title gives way to it.
	const text = `${truncate(title, width - displayWidth(marker))}${marker}`;
	return {text, letterAt: text.toUpperCase().indexOf(letter)};
};

/** The header of a column: its sort letter underlined (and dim, after the title), so Shift+letter is discoverable. */
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
	const theme = useTheme();
	const header = columnHeader(title, letter, width, marker, theme.name === 'mono');
	const fitted = fitCell(header.text, width, align);
	// Right-aligned, the header moves by its padding; the letter with it.
	const start = fitted.indexOf(header.text);
	if (header.letterAt < 0 || start < 0) return <Text bold>{fitted}</Text>;
	const at = start + header.letterAt;
	const after = header.letterAt >= title.length;
	return (
		<Text bold>
			{fitted.slice(0, at)}
			<Text underline dimColor={after && theme.name === 'color'}>
				{fitted[at]}
			</Text>
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

type Fitted = ReturnType<typeof fitColumns<Column<{id: string}>>>;

/** A row's cells as last drawn, and what they were drawn from. */
type DrawnCells = {columns: Fitted; context: ViewContext; language: string; waiting: boolean; cells: RowCell[]};
const drawnCells = new WeakMap<object, DrawnCells>();

/**
 * The cells of a record's row. A cursor move draws the same window again: its rows' cells are
 * those drawn before while the columns (fitColumns keeps them), the view context (the data, the
 * clock, the settings), the language and whether derived cells are still being counted are the
 * same, so the move reads 48 rows' formatted cells again and no cell is formatted or measured again.
 */
const cellsOf = (record: {id: string}, columns: Fitted, context: ViewContext, waiting: boolean): RowCell[] => {
	const language = currentLanguage();
	const drawn = drawnCells.get(record);
	if (
		drawn?.columns === columns &&
		drawn.context === context &&
		drawn.language === language &&
		drawn.waiting === waiting
	)
		return drawn.cells;
	const cells: RowCell[] = columns.map((column) => {
		const shown = column.shown?.(record, context);
		return {
			text: shown ? shown.text : cellThatFits(column, record, context),
			width: column.width,
			align: column.align ?? 'left',
			tone: shown ? shown.tone : (column.tone?.(record, context) ?? 'text'),
		};
	});
	drawnCells.set(record, {columns, context, language, waiting, cells});
	return cells;
};

/** What a list with no rows says: none match its filter, none yet, or none read yet while the data is read. */
const emptyText = (screen: ReturnType<typeof screenFor>, list: ListState, readPercent: number | undefined): string => {
	const things = screen.title.toLowerCase();
	if (list.filter) {
		const filter = oneLine(list.filter);
		return readPercent === undefined
			? t('views.table.noMatch', {things, filter})
			: t('views.table.noMatchYet', {things, filter, percent: readPercent});
	}
	return readPercent === undefined
		? (screen.empty ?? t('views.table.empty', {things}))
		: t('views.table.noneReadYet', {things, percent: readPercent});
};

export function DataTable({entity, rows, list, width, height, context, marks, readPercent}: Props) {
	const screen = screenFor(entity);
	const columns = fitColumns(screen.columns, Math.max(1, width - 2));
	// A window shorter than the list's (a long notice over its last rows) still shows the selected row.
	const offset = Math.max(list.offset, list.cursor - height + 1);
	const windowRows = rows.slice(offset, offset + height);
	const waiting = screen.drawsLater?.(context) === true;
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
				<TonedText tone="muted">{`  ${emptyText(screen, list, readPercent)}`}</TonedText>
			) : (
				windowRows.map((record, index) => {
					const cells = cellsOf(record, columns, context, waiting);
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
