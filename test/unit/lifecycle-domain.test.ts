import {describe, expect, test} from 'vitest';
import {may, type Role, refusal as refusalInWords} from '../../source/domain/access.js';
import {applyMutations, type MutationsInput, type MutationsOutcome} from '../../source/domain/apply-mutations.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {inBase, rateOf, sumInBase} from '../../source/domain/money.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {lineToInput, readLineInput} from '../../source/domain/order-line-input.js';
import {defaultSettings, ratesOf, settingsSchema} from '../../source/domain/settings.js';
import {customer, datasetOf} from '../support/fixtures.js';

const now = Date.parse('2026-03-01T09:00:00.000Z');
const ada = customer({id: 'cus_ada1', name: 'Ada', status: 'active'});

const input = (
	mutations: Mutation[],
	dataset: Dataset = datasetOf({customers: [ada]}),
	undoOf: string | null = null,
) => {
	let sequence = 0;
	return {
		dataset,
		mutations,
		operator: 'ana',
		role: 'admin' as Role,
		now,
		newId: (prefix: string) => `${prefix}_${String(++sequence).padStart(4, '0')}`,
		settings: defaultSettings(),
		undoOf,
	} satisfies MutationsInput;
};

const applied = (outcome: MutationsOutcome) => {
	if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.message}`);
	return outcome;
};

const refusal = (outcome: MutationsOutcome) => {
	if (outcome.ok) throw new Error('applied, not refused');
	return outcome.refusal;
};

const line = {product: 'Seat', quantity: 2, unitPrice: 100, discount: 0.1};
const newOrder = (values: Record<string, unknown> = {}): Mutation => ({
	kind: 'create',
	entity: 'orders',
	values: {customerId: 'cus_ada1', status: 'draft', orderedAt: '2026-02-10T00:00:00.000Z', lines: [line], ...values},
});

describe('money (KPI.md Money)', () => {
	const rates = {base: 'USD', rates: {CNY: 0.14, EUR: 1.08}};
	test.each([
		['the base itself', 'USD', 1],
		['a currency with a rate', 'CNY', 0.14],
		['a currency without one', 'KRW', null],
		['the empty code', '', null],
	])('%s: rate %s', (_, currency, rate) => {
		expect(rateOf(rates, currency)).toBe(rate);
	});

	test('an amount converts at its rate; without a rate it is null, never the amount as if in the base', () => {
		expect(inBase(rates, 1_234_567, 'CNY')).toBeCloseTo(172_839.38, 2);
		expect(inBase(rates, 1_234_567, 'JPY')).toBeNull();
	});

	test('a sum leaves the unpriced out and counts them by currency', () => {
		const sum = sumInBase(
			rates,
			[
				{amount: 100, currency: 'USD'},
				{amount: 1000, currency: 'CNY'},
				{amount: 50, currency: 'KRW'},
				{amount: 70, currency: 'KRW'},
			],
			(record) => record.amount,
			(record) => record.currency,
		);
		expect(sum).toEqual({total: 240, priced: 2, unpriced: 2, unpricedCurrencies: new Set(['KRW'])});
		expect(
			sumInBase(
				rates,
				[],
				() => 0,
				() => 'USD',
			),
		).toEqual({
			total: 0,
			priced: 0,
			unpriced: 0,
			unpricedCurrencies: new Set(),
		});
	});

	test('settings from before rates: USD and no other rates; a rate of 0 or below is refused naming it', () => {
		expect(ratesOf(settingsSchema.parse({}))).toEqual({base: 'USD', rates: {}});
		expect(ratesOf(settingsSchema.parse({baseCurrency: 'CNY', rates: {USD: 7.1}}))).toEqual({
			base: 'CNY',
			rates: {USD: 7.1},
		});
		for (const bad of [0, -1]) {
			const result = settingsSchema.safeParse({rates: {EUR: bad}});
			expect(result.success).toBe(false);
			expect(result.error!.issues[0]!.path).toEqual(['rates', 'EUR']);
			expect(result.error!.issues[0]!.message).toBe('must be more than 0');
		}
		expect(settingsSchema.safeParse({baseCurrency: 'usd'}).success).toBe(false);
	});
});

describe('order lines as typed', () => {
	const catalogue = [{name: 'Seat licence', unitPrice: 1200, currency: 'USD'}];
	test.each([
		['2 x Seat licence @ 1,200 -10%', {product: 'Seat licence', quantity: 2, unitPrice: 1200, discount: 0.1}],
		['Seat licence', {product: 'Seat licence', quantity: 1, unitPrice: 1200, discount: 0}],
		['3 × seat licence', {product: 'seat licence', quantity: 3, unitPrice: 1200, discount: 0}],
		['1.5 x Consulting day @ 800', {product: 'Consulting day', quantity: 1.5, unitPrice: 800, discount: 0}],
		['Training @ 0', {product: 'Training', quantity: 1, unitPrice: 0, discount: 0}],
	])('%s', (text, expected) => {
		const reading = readLineInput(text, catalogue, 'USD');
		expect(reading).toEqual({ok: true, line: expected});
		if (reading.ok) expect(readLineInput(lineToInput(reading.line), catalogue, 'USD')).toEqual(reading);
	});

	test.each([
		['0 x Seat licence', 'quantity must be more than 0'],
		['two x Seat licence', 'quantity “two” is not a number'],
		['Widget', 'needs a price: Widget is not in the catalogue (add @ price)'],
		['Widget @ cheap', 'price “cheap” is not an amount'],
		['Widget @ 10 -120%', 'discount must be a percentage from 0 to 100'],
		['', 'must read like 2 x Seat licence @ 1,200 -10%'],
	])('%s is refused: %s', (text, message) => {
		expect(readLineInput(text, catalogue, 'USD')).toEqual({ok: false, message});
	});

	test('a catalogue price in another currency is not taken as if it were the order’s', () => {
		expect(readLineInput('Seat licence', catalogue, 'CNY')).toEqual({
			ok: false,
			message: 'Seat licence is priced in USD: type its price in CNY (@ price)',
		});
	});
});

describe('orders in the store', () => {
	test('a new order gets the next number of its order date’s year, its amount from the lines', () => {
		const outcome = applied(applyMutations(input([newOrder(), newOrder({orderedAt: '2025-12-31T23:00:00.000Z'})])));
		const [first, second] = outcome.lists.orders!;
		expect(first).toMatchObject({number: 'SO-2026-0001', amount: 180, paidAt: null});
		expect(second).toMatchObject({number: 'SO-2025-0001'});
	});

	test('numbers go on from the highest ever given, a deleted order’s included; a taken one brought in is refused', () => {
		const first = applied(applyMutations(input([newOrder()])));
		const dataset = datasetOf({customers: [ada], orders: first.lists.orders!});
		const deleted = applied(
			applyMutations(input([{kind: 'delete', entity: 'orders', id: 'ord_0001', version: 1}], dataset)),
		);
		const after = {...dataset, orders: deleted.lists.orders!, changes: [...first.entries, ...deleted.entries]};
		expect(applied(applyMutations(input([newOrder()], after))).lists.orders![0]!.number).toBe('SO-2026-0002');
		const taken = refusal(applyMutations(input([newOrder({number: 'SO-2026-0001'})], after)));
		expect(taken.issues).toEqual([{field: 'number', message: 'is already taken'}]);
	});

	test('paid sets the payment date; a paid order without lines is refused; a paid one is not cancelled but an undo puts it back', () => {
		const paid = applied(applyMutations(input([newOrder({status: 'paid'})]))).lists.orders![0]!;
		expect(paid.paidAt).toBe('2026-03-01T09:00:00.000Z');
		const empty = refusal(applyMutations(input([newOrder({status: 'paid', lines: []})])));
		expect(empty.message).toBe('The order was not saved: lines must have at least one line for a paid order.');
		const dataset = datasetOf({customers: [ada], orders: [paid]});
		const cancel: Mutation = {
			kind: 'update',
			entity: 'orders',
			id: paid.id,
			version: 1,
			values: {status: 'cancelled'},
		};
		expect(refusal(applyMutations(input([cancel], dataset))).issues[0]).toEqual({
			field: 'status',
			message: 'may not move from paid to cancelled (a paid order stays paid)',
		});
		const undo = {...cancel, values: {status: 'confirmed'}};
		expect(applied(applyMutations(input([undo], dataset, 'chg_1'))).lists.orders![0]).toMatchObject({
			status: 'confirmed',
			paidAt: null,
		});
	});

	test('an order line with quantity 0 is refused naming the line', () => {
		const zero = refusal(applyMutations(input([newOrder({lines: [{...line, quantity: 0}]})])));
		expect(zero.issues[0]).toEqual({field: 'lines.0.quantity', message: 'must be more than 0'});
	});
});

describe('campaigns, tickets and follow-ups in the store', () => {
	const campaign = (values: Record<string, unknown>): Mutation => ({
		kind: 'create',
		entity: 'campaigns',
		values: {name: 'Webinar', channel: 'event', status: 'planned', startAt: '2026-03-01T00:00:00.000Z', ...values},
	});

	test('an end before the start is refused naming it; a completed campaign is not planned again', () => {
		expect(refusal(applyMutations(input([campaign({endAt: '2026-02-01T00:00:00.000Z'})]))).issues).toEqual([
			{field: 'endAt', message: 'must not be before the start'},
		]);
		const done = applied(applyMutations(input([campaign({status: 'completed', cost: 500})]))).lists.campaigns![0]!;
		expect(done).toMatchObject({budget: 0, cost: 500, currency: 'USD'});
		const back: Mutation = {kind: 'update', entity: 'campaigns', id: done.id, version: 1, values: {status: 'planned'}};
		expect(refusal(applyMutations(input([back], datasetOf({campaigns: [done]})))).issues[0]!.field).toBe('status');
	});

	test('no campaign is stored as no key (as on records from before campaigns), not as an empty string', () => {
		const created = applied(
			applyMutations(
				input([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead', campaignId: ''}}]),
			),
		);
		expect('campaignId' in created.lists.customers!.at(-1)!).toBe(false);
	});

	test('a follow-up of a ticket without a customer is kept; any other activity needs its customer', () => {
		const followUp = {
			kind: 'follow_up',
			customerId: '',
			ticketId: 'tkt_1234',
			at: '2026-03-01T09:00:00.000Z',
			dueAt: '2026-03-04T09:00:00.000Z',
			text: 'Call back',
			operator: 'ana',
		};
		const kept = applied(applyMutations(input([{kind: 'create', entity: 'activities', values: followUp}])));
		expect(kept.lists.activities![0]).toMatchObject({ticketId: 'tkt_1234', doneAt: null});
		const note = {...followUp, kind: 'note'};
		expect(
			refusal(applyMutations(input([{kind: 'create', entity: 'activities', values: note}]))).issues[0]!.field,
		).toBe('customerId');
		const noDue = {...followUp, dueAt: null};
		expect(refusal(applyMutations(input([{kind: 'create', entity: 'activities', values: noDue}]))).issues[0]).toEqual({
			field: 'dueAt',
			message: 'must be set for a follow-up',
		});
	});
});

describe('who may change the new records', () => {
	test.each([
		['sales', 'campaigns', true],
		['sales', 'orders', true],
		['sales', 'activities', true],
		['service', 'campaigns', false],
		['service', 'orders', false],
		['service', 'activities', true],
		['viewer', 'campaigns', false],
		['viewer', 'orders', false],
		['viewer', 'activities', false],
		['admin', 'orders', true],
	] as const)('%s on %s: %s', (role, entity, allowed) => {
		for (const action of ['create', 'update', 'delete'] as const) expect(may(role, action, entity)).toBe(allowed);
	});

	test('a refusal names the records in words', () => {
		expect(refusalInWords('vic', 'service', 'update', 'orders')).toBe('vic (service) may not change orders.');
		expect(refusalInWords('vic', 'viewer', 'create', 'campaigns')).toBe('vic (viewer) may not create campaigns.');
	});
});
