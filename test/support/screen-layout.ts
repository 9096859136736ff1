import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The display cells of a line: one entry per cell, a wide character's second cell empty (''). */
export const cellsOf = (line: string): string[] => {
	const cells: string[] = [];
	for (const {segment} of segmenter.segment(line)) {
		const width = stringWidth(segment);
		if (width === 0) continue;
		cells.push(segment);
		if (width === 2) cells.push('');
	}
	return cells;
};

/**
 * What is wrong with a captured screen of `width` by `height` cells, in words (none: []): a line wider
 * than the terminal, a character cut or replaced (U+FFFD), a header that is not on the first row (the
 * frame was taller than the terminal and scrolled), a status line that is not on the frame's last row
 * (Ink draws `height - 1` rows, keeping the terminal's last for its cursor), or the frame ended early.
 */
/** The status line: the frame's last row (Ink keeps the terminal's last row for its cursor). */
export const statusRow = (screen: string, height: number): string => screen.split('\n')[height - 2] ?? '';

export const frameProblems = (screen: string, width: number, height: number, header = /^crm /): string[] => {
	const lines = screen.replace(/\n$/, '').split('\n');
	const problems: string[] = [];
	if (lines.length !== height) problems.push(`${lines.length} lines, not ${height}`);
	lines.forEach((line, index) => {
		if (stringWidth(line) > width) problems.push(`line ${index + 1} is ${stringWidth(line)} cells wide: ${line}`);
		if (line.includes('\uFFFD')) problems.push(`line ${index + 1} has a cut character: ${line}`);
	});
	if (!header.test(lines[0] ?? '')) problems.push(`the first line is not the header: ${lines[0]}`);
	if ((lines[height - 2] ?? '').trim() === '') problems.push('the frame’s last line is empty: it ended early');
	return problems;
};

/** Each title of a table's header, as the display cells it spans (titles are parted by two spaces or more). */
const titleSpans = (header: string): Array<{start: number; end: number}> => {
	const cells = cellsOf(header);
	const spans: Array<{start: number; end: number}> = [];
	let index = 0;
	while (index < cells.length) {
		if (blank(cells[index])) {
			index++;
			continue;
		}
		const start = index;
		while (index < cells.length && !(blank(cells[index]) && blank(cells[index + 1]))) index++;
		while (blank(cells[index - 1])) index--;
		spans.push({start, end: index});
		index++;
	}
	return spans;
};

const blank = (cell: string | undefined): boolean => cell === undefined || cell === ' ';

/**
 * The rows of a table whose columns do not line up under its header. A left-aligned column's cells
 * start where its title starts (the cell before blank, the first one filled unless the cell is empty);
 * a right-aligned one's (figures: most rows end in a digit where the title ends) end where its title ends. A row shifted
 * by a wide character counted as one cell, or cut mid-character, breaks one or the other.
 */
export const misalignedRows = (header: string, rows: readonly string[]): string[] => {
	const grid = rows.map(cellsOf);
	const bad = new Set<number>();
	for (const {start, end} of titleSpans(header).slice(1)) {
		// Figures are right-aligned (and only figures): most rows end in a digit where the title ends.
		const figures = grid.filter((cells) => /^[\d%]$/.test(cells[end - 1] ?? '') && blank(cells[end])).length;
		const rightAligned = figures > rows.length / 2;
		grid.forEach((cells, index) => {
			const shifted = rightAligned
				? !blank(cells[end]) || (blank(cells[end - 1]) && !blank(cells[end - 2]))
				: !blank(cells[start - 1]) || (blank(cells[start]) && !blank(cells[start + 1]));
			if (shifted) bad.add(index);
		});
	}
	return [...bad].sort((a, b) => a - b).map((index) => rows[index]!);
};
