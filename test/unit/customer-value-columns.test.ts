import {describe, expect, it} from 'vitest';
import type {Customer} from '../../source/domain/customer.js';
import {
	customerValuesIn,
	prepareCustomerValues,
	rfmColumn,
	valueColumn,
	valueLine,
} from '../../source/ui/screens/customer-value-columns.js';
import {customersScreen} from '../../source/ui/screens/customers-screen.js';
import {relatedRecords} from '../../source/ui/state/related-records.js';
import {prepareFilter, visibleRows} from '../../source/ui/state/visible-rows.js';
import {valueCustomers} from '../support/customer-values.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';
import {wonDeal} from '../support/records.js';

const {dataset, byName} = valueCustomers();
const contextOf = (data = dataset) => ({dataset: data, now: fixedNow, related: relatedRecords(data)});
const context = contextOf();
const names = (rows: ReadonlyArray<{id: string}>) => rows.map((row) => (row as Customer).name);
const value = valueColumn(5);
const rfm = rfmColumn(6);

describe('the Value and RFM columns of the customers list', () => {
	it.each([
		// RFM sorts best first, as Value does: the negated sum of the scores, then R.
		['Ada Champion', 'champions', 0, 'ok', '555', -155],
		['Bo Loyal', 'loyal', 1, 'ok', '344', -113],
		['Cy Promising', 'promising', 2, 'accent', '411', -64],
		['Di Risk', 'at-risk', 3, 'bad', '233', -82],
		['Ed Sleeper', 'hibernating', 4, 'muted', '122', -51],
		// No purchase in the year: a dash, a blank sort value (last either way), muted.
		['Fay Never', '—', '', 'muted', '—', ''],
	])('%s: %s, sort %j, %s; RFM %s, sort %j', (name, cell, sortValue, tone, rfmCell, rfmSort) => {
		const record = byName[name]!;
		expect(value.cell(record, context)).toBe(cell);
		expect(value.sortValue(record, context)).toBe(sortValue);
		expect(value.tone?.(record, context)).toBe(tone);
		expect(rfm.cell(record, context)).toBe(rfmCell);
		expect(rfm.sortValue(record, context)).toBe(rfmSort);
	});

	it('a customer of an empty list, and one no record names, has no value', () => {
		const empty = contextOf(datasetOf({}));
		const stranger = customer();
		expect(customerValuesIn(empty).byCustomer.size).toBe(0);
		expect(value.cell(stranger, empty)).toBe('—');
		expect(rfm.sortValue(stranger, context)).toBe('');
	});

	it('the screen has both, sorted by V and R', () => {
		const columns = customersScreen.columns.filter((column) => column.id === 'value' || column.id === 'rfm');
		// Derived from deals and orders: an import's preview leaves them out.
		expect(columns.map((column) => [column.id, column.title, column.letter, column.derived])).toEqual([
			['value', 'Value', 'V', true],
			['rfm', 'RFM', 'R', true],
		]);
		const letters = customersScreen.columns.map((column) => column.letter);
		expect(new Set(letters).size).toBe(letters.length);
	});

	it.each([
		[false, ['Ada Champion', 'Bo Loyal', 'Cy Promising', 'Di Risk', 'Ed Sleeper', 'Fay Never']],
		[true, ['Ed Sleeper', 'Di Risk', 'Cy Promising', 'Bo Loyal', 'Ada Champion', 'Fay Never']],
	])('by Value, descending %s: champions first, none last', (descending, order) => {
		expect(names(visibleRows('customers', '', {column: 'value', descending}, context))).toEqual(order);
	});

	it.each([
		[false, ['Ada Champion', 'Bo Loyal', 'Di Risk', 'Cy Promising', 'Ed Sleeper', 'Fay Never']],
		[true, ['Ed Sleeper', 'Cy Promising', 'Di Risk', 'Bo Loyal', 'Ada Champion', 'Fay Never']],
	])('by RFM, descending %s: by the sum of the scores, best first as Value, none last', (descending, order) => {
		expect(names(visibleRows('customers', '', {column: 'rfm', descending}, context))).toEqual(order);
	});
});

describe('the filter on Value and RFM', () => {
	const sort = {column: 'name', descending: false};
	it.each([
		['value:at-risk', ['Di Risk']],
		['VALUE:At-Risk', ['Di Risk']],
		['value:champions', ['Ada Champion']],
		// A blank: the customer without a purchase in the year.
		['value:', ['Fay Never']],
		['value:no-such-segment', []],
		['rfm:5', ['Ada Champion']],
		// An R of 4 (411), not Bo's 344 with a 4 later on.
		['rfm:4', ['Cy Promising']],
		['rfm:', ['Fay Never']],
		// A derived column matches from the start of its cell: a word inside another segment's name, or a later score, is no match.
		['value:at', ['Di Risk']],
		['value:risk', []],
		['rfm:45', []],
		['rfm:34', ['Bo Loyal']],
		// A plain word finds the segment too: it is a cell of the row.
		['hibernating', ['Ed Sleeper']],
		['value:at-r di', ['Di Risk']],
	])('/%s', (filter, expected) => {
		expect(names(visibleRows('customers', filter, sort, contextOf({...dataset})))).toEqual(expected);
	});

	it('typing on narrows within the column and finds what a fresh list finds', () => {
		const typed = contextOf({...dataset});
		for (const filter of [
			'v',
			'value:',
			'value:a',
			'value:at',
			'value:at-',
			'value:at-risk',
			'value:a',
			'rfm:5',
			'rfm:55',
		]) {
			const fresh = names(visibleRows('customers', filter, sort, contextOf({...dataset})));
			expect(names(visibleRows('customers', filter, sort, typed)), filter).toEqual(fresh);
		}
	});

	it('the idle preparation makes the values in a step of their own, then the search texts', () => {
		const fresh = contextOf({...dataset});
		expect(prepareFilter('customers', sort, fresh, 100)).toBe(false);
		expect(prepareCustomerValues(fresh)).toBe(true);
		expect(prepareFilter('customers', sort, fresh, 100)).toBe(true);
		expect(names(visibleRows('customers', 'value:at-risk', sort, fresh))).toEqual(['Di Risk']);
	});

	it('a deal won moves the customer: the sort and the filter follow, though the customers are the same records', () => {
		const before = contextOf({...dataset});
		const byValue = {column: 'value', descending: false};
		expect(names(visibleRows('customers', '', byValue, before)).at(-1)).toBe('Fay Never');
		expect(names(visibleRows('customers', 'value:', sort, before))).toEqual(['Fay Never']);
		expect(names(visibleRows('customers', 'never', sort, before))).toEqual(['Fay Never']);
		const won = wonDeal(100, 'USD', new Date(fixedNow - 86_400_000).toISOString(), {
			customerId: byName['Fay Never']!.id,
		});
		const after = contextOf({...before.dataset, opportunities: [...dataset.opportunities, won]});
		expect(after.dataset.customers).toBe(before.dataset.customers);
		expect(names(visibleRows('customers', '', byValue, after)).at(-1)).not.toBe('Fay Never');
		expect(names(visibleRows('customers', 'value:', sort, after))).toEqual([]);
		// A plain word reads the search text, made again with the new value.
		expect(names(visibleRows('customers', 'never —', sort, after))).toEqual([]);
	});

	it('is made once per context: every row reads the same values', () => {
		expect(customerValuesIn(context)).toBe(customerValuesIn(context));
	});
});

describe('the customer detail', () => {
	it.each([
		['Di Risk', 'at risk · R 2 F 3 M 3 · 3 purchases in the year, last 200 days ago, $300', 'bad'],
		['Cy Promising', 'promising · R 4 F 1 M 1 · 1 purchase in the year, last 50 days ago, $100', 'accent'],
		['Fay Never', 'no purchase in the year', 'muted'],
	])('%s: %s', (name, text, tone) => {
		expect(valueLine(byName[name]!, context)).toEqual({kind: 'field', label: 'Value', value: text, tone});
	});

	it('shows the line among the fields', () => {
		const lines = customersScreen.detail(byName['Ada Champion']!, context);
		expect(lines).toContainEqual(expect.objectContaining({label: 'Value', value: expect.stringMatching(/^champions/)}));
	});
});

describe('the Value and RFM columns on large data', () => {
	// Past 50,000 customers, deals and orders together: customers without a purchase make the data large, not the ranks different.
	const many = Array.from({length: 50_001}, () => customer());
	const large = () => contextOf({...dataset, customers: [...dataset.customers, ...many]});
	const ada = byName['Ada Champion']!;

	it('a frame draws … until the idle step counts them, then draws them', () => {
		const fresh = large();
		expect(value.shown!(ada, fresh)).toEqual({text: '…', tone: 'muted'});
		expect(rfm.shown!(ada, fresh)).toEqual({text: '…', tone: 'muted'});
		expect(customersScreen.drawsLater!(fresh)).toBe(true);
		expect(prepareCustomerValues(fresh)).toBe(false);
		expect(customersScreen.drawsLater!(fresh)).toBe(false);
		expect(value.shown!(ada, fresh)).toEqual({text: 'champions', tone: 'ok'});
		expect(rfm.shown!(ada, fresh)).toEqual({text: '555', tone: 'ok'});
	});

	it('a filter, a sort and a detail count them at once', () => {
		expect(names(visibleRows('customers', 'value:champions', {column: 'name', descending: false}, large()))).toEqual([
			'Ada Champion',
		]);
		expect(names(visibleRows('customers', '', {column: 'value', descending: false}, large()).slice(0, 2))).toEqual([
			'Ada Champion',
			'Bo Loyal',
		]);
	});

	it('small data draws them in the frame', () => {
		expect(value.shown!(ada, contextOf())).toEqual({text: 'champions', tone: 'ok'});
		expect(customersScreen.drawsLater!(contextOf())).toBe(false);
	});
});

describe('a plain filter term and the derived cells, which the search texts leave out', () => {
	const sort = {column: 'name', descending: false};
	it.each([
		// Segment ids and the blank: a term any of them holds reads the Value cells.
		['at', true, false],
		['risk', true, false],
		['hibernating', true, false],
		['—', true, true],
		['ann', false, false],
		['ada', false, false],
		// Three scores of 1 to 5.
		['5', false, true],
		['344', false, true],
		['3445', false, false],
		['6', false, false],
		['0', false, false],
		['55a', false, false],
	])('%j: Value may hold it %s, RFM %s', (term, inValue, inRfm) => {
		expect(value.mayHold?.(term)).toBe(inValue);
		expect(rfm.mayHold?.(term)).toBe(inRfm);
	});

	it.each([
		// Read in the derived cells, as when they were part of the text.
		['344', ['Bo Loyal'], true],
		['champions', ['Ada Champion'], true],
		['at-risk di', ['Di Risk'], true],
		['—', ['Fay Never'], true],
		// In no derived cell: found without counting any customer's RFM.
		['ada', ['Ada Champion'], false],
		['sleeper', ['Ed Sleeper'], false],
		['no-such-name', [], false],
	])('/%s finds %j; the RFM counted for it: %s', (filter, expected, counted) => {
		const fresh = contextOf({...dataset});
		expect(names(visibleRows('customers', filter, sort, fresh))).toEqual(expected);
		// prepareCustomerValues says true when the context's values were made already.
		expect(prepareCustomerValues(fresh)).toBe(counted);
	});
});
