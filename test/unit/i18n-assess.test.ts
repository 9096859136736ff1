import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {alertInEnglish} from '../../source/assessment/alert.js';
import {churnAlerts} from '../../source/assessment/alerts.js';
import {formatKpi} from '../../source/assessment/format-kpi.js';
import {kpiCatalog, kpiIds} from '../../source/assessment/kpi-catalog.js';
import {parsePeriod, periodName, readPeriod} from '../../source/assessment/periods.js';
import {runReport} from '../../source/commands/report.js';
import {seedDataFile} from '../../source/commands/seed.js';
import {shippedRequirements} from '../../source/domain/requirements.js';
import {defaultSettings} from '../../source/domain/settings.js';
import {surveyItemName, surveyResponseSchema} from '../../source/domain/survey.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {tempFolder} from '../support/temp-folder.js';

afterEach(() => setLanguage('en'));

let file: string;
const now = new Date('2026-12-02T00:00:00Z').getTime();

beforeAll(async () => {
	file = join(tempFolder('i18n-assess'), 'demo.json');
	await seedDataFile(file, {now: new Date(now)});
});

/** The report of `period` in `format`, written in `language`. */
const reportIn = async (language: 'en' | 'zh-CN', period: string, format: 'md' | 'json'): Promise<string> => {
	setLanguage(language);
	try {
		return await runReport(file, {period, format, now});
	} finally {
		setLanguage('en');
	}
};

/** The numbers of a text, in order (`2026-03` and `2026年3月` hold the same two). */
const digits = (text: string): number[] => (text.match(/\d+/g) ?? []).map(Number);
const tableRows = (markdown: string): string[] => markdown.split('\n').filter((line) => line.startsWith('|'));

describe('crm report in Chinese', () => {
	test.each(['2026-11', '2026-Q3', '2026'])(
		'the JSON report of %s is byte for byte the English one',
		async (period) => {
			const english = await reportIn('en', period, 'json');
			const chinese = await reportIn('zh-CN', period, 'json');
			expect(chinese).toBe(english);
			// Its words stay English: the alerts' rules and messages, the checklist's texts and notes.
			const report = JSON.parse(chinese);
			expect(report.alerts.length).toBeGreaterThan(0);
			for (const alert of report.alerts) expect(`${alert.rule} ${alert.message}`).not.toMatch(/\p{Script=Han}/u);
			for (const requirement of report.requirements)
				expect(`${requirement.text.replace('(回访)', '')} ${requirement.note}`).not.toMatch(/\p{Script=Han}/u);
		},
	);

	test('the Markdown report uses the assessment’s own terms, with the same figures as the English one', async () => {
		const english = await reportIn('en', '2026-11', 'md');
		const chinese = await reportIn('zh-CN', '2026-11', 'md');
		expect(chinese).toContain('# CRM 评估 — 2026年11月');
		expect(chinese).toContain('\n## 功能性评估\n');
		expect(chinese).toMatch(/\n## 性能评估：/);
		expect(chinese).toMatch(/\n## 效果评估：/);
		expect(chinese).toContain('| 指标 | 实际值 | 目标值 | 差异 | 达成率 | 状态 | 上期 |');
		expect(chinese).toContain('| 领域 | 需求 | 重要性 | 状态 | 备注 |');
		expect(chinese).toContain('与2026年10月对比');
		expect(english).toContain('| KPI | Actual | Target | Difference | Attainment | Status | Previous |');
		// Every table row holds the same figures in the same order; the whole report, the same figures.
		expect(tableRows(chinese).length).toBe(tableRows(english).length);
		expect(tableRows(chinese).map(digits)).toEqual(tableRows(english).map(digits));
		expect(digits(chinese).sort((a, b) => a - b)).toEqual(digits(english).sort((a, b) => a - b));
		// English sentences do not show through (the words of data — ids, stages, channels — do).
		expect(chinese).not.toMatch(/Recommended actions|Won revenue|missed its target|Before and after/);
	});

	test('a KPI row says its label, status and units in Chinese', async () => {
		const chinese = await reportIn('zh-CN', '2026-11', 'md');
		expect(chinese).toMatch(
			/^\| 赢单收入 \(`revenue_won`\) \| \$[\d,]+ \| ≥ \$[\d,]+ \| [+-]?\$[\d,]+ \| \d+% \| [✓~✗] (达标|接近|未达标) \|/m,
		);
		expect(chinese).toMatch(/^\| 销售周期 \(`sales_cycle_days`\) \| [\d.]+ 天 \|/m);
	});
});

describe('the assessment’s words in Chinese', () => {
	test.each([
		['2026-11', '2026-11', '2026年11月'],
		['2026-03', '2026-03', '2026年3月'],
		['2026-Q3', '2026-Q3', '2026年第3季度'],
		['2026', '2026', '2026年'],
	])('the period %s reads %j in English, %j in Chinese', (key, english, chinese) => {
		const period = parsePeriod(key)!;
		expect(periodName(period)).toBe(english);
		setLanguage('zh-CN');
		expect(periodName(period)).toBe(chinese);
	});

	test('a period typed wrong is refused in the language in force', () => {
		setLanguage('zh-CN');
		expect(readPeriod('2026-13')).toEqual({ok: false, message: expect.stringContaining('没有第 13 月')});
	});

	test('labels, units, the checklist and the survey switch with the language, without reloading', () => {
		const requirement = shippedRequirements.find((entry) => entry.id === 'ci-duplicates')!;
		expect(kpiCatalog.win_rate.label).toBe('Win rate');
		expect(formatKpi('sales_cycle_days', 15)).toBe('15.0 d');
		expect(formatKpi('win_rate', 0.02, true)).toBe('+2.0 pp');
		setLanguage('zh-CN');
		expect(kpiCatalog.win_rate.label).toBe('赢单率');
		expect(formatKpi('sales_cycle_days', 15)).toBe('15.0 天');
		expect(formatKpi('first_response_hours', 3.25)).toBe('3.3 小时');
		expect(formatKpi('win_rate', 0.02, true)).toBe('+2.0 个百分点');
		expect(requirement.text).toBe('查找并合并重复客户');
		expect(requirement.note).toContain('逐字段合并');
		expect(surveyItemName('sus4')).toBe('第 4 项（“我想我需要技术人员的支持才能使用这个系统。”）');
	});

	test('a survey rating refused says which item, in the language in force when refused', () => {
		setLanguage('zh-CN');
		const refused = surveyResponseSchema.safeParse({operator: 'ann', sus1: 9});
		expect(refused.success).toBe(false);
		expect(refused.error!.issues.map((issue) => issue.message)).toContain(
			'第 1 项（“我想我会愿意经常使用这个系统。”）必须以 1 到 5 的评分作答',
		);
	});

	test('an alert says itself in the language in force, and in English for the JSON report', () => {
		const [alert] = churnAlerts([{customerId: 'c1', rules: ['inactive']}], defaultSettings().assessment);
		expect(alert!.message).toBe('1 active customer at risk: no activity for 90 days');
		setLanguage('zh-CN');
		expect(alert!.message).toBe('1 个活跃客户有流失风险：90 天无活动记录');
		expect(alertInEnglish(alert!)).toEqual({
			rule: 'no activity for 90 days',
			message: '1 active customer at risk: no activity for 90 days',
		});
	});

	test('every Chinese KPI label fits the width the English labels take (two cells a character)', () => {
		const widest = Math.max(...kpiIds.map((id) => displayWidth(kpiCatalog[id].label)));
		setLanguage('zh-CN');
		for (const id of kpiIds) expect(displayWidth(kpiCatalog[id].label), id).toBeLessThanOrEqual(widest);
		expect(displayWidth(kpiCatalog.revenue_won.label)).toBe(8);
	});
});
