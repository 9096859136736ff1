import {implementationCategories} from '../domain/roi-costs.js';
import {type CostBreakdown, categories} from './cost-breakdown.js';
import type {Evaluation} from './evaluation.js';
import {formatKpi, formatMoney} from './format-kpi.js';

/** How an operator adds costs, where a report or a view has none to show. */
export const addCostsAdvice =
	'Add them with `crm settings cost add "2026-03-01 software 45,000 Licences"` (a one-off), `crm settings cost add --monthly "2026-03.. hosting 300 Cloud VM"` (per month), or in the console: the assessment screen, key C.';

const day = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** The window as the report says it: its first and last day (UTC). */
const windowText = (costs: CostBreakdown): string => `${day(costs.window.start)} to ${day(costs.window.end - 1)}`;

/** The JSON report's `roi`: the costs by category over the window, the benefit, ROI and the payback month (null without a go-live). */
export const costsJson = (evaluation: Evaluation) => {
	const costs = evaluation.costs;
	if (!costs) return null;
	return {
		goLive: costs.goLive,
		window: {start: new Date(costs.window.start).toISOString(), end: new Date(costs.window.end).toISOString()},
		costs: {
			byCategory: costs.byCategory,
			implementation: costs.implementation,
			operation: costs.operation,
			total: costs.total,
			beforeWindow: costs.beforeWindow,
		},
		margin: costs.margin,
		revenueWon: costs.revenueWon,
		benefit: costs.benefit,
		roi: costs.roi,
		paybackMonth: costs.paybackMonth,
	};
};

/** The report's "Costs and return": each category over the window, the subtotals, the benefit beside them, ROI and payback. */
export const costsSection = (evaluation: Evaluation): string[] => {
	const lines = ['', '## Costs and return', ''];
	const costs = evaluation.costs;
	if (!costs) {
		lines.push(
			'No go-live date is set (`assessment.goLive` in the settings file, or key o on the assessment screen), so there is no window to count costs and return over.',
		);
		return lines;
	}
	const money = (value: number) => formatMoney(value, evaluation.currency);
	lines.push(`The ${windowText(costs)} window after go-live on ${costs.goLive}; money in ${evaluation.currency}.`, '');
	if (costs.costCount === 0) {
		lines.push(`No costs are entered, so ROI has no value (KPI.md: null when costs are 0). ${addCostsAdvice}`);
		return lines;
	}
	lines.push('| Kind | Category | Over the window |', '|---|---|---:|');
	for (const category of categories) {
		const amount = costs.byCategory[category];
		const implementation = (implementationCategories as readonly string[]).includes(category);
		if (category === 'uncategorised' && amount === 0) continue;
		lines.push(
			`| ${category === 'uncategorised' ? 'from before categories' : implementation ? 'implementation' : 'operation'} | ${category} | ${money(amount)} |`,
		);
	}
	lines.push(
		`| **implementation** | one-off costs dated in the window | **${money(costs.implementation)}** |`,
		`| **operation** | monthly costs × their months in the window | **${money(costs.operation)}** |`,
		`| **total** | | **${money(costs.total)}** |`,
		'',
		...(costs.beforeWindow > 0
			? [`Dated before the window (before go-live): ${money(costs.beforeWindow)}, counted in the payback, not in ROI.`]
			: []),
		`Benefit: margin ${formatKpi('roi', costs.margin)} × revenue won ${money(costs.revenueWon)} = **${money(costs.benefit)}**.`,
		`ROI: (benefit − costs) / costs = **${formatKpi('roi', costs.roi)}**.`,
		`Payback month: **${costs.paybackMonth ?? 'not yet'}** (the first month at whose end margin × revenue won since go-live exceeds every cost dated up to then, costs before go-live included).`,
	);
	return lines;
};
