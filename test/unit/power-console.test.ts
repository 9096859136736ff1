import {describe, expect, test} from 'vitest';
import type {Dataset} from '../../source/domain/dataset.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {parseKeys} from '../../source/ui/keys/key-parser.js';
import {opportunitiesScreen} from '../../source/ui/screens/opportunities-screen.js';
import type {Column} from '../../source/ui/screens/screen-definition.js';
import {type AppState, appReducer, initialState} from '../../source/ui/state/app-state.js';
import type {SavedView, ScreenName} from '../../source/ui/state/app-types.js';
import {progressBar} from '../../source/ui/state/bulk-result.js';
import {completeCommand, parseCommand} from '../../source/ui/state/command-line.js';
import {countValues, filterToValue, frequencyRows, sortFrequency} from '../../source/ui/state/frequency.js';
import {marksOf} from '../../source/ui/state/marks.js';
import {applyViewOp, type ViewOp} from '../../source/ui/state/saved-views.js';
import {rowsOf, viewContext} from '../../source/ui/state/selection.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';
import {dealOf} from '../support/records.js';

const typed = (state: AppState, input: string): AppState =>
	parseKeys(input).reduce((current, key) => appReducer(current, {type: 'key', key}), state);
const start = (dataset: Dataset, screen: ScreenName = 'opportunities', operator = 'ada') =>
	initialState(dataset, {columns: 100, rows: 30}, fixedNow, {operator, screen});

const deals = [
	dealOf({title: 'Alpha', owner: 'Ada', stage: 'prospecting', amount: 100}),
	dealOf({title: 'Bravo', owner: 'Bo', stage: 'prospecting', amount: 200}),
	dealOf({title: 'Charlie', owner: 'Ada', stage: 'negotiation', amount: 300}),
	dealOf({title: 'Delta', owner: '', stage: 'won', amount: 400, closedAt: '2026-05-01T00:00:00.000Z', probability: 1}),
	dealOf({
		title: 'Echo',
		owner: 'Bo',
		stage: 'lost',
		amount: 500,
		closedAt: '2026-05-02T00:00:00.000Z',
		probability: 0,
	}),
];
const dataset = datasetOf({opportunities: deals});
const byTitle = (title: string) => deals.find((deal) => deal.title === title)!;
/** The list sorted by title, so that rows come in a known order. */
const sorted = (state: AppState): AppState => typed(state, 'T');
const titles = (state: AppState): string[] => rowsOf(state).map((row) => (row as unknown as {title: string}).title);

describe('marks', () => {
	test('Space marks and moves down, again unmarks; * marks every row shown; - clears; none by Esc', () => {
		let state = sorted(start(dataset));
		state = typed(state, '  ');
		expect([...marksOf(state)]).toEqual([byTitle('Alpha').id, byTitle('Bravo').id]);
		expect(state.lists.opportunities.cursor).toBe(2);
		state = typed(state, 'k ');
		expect([...marksOf(state)]).toEqual([byTitle('Alpha').id]);
		// A filter hides marked rows; Esc clears the filter, never the marks.
		state = typed(state, '/negotiation\r*');
		expect(marksOf(state).size).toBe(2);
		state = typed(state, '\u001b');
		expect(titles(state)).toHaveLength(5);
		expect(marksOf(state).size).toBe(2);
		// They survive a sort.
		state = typed(state, 'AA');
		expect(marksOf(state).size).toBe(2);
		state = typed(state, '-');
		expect(marksOf(state).size).toBe(0);
		expect(state.notice?.text).toBe('Cleared 2 marks.');
		expect(typed(state, '-').notice?.text).toBe('No row is marked.');
	});

	test('marks of records deleted elsewhere are dropped when the data changes', () => {
		const state = typed(sorted(start(dataset)), '   ');
		const after = appReducer(state, {
			type: 'dataset',
			dataset: {...dataset, opportunities: deals.filter((deal) => deal.title !== 'Bravo')},
		});
		expect([...marksOf(after)]).toEqual([byTitle('Alpha').id, byTitle('Charlie').id]);
	});
});

const confirmed = (state: AppState) => {
	expect(state.request?.kind).toBe('bulk');
	return state.request as Extract<AppState['request'], {kind: 'bulk'}>;
};

describe('a bulk change', () => {
	test('of three marked deals: one question naming the count and the change, one request of three updates', () => {
		const asked = typed(sorted(start(dataset)), '   c');
		expect(asked.overlay).toMatchObject({kind: 'picker', title: 'Change the 3 opportunities marked:'});
		const prompt = typed(asked, 'owner\r');
		expect(prompt.overlay).toMatchObject({kind: 'prompt'});
		const question = typed(prompt, 'Cy\r');
		expect(question.overlay).toMatchObject({
			kind: 'confirm',
			message: 'Set owner to “Cy” on the 3 opportunities marked?',
		});
		const request = confirmed(typed(question, 'y'));
		expect(request.mutations).toEqual<Mutation[]>(
			['Alpha', 'Bravo', 'Charlie'].map((title) => ({
				kind: 'update',
				entity: 'opportunities',
				id: byTitle(title).id,
				version: 1,
				values: {owner: 'Cy'},
			})),
		);
	});

	test('with none marked, on every row shown after saying how many; a closed deal has no next stage and is said', () => {
		const asked = typed(start(dataset), 'c');
		expect(asked.overlay).toMatchObject({title: 'Nothing marked: change all 5 opportunities shown?'});
		const question = typed(asked, 'next\r');
		expect(question.overlay).toMatchObject({
			kind: 'confirm',
			message: 'Move 3 of all 5 opportunities shown to their next stage?',
		});
		const request = confirmed(typed(question, 'y'));
		expect(request.mutations.map((mutation) => (mutation as {values: unknown}).values)).toEqual([
			{stage: 'qualification'},
			{stage: 'qualification'},
			{stage: 'won'},
		]);
		expect(request.skipped.map((skip) => `${skip.label}: ${skip.message}`).sort()).toEqual([
			'Delta: is won: it has no next stage',
			'Echo: is lost: it has no next stage',
		]);
	});

	test('a delete of rows nobody marked needs their count typed back', () => {
		const asked = typed(start(dataset), 'c');
		const prompt = typed(asked, 'delete\r');
		expect(prompt.overlay).toMatchObject({kind: 'prompt', target: {kind: 'bulkCount', count: 5}});
		const wrong = typed(prompt, '4\r');
		expect(wrong.request).toBeNull();
		expect(wrong.notice?.text).toBe('Not deleted: you typed “4”, not 5. Nothing was changed.');
		const request = confirmed(typed(typed(start(dataset), 'c'), 'delete\r5\r'));
		expect(request.mutations.every((mutation) => mutation.kind === 'delete')).toBe(true);
		expect(request.mutations).toHaveLength(5);
	});

	test('saved with a record refused: the rest said saved, the refused listed by name and reason, still marked', () => {
		const state = typed(sorted(start(dataset)), '   c');
		const requested = typed(state, 'owner\rCy\ry');
		const request = confirmed(requested);
		const [alpha, bravo, charlie] = request.mutations.map((mutation) => (mutation as {id: string}).id);
		const saved = appReducer(requested, {
			type: 'applied',
			requestId: requested.request!.id,
			now: fixedNow,
			result: {
				dataset,
				entries: [alpha, charlie].map((id) => ({id: `chg_${id}`, recordId: id}) as never),
				refused: [{id: bravo!, label: 'Bravo', message: 'owner must be at most 80 characters'}],
			},
		});
		expect(saved.notice?.text).toBe(
			'Set owner to “Cy”: 2 of 3 opportunities; 1 left as it was (still marked). u undoes it whole.',
		);
		expect(saved.overlay).toMatchObject({
			kind: 'report',
			lines: ['“Bravo”: owner must be at most 80 characters'],
		});
		expect([...marksOf(saved)]).toEqual([bravo]);
		expect(typed(saved, '\r').overlay).toBeNull();
	});

	test('a viewer sees no c: the role refuses it before any question', () => {
		const viewer = {...start(dataset), access: {role: 'viewer' as const, readonly: false}};
		const refused = typed(viewer, 'c');
		expect(refused.overlay).toBeNull();
		expect(refused.notice?.tone).toBe('bad');
	});
});

describe('the frequency view', () => {
	const columns = opportunitiesScreen.columns as unknown as Column<{id: string}>[];
	const stage = columns.find((column) => column.id === 'stage')!;
	const amount = columns.find((column) => column.id === 'amount')!;
	const context = viewContext({dataset, now: fixedNow});

	test('counts each value with its share and the money summed; blank cells count together', () => {
		const counted = sortFrequency(countValues(deals, stage, amount, context), 'count');
		expect(counted.map((row) => [row.value, row.count, row.share, row.sum])).toEqual([
			['prospecting', 2, 0.4, 300],
			['lost', 1, 0.2, 500],
			['negotiation', 1, 0.2, 300],
			['won', 1, 0.2, 400],
		]);
		const owners = columns.find((column) => column.id === 'owner')!;
		expect(sortFrequency(countValues(deals, owners, undefined, context), 'value').map((row) => row.value)).toEqual([
			'Ada',
			'Bo',
			'',
		]);
		expect(countValues([], stage, amount, context)).toEqual([]);
	});

	test('sorted by value or by money', () => {
		const counted = countValues(deals, stage, amount, context);
		expect(sortFrequency(counted, 'value').map((row) => row.value)).toEqual([
			'lost',
			'negotiation',
			'prospecting',
			'won',
		]);
		expect(sortFrequency(counted, 'sum').map((row) => row.value)).toEqual([
			'lost',
			'won',
			'prospecting',
			'negotiation',
		]);
	});

	test.each([
		['', 'negotiation', 'stage:=negotiation'],
		['acme stage:won', 'negotiation', 'acme stage:=negotiation'],
		['Stage:=won owner:"ada l"', 'closed won', 'owner:"ada l" stage:="closed won"'],
		['acme', '', 'acme stage:'],
		['', 'say "hi"', 'stage:="say ""hi"""'],
	])('Enter on a value: %j becomes %j', (filter, value, expected) => {
		expect(filterToValue(filter, stage, value)).toBe(expected);
	});

	test('# counts the sorted column; Enter filters the list to the value selected', () => {
		const open = typed(typed(start(dataset), 'S'), '#');
		expect(open.mode).toBe('frequency');
		expect(frequencyRows(open)[0]).toMatchObject({value: 'prospecting', count: 2});
		const filtered = typed(open, 'j\r');
		expect(filtered.mode).toBe('list');
		expect(filtered.lists.opportunities.filter).toBe('stage:=lost');
		expect(titles(filtered)).toEqual(['Echo']);
		// ←/→ and a column's letter count another column; Esc goes back with nothing changed.
		expect(typed(open, 'O').frequency?.column).toBe('owner');
		expect(typed(open, 'q').mode).toBe('list');
	});
});

describe('mine', () => {
	test('@ narrows to the operator’s own records by the owner name the settings map them to, and back', () => {
		const state = start(dataset, 'opportunities', 'alovelace');
		// Unmapped, the login is the name: nobody's records name alovelace.
		expect(titles(typed(state, '@'))).toEqual([]);
		expect(typed(state, '@').notice?.text).toMatch(/^No opportunities name you \(alovelace\) as their owner/);
		const mapped = {...state, settings: {...state.settings, ownerNames: {alovelace: 'Ada'}}};
		const mine = typed(mapped, '@');
		expect(mine.lists.opportunities.filter).toBe('owner:@me');
		expect(titles(mine).sort()).toEqual(['Alpha', 'Charlie']);
		expect(typed(mine, '@').lists.opportunities.filter).toBe('');
	});

	test('tickets are then sorted by what is due soonest', () => {
		const mine = typed(start(datasetOf({}), 'tickets'), '@');
		expect(mine.lists.tickets.sort).toEqual({column: 'due', descending: false});
	});
});

describe('saved views', () => {
	test.each([
		['view', {kind: 'pick'}],
		['view mine', {kind: 'recall', name: 'mine'}],
		['view save  my deals ', {kind: 'save', name: 'my deals'}],
		['view delete x', {kind: 'delete', name: 'x'}],
		['view default', {kind: 'default', name: null}],
		['view default x', {kind: 'default', name: 'x'}],
	])('%j reads as %o', (line, command) => {
		expect(parseCommand(line)).toEqual({kind: 'view', command});
	});

	test.each([
		['view ', ['Late deals', 'Mine'], 'view '],
		['view l', ['Late deals', 'Mine'], 'view Late deals'],
		['view s', ['Late deals', 'Mine'], 'view save'],
		['view default m', ['Late deals', 'Mine'], 'view default Mine'],
		['view delete q', ['Late deals'], 'view delete q'],
	])('%j with %o completes to %j', (line, views, expected) => {
		expect(completeCommand(line, [], views)).toBe(expected);
	});

	test('saved, then recalled from another screen: its screen, filter and sort', () => {
		const saved = typed(start(dataset), '/ada\rA:view save Ada deals\r');
		expect(saved.views.saved['Ada deals']).toEqual({
			screen: 'opportunities',
			filter: 'ada',
			sort: {column: 'amount', descending: false},
		});
		expect(saved.viewOps).toEqual([{kind: 'save', name: 'Ada deals', view: saved.views.saved['Ada deals']}]);
		const elsewhere = typed(saved, '1/x\r');
		const recalled = typed(elsewhere, ':view ada deals\r');
		expect(recalled.screen).toBe('opportunities');
		expect(recalled.lists.opportunities.filter).toBe('ada');
		expect(titles(recalled)).toEqual(['Alpha', 'Charlie']);
		expect(typed(recalled, ':view nothing\r').notice?.text).toBe('No view is called “nothing”: yours are “Ada deals”.');
	});

	test('a view naming a column the list no longer has: its own order instead, and said', () => {
		const state: AppState = {
			...start(dataset, 'customers'),
			views: {
				saved: {
					old: {screen: 'opportunities', filter: 'region:emea alpha', sort: {column: 'region', descending: true}},
				},
				defaults: {},
			},
		};
		const recalled = typed(state, ':view old\r');
		expect(recalled.lists.opportunities.sort).toEqual(opportunitiesScreen.defaultSort);
		expect(recalled.notice).toEqual({
			text: "View “old”: its sort column “region” no longer exists, so it is in the list's own order; “region:” names no column now and is matched as plain text. :view save old keeps it as it is now.",
			tone: 'bad',
		});
	});

	test('a default view opens its screen when the views are read', () => {
		const views: AppState['views'] = {
			saved: {won: {screen: 'opportunities', filter: 'stage:=won', sort: {column: 'title', descending: false}}},
			defaults: {opportunities: 'won'},
		};
		const loaded = appReducer(start(dataset, 'customers'), {type: 'views', views});
		expect(loaded.screen).toBe('customers');
		expect(loaded.lists.opportunities.filter).toBe('stage:=won');
		expect(rowsOf(loaded, 'opportunities')).toHaveLength(1);
	});
});

describe('the progress of a long bulk change', () => {
	test.each([
		[0, 0, '▕████████████████████▏ 0/0'],
		[0, 1000, '▕░░░░░░░░░░░░░░░░░░░░▏ 0/1,000'],
		[250, 1000, '▕█████░░░░░░░░░░░░░░░▏ 250/1,000'],
		[1000, 1000, '▕████████████████████▏ 1,000/1,000'],
	])('%i of %i: %s', (done, total, bar) => {
		expect(progressBar(done, total)).toBe(bar);
	});

	const saving = (kind: 'bulk' | 'undo'): AppState => {
		const state = start(dataset);
		const request =
			kind === 'undo'
				? {id: 7, kind: 'undo' as const}
				: {
						id: 7,
						kind: 'bulk' as const,
						mutations: [],
						notice: 'Set owner',
						labels: {},
						skipped: [],
						unchanged: 0,
						screen: 'opportunities' as const,
						marked: true,
					};
		return {...state, request};
	};

	test.each([
		['bulk', 7, 250, 1000, 'Checking ▕█████░░░░░░░░░░░░░░░▏ 250/1,000'],
		['bulk', 7, 1000, 1000, 'Saving 1,000 changes as one…'],
		['undo', 7, 500, 1000, 'Undoing ▕██████████░░░░░░░░░░▏ 500/1,000'],
		['undo', 7, 1000, 1000, 'Saving 1,000 reverted changes as one…'],
		// A few hundred go by too fast for a bar; another request's word is not this one's.
		['bulk', 7, 10, 299, null],
		['bulk', 8, 250, 1000, null],
	] as const)('%s request %i at %i of %i says %j', (kind, requestId, done, total, text) => {
		const state = saving(kind);
		const next = appReducer(state, {type: 'bulkProgress', requestId, done, total});
		if (text === null) expect(next).toBe(state);
		else expect(next.notice?.text).toBe(text);
	});
});

describe('a change of the saved views, applied to the file as it is then', () => {
	const won: SavedView = {screen: 'opportunities', filter: 'stage:=won', sort: {column: 'title', descending: false}};
	const late: SavedView = {screen: 'tickets', filter: 'overdue', sort: {column: 'due', descending: false}};
	const onFile: AppState['views'] = {saved: {Won: won, fromOther: late}, defaults: {opportunities: 'Won'}};

	test.each<[string, ViewOp, AppState['views']]>([
		[
			'a save keeps the views another console saved',
			{kind: 'save', name: 'mine', view: late},
			{saved: {Won: won, fromOther: late, mine: late}, defaults: {opportunities: 'Won'}},
		],
		[
			'a save replaces a view of that name, case ignored',
			{kind: 'save', name: 'WON', view: late},
			{saved: {fromOther: late, WON: late}, defaults: {opportunities: 'Won'}},
		],
		[
			'a delete takes the view and the default that named it',
			{kind: 'delete', name: 'won'},
			{saved: {fromOther: late}, defaults: {}},
		],
		['a delete of a view not there changes nothing', {kind: 'delete', name: 'gone'}, onFile],
		[
			'a default set',
			{kind: 'default', screen: 'tickets', name: 'fromOther'},
			{saved: onFile.saved, defaults: {opportunities: 'Won', tickets: 'fromOther'}},
		],
		['a default dropped', {kind: 'default', screen: 'opportunities', name: null}, {saved: onFile.saved, defaults: {}}],
	])('%s', (_name, op, expected) => {
		expect(applyViewOp(onFile, op)).toEqual(expected);
		expect(applyViewOp({saved: {}, defaults: {}}, {kind: 'delete', name: 'x'})).toEqual({saved: {}, defaults: {}});
	});

	test('the words of :view are no names; :view delete needs one', () => {
		const state = start(dataset);
		expect(typed(state, ':view save default\r').notice?.text).toBe(
			'Not saved: “default” is a word of :view itself (save, delete, default); choose another name.',
		);
		expect(typed(state, ':view delete\r').notice?.text).toBe(
			'Name the view to delete: :view delete NAME (Tab completes it).',
		);
	});
});

describe('the words of a bulk change', () => {
	const ana = customer({name: 'Ana Silva', segment: 'smb'});
	const bo = customer({name: 'Bo Berg', segment: 'enterprise'});
	const people = datasetOf({customers: [ana, bo], opportunities: [dealOf({customerId: ana.id, title: 'Ana deal'})]});

	test('a delete of one marked customer names it and what stays pointing at it', () => {
		const asked = typed(start(people, 'customers'), ' cdelete\r');
		expect(asked.overlay).toMatchObject({kind: 'confirm', message: 'Delete customer “Ana Silva”?'});
		expect((asked.overlay as {details: string[]}).details).toContain(
			'They have 1 opportunity: those stay, pointing at what is gone (u undoes the delete whole).',
		);
	});

	test('those that had the value already are counted before the question and in the notice after', () => {
		const asked = typed(start(people, 'customers'), '*csegment\renterprise\r');
		expect(asked.overlay).toMatchObject({
			kind: 'confirm',
			message: 'Set segment to “enterprise” on 1 of the 2 customers marked?',
		});
		expect((asked.overlay as {details: string[]}).details).toContain('1 already has it and stays as it is.');
		const requested = typed(asked, 'y');
		const saved = appReducer(requested, {
			type: 'applied',
			requestId: requested.request!.id,
			now: fixedNow,
			result: {dataset: people, entries: [{id: 'chg_1', recordId: ana.id} as never], refused: []},
		});
		expect(saved.notice?.text).toBe('Set segment to “enterprise”: 1 customer (1 had it already). u undoes it whole.');
	});
});

describe('mine and the order it chose', () => {
	test('@ again puts back the order from before, unless the operator sorted since', () => {
		const before = start(datasetOf({}), 'tickets');
		const off = typed(typed(before, '@'), '@');
		expect(off.lists.tickets.sort).toEqual(before.lists.tickets.sort);
		const resorted = typed(typed(typed(before, '@'), 'U'), '@');
		expect(resorted.lists.tickets.sort).toEqual({column: 'subject', descending: false});
	});
});

describe('closing deals in bulk', () => {
	test.each([
		['won', 'product fit', {stage: 'won', wonReason: 'product fit'}],
		['lost', 'price', {stage: 'lost', lostReason: 'price'}],
	] as const)('as %s, with the reason picked; a closed deal is left and said', (stage, reason, values) => {
		const asked = typed(start(dataset), `cclose as ${stage}\r${reason}\r`);
		expect(asked.overlay).toMatchObject({
			kind: 'confirm',
			message: `Close 3 of all 5 opportunities shown as ${stage} (${reason})?`,
		});
		const request = confirmed(typed(asked, 'y'));
		expect(request.mutations.map((mutation) => (mutation as {values: unknown}).values)).toEqual([
			values,
			values,
			values,
		]);
		expect(request.skipped.map((skip) => skip.message).sort()).toEqual(['is lost already', 'is won already']);
	});
});
