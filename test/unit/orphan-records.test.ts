import {describe, expect, test} from 'vitest';
import {orphanRecords} from '../../source/assessment/quality-kpis.js';
import {generateDemoDataset} from '../../source/commands/demo-data.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {seededRandom} from '../support/kpi-compare.js';

describe('orphan records carried as records come and go', () => {
	// The timeout guards against a hang, not a speed.
	test('records named before they exist, then made; records named, then taken away: the count a fresh one gives', () => {
		let dataset: Dataset = generateDemoDataset({
			seed: 'orphans-carried',
			now: new Date('2026-11-15T12:00:00.000Z'),
			months: 6,
			customers: 60,
			opportunities: 150,
			tickets: 100,
			feedback: 100,
		});
		const random = seededRandom(3);
		// Ids named before any record has them, made later: a few, so that the same ones come back.
		const future = (prefix: string) => `${prefix}_later${random(4)}`;
		const at = (list: readonly unknown[]) => random(list.length);
		const change = <R>(list: readonly R[], index: number, values: Partial<R>): R[] =>
			list.map((record, place) => (place === index ? {...record, ...values} : record));
		/** A record made with an id named before (never twice: the store keeps ids one to a record). */
		const made = <R extends {id: string}>(list: readonly R[], prefix: string): R[] => {
			const id = future(prefix);
			return list.some((record) => record.id === id) ? [...list] : [...list, {...list[0]!, id}];
		};
		const without = <R>(list: readonly R[]): R[] => {
			const index = at(list);
			return list.filter((_, place) => place !== index);
		};
		const edits: Array<() => Partial<Dataset>> = [
			// References made to ids not there yet, or to ids there.
			() => ({opportunities: change(dataset.opportunities, at(dataset.opportunities), {customerId: future('cus')})}),
			() => ({opportunities: change(dataset.opportunities, at(dataset.opportunities), {campaignId: future('cmp')})}),
			() => ({tickets: change(dataset.tickets, at(dataset.tickets), {customerId: future('cus')})}),
			() => ({feedback: change(dataset.feedback, at(dataset.feedback), {ticketId: future('tkt')})}),
			() => ({orders: change(dataset.orders, at(dataset.orders), {opportunityId: future('opp')})}),
			() => ({activities: change(dataset.activities, at(dataset.activities), {customerId: future('cus')})}),
			// The records they name made, and taken away again; others taken away.
			() => ({customers: made(dataset.customers, 'cus')}),
			() => ({campaigns: made(dataset.campaigns, 'cmp')}),
			() => ({tickets: made(dataset.tickets, 'tkt')}),
			() => ({opportunities: made(dataset.opportunities, 'opp')}),
			() => ({customers: without(dataset.customers)}),
			() => ({customers: dataset.customers.filter((customer) => !customer.id.startsWith('cus_later'))}),
			() => ({tickets: without(dataset.tickets)}),
			() => ({opportunities: without(dataset.opportunities)}),
			() => ({campaigns: dataset.campaigns.filter((campaign) => !campaign.id.startsWith('cmp_later'))}),
		];
		orphanRecords(dataset);
		const steps: Array<{dataset: Dataset; carried: number}> = [];
		for (let step = 0; step < 200; step++) {
			dataset = {...dataset, ...edits[random(edits.length)]!()};
			steps.push({dataset, carried: orphanRecords(dataset)});
		}
		// Counted afresh only afterwards, so that every step above was carried from the one before.
		const fresh = steps.map((step) => orphanRecords(structuredClone(step.dataset)));
		expect(steps.map((step) => step.carried)).toEqual(fresh);
		// The count moved both ways.
		expect(new Set(fresh).size).toBeGreaterThan(10);
	}, 30_000);
});
