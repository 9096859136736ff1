import {describe, expect, it} from 'vitest';
import {customerValues, customerValuesInSteps, customerValuesOf} from '../../source/assessment/rfm.js';
import type {Customer} from '../../source/domain/customer.js';
import {customer} from '../support/fixtures.js';
import {orderOf, wonDeal} from '../support/records.js';

/** customerValuesInSteps: the count of customerValues, a slice at a time (the console's idle steps). */
const asOf = Date.parse('2026-06-01T00:00:00.000Z');
const usd = {base: 'USD', rates: {EUR: 1.1}};

/** `customers` customers; every third with a won deal, every fifth with an order, in the year before T. */
const dataOf = (customers: number, rates = usd) => {
	const people: Customer[] = Array.from({length: customers}, () => customer());
	const day = (index: number) => new Date(asOf - (1 + (index % 300)) * 86_400_000).toISOString();
	return {
		data: {
			customers: people,
			opportunities: people
				.filter((_, index) => index % 3 === 0)
				.map((person, index) => wonDeal(100 + index, index % 2 ? 'EUR' : 'USD', day(index), {customerId: person.id})),
			orders: people
				.filter((_, index) => index % 5 === 0)
				.map((person, index) => orderOf({customerId: person.id, orderedAt: day(index * 7), amount: 50 + index})),
		},
		rates,
	};
};

/** Calls the stepper with `more` until it gives the values; how many calls that took. */
const countAll = (step: (more: () => boolean) => unknown, more: () => boolean) => {
	let calls = 0;
	let values: unknown;
	while (values === undefined && calls < 100_000) {
		values = step(more);
		calls++;
	}
	return {values, calls};
};

describe('RFM counted in steps', () => {
	it.each([
		['no customers', 0],
		['one customer', 1],
		['fewer than a slice', 500],
		['several slices', 9_000],
	])('%s: the same values as counted at once, however small the steps', (_, customers) => {
		const {data, rates} = dataOf(customers, {base: 'USD', rates: {EUR: 1.1 + customers / 1e6}});
		const whole = customerValues(data, asOf, rates);
		// Never more: one slice a call.
		const {values, calls} = countAll(customerValuesInSteps(data, asOf, rates), () => false);
		expect(values).toEqual(whole);
		// Some 2,000 records a slice: more records, more calls (the empty data still takes its scores' pauses).
		expect(calls).toBeGreaterThanOrEqual(Math.floor((customers * (1 + 1 / 3 + 1 / 5)) / 2000));
		if (customers >= 9_000) expect(calls).toBeGreaterThan(5);
	});

	it('with more() always true, one call counts it all', () => {
		const {data, rates} = dataOf(3_000, {base: 'USD', rates: {EUR: 1.3}});
		const step = customerValuesInSteps(data, asOf, rates);
		expect(step(() => true)).toEqual(customerValues(data, asOf, rates));
	});

	it('once counted, the values are kept: customerValuesOf gives them without counting again', () => {
		const {data, rates} = dataOf(2_500, {base: 'USD', rates: {EUR: 1.4}});
		const {values} = countAll(customerValuesInSteps(data, asOf, rates), () => false);
		expect(customerValuesOf(data, asOf, rates)).toBe(values);
		// A new count of the same inputs gives the kept values at its first call, even with no room to count.
		expect(customerValuesInSteps(data, asOf, rates)(() => false)).toBe(values);
	});

	it('counted meanwhile another way (a sort by Value), the steps take those values over', () => {
		const {data, rates} = dataOf(6_000, {base: 'USD', rates: {EUR: 1.5}});
		const step = customerValuesInSteps(data, asOf, rates);
		expect(step(() => false)).toBeUndefined();
		const atOnce = customerValuesOf(data, asOf, rates);
		expect(step(() => false)).toBe(atOnce);
	});
});
