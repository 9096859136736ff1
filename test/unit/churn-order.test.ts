import {describe, expect, test} from 'vitest';
import {type ChurnRisk, type ChurnRule, churnRisks} from '../../source/assessment/alerts.js';
import {byRulesMet, type RiskMove, risksMoved} from '../../source/assessment/churn-order.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {EditableList} from '../../source/domain/editable-list.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {seededRandom} from '../support/kpi-compare.js';
import {dealOf, settingsOf} from '../support/records.js';

// The list of churn risks after an edit is the list before with the customers whose rules changed
// moved (risksMoved): it must be what a fresh pass over every customer gives (byRulesMet).

const ruleSets: Array<ChurnRule[] | undefined> = [
	undefined,
	['inactive'],
	['rating'],
	['urgent'],
	['inactive', 'rating'],
	['rating', 'urgent'],
	['inactive', 'rating', 'urgent'],
];

const customers = (count: number) => Array.from({length: count}, (_, index) => customer({id: `cus_${index}`}));

const positionsOf = (list: ReturnType<typeof customers>) => {
	const positions = new Map(list.map((entry, index) => [entry.id, index]));
	return (id: string) => positions.get(id);
};

describe('risksMoved gives what byRulesMet gives', () => {
	test.each([0, 1, 7, 300])('%i customers, 200 rounds of changed rules', (count) => {
		const list = customers(count);
		const position = positionsOf(list);
		const random = seededRandom(3 + count);
		const fired = new Map<string, ChurnRule[]>();
		let risks = byRulesMet(list, fired);
		for (let round = 0; round < (count === 0 ? 1 : 200); round++) {
			const moves: RiskMove[] = [];
			for (let change = 0; count > 0 && change < 1 + random(4); change++) {
				const id = list[random(count)]!.id;
				if (moves.some((move) => move.customerId === id)) continue;
				const before = fired.get(id);
				const after = ruleSets[random(ruleSets.length)];
				if (after) fired.set(id, after);
				else fired.delete(id);
				if (before?.join() !== after?.join()) moves.push({customerId: id, before, after});
			}
			risks = risksMoved(risks, moves, position)!;
			expect(risks).toEqual(byRulesMet(list, fired));
		}
	});

	test.each([
		['a customer not in the list', {customerId: 'cus_gone', before: undefined, after: ['inactive']}],
		[
			'a customer said to be at risk who is not in the list of risks',
			{customerId: 'cus_1', before: ['inactive'], after: undefined},
		],
		[
			'a customer said to have other rules than the list holds',
			{customerId: 'cus_0', before: ['inactive', 'rating'], after: undefined},
		],
	] as Array<[string, RiskMove]>)('%s: null, to be counted afresh', (_name, move) => {
		const list = customers(3);
		const risks = byRulesMet(list, new Map([['cus_0', ['urgent'] as ChurnRule[]]]));
		expect(risksMoved(risks, [move], positionsOf(list))).toBeNull();
	});

	test('no moves: an equal list, not the same one (the one before is left as it was)', () => {
		const list = customers(4);
		const risks = byRulesMet(list, new Map([['cus_2', ['urgent'] as ChurnRule[]]]));
		const moved = risksMoved(risks, [], positionsOf(list));
		expect(moved).toEqual(risks);
		expect(moved).not.toBe(risks);
	});
});

describe('churn risks after edits of deals equal a fresh count', () => {
	const settings = settingsOf({}).assessment;
	const now = Date.parse('2026-06-15T12:00:00Z');
	const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();

	test('60 saves: deals touched now and long ago, added and removed', () => {
		const people = Array.from({length: 40}, (_, index) =>
			customer({id: `cus_${index}`, status: 'active', createdAt: daysAgo(400)}),
		);
		const deals = Array.from({length: 60}, (_, index) =>
			dealOf({
				id: `opp_${index}`,
				customerId: people[index % 40]!.id,
				createdAt: daysAgo(300),
				updatedAt: daysAgo(index * 4),
			}),
		);
		let dataset: Dataset = datasetOf({customers: people, opportunities: deals});
		const random = seededRandom(5);
		const seen: Array<{dataset: Dataset; risks: ChurnRisk[]}> = [{dataset, risks: churnRisks(dataset, now, settings)}];
		for (let step = 0; step < 60; step++) {
			const before = dataset.opportunities;
			const list = new EditableList(before, false);
			const deal = before[random(before.length)]!;
			const roll = random(3);
			if (roll === 0) list.replace({...deal, updatedAt: daysAgo(random(2) === 0 ? 0 : 200 + random(100))});
			else if (roll === 1)
				list.add(dealOf({id: `opp_new${step}`, customerId: people[random(40)]!.id, updatedAt: daysAgo(random(150))}));
			else list.remove(deal.id);
			dataset = {...dataset, opportunities: list.result() as Dataset['opportunities']};
			seen.push({dataset, risks: structuredClone(churnRisks(dataset, now, settings))});
		}
		// Counted afresh afterwards (each on copies: another list of customers is counted in full), not in between,
		// which would have the next edit counted in full too.
		for (const [step, {dataset: then, risks}] of seen.entries())
			expect(risks, `after save ${step}`).toEqual(churnRisks(structuredClone(then), now, settings));
	});
});
