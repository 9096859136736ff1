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

/**
 * Chooses the columns that fit in `width` cells and their widths: drops the least important
 * columns first, gives each survivor its minimum, then shares the rest out up to each maximum.
 */
export const fitColumns = <C extends ColumnSpec>(columns: readonly C[], width: number): Array<FittedColumn<C>> => {
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
	// Share out one cell at a time, most important column first, so growth stays balanced.
	while (spare > 0) {
		let grew = false;
		for (const column of chosen) {
			const current = widths.get(column.id)!;
			if (current < column.max && spare > 0) {
				widths.set(column.id, current + 1);
				spare--;
				grew = true;
			}
		}
		if (!grew) break;
	}
	// Keep the screen order of the definition, not the priority order.
	return columns.filter((column) => widths.has(column.id)).map((column) => ({...column, width: Math.min(widths.get(column.id)!, width)}));
};
