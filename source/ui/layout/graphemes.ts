const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const plainAscii = /^[\x20-\x7e]*$/;

/**
 * The characters of a text as the operator sees them: grapheme clusters, so é, 王 and 👨‍👩‍👧 are one
 * each. Only the strings are kept — holding on to Intl.Segmenter's segment objects makes a text of
 * 20,000 characters (a pasted note) take seconds instead of milliseconds — and plain ASCII, one
 * character per cluster, does not need the segmenter at all.
 */
export const graphemesOf = (text: string): string[] => {
	if (plainAscii.test(text)) return text.split('');
	const parts: string[] = [];
	for (const {segment} of segmenter.segment(text)) parts.push(segment);
	return parts;
};
