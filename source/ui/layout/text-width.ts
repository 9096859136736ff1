import {eastAsianWidth} from 'get-east-asian-width';
import stringWidth from 'string-width';

/**
 * The columns a text takes, as string-width counts them, for less. string-width reads any text that
 * holds one character beyond ASCII (a `—`, a `…`, an accent) a grapheme at a time with
 * Intl.Segmenter; every frame measures every text on screen again (the cells, the hints, and Ink
 * each of its texts), and at 200x50 that was most of a cursor move. Here a text whose characters
 * are each a grapheme of their own (`joining` says where not) is counted a character at a time, and
 * a text measured once is not measured again. Shared by the cells (cell-text.ts), the frame output
 * (output/frame-output.ts) and Ink's own measure in the console's bundle (output/widest-line.ts).
 */

/**
 * What grows with the texts a console shows is let go past so many entries (it fills again from the
 * next frame): past 20,000 unless told.
 */
export const bounded = <K, V>(map: Map<K, V>, key: K, value: V, limit = 20_000): V => {
	if (map.size >= limit) map.clear();
	map.set(key, value);
	return value;
};

const ignorable = /\p{Default_Ignorable_Code_Point}/u;
const pictured = /\p{Emoji_Presentation}/u;

/**
 * The columns of one character that `joining` (below) does not match — a grapheme of its own, in the
 * first plane — as string-width counts them: none for one that is ignorable, two for an emoji shown as
 * a picture, else its East Asian width (ambiguous ones narrow). Counted so, the first `—` of a start
 * does not build string-width's grapheme segmenter and emoji-sequence pattern (some 40 ms, issue 23);
 * test/unit/text-width.test.ts holds the two alike for every such character.
 */
export const characterWidth = (character: string): number => {
	if (ignorable.test(character)) return 0;
	if (pictured.test(character)) return 2;
	return eastAsianWidth(character.charCodeAt(0), {ambiguousAsWide: false});
};

/** Columns of a grapheme or a text, as Ink measures them (string-width). */
const widths = new Map<string, number>();
export const graphemeWidth = (text: string): number =>
	widths.get(text) ??
	bounded(widths, text, text.length === 1 && !joining.test(text) ? characterWidth(text) : stringWidth(text));

export const printableAscii = /^[\u0020-\u007E]*$/;
export const sgrAt = /\u001B\[[0-9;]*m/y;
const sgrs = /\u001B\[[0-9;]*m/g;

/**
 * What may join the character beside it in one grapheme, or be measured in context: marks (variation
 * selectors among them) and what extends a grapheme, controls and formats, the few letters that
 * prepend or join, Hangul jamo, anything beyond the first plane. Where none is, every character is a
 * grapheme of its own, and a text's width is its characters' widths added.
 */
export const joining =
	/[\p{M}\p{Grapheme_Extend}\p{Cc}\p{Cf}\u0D4E\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u2028\u2029\u{10000}-\u{10FFFF}\uD800-\uDFFF]/u;

/** True when every escape in `line` starts an SGR sequence (which string-width's strip-ansi takes out whole). */
export const onlySgr = (line: string): boolean => {
	if (line.includes('\u009B')) return false;
	for (let index = line.indexOf('\u001B'); index !== -1; index = line.indexOf('\u001B', index + 1)) {
		sgrAt.lastIndex = index;
		if (!sgrAt.test(line)) return false;
	}
	return true;
};

/** A line's columns, as string-width counts them, a character at a time where that counts the same. */
export const textWidth = (line: string): number => {
	const known = widths.get(line);
	if (known !== undefined) return known;
	const text = line.includes('\u001B') && onlySgr(line) ? line.replace(sgrs, '') : line;
	if (text.includes('\u001B') || joining.test(text)) return graphemeWidth(line);
	if (printableAscii.test(text)) return bounded(widths, line, text.length);
	let width = 0;
	for (const character of text) width += graphemeWidth(character);
	return bounded(widths, line, width);
};
