import {describe, expect, test} from 'vitest';
import type {CsvTable} from '../../source/domain/import/csv-table.js';
import {describePlan} from '../../source/domain/import/describe-import.js';
import {mappingColumns, parseMapping} from '../../source/domain/import/import-mapping.js';
import {planImport} from '../../source/domain/import/plan-import.js';
import {defaultSettings} from '../../source/domain/settings.js';
import {appReducer, initialState} from '../../source/ui/state/app-state.js';
import {
	choiceLabel,
	fileRows,
	type ImportWizard,
	importChoices,
	openImport,
} from '../../source/ui/state/import-wizard.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';

const table = (headers: string[], rows: string[][]): CsvTable => ({
	headers,
	delimiter: ',',
	rows: rows.map((values, index) => ({
		line: index + 2,
		values: Object.fromEntries(headers.map((header, column) => [header, values[column] ?? ''])),
	})),
});

const dealsMapping = parseMapping('deals.json', {
	entity: 'opportunities',
	id: 'Deal',
	columns: {Stage: 'stage', Value: 'amount'},
	templates: {title: '{Product} for {Account|no account}'},
	customer: {column: 'Account', by: 'name'},
});

const state = () =>
	initialState(datasetOf({customers: [customer({name: 'Acme'})]}), {columns: 100, rows: 30}, fixedNow);

const withTable = (headers: string[]): ImportWizard => ({
	...openImport(state()).importing!,
	found: {files: [], mappings: [{file: 'deals.json', mapping: dealsMapping}], problems: []},
	table: table(headers, []),
});

describe('the import screen, as pure state', () => {
	test('a mapping reads the columns of its id, fields, templates and lookups', () => {
		expect(mappingColumns(dealsMapping).sort()).toEqual(['Account', 'Deal', 'Product', 'Stage', 'Value']);
	});

	test('the mapping that finds every column it reads comes first; then by share of columns found', () => {
		const choices = importChoices(withTable(['Deal', 'Stage', 'Value', 'Product', 'Account']));
		expect(choiceLabel(choices[0]!)).toBe('opportunities with deals.json — all 5 columns found');
		const partial = importChoices(withTable(['name', 'email', 'Deal']));
		expect(choiceLabel(partial[0]!)).toMatch(
			/^customers by column name — 2 columns named like customer fields \(name, email\)/,
		);
		expect(partial.map(choiceLabel)).toContain(
			'opportunities with deals.json — 1 of 5 columns found; missing Stage, Value, Product, …',
		);
	});

	test('the file step filters the found files by words, and a typed path lists its own folder', () => {
		const wizard: ImportWizard = {
			...openImport(state()).importing!,
			found: {
				files: [
					{path: 'exports/deals-2024.csv', kind: 'file', bytes: 10},
					{path: 'exports/leads.csv', kind: 'file', bytes: 10},
				],
				mappings: [],
				problems: [],
			},
		};
		expect(fileRows({...wizard, query: {text: 'deal', caret: 4}}).map((row) => row.path)).toEqual([
			'exports/deals-2024.csv',
		]);
		const browsing = {
			...wizard,
			query: {text: '../in/le', caret: 8},
			browse: {
				folder: '../in/',
				entries: [
					{path: '../in/old/', kind: 'folder' as const, bytes: 0},
					{path: '../in/leads.csv', kind: 'file' as const, bytes: 5},
				],
			},
		};
		expect(fileRows(browsing).map((row) => row.path)).toEqual(['../in/leads.csv']);
		// A listing of another folder (typed on since) is not shown for this one.
		expect(fileRows({...browsing, query: {text: '../out/', caret: 7}})).toEqual([]);
	});

	test('a read that arrives after the operator moved on is dropped; an empty file is refused', () => {
		let current = openImport(state(), 'a.csv');
		const stale = appReducer(current, {type: 'importRead', file: 'b.csv', result: {table: table(['x'], [['1']])}});
		expect(stale).toBe(current);
		current = appReducer(current, {type: 'importRead', file: 'a.csv', result: {table: table(['x'], [])}});
		expect(current.importing!.error).toBe('a.csv has a header but no rows.');
		expect(current.mode).toBe('importFile');
	});

	test('Esc while rows are checked asks the run to stop; keys other than Esc wait their turn', () => {
		let current = openImport(state(), 'a.csv');
		current = appReducer(current, {
			type: 'importRead',
			file: 'a.csv',
			result: {table: table(['Deal', 'Stage', 'Value', 'Product', 'Account'], [['D1', 'won', '10', 'GTX', 'Acme']])},
		});
		current = {
			...current,
			importing: {
				...current.importing!,
				found: {files: [], mappings: [{file: 'deals.json', mapping: dealsMapping}], problems: []},
			},
		};
		current = appReducer(current, {type: 'key', key: {id: 'enter'}});
		expect(current.mode).toBe('importPreview');
		current = appReducer(current, {type: 'key', key: {id: 'enter'}});
		expect(current.mode).toBe('importRunning');
		expect(current.request?.kind).toBe('import');
		current = appReducer(current, {type: 'key', key: {id: 'j', text: 'j'}});
		expect(current.keyBuffer).toHaveLength(1);
		current = appReducer(current, {type: 'key', key: {id: 'escape'}});
		expect(current.importing!.cancelling).toBe(true);
		current = appReducer(current, {
			type: 'failed',
			requestId: current.request!.id,
			message: 'Import stopped: nothing was saved.',
			issues: [],
		});
		expect(current.mode).toBe('importPreview');
		expect(current.importing!.error).toBe('Import stopped: nothing was saved.');
		expect(current.request).toBeNull();
		expect(current.keyBuffer).toEqual([]);
	});
});

describe('the plan row by row', () => {
	test('each row says what it becomes, with the record as it will land and its warnings', () => {
		const dataset = datasetOf({customers: [customer({name: 'Acme'})]});
		const rows = table(
			['Deal', 'Stage', 'Value', 'Product', 'Account'],
			[
				['D1', 'won', '10', 'GTX', 'Acme'],
				['D2', 'won', '-5', 'GTX', 'Acme'],
				['D3', 'won', '7', 'MG', 'Nobody'],
			],
		);
		const plan = planImport(dataset, rows, dealsMapping, {now: fixedNow, settings: defaultSettings(), outcomes: true});
		expect(plan.outcomes.map((outcome) => [outcome.line, outcome.action])).toEqual([
			[2, 'create'],
			[3, 'reject'],
			[4, 'create'],
		]);
		expect(plan.outcomes[0]!.record).toMatchObject({
			title: 'GTX for Acme',
			stage: 'won',
			amount: 10,
			customerId: dataset.customers[0]!.id,
		});
		expect(plan.outcomes[1]!.message).toBe('amount must not be negative');
		expect(plan.outcomes[2]!.warnings).toEqual(['no customer with name “Nobody”: imported without a customer']);
		// Without asking, a large import keeps no per-row trace.
		expect(planImport(dataset, rows, dealsMapping, {now: fixedNow, settings: defaultSettings()}).outcomes).toEqual([]);
	});

	test('the summary counts warnings of one kind together, naming the values they differ in', () => {
		const rows = table(
			['Deal', 'Stage', 'Value', 'Product', 'Account'],
			[
				['D1', 'won', '1', 'A', 'X'],
				['D2', 'won', '1', 'A', 'Y'],
				['D3', 'won', '1', 'A', 'Z'],
				['D4', 'won', '1', 'A', 'W'],
				['D5', 'won', '1', 'A', 'X'],
			],
		);
		const plan = planImport(datasetOf({}), rows, dealsMapping, {now: fixedNow, settings: defaultSettings()});
		expect(describePlan(plan, true, null)).toContain(
			'5 × opportunity: no customer with name “X”, “Y”, “Z” and 1 more: imported without a customer (lines 2, 3, 4, 5, 6)',
		);
	});
});

test('Enter typed on the mapping step before the mapping files are found waits for them, then picks the best fitting one', () => {
	let current = openImport(state(), 'deals.csv');
	current = appReducer(current, {
		type: 'importRead',
		file: 'deals.csv',
		result: {table: table(['Deal', 'Stage', 'Value', 'Product', 'Account'], [['D1', 'won', '10', 'GTX', 'Acme']])},
	});
	expect(current.mode).toBe('importChoice');
	expect(current.importing!.found).toBeNull();
	current = appReducer(current, {type: 'key', key: {id: 'enter'}});
	expect(current.mode).toBe('importChoice');
	current = appReducer(current, {
		type: 'importFound',
		found: {files: [], mappings: [{file: 'deals.json', mapping: dealsMapping}], problems: []},
	});
	expect(current.mode).toBe('importPreview');
	expect(current.importing!.choice).toMatchObject({kind: 'mapping', file: 'deals.json'});
});
