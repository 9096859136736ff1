import {Box, Text} from 'ink';
import type {Category, CostBreakdown} from '../../assessment/cost-breakdown.js';
import type {Evaluation} from '../../assessment/evaluation.js';
import {formatKpi, formatMoney} from '../../assessment/format-kpi.js';
import {implementationCategories, operatingCategories} from '../../domain/roi-costs.js';
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
		...group('Implementation', costs.implementation, implementationCategories),
		...group('Operation', costs.operation, operatingCategories),
		...(costs.byCategory.uncategorised === 0 ? [] : [row('From before categories', costs.byCategory.uncategorised)]),
		row('Total costs', costs.total),
		...(costs.beforeWindow === 0 ? [] : [row('Before go-live (payback)', costs.beforeWindow)]),
	];
};

/** The benefit column: margin × revenue won, ROI against its target, the payback month. */
const benefitRows = (evaluation: Evaluation, costs: CostBreakdown): string[] => {
	const roi = evaluation.kpis.roi;
	return [
		'Benefit',
		`  margin ${formatKpi('roi', costs.margin)}`,
		`  × revenue won ${formatMoney(costs.revenueWon, evaluation.currency)}`,
		`  = ${formatMoney(costs.benefit, evaluation.currency)}`,
		'',
		'ROI = (benefit − costs) / costs',
		`  ${formatKpi('roi', costs.roi)} (target ${roi.direction === 'higher' ? '≥' : '≤'} ${formatKpi('roi', roi.target)})`,
		'',
		`Payback month: ${costs.paybackMonth ?? 'not yet'}`,
		'  margin × revenue won since',
		'  go-live beyond every cost',
		'  dated up to then',
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
		const words = !costs
			? 'No go-live date is set: press o to set it. ROI counts costs and revenue over the window after it.'
			: 'No costs are entered, so ROI has no value. Press C to add them: one-off costs like 2026-03-01 software 45,000 Licences, monthly ones like 2026-03.. hosting 300 Cloud VM (or crm settings cost add).';
		return (
			<Box flexDirection="column" width={room}>
				<TonedText bold tone="accent">
					Return on investment
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
					`Return on investment, ${day(costs.window.start)} to ${day(costs.window.end - 1)} (go-live ${costs.goLive}), in ${evaluation.currency}`,
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
					`${rows.length > shown.length ? `${rows.length - shown.length} more lines (a taller terminal shows them). ` : ''}C edits the costs, o the margin and go-live.`,
					room,
				)}
			</TonedText>
		</Box>
	);
}
