import {Text} from 'ink';
import {memo} from 'react';
import {fitCell} from '../layout/cell-text.js';
import {columnGap} from '../layout/columns.js';
import type {Tone} from '../theme/theme.js';
import {useTheme} from '../theme/theme-context.js';

export type RowCell = {text: string; width: number; align: 'left' | 'right'; tone: Tone};

type Props = {cells: RowCell[]; selected: boolean; marked?: boolean};

const gap = ' '.repeat(columnGap);

/**
 * One table line; memoised, so moving the cursor re-renders two rows, not the window. The cursor's
 * mark comes first, then `*` on a marked row (in the accent colour, where there is colour).
 */
export const TableRow = memo(
	function TableRow({cells, selected, marked = false}: Props) {
		const theme = useTheme();
		return (
			<Text inverse={selected} wrap="truncate">
				{selected ? theme.cursorMark : ' '}
				{marked ? (
					<Text color={selected ? undefined : theme.colors.accent} bold>
						*
					</Text>
				) : (
					' '
				)}
				{cells.map((cell, index) => (
					<Text key={index} color={selected ? undefined : theme.colors[cell.tone]}>
						{index > 0 ? gap : ''}
						{fitCell(cell.text, cell.width, cell.align)}
					</Text>
				))}
			</Text>
		);
	},
	(before, after) =>
		before.selected === after.selected &&
		before.marked === after.marked &&
		(before.cells === after.cells ||
			(before.cells.length === after.cells.length &&
				before.cells.every((cell, index) => {
					const other = after.cells[index]!;
					return (
						cell.text === other.text &&
						cell.width === other.width &&
						cell.tone === other.tone &&
						cell.align === other.align
					);
				}))),
);
