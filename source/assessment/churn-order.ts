import type {Customer} from '../domain/customer.js';
import type {ChurnRisk, ChurnRule} from './churn-risks.js';

/** Most rules first; customers with as many in the order of the list. */
export const byRulesMet = (customers: readonly Customer[], fired: ReadonlyMap<string, ChurnRule[]>): ChurnRisk[] => {
	const byCount: ChurnRisk[][] = [[], [], [], []];
	for (const customer of customers) {
		const rulesNow = fired.get(customer.id);
		if (rulesNow) byCount[rulesNow.length]!.push({customerId: customer.id, rules: rulesNow});
	}
	return [...byCount[3]!, ...byCount[2]!, ...byCount[1]!];
};

/** A customer whose rules changed: those that fired before and those that fire now (undefined: none). */
export type RiskMove = {customerId: string; before: ChurnRule[] | undefined; after: ChurnRule[] | undefined};

/** The first place in `risks` whose count of rules is below `count` (the list holds most rules first). */
const countEnd = (risks: readonly ChurnRisk[], count: number): number => {
	let low = 0;
	let high = risks.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (risks[middle]!.rules.length >= count) low = middle + 1;
		else high = middle;
	}
	return low;
};

/** Where, among `risks[from, to)` (in the customers' order), the customer at `at` is or would go. */
const placeIn = (
	risks: readonly ChurnRisk[],
	from: number,
	to: number,
	at: number,
	position: (id: string) => number | undefined,
): number => {
	let low = from;
	let high = to;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (position(risks[middle]!.customerId)! < at) low = middle + 1;
		else high = middle;
	}
	return low;
};

/**
 * What `byRulesMet` gives after a few customers' rules changed, from what it gave before: each such
 * customer taken out of its old count's run and put into its new one's, in the customers' order,
 * found by binary search on their positions — not a pass over 100,000 customers for an edit of one.
 * Null when a customer is not in the list or not where its rules say (then count afresh).
 */
export const risksMoved = (
	risks: readonly ChurnRisk[],
	moves: readonly RiskMove[],
	position: (id: string) => number | undefined,
): ChurnRisk[] | null => {
	const next = [...risks];
	for (const {customerId, before, after} of moves) {
		const at = position(customerId);
		if (at === undefined) return null;
		if (before) {
			const to = countEnd(next, before.length);
			const from = countEnd(next, before.length + 1);
			const place = placeIn(next, from, to, at, position);
			if (place >= to || next[place]!.customerId !== customerId) return null;
			next.splice(place, 1);
		}
		if (after) {
			const to = countEnd(next, after.length);
			const from = countEnd(next, after.length + 1);
			next.splice(placeIn(next, from, to, at, position), 0, {customerId, rules: after});
		}
	}
	return next;
};
