import {Box, Text} from 'ink';
import type {Category, CostBreakdown} from '../../assessment/cost-breakdown.js';
import type {Evaluation} from '../../assessment/evaluation.js';
import {formatKpi, formatMoney} from '../../assessment/format-kpi.js';
import {implementationCategories, operatingCategories} from '../../domain/roi-costs.js';
import {t} from '../../i18n/i18n.js';
import {fitCell, truncate} from '../layout/cell-text.js';
import {TonedText} from './toned-text.js';

type Props = {evaluation: Evaluation; width: number; height: number};

const day = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** The costs column: each kind's subtotal, its categories under it, the total. */
const costRows = (costs: CostBreakdown, currency: string, width: number): string[] => {
	const money = (value: number) => fitCell(formatMoney(value, currency), 12, 'right');
	const label = Math.max(8, width - 13);
	const row = (text: string, value: number) => `${fitCell(text, label)} ${money(value)}`;
	const group = (title: string, total: number, members: readonly Category[]) => [
		row(title, total),
		...members.map((category) => row(`  ${category}`, costs.byCategory[category])),
	];
	return [
		...group(t('views.roi.implementation'), costs.implementation, implementationCategories),
		...group(t('views.roi.operation'), costs.operation, operatingCategories),
		...(costs.byCategory.uncategorised === 0
			? []
			: [row(t('views.roi.uncategorised'), costs.byCategory.uncategorised)]),
		row(t('views.roi.total'), costs.total),
		...(costs.beforeWindow === 0 ? [] : [row(t('views.roi.beforeWindow'), costs.beforeWindow)]),
	];
};

/** The benefit column: margin × revenue won, ROI against its target, the payback month. */
const benefitRows = (evaluation: Evaluation, costs: CostBreakdown): string[] => {
	const roi = evaluation.kpis.roi;
	return [
		t('views.roi.benefit'),
		t('views.roi.margin', {margin: formatKpi('roi', costs.margin)}),
		t('views.roi.revenueWon', {amount: formatMoney(costs.revenueWon, evaluation.currency)}),
		`  = ${formatMoney(costs.benefit, evaluation.currency)}`,
		'',
		t('views.roi.formula'),
		t('views.roi.against', {
			roi: formatKpi('roi', costs.roi),
			sign: roi.direction === 'higher' ? '≥' : '≤',
			target: formatKpi('roi', roi.target),
		}),
		'',
		t('views.roi.payback', {month: costs.paybackMonth ?? t('views.roi.notYet')}),
		// What the payback month is, over lines as narrow as the column (each language breaks them itself).
		...t('views.roi.paybackMeans').split('\n'),
	];
};

/**
 * The ROI KPI opened (Enter on it): what the CRM cost by category over the window after go-live,
 * beside the benefit, the ROI and the payback month — in place of a trend, as ROI is one figure over
 * one window, whatever the period shown. Two columns from 64 wide, else one under the other.
 */
export function RoiCostsView({evaluation, width, height}: Props) {
	const costs = evaluation.costs;
	const room = width - 2;
	if (!costs || costs.costCount === 0) {
		const words = !costs ? t('views.roi.noGoLive') : t('views.roi.noCosts');
		return (
			<Box flexDirection="column" width={room}>
				<TonedText bold tone="accent">
					{t('views.roi.title')}
				</TonedText>
				<Text wrap="wrap">{words}</Text>
			</Box>
		);
	}
	const two = room >= 64;
	const left = two ? Math.min(40, room - 32) : room;
	const costLines = costRows(costs, evaluation.currency, left);
	const benefitLines = benefitRows(evaluation, costs);
	const rows = two
		? Array.from(
				{length: Math.max(costLines.length, benefitLines.length)},
				(_, index) => `${fitCell(costLines[index] ?? '', left)}   ${benefitLines[index] ?? ''}`,
			)
		: [...costLines, '', ...benefitLines];
	const shown = rows.slice(0, Math.max(1, height - 3));
	return (
		<Box flexDirection="column" width={room}>
			<TonedText bold tone="accent">
				{truncate(
					t('views.roi.titleWindow', {
						from: day(costs.window.start),
						to: day(costs.window.end - 1),
						goLive: costs.goLive,
						currency: evaluation.currency,
					}),
					room,
				)}
			</TonedText>
			{shown.map((line, index) => (
				<Text key={index} wrap="truncate">
					{truncate(line, room)}
				</Text>
			))}
			<TonedText tone="muted">
				{truncate(
					rows.length > shown.length
						? t('views.roi.moreKeys', {count: rows.length - shown.length})
						: t('views.roi.keys'),
					room,
				)}
			</TonedText>
		</Box>
	);
}
