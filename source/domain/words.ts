/**
 * One pluraliser for every message of the app: "1 deal", "2 deals", "1 entry", "3 entries",
 * "2 feedback" (a mass noun), "12,500 rows" (grouped thousands). Nouns that are not regular say their
 * plural themselves.
 */
const uncountable = new Set(['feedback', 'data', 'information']);

/** The plural of a regular English noun: deal → deals, entry → entries, match → matches. */
export const pluralOf = (noun: string): string => {
	if (uncountable.has(noun)) return noun;
	if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
	if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
	return `${noun}s`;
};

/** `count noun`, the noun in the plural unless the count is exactly one; thousands grouped. */
export const plural = (count: number, noun: string, nouns = pluralOf(noun)): string =>
	`${count.toLocaleString('en-US')} ${count === 1 ? noun : nouns}`;

/** `a` or `an` before a word (by its first letter: "an owner", "a stage"). */
// i18n-exempt: English grammar, for English sentences only.
export const article = (word: string): string => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);
