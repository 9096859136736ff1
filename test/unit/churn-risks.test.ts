import {describe, expect, test} from 'vitest';
import {churnRisks} from '../../source/assessment/churn-risks.js';
import {generateDemoDataset} from '../../source/commands/demo-data.js';
import type {Customer} from '../../source/domain/customer.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {settingsSchema} from '../../source/domain/settings.js';
import {hour} from '../../source/domain/units.js';
import {seededRandom} from '../support/kpi-compare.js';

const start = Date.parse('2026-11-15T12:00:00.000Z');
// Inactive after 3 days and low ratings of the last 5: the clock moving on by hours moves customers on and off.
const settings = settingsSchema.parse({
	assessment: {goLive: '2026-05-01', churnRisk: {inactiveDays: 3, ratingDays: 5}},
}).assessment;

const iso = (time: number) => new Date(time).toISOString();
/** A few records of each kind, beside which one customer is looked at. */
const few = (seed: string) =>
	generateDemoDataset({seed, now: new Date(start), months: 2, customers: 5, opportunities: 5, tickets: 5, feedback: 5});

describe('churn risks carried from edit to edit and as the clock moves on', () => {
	// The timeout guards against a hang, not a speed.
	test('random edits of every kind the rules read, with the clock moved on between them, give what a fresh count gives', () => {
		let dataset: Dataset = generateDemoDataset({
			seed: 'churn-carried',
			now: new Date(start),
			months: 6,
			customers: 140,
			opportunities: 300,
			tickets: 200,
			feedback: 200,
		});
		const random = seededRandom(7);
		let now = start;
		const at = (list: readonly unknown[]) => random(list.length);
		/** A moment of the last few days, so that it matters to the rules as the clock moves. */
		const recent = () => iso(now - random(5 * 24) * hour);
		const change = <R>(list: readonly R[], index: number, values: Partial<R>): R[] =>
			list.map((record, place) => (place === index ? {...record, ...values} : record));
		const edits: Array<() => Partial<Dataset>> = [
			// The customers: a status, a creation time, one added at the end (odd moments too), one taken away.
			() => {
				const index = at(dataset.customers);
				const status = (['active', 'lead', 'churned'] as const)[random(3)]!;
				return {customers: change<Customer>(dataset.customers, index, {status})};
			},
			() => ({customers: change<Customer>(dataset.customers, at(dataset.customers), {createdAt: recent()})}),
			() => ({
				customers: [
					...dataset.customers,
					{
						...dataset.customers[0]!,
						id: `cus_new${random(1_000_000)}`,
						status: 'active',
						// A moment that only looks like a timestamp (read as text by the rule) or is written otherwise.
						createdAt: [recent(), recent(), '2026-11-16T25:00:00.000Z', '2026-11-10 08:00'][random(4)]!,
					},
				],
			}),
			() => ({customers: dataset.customers.filter((_, index) => index !== at(dataset.customers))}),
			// What the inactive rule reads: a deal touched, one taken away (perhaps a customer's latest), an activity logged.
			() => ({opportunities: change(dataset.opportunities, at(dataset.opportunities), {updatedAt: recent()})}),
			() => ({opportunities: dataset.opportunities.filter((_, index) => index !== at(dataset.opportunities))}),
			() => ({
				activities: [
					...dataset.activities,
					{
						...dataset.activities[0]!,
						id: `act_new${random(1_000_000)}`,
						customerId: dataset.customers[at(dataset.customers)]!.id,
						at: recent(),
					},
				],
			}),
			// The rating rule: a rating made low and recent, or high; the urgent rule: a ticket made urgent and open, or resolved.
			() => ({feedback: change(dataset.feedback, at(dataset.feedback), {rating: 1, createdAt: recent()})}),
			() => ({feedback: change(dataset.feedback, at(dataset.feedback), {rating: 5})}),
			() => ({
				tickets: change(dataset.tickets, at(dataset.tickets), {
					priority: 'urgent' as const,
					resolvedAt: null,
					updatedAt: recent(),
				}),
			}),
			() => ({tickets: change(dataset.tickets, at(dataset.tickets), {resolvedAt: iso(now)})}),
		];
		churnRisks(dataset, now, settings);
		const steps: Array<{dataset: Dataset; now: number; carried: ReturnType<typeof churnRisks>}> = [];
		for (let step = 0; step < 150; step++) {
			dataset = {...dataset, ...edits[random(edits.length)]!()};
			// The clock: as it stands (another edit the same instant), on by minutes or hours, or by days.
			const roll = random(6);
			now += roll === 0 ? 0 : roll === 5 ? random(3) * 24 * hour + random(24) * hour : random(6 * 60) * 60_000;
			steps.push({dataset, now, carried: churnRisks(dataset, now, settings)});
		}
		// Counted afresh only afterwards, so that every step above was carried from the one before.
		let atRisk = 0;
		for (const step of steps) {
			const fresh = churnRisks(structuredClone(step.dataset), step.now, settings);
			expect(step.carried).toEqual(fresh);
			atRisk = Math.max(atRisk, fresh.length);
		}
		// Not all empty: customers came onto the list and went off it.
		expect(atRisk).toBeGreaterThan(10);
	}, 30_000);

	test.each([
		['read as text by the rule: a time that only looks like a timestamp', '2026-11-16T25:00:00.000Z', true],
		['never inactive: a time that is none', 'soon', false],
	])(
		'a customer created at an odd moment, counted whole, then the clock moved on: %s',
		(_name, createdAt, inactive) => {
			const dataset = few('churn-odd');
			const odd = {...dataset.customers[0]!, id: 'cus_oddmoment', status: 'active' as const, createdAt};
			const data = {...dataset, customers: [...dataset.customers, odd]};
			const onList = (now: number) =>
				churnRisks(data, now, settings).some((risk) => risk.customerId === odd.id && risk.rules.includes('inactive'));
			expect(onList(start)).toBe(false);
			// Three days after the 17th began: past the text of the 16th's hour 25.
			expect(onList(Date.parse('2026-11-20T00:00:01.000Z'))).toBe(inactive);
		},
	);

	test('a customer’s latest deal taken away: its latest found again among the deals left, then none left', () => {
		const dataset = few('churn-latest');
		const quietCustomer = {
			...dataset.customers[0]!,
			id: 'cus_latest',
			status: 'active' as const,
			createdAt: '2025-01-01T00:00:00.000Z',
		};
		const deal = (id: string, daysAgo: number) => ({
			...dataset.opportunities[0]!,
			id,
			customerId: quietCustomer.id,
			updatedAt: iso(start - daysAgo * 24 * hour),
		});
		const withDeals = {
			...dataset,
			customers: [...dataset.customers, quietCustomer],
			opportunities: [...dataset.opportunities, deal('opp_older', 2), deal('opp_latest', 1)],
		};
		const inactive = (data: Dataset) =>
			churnRisks(data, start, settings).some(
				(risk) => risk.customerId === quietCustomer.id && risk.rules.includes('inactive'),
			);
		expect(inactive(withDeals)).toBe(false);
		// The latest taken away: the older one, two days ago, still within the three.
		const one = {...withDeals, opportunities: withDeals.opportunities.filter((entry) => entry.id !== 'opp_latest')};
		expect(inactive(one)).toBe(false);
		// Both: nothing left since 2025.
		const none = {...one, opportunities: one.opportunities.filter((entry) => entry.id !== 'opp_older')};
		expect(inactive(none)).toBe(inactive(structuredClone(none)));
		expect(inactive(none)).toBe(true);
	});
});
