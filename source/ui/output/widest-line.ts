import {textWidth} from '../layout/text-width.js';

/**
 * Ink's `widest-line` (the columns of a text's widest line), in the console's bundle in its place
 * where Ink lays out and draws a text (scripts/bundle-plugins.mjs). Ink measures every text of the
 * frame again on every frame; string-width reads a line that holds one `—` or `…` a grapheme at a
 * time with Intl.Segmenter, and at 200x50 that was two thirds of a cursor move (about 20 ms).
 * `textWidth` gives the same count (test/unit/widest-line.test.ts) from what it kept of the line, or
 * a character at a time where every character is a grapheme of its own.
 */
export default function widestLine(text: string): number {
	let widest = 0;
	for (const line of text.split('\n')) widest = Math.max(widest, textWidth(line));
	return widest;
}
