import {describe, expect, test} from 'vitest';
import {
	chooseFields,
	matchesWhere,
	queryRecords,
	readSort,
	readWhere,
	sortRecords,
	valueText,
} from '../../source/commands/records/record-query.js';
import {RecordsRefusedError} from '../../source/commands/records/records-error.js';

/** The refusal a call ends in: its code, exit code and words. */
const refusalOf = (work: () => unknown): {code: string; exitCode: number; message: string} => {
	try {
		work();
	} catch (error) {
		if (error instanceof RecordsRefusedError)
			return {code: error.code, exitCode: error.exitCode, message: error.message};
		throw error;
	}
	throw new Error('no refusal'); // i18n-exempt: a test's own failure
};

describe('--fields', () => {
	test.each([
		[undefined, null],
		['name', ['name']],
		['email,name', ['email', 'name']],
		[' name , tags ,', ['name', 'tags']],
		['id,externalId,version', ['id', 'externalId', 'version']],
	])('%j → %j', (given, fields) => {
		expect(chooseFields('customers', given)).toEqual(fields);
	});

	test('an unknown field is refused (exit 2), naming it and the fields there are', () => {
		const refusal = refusalOf(() => chooseFields('customers', 'name,nmae'));
		expect(refusal).toMatchObject({code: 'unknown_field', exitCode: 2});
		expect(refusal.message).toMatch(/^--fields nmae: there is no such field\. The fields are id, externalId, .*name/);
	});

	test.each(['', ',', ' , '])('%j names no field: refused (exit 2)', (given) => {
		expect(refusalOf(() => chooseFields('tickets', given))).toMatchObject({code: 'bad_option', exitCode: 2});
	});

	test('each entity its own fields: a deal has a title, not a name', () => {
		expect(chooseFields('opportunities', 'title,amount')).toEqual(['title', 'amount']);
		expect(refusalOf(() => chooseFields('opportunities', 'name')).code).toBe('unknown_field');
		expect(chooseFields('activities', 'kind,dueAt,doneAt')).toEqual(['kind', 'dueAt', 'doneAt']);
	});
});

describe('a value as text', () => {
	test.each([
		[null, ''],
		[undefined, ''],
		['', ''],
		['Ada', 'Ada'],
		[0, '0'],
		[12.5, '12.5'],
		[false, 'false'],
		[[], ''],
		[['vip', 'partner'], 'vip, partner'],
		[[{sku: 'A', qty: 1}], '[{"sku":"A","qty":1}]'],
	])('%j → %j', (value, text) => {
		expect(valueText(value)).toBe(text);
	});
});

describe('--where field=value', () => {
	test.each([
		['status=churned', {field: 'status', value: 'churned'}],
		['owner=', {field: 'owner', value: ''}],
		['notes=a=b', {field: 'notes', value: 'a=b'}],
		[' owner =Ada', {field: 'owner', value: 'Ada'}],
	])('%j reads as %j', (pair, where) => {
		expect(readWhere('customers', [pair])).toEqual([where]);
	});

	test.each([
		['status', 'bad_option'],
		['=churned', 'bad_option'],
		['', 'bad_option'],
		['stage=won', 'unknown_field'],
	])('%j is refused (%s, exit 2)', (pair, code) => {
		expect(refusalOf(() => readWhere('customers', [pair]))).toMatchObject({code, exitCode: 2});
	});

	const record = {
		owner: 'Ada Lovelace',
		churnedAt: null,
		tags: ['VIP', 'partner'],
		none: [],
		amount: 500,
		name: '周婷',
	};
	test.each([
		['owner', 'ada lovelace', true],
		['owner', 'Ada', false],
		['owner', '', false],
		['churnedAt', '', true],
		['churnedAt', 'null', false],
		['tags', 'vip', true],
		['tags', 'partner', true],
		['tags', 'vip, partner', false],
		['tags', '', false],
		['none', '', true],
		['amount', '500', true],
		['amount', '500.0', false],
		['name', '周婷', true],
		['missing', '', true],
	])('%s = %j: %s', (field, value, matches) => {
		expect(matchesWhere(record, {field, value})).toBe(matches);
	});
});

describe('--sort', () => {
	test.each([
		[undefined, false, undefined],
		['amount', false, {field: 'amount', descending: false}],
		['-amount', false, {field: 'amount', descending: true}],
		['amount', true, {field: 'amount', descending: true}],
	])('%j (desc %s) → %j', (given, desc, sort) => {
		expect(readSort('opportunities', given, desc)).toEqual(sort);
	});

	test('an unknown field is refused', () => {
		expect(refusalOf(() => readSort('opportunities', '-value'))).toMatchObject({code: 'unknown_field', exitCode: 2});
	});

	const rows = [
		{id: 'a', amount: 10, name: 'bob', at: null},
		{id: 'b', amount: 9, name: 'Ada', at: '2026-02-01'},
		{id: 'c', amount: null, name: '', at: '2026-01-01'},
		{id: 'd', amount: 100, name: 'carl', at: ''},
		{id: 'e', amount: 9, name: 'ada', at: '2026-03-01'},
	];
	const order = (field: string, descending: boolean) => sortRecords(rows, {field, descending}).map((row) => row.id);

	test.each([
		// Numbers by value (100 after 9 and 10), blanks last either way, ties in the file's order.
		['amount', false, ['b', 'e', 'a', 'd', 'c']],
		['amount', true, ['d', 'a', 'b', 'e', 'c']],
		// Text with case ignored.
		['name', false, ['b', 'e', 'a', 'd', 'c']],
		['name', true, ['d', 'a', 'b', 'e', 'c']],
		['at', false, ['c', 'b', 'e', 'a', 'd']],
		['at', true, ['e', 'b', 'c', 'a', 'd']],
	])('by %s (descending %s): %j', (field, descending, ids) => {
		expect(order(field, descending)).toEqual(ids);
	});

	test('nothing to sort', () => {
		expect(sortRecords([], {field: 'amount', descending: true})).toEqual([]);
	});
});

describe('the records a list keeps', () => {
	const rows = [
		{id: 'a', owner: 'ada', amount: 3},
		{id: 'b', owner: 'bob', amount: 1},
		{id: 'c', owner: 'ada', amount: 2},
		{id: 'd', owner: 'ada', amount: 5},
	];
	test.each([
		[{where: []}, ['a', 'b', 'c', 'd']],
		[{where: [{field: 'owner', value: 'ADA'}]}, ['a', 'c', 'd']],
		[{where: [{field: 'owner', value: 'ada'}], sort: {field: 'amount', descending: false}}, ['c', 'a', 'd']],
		[{where: [{field: 'owner', value: 'ada'}], sort: {field: 'amount', descending: true}, limit: 2}, ['d', 'a']],
		// The limit comes after the sort, not before.
		[{where: [], sort: {field: 'amount', descending: false}, limit: 1}, ['b']],
		[{where: [], limit: 0}, []],
		[{where: [], limit: 10}, ['a', 'b', 'c', 'd']],
		[{where: [], matches: (row: {amount: number}) => row.amount > 2}, ['a', 'd']],
		[
			{
				where: [{field: 'owner', value: 'ada'}],
				matches: (row: {amount: number}) => row.amount > 2,
				sort: {field: 'amount', descending: true},
			},
			['d', 'a'],
		],
		[{where: [{field: 'owner', value: 'nobody'}]}, []],
	])('%j → %j', (query, ids) => {
		expect(queryRecords(rows, query).map((row) => row.id)).toEqual(ids);
	});

	test('an empty list stays empty', () => {
		expect(queryRecords([], {where: [{field: 'owner', value: ''}], limit: 3})).toEqual([]);
	});
});
