import {Box, Text} from 'ink';
import {formatMoney} from '../../assessment/format-kpi.js';
import {rfmSegmentNames, type SegmentRow} from '../../assessment/rfm.js';
import {t} from '../../i18n/i18n.js';
import {formatMoneyCompact} from '../format/values.js';
import {fitCell, truncate} from '../layout/cell-text.js';
import type {ValueShown} from '../state/analysis-views.js';
import {TonedText} from './toned-text.js';
import {WrappedText} from './wrapped-text.js';

type Props = {shown: ValueShown; currency: string; cursor: number; width: number};

const percent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/** Revenue in its column: in full where it fits, else compactly with its currency. */
const money = (value: number, currency: string, room: number): string => {
	const full = formatMoney(value, currency);
	return full.length <= room ? full : formatMoneyCompact(value, currency);
};

/** The instant T, to the minute: the end of a period is the midnight it ends at. */
const instant = (at: number): string => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const cells = (row: SegmentRow, currency: string, revenue: number): string[] => [
	fitCell(row.segment === null ? t('assess.rfm.noPurchase') : rfmSegmentNames[row.segment], 24),
	fitCell(row.customers.toLocaleString('en-US'), 9, 'right'),
	fitCell(percent(row.shareOfCustomers), 7, 'right'),
	fitCell(row.segment === null ? '—' : money(row.revenue, currency, revenue), revenue, 'right'),
	fitCell(row.segment === null ? '—' : percent(row.shareOfRevenue), 7, 'right'),
];

/** The RFM segment summary as of T: customers, revenue and their shares; Enter lists a segment's customers. */
export function CustomerValueView({shown, currency, cursor, width}: Props) {
	const room = width - 2;
	const revenue = width >= 120 ? 20 : 14;
	const share = t('views.value.share');
	const header = `  ${fitCell(t('views.value.segment'), 24)} ${fitCell(t('views.value.customers'), 9, 'right')} ${fitCell(share, 7, 'right')} ${fitCell(t('views.value.revenue'), revenue, 'right')} ${fitCell(share, 7, 'right')}`;
	return (
		<Box flexDirection="column">
			<TonedText bold tone="accent">
				{truncate(t('views.value.title', {at: instant(shown.asOf)}), room)}
			</TonedText>
			<TonedText tone="muted">{truncate(header, room)}</TonedText>
			{shown.rows.map((row, index) => {
				const selected = index === cursor;
				const line = `${selected ? '› ' : '  '}${cells(row, currency, revenue).join(' ')}`;
				return row.segment === null ? (
					<TonedText key="none" tone="muted" inverse={selected}>
						{truncate(line, room)}
					</TonedText>
				) : (
					<Text key={row.segment} inverse={selected} wrap="truncate">
						{line}
					</Text>
				);
			})}
			{shown.unpriced > 0 ? (
				<WrappedText tone="muted" width={room} text={t('views.value.unpriced', {count: shown.unpriced})} />
			) : null}
			<WrappedText tone="muted" width={room} text={t('views.value.help')} />
		</Box>
	);
}
