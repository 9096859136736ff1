import {escapeControls} from '../../domain/control-characters.js';
import {graphemesOf} from './graphemes.js';
import {graphemeWidth, textWidth} from './text-width.js';
import {hasWide, wrapWide} from './wrap-cjk.js';

const anyControl = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Text from data as one line of the screen. Sent raw, a control character is a command to the
 * terminal (a name holding `ESC ] 0 ; … BEL` sets the window title, `ESC ] 52` the clipboard,
 * `ESC [ 31 m` the colour), so each is written out as `\xNN` — four cells — and shows instead of
 * acting. Tab and newline, which notes may hold, become a space: a cell is one line.
 */
export const oneLine = (text: string): string =>
	anyControl.test(text) ? escapeControls(text.replace(/[\n\t]+/g, ' '), false) : text;

/** Terminal cells a string takes as the screen shows it: CJK characters take two, an escaped control character four. */
export const displayWidth = (text: string): number => textWidth(oneLine(text));

/**
 * The longest start of `text` that takes at most `width` cells, whole characters only (a Chinese
 * character, two cells, is kept or left out whole), with nothing added: no `…`, no padding.
 */
export const headOf = (text: string, width: number): string => {
	if (textWidth(text) <= width) return text;
	let result = '';
	let used = 0;
	for (const segment of graphemesOf(text)) {
		const cells = graphemeWidth(segment);
		if (used + cells > width) break;
		result += segment;
		used += cells;
	}
	return result;
};

/** Cuts `text` to at most `width` cells, ending with `…` when it had to cut. */
export const truncate = (given: string, width: number): string => {
	if (width <= 0) return '';
	const text = oneLine(given);
	if (textWidth(text) <= width) return text;
	let result = '';
	let used = 0;
	for (const segment of graphemesOf(text)) {
		const cells = graphemeWidth(segment);
		if (used + cells > width - 1) break;
		result += segment;
		used += cells;
	}
	return `${result.trimEnd()}…`;
};

/** Cuts from the front, keeping the end (a path's file name): `…/data/crm.json`. */
export const truncateStart = (given: string, width: number): string => {
	if (width <= 0) return '';
	const text = oneLine(given);
	if (textWidth(text) <= width) return text;
	const parts = graphemesOf(text);
	let result = '';
	let used = 0;
	for (let index = parts.length - 1; index >= 0; index--) {
		const cells = graphemeWidth(parts[index]!);
		if (used + cells > width - 1) break;
		result = parts[index]! + result;
		used += cells;
	}
	return `…${result}`;
};

/** Exactly `width` cells: cut with `…` or padded with spaces, on the left for numbers. */
export const fitCell = (text: string, width: number, align: 'left' | 'right' = 'left'): string => {
	const cut = truncate(text, width);
	const padding = ' '.repeat(Math.max(0, width - textWidth(cut)));
	return align === 'right' ? padding + cut : cut + padding;
};

/**
 * Breaks text into lines of at most `width` cells, at spaces where it can; a line with Chinese also
 * between its characters (see {@link wrapWide}). Newlines stay line
 * breaks and tabs show as a space; every other control character is written out as `\xNN`.
 */
export const wrapText = (text: string, width: number): string[] => {
	if (width <= 0) return [];
	const lines: string[] = [];
	const shown = anyControl.test(text) ? escapeControls(text.replace(/\t/g, ' ')) : text;
	for (const paragraph of shown.split('\n')) {
		if (hasWide(paragraph)) {
			lines.push(...wrapWide(paragraph, width));
			continue;
		}
		let line = '';
		let used = 0;
		for (const word of paragraph.split(/(\s+)/)) {
			if (word === '') continue;
			const cells = textWidth(word);
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
			for (const segment of graphemesOf(word)) {
				const segmentCells = graphemeWidth(segment);
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
