import {describe, expect, it} from 'vitest';
import {customerValuesIn, prepareCustomerValues, valueColumn} from '../../source/ui/screens/customer-value-columns.js';
import {customersScreen} from '../../source/ui/screens/customers-screen.js';
import {relatedRecords} from '../../source/ui/state/related-records.js';
import {valueCustomers} from '../support/customer-values.js';
import {customer, fixedNow} from '../support/fixtures.js';

/** The customers' RFM counted by the list's idle steps a slice at a time, on data past 50,000 records (a frame draws `…` there). */
const {dataset, byName} = valueCustomers();
const many = Array.from({length: 50_001}, () => customer());
const large = () => {
	const data = {...dataset, customers: [...dataset.customers, ...many]};
	return {dataset: data, now: fixedNow, related: relatedRecords(data)};
};
const value = valueColumn(5);
const never = () => false;

describe('RFM in idle steps', () => {
	it.each([
		['no step taken', 0],
		['one step', 1],
		['a few steps', 5],
	])('%s, then a filter needs them: the count is finished, with the values of one made at once', (_, steps) => {
		const stepped = large();
		for (let step = 0; step < steps; step++) expect(prepareCustomerValues(stepped, never)).toBe(false);
		// Not counted yet: a frame still draws `…`.
		expect(customersScreen.drawsLater!(stepped)).toBe(true);
		const values = customerValuesIn(stepped);
		expect(values).toEqual(customerValuesIn(large()));
		expect(value.cell(byName['Ada Champion']!, stepped)).toBe('champions');
		// Made now: the next idle step has nothing to do.
		expect(prepareCustomerValues(stepped, never)).toBe(true);
	});

	it('steps with no room to count still end, and the frame then draws the values', () => {
		const stepped = large();
		let steps = 0;
		while (customersScreen.drawsLater!(stepped) && steps < 10_000) {
			expect(prepareCustomerValues(stepped, never)).toBe(false);
			steps++;
		}
		// About one slice of 500 records a step: more than one step, fewer than the ten thousand allowed.
		expect(steps).toBeGreaterThan(50);
		expect(steps).toBeLessThan(10_000);
		expect(value.shown!(byName['Ada Champion']!, stepped)).toEqual({text: 'champions', tone: 'ok'});
		expect(prepareCustomerValues(stepped, never)).toBe(true);
	});
});
