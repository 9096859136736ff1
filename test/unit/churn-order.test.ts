import {describe, expect, test} from 'vitest';
import type {ChurnRule} from '../../source/assessment/alerts.js';
import {byRulesMet, type RiskMove, risksMoved} from '../../source/assessment/churn-order.js';
import {customer} from '../support/fixtures.js';

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
		let seed = 3 + count;
		const random = (below: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return Math.floor(seed / 65_536) % below;
		};
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
