import {describe, expect, test} from 'vitest';
import type {Dataset, StoredEntity} from '../../source/domain/dataset.js';
import {dependentsOf} from '../../source/domain/dependents.js';
import {datasetOf} from '../support/fixtures.js';

/**
 * What still names a record about to be deleted, as the console's confirmation says it and
 * `crm <entity> delete` refuses without --force. Only the fields that link records matter here, so
 * the records are given as those fields alone.
 */
const linked = (parts: Record<string, Array<Record<string, unknown>>>): Dataset => datasetOf(parts as never);

const acmeWorld = linked({
	opportunities: [
		{id: 'opp_1', customerId: 'cus_acme', closedAt: null},
		{id: 'opp_2', customerId: 'cus_acme', closedAt: '2026-05-01T00:00:00.000Z'},
		{id: 'opp_3', customerId: 'cus_other', closedAt: null},
	],
	tickets: [
		{id: 'tkt_1', customerId: 'cus_acme', resolvedAt: null},
		{id: 'tkt_2', customerId: 'cus_acme', resolvedAt: '2026-05-02T00:00:00.000Z'},
		{id: 'tkt_3', customerId: 'cus_other', resolvedAt: '2026-05-02T00:00:00.000Z'},
	],
	feedback: [
		{id: 'fb_1', customerId: 'cus_acme', ticketId: 'tkt_2'},
		{id: 'fb_2', customerId: 'cus_other', ticketId: 'tkt_2'},
	],
	activities: [{id: 'act_1', customerId: 'cus_acme'}],
	audiences: [
		{id: 'aud_1', customerId: 'cus_acme', campaignId: 'cmp_1'},
		{id: 'aud_2', customerId: 'cus_other', campaignId: 'cmp_1'},
	],
	orders: [{id: 'ord_1', customerId: 'cus_acme'}],
});

describe('dependentsOf', () => {
	test.each<[string, Dataset, StoredEntity, string, {what: string[]; count: number}]>([
		['a customer in an empty data set', datasetOf({}), 'customers', 'cus_acme', {what: [], count: 0}],
		[
			'a customer named by every kind of record',
			acmeWorld,
			'customers',
			'cus_acme',
			{
				what: [
					'2 opportunities (1 open)',
					'2 tickets, 1 still open',
					'1 feedback entry',
					'1 timeline entry',
					"1 place in a campaign's audience",
				],
				count: 7,
			},
		],
		[
			'a customer whose tickets are all resolved',
			acmeWorld,
			'customers',
			'cus_other',
			{
				what: ['1 opportunity (1 open)', '1 ticket', '1 feedback entry', "1 place in a campaign's audience"],
				count: 4,
			},
		],
		['a customer nobody names', acmeWorld, 'customers', 'cus_nobody', {what: [], count: 0}],
		['a campaign with an audience', acmeWorld, 'campaigns', 'cmp_1', {what: ['2 customers'], count: 2}],
		['a campaign without one', acmeWorld, 'campaigns', 'cmp_2', {what: [], count: 0}],
		['a ticket feedback answers', acmeWorld, 'tickets', 'tkt_2', {what: ['2 feedback entries'], count: 2}],
		['a ticket nobody answered', acmeWorld, 'tickets', 'tkt_1', {what: [], count: 0}],
		// An order's lines are its own: nothing else names an order, a deal or a follow-up.
		['an order', acmeWorld, 'orders', 'ord_1', {what: [], count: 0}],
		['a deal', acmeWorld, 'opportunities', 'opp_1', {what: [], count: 0}],
	])('%s', (_, dataset, entity, id, expected) => {
		expect(dependentsOf(dataset, entity, id)).toEqual(expected);
	});

	test('a data set from before audiences (none) names no place', () => {
		const old = {...linked({}), audiences: undefined} as unknown as Dataset;
		expect(dependentsOf(old, 'customers', 'cus_acme')).toEqual({what: [], count: 0});
		expect(dependentsOf(old, 'campaigns', 'cmp_1')).toEqual({what: [], count: 0});
	});
});
