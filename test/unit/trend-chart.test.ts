import {describe, expect, test} from 'vitest';
import {alignToRow, fillGaps, resample, trendChart} from '../../source/ui/charts/trend-chart.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';

const chart = (values: Array<number | null>, options: Partial<Parameters<typeof trendChart>[0]> = {}) =>
	trendChart({
		values,
		target: 5,
		labels: values.map((_, index) => `2026-${String(index + 1).padStart(2, '0')}`),
		width: 60,
		height: 8,
		format: (value) => value.toFixed(1),
		colors: {},
		...options,
	});

describe('trend chart', () => {
	test('resampling stretches a series to the width, keeping its ends', () => {
		expect(resample([0, 10], 11)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(resample([7], 4)).toEqual([7, 7, 7, 7]);
		expect(resample([], 4)).toEqual([]);
	});

	test('gaps are filled between known values, and at the ends from the nearest', () => {
		expect(fillGaps([null, 2, null, 6, null])).toEqual([2, 2, 4, 6, 6]);
		expect(fillGaps([null, null])).toBeNull();
		expect(fillGaps([Number.NaN, 1])).toEqual([1, 1]);
	});

	test('an empty or all-null series gives a sentence, not a throw', () => {
		expect(chart([])).toEqual(['Measured as of now: no history to draw.']);
		expect(chart([null, null, null])).toEqual(['No data for this KPI in these periods.']);
	});

	test('a period without data is marked · on the axis, under the line that joins across it', () => {
		const axis = chart([4, null, null, 6, 5]).at(-1)!;
		expect(axis).toMatch(/^\s+2026-01\s+·\s+·\s+2026-05$/);
		expect(chart([4, 5, 6]).at(-1)).not.toContain('·');
	});

	test('a single point, a flat series and a series without a target still draw', () => {
		expect(chart([3]).length).toBeGreaterThan(3);
		expect(chart([4, 4, 4], {target: 4}).length).toBeGreaterThan(3);
		expect(chart([1, 2, 3], {target: null}).length).toBeGreaterThan(3);
	});

	test('every line fits the width, and the axis names the periods and where the forecast starts', () => {
		const lines = chart([1, 3, 2, 5, 4, 6], {forecast: [7, 8, 9]});
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
		expect(lines.at(-1)).toContain('2026-01');
		expect(lines.at(-1)).toContain('2026-06│forecast →');
		// The target is a flat line across the row labelled with it (the values cross it here and there).
		const targetRow = lines.find((line) => line.trimStart().startsWith('5.0 '))!;
		expect([...targetRow].filter((character) => character === '─').length).toBeGreaterThan(30);
	});
});

describe('the target sits exactly on a row', () => {
	test.each([
		[0, 100, 60, 10],
		[-30, 12, 5, 8],
		[10, 20, 5, 6],
		[10, 20, 25, 6],
		[0, 1, 0.45, 11],
	])('range %d..%d, target %d, %d rows', (min, max, target, rows) => {
		const [low, high] = alignToRow(min, max, target, rows);
		expect(low).toBeLessThanOrEqual(Math.min(min, target) + 1e-9);
		expect(high).toBeGreaterThanOrEqual(Math.max(max, target) - 1e-9);
		const position = ((target - low) / (high - low)) * rows;
		expect(Math.abs(position - Math.round(position))).toBeLessThan(1e-9);
	});

	test('the row labelled with the target carries the flat line', () => {
		const lines = trendChart({
			values: [-26, 11, -6, 3, 8],
			target: 5,
			labels: ['a', 'b', 'c', 'd', 'e'],
			width: 60,
			height: 9,
			format: (value) => value.toFixed(1),
			colors: {},
		});
		const row = lines.find((line) => line.trimStart().startsWith('5.0 '));
		expect(row).toBeDefined();
		expect(row).toMatch(/─{10}/);
	});
});
