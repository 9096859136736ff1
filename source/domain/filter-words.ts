import {foldForSearch} from './text-fold.js';

/**
 * The words of a list's filter, folded as search texts are: split at white space, except inside
 * double quotes, which are dropped (`owner:"ada lovelace"` is one word, `owner:ada lovelace`);
 * inside them a doubled quote is one (`name:"Bob ""The Builder"""`), as in a CSV cell.
 * An opening quote left unclosed runs to the end, so a filter being typed reads as it will.
 */
export const filterWords = (filter: string): string[] => {
	const words: string[] = [];
	let word = '';
	let quoted = false;
	let started = false;
	const chars = [...foldForSearch(filter)];
	for (let index = 0; index < chars.length; index++) {
		const char = chars[index]!;
		if (char === '"' && quoted && chars[index + 1] === '"') {
			word += '"';
			index++;
		} else if (char === '"') {
			quoted = !quoted;
			started = true;
		} else if (!quoted && /\s/.test(char)) {
			if (started) words.push(word);
			word = '';
			started = false;
		} else {
			word += char;
			started = true;
		}
	}
	if (started) words.push(word);
	return words.filter((candidate) => candidate !== '');
};

/** A `field:value` word's value: `=value` asks for the whole cell to be that value, not to contain it. */
export const termValue = (text: string): {value: string; exact: boolean} =>
	text.startsWith('=') ? {value: text.slice(1).trim(), exact: true} : {value: text, exact: false};

/** A value as a filter writes it: quoted when it holds a space or a quote (doubled inside), or is empty. */
export const quoteValue = (value: string): string =>
	/[\s"]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
