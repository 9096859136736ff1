export type TerminalSize = {columns: number; rows: number};

export const minimumSize: TerminalSize = {columns: 40, rows: 8};

/**
 * How the frame's rows are spent. The whole frame stays one row shorter than the terminal:
 * an Ink frame as tall as the terminal makes it clear and repaint the screen on every update.
 */
export const frameLayout = (size: TerminalSize) => {
	const height = Math.max(1, size.rows - 1);
	const header = 1;
	const status = 1;
	const body = Math.max(1, height - header - status);
	return {
		height,
		body,
		/** Rows of records under the table's title row. */
		tableRows: Math.max(1, body - 1),
		/** Lines of a detail view under its heading. */
		detailRows: Math.max(1, body - 1),
		tooSmall: size.columns < minimumSize.columns || size.rows < minimumSize.rows,
	};
};

/** Cells the table gets: the cursor mark and a space stand before every row. */
export const tableWidth = (size: TerminalSize): number => Math.max(1, size.columns - 2);
