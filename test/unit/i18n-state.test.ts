import {afterEach, describe, expect, test} from 'vitest';
import {currentLanguage, setLanguage, t} from '../../source/i18n/i18n.js';
import {parseKeys} from '../../source/ui/keys/key-parser.js';
import {displayWidth, wrapText} from '../../source/ui/layout/cell-text.js';
import {type AppState, appReducer, initialState} from '../../source/ui/state/app-state.js';
import type {ScreenName} from '../../source/ui/state/app-types.js';
import {bulkActions} from '../../source/ui/state/bulk-menu.js';
import {countOf} from '../../source/ui/state/entity-words.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';
import {dealOf} from '../support/records.js';

afterEach(() => setLanguage('en'));

/** Keys as the console reduces them, the language following the state as each frame of the App does. */
const typed = (state: AppState, input: string): AppState =>
	parseKeys(input).reduce((current, key) => {
		const next = appReducer(current, {type: 'key', key});
		if (currentLanguage() !== next.lang) setLanguage(next.lang);
		return next;
	}, state);
/** The console at start, speaking the language in force (as `--lang` would start it). */
const start = (screen: ScreenName = 'opportunities'): AppState => ({
	...initialState(dataset, {columns: 100, rows: 30}, fixedNow, {operator: 'ada', screen}),
	lang: currentLanguage(),
});

const ana = customer({name: 'Ana Silva'});
const deals = [
	dealOf({title: 'Alpha', owner: 'Ada', stage: 'prospecting', customerId: ana.id}),
	dealOf({title: 'Bravo', owner: 'Bo', stage: 'prospecting'}),
	dealOf({title: 'Charlie', owner: 'Ada', stage: 'negotiation'}),
];
const dataset = datasetOf({customers: [ana], opportunities: deals});

describe('the console’s actions in Simplified Chinese', () => {
	test('marks: marked, cleared, none', () => {
		setLanguage('zh-CN');
		const marked = typed(start(), '  ');
		expect(typed(marked, '-').notice?.text).toBe('已清除 2 个标记。');
		expect(typed(start(), '-').notice?.text).toBe('没有标记任何行。');
	});

	test('a bulk change: its menu, its question and what it leaves, counted in Chinese', () => {
		setLanguage('zh-CN');
		const asked = typed(start(), '   c');
		expect(asked.overlay).toMatchObject({kind: 'picker', title: '修改已标记的 3 个商机：'});
		// The menu is in Chinese: typing its words narrows it.
		const question = typed(asked, '负责人\rCy\r');
		expect(question.overlay).toMatchObject({
			kind: 'confirm',
			message: '对已标记的 3 个商机执行：将负责人设为“Cy”？',
		});
		expect((question.overlay as {details: string[]}).details).toContain(
			'作为一次更改：u 可整体撤销。规则拒绝的记录会被列出并保持原样，其余的会保存。',
		);
		expect(typed(question, 'y').notice?.text).toBe('正在保存 3 项更改…');
	});

	test('a delete of rows nobody marked: the count typed back, and a wrong one refused', () => {
		setLanguage('zh-CN');
		const prompt = typed(start(), 'c');
		expect(prompt.overlay).toMatchObject({kind: 'picker', title: '未标记任何行：修改显示的全部 3 个商机？'});
		// The menu narrows by the Chinese typed, as by the English.
		const typeBack = typed(prompt, '删除\r');
		expect(typeBack.overlay).toMatchObject({
			kind: 'prompt',
			title: '未标记任何行：输入 3 以删除显示的全部 3 个商机（Esc 取消）',
		});
		expect(typed(typeBack, '4\r').notice?.text).toBe('未删除：你输入的是“4”，而不是 3。没有任何更改。');
	});

	test('the bulk menu’s labels are made when shown, in the language in force', () => {
		const close = bulkActions.opportunities!.find((action) => action.id === 'close:won')!;
		expect(close.label).toBe('Close as won…');
		setLanguage('zh-CN');
		expect(close.label).toBe('关闭为赢单…');
		expect(close.ask?.('商机“Alpha”', '价格')).toBe('将商机“Alpha”关闭为赢单（价格）？');
	});

	test(':lang zh-CN, then the next notice is in Chinese; :lang en brings English back', () => {
		const chinese = typed(start(), ':lang zh-CN\r');
		expect(chinese.lang).toBe('zh-CN');
		expect(typed(chinese, '-').notice?.text).toBe('没有标记任何行。');
		expect(typed(chinese, ':nothing\r').notice?.text).toMatch(/^未知命令“nothing”。/);
		const english = typed(chinese, ':lang en\r');
		expect(typed(english, '-').notice?.text).toBe('No row is marked.');
	});

	test('in English the words are as they were, plurals by i18next', () => {
		expect(typed(typed(start(), ' '), '-').notice?.text).toBe('Cleared 1 mark.');
		expect(countOf('opportunities', 1)).toBe('1 opportunity');
		expect(countOf('opportunities', 12_500)).toBe('12,500 opportunities');
		expect(t('state.bulk.unchanged', {count: 1})).toBe('1 already has it and stays as it is.');
		expect(t('state.bulk.unchanged', {count: 2})).toBe('2 already have it and stay as they are.');
		expect(countOf('feedback', 2)).toBe('2 feedback');
	});

	test('a Chinese notice is wider than its characters: wrapped by display width, no line past the frame', () => {
		setLanguage('zh-CN');
		const text = t('state.bulk.oneChange');
		expect(displayWidth(text)).toBeGreaterThan(text.length);
		const lines = wrapText(text, 40);
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
		expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
	});
});
