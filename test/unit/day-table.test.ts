import {describe, expect, test} from 'vitest';
import {effectKpis} from '../../source/assessment/kpis.js';
import {parsePeriod, type Period} from '../../source/assessment/periods.js';
import {generateDemoDataset} from '../../source/commands/demo-data.js';
import type {Dataset} from '../../source/domain/dataset.js';

const now = Date.parse('2026-11-15T12:00:00.000Z');
const periods = ['2026-10', '2026-Q3', '2025', '2026-11'].map((key) => parsePeriod(key)!);
const window: Period = {kind: 'window', key: 'after', start: Date.parse('2026-05-01T00:00:00Z'), end: Date.parse('2026-11-01T00:00:00Z')};

/** The KPIs of a copy nobody has counted before: every table built afresh. */
const fromScratch = (dataset: Dataset, period: Period) => effectKpis(structuredClone(dataset), period);

const expectSame = (actual: Record<string, number | null>, expected: Record<string, number | null>) => {
	expect(Object.keys(actual)).toEqual(Object.keys(expected));
	for (const [id, value] of Object.entries(expected)) {
		if (value === null) expect(actual[id], id).toBeNull();
		else expect(actual[id], id).toBeCloseTo(value, 6);
	}
};

describe('day tables carried from edit to edit', () => {
	test('random edits, deletes and creates (as the store makes them) give the KPIs a fresh count gives', () => {
		let dataset = generateDemoDataset({seed: 'day-tables', now: new Date(now), months: 24, customers: 150, opportunities: 500, tickets: 300, feedback: 250});
		let seed = 11;
		const random = (below: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % below;
		for (const period of [...periods, window]) effectKpis(dataset, period);
		for (let step = 0; step < 120; step++) {
			const deals = [...dataset.opportunities];
			const tickets = [...dataset.tickets];
			const customers = [...dataset.customers];
			const roll = random(6);
			const index = random(deals.length);
			if (roll === 0) deals.splice(index, 1);
			else if (roll === 1) deals.push({...deals[index]!, id: `opp_new${step}`, stage: 'won', closedAt: '2026-10-12T10:00:00.000Z', amount: 1000 + step});
			else if (roll === 2) deals[index] = {...deals[index]!, stage: 'open' as never, closedAt: null};
			else if (roll === 3) tickets[random(tickets.length)] = {...tickets[random(tickets.length)]!, resolvedAt: null};
			else if (roll === 4) customers[random(customers.length)] = {...customers[random(customers.length)]!, churnedAt: '2026-10-03T08:00:00.000Z', status: 'churned'};
			else deals[index] = {...deals[index]!, amount: deals[index]!.amount + 0.1};
			dataset = {...dataset, opportunities: deals, tickets, customers};
			const period = step % 5 === 4 ? window : periods[step % periods.length]!;
			expectSame(effectKpis(dataset, period), fromScratch(dataset, period));
		}
	});

	test('a list changed in some other way (reordered) is counted afresh, correctly', () => {
		const dataset = generateDemoDataset({seed: 'reorder', now: new Date(now), months: 12, customers: 60, opportunities: 200, tickets: 100, feedback: 80});
		effectKpis(dataset, periods[0]!);
		const reordered = {...dataset, opportunities: [...dataset.opportunities].reverse()};
		expectSame(effectKpis(reordered, periods[0]!), fromScratch(dataset, periods[0]!));
	});
});
