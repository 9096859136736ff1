import {describe, expect, test} from 'vitest';
import {usdOnly} from '../../source/assessment/deal-kpis.js';
import {marketingKpis} from '../../source/assessment/marketing-kpis.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {generateDemoDataset} from '../../source/commands/demo-data.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {seededRandom} from '../support/kpi-compare.js';

const rates = usdOnly;
const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].map((key) => parsePeriod(key)!);
const conversions = (dataset: Dataset) =>
	months.map((period) => marketingKpis(dataset, period, rates, 0.3)['lead_conversion']);

describe('lead conversion carried as customers get their first deal or lose their last', () => {
	test('deals added, moved to another customer and taken away; customers added and moved in time: what a fresh count gives', () => {
		let dataset = generateDemoDataset({
			seed: 'conversion',
			now: new Date('2026-11-15T12:00:00.000Z'),
			months: 6,
			customers: 80,
			opportunities: 40,
			tickets: 5,
			feedback: 5,
		});
		const random = seededRandom(17);
		const someone = () => dataset.customers[random(dataset.customers.length)]!.id;
		let made = 0;
		const edits: Array<() => Partial<Dataset>> = [
			() => ({
				opportunities: [
					...dataset.opportunities,
					{...dataset.opportunities[0]!, id: `opp_new${made++}`, customerId: someone()},
				],
			}),
			() => ({
				opportunities: dataset.opportunities.map((deal, index) =>
					index === random(dataset.opportunities.length) ? {...deal, customerId: someone()} : deal,
				),
			}),
			() => ({
				opportunities: dataset.opportunities.filter((_, index) => index !== random(dataset.opportunities.length)),
			}),
			() => ({
				customers: [
					...dataset.customers,
					{...dataset.customers[0]!, id: `cus_new${made++}`, createdAt: `2026-${7 + random(4)}-15T10:00:00.000Z`},
				],
			}),
			() => ({
				customers: dataset.customers.map((entry, index) =>
					index === random(dataset.customers.length) ? {...entry, createdAt: '2026-09-03T10:00:00.000Z'} : entry,
				),
			}),
		];
		conversions(dataset);
		const steps: Array<{dataset: Dataset; carried: ReturnType<typeof conversions>}> = [];
		for (let step = 0; step < 150; step++) {
			dataset = {...dataset, ...edits[random(edits.length)]!()};
			steps.push({dataset, carried: conversions(dataset)});
		}
		// Counted afresh only afterwards, so that every step above was carried from the one before.
		for (const step of steps) expect(step.carried).toEqual(conversions(structuredClone(step.dataset)));
		expect(new Set(steps.map((step) => JSON.stringify(step.carried))).size).toBeGreaterThan(20);
	});
});
