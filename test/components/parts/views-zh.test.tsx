import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {parsePeriod, previousPeriod} from '../../../source/assessment/periods.js';
import {day} from '../../../source/domain/units.js';
import {setLanguage} from '../../../source/i18n/i18n.js';
import {trendChart} from '../../../source/ui/charts/trend-chart.js';
import {CaretText} from '../../../source/ui/components/caret-text.js';
import {FunnelView} from '../../../source/ui/components/funnel-view.js';
import {OverlayView} from '../../../source/ui/components/overlay-view.js';
import {StuckDealsView} from '../../../source/ui/components/stuck-deals-view.js';
import {displayWidth, headOf} from '../../../source/ui/layout/cell-text.js';
import {relatedRecords} from '../../../source/ui/state/related-records.js';
import {customer, datasetOf, fixedNow} from '../../support/fixtures.js';
import {dealOf} from '../../support/records.js';
import {renderComponent} from '../../support/render-component.js';

afterEach(() => {
	cleanup();
	setLanguage('en');
});

/** The display column (in cells) where `text` starts on `line`; -1 when it is not there. */
const columnOf = (line: string, text: string): number => {
	const at = line.indexOf(text);
	return at < 0 ? -1 : displayWidth(line.slice(0, at));
};

/** Every line within the width, and no character cut in two (a lone surrogate, or a replacement mark). */
const wellCut = (lines: readonly string[], width: number) => {
	for (const line of lines) {
		expect(displayWidth(line), line).toBeLessThanOrEqual(width);
		expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/);
	}
};

const width = 80;

describe('the panels in Chinese at 80 columns', () => {
	test('stuck deals: Chinese titles, customers and owners stay in their columns; long ones are cut whole', () => {
		setLanguage('zh-CN');
		const buyers = [
			customer({name: '上海远景物流有限公司华东区域分公司'}),
			customer({name: '王小明'}),
			customer({name: 'Ana Foods'}),
		];
		const deals = [
			dealOf({
				title: '冷库扩建项目第二期（含安装与培训服务）',
				customerId: buyers[0]!.id,
				owner: '张伟',
				amount: 120_000,
			}),
			dealOf({title: '叉车', customerId: buyers[1]!.id, owner: 'ana', amount: 8_000}),
			dealOf({title: 'Pallets for the new warehouse', customerId: buyers[2]!.id, owner: '欧阳娜娜', amount: 950}),
		];
		const dataset = datasetOf({customers: buyers, opportunities: deals});
		const context = {dataset, now: fixedNow, related: relatedRecords(dataset)};
		const {lines} = renderComponent(
			<StuckDealsView
				shown={{
					kind: 'stuck',
					stage: 'proposal',
					deals: deals.map((deal, index) => ({deal, since: fixedNow - (30 - index) * day, logged: index !== 1})),
				}}
				context={context}
				cursor={0}
				width={width}
				height={20}
			/>,
			{width, height: 20},
		);
		const frame = lines();
		wellCut(frame, width);
		expect(frame[0]).toContain('当前在 proposal 阶段停留最久的商机：3 个未结商机（Enter 打开）');
		const header = frame[1]!;
		for (const title of ['天数', '标题', '客户', '负责人', '金额']) expect(header).toContain(title);
		const rows = frame.slice(2, 5);
		// Each row's owner starts where the header's 负责人 does, whatever the widths before it.
		const owner = columnOf(header, '负责人');
		expect(columnOf(rows[0]!, '张伟')).toBe(owner);
		expect(columnOf(rows[1]!, 'ana')).toBe(owner);
		expect(columnOf(rows[2]!, '欧阳娜娜')).toBe(owner);
		// The days right-aligned in their column, in Chinese.
		expect(rows[0]).toMatch(/^› +30 天 /);
		expect(rows[1]).toMatch(/^ +≤29 天 /);
		// The long title and customer are cut with `…`, each character whole, at the column's edge.
		expect(rows[0]).toContain('…');
		const customerColumn = columnOf(header, '客户');
		expect(columnOf(rows[0]!, '上海远景')).toBe(customerColumn);
		// All rows are as wide as each other up to the amount: the amounts end in one column.
		const ends = rows.map((row) => displayWidth(row.trimEnd()));
		expect(new Set(ends).size).toBe(1);
		expect(frame.join('\n')).toContain('≤：进入该阶段的时间未记录');
	});

	test('the funnel: Chinese column titles over aligned bars and figures', () => {
		setLanguage('zh-CN');
		const period = parsePeriod('2026-05')!;
		const reached = {prospecting: 5, qualification: 3, proposal: 2, negotiation: 1, won: 1};
		const {lines} = renderComponent(
			<FunnelView
				shown={{
					kind: 'funnel',
					period,
					previous: previousPeriod(period),
					funnel: {created: 5, reached, unlogged: 1},
					before: {created: 2, reached: {...reached, prospecting: 2, qualification: 1}, unlogged: 0},
				}}
				width={width}
				toDate={false}
			/>,
			{width, height: 24},
		);
		const frame = lines();
		wellCut(frame, width);
		expect(frame[0]).toContain('漏斗：2026年5月 新建 5 个商机（上期：2）');
		const header = frame[1]!;
		const bars = columnOf(header, '到达');
		for (const row of frame.slice(2, 7)) expect(columnOf(row, '█')).toBe(bars);
		// The figures right-aligned under their titles: the rows and the header end in one column.
		expect(columnOf(frame[2]!, '100.0%')).toBe(columnOf(header, '占比') - 2);
		// (The first stage's share is as before: no ▲ or ▼ after it, so its line ends two cells sooner.)
		const ends = [header, ...frame.slice(3, 7)].map((row) => displayWidth(row.trimEnd()));
		expect(new Set(ends).size).toBe(1);
		expect(frame.join('')).toContain('没有阶段历史记录');
	});

	test('an edit conflict: Chinese labels and values in three aligned columns, cut whole', () => {
		setLanguage('zh-CN');
		const {lines} = renderComponent(
			<OverlayView
				overlay={{
					kind: 'conflict',
					message: '“王小明”已被他人修改。',
					fields: [
						{
							key: 'name',
							label: '名称',
							original: '王小明',
							theirs: '王小明（上海分公司采购部负责人）',
							mine: '王晓明',
						},
						{key: 'owner', label: '负责人', original: 'ana', theirs: 'ana', mine: '张伟'},
					],
				}}
				pickerRows={[]}
				width={width}
				height={20}
			/>,
			{width, height: 20},
		);
		const frame = lines();
		wellCut(frame, width);
		const header = frame.find((line) => line.includes('你打开时'))!;
		const name = frame.find((line) => line.includes('王晓明'))!;
		const owner = frame.find((line) => line.includes('张伟'))!;
		expect(columnOf(name, '王小明')).toBe(columnOf(header, '你打开时'));
		expect(columnOf(name, '王晓明')).toBe(columnOf(header, '你的修改'));
		expect(columnOf(owner, '（相同）')).toBe(columnOf(header, '对方当前'));
		expect(columnOf(owner, '张伟')).toBe(columnOf(header, '你的修改'));
		expect(name).toContain('…');
		expect(frame.join('\n')).toContain('o 用你的版本覆盖');
	});

	test('the trend chart: the forecast mark in Chinese keeps the axis as wide as the chart', () => {
		setLanguage('zh-CN');
		const values = [3, 4, null, 6, 5, 7];
		const lines = trendChart({
			values,
			forecast: [7.5, 8],
			target: 5,
			labels: values.map((_, index) => `2026-0${index + 1}`),
			width: 60,
			height: 8,
			format: (value) => `${value.toFixed(1)} 天`,
			colors: {},
		});
		const axis = lines.at(-1)!;
		expect(axis).toContain('2026-06│预测 →');
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
		// The values on the left axis, right-aligned in one width with their Chinese unit.
		const labels = lines
			.slice(0, -1)
			.map((line) => /^(.*天)/.exec(line)?.[1])
			.filter(Boolean);
		expect(labels.length).toBeGreaterThan(2);
		expect(new Set(labels.map((label) => displayWidth(label!))).size).toBe(1);
		expect(trendChart({values: [], target: 5, labels: [], width: 60, height: 8, format: String, colors: {}})).toEqual([
			'按当前时刻计算：没有历史可画。',
		]);
	});
});

describe('cutting Chinese by display width', () => {
	test('headOf keeps whole characters within the cells, adding nothing', () => {
		expect(headOf('上海远景物流', 5)).toBe('上海');
		expect(headOf('上海远景物流', 6)).toBe('上海远');
		expect(headOf('ab上海', 3)).toBe('ab');
		expect(headOf('plain', 3)).toBe('pla');
		expect(headOf('短', 10)).toBe('短');
	});

	test('a typed Chinese line after the caret is cut whole, with `…`, within its width', () => {
		const text = '王小明（上海分公司采购部负责人，联系电话见备注）';
		const {lines} = renderComponent(<CaretText input={{text, caret: 0}} width={20} />, {width: 30, height: 1});
		const line = lines()[0]!.trimEnd();
		expect(displayWidth(line)).toBeLessThanOrEqual(20);
		expect(line.endsWith('…')).toBe(true);
		expect(text.startsWith(line.slice(0, -1))).toBe(true);
	});
});
