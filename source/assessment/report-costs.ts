import {implementationCategories} from '../domain/roi-costs.js';
import {t} from '../i18n/i18n.js';
import {categories} from './cost-breakdown.js';
import type {Evaluation} from './evaluation.js';
import {formatKpi, formatMoney} from './format-kpi.js';
import {periodNameOf} from './periods.js';

/** How an operator adds costs, where a report or a view has none to show: in the language in force. */
export const addCostsAdvice = (): string => t('assess.costs.advice');

const day = (time: number): string => new Date(time).toISOString().slice(0, 10);

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
	const lines = ['', `## ${t('assess.costs.title')}`, ''];
	const costs = evaluation.costs;
	if (!costs) {
		lines.push(t('assess.costs.noGoLive'));
		return lines;
	}
	const money = (value: number) => formatMoney(value, evaluation.currency);
	lines.push(
		t('assess.costs.window', {
			start: day(costs.window.start),
			end: day(costs.window.end - 1),
			goLive: costs.goLive,
			currency: evaluation.currency,
		}),
		'',
	);
	if (costs.costCount === 0) {
		lines.push(t('assess.costs.noCosts', {advice: addCostsAdvice()}));
		return lines;
	}
	lines.push(t('assess.costs.header'), '|---|---|---:|');
	for (const category of categories) {
		const amount = costs.byCategory[category];
		const implementation = (implementationCategories as readonly string[]).includes(category);
		if (category === 'uncategorised' && amount === 0) continue;
		lines.push(
			`| ${category === 'uncategorised' ? t('assess.costs.beforeCategories') : implementation ? t('assess.costs.implementation') : t('assess.costs.operation')} | ${category} | ${money(amount)} |`,
		);
	}
	lines.push(
		t('assess.costs.implementationTotal', {money: money(costs.implementation)}),
		t('assess.costs.operationTotal', {money: money(costs.operation)}),
		t('assess.costs.total', {money: money(costs.total)}),
		'',
		...(costs.beforeWindow > 0 ? [t('assess.costs.beforeWindow', {money: money(costs.beforeWindow)})] : []),
		t('assess.costs.benefit', {
			margin: formatKpi('roi', costs.margin),
			revenue: money(costs.revenueWon),
			benefit: money(costs.benefit),
		}),
		t('assess.costs.roi', {roi: formatKpi('roi', costs.roi)}),
		t('assess.costs.payback', {
			month: costs.paybackMonth ? periodNameOf(costs.paybackMonth) : t('assess.costs.notYet'),
		}),
	);
	return lines;
};
