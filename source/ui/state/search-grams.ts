/**
 * Which letters, and which pairs of letters side by side, each search text of a list holds: a table
 * of bits, `wordsPerText` numbers per text, stored a word at a time for every text (a term asks one
 * or two words of each text in turn, so it reads them one after the other in memory). A filter term then skips, at the cost of a
 * few bit tests, every text that lacks one of its letters or pairs; a term of one letter or two is
 * answered by the bits alone. Scanning 100,000 search texts of some 200 characters with `includes`
 * took 10–30 ms a key; the bits take about one. Only `a`–`z` count: a term's digits and other
 * characters are left to `includes`, which checks every text the bits let through.
 */

const letters = 26;
/** One bit per letter, then one per ordered pair of letters. */
const bitsPerText = letters + letters * letters;
const wordsPerText = Math.ceil(bitsPerText / 32);

const letterOf = (code: number): number => (code >= 97 && code <= 122 ? code - 97 : -1);
const pairBit = (first: number, second: number): number => letters + first * letters + second;

export type GramTable = {readonly texts: number; readonly bits: Int32Array};

/** The table for `count` texts, every bit clear. */
export const gramTable = (count: number): GramTable => ({texts: count, bits: new Int32Array(count * wordsPerText)});

/** One text's words, gathered before they are written to the table (a word of each is far from the next). */
const scratch = new Int32Array(wordsPerText);

/** Sets the bits of `text` (a folded search text) in row `row` of `table`. */
export const addGrams = ({texts, bits}: GramTable, row: number, text: string): void => {
	scratch.fill(0);
	let previous = -1;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		const letter = code >= 97 && code <= 122 ? code - 97 : -1;
		if (letter >= 0) {
			scratch[letter >>> 5]! |= 1 << (letter & 31);
			if (previous >= 0) {
				const bit = pairBit(previous, letter);
				scratch[bit >>> 5]! |= 1 << (bit & 31);
			}
		}
		previous = letter;
	}
	for (let word = 0; word < wordsPerText; word++) bits[word * texts + row]! |= scratch[word]!;
};

/** The bits a text must have to hold `term`, and whether having them is the same as holding it. */
export type GramNeed = {words: number[]; masks: number[]; whole: boolean};

/** What `term` (folded, as search texts are) needs of a text's bits. */
export const gramNeed = (term: string): GramNeed => {
	const needed = new Map<number, number>();
	const need = (bit: number) => needed.set(bit >>> 5, (needed.get(bit >>> 5) ?? 0) | (1 << (bit & 31)));
	let previous = -1;
	let all = term.length > 0;
	for (let index = 0; index < term.length; index++) {
		const letter = letterOf(term.charCodeAt(index));
		if (letter < 0) all = false;
		else need(letter);
		if (previous >= 0 && letter >= 0) need(pairBit(previous, letter));
		previous = letter;
	}
	// A letter, or two side by side, is there exactly when its bits are; a longer term may have its
	// pairs in other places of the text.
	return {words: [...needed.keys()], masks: [...needed.values()], whole: all && term.length <= 2};
};

/** Whether row `row` of `table` has every bit `need` asks for. */
export const hasGrams = ({texts, bits}: GramTable, row: number, need: GramNeed): boolean => {
	for (let index = 0; index < need.words.length; index++) {
		const mask = need.masks[index]!;
		if ((bits[need.words[index]! * texts + row]! & mask) !== mask) return false;
	}
	return true;
};
