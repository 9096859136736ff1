import {describe, expect, test} from 'vitest';
import {foldedForSearch, foldForSearch} from '../../source/ui/state/visible-rows.js';

// The search texts' quick fold gives what foldForSearch gives, for every text.

describe('foldedForSearch folds as foldForSearch folds', () => {
	test.each([
		['nothing', ''],
		['a NUL', '\u0000'],
		['ASCII', 'Amara Andersson AMARA@EXAMPLE.COM +86 855'],
		['a blank cell and a cut one', 'smb — — keystone…'],
		['accents', 'Tomás Ortega, BJÖRN, Ærø'],
		['a combining accent', 'Tome\u0301'],
		['an en quad (it composes to an en space)', 'a\u2000b'],
		['Chinese', '张伟 上海'],
		['Hangul in jamo', '\u1100\u1161'],
		['a dotted capital I', 'İstanbul'],
		['a sharp s', 'STRAẞE straße'],
	])('%s', (_name, text) => {
		expect(foldedForSearch(text)).toBe(foldForSearch(text));
	});

	test('every character of the first plane, alone and after a letter', () => {
		const wrong: string[] = [];
		for (let code = 0; code <= 0xffff; code++) {
			if (code >= 0xd800 && code <= 0xdfff) continue;
			const character = String.fromCharCode(code);
			for (const text of [character, `A${character}`])
				if (foldedForSearch(text) !== foldForSearch(text)) wrong.push(code.toString(16));
		}
		expect(wrong).toEqual([]);
	});
});
