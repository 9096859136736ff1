import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {setLanguage} from '../../../source/i18n/i18n.js';
import {trendChart} from '../../../source/ui/charts/trend-chart.js';
import {TextView} from '../../../source/ui/components/text-view.js';
import {displayWidth, wrapText} from '../../../source/ui/layout/cell-text.js';
import {helpRows} from '../../../source/ui/state/view-rows.js';
import {renderComponent} from '../../support/render-component.js';

afterEach(() => {
	cleanup();
	setLanguage('en');
});

const width = 80;
const listHelp: Parameters<typeof helpRows>[0] = {screen: 'customers', mode: 'list', overlay: null, form: null};
const closing = /^[，。）、：；！？”]/;

/** The help's lines at 80 columns (the overlay draws them two cells narrower). */
const help = (): string[] => helpRows(listHelp, width - 2).map((row) => row.text);

describe('help rows in Chinese at 80 columns', () => {
	test('a long description wraps beside its key, its further lines under its first', () => {
		setLanguage('zh-CN');
		const lines = help();
		for (const line of lines) {
			expect(displayWidth(line), line).toBeLessThanOrEqual(width - 2);
			expect(line.trimStart(), line).not.toMatch(closing);
		}
		for (const key of ['c', '@']) {
			const at = lines.findIndex((line) => line.startsWith(`${key} `));
			expect(at, key).toBeGreaterThanOrEqual(0);
			// The key is never alone on its line: its description starts beside it.
			expect(lines[at]!.slice(1).trim().length, lines[at]).toBeGreaterThan(4);
			const column = displayWidth(lines[at]!.match(/^\S+\s+/)![0]);
			const next = lines[at + 1]!;
			expect(next.startsWith(' '.repeat(column)), next).toBe(true);
			expect(next[column], next).not.toBe(' ');
		}
	});

	test('the sort letters break between pairs, never inside one', () => {
		setLanguage('zh-CN');
		const lines = help();
		const at = lines.indexOf('排序字母（Shift+字母）');
		const letters = lines.slice(at + 1, lines.indexOf('', at + 1));
		expect(letters.length).toBeGreaterThan(1);
		for (const line of letters) {
			expect(line, line).toMatch(/^\S \S+( · \S \S+)*$/);
			expect(displayWidth(line)).toBeLessThanOrEqual(width - 2);
		}
		expect(letters.join(' · ')).toContain('P 电话');
	});

	test('drawn, the help shows the key and the start of its description on one row', () => {
		setLanguage('zh-CN');
		const rows = helpRows(listHelp, width - 2);
		const scroll = rows.findIndex((row) => row.text.startsWith('c '));
		const view = renderComponent(<TextView rows={rows} scroll={scroll} width={width} height={6} />, {width});
		expect(view.fits()).toBe(true);
		expect(view.lines()[0]).toMatch(/^ c {2,}批量修改/);
	});

	test('in English a description still wraps at spaces beside its key', () => {
		for (const line of help()) expect(displayWidth(line)).toBeLessThanOrEqual(width - 2);
	});
});

describe('wrapping Chinese text', () => {
	test('breaks between characters, never before a closing mark, within the width', () => {
		const text = '批量修改已标记的行（未标记时：显示的每一行，先说明数量）：设置字段、下一阶段、关闭、删除、导出';
		for (const cells of [11, 17, 20, 31, 40]) {
			const lines = wrapText(text, cells);
			expect(lines.join('')).toBe(text);
			for (const line of lines) {
				expect(displayWidth(line), line).toBeLessThanOrEqual(cells);
				expect(line, line).not.toMatch(closing);
			}
		}
	});

	test('a notice keeps a key with its meaning, and breaks after a phrase', () => {
		const notice = '已设置 状态 = active：客户中的 12 个（1 个原本已是该值）。u 可整体撤销。';
		for (const cells of [40, 48, 56, 60]) {
			const lines = wrapText(notice, cells);
			for (const line of lines) {
				expect(displayWidth(line), line).toBeLessThanOrEqual(cells);
				expect(line, line).not.toMatch(/(^|\s)u$/);
			}
		}
		expect(wrapText(notice, 60)).toEqual([
			'已设置 状态 = active：客户中的 12 个（1 个原本已是该值）。',
			'u 可整体撤销。',
		]);
	});

	test('English is still broken only at spaces', () => {
		expect(wrapText('Set status = active on 12 customers (1 had it already). u undoes it.', 40)).toEqual([
			'Set status = active on 12 customers (1',
			'had it already). u undoes it.',
		]);
	});
});

describe('the trend chart in Chinese at 80 columns', () => {
	const chart = (format: (value: number) => string, values: number[]) =>
		trendChart({
			values,
			target: values[0]!,
			labels: values.map((_, index) => `2026年${index + 1}月`),
			width,
			height: 8,
			format,
			colors: {},
		});

	test('long money labels are shown whole, the axis straight, the lines within the width', () => {
		const dollars = (value: number) => `US$${Math.round(value).toLocaleString('en-US')}`;
		const yuan = (value: number) => `CN¥${Math.round(value).toLocaleString('en-US')}`;
		for (const [format, values] of [
			[dollars, [9_000_000, 12_345_678, 10_000_000, 11_000_000]],
			[yuan, [800_000, 1_234_567, 950_000, 1_100_000]],
			[dollars, [2_100_000, 2_756_045, 2_400_000]],
		] as const) {
			setLanguage('zh-CN');
			const lines = chart(format, [...values]);
			for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
			const labels = lines.slice(0, -1).map((line) => /^\s*(\S+) [┤┼]/.exec(line)?.[1]);
			expect(labels.every(Boolean), lines.join('\n')).toBe(true);
			// Every label is a whole amount: three digits after each comma.
			for (const label of labels) expect(label).toMatch(/^(US\$|CN¥)\d{1,3}(,\d{3})*$/);
			// The axis is straight: every label ends in the same column.
			expect(new Set(lines.slice(0, -1).map((line) => displayWidth(line.split(/[┤┼]/)[0]!))).size).toBe(1);
		}
	});
});
