import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => {
	cleanup();
	setLanguage('en');
});

const dataset = () => datasetOf({customers: ['Ana Silva', 'Bo Berg'].map((name) => customer({name}))});

test(':lang zh-CN in a running console: the next notices are in Chinese, none wider than the frame', async () => {
	const width = 60;
	const screen = await renderConsole({dataset: dataset(), width, height: 20});
	await screen.waitFor((text) => text.includes('1/2'));
	await screen.press(':');
	await screen.type('lang zh-CN');
	await screen.press(keys.enter);
	await screen.waitFor((text) => text.includes('语言：简体中文'), 'the switch said');
	await screen.press('-');
	await screen.waitFor((text) => text.includes('没有标记任何行。'), 'a notice in Chinese');
	await screen.press('  ');
	await screen.press('-');
	const frame = await screen.waitFor((text) => text.includes('已清除 2 个标记。'), 'the marks cleared, in Chinese');
	for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
});
