import {describe, expect, test} from 'vitest';
import {parsePeriod} from '../../source/assessment/periods.js';
import {adoptionKpis} from '../../source/assessment/usage-kpis.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import {seededRandom} from '../support/kpi-compare.js';

// KPI.md active_operators and usage_rate are carried from one version of the change log to the next by
// the entries a save appends (source/assessment/usage-kpis.ts): each must equal the count of the log read whole.

const march = parsePeriod('2026-03')!;
const april = parsePeriod('2026-04')!;
const operators = ['ana', 'vic', 'lee', 'kim', 'sam'];
const listed = ['ana', 'vic', 'lee'];

const entry = (operator: string, at: string, entity = 'customers'): ChangeEntry =>
	({operator, entity, at}) as ChangeEntry;

/** The figures of the log read whole, as KPI.md defines them (counted here, so the carried state is left alone). */
const fresh = (changes: readonly ChangeEntry[], period = march) => {
	const active = new Set(
		changes
			.filter(
				(change) =>
					change.entity !== 'surveys' && Date.parse(change.at) >= period.start && Date.parse(change.at) < period.end,
			)
			.map((change) => change.operator),
	);
	return {active_operators: active.size, usage_rate: listed.filter((name) => active.has(name)).length / listed.length};
};

describe('adoption carried over the entries a save appends', () => {
	test.each([
		['an empty log', []],
		['one survey answer alone', [entry('ana', '2026-03-02T10:00:00.000Z', 'surveys')]],
		['an entry before the period', [entry('ana', '2026-02-28T23:59:59.999Z')]],
		['an entry at the period’s end', [entry('ana', '2026-04-01T00:00:00.000Z')]],
		['an entry at its start', [entry('vic', '2026-03-01T00:00:00.000Z')]],
		['someone not listed', [entry('sam', '2026-03-05T00:00:00.000Z')]],
	])('%s, then one entry of each kind appended', (_case, first) => {
		let changes: ChangeEntry[] = first;
		expect(adoptionKpis(changes, march, listed)).toEqual(fresh(changes));
		for (const next of [
			entry('ana', '2026-03-03T10:00:00.000Z', 'surveys'),
			entry('lee', '2026-02-03T10:00:00.000Z'),
			entry('lee', '2026-03-03T10:00:00.000Z'),
			entry('kim', '2026-03-31T23:59:59.999Z', 'opportunities'),
		]) {
			changes = [...changes, next];
			expect(adoptionKpis(changes, march, listed)).toEqual(fresh(changes));
		}
	});

	test('300 saves in a random order of periods, logs read again and logs of another branch: as the log read whole', () => {
		const random = seededRandom(23);
		const day = (month: string) => `2026-${month}-${String(1 + random(28)).padStart(2, '0')}T12:00:00.000Z`;
		let changes: ChangeEntry[] = [];
		const branches: ChangeEntry[][] = [];
		for (let save = 0; save < 300; save++) {
			const roll = random(100) / 100;
			if (roll < 0.05 && branches.length > 0) changes = branches[random(branches.length)]!;
			else if (roll < 0.1) changes = changes.map((change) => ({...change}));
			else {
				if (roll < 0.15) branches.push(changes);
				const month = random(2) === 0 ? '03' : '04';
				const entity = random(5) === 0 ? 'surveys' : 'tickets';
				changes = [...changes, entry(operators[random(operators.length)]!, day(month), entity)];
			}
			for (const period of random(2) === 0 ? [march, april] : [april, march])
				expect(adoptionKpis(changes, period, listed)).toEqual(fresh(changes, period));
		}
	});
});
