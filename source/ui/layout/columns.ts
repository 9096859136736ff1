import {displayWidth} from './cell-text.js';

export type ColumnSpec = {
	id: string;
	title: string;
	/** Narrowest useful width, in cells. */
	min: number;
	/** Widest it ever needs. */
	max: number;
	/** Lower numbers stay longest when the terminal is narrow; 1 is always shown. */
	priority: number;
};

export type FittedColumn<C extends ColumnSpec> = C & {width: number};

export const columnGap = 2;

const fitted = new WeakMap<readonly ColumnSpec[], {key: string; columns: Array<FittedColumn<ColumnSpec>>}>();

/**
 * Chooses the columns that fit in `width` cells and their widths: drops the least important
 * columns first, gives each survivor its minimum, then shares the rest out up to each maximum.
 * Every frame asks it of the list shown (the table, the status line's sort note) with the same
 * columns: the answer is kept for the same columns, width and titles (a title is read through the
 * language's catalog, so it is read once per call here, not once per use).
 */
export const fitColumns = <C extends ColumnSpec>(columns: readonly C[], width: number): Array<FittedColumn<C>> => {
	const key = `${width}\u0000${columns.map((column) => column.title).join('\u0001')}`;
	const known = fitted.get(columns);
	if (known?.key === key) return known.columns as Array<FittedColumn<C>>;
	const result = fitAnew(columns, width);
	fitted.set(columns, {key, columns: result});
	return result;
};

const fitAnew = <C extends ColumnSpec>(columns: readonly C[], width: number): Array<FittedColumn<C>> => {
	const byPriority = [...columns].sort((a, b) => a.priority - b.priority);
	const chosen: C[] = [];
	let used = 0;
	for (const column of byPriority) {
		const minimum = Math.max(column.min, displayWidth(column.title) + 1);
		const cost = minimum + (chosen.length > 0 ? columnGap : 0);
		if (used + cost > width && chosen.length > 0) continue;
		chosen.push(column);
		used += cost;
	}
	const widths = new Map(chosen.map((column) => [column.id, Math.max(column.min, displayWidth(column.title) + 1)]));
	let spare = width - used;
	// Share the spare cells in proportion to what each column still wants (its max less its minimum),
	// so a long title grows more than a stage name that already fits; leftovers go by priority.
	const wants = chosen.map((column) => Math.max(0, column.max - widths.get(column.id)!));
	const totalWant = wants.reduce((sum, want) => sum + want, 0);
	if (totalWant > 0 && spare > 0) {
		const budget = Math.min(spare, totalWant);
		chosen.forEach((column, index) => {
			const share = Math.floor((budget * wants[index]!) / totalWant);
			widths.set(column.id, widths.get(column.id)! + share);
			spare -= share;
		});
		for (const column of chosen) {
			if (spare <= 0) break;
			if (widths.get(column.id)! < column.max) {
				widths.set(column.id, widths.get(column.id)! + 1);
				spare--;
			}
		}
	}
	// Keep the screen order of the definition, not the priority order.
	return columns
		.filter((column) => widths.has(column.id))
		.map((column) => ({...column, width: Math.min(widths.get(column.id)!, width)}));
};
