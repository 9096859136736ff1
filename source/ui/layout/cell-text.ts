import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Terminal cells a string takes: CJK characters take two. */
export const displayWidth = (text: string): number => stringWidth(text);

/** Cuts `text` to at most `width` cells, ending with `…` when it had to cut. */
export const truncate = (text: string, width: number): string => {
	if (width <= 0) return '';
	if (displayWidth(text) <= width) return text;
	let result = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const cells = displayWidth(segment);
		if (used + cells > width - 1) break;
		result += segment;
		used += cells;
	}
	return `${result.trimEnd()}…`;
};

/** Cuts from the front, keeping the end (a path's file name): `…/data/crm.json`. */
export const truncateStart = (text: string, width: number): string => {
	if (width <= 0) return '';
	if (displayWidth(text) <= width) return text;
	const parts = [...graphemes.segment(text)].map((part) => part.segment);
	let result = '';
	let used = 0;
	for (let index = parts.length - 1; index >= 0; index--) {
		const cells = displayWidth(parts[index]!);
		if (used + cells > width - 1) break;
		result = parts[index]! + result;
		used += cells;
	}
	return `…${result}`;
};

/** Exactly `width` cells: cut with `…` or padded with spaces, on the left for numbers. */
export const fitCell = (text: string, width: number, align: 'left' | 'right' = 'left'): string => {
	const cut = truncate(text.replace(/[\r\n\t]+/g, ' '), width);
	const padding = ' '.repeat(Math.max(0, width - displayWidth(cut)));
	return align === 'right' ? padding + cut : cut + padding;
};

/** Breaks text into lines of at most `width` cells, at spaces where it can. */
export const wrapText = (text: string, width: number): string[] => {
	if (width <= 0) return [];
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		let used = 0;
		for (const word of paragraph.split(/(\s+)/)) {
			if (word === '') continue;
			const cells = displayWidth(word);
			if (used + cells <= width) {
				line += word;
				used += cells;
				continue;
			}
			if (line.trim() !== '') lines.push(line.trimEnd());
			line = '';
			used = 0;
			if (/^\s+$/.test(word)) continue;
			// A word longer than the line is cut into pieces of the line's width.
			for (const {segment} of graphemes.segment(word)) {
				const segmentCells = displayWidth(segment);
				if (used + segmentCells > width) {
					lines.push(line);
					line = '';
					used = 0;
				}
				line += segment;
				used += segmentCells;
			}
		}
		lines.push(line.trimEnd());
	}
	return lines;
};
