import {Box, Text} from 'ink';
import {oneLine} from '../layout/cell-text.js';
import type {ViewRow} from '../state/view-rows.js';
import {TonedText} from './toned-text.js';

type Props = {title?: string; rows: ViewRow[]; scroll: number; width: number; height: number};

/** A scrolling window over pre-wrapped lines: the detail view and the help overlay. */
export function TextView({title, rows, scroll, width, height}: Props) {
	const room = title === undefined ? height : height - 1;
	const visible = rows.slice(scroll, scroll + room);
	const more = rows.length > scroll + room;
	return (
		<Box flexDirection="column" width={width} height={height} paddingLeft={1}>
			{title === undefined ? null : (
				<Box>
					<Box flexGrow={1}>
						<TonedText bold tone="accent">
							{oneLine(title)}
						</TonedText>
					</Box>
					{more || scroll > 0 ? (
						<TonedText tone="muted">{` ${scroll + 1}–${Math.min(rows.length, scroll + room)}/${rows.length} `}</TonedText>
					) : null}
				</Box>
			)}
			{visible.map((row, index) => (
				<TonedText key={scroll + index} tone={row.tone} bold={row.bold}>
					{row.text === '' ? ' ' : row.text}
				</TonedText>
			))}
			{visible.length === 0 ? <Text> </Text> : null}
		</Box>
	);
}
