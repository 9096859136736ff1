import {describe, expect, test} from 'vitest';
import {applyMutations, type MutationsInput, type MutationsOutcome} from '../../source/domain/apply-mutations.js';
import type {Dataset} from '../../source/domain/dataset.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {mutationsInput} from '../support/mutations-input.js';

const at = '2026-03-01T09:00:00.000Z';
const ada = customer({id: 'cus_ada1', name: 'Ada', status: 'active', version: 3});

/** The input with a fixed clock and ids counted from 1 (test/support/mutations-input.ts), with Ada. */
const input = (mutations: Mutation[], parts: Partial<MutationsInput> = {}): MutationsInput =>
	mutationsInput(mutations, {dataset: datasetOf({customers: [ada]}), ...parts});

const applied = (outcome: MutationsOutcome) => {
	if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.message}`);
	return outcome;
};

const refusal = (outcome: MutationsOutcome) => {
	if (outcome.ok) throw new Error('applied, not refused');
	return outcome.refusal;
};

const update = (values: Record<string, unknown>, version = 3): Mutation => ({
	kind: 'update',
	entity: 'customers',
	id: 'cus_ada1',
	version,
	values,
});

describe('applyMutations', () => {
	test('a create gets its id, times and version 1 from the input, in a new list, with its entry', () => {
		const dataset = datasetOf({customers: [ada]});
		const outcome = applied(
			applyMutations(input([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}], {dataset})),
		);
		expect(outcome.lists.customers).toHaveLength(2);
		expect(outcome.lists.customers![1]).toMatchObject({
			id: 'cus_0001',
			name: 'Bo',
			createdAt: at,
			updatedAt: at,
			version: 1,
		});
		expect(dataset.customers).toEqual([ada]);
		expect(outcome.lists.opportunities).toBeUndefined();
		expect(outcome.entries).toEqual([
			expect.objectContaining({
				id: 'chg_0002',
				action: 'create',
				recordId: 'cus_0001',
				label: 'Bo',
				operator: 'ana',
				at,
			}),
		]);
		expect(outcome.entries[0]!.batch).toBeNull();
		expect(outcome.steps[0]).toMatchObject({entity: 'customers', id: 'cus_0001', before: undefined});
	});

	test('an update bumps the version and logs only the fields it changed', () => {
		const outcome = applied(applyMutations(input([update({owner: 'Marcus'})])));
		expect(outcome.lists.customers![0]).toMatchObject({id: 'cus_ada1', owner: 'Marcus', version: 4, updatedAt: at});
		expect(outcome.entries[0]!.changes).toEqual([{field: 'owner', before: '', after: 'Marcus'}]);
		expect(outcome.steps[0]!.before).toBe(ada);
	});

	test('a delete takes the record out and logs every field it had', () => {
		const outcome = applied(applyMutations(input([{kind: 'delete', entity: 'customers', id: 'cus_ada1', version: 3}])));
		expect(outcome.lists.customers).toEqual([]);
		expect(outcome.entries[0]).toMatchObject({action: 'delete', recordId: 'cus_ada1', label: 'Ada'});
		expect(outcome.entries[0]!.changes).toContainEqual({field: 'name', before: 'Ada', after: undefined});
		expect(outcome.steps[0]).toMatchObject({before: ada, after: undefined});
	});

	test('several changes are one batch, and a list is copied once for all of them', () => {
		const outcome = applied(
			applyMutations(
				input([update({owner: 'Marcus'}), {kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}]),
			),
		);
		expect(outcome.entries.map((entry) => entry.batch)).toEqual(['bat_0004', 'bat_0004']);
		expect(outcome.lists.customers!.map((record) => record.name)).toEqual(['Ada', 'Bo']);
	});

	test('an undo names the entry each mutation reverts', () => {
		const outcome = applied(applyMutations(input([update({owner: 'Marcus'})], {undoOf: ['chg_old']})));
		expect(outcome.entries[0]!.undoOf).toBe('chg_old');
	});

	test.each([
		{
			case: 'a stale version: a conflict naming the version now',
			mutations: [update({owner: 'Marcus'}, 2)],
			message: /was changed since you opened it \(version 3, you had 2\)/,
			conflict: {entity: 'customers', id: 'cus_ada1', version: 3},
		},
		{
			case: 'a record that is gone',
			mutations: [{kind: 'delete', entity: 'customers', id: 'cus_gone', version: 1} as Mutation],
			message: /The customer cus_gone no longer exists/,
		},
		{
			case: 'a rule: a deal’s amount below zero',
			mutations: [
				{
					kind: 'create',
					entity: 'opportunities',
					values: {
						customerId: 'cus_ada1',
						title: 'Renewal',
						stage: 'prospecting',
						probability: 0.1,
						amount: -5,
						owner: 'ana',
					},
				} as Mutation,
			],
			message: /The opportunity was not saved: amount must not be negative/,
			field: 'amount',
		},
		{
			case: 'control characters in a name',
			mutations: [update({name: 'Ada\u001B[2J'})],
			message: /The customer was not saved: name/,
			field: 'name',
		},
		{
			case: 'a missing field: a customer without a name',
			mutations: [{kind: 'create', entity: 'customers', values: {status: 'lead'}} as Mutation],
			message: /The customer was not saved: name is missing/,
			field: 'name',
		},
		{
			case: 'a null where text belongs',
			mutations: [update({company: null})],
			message: /The customer was not saved: company/,
			field: 'company',
		},
	])('refused: $case — nothing applied, in words', ({mutations, message, conflict, field}) => {
		const outcome = refusal(applyMutations(input(mutations)));
		expect(outcome.message).toMatch(message);
		if (conflict) expect(outcome.conflict).toEqual(conflict);
		if (field) expect(outcome.issues[0]?.field).toBe(field);
	});

	test('a role that may not: refused by name before anything is tried', () => {
		const outcome = refusal(
			applyMutations(
				input([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}], {
					operator: 'vic',
					role: 'viewer',
				}),
			),
		);
		expect(outcome.message).toBe('vic (viewer) may not create customers.');
	});

	test('the first refusal refuses the whole change', () => {
		const dataset: Dataset = datasetOf({customers: [ada]});
		const outcome = applyMutations(
			input([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}, update({}, 1)], {dataset}),
		);
		expect(outcome.ok).toBe(false);
		expect(dataset.customers).toEqual([ada]);
	});

	test('an update that changes nothing is no change: no new version, no entry', () => {
		const outcome = applied(applyMutations(input([update({name: 'Ada', owner: ''})])));
		expect(outcome.entries).toEqual([]);
		expect(outcome.steps).toEqual([]);
		expect(outcome.lists.customers).toEqual([ada]);
	});

	test('no mutations: nothing changed, no list copied, nothing logged', () => {
		expect(applyMutations(input([]))).toEqual({ok: true, lists: {}, entries: [], steps: []});
	});

	test('a null the schema allows is kept: an optional date left empty', () => {
		const outcome = applied(
			applyMutations(
				input([
					{
						kind: 'create',
						entity: 'opportunities',
						values: {
							customerId: 'cus_ada1',
							title: 'Renewal',
							stage: 'prospecting',
							probability: 0.1,
							amount: 5,
							owner: 'ana',
							expectedCloseAt: null,
						},
					},
				]),
			),
		);
		expect(outcome.lists.opportunities![0]).toMatchObject({expectedCloseAt: null, stage: 'prospecting'});
	});
});
