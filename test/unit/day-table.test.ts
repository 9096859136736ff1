import {describe, expect, test} from 'vitest';
import {effectKpis} from '../../source/assessment/kpis.js';
import {type Period, parsePeriod} from '../../source/assessment/periods.js';
import {generateDemoDataset} from '../../source/commands/demo-data.js';
import type {Dataset} from '../../source/domain/dataset.js';

const now = Date.parse('2026-11-15T12:00:00.000Z');
const periods = ['2026-10', '2026-Q3', '2025', '2026-11'].map((key) => parsePeriod(key)!);
const window: Period = {
	kind: 'window',
	key: 'after',
	start: Date.parse('2026-05-01T00:00:00Z'),
	end: Date.parse('2026-11-01T00:00:00Z'),
};

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
	// The timeout guards against a hang, not a speed: it takes about 2 s alone and more beside other tests on 2 cores.
	test('random edits, deletes and creates (as the store makes them) give the KPIs a fresh count gives', () => {
		let dataset = generateDemoDataset({
			seed: 'day-tables',
			now: new Date(now),
			months: 24,
			customers: 150,
			opportunities: 500,
			tickets: 300,
			feedback: 250,
		});
		let seed = 11;
		const random = (below: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return Math.floor(seed / 65_536) % below;
		};
		for (const period of [...periods, window]) effectKpis(dataset, period);
		for (let step = 0; step < 120; step++) {
			const deals = [...dataset.opportunities];
			const tickets = [...dataset.tickets];
			const customers = [...dataset.customers];
			const roll = random(6);
			const index = random(deals.length);
			if (roll === 0) deals.splice(index, 1);
			else if (roll === 1)
				deals.push({
					...deals[index]!,
					id: `opp_new${step}`,
					stage: 'won',
					closedAt: '2026-10-12T10:00:00.000Z',
					amount: 1000 + step,
				});
			else if (roll === 2) deals[index] = {...deals[index]!, stage: 'open' as never, closedAt: null};
			else if (roll === 3) tickets[random(tickets.length)] = {...tickets[random(tickets.length)]!, resolvedAt: null};
			else if (roll === 4)
				customers[random(customers.length)] = {
					...customers[random(customers.length)]!,
					churnedAt: '2026-10-03T08:00:00.000Z',
					status: 'churned',
				};
			else deals[index] = {...deals[index]!, amount: deals[index]!.amount + 0.1};
			dataset = {...dataset, opportunities: deals, tickets, customers};
			const period = step % 5 === 4 ? window : periods[step % periods.length]!;
			expectSame(effectKpis(dataset, period), fromScratch(dataset, period));
		}
	}, 20_000);

	test('a list changed in some other way (reordered) is counted afresh, correctly', () => {
		const dataset = generateDemoDataset({
			seed: 'reorder',
			now: new Date(now),
			months: 12,
			customers: 60,
			opportunities: 200,
			tickets: 100,
			feedback: 80,
		});
		effectKpis(dataset, periods[0]!);
		const reordered = {...dataset, opportunities: [...dataset.opportunities].reverse()};
		expectSame(effectKpis(reordered, periods[0]!), fromScratch(dataset, periods[0]!));
	});
});

/** Equal, numbers to 9 significant places (sums carried from edit to edit are added in another order). */
const expectClose = (actual: unknown, expected: unknown, path = ''): void => {
	if (typeof expected === 'number' && typeof actual === 'number') {
		expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
		return;
	}
	if (expected !== null && typeof expected === 'object') {
		expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
		for (const [key, value] of Object.entries(expected))
			expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
		return;
	}
	expect(actual, path).toEqual(expected);
};

describe('the whole evaluation carried from edit to edit', () => {
	test('alerts, churn risks, data quality, the forecast and before/after follow every kind of edit', async () => {
		const {evaluate} = await import('../../source/assessment/evaluation.js');
		const {settingsSchema} = await import('../../source/domain/settings.js');
		// Inactive after 3 days: a deal touched today takes its customer off the churn list.
		const settings = settingsSchema.parse({assessment: {goLive: '2026-05-01', churnRisk: {inactiveDays: 3}}});
		let dataset = generateDemoDataset({
			seed: 'carried',
			now: new Date(now),
			months: 24,
			customers: 120,
			opportunities: 400,
			tickets: 250,
			feedback: 200,
		});
		let seed = 5;
		const random = (below: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return Math.floor(seed / 65_536) % below;
		};
		const period = parsePeriod('2026-10')!;
		evaluate({dataset, settings, now}, period);
		const steps: Array<{dataset: Dataset; carried: ReturnType<typeof evaluate>}> = [];
		for (let step = 0; step < 80; step++) {
			const next = {...dataset};
			const roll = random(8);
			const pick = random(dataset.opportunities.length);
			if (roll === 0)
				next.customers = dataset.customers.filter((_, index) => index !== random(dataset.customers.length));
			else if (roll === 1)
				next.opportunities = dataset.opportunities.filter((_, index) => index !== random(dataset.opportunities.length));
			else if (roll === 2) {
				const customer = dataset.customers[random(dataset.customers.length)]!;
				next.opportunities = dataset.opportunities.map((deal, index) =>
					index === pick ? {...deal, updatedAt: '2026-11-15T10:00:00.000Z', customerId: customer.id} : deal,
				);
			} else if (roll === 7)
				next.opportunities = dataset.opportunities.map((deal, index) =>
					index === pick ? {...deal, customerId: 'cus_gone00000'} : deal,
				);
			else if (roll === 3)
				next.activities = dataset.activities.filter((_, index) => index !== random(dataset.activities.length));
			else if (roll === 4)
				next.feedback = dataset.feedback.map((entry, index) =>
					index === random(dataset.feedback.length)
						? {...entry, rating: 1, createdAt: '2026-11-10T10:00:00.000Z'}
						: entry,
				);
			else if (roll === 5)
				next.tickets = dataset.tickets.map((ticket, index) =>
					index === random(dataset.tickets.length)
						? {...ticket, priority: 'urgent' as const, resolvedAt: null}
						: ticket,
				);
			else
				next.opportunities = [
					...dataset.opportunities,
					{...dataset.opportunities[0]!, id: `opp_carried${step}`, createdAt: '2020-01-01T00:00:00.000Z'},
				];
			dataset = next;
			steps.push({dataset, carried: evaluate({dataset, settings, now}, period)});
		}
		// Counted afresh only afterwards, so that every step above was carried from the one before.
		for (const step of steps)
			expectClose(step.carried, evaluate({dataset: structuredClone(step.dataset), settings, now}, period));
		// 80 evaluations counted afresh and compared field by field (45 KPIs, the checklist, the alerts): seconds on a busy machine.
	}, 20_000);
});
