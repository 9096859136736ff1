import {inBase, sumInBase} from '../../domain/money.js';
import {type Opportunity, type OpportunityStage, openStages} from '../../domain/opportunity.js';
import {ratesIn, type ViewContext} from '../screens/screen-definition.js';

export const boardStages: readonly OpportunityStage[] = [...openStages, 'won', 'lost'];

/** Won and lost deals count on the board while they are recent; the whole history would bury the pipeline. */
export const boardClosedDays = 90;

/** A column's `total` is in the base currency (KPI.md *Money*); `unpriced` deals have no rate and are not in it. */
export type BoardColumn = {stage: OpportunityStage; deals: Opportunity[]; total: number; unpriced: number};

let cache: {deals: unknown; now: number; settings: unknown; columns: BoardColumn[]} | undefined;

/** The pipeline by stage, biggest deals first (in the base currency; those without a rate last), with the sum of each column. */
export const boardColumns = (context: ViewContext): BoardColumn[] => {
	// Made again when the deals change, not with every other list (a save of a customer, the data read behind the first rows).
	const deals = context.dataset.opportunities;
	if (cache && cache.deals === deals && cache.now === context.now && cache.settings === context.settings)
		return cache.columns;
	const rates = ratesIn(context);
	const since = new Date(context.now - boardClosedDays * 86_400_000).toISOString();
	const size = (deal: Opportunity) => inBase(rates, deal.amount, deal.currency) ?? Number.NEGATIVE_INFINITY;
	const columns = boardStages.map((stage) => {
		const shown = deals
			.filter((deal) => deal.stage === stage && (deal.closedAt === null || deal.closedAt >= since))
			.sort((a, b) => size(b) - size(a) || a.title.localeCompare(b.title));
		const sum = sumInBase(
			rates,
			shown,
			(deal) => deal.amount,
			(deal) => deal.currency,
		);
		return {stage, deals: shown, total: sum.total, unpriced: sum.unpriced};
	});
	cache = {deals, now: context.now, settings: context.settings, columns};
	return columns;
};

/** Where a deal sits on the board, or undefined when the board does not show it (closed long ago). */
export const boardPositionOf = (
	columns: readonly BoardColumn[],
	dealId: string,
): {column: number; row: number} | undefined => {
	for (const [column, entry] of columns.entries()) {
		const row = entry.deals.findIndex((deal) => deal.id === dealId);
		if (row >= 0) return {column, row};
	}
	return undefined;
};

/** The stage a deal moves to with `>` or `<` (the rule is the domain's, as `crm deal advance` moves it). */
export {neighbourStage} from '../../domain/workflow-verbs.js';
