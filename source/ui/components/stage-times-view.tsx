import {Box, Text} from 'ink';
import type {Evaluation} from '../../assessment/evaluation.js';
import {formatKpi, statusSymbol} from '../../assessment/format-kpi.js';
import type {KpiValue} from '../../assessment/kpi-value.js';
import {periodName} from '../../assessment/periods.js';
import {openStages} from '../../domain/opportunity.js';
import {t} from '../../i18n/i18n.js';
import {fitCell, truncate} from '../layout/cell-text.js';
import {stageKpi} from '../state/analysis-actions.js';
import type {StagesShown} from '../state/analysis-views.js';
import {statusTone, statusWords} from './kpi-label.js';
import {TonedText} from './toned-text.js';
import {WrappedText} from './wrapped-text.js';

type Props = {shown: StagesShown; evaluation: Evaluation; cursor: number; width: number; toDate: boolean};

const ticks = '▁▂▃▄▅▆▇█';

/** The periods' means as a line of bars, lowest to highest of the stage's own range; `·` where no visit ended. */
export const sparkline = (values: readonly KpiValue[]): string => {
	const known = values.filter((value): value is number => value !== null);
	const low = Math.min(...known);
	const high = Math.max(...known);
	return values
		.map((value) => {
			if (value === null) return '·';
			const at = high === low ? 3 : Math.round(((value - low) / (high - low)) * (ticks.length - 1));
			return ticks[at]!;
		})
		.join('');
};

/** From this width the last periods' means are written out beside their sparkline. */
const valuesFrom = 120;

const header = (wide: boolean, count: number): string =>
	`  ${fitCell(t('views.stages.stage'), 13)} ${fitCell(t('views.stages.status'), 9)} ${fitCell(t('views.stages.mean'), 9, 'right')} ${fitCell(t('views.stages.visits'), 6, 'right')} ${fitCell(t('views.stages.target'), 11, 'right')} ${fitCell(t('views.stages.previous'), 9, 'right')} ${fitCell(t('views.stages.last', {count}), count)}${wide ? t('views.stages.oldestFirst') : ''}`;

/** Each open stage's mean days in the period against its target, with the period before and the last few periods. */
export function StageTimesView({shown, evaluation, cursor, width, toDate}: Props) {
	const wide = width >= valuesFrom;
	const room = width - 2;
	const count = shown.trends.prospecting.length;
	return (
		<Box flexDirection="column">
			<TonedText bold tone="accent">
				{truncate(
					t(toDate ? 'views.stages.headingToDate' : 'views.stages.heading', {period: periodName(evaluation.period)}),
					room,
				)}
			</TonedText>
			<TonedText tone="muted">{truncate(header(wide, count), room)}</TonedText>
			{openStages.map((stage, index) => {
				const id = stageKpi(stage);
				const kpi = evaluation.kpis[id];
				const selected = index === cursor;
				const target = `${kpi.direction === 'higher' ? '≥' : '≤'} ${formatKpi(id, kpi.target)}`;
				const trend = shown.trends[stage];
				const values = wide ? `  ${trend.map((value) => fitCell(formatKpi(id, value), 8, 'right')).join('')}` : '';
				return (
					<Text key={stage} inverse={selected} wrap="truncate">
						{selected ? '› ' : '  '}
						{fitCell(stage, 13)}{' '}
						<TonedText tone={statusTone[kpi.status]} inverse={selected}>
							{fitCell(`${statusSymbol[kpi.status]} ${statusWords(kpi.status)}`, 9)}
						</TonedText>{' '}
						{fitCell(formatKpi(id, kpi.actual), 9, 'right')} {fitCell(String(shown.visits[stage]), 6, 'right')}{' '}
						{fitCell(target, 11, 'right')} {fitCell(formatKpi(id, kpi.previous), 9, 'right')} {sparkline(trend)}
						{values}
					</Text>
				);
			})}
			<WrappedText tone="muted" width={room} text={t('views.stages.help')} />
		</Box>
	);
}
