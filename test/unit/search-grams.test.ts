import {describe, expect, test} from 'vitest';
import {addGrams, gramNeed, gramTable, hasGrams} from '../../source/ui/state/search-grams.js';

// The bits of a search text never turn away a text that holds the term, and for a term of one
// letter or two they are the answer itself.

const verdict = (text: string, term: string) => {
	const table = gramTable(1);
	addGrams(table, 0, text);
	const need = gramNeed(term);
	return {has: hasGrams(table, 0, need), whole: need.whole};
};

describe('the bits of a text', () => {
	test.each([
		['an empty text, an empty term', '', '', true, false],
		['an empty text, a letter', '', 'a', false, true],
		['a letter there', 'anna berg', 'a', true, true],
		['a letter not there', 'anna berg', 'z', false, true],
		['a pair there', 'anna berg', 'nn', true, true],
		['its letters there, not side by side', 'an a', 'aa', false, true],
		['a pair across a space is no pair', 'an a', 'na', false, true],
		['a longer term whose pairs are elsewhere', 'ann nna', 'anna', true, false],
		['a longer term lacking a pair', 'anna', 'anne', false, false],
		['digits are left to the text', 'call 555', '555', true, false],
		['a digit after letters', 'abc1', 'c1', true, false],
		['accents are not letters here', 'tomás', 'más', true, false],
		['Chinese', '张伟 上海', '上海', true, false],
		['a capital is no letter (texts are folded)', 'ANN', 'a', false, true],
	])('%s', (_name, text, term, has, whole) => {
		expect(verdict(text, term)).toEqual({has, whole});
	});

	test('every text of a small alphabet up to five characters, and every term up to three', () => {
		const alphabet = ['a', 'n', 'b', ' ', 'é', '1', '—', '张'];
		const strings = (length: number): string[] =>
			length === 0 ? [''] : strings(length - 1).flatMap((start) => alphabet.map((character) => start + character));
		const terms = [1, 2, 3].flatMap(strings).map((term) => ({term, need: gramNeed(term)}));
		const texts = [0, 1, 2, 3, 4, 5].flatMap(strings);
		const table = gramTable(texts.length);
		for (const [row, text] of texts.entries()) addGrams(table, row, text);
		const wrong: string[] = [];
		for (const [row, text] of texts.entries())
			for (const {term, need} of terms) {
				const has = hasGrams(table, row, need);
				const holds = text.includes(term);
				if ((holds && !has) || (need.whole && has !== holds)) wrong.push(`${text}|${term}`);
			}
		expect(wrong).toEqual([]);
	});

	test('rows of one table keep their own bits', () => {
		const table = gramTable(3);
		for (const [row, text] of ['anna', '', 'bob'].entries()) addGrams(table, row, text);
		expect([0, 1, 2].map((row) => hasGrams(table, row, gramNeed('b')))).toEqual([false, false, true]);
		expect([0, 1, 2].map((row) => hasGrams(table, row, gramNeed('nn')))).toEqual([true, false, false]);
	});
});
