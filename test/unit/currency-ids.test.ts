import {describe, expect, test} from 'vitest';
import {CurrencyIds} from '../../source/assessment/currency-ids.js';
import type {Change} from '../../source/assessment/day-table.js';

type Priced = {id: string; currency: string};

/** The sets as made at once and carried change by change: what CurrencyIds must give whenever asked. */
const eager = (list: readonly Priced[], changes: ReadonlyArray<Change<Priced>>) => {
	const sets = new Map<string, Set<string>>();
	const add = (record: Priced) => {
		const ids = sets.get(record.currency);
		if (ids) ids.add(record.id);
		else sets.set(record.currency, new Set([record.id]));
	};
	for (const record of list) add(record);
	for (const [old, current] of changes) {
		if (old) sets.get(old.currency)?.delete(old.id);
		if (current) add(current);
	}
	return [...sets].map(([currency, ids]) => [currency, [...ids]]);
};

const seen = (state: CurrencyIds<Priced>) =>
	[...state.currencies()].map((currency) => [currency, [...state.ids(currency)]]);

const record = (id: number, currency: string): Priced => ({id: `r${id}`, currency});

describe('currency ids made when asked give the sets made at once', () => {
	test.each([
		['an empty list, no changes', [], []],
		['an empty list, a record added', [], [[undefined, record(1, 'KRW')]]],
		['a record removed', [record(1, 'USD'), record(2, 'CNY')], [[record(1, 'USD'), undefined]]],
		[
			'a record moved to another currency',
			[record(1, 'USD'), record(2, 'USD')],
			[[record(1, 'USD'), record(1, 'KRW')]],
		],
		['the only record of a currency removed', [record(1, 'KRW')], [[record(1, 'KRW'), undefined]]],
	] as Array<[string, Priced[], Array<Change<Priced>>]>)('%s', (_name, list, changes) => {
		const state = new CurrencyIds(list);
		state.apply(changes);
		expect(seen(state)).toEqual(eager(list, changes));
	});

	test('random edits, with sets asked for in between and after more changes than are kept', () => {
		let seed = 5;
		const random = (below: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed % below;
		};
		const currencies = ['USD', 'EUR', 'CNY', 'KRW', 'JPY'];
		const list = Array.from({length: 300}, (_, index) => record(index, currencies[random(3)]!));
		const state = new CurrencyIds(list);
		const current = new Map(list.map((entry) => [entry.id, entry]));
		const changes: Array<Change<Priced>> = [];
		for (let step = 0; step < 6000; step++) {
			const id = random(400);
			const old = current.get(`r${id}`);
			const next = random(5) === 0 ? undefined : record(id, currencies[random(5)]!);
			if (!old && !next) continue;
			if (next) current.set(next.id, next);
			else current.delete(`r${id}`);
			const change: Change<Priced> = [old, next];
			changes.push(change);
			state.apply([change]);
			if (step % 997 === 0) expect(state.ids(currencies[random(5)]!)).toBeDefined();
		}
		expect(seen(state)).toEqual(eager(list, changes));
	});
});
