import {Box, Text} from 'ink';
import {t} from '../../i18n/i18n.js';
import {formatMoney, formatMoneyCompact} from '../format/values.js';
import {fitCell} from '../layout/cell-text.js';
import {type BoardColumn, boardClosedDays} from '../state/board.js';
import {customerLabel, type RelatedRecords} from '../state/related-records.js';
import {useTheme} from '../theme/theme-context.js';
import {TonedText} from './toned-text.js';

type Props = {
	columns: BoardColumn[];
	/** The base currency the columns' totals are in. */
	base: string;
	selected: {column: number; row: number};
	related: RelatedRecords;
	width: number;
	height: number;
};

const shortStage: Record<string, string> = {
	prospecting: 'prospect',
	qualification: 'qualify',
	proposal: 'proposal',
	negotiation: 'negotiate',
	won: 'won',
	lost: 'lost',
};

/**
 * The pipeline: a column per stage headed by its count and sum; each deal a two-line card (title,
 * then amount and customer). Each column scrolls to keep its selected card in view.
 */
export function BoardView({columns, base, selected, related, width, height}: Props) {
	const theme = useTheme();
	const columnWidth = Math.max(8, Math.floor(width / columns.length) - 1);
	const cards = Math.max(1, Math.floor((height - 2) / 2));
	return (
		<Box width={width} height={height}>
			{columns.map((column, columnIndex) => {
				const active = columnIndex === selected.column;
				const start = active ? Math.max(0, Math.min(selected.row - cards + 1, column.deals.length - cards)) : 0;
				const closed = column.stage === 'won' || column.stage === 'lost';
				const name = columnWidth >= 14 ? column.stage : shortStage[column.stage]!;
				return (
					<Box key={column.stage} flexDirection="column" width={columnWidth + 1}>
						{/* The selected column and card carry a mark of their own, not only inverse and colour (issue 13: invisible in mono). */}
						<TonedText bold inverse={active} tone={active ? 'accent' : 'text'}>
							{fitCell(
								`${active ? theme.cursorMark : ' '}${name}${closed ? ` ${t('views.board.recentDays', {days: boardClosedDays})}` : ''}`,
								columnWidth,
							)}
						</TonedText>
						<TonedText tone="muted">
							{fitCell(
								`${column.deals.length} · ${formatMoneyCompact(column.total, base)}${column.unpriced > 0 ? ` ${t('views.board.noRate', {count: column.unpriced})}` : ''}`,
								columnWidth,
							)}
						</TonedText>
						{column.deals.slice(start, start + cards).map((deal, index) => {
							const isSelected = active && start + index === selected.row;
							const color = isSelected
								? undefined
								: theme.colors[column.stage === 'won' ? 'ok' : column.stage === 'lost' ? 'muted' : 'text'];
							return (
								<Box key={deal.id} flexDirection="column">
									<Text inverse={isSelected} color={color} bold={isSelected} wrap="truncate">
										{fitCell(`${isSelected ? theme.cursorMark : ' '}${deal.title}`, columnWidth)}
									</Text>
									<Text inverse={isSelected} color={isSelected ? undefined : theme.colors.muted} wrap="truncate">
										{fitCell(
											` ${formatMoney(deal.amount, deal.currency)} ${customerLabel(related, deal.customerId)}`,
											columnWidth,
										)}
									</Text>
								</Box>
							);
						})}
					</Box>
				);
			})}
		</Box>
	);
}
