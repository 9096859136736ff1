import {expect, test} from 'vitest';
import type {Customer} from '../../source/domain/customer.js';
import {relatedRecords} from '../../source/ui/state/related-records.js';
import {prepareFilter, visibleRows} from '../../source/ui/state/visible-rows.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';

const customers = ['Anna Berg', 'Annika Holm', 'Bo Ek', 'Hanna Lind', 'Jonas Ann', 'Ann Li', 'Åsa Nanne', 'Zed'].map(
	(name, index) => customer({name, status: index % 2 ? 'lead' : 'active'}),
);
const contextOf = (list: Customer[]) => {
	const dataset = datasetOf({customers: list});
	return {dataset, now: fixedNow, related: relatedRecords(dataset)};
};
const names = (rows: ReadonlyArray<{id: string}>) => rows.map((row) => (row as Customer).name);

test('typing on narrows what the last key matched, widening starts over, and the order stays the sort order', () => {
	const context = contextOf(customers);
	for (const descending of [false, true]) {
		const sort = {column: 'name', descending};
		for (const filter of [
			'a',
			'an',
			'ann',
			'anna',
			'ann',
			'a',
			'',
			'n',
			'n l',
			'n li',
			'nn',
			'lead',
			'lead an',
			'zed',
			'an',
		]) {
			// From scratch: a new list of the same records, so nothing is reused.
			const expected = names(visibleRows('customers', filter, sort, contextOf([...customers])));
			expect(names(visibleRows('customers', filter, sort, context)), `${filter} ${descending ? '↓' : '↑'}`).toEqual(
				expected,
			);
		}
	}
	expect(names(visibleRows('customers', 'ann', {column: 'name', descending: false}, context))).toEqual([
		'Ann Li',
		'Anna Berg',
		'Annika Holm',
		'Åsa Nanne',
		'Hanna Lind',
		'Jonas Ann',
	]);
});

test('a filter prepared a slice at a time in idle moments finds what one made at once finds', () => {
	const context = contextOf([...customers]);
	const sort = {column: 'name', descending: false};
	const steps: boolean[] = [];
	for (let step = 0; step < 5; step++) steps.push(prepareFilter('customers', sort, context, 3));
	// The customers' RFM first, in a step of its own; then three texts a step.
	expect(steps).toEqual([false, false, false, true, true]);
	expect(names(visibleRows('customers', 'ann', sort, context))).toEqual([
		'Ann Li',
		'Anna Berg',
		'Annika Holm',
		'Åsa Nanne',
		'Hanna Lind',
		'Jonas Ann',
	]);
	// Half-prepared, then a filter: the rest is made on the spot.
	const other = contextOf([...customers]);
	prepareFilter('customers', sort, other, 3);
	expect(names(visibleRows('customers', 'lead', sort, other))).toEqual(
		names(visibleRows('customers', 'lead', sort, contextOf([...customers]))),
	);
});

const team = [
	customer({name: 'Ada Lead', status: 'lead', owner: 'Marcus Lee', segment: 'smb'}),
	customer({name: 'Bo Active', status: 'active', owner: '', segment: 'enterprise'}),
	customer({name: 'Cy Churned', status: 'churned', owner: 'Marcus Lee', segment: 'smb'}),
	customer({name: 'Dee Status', status: 'active', owner: 'Sofia Lind', segment: 'mid-market'}),
];

test.each([
	['status:lead', ['Ada Lead']],
	['Status:ACTIVE', ['Bo Active', 'Dee Status']],
	['status:act smb', []],
	['status:active owner:sofia', ['Dee Status']],
	['owner:', ['Bo Active']],
	['owner:marcus status:churned', ['Cy Churned']],
	['segment:mid', ['Dee Status']],
	// A plain term still matches anywhere, the status words included.
	['lead', ['Ada Lead']],
	// A name before the colon that is no column is a plain term.
	['colour:red', []],
	['10:30', []],
	['', ['Ada Lead', 'Bo Active', 'Cy Churned', 'Dee Status']],
])('the filter %j shows %j', (filter, expected) => {
	const sort = {column: 'name', descending: false};
	expect(names(visibleRows('customers', filter, sort, contextOf([...team])))).toEqual(expected);
});

test('typing on a field term narrows within its column; a plain term does not narrow into one', () => {
	const context = contextOf(team);
	const sort = {column: 'name', descending: false};
	for (const filter of ['s', 'st', 'status:', 'status:a', 'status:ac', 'status:act', 'status:l', 'sta', 'status:lead'])
		expect(names(visibleRows('customers', filter, sort, context)), filter).toEqual(
			names(visibleRows('customers', filter, sort, contextOf([...team]))),
		);
});
