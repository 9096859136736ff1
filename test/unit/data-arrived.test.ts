import {expect, test} from 'vitest';
import {appReducer, initialState} from '../../source/ui/state/app-state.js';
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
