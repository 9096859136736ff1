import {
	type AnsiCode,
	ansiCodesToString,
	diffAnsiCodes,
	reduceAnsiCodesIncremental,
	tokenize,
} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import {graphemeSegments} from '../layout/graphemes.js';
import {
	bounded,
	joining,
	graphemeWidth as measured,
	onlySgr,
	printableAscii,
	sgrAt,
	textWidth as widthOf,
} from '../layout/text-width.js';

/**
 * Ink's output stage (its `Output` class: the frame's cells from the texts its boxes write), made
 * again to cost less: the console's bundle puts it in Ink's place (scripts/bundle-plugins.mjs). The
 * frame it gives is the same text, byte for byte (test/unit/frame-output.test.ts holds it against
 * Ink's own on the same writes). Where Ink's takes 70–290 ms a frame at 200x50 — every character of
 * every line taken apart again each frame, with an object and an array of styles per cell — this one
 * keeps across frames what each line, style and character came to (styles interned, the codes between
 * two styles worked out once), and reads a line without segmenting it where every character is a
 * grapheme of its own (`joining` says where not; layout/text-width.ts).
 */

export {joining};

/** The codes in force at a character, reduced as ansi-tokenize reduces them; equal styles are one object. */
type Style = {readonly id: number; readonly codes: AnsiCode[]};

/** A character of a line: its grapheme, its style, and the columns it takes (at least one, as Ink counts). */
type Cell = {readonly value: string; readonly style: Style; readonly width: number};

type Transformer = (line: string, index: number) => string;
type Clip = {x1: number | undefined; x2: number | undefined; y1: number | undefined; y2: number | undefined};
type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};

/** The lines' cells are let go past 2,000 lines (some forty frames of 200x50). */
const lineLimit = 2000;

const styles = new Map<string, Style>();
/** Never reused, even once the map of styles is let go: the codes between two styles are kept by their ids. */
let styleIds = 0;
const styleOf = (codes: AnsiCode[]): Style => {
	const key = codes.map((code) => `${code.code}\u0000${code.endCode}`).join('\u0001');
	return styles.get(key) ?? bounded(styles, key, {id: ++styleIds, codes});
};
const plain: Style = styleOf([]);

/** The codes written between a character in `from` and the next in `to` (ansi-tokenize's diff, once per pair). */
const transitions = new Map<string, string>();
const transition = (from: Style, to: Style): string => {
	if (from === to) return '';
	const key = `${from.id}>${to.id}`;
	return transitions.get(key) ?? bounded(transitions, key, ansiCodesToString(diffAnsiCodes(from.codes, to.codes)));
};

/** The codes of one SGR sequence (a compound one split), as ansi-tokenize reads it. */
const sequences = new Map<string, AnsiCode[]>();
const codesOf = (sequence: string): AnsiCode[] =>
	sequences.get(sequence) ??
	bounded(
		sequences,
		sequence,
		tokenize(sequence).filter((token): token is AnsiCode => token.type === 'ansi'),
	);

const cellsOfTokens = (line: string): Cell[] => {
	let codes: AnsiCode[] = [];
	let style = plain;
	const cells: Cell[] = [];
	for (const token of tokenize(line)) {
		if (token.type === 'ansi') {
			codes = reduceAnsiCodesIncremental(codes, [token]);
			style = styleOf(codes);
		} else cells.push({value: token.value, style, width: Math.max(1, measured(token.value))});
	}
	return cells;
};

/**
 * A run of text without escapes: one cell per ASCII character, else per grapheme. After a sequence,
 * what would join its closing `m` in one grapheme (a combining mark) is dropped, as tokenize drops it.
 */
const pushText = (cells: Cell[], run: string, style: Style, afterSequence: boolean): void => {
	let text = run;
	if (afterSequence && text.charCodeAt(0) > 0x7f && joining.test(text.charAt(0))) {
		const joined = graphemeSegments(`m${text}`)[Symbol.iterator]().next().value?.segment.length ?? 1;
		text = text.slice(joined - 1);
	}
	if (printableAscii.test(text)) {
		for (const value of text) cells.push({value, style, width: 1});
		return;
	}
	if (!joining.test(text)) {
		for (const value of text) cells.push({value, style, width: Math.max(1, measured(value))});
		return;
	}
	for (const token of tokenize(text))
		if (token.type === 'char') cells.push({value: token.value, style, width: Math.max(1, measured(token.value))});
};

/** A line's cells; the same line in a later frame is not read again. */
const lines = new Map<string, Cell[]>();
const cellsOf = (line: string): Cell[] => {
	const known = lines.get(line);
	if (known) return known;
	if (!onlySgr(line)) return bounded(lines, line, cellsOfTokens(line), lineLimit);
	const cells: Cell[] = [];
	let codes: AnsiCode[] = [];
	let style = plain;
	let index = 0;
	while (index < line.length) {
		if (line.charCodeAt(index) === 0x1b) {
			sgrAt.lastIndex = index;
			const sequence = sgrAt.exec(line)![0];
			codes = reduceAnsiCodesIncremental(codes, codesOf(sequence));
			style = styleOf(codes);
			index += sequence.length;
			continue;
		}
		const next = line.indexOf('\u001B', index);
		const end = next === -1 ? line.length : next;
		pushText(cells, line.slice(index, end), style, index > 0);
		index = end;
	}
	return bounded(lines, line, cells, lineLimit);
};

const blank: Cell = {value: ' ', style: plain, width: 1};
/** What a wide character leaves in the columns after its first: nothing, in its style. */
const fillers = new Map<Style, Cell>();
const fillerOf = (style: Style): Cell => fillers.get(style) ?? bounded(fillers, style, {value: '', style, width: 1});

const rowText = (row: readonly (Cell | undefined)[]): string => {
	let text = '';
	let style = plain;
	for (const cell of row) {
		if (cell === undefined) continue;
		text += transition(style, cell.style) + cell.value;
		style = cell.style;
	}
	return (text + transition(style, plain)).trimEnd();
};

/** The same methods as Ink's `Output`, which Ink's renderer calls. */
export default class FrameOutput {
	readonly width: number;
	readonly height: number;
	private readonly operations: Operation[] = [];

	constructor(options: {width: number; height: number}) {
		this.width = options.width;
		this.height = options.height;
	}

	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void {
		if (text) this.operations.push({type: 'write', x, y, text, transformers: options.transformers});
	}

	clip(clip: Clip): void {
		this.operations.push({type: 'clip', clip});
	}

	unclip(): void {
		this.operations.push({type: 'unclip'});
	}

	get(): {output: string; height: number} {
		const rows: (Cell | undefined)[][] = Array.from({length: this.height}, () =>
			new Array<Cell>(this.width).fill(blank),
		);
		const clips: Clip[] = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') clips.push(operation.clip);
			else if (operation.type === 'unclip') clips.pop();
			else write(rows, operation, clips.at(-1));
		}
		return {output: rows.map(rowText).join('\n'), height: rows.length};
	}
}

const reset = '\u001B[0m';
/** True when every code of the line opens or closes one style (no reset, bare or in full, which the cutting drops). */
const pairedCodes = (line: string): boolean => {
	for (const sequence of line.match(/\u001B\[[0-9;]*m/g) ?? [])
		if (codesOf(sequence).some((code) => code.code === reset || code.endCode === reset)) return false;
	return true;
};

/** What `whole` found of a line: the same line in a later frame is not read again. */
const wholeLines = new Map<string, boolean>();

/**
 * True when cutting `line` at its own width would keep it whole: text and colours only, each grapheme
 * taking the columns string-width gives it (no tab or lone mark, which the cutting counts otherwise).
 */
const whole = (line: string): boolean => {
	const known = wholeLines.get(line);
	if (known !== undefined) return known;
	if (!onlySgr(line) || !pairedCodes(line)) return bounded(wholeLines, line, false, lineLimit);
	let columns = 0;
	for (const cell of cellsOf(line)) columns += cell.width;
	return bounded(wholeLines, line, columns === widthOf(line), lineLimit);
};

/** The lines of a write inside its clip, and where they start (as Ink's `Output.get` cuts them). */
const clipped = (
	operation: Extract<Operation, {type: 'write'}>,
	clip: Clip | undefined,
): {x: number; y: number; lines: string[]} | null => {
	let {x, y} = operation;
	let lines = operation.text.split('\n');
	if (!clip) return {x, y, lines};
	const horizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
	const vertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
	if (horizontally) {
		const widest = Math.max(0, ...lines.map(widthOf));
		if (x + widest < clip.x1! || x > clip.x2!) return null;
	}
	if (vertically && (y + lines.length < clip.y1! || y > clip.y2!)) return null;
	if (horizontally) {
		const from = x < clip.x1! ? clip.x1! - x : 0;
		lines = lines.map((line) => {
			const width = widthOf(line);
			const to = x + width > clip.x2! ? clip.x2! - x : width;
			return from === 0 && to >= width && whole(line) ? line : sliceAnsi(line, from, to);
		});
		if (x < clip.x1!) x = clip.x1!;
	}
	if (vertically) {
		const from = y < clip.y1! ? clip.y1! - y : 0;
		lines = lines.slice(from, y + lines.length > clip.y2! ? clip.y2! - y : lines.length);
		if (y < clip.y1!) y = clip.y1!;
	}
	return {x, y, lines};
};

const write = (
	rows: (Cell | undefined)[][],
	operation: Extract<Operation, {type: 'write'}>,
	clip: Clip | undefined,
): void => {
	const cut = clipped(operation, clip);
	if (!cut) return;
	// As Ink's: a line with no row in the frame is skipped and the next tries the same row (a text above
	// the frame's top draws nothing; one taller than the frame loses its lower lines).
	let drawn = 0;
	for (const [index, text] of cut.lines.entries()) {
		const row = rows[cut.y + drawn];
		if (!row) continue;
		drawn++;
		let line = text;
		for (const transformer of operation.transformers) line = transformer(line, index);
		let column = cut.x;
		for (const cell of cellsOf(line)) {
			row[column] = cell;
			for (let next = 1; next < cell.width; next++) row[column + next] = fillerOf(cell.style);
			column += cell.width;
		}
	}
};
