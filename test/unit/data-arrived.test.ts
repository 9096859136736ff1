import {describe, expect, test} from 'vitest';
import {parseKeys} from '../../source/ui/keys/key-parser.js';
import {appReducer, initialState, rowsOf} from '../../source/ui/state/app-state.js';
import type {AppState} from '../../source/ui/state/app-types.js';
import {loadedPercent} from '../../source/ui/state/loading.js';
import {customer, datasetOf} from '../support/fixtures.js';

const size = {columns: 100, rows: 30};

test.each([
	[{done: 0, total: 0}, 0],
	[{done: 500, total: 812_295}, 0],
	[{done: 406_147, total: 812_295}, 49],
	[{done: 900, total: 800}, 99],
	[{done: 812_295, total: 812_295}, 99],
])('%j read is %i percent: never 100 before every record is', (loading, percent) => {
	expect(loadedPercent(loading)).toBe(percent);
});

test('the data read behind the first rows arrives as it comes; once whole, the operator hears so (for data large enough to have waited for)', () => {
	const first = datasetOf({customers: [customer({name: 'Ada'})]});
	let state: AppState = {...initialState(first, size, 0), loading: {done: 1, total: 30_000}};
	const more = datasetOf({customers: Array.from({length: 12_000}, () => customer())});
	state = appReducer(state, {type: 'dataset', dataset: more, loading: {done: 12_000, total: 30_000}});
	expect(state.loading).toEqual({done: 12_000, total: 30_000});
	expect(state.notice).toBeNull();
	const all = datasetOf({customers: Array.from({length: 25_000}, () => customer())});
	state = appReducer(state, {type: 'dataset', dataset: all, loading: null});
	expect(state.loading).toBeNull();
	expect(state.notice).toEqual({text: expect.stringMatching(/^Every record is read \(25,?000\)/), tone: 'ok'});
	// Another console's save later: no loading said, none changed.
	state = appReducer({...state, notice: null}, {type: 'dataset', dataset: all});
	expect(state.loading).toBeNull();
	expect(state.notice).toBeNull();
});

test('small data read behind its first rows says nothing when whole: nobody saw it load', () => {
	const state = appReducer(
		{...initialState(datasetOf({}), size, 0), loading: {done: 0, total: 40}},
		{type: 'dataset', dataset: datasetOf({customers: [customer()]}), loading: null},
	);
	expect(state.loading).toBeNull();
	expect(state.notice).toBeNull();
});

test('roles edited by hand in the settings file, found once the change log is read: said then, and only then', () => {
	const warning = 'The roles in crm.config.json were changed there by hand: not in force.';
	const first = datasetOf({customers: [customer()]});
	let state: AppState = {...initialState(first, size, 0), loading: {done: 1, total: 30_000}};
	// Still reading: the log is not read yet, whatever the store says.
	state = appReducer(state, {
		type: 'dataset',
		dataset: first,
		loading: {done: 9, total: 30_000},
		rolesWarning: warning,
	});
	expect(state.notice).toBeNull();
	const all = datasetOf({customers: Array.from({length: 25_000}, () => customer())});
	state = appReducer(state, {type: 'dataset', dataset: all, loading: null, rolesWarning: warning});
	expect(state.notice).toEqual({text: warning, tone: 'info'});
	// Another console's save later: not said again.
	state = appReducer({...state, notice: null}, {type: 'dataset', dataset: all, loading: null, rolesWarning: warning});
	expect(state.notice).toBeNull();
	// None found: the read is said as ever.
	const none = appReducer(
		{...initialState(first, size, 0), loading: {done: 1, total: 30_000}},
		{type: 'dataset', dataset: all, loading: null, rolesWarning: null},
	);
	expect(none.notice?.tone).toBe('ok');
});

test('roles an admin changes elsewhere are in force at once: what the console offers follows them', () => {
	const start = initialState(datasetOf({}), size, 0, {operator: 'bob', access: {role: 'sales', readonly: false}});
	const settings = {
		...start.settings,
		access: {operators: {ana: 'admin' as const, bob: 'viewer' as const}, defaultRole: 'viewer' as const},
	};
	const state = appReducer(start, {type: 'dataset', dataset: datasetOf({}), settings});
	expect(state.access).toEqual({role: 'viewer', readonly: false});
	// --readonly stays, whatever the role.
	const readonly = appReducer(
		{...start, access: {role: 'admin', readonly: true}},
		{type: 'dataset', dataset: datasetOf({}), settings},
	);
	expect(readonly.access).toEqual({role: 'viewer', readonly: true});
});

describe('while the data is read behind the first rows', () => {
	const names = ['Ziva', 'Ada', 'Mo', 'Bea'];
	const file = datasetOf({customers: names.map((name) => customer({name}))});
	const reading = (): AppState => ({...initialState(file, size, 0), loading: {done: 4, total: 10}});
	const shown = (state: AppState) => rowsOf(state).map((row) => (row as unknown as {name: string}).name);
	const typed = (state: AppState, input: string): AppState =>
		parseKeys(input).reduce((current, key) => appReducer(current, {type: 'key', key}), state);

	test("the rows are in the file's order, then in the list's own once every record is read", () => {
		let state = reading();
		expect(shown(state)).toEqual(names);
		state = appReducer(state, {type: 'dataset', dataset: file, loading: null});
		expect(shown(state)).toEqual(['Ada', 'Bea', 'Mo', 'Ziva']);
		// At the top of the list's order, not on the row that was first in the file (Ziva).
		expect(state.lists.customers.cursor).toBe(0);
	});

	test('a row the operator moved to while reading stays selected once the rows take their order', () => {
		let state = typed(reading(), 'jj');
		expect(shown(state)[state.lists.customers.cursor]).toBe('Mo');
		state = appReducer(state, {type: 'dataset', dataset: file, loading: null});
		expect(shown(state)[state.lists.customers.cursor]).toBe('Mo');
		expect(state.lists.customers.cursor).toBe(2);
	});

	test('how far it is read alone changes nothing else: the same lists, the same rows', () => {
		const state = reading();
		const rows = rowsOf(state);
		const next = appReducer(state, {type: 'dataset', dataset: file, loading: {done: 7, total: 10}});
		expect(next.loading).toEqual({done: 7, total: 10});
		expect(next.lists).toBe(state.lists);
		expect(rowsOf(next)).toBe(rows);
	});

	test('a sort asked for says it comes once every record is read, and then it does', () => {
		// `s` on a list sorted by name: by name, descending.
		let state = typed(reading(), 's');
		expect(state.notice?.text).toMatch(/^Sorted by Name ↓ descending once every record is read \(loading 40%…\)/);
		expect(shown(state)).toEqual(names);
		state = appReducer(state, {type: 'dataset', dataset: file, loading: null});
		expect(shown(state)).toEqual(['Ziva', 'Mo', 'Bea', 'Ada']);
		// At the top of the order asked for, not on the row that was first in the file.
		expect(state.lists.customers.cursor).toBe(0);
	});
});
