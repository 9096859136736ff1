import {Box, Text} from 'ink';
import type {Funnel} from '../../assessment/analysis-kpis.js';
import {formatKpi} from '../../assessment/format-kpi.js';
import type {KpiId} from '../../assessment/kpi-catalog.js';
import {periodName} from '../../assessment/periods.js';
import {type FunnelStage, funnelStages} from '../../assessment/stage-history.js';
import {t} from '../../i18n/i18n.js';
import {fitCell, truncate} from '../layout/cell-text.js';
import type {FunnelShown} from '../state/analysis-views.js';
import type {Tone} from '../theme/theme.js';
import {TonedText} from './toned-text.js';
import {WrappedText} from './wrapped-text.js';

type Props = {shown: FunnelShown; width: number; toDate: boolean};

const share = (funnel: Funnel, stage: FunnelStage): number | null =>
	funnel.created === 0 ? null : funnel.reached[stage] / funnel.created;

const formatShare = (stage: FunnelStage, value: number | null): string => formatKpi(`funnel_${stage}` as KpiId, value);

/** Columns beside the bar: stage 13, count 7, share 7, drop 15, previous 16, with the cursor's margin and gaps. */
const fixed = 2 + 13 + 1 + 1 + 7 + 1 + 7 + 1 + 15 + 1 + 16;

/** A bar in plain characters, so it reads without colour: `█` for the share, `░` for the rest. */
export const textBar = (value: number, width: number): string => {
	const filled = Math.round(Math.max(0, Math.min(1, value)) * width);
	return '█'.repeat(filled) + '░'.repeat(width - filled);
};

/** How many fewer deals reached this stage than the one before, and what share of those that is. */
const dropOf = (funnel: Funnel, index: number): string => {
	const before = index === 0 ? 0 : funnel.reached[funnelStages[index - 1]!];
	if (before === 0) return '—';
	const drop = before - funnel.reached[funnelStages[index]!];
	return drop === 0 ? '0 (0%)' : `-${drop} (-${Math.round((drop / before) * 100)}%)`;
};

/** This period's share beside the previous one's, ▲ when it rose since, ▼ when it fell (a higher share is better). */
const previousOf = (shown: FunnelShown, stage: FunnelStage): {text: string; tone: Tone} => {
	const now = share(shown.funnel, stage);
	const before = share(shown.before, stage);
	if (before === null) return {text: '—', tone: 'muted'};
	const same = now === null || Math.abs(now - before) < 1e-9;
	const text = `${formatShare(stage, before)} ${same ? ' ' : now > before ? '▲' : '▼'}`;
	return {text, tone: same ? 'text' : now > before ? 'ok' : 'bad'};
};

/** The funnel of the shown period: per stage, a bar of the share of its new deals that reached it, the count, the drop, the period before. */
export function FunnelView({shown, width, toDate}: Props) {
	const {funnel, before, period} = shown;
	const room = width - 2;
	const when = toDate ? t('views.funnel.toDate', {period: periodName(period)}) : periodName(period);
	const heading = t('views.funnel.heading', {count: funnel.created, when, previous: before.created});
	if (funnel.created === 0)
		return (
			<Box flexDirection="column">
				<TonedText bold tone="accent">
					{truncate(heading, room)}
				</TonedText>
				<Text wrap="wrap">{t('views.funnel.none', {when})}</Text>
			</Box>
		);
	const bar = Math.max(4, Math.min(80, room - fixed));
	const header = `  ${fitCell(t('views.funnel.stage'), 13)} ${fitCell(t('views.funnel.reached'), bar)} ${fitCell(t('views.funnel.deals'), 7, 'right')} ${fitCell(t('views.funnel.share'), 7, 'right')} ${fitCell(t('views.funnel.drop'), 15, 'right')} ${fitCell(t('views.funnel.previous'), 16, 'right')}`;
	return (
		<Box flexDirection="column">
			<TonedText bold tone="accent">
				{truncate(heading, room)}
			</TonedText>
			<TonedText tone="muted">{truncate(header, room)}</TonedText>
			{funnelStages.map((stage, index) => {
				const previous = previousOf(shown, stage);
				return (
					<Text key={stage} wrap="truncate">
						{'  '}
						{fitCell(stage, 13)} <TonedText tone="accent">{textBar(share(funnel, stage) ?? 0, bar)}</TonedText>{' '}
						{fitCell(String(funnel.reached[stage]), 7, 'right')}{' '}
						{fitCell(formatShare(stage, share(funnel, stage)), 7, 'right')}{' '}
						{fitCell(dropOf(funnel, index), 15, 'right')}{' '}
						<TonedText tone={previous.tone}>{fitCell(previous.text, 16, 'right')}</TonedText>
					</Text>
				);
			})}
			{funnel.unlogged > 0 ? (
				<WrappedText
					tone="muted"
					width={room}
					text={t('views.funnel.unlogged', {unlogged: funnel.unlogged, created: funnel.created})}
				/>
			) : null}
		</Box>
	);
}
