import {describe, expect, test} from 'vitest';
import {parseKeys} from '../../source/ui/keys/key-parser.js';
import {type AppState, appReducer, initialState, rowsOf} from '../../source/ui/state/app-state.js';
import {completeCommand, parseCommand} from '../../source/ui/state/command-line.js';
import {customer, datasetOf, fixedNow, smallDemo} from '../support/fixtures.js';

const typed = (state: AppState, input: string): AppState =>
	parseKeys(input).reduce((current, key) => appReducer(current, {type: 'key', key}), state);
const start = (dataset = smallDemo()) => initialState(dataset, {columns: 100, rows: 30}, fixedNow, {operator: 'ana'});

describe('parseCommand', () => {
	test.each([
		[':new customer', {kind: 'new', entity: 'customers'}],
		['new deal', {kind: 'new', entity: 'opportunities'}],
		['goto tickets', {kind: 'goto', screen: 'tickets'}],
		['log', {kind: 'goto', screen: 'log'}],
		['search ana silva', {kind: 'search', text: 'ana silva'}],
		['q', {kind: 'quit'}],
		['board', {kind: 'board'}],
	])('%s', (line, expected) => {
		expect(parseCommand(line)).toEqual(expected);
	});

	test('mistakes are answered with what would work', () => {
		expect(parseCommand('new thing')).toMatchObject({
			kind: 'error',
			message: expect.stringContaining('customer, opportunity, ticket, feedback'),
		});
		expect(parseCommand('frobnicate')).toMatchObject({
			kind: 'error',
			message: expect.stringContaining('Unknown command “frobnicate”'),
		});
	});
});

describe('completeCommand', () => {
	test.each([
		['ne', 'new '],
		['new cu', 'new customer'],
		// Ambiguous (customer, campaign): nothing is guessed, as a shell would not.
		['new c', 'new c'],
		['new ca', 'new campaign'],
		['new or', 'new order'],
		['goto f', 'goto f'],
		['goto fo', 'goto followups'],
		['goto t', 'goto tickets'],
		['go', 'goto '],
		['new xyz', 'new xyz'],
		['q', 'q'],
	])('%j completes to %j', (line, expected) => {
		expect(completeCommand(line)).toBe(expected);
	});
});

describe('in the console', () => {
	test(':new customer opens the form on its screen; :goto switches; letters typed there are not commands', () => {
		const state = typed(start(), '3:new customer\r');
		expect(state.screen).toBe('customers');
		expect(state.form?.definition.noun).toBe('customer');
		expect(typed(start(), ':goto tickets\r').screen).toBe('tickets');
		expect(typed(start(), ':qj').quit).toBe(false);
	});

	test('Tab completes and ↑ brings back earlier commands', () => {
		const completed = typed(start(), ':go\tti\t');
		expect(completed.overlay).toMatchObject({kind: 'command', input: {text: 'goto tickets'}});
		const ran = typed(start(), ':goto log\r:goto tickets\r:');
		const older = typed(ran, '\u001B[A');
		expect(older.overlay).toMatchObject({input: {text: 'goto tickets'}});
		expect(typed(older, '\u001B[A').overlay).toMatchObject({input: {text: 'goto log'}});
		expect(typed(older, '\u001B[B').overlay).toMatchObject({input: {text: ''}});
	});

	test('an unknown command says so and changes nothing', () => {
		const state = typed(start(), ':frob\r');
		expect(state.overlay).toBeNull();
		expect(state.notice?.text).toContain('Unknown command');
		expect(state.screen).toBe('customers');
	});

	test('Ctrl+K finds records of every kind by name, email, title or subject; Enter opens it', () => {
		const dataset = smallDemo();
		const deal = dataset.opportunities[5]!;
		const searching = typed(start(dataset), `\u000B${deal.title}`);
		expect(searching.overlay).toMatchObject({kind: 'picker', choices: 'records'});
		const customerName = dataset.customers[3]!.name;
		expect(typed(start(dataset), `\u000B${customerName}`).overlay).toMatchObject({kind: 'picker'});
		const opened = typed(searching, '\r');
		expect(opened.screen).toBe('opportunities');
		expect(opened.mode).toBe('detail');
		expect(opened.detail?.id).toBe(dataset.opportunities.find((candidate) => candidate.title === deal.title)!.id);
	});

	test('a jump clears a filter that would hide the record', () => {
		const dataset = datasetOf({
			customers: [customer({name: 'Ana Silva', email: 'ana@x.io'}), customer({name: 'Bo Berg'})],
		});
		const filtered = typed(start(dataset), '/bo\r');
		expect(rowsOf(filtered)).toHaveLength(1);
		const jumped = typed(filtered, '\u000Bana@x\r');
		expect(jumped.detail?.id).toBe(dataset.customers[0]!.id);
		expect(jumped.lists.customers.filter).toBe('');
	});
});

describe('ranking in pickers', () => {
	test('the whole query at the start comes first, then word starts, each in name order', async () => {
		const {pickerRows} = await import('../../source/ui/state/picker-rows.js');
		const dataset = datasetOf({
			customers: [
				customer({name: 'Tia Quinn'}),
				customer({name: 'Quinn Test'}),
				customer({name: 'Quinn Ortega Tafoya'}),
				customer({name: 'Bo Berg'}),
			],
		});
		const state = typed(start(dataset), '3n\tquinn t');
		expect(pickerRows(state, state.overlay as never).map((row) => row.label)).toEqual([
			'Quinn Test',
			'Quinn Ortega Tafoya',
			'Tia Quinn',
		]);
	});

	test('a lost reason starting with what was typed is chosen first', async () => {
		const {pickerRows} = await import('../../source/ui/state/picker-rows.js');
		const state = typed(start(), '2x' + 'ti');
		expect(pickerRows(state, state.overlay as never)[0]!.value).toBe('timing');
	});
});

describe(':export', () => {
	test('exports exactly what the list shows, filter and order, beside the data file', async () => {
		const {cleanup} = await import('ink-testing-library');
		const {renderConsole} = await import('../support/render-console.js');
		const {readFileSync} = await import('node:fs');
		const {join, dirname} = await import('node:path');
		const dataset = datasetOf({
			customers: [customer({name: 'Bo Berg'}), customer({name: 'Ana Silva'}), customer({name: 'Ann Lee'})],
		});
		const screen = await renderConsole({dataset, width: 100, height: 24});
		await screen.waitFor((frame) => frame.includes('1/3'));
		await screen.press('/an\r');
		await screen.press(':export\r');
		const done = await screen.waitFor((frame) => frame.includes('Exported 2 records to'));
		const file = join(dirname(screen.file), 'customers-2026-06-01.csv');
		expect(done).toContain('customers-2026-06-01.csv');
		const lines = readFileSync(file, 'utf8').trim().split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[1]).toContain('Ana Silva');
		expect(lines[2]).toContain('Ann Lee');
		cleanup();
	});
});
