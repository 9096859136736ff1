import {describe, expect, test} from 'vitest';
import {
	applyMutations,
	type MutationsApplied,
	type MutationsInput,
	type MutationsOutcome,
	MutationsRun,
} from '../../source/domain/apply-mutations.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import type {Dataset} from '../../source/domain/dataset.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {planUndo} from '../../source/domain/undo-plan.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {mutationsInput} from '../support/mutations-input.js';
import {dealOf, orderOf} from '../support/records.js';

// A bulk change (issue 18): one field set on many marked records, each record checked on its own.
const ada = customer({id: 'cus_ada1', name: 'Ada', version: 2});
const bo = customer({id: 'cus_bo01', name: 'Bo'});
const cy = customer({id: 'cus_cy01', name: 'Cy'});
const bea: ChangeEntry = {
	action: 'delete',
	at: '2026-02-27T16:40:00.000Z',
	batch: null,
	changes: [],
	entity: 'customers',
	id: 'chg_gone0001',
	label: 'Dee',
	operator: 'bea',
	recordId: 'cus_dee1',
	undoOf: null,
};
const dataset = datasetOf({customers: [ada, bo, cy], changes: [bea]});

const update = (id: string, version: number, values: Record<string, unknown>): Mutation => ({
	kind: 'update',
	entity: 'customers',
	id,
	version,
	values,
});
const owner = (id: string, version = 1) => update(id, version, {owner: 'Marcus'});

const bulk = (mutations: Mutation[], parts: Partial<MutationsInput> = {}): MutationsInput =>
	mutationsInput(mutations, {dataset, eachOnItsOwn: true, ...parts});

const applied = (outcome: MutationsOutcome): MutationsApplied => {
	if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.message}`);
	return outcome;
};

describe('applyMutations with eachOnItsOwn: a refused record is skipped and named, the rest applied', () => {
	test.each([
		{case: 'no mutations', mutations: [], changed: [], refused: []},
		{case: 'all accepted', mutations: [owner('cus_ada1', 2), owner('cus_bo01')], changed: ['Ada', 'Bo'], refused: []},
		{
			case: 'one at a version since replaced',
			mutations: [owner('cus_ada1', 1), owner('cus_bo01'), owner('cus_cy01')],
			changed: ['Bo', 'Cy'],
			refused: [
				{
					index: 0,
					label: 'Ada',
					message: 'The customer “Ada” was changed since the change was asked for (version 2, you had 1).',
				},
			],
		},
		{
			case: 'one deleted since (the log names who deleted it), one the log does not know',
			mutations: [owner('cus_dee1'), owner('cus_bo01'), owner('cus_nobody')],
			changed: ['Bo'],
			refused: [
				{index: 0, label: 'Dee', message: 'The customer “Dee” was deleted by bea at 2026-02-27 16:40 UTC.'},
				{index: 2, label: 'cus_nobody', message: 'The customer cus_nobody no longer exists.'},
			],
		},
		{
			case: 'an invalid value for one record',
			mutations: [update('cus_ada1', 2, {email: 'ada@'}), update('cus_bo01', 1, {email: 'bo@example.com'})],
			changed: ['Bo'],
			refused: [
				{
					index: 0,
					label: 'Ada',
					message: 'The customer was not saved: email must be an email address like ana@example.com.',
				},
			],
		},
		{
			case: 'control characters in one record’s text',
			mutations: [update('cus_ada1', 2, {notes: 'fine'}), update('cus_bo01', 1, {notes: 'ring \u0007'})],
			changed: ['Ada'],
			refused: [{index: 1, label: 'Bo'}],
		},
	])('$case', ({mutations, changed, refused}) => {
		const outcome = applied(applyMutations(bulk(mutations)));
		expect(outcome.entries.map((entry) => entry.label)).toEqual(changed);
		expect(outcome.refused).toEqual(refused.map((expected) => expect.objectContaining(expected)));
		for (const skipped of outcome.refused ?? []) {
			expect(skipped.entity).toBe('customers');
			expect(skipped.id).toBe((mutations[skipped.index] as {id: string}).id);
			expect(skipped.message).not.toBe('');
		}
		// Saved together, undone together: one batch for all the entries (none for a single one).
		const batches = new Set(outcome.entries.map((entry) => entry.batch));
		expect(batches.size).toBeLessThanOrEqual(1);
		if (outcome.entries.length > 1) expect([...batches][0]).toMatch(/^bat_/);
	});

	test('a skipped record leaves no trace: its record is the very object it was, with no step and no entry', () => {
		const outcome = applied(applyMutations(bulk([owner('cus_ada1', 1), owner('cus_bo01')])));
		expect(outcome.lists.customers![0]).toBe(ada);
		expect(outcome.lists.customers![1]).toMatchObject({owner: 'Marcus', version: 2});
		expect(outcome.steps.map((step) => step.id)).toEqual(['cus_bo01']);
		expect(dataset.customers).toEqual([ada, bo, cy]);
	});

	test('a move the entity forbids (a paid order cancelled) and a stale delete are skipped; the others are saved', () => {
		const paid = orderOf({id: 'ord_paid1', number: 'SO-2026-0001', status: 'paid'});
		const open = orderOf({id: 'ord_open1', number: 'SO-2026-0002', status: 'confirmed'});
		const orders = datasetOf({orders: [paid, open]});
		const cancel = (id: string): Mutation => ({
			kind: 'update',
			entity: 'orders',
			id,
			version: 1,
			values: {status: 'cancelled'},
		});
		const outcome = applied(applyMutations(bulk([cancel('ord_paid1'), cancel('ord_open1')], {dataset: orders})));
		expect(outcome.refused).toEqual([
			{
				index: 0,
				entity: 'orders',
				id: 'ord_paid1',
				label: 'SO-2026-0001',
				message: 'The order was not saved: status may not move from paid to cancelled (a paid order stays paid).',
			},
		]);
		expect(outcome.lists.orders!.map((order) => order.status)).toEqual(['paid', 'cancelled']);
		const deletes: Mutation[] = [
			{kind: 'delete', entity: 'customers', id: 'cus_ada1', version: 1},
			{kind: 'delete', entity: 'customers', id: 'cus_bo01', version: 1},
		];
		const deleted = applied(applyMutations(bulk(deletes)));
		expect(deleted.lists.customers!.map((record) => record.name)).toEqual(['Ada', 'Cy']);
		expect(deleted.refused!.map((skipped) => skipped.label)).toEqual(['Ada']);
	});

	test('every record refused: nothing is changed, and every refusal is listed', () => {
		const outcome = applied(applyMutations(bulk([owner('cus_ada1', 1), owner('cus_dee1')])));
		expect(outcome.entries).toEqual([]);
		expect(outcome.steps).toEqual([]);
		expect(outcome.refused!.map((skipped) => skipped.label)).toEqual(['Ada', 'Dee']);
	});

	test('a role that may not change the entity refuses them all, each on its own or not', () => {
		const outcome = applyMutations(bulk([owner('cus_bo01'), owner('cus_cy01')], {role: 'viewer'}));
		expect(outcome).toEqual({ok: false, refusal: {message: 'ana (viewer) may not change customers.', issues: []}});
	});

	test('without eachOnItsOwn, one refused record still refuses the whole change, worded for a form', () => {
		const outcome = applyMutations(mutationsInput([owner('cus_bo01'), owner('cus_dee1')], {dataset}));
		expect(outcome).toMatchObject({
			ok: false,
			refusal: {
				message:
					'The customer “Dee” was deleted by bea at 2026-02-27 16:40 UTC; nothing was saved (Esc leaves the form; u is theirs to undo).',
			},
		});
	});

	test('a create is not taken one by one (a refused one would leave a gap in the order numbers)', () => {
		expect(() => applyMutations(bulk([{kind: 'create', entity: 'customers', values: {name: 'Eve'}}]))).toThrow(
			/updates and deletes only/,
		);
	});
});

describe('MutationsRun: a change applied a slice at a time', () => {
	const many = Array.from({length: 30}, (_, index) => customer({name: `Many ${index}`}));
	const data = datasetOf({customers: many});
	const mutations = many.map((record, index) =>
		update(record.id, index === 7 ? 9 : record.version, {segment: 'enterprise'}),
	);

	test.each([1, 4, 30, 100])('in slices of %i: the same outcome as at once, one batch', (slice) => {
		const run = new MutationsRun(bulk(mutations, {dataset: data}));
		const seen: number[] = [];
		while (run.step(slice)) seen.push(run.done);
		expect(run.done).toBe(run.total);
		expect(seen).toEqual(seen.toSorted((a, b) => a - b));
		const sliced = applied(run.outcome());
		const whole = applied(applyMutations(bulk(mutations, {dataset: data})));
		expect(sliced.lists).toEqual(whole.lists);
		expect(sliced.entries.map((entry) => [entry.id, entry.batch])).toEqual(
			whole.entries.map((entry) => [entry.id, entry.batch]),
		);
		expect(new Set(sliced.entries.map((entry) => entry.batch)).size).toBe(1);
		expect(sliced.entries).toHaveLength(29);
		expect(sliced.refused!.map((skipped) => skipped.index)).toEqual([7]);
		expect(run.outcome()).toBe(run.outcome());
	});

	test('no mutations: nothing left to step, and nothing changed', () => {
		const run = new MutationsRun(bulk([], {dataset: data}));
		expect(run.step(10)).toBe(false);
		expect(applied(run.outcome())).toMatchObject({entries: [], steps: [], refused: []});
	});
});

describe('planUndo of a batch: every record changed since is counted, the first few named', () => {
	/** The data after ana's bulk change of `count` deals' owner (one batch), with `since` applied to it. */
	const afterBulk = (count: number, since: (deals: Dataset['opportunities']) => Dataset['opportunities']) => {
		const deals = Array.from({length: count}, (_, index) => dealOf({title: `Deal ${index}`}));
		const outcome = applied(
			applyMutations(
				mutationsInput(
					deals.map((deal) => ({
						kind: 'update',
						entity: 'opportunities',
						id: deal.id,
						version: 1,
						values: {owner: 'Marcus'},
					})),
					{dataset: datasetOf({opportunities: deals})},
				),
			),
		);
		return datasetOf({opportunities: since(outcome.lists.opportunities!), changes: outcome.entries});
	};
	const reowned = (indexes: number[]) => (deals: Dataset['opportunities']) =>
		deals.map((deal, index) => (indexes.includes(index) ? {...deal, owner: 'Priya', version: deal.version + 1} : deal));

	test.each([
		{case: 'none changed since: the whole batch is undone', count: 10, since: reowned([]), reason: null},
		{
			case: 'one changed again, one deleted',
			count: 10,
			since: (deals: Dataset['opportunities']) => reowned([3])(deals).filter((_, index) => index !== 6),
			reason:
				'Cannot undo the bulk change of 10 opportunities: 2 changed since — “Deal 3” (owner changed again since), “Deal 6” (the record has been deleted since).',
		},
		{
			case: 'seven changed: five named, the rest counted',
			count: 12,
			since: reowned([0, 2, 4, 5, 8, 9, 11]),
			reason:
				'Cannot undo the bulk change of 12 opportunities: 7 changed since — “Deal 0” (owner changed again since), “Deal 2” (owner changed again since), “Deal 4” (owner changed again since), “Deal 5” (owner changed again since), “Deal 8” (owner changed again since) and 2 more.',
		},
	])('$case', ({count, since, reason}) => {
		const plan = planUndo(afterBulk(count, since), 'ana');
		if (reason === null) {
			expect(plan).toMatchObject({ok: true});
			if (plan.ok) expect(plan.inverses).toHaveLength(count);
		} else expect(plan).toEqual({ok: false, reason});
	});

	test('a single change keeps its own words', () => {
		const plan = planUndo(afterBulk(1, reowned([0])), 'ana');
		expect(plan).toEqual({
			ok: false,
			reason: 'Cannot undo the update of opportunity “Deal 0”: owner changed again since.',
		});
	});
});
