import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {smallDemo, withoutLifecycle} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => {
	cleanup();
	setLanguage('en');
});

const demo = withoutLifecycle(smallDemo({customers: 120, opportunities: 400, tickets: 250, feedback: 200}));
const width = 80;
const height = 24;

/** Within the frame: no line past the width (a CJK character two cells), none past the height, no character cut in two. */
const fits = (frame: string) => {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThanOrEqual(height);
	for (const line of lines) {
		expect(displayWidth(line), line).toBeLessThanOrEqual(width);
		expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/);
	}
};

/** The display column where `text` starts on `line`. */
const columnOf = (line: string, text: string): number => displayWidth(line.slice(0, line.indexOf(text)));

/** The console at 80x24, switched to Chinese by `:lang zh-CN` as an operator would. */
const inChinese = async () => {
	const screen = await renderConsole({dataset: demo, width, height});
	await screen.waitFor((frame) => frame.includes('1/120'));
	await screen.press(':');
	await screen.press('lang zh-CN');
	await screen.press(keys.enter);
	await screen.waitFor((frame) => frame.includes('[1 客户]'), 'the header in Chinese');
	return screen;
};

describe('the console in Chinese at 80x24', () => {
	test('the assessment panels: Chinese column titles over aligned figures, within the frame', {
		timeout: 60_000,
	}, async () => {
		const screen = await inChinese();
		await screen.press('5');
		const frame = await screen.waitFor((shown) => shown.includes('实际值'), 'the panels');
		fits(frame);
		const lines = frame.split('\n');
		const header = lines.find((line) => line.includes('实际值') && line.includes('目标值'))!;
		// Right-aligned figures end under the end of their title: the target column's `≥`/`≤` rows.
		const targetEnd = columnOf(header, '目标值') + displayWidth('目标值');
		// The target's words (`≥ CNY 4.2M`), up to the signed difference after it (`+184.2 个百…`, one space on).
		const targetCell = /[≥≤] \S+(?: (?![+−\-±—])\S+)*/;
		const rows = lines.filter((line) => targetCell.test(line));
		expect(rows.length).toBeGreaterThan(3);
		for (const row of rows) {
			const target = targetCell.exec(row)![0];
			expect(columnOf(row, target) + displayWidth(target), row).toBe(targetEnd);
		}
		// The status words are Chinese, the summary too.
		expect(frame).toMatch(/达标|接近|未达标|无数据/);
		expect(frame).toContain('!15 警报');
	});

	test('the status line keeps whole hints only, and the frame stays within 80 columns', {timeout: 60_000}, async () => {
		const screen = await inChinese();
		// The next key takes the notice (the language said) away: the hints show.
		const frame = await screen.press('j');
		fits(frame);
		const status = frame.split('\n').at(-1)!;
		expect(status).toContain('? 帮助');
		expect(status).not.toContain('…');
	});

	test('a new customer’s form and the import’s first step: Chinese words, within the frame', {
		timeout: 60_000,
	}, async () => {
		const screen = await inChinese();
		const form = await screen.press('n');
		fits(form);
		expect(form).toMatch(/新建/);
		await screen.press(keys.escape);
		await screen.press(':');
		await screen.press('import');
		const importing = await screen.press(keys.enter);
		fits(importing);
		expect(importing).toContain('导入 CSV 文件');
		expect(importing).toContain('[1 文件]');
		expect(importing).toMatch(/文件：/);
	});
});
