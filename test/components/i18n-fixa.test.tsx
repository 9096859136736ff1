import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
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

describe('words left between areas, in Chinese at 80x24', () => {
	test('the survey: Chinese labels, the whole statement with the scale’s ends, the band named', {
		timeout: 60_000,
	}, async () => {
		const screen = await inChinese();
		await screen.press('!');
		const form = await screen.waitFor((text) => text.includes('易用性问卷'), 'the survey in Chinese');
		fits(form);
		expect(form).toContain('愿意经常使用');
		expect(form).toContain('我想我会愿意经常使用这个系统。（1 非常不同意 … 5 非常同意）');
		expect(form).not.toMatch(/strongly|frequently/);
		await screen.press('5151515151333');
		await screen.waitFor((text) => text.includes('已答 13/13'));
		await screen.press('\u0013');
		await screen.waitFor((text) => text.includes('SUS 100（优秀）'), 'the band in Chinese');
	});
});
