import {describe, expect, it} from 'vitest';
import {protectCell, unprotectCell} from '../../source/domain/spreadsheet-cell.js';

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
