import {describe, expect, test} from 'vitest';
import {parseKeys, singleKeys} from '../../source/ui/keys/key-parser.js';
import {frameLayout} from '../../source/ui/layout/frame-layout.js';
import {type AppState, appReducer, initialState, rowsOf} from '../../source/ui/state/app-state.js';
import {customer, datasetOf, fixedNow, smallDemo} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

const size = {columns: 80, rows: 24};
const start = (dataset = smallDemo()) => initialState(dataset, size, fixedNow);
/** Feeds input through the reducer the way the keypress listener does: one action per key. */
const typed = (state: AppState, input: string): AppState =>
	parseKeys(input).reduce((current, key) => appReducer(current, {type: 'key', key}), state);
const selected = (state: AppState) => rowsOf(state)[state.lists[state.screen].cursor];

describe('list navigation', () => {
	test('five downs in one chunk move five rows', () => {
		expect(typed(start(), 'jjjjj').lists.customers.cursor).toBe(5);
		expect(typed(start(), '\u001B[B\u001B[B\u001B[Bk').lists.customers.cursor).toBe(2);
	});

	test('g, G, Home and End jump; the cursor never leaves the rows', () => {
		const state = start();
		const last = rowsOf(state).length - 1;
		expect(typed(state, 'G').lists.customers.cursor).toBe(last);
		expect(typed(state, 'Gjjj').lists.customers.cursor).toBe(last);
		expect(typed(state, 'Gg').lists.customers.cursor).toBe(0);
		expect(typed(state, 'kkk').lists.customers.cursor).toBe(0);
		expect(typed(state, '\u001B[F\u001B[H').lists.customers.cursor).toBe(0);
	});

	test('paging moves by the window height and scrolls the window with the cursor', () => {
		const page = frameLayout(size).tableRows;
		const paged = typed(start(), '\u0004');
		expect(paged.lists.customers.cursor).toBe(page);
		expect(paged.lists.customers.offset).toBe(1);
		const back = typed(paged, '\u0015');
		expect(back.lists.customers.cursor).toBe(0);
		expect(back.lists.customers.offset).toBe(0);
	});

	test('a resize keeps the cursor inside the smaller window', () => {
		const moved = typed(start(), 'G');
		const resized = appReducer(moved, {type: 'resize', size: {columns: 80, rows: 10}});
		const {cursor, offset} = resized.lists.customers;
		expect(cursor - offset).toBeLessThan(frameLayout({columns: 80, rows: 10}).tableRows);
	});

	test.each([
		['the same size (the console says it once at start)', {columns: 80, rows: 24}, true],
		['the same size as a new object', {...size}, true],
		['one column more', {columns: 81, rows: 24}, false],
		['one row fewer', {columns: 80, rows: 23}, false],
	])('a resize to %s: the state unchanged %s', (_, to, unchanged) => {
		const moved = typed(start(), 'jjj');
		const resized = appReducer(moved, {type: 'resize', size: to});
		expect(resized === moved).toBe(unchanged);
		expect(resized.size).toEqual(to);
		expect(resized.lists.customers.cursor).toBe(3);
	});
});

describe('screens', () => {
	test('1–9, Tab and Shift+Tab switch screens; each keeps its own cursor', () => {
		expect(typed(start(), '3').screen).toBe('tickets');
		expect(typed(start(), '\t\t').screen).toBe('tickets');
		expect(typed(start(), '\u001B[Z').screen).toBe('followups');
		expect(typed(start(), '\u001B[Z\u001B[Z\u001B[Z').screen).toBe('campaigns');
		expect(typed(start(), '5').screen).toBe('assess');
		expect(typed(start(), '6').screen).toBe('log');
		expect(typed(start(), '7').screen).toBe('campaigns');
		expect(typed(start(), '8').screen).toBe('orders');
		expect(typed(start(), '9').screen).toBe('followups');
		const state = typed(start(), 'jj2j1');
		expect(state.screen).toBe('customers');
		expect(state.lists.customers.cursor).toBe(2);
		expect(state.lists.opportunities.cursor).toBe(1);
	});
});

describe('filter', () => {
	const dataset = datasetOf({
		customers: [
			customer({name: 'Ana Silva'}),
			customer({name: 'Quinn Jones'}),
			customer({name: '王伟', company: 'Acme'}),
		],
	});

	test('filters as you type, and letters that are commands elsewhere are typed', () => {
		const state = typed(start(dataset), '/qj');
		expect(state.mode).toBe('filter');
		expect(state.lists.customers.filter).toBe('qj');
		expect(state.quit).toBe(false);
		expect(rowsOf(typed(start(dataset), '/quinn')).map((c) => c.id)).toEqual([dataset.customers[1]!.id]);
		expect(rowsOf(typed(start(dataset), '/王')).map((c) => c.id)).toEqual([dataset.customers[2]!.id]);
	});

	test('Enter keeps the filter, Esc clears it; in the list Esc clears a kept filter', () => {
		const kept = typed(start(dataset), '/ana\r');
		expect(kept.mode).toBe('list');
		expect(rowsOf(kept)).toHaveLength(1);
		const cleared = typed(start(dataset), '/ana\u001B');
		expect(cleared.mode).toBe('list');
		expect(cleared.lists.customers.filter).toBe('');
		expect(typed(kept, '\u001B').lists.customers.filter).toBe('');
	});

	test('Backspace deletes one character, Ctrl+U all; terms match in any order', () => {
		expect(typed(start(dataset), '/anax\u007F').lists.customers.filter).toBe('ana');
		expect(typed(start(dataset), '/anax\u0015').lists.customers.filter).toBe('');
		expect(rowsOf(typed(start(dataset), '/acme 王'))).toHaveLength(1);
	});

	test('accents and visible cells are searched: tomas finds Tomás, a date finds its row', () => {
		const accented = datasetOf({
			customers: [
				customer({name: 'Tomás Ortega', createdAt: '2026-02-22T10:00:00.000Z'}),
				customer({name: 'Björn Berg'}),
			],
		});
		expect(rowsOf(typed(start(accented), '/tomas'))).toHaveLength(1);
		expect(rowsOf(typed(start(accented), '/TOMÁS'))).toHaveLength(1);
		expect(rowsOf(typed(start(accented), '/bjorn'))).toHaveLength(1);
		expect(rowsOf(typed(start(accented), '/2026-02-22'))).toHaveLength(1);
	});

	test('clearing a filter that matched nothing returns to the record selected before', () => {
		const state = typed(start(dataset), 'jj');
		const id = selected(state)!.id;
		const nothing = typed(state, '/zzz');
		expect(rowsOf(nothing)).toHaveLength(0);
		expect(selected(typed(nothing, '\u001B'))!.id).toBe(id);
	});

	test('a record a filter hid comes back when it is cleared, however many keys the filter took', () => {
		const state = typed(start(dataset), 'jj');
		const hidden = selected(state)!.id;
		// Two keys, each matching a row, neither the selected record.
		const filtered = typed(state, '/qu');
		expect(rowsOf(filtered).map((row) => row.id)).toEqual([dataset.customers[1]!.id]);
		expect(selected(typed(filtered, '\u001B'))!.id).toBe(hidden);
		// Kept with Enter, the filter's selection is the operator's: clearing it then stays there.
		expect(selected(typed(filtered, '\r\u001B'))!.id).toBe(dataset.customers[1]!.id);
	});

	test('a row the operator moves to while filtering is the one kept when the filter is cleared', () => {
		const state = typed(start(dataset), 'jj');
		const moved = typed(state, '/a\u001B[A');
		const chosen = selected(moved)!.id;
		expect(chosen).not.toBe(selected(state)!.id);
		expect(selected(typed(moved, '\u001B'))!.id).toBe(chosen);
	});

	test('the selected record stays selected when the filter lets it through', () => {
		const state = typed(start(dataset), 'j');
		const id = selected(state)!.id;
		expect(selected(typed(state, '/o'))!.id).toBe(id);
	});
});

describe('sorting', () => {
	const dataset = datasetOf({
		customers: [
			customer({name: 'Bea', company: 'Zeta'}),
			customer({name: 'Abe', company: 'Yank'}),
			customer({name: 'Cal', company: 'Xeno'}),
		],
	});
	const names = (state: AppState) => rowsOf(state).map((c) => (c as unknown as {name: string}).name);

	test('Shift+letter sorts by that column; again inverts', () => {
		expect(names(start(dataset))).toEqual(['Abe', 'Bea', 'Cal']);
		expect(names(typed(start(dataset), 'C'))).toEqual(['Cal', 'Abe', 'Bea']);
		expect(names(typed(start(dataset), 'CC'))).toEqual(['Bea', 'Abe', 'Cal']);
		expect(names(typed(start(dataset), 'N'))).toEqual(['Cal', 'Bea', 'Abe']);
		expect(typed(start(dataset), 'C').notice?.text).toContain('Company');
	});

	test('a new order starts at its top', () => {
		const state = typed(start(dataset), 'jjC');
		expect(state.lists.customers.cursor).toBe(0);
		expect(state.lists.customers.offset).toBe(0);
	});

	test('blank cells sort last in both directions', () => {
		const withBlank = datasetOf({
			customers: [
				customer({name: 'A', email: ''}),
				customer({name: 'B', email: 'b@x.io'}),
				customer({name: 'C', email: 'c@x.io'}),
			],
		});
		expect(names(typed(start(withBlank), 'M'))).toEqual(['B', 'C', 'A']);
		expect(names(typed(start(withBlank), 'MM'))).toEqual(['C', 'B', 'A']);
	});

	test('s inverts first, then moves on to the next column', () => {
		expect(names(typed(start(dataset), 's'))).toEqual(['Cal', 'Bea', 'Abe']);
		const next = typed(start(dataset), 'ss');
		expect(next.lists.customers.sort).toEqual({column: 'company', descending: false});
	});
});

describe('detail and help', () => {
	test('Enter opens the selected record, Esc goes back to the same place', () => {
		const state = typed(start(), 'jj\r');
		expect(state.mode).toBe('detail');
		expect(state.detail?.id).toBe(rowsOf(state)[2]!.id);
		const back = typed(state, '\u001B');
		expect(back.mode).toBe('list');
		expect(back.lists.customers.cursor).toBe(2);
	});

	test('q in a detail goes back; q in a list quits; Ctrl+C quits anywhere', () => {
		expect(typed(start(), '\rq').mode).toBe('list');
		expect(typed(start(), '\rq').quit).toBe(false);
		expect(typed(start(), 'q').quit).toBe(true);
		expect(typed(start(), '/abc\u0003').quit).toBe(true);
		expect(typed(start(), '?\u0003').quit).toBe(true);
	});

	test('help is modal: list keys scroll the help, screen keys close it and switch', () => {
		const open = typed(start(), '?');
		expect(open.help.open).toBe(true);
		const scrolled = typed(open, 'Gjs/');
		expect(scrolled.help.open).toBe(true);
		expect(scrolled.lists.customers).toEqual(open.lists.customers);
		expect(scrolled.mode).toBe('list');
		const switched = typed(open, '3');
		expect(switched.help.open).toBe(false);
		expect(switched.screen).toBe('tickets');
		expect(typed(open, '\u001B').help.open).toBe(false);
	});

	test('two Escs in one chunk close a picker and then the form', () => {
		const dataset = datasetOf({customers: [customer({name: 'Ana'})]});
		const picking = typed(start(dataset), '3n\tan');
		expect(picking.overlay?.kind).toBe('picker');
		const out = typed(picking, '\u001B\u001B');
		expect(out.overlay).toBeNull();
		expect(out.form).toBeNull();
	});

	test('Esc and a key in one chunk are two keys, not Alt+key', () => {
		const state = typed(start(), '\r\u001Bj');
		expect(state.mode).toBe('list');
		expect(state.lists.customers.cursor).toBe(1);
	});

	test('on a terminal too small to draw, keys do nothing but quit', () => {
		const tiny = appReducer(start(), {type: 'resize', size: {columns: 39, rows: 7}});
		expect(typed(tiny, 'jj/x')).toEqual(tiny);
		expect(typed(tiny, 'q').quit).toBe(true);
	});

	test('a record that disappears from new data closes its detail with a notice', () => {
		const dataset = datasetOf({customers: [customer()]});
		const opened = typed(start(dataset), '\r');
		const reloaded = appReducer(opened, {type: 'dataset', dataset: datasetOf({customers: []})});
		expect(reloaded.mode).toBe('list');
		expect(reloaded.notice?.text).toContain('no longer exists');
	});
});

describe('keys typed while a change is saved', () => {
	test('wait their turn and then run against the saved state', () => {
		const saving = typed(start(), 'n');
		const requested = typed(saving, 'Ann\u0013');
		expect(requested.request?.kind).toBe('apply');
		const during = typed(requested, 'jj');
		expect(during.keyBuffer.flatMap(singleKeys).map((key) => key.id)).toEqual(['j', 'j']);
		const result = {dataset: requested.dataset, entries: []};
		const done = appReducer(during, {type: 'applied', requestId: requested.request!.id, result, now: fixedNow});
		expect(done.keyBuffer).toEqual([]);
		expect(done.lists.customers.cursor).toBe(2);
	});

	test('a refused change drops the keys typed after it, and Ctrl+C never waits', () => {
		const requested = typed(start(), 'nAnn\u0013jj');
		expect(typed(requested, '\u0003').quit).toBe(true);
		const failed = appReducer(requested, {
			type: 'failed',
			requestId: requested.request!.id,
			message: 'No.',
			issues: [],
		});
		expect(failed.keyBuffer).toEqual([]);
		expect(failed.notice?.text).toBe('No.');
	});
});

describe('pipeline board', () => {
	test('opens on the deal selected in the list, follows a moved deal, and Esc from its detail returns to it', async () => {
		const {join} = await import('node:path');
		const {CrmStore} = await import('../../source/store/store.js');
		const file = join(tempFolder('board'), 'crm.json');
		const store = await CrmStore.create(file, smallDemo());
		let state = initialState(store.data, size, fixedNow, {screen: 'opportunities'});
		state = typed(state, '/prospecting\r');
		const deal = selected(state)!;
		state = typed(state, 'b');
		expect(state.mode).toBe('board');
		const run = async (input: string) => {
			state = typed(state, input);
			while (state.request) {
				const request = state.request;
				const result = request.kind === 'apply' ? await store.apply(request.mutations, 'ana') : await store.undo('ana');
				state = appReducer(state, {type: 'applied', requestId: request.id, result, now: fixedNow});
			}
		};
		await run('>>');
		const moved = store.data.opportunities.find((candidate) => candidate.id === deal.id)!;
		expect(moved.stage).toBe('proposal');
		expect(state.board.column).toBe(2);
		await run('\r');
		expect(state.mode).toBe('detail');
		await run('\u001B');
		expect(state.mode).toBe('board');
	});
});

describe('form fields', () => {
	test('a refused letter in a list field is reported, and the report goes once a value is chosen', () => {
		const form = typed(start(), 'n\t\t\t\t\t');
		expect(form.form?.focus).toBe('segment');
		const refused = typed(form, 'l');
		expect(refused.form?.storeErrors['segment']).toContain('“l” is not one of');
		const fixed = typed(refused, 'c');
		expect(fixed.form?.texts['segment']).toBe('consumer');
		expect(fixed.form?.storeErrors['segment']).toBeUndefined();
		expect(typed(refused, '\u001B[C').form?.storeErrors['segment']).toBeUndefined();
	});
});

describe('a list of numbers (rating, NPS) takes the number typed', () => {
	const dataset = () => datasetOf({customers: [customer({name: 'Ana'})]});
	/** A new feedback form with its customer chosen, on the rating (and with `\t`, on the NPS). */
	const feedbackForm = (): AppState => typed(start(dataset()), '4nAna\r');
	test.each([
		// [field, keys (each its own chunk), text, message at the field]
		['nps', [], '', undefined],
		['nps', ['1'], '1', undefined],
		['nps', ['1', '0'], '10', undefined],
		['nps', ['10'], '10', undefined],
		['nps', ['1', '1'], '1', '“11” was not taken: must be from 0 to 10'],
		['nps', ['11'], '1', '“11” was not taken: must be from 0 to 10'],
		['nps', ['1', '0', '0'], '10', '“100” was not taken: must be from 0 to 10'],
		['nps', ['0'], '0', undefined],
		['nps', ['0', '7'], '7', undefined],
		['nps', ['x'], '', '“x” is not a number: must be from 0 to 10'],
		['nps', ['-'], '', '“-” is not a number: must be from 0 to 10'],
		['nps', ['1', '\u007F'], '', undefined],
		['nps', ['1', '0', '\u007F'], '1', undefined],
		['nps', ['\u007F'], '', undefined],
		['nps', ['1', '1', '0'], '10', undefined],
		// ←/→ and Space still cycle; the digit after them starts a new number.
		['nps', [' '], '0', undefined],
		['nps', ['1', '\u001B[C'], '2', undefined],
		['nps', ['1', '\u001B[C', '9'], '9', undefined],
		['nps', ['\u001B[D'], '10', undefined],
		['rating', ['4'], '4', undefined],
		['rating', ['7'], '', '“7” was not taken: must be from 1 to 5'],
		['rating', ['0'], '', '“0” was not taken: must be from 1 to 5'],
		['rating', ['4', '5'], '4', '“45” was not taken: must be from 1 to 5'],
	])('%s, typing %j: %j, %s', (field, keys, text, message) => {
		let state = feedbackForm();
		if (field === 'nps') state = typed(state, '\t');
		expect(state.form?.focus).toBe(field);
		for (const key of keys) state = typed(state, key);
		expect(state.form?.texts[field] ?? '').toBe(text);
		expect(state.form?.storeErrors[field]).toBe(message);
	});

	test('the first digit after the field is focused starts a new number: NPS 5 edited to 7, not 57', () => {
		let state = typed(feedbackForm(), '\t5\t\u001B[Z');
		expect(state.form?.texts['nps']).toBe('5');
		state = typed(state, '7');
		expect(state.form?.texts['nps']).toBe('7');
		expect(state.form?.storeErrors['nps']).toBeUndefined();
	});

	test('an NPS typed as 1 then 0 is saved as the number 10', () => {
		const saving = typed(feedbackForm(), '3\t10\u0013');
		expect(saving.request?.kind).toBe('apply');
		const mutation = saving.request?.kind === 'apply' ? saving.request.mutations[0] : undefined;
		expect(mutation).toMatchObject({kind: 'create', entity: 'feedback', values: {rating: 3, nps: 10}});
	});
});

describe('a paste is one insertion, capped at what the field takes', () => {
	/** A new customer form with `field` focused (tabbing from the name). */
	const customerForm = (field: 'name' | 'notes', name = ''): AppState => {
		const form = typed(start(), `n${name}`);
		return field === 'name' ? form : typed(form, '\t'.repeat(8));
	};
	const x = (count: number) => 'x'.repeat(count);
	test.each([
		// [field, characters already there, pasted (a count of x, or the text), characters after, message at the field]
		['name', 0, 0, 0, undefined],
		['name', 0, 120, 120, undefined],
		['name', 0, 121, 0, 'at most 120 characters: 121 pasted were not taken'],
		['name', 0, 10_000, 0, 'at most 120 characters: 10,000 pasted were not taken'],
		['name', 100, 20, 120, undefined],
		['name', 100, 21, 100, 'at most 120 characters: 21 pasted were not taken'],
		['name', 120, 'y', 120, 'at most 120 characters: “y” was not taken'],
		['notes', 0, 10_000, 10_000, undefined],
		['notes', 0, 20_000, 20_000, undefined],
		['notes', 0, 25_000, 0, 'at most 20,000 characters: 25,000 pasted were not taken'],
	])('%s holding %i, pasted %s: holds %i, %s', (field, before, pasted, after, message) => {
		let form = customerForm(field as 'name' | 'notes');
		if (before > 0) form = appReducer(form, {type: 'key', key: {id: 'text', text: x(before)}});
		expect(form.form?.focus).toBe(field);
		const state = typed(form, typeof pasted === 'number' ? x(pasted) : pasted);
		expect(state.form?.texts[field] ?? '').toBe(x(after));
		expect(state.form?.storeErrors[field]).toBe(message);
		expect(state.form?.caret).toBe(after);
	});

	test('a paste the terminal cuts into chunks is refused as a whole, and a key between starts the count again', () => {
		let state = customerForm('name');
		for (const chunk of [x(4095), x(4095), x(1810)]) state = typed(state, chunk);
		expect(state.form?.texts['name'] ?? '').toBe('');
		expect(state.form?.storeErrors['name']).toBe('at most 120 characters: 10,000 pasted were not taken');
		state = typed(typed(state, '\u001B[D'), x(200));
		expect(state.form?.storeErrors['name']).toBe('at most 120 characters: 200 pasted were not taken');
	});

	test('what is taken clears the refusal; the paste goes in at the caret', () => {
		const refused = typed(customerForm('name', 'Ana'), x(500));
		const taken = typed(typed(refused, '\u001B[H'), 'Dr ');
		expect(taken.form?.texts['name']).toBe('Dr Ana');
		expect(taken.form?.caret).toBe(3);
		expect(taken.form?.storeErrors['name']).toBeUndefined();
	});

	test('the filter, the search and the command line take at most 20,000 characters, said in the status line', () => {
		const filtered = typed(start(), `/${x(20_001)}`);
		expect(filtered.lists.customers.filter).toBe('');
		expect(filtered.notice).toEqual({
			text: 'The filter takes at most 20,000 characters: 20,001 pasted were not taken.',
			tone: 'bad',
		});
		expect(typed(start(), `/${x(300)}`).lists.customers.filter).toBe(x(300));
		const command = typed(start(), `:${x(30_000)}`);
		expect(command.overlay).toMatchObject({kind: 'command', input: {text: ''}});
		expect(command.notice?.text).toBe(
			'The command line takes at most 20,000 characters: 30,000 pasted were not taken.',
		);
	});

	test('on a list the characters of a run are keys; once a text field opens, the rest is typed into it', () => {
		expect(typed(start(), 'jjj').lists.customers.cursor).toBe(3);
		const filtering = typed(start(), 'jjj/ann');
		expect(filtering.mode).toBe('filter');
		expect(filtering.lists.customers.filter).toBe('ann');
		const dataset = datasetOf({customers: [customer({name: 'Ana'})]});
		const picking = typed(start(dataset), '3nSubject\tana');
		expect(picking.overlay).toMatchObject({kind: 'picker', query: {text: 'ana', caret: 3}});
		expect(picking.form?.texts['subject']).toBe('Subject');
	});

	test('a paste while a save is under way waits whole, and runs in order after it', () => {
		const requested = typed(start(), 'nAnn\u0013');
		const during = typed(typed(requested, 'jj'), '/ann');
		expect(
			during.keyBuffer
				.flatMap(singleKeys)
				.map((key) => key.id)
				.join(''),
		).toBe('jj/ann');
		const done = appReducer(during, {
			type: 'applied',
			requestId: requested.request!.id,
			result: {dataset: requested.dataset, entries: []},
			now: fixedNow,
		});
		expect(done.lists.customers.filter).toBe('ann');
		expect(done.mode).toBe('filter');
		expect(done.keyBuffer).toEqual([]);
	});
});

test('Ctrl+L asks for a redraw from anywhere, typing into a filter included, and changes nothing else', () => {
	const filtering = typed(start(), '/an');
	const redrawn = typed(filtering, '\u000C');
	expect(redrawn.redraws).toBe(filtering.redraws + 1);
	expect({...redrawn, redraws: filtering.redraws}).toEqual(filtering);
});

test('changes saved elsewhere keep each list on the record it was on, when rows come or go above it', () => {
	const people = ['Bo', 'Cy', 'Di', 'Ed'].map((name) => customer({name}));
	const state = typed(start(datasetOf({customers: people})), 'jj');
	expect(selected(state)!.id).toBe(people[2]!.id);
	const added = appReducer(state, {
		type: 'dataset',
		dataset: datasetOf({customers: [customer({name: 'Al'}), ...people]}),
	});
	expect(selected(added)!.id).toBe(people[2]!.id);
	const removed = appReducer(added, {
		type: 'dataset',
		dataset: datasetOf({customers: [people[1]!, people[2]!, people[3]!]}),
	});
	expect(selected(removed)!.id).toBe(people[2]!.id);
	// The record itself gone: the cursor stays at its row number, on what is there now (Cy).
	const gone = appReducer(removed, {
		type: 'dataset',
		dataset: datasetOf({customers: [people[0]!, people[1]!, people[3]!]}),
	});
	expect(selected(gone)!.id).toBe(people[1]!.id);
});
