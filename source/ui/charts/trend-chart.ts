import asciichart from 'asciichart';
import {t} from '../../i18n/i18n.js';
import {displayWidth} from '../layout/cell-text.js';
import {graphemesOf} from '../layout/graphemes.js';

export type TrendInput = {
	/** One value per period, oldest first; null where the KPI has no data. */
	values: ReadonlyArray<number | null>;
	/** Forecast values after the last period (drawn as the line's continuation, marked on the axis). */
	forecast?: readonly number[];
	target: number | null;
	/** Period labels, one per value (then per forecast value). */
	labels: readonly string[];
	width: number;
	height: number;
	format: (value: number) => string;
	colors: {line?: string; target?: string};
};

/** Linear interpolation over nulls; leading and trailing nulls take the nearest known value. */
export const fillGaps = (values: ReadonlyArray<number | null>): number[] | null => {
	const known = values.flatMap((value, index) => (value === null || !Number.isFinite(value) ? [] : [index]));
	if (known.length === 0) return null;
	return values.map((value, index) => {
		if (value !== null && Number.isFinite(value)) return value;
		const before = known.filter((candidate) => candidate < index).at(-1);
		const after = known.find((candidate) => candidate > index);
		if (before === undefined) return values[after!]!;
		if (after === undefined) return values[before]!;
		return values[before]! + ((values[after]! - values[before]!) * (index - before)) / (after - before);
	});
};

/** Stretches (or shrinks) a series to `columns` points: asciichart draws one column per point. */
export const resample = (values: readonly number[], columns: number): number[] => {
	if (values.length === 0 || columns <= 0) return [];
	if (values.length === 1) return Array.from({length: columns}, () => values[0]!);
	return Array.from({length: columns}, (_, column) => {
		const position = (column * (values.length - 1)) / Math.max(1, columns - 1);
		const left = Math.floor(position);
		const right = Math.min(values.length - 1, left + 1);
		return values[left]! + (values[right]! - values[left]!) * (position - left);
	});
};

/** The fewest cells the left axis takes, its labels and the space after them. */
const minimumLabelWidth = 12;

/**
 * Widens [min, max] so that `target` falls exactly on one of the chart's rows: asciichart draws a
 * value on the nearest row, and a target drawn one row off (labelled with another value) misleads.
 */
export const alignToRow = (min: number, max: number, target: number, rows: number): [number, number] => {
	const step = (max - min) / rows;
	const below = Math.max(0, Math.min(rows, Math.round((target - min) / step)));
	if (below === 0) return [target, Math.max(max, target + step * rows)];
	if (below === rows) return [Math.min(min, target - step * rows), target];
	// Keep the rows below the target, and stretch the step so that row `below` is the target.
	const stepBelow = (target - min) / below;
	const stepAbove = (max - target) / (rows - below);
	const chosen = Math.max(stepBelow, stepAbove);
	return [target - chosen * below, target + chosen * (rows - below)];
};

/**
 * A value on the chart's left axis in `width` cells, right-aligned by display width, so a value with
 * a Chinese unit (`12.5 天`) keeps the axis straight. Never cut: a lost digit misstates the value.
 */
const axisLabel = (text: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

/**
 * The cells the widest of the axis's labels takes, plus the space after it: the labels asciichart
 * would write for [min, max] on `rows` rows, measured by display width (`US$12,345,678` is 13).
 */
const labelRoom = (min: number, max: number, rows: number, format: (value: number) => string): number => {
	let widest = 0;
	asciichart.plot([[min, max]], {
		height: rows,
		min,
		max,
		format: (value: number) => {
			widest = Math.max(widest, displayWidth(format(value)));
			return '';
		},
	});
	return Math.max(minimumLabelWidth, widest + 1);
};

/** The range the chart draws `values` in: never empty, and with the target on a row. */
const valueRange = (values: readonly number[], target: number | null, rows: number): [number, number] => {
	let min = Math.min(...values);
	let max = Math.max(...values);
	if (min === max) {
		// A flat series still needs a range to draw in.
		min -= Math.abs(min) * 0.1 || 1;
		max += Math.abs(max) * 0.1 || 1;
	}
	return target === null ? [min, max] : alignToRow(min, max, target, rows);
};

/**
 * A KPI's trend as text lines: the values (forecast continuing them), the target as a flat line,
 * and an axis naming the first and last periods, where the forecast starts, and with `·` each period
 * without data (the line is drawn straight across it, so the marks say that nothing was measured there). Safe on empty,
 * single-point and null-laden series: those give a sentence or a flat line, never a throw.
 */
export const trendChart = (input: TrendInput): string[] => {
	const history = fillGaps(input.values);
	if (!history) return [input.values.length === 0 ? t('views.chart.noHistory') : t('views.chart.noData')];
	const forecast = input.forecast ?? [];
	const series = [...history, ...forecast];
	const hasTarget = input.target !== null && Number.isFinite(input.target);
	const rows = Math.max(2, input.height - 1);
	// The range depends on the columns (the resampled line), the columns on the labels' width, the
	// labels on the range: measured until the room found fits the labels drawn (twice at most here).
	let labelWidth = minimumLabelWidth;
	let columns = 0;
	let line: number[] = [];
	let [min, max] = [0, 0];
	for (let round = 0; round < 3; round++) {
		columns = Math.max(2, input.width - labelWidth - 2);
		line = resample(series, columns);
		[min, max] = valueRange(hasTarget ? [...line, input.target!] : line, hasTarget ? input.target : null, rows);
		const needed = labelRoom(min, max, rows, input.format);
		if (needed <= labelWidth) break;
		labelWidth = needed;
	}
	// The target first, the values over it: where they cross, the values stay visible.
	const plotted = hasTarget ? [Array.from({length: columns}, () => input.target!), line] : [line];
	const chart = asciichart.plot(plotted, {
		height: rows,
		min,
		max,
		colors: hasTarget ? [input.colors.target, input.colors.line] : [input.colors.line],
		format: (value: number) => axisLabel(input.format(value), labelWidth - 1),
	});
	const lines = chart.split('\n');
	const axis = new Array<string>(columns).fill(' ');
	const first = input.labels[0] ?? '';
	const last = input.labels[history.length - 1] ?? '';
	// Cell by cell: a character two cells wide (a Chinese word) takes its cell and leaves the next
	// one empty, so the axis is as wide as the chart; one that would stick out is left off whole.
	const place = (text: string, at: number) => {
		let cell = at;
		for (const character of graphemesOf(text)) {
			const cells = displayWidth(character);
			if (cell >= 0 && cell + cells <= columns) {
				axis[cell] = character;
				for (let extra = 1; extra < cells; extra++) axis[cell + extra] = '';
			}
			cell += cells;
		}
	};
	// A period without data is marked under the line, which only joins its neighbours across it.
	input.values.forEach((value, index) => {
		if (value !== null && Number.isFinite(value)) return;
		const at = Math.round((index * (columns - 1)) / Math.max(1, series.length - 1));
		if (axis[at] === ' ') axis[at] = '·';
	});
	place(first, 0);
	if (forecast.length > 0) {
		const start = Math.round(((history.length - 0.5) * (columns - 1)) / Math.max(1, series.length - 1));
		place(t('views.chart.forecast', {last}), Math.max(first.length + 1, start - last.length));
	} else place(last, Math.max(first.length + 1, columns - last.length));
	lines.push(`${' '.repeat(labelWidth + 1)}${axis.join('').trimEnd()}`);
	return lines;
};
