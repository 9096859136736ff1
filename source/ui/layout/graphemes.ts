import {joining} from './text-width.js';

let segmenter: Intl.Segmenter | undefined;

/**
 * The console's one grapheme segmenter, made when a text first needs it: a process's first costs some
 * 15–25 ms (ICU's data), which a start whose first frame holds only characters that are graphemes of
 * their own never pays (issue 23).
 */
export const graphemeSegments = (text: string): Intl.Segments => {
	segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	return segmenter.segment(text);
};

/**
 * The characters of a text as the operator sees them: grapheme clusters, so é, 王 and 👨‍👩‍👧 are one
 * each. Only the strings are kept — holding on to Intl.Segmenter's segment objects makes a text of
 * 20,000 characters (a pasted note) take seconds instead of milliseconds — and a text without a
 * character that may join another (`joining`: marks, controls, jamo, anything beyond the first plane),
 * one character per cluster, does not need the segmenter at all.
 */
export const graphemesOf = (text: string): string[] => {
	if (!joining.test(text)) return text.split('');
	const parts: string[] = [];
	for (const {segment} of graphemeSegments(text)) parts.push(segment);
	return parts;
};
