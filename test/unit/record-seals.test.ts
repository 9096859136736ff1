import {describe, expect, test} from 'vitest';
import {Seals} from '../../source/domain/record-seal.js';

/** `count` ids and seals, as a save gives them (16 hex digits). */
const sealsOf = (count: number): Map<string, string> =>
	new Map(
		Array.from({length: count}, (_, index) => [
			`cus_${index.toString(36).padStart(6, '0')}`,
			(index * 2_654_435_761).toString(16).padStart(16, '0').slice(-16),
		]),
	);

describe('a seal looked up', () => {
	// Few lookups search the entity's string; many (a bulk change) index it once they have searched it a few times over.
	test.each([
		['none', 0],
		['one', 1],
		['a few', 3],
		['a bulk change’s many', 5000],
	])('%s: every answer as the string holds it, changed seals first, ids not there undefined', (_name, lookups) => {
		const file = sealsOf(2000);
		const seals = Seals.fromJson(Seals.fromMaps({customers: file}).toJSON());
		const ids = [...file.keys()];
		seals.set('customers', ids[7]!, 'ffffffffffffffff');
		seals.set('customers', ids[8]!, null);
		for (let index = 0; index < lookups; index++) {
			const id = ids[(index * 7919) % ids.length]!;
			const expected = id === ids[7] ? 'ffffffffffffffff' : id === ids[8] ? undefined : file.get(id);
			expect(seals.get('customers', id)).toBe(expected);
		}
		expect(seals.get('customers', 'cus_nothere')).toBeUndefined();
		expect(seals.get('customers', '')).toBeUndefined();
		expect(seals.get('tickets', ids[0]!)).toBeUndefined();
		// Merged into the string (a rewrite of the file): the same answers, from the new string.
		const merged = seals.toJSON();
		expect(merged.customers).toContain(`;${ids[7]}:ffffffffffffffff;`);
		expect(merged.customers).not.toContain(`;${ids[8]}:`);
		for (const id of ids.slice(0, 50))
			expect(seals.get('customers', id)).toBe(
				id === ids[7] ? 'ffffffffffffffff' : id === ids[8] ? undefined : file.get(id),
			);
	});

	test('an empty string, and one holding no seal: none found, however often asked', () => {
		const seals = Seals.fromJson({customers: ';', opportunities: ''});
		for (let index = 0; index < 100; index++) {
			expect(seals.get('customers', `cus_${index}`)).toBeUndefined();
			expect(seals.get('opportunities', `opp_${index}`)).toBeUndefined();
		}
	});
});
