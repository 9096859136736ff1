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

describe.each([
	{width: 80, height: 24},
	{width: 200, height: 50},
])('the assessment in Chinese at $width x $height', ({width, height}) => {
	test('its KPI labels and units are Chinese, two cells a character, and no line overflows', async () => {
		const screen = await renderConsole({dataset: demo, width, height});
		await screen.waitFor((frame) => frame.includes('1/120'));
		await screen.type(':lang zh-CN\r');
		const frame = await screen.press('5');
		expect(frame).toContain('赢单收入');
		expect(frame).toMatch(/赢单收入\s+\$811,800/);
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(height - 1);
		for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
	});

	test('the trend names the records behind the number in Chinese', async () => {
		const screen = await renderConsole({dataset: demo, width, height});
		await screen.waitFor((frame) => frame.includes('1/120'));
		await screen.type(':lang zh-CN\r');
		await screen.press('5');
		const trend = await screen.press(keys.enter);
		expect(trend).toContain('本期赢单的商机');
		for (const line of trend.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
	});
});
