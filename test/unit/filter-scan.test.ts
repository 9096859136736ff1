import {afterEach, describe, expect, test} from 'vitest';
import type {Customer} from '../../source/domain/customer.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import {frameLayout} from '../../source/ui/layout/frame-layout.js';
import {type AppState, initialState} from '../../source/ui/state/app-state.js';
import {positionOf} from '../../source/ui/state/frame-position.js';
import {relatedRecords} from '../../source/ui/state/related-records.js';
import {viewContext} from '../../source/ui/state/selection.js';
import {filterScanned, prepareFilter, shownRows, visibleRows} from '../../source/ui/state/visible-rows.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';

// A filter typed over many records shows the rows found so far: always the first rows of what the
// whole list gives (rows found later only add to the end), the cursor's row where the whole list
// has it with a window after it, and the whole list once the idle steps have scanned the rest.

const first = ['Anna', 'Bo', 'Hanna', 'Jonas', 'Åsa', 'Li', 'Zed', 'Tomás'];
const last = ['Berg', 'Holm', 'Ek', 'Lind', 'Ann', 'Nanne', 'Ström'];
const people = Array.from({length: 2_000}, (_, index) =>
	customer({
		name: `${first[index % first.length]} ${last[Math.floor(index / first.length) % last.length]} ${index}`,
		status: index % 3 ? 'active' : 'lead',
	}),
);
const contextOf = (list: Customer[]) => {
	const dataset = datasetOf({customers: list});
	return {dataset, now: fixedNow, related: relatedRecords(dataset)};
};
const ids = (rows: ReadonlyArray<{id: string}>) => rows.map((row) => row.id);
const sort = {column: 'name', descending: false};
// A window longer than the 256 rows a scan reads between two looks at its limit.
const page = 300;
const typed = ['a', 'an', 'ann', 'anna', 'ann', 'b', 'bo', '', 'zz', 'o', 'lead o', 'status:lead', 'ström', 'tomas'];

test('a key shows the first rows of the whole list, past the cursor’s row and a window after it', () => {
	const context = contextOf([...people]);
	// The anchor the cursor is to stay on: a row in the middle of the sorted list.
	const anchor = visibleRows('customers', '', sort, contextOf([...people]))[1_000]!.id;
	let partial = 0;
	for (const filter of typed) {
		const whole = ids(visibleRows('customers', filter, sort, contextOf([...people])));
		// No time to scan on: only what the cursor and its window need.
		const shown = ids(shownRows('customers', filter, sort, context, anchor, page, 0));
		expect(whole.slice(0, shown.length), filter).toEqual(shown);
		const at = whole.indexOf(anchor);
		if (at >= 0) {
			expect(shown[at], filter).toBe(anchor);
			expect(shown.length, filter).toBeGreaterThanOrEqual(Math.min(whole.length, at + 1 + page));
		}
		const scanned = filterScanned('customers', filter, sort, context);
		if (scanned === null) expect(shown, filter).toEqual(whole);
		else {
			partial++;
			expect(scanned, filter).toBeGreaterThan(0);
			expect(scanned, filter).toBeLessThan(1);
		}
	}
	// The texts were not made ahead: some keys did leave the rest to the idle steps.
	expect(partial).toBeGreaterThan(0);
});

test.each(typed)('/%s: idle steps scan the rest, and every row is then what the whole list gives', (filter) => {
	const context = contextOf([...people]);
	const whole = ids(visibleRows('customers', filter, sort, contextOf([...people])));
	shownRows('customers', filter, sort, context, undefined, page, 0);
	let steps = 0;
	while (!prepareFilter('customers', sort, context, undefined, filter) && steps < 10_000) steps++;
	expect(filterScanned('customers', filter, sort, context)).toBeNull();
	expect(ids(shownRows('customers', filter, sort, context, undefined, page, 0))).toEqual(whole);
});

test('an action on the rows finishes the scan under way: every row, none left out', () => {
	const whole = ids(visibleRows('customers', 'a', sort, contextOf([...people])));
	const context = contextOf([...people]);
	for (const filter of ['a', 'an', 'zz', 'a']) shownRows('customers', filter, sort, context, undefined, page, 0);
	expect(filterScanned('customers', 'a', sort, context)).not.toBeNull();
	expect(ids(visibleRows('customers', 'a', sort, context))).toEqual(whole);
	expect(filterScanned('customers', 'a', sort, context)).toBeNull();
});

test('an empty list and an empty filter scan nothing', () => {
	const empty = contextOf([]);
	expect(shownRows('customers', 'a', sort, empty, 'cus_nobody', page, 0)).toEqual([]);
	expect(filterScanned('customers', 'a', sort, empty)).toBeNull();
	const context = contextOf([...people]);
	expect(shownRows('customers', '', sort, context, undefined, page, 0)).toHaveLength(people.length);
	expect(filterScanned('customers', '', sort, context)).toBeNull();
});

describe('the status line while a filter scans', () => {
	afterEach(() => setLanguage('en'));
	const size = {columns: 200, rows: 50};
	const filtering = (filter: string): AppState => {
		const state = initialState(datasetOf({customers: [...people]}), size, fixedNow);
		const list = {...state.lists.customers, filter};
		return {...state, mode: 'filter', lists: {...state.lists, customers: list}};
	};

	test.each([
		['en', 'a', /^filtering: 1\/\d+ so far, \d+% read…$/],
		['zh-CN', 'a', /^筛选中：已找到 1\/\d+，已读 \d+%…$/],
		['en', 'zz', /^filtering: 0\/0 so far, \d+% read…$/],
	] as const)('%s, /%s: the rows found so far and how far the scan is', (language, filter, said) => {
		setLanguage(language);
		// Counted first: the lists keep one filter's scan each, the last asked for.
		const whole = visibleRows('customers', filter, sort, contextOf([...people])).length;
		const state = filtering(filter);
		const page = frameLayout(size).tableRows;
		const {sort: order} = state.lists.customers;
		shownRows('customers', filter, order, viewContext(state), undefined, page, 0);
		expect(positionOf(state, 'filter', false)).toMatch(said);
		// Once the idle steps have scanned the rest: where the cursor is, of every row.
		while (!prepareFilter('customers', order, viewContext(state), undefined, filter));
		expect(positionOf(state, 'filter', false)).toBe(whole === 0 ? '0/0' : `1/${whole}`);
	});
});

test.each([
	[['a', 'an', 'ann', 'anna']],
	[['o', 'ol', 'olm']],
	[['e', 'ea', 'lead', 'lead e']],
	[['a', 'an', 'an b', 'an be']],
])('typed on before any scan ends, %j finds every row a fresh list finds', (keys) => {
	const context = contextOf([...people]);
	const last = keys.at(-1)!;
	const whole = ids(visibleRows('customers', last, sort, contextOf([...people])));
	// The first key finds 1,500 rows; the next ones, with no cursor to keep, no window and no time,
	// read only 256 or so of the rows the key before found.
	for (const [key, filter] of keys.entries())
		shownRows('customers', filter, sort, context, undefined, key === 0 ? 1_500 : 0, key === 0 ? Infinity : 0);
	expect(filterScanned('customers', last, sort, context)).not.toBeNull();
	expect(ids(visibleRows('customers', last, sort, context))).toEqual(whole);
});
