import {Box, Text} from 'ink';
import {formatMoney} from '../format/values.js';
import {fitCell, truncate} from '../layout/cell-text.js';
import {boardClosedDays, type BoardColumn} from '../state/board.js';
import {useTheme} from '../theme/theme-context.js';
import {TonedText} from './toned-text.js';

type Props = {columns: BoardColumn[]; selected: {column: number; row: number}; width: number; height: number};

/** The pipeline: a column per stage with its count and sum; each column scrolls to keep its selection in view. */
export function BoardView({columns, selected, width, height}: Props) {
	const theme = useTheme();
	const columnWidth = Math.max(8, Math.floor((width - 1) / columns.length) - 1);
	const rows = Math.max(1, height - 2);
	return (
		<Box width={width} height={height}>
			{columns.map((column, columnIndex) => {
				const active = columnIndex === selected.column;
				const row = active ? selected.row : 0;
				const offset = Math.max(0, Math.min(row - rows + 1, column.deals.length - rows));
				const start = active ? Math.max(0, offset) : 0;
				const label = column.stage === 'won' || column.stage === 'lost' ? `${column.stage} ${boardClosedDays}d` : column.stage;
				return (
					<Box key={column.stage} flexDirection="column" width={columnWidth + 1}>
						<TonedText bold inverse={active} tone={active ? 'accent' : 'text'}>
							{fitCell(`${label} (${column.deals.length})`, columnWidth)}
						</TonedText>
						<TonedText tone="muted">{fitCell(formatMoney(column.total), columnWidth)}</TonedText>
						{column.deals.slice(start, start + rows).map((deal, index) => {
							const isSelected = active && start + index === selected.row;
							return (
								<Text key={deal.id} inverse={isSelected} color={isSelected ? undefined : theme.colors[column.stage === 'won' ? 'ok' : column.stage === 'lost' ? 'muted' : 'text']} wrap="truncate">
									{fitCell(`${truncate(formatMoney(deal.amount, deal.currency), 9)} ${deal.title}`, columnWidth)}
								</Text>
							);
						})}
					</Box>
				);
			})}
		</Box>
	);
}
