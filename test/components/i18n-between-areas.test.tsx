import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import {columnHeader} from '../../source/ui/components/data-table.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {kpiOrder} from '../../source/ui/state/assessment.js';
import {colorTheme} from '../../source/ui/theme/theme.js';
import {smallDemo} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => {
	cleanup();
	setLanguage('en');
});

const width = 80;
const height = 24;

/** Within the frame: no line past the width (a CJK character two cells), none past the height. */
const fits = (frame: string) => {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThanOrEqual(height);
	for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
};

/** The console at 80x24, switched to Chinese by `:lang zh-CN` as an operator would. */
const inChinese = async (options: Partial<Parameters<typeof renderConsole>[0]> = {}) => {
	const screen = await renderConsole({dataset: smallDemo(), width, height, ...options});
	await screen.waitFor((frame) => frame.includes('1/60'));
	await screen.press(':');
	await screen.press('lang zh-CN');
	await screen.press(keys.enter);
	await screen.waitFor((frame) => frame.includes('[1 客户]'), 'the header in Chinese');
	return screen;
};

/** The display column where `text` starts on `line`. */
const columnOf = (line: string, text: string): number => displayWidth(line.slice(0, line.indexOf(text)));

describe('words left between areas, in Chinese at 80x24', () => {
	test('the survey: Chinese labels, the whole statement with the scale’s ends, the band named', {
		timeout: 60_000,
	}, async () => {
		const screen = await inChinese();
		await screen.press('!');
		const form = await screen.waitFor((text) => text.includes('可用性问卷'), 'the survey in Chinese');
		fits(form);
		expect(form).toContain('愿意经常使用');
		expect(form).toContain('我想我会愿意经常使用这个系统。（1 非常不同意 … 5 非常同意）');
		expect(form).not.toMatch(/strongly|frequently/);
		await screen.press('5151515151333');
		await screen.waitFor((text) => text.includes('已答 13/13'));
		await screen.press('\u0013');
		await screen.waitFor((text) => text.includes('SUS 100（优秀）'), 'the band in Chinese');
	});

	test('the assessment: the SUS band, the period and the requirements checklist in Chinese words', {
		timeout: 60_000,
	}, async () => {
		const screen = await inChinese();
		await screen.press('5');
		const panels = await screen.press('j'.repeat(kpiOrder.indexOf('usability_score')));
		fits(panels);
		expect(panels.split('\n')[1]).toMatch(/^ 2026年\d+月 /);
		expect(panels).toMatch(/› .+SUS (差|低于平均|良好|优秀)\s/);
		expect(panels).not.toMatch(/below average|excellent|\(month\)/);
		const checklist = await screen.press('r');
		fits(checklist);
		expect(checklist).toMatch(/✓ 已满足\s+高\s+客户信息\s/);
		expect(checklist).not.toMatch(/\b(met|high|customer information)\b/);
		await screen.press(keys.enter);
		const partial = await screen.waitFor((frame) => frame.includes('~ 部分满足'), 'the mark changed');
		fits(partial);
		// The mark column is as wide as its longest words: the rows' columns still line up under the header.
		const lines = partial.split('\n');
		const header = lines.find((line) => line.includes('标记') && line.includes('领域'))!;
		const changed = lines.find((line) => line.includes('~ 部分满足'))!;
		expect(columnOf(changed, '客户信息')).toBe(columnOf(header, '领域'));
		expect(columnOf(changed, '高')).toBe(columnOf(header, '权重'));
		const funnel = await screen.press('f');
		fits(funnel);
		expect(funnel).toMatch(/漏斗：2026年\d+月/);
	});

	test('a table’s Chinese titles say their sort letter after them, within the widths the layout gives', {
		timeout: 60_000,
	}, async () => {
		const screen = await inChinese();
		const customers = screen.frame();
		fits(customers);
		const header = customers.split('\n')[1]!;
		expect(header).toMatch(/^ {2}姓名\(N\) ↑ +公司\(C\) +状态\(S\)/);
		// The letter takes no room from the next column: each title starts where its column's cells do.
		const row = customers.split('\n')[2]!;
		expect(row[columnOf(header, '公司(C)') - 1]).toBe(' ');
		expect(row[columnOf(header, '公司(C)')]).not.toBe(' ');
		const deals = await screen.press('2');
		fits(deals);
		// `结束日期` fills its 10 cells but one: the short form; `概率` has no room and stays whole.
		expect(deals.split('\n')[1]).toMatch(/ 概率 +结束日期 X$/);
		expect(deals.split('\n')[1]).not.toMatch(/概…/);
	});

	test('with colour, the letter follows its title after a space; English titles with their letter are unchanged', {
		timeout: 60_000,
	}, async () => {
		const screen = await inChinese({theme: colorTheme});
		expect(screen.frame().split('\n')[1]).toMatch(/^ {2}姓名 N ↑ +公司 C +状态 S/);
		await screen.press(':');
		await screen.press('lang en');
		await screen.press(keys.enter);
		const english = await screen.waitFor((frame) => frame.includes('[1 Customers]'), 'English again');
		expect(english.split('\n')[1]).toMatch(/^ {2}Name ↑ +Company +Status +Value +Owner +Email *$/);
	});
});

describe('columnHeader', () => {
	test.each([
		{title: 'Name', letter: 'N', width: 12, marker: '', mono: true, text: 'Name', at: 0},
		{title: 'Close', letter: 'X', width: 10, marker: '', mono: true, text: 'Close(X)', at: 6},
		{title: 'Close', letter: 'X', width: 10, marker: '', mono: false, text: 'Close X', at: 6},
		{title: '姓名', letter: 'N', width: 12, marker: ' ↑', mono: true, text: '姓名(N) ↑', at: 3},
		{title: '结束日期', letter: 'X', width: 10, marker: '', mono: true, text: '结束日期 X', at: 5},
		{title: '概率', letter: 'P', width: 5, marker: '', mono: true, text: '概率', at: -1},
		{title: '下单日期', letter: 'D', width: 10, marker: ' ↓', mono: true, text: '下单日期 ↓', at: -1},
	])(
		'$title sorted by $letter in $width cells (mono: $mono) → $text',
		({title, letter, width, marker, mono, text, at}) => {
			const header = columnHeader(title, letter, width, marker, mono);
			expect(header).toEqual({text, letterAt: at});
			expect(displayWidth(header.text)).toBeLessThanOrEqual(width);
		},
	);
});
