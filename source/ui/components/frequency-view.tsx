import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import {t} from '../../i18n/i18n.js';
import {formatMoneyCompact} from '../format/values.js';
import {displayWidth, fitCell, oneLine, truncate} from '../layout/cell-text.js';
import {ratesIn} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState} from '../state/app-types.js';
import {countOf} from '../state/bulk-actions.js';
import {frequencyCounted, frequencyRows, sumColumnOf} from '../state/frequency.js';
import {rowsOf, viewContext} from '../state/selection.js';
import {useTheme} from '../theme/theme-context.js';
import {TonedText} from './toned-text.js';

/** A share as a bar of `width` cells (eighths in the last one), so the biggest values stand out. */
const bar = (share: number, width: number): string => {
	const eighths = Math.round(share * width * 8);
	const full = Math.floor(eighths / 8);
	const part = eighths % 8;
	return `${'█'.repeat(full)}${part > 0 ? '▏▎▍▌▋▊▉'[part - 1] : ''}`;
};

/**
 * The frequency view (`#`): a list's column counted by value over the rows its filter shows, with
 * each value's share and, on a screen with money, the money summed. A large list is counted just
 * after the frame that says so, never while a key waits.
 */
export function FrequencyView({state, width, height}: {state: AppState; width: number; height: number}) {
	const frequency = state.frequency!;
	const theme = useTheme();
	const rows = rowsOf(state, frequency.screen);
	const ready = frequencyCounted(state);
	const [, setCounted] = useState(0);
	useEffect(() => {
		if (ready) return;
		const timer = setImmediate(() => {
			frequencyRows(state);
			setCounted((count) => count + 1);
		});
		return () => clearImmediate(timer);
	}, [ready, state]);
	const screen = screenFor(frequency.screen);
	const column = screen.columns.find((candidate) => candidate.id === frequency.column) ?? screen.columns[0]!;
	const filter = state.lists[frequency.screen].filter;
	const counted = countOf(frequency.screen, rows.length);
	const title = filter
		? t('views.frequency.titleFiltered', {column: column.title, rows: counted, filter: oneLine(filter)})
		: t('views.frequency.title', {column: column.title, rows: counted});
	if (!ready)
		return (
			<Box flexDirection="column" paddingLeft={1}>
				<TonedText tone="accent" bold>
					{truncate(title, width - 2)}
				</TonedText>
				<TonedText tone="muted">{t('views.frequency.counting', {rows: rows.length.toLocaleString('en-US')})}</TonedText>
			</Box>
		);
	const values = frequencyRows(state);
	const sumColumn = sumColumnOf(screen.columns);
	const base = ratesIn(viewContext(state)).base;
	const countWidth = Math.max(7, displayWidth(rows.length.toLocaleString('en-US')));
	const sumWidth = sumColumn ? 12 : 0;
	// The values take what they need up to 40 cells; the bar, what is left (at least 12).
	const longest = Math.max(
		displayWidth(column.title) + 2,
		...values.slice(0, 200).map((value) => displayWidth(value.value)),
	);
	const others = countWidth + 2 + 5 + 2 + (sumColumn ? sumWidth + 2 : 0) + 2 + 3;
	const valueWidth = Math.max(8, Math.min(40, longest, width - others - 12));
	const barWidth = Math.max(12, Math.min(40, width - others - valueWidth));
	const page = Math.max(1, height - 3);
	const offset = Math.min(Math.max(0, frequency.cursor - page + 1), Math.max(0, values.length - page));
	const unpriced = values.reduce((total, value) => total + value.unpriced, 0);
	// The order shows as the list's does: an arrow on the column sorted by.
	const arrow = (sort: typeof frequency.sort) => (frequency.sort === sort ? (sort === 'value' ? ' ↑' : ' ↓') : '');
	const heading = [
		fitCell(`${column.title}${arrow('value')}`, valueWidth, 'left'),
		fitCell(`${t('views.frequency.count')}${arrow('count')}`, countWidth, 'right'),
		fitCell(t('views.frequency.share'), 5, 'right'),
		' '.repeat(barWidth),
		...(sumColumn ? [fitCell(`${sumColumn.title} ${base}${arrow('sum')}`, sumWidth, 'right')] : []),
	].join('  ');
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Box paddingLeft={1}>
				<Box flexGrow={1}>
					<TonedText tone="accent" bold>
						{truncate(title, width - 16)}
					</TonedText>
				</Box>
				<TonedText tone="muted">{` ${t('views.frequency.values', {count: values.length})} `}</TonedText>
			</Box>
			<Text bold wrap="truncate">{`  ${heading}`}</Text>
			{values.length === 0 ? <TonedText tone="muted">{` ${t('views.frequency.none')}`}</TonedText> : null}
			{values.slice(offset, offset + page).map((value, index) => {
				const selected = offset + index === frequency.cursor;
				const cells = [
					fitCell(value.value === '' ? t('views.frequency.blank') : oneLine(value.value), valueWidth, 'left'),
					fitCell(value.count.toLocaleString('en-US'), countWidth, 'right'),
					fitCell(`${(value.share * 100).toFixed(value.share < 0.1 ? 1 : 0)}%`, 5, 'right'),
					fitCell(bar(value.share, barWidth), barWidth, 'left'),
					...(sumColumn ? [fitCell(formatMoneyCompact(value.sum ?? 0, base), sumWidth, 'right')] : []),
				];
				return (
					<Text key={value.value} inverse={selected} wrap="truncate">
						{selected ? `${theme.cursorMark} ` : '  '}
						{cells.join('  ')}
					</Text>
				);
			})}
			{state.mask ? <TonedText tone="muted">{`  ${t('views.frequency.masked')}`}</TonedText> : null}
			{unpriced > 0 ? (
				<TonedText tone="warn">{`  ${t('views.frequency.unpriced', {rows: unpriced.toLocaleString('en-US'), base})}`}</TonedText>
			) : null}
		</Box>
	);
}
