import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {generateDemoDataset} from '../../source/commands/demo-data.js';
import {runReport} from '../../source/commands/report.js';
import {demoOptions, demoSettings, seedDataFile} from '../../source/commands/seed.js';
import {type Dataset, storedEntities} from '../../source/domain/dataset.js';
import {customersSharingAnEmail} from '../../source/domain/duplicates.js';
import {settingsSchema} from '../../source/domain/settings.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import {parseDataset} from '../../source/store/dataset-codec.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
import {displayWidth, fitCell} from '../../source/ui/layout/cell-text.js';
import {tempFolder} from '../support/temp-folder.js';

afterEach(() => setLanguage('en'));

const now = new Date('2026-11-01T00:00:00Z');
const english = generateDemoDataset(demoOptions({now}));
const chinese = generateDemoDataset(demoOptions({now, language: 'zh-CN'}));

/** Chinese, or the Japanese and Korean customers the English demo has too. */
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** Two English words side by side: words the Chinese demo should not have left. */
const englishWords = /[A-Za-z]{3,}[ ,:;.][ ]?[A-Za-z]{2,}/;

/** A record without its words: what must be the same in both languages. */
const figures = (dataset: Dataset) => ({
	customers: dataset.customers.map((c) => [c.id, c.status, c.segment, c.createdAt, c.churnedAt, c.tags, c.campaignId]),
	opportunities: dataset.opportunities.map((d) => [
		d.id,
		d.customerId,
		d.stage,
		d.amount,
		d.currency,
		d.probability,
		d.createdAt,
		d.closedAt,
		d.expectedCloseAt,
		d.version,
		d.lostReason === '',
	]),
	tickets: dataset.tickets.map((t) => [t.id, t.priority, t.status, t.type, t.dueAt, t.resolvedAt, t.comments.length]),
	feedback: dataset.feedback.map((f) => [f.id, f.rating, f.nps, f.ticketId, f.comment === '']),
	campaigns: dataset.campaigns.map((c) => [c.id, c.channel, c.status, c.budget, c.cost, c.currency, c.startAt]),
	orders: dataset.orders.map((o) => [o.id, o.number, o.status, o.amount, o.currency, o.lines.length]),
	activities: dataset.activities.map((a) => [a.id, a.kind, a.at, a.customerId]),
	surveys: dataset.surveys.map((s) => [s.id, s.createdAt, s.comment === '']),
	changes: dataset.changes.map((c) => [c.id, c.at, c.action, c.entity, c.recordId]),
});

describe('the Chinese demo (crm seed --lang zh-CN)', () => {
	test('has as many records of every kind as the English one, the same ids, dates, stages and amounts', () => {
		for (const entity of storedEntities) expect(chinese[entity].length, entity).toBe(english[entity].length);
		expect(figures(chinese)).toEqual(figures(english));
	});

	test('passes the store validation, and is deterministic', () => {
		expect(() => parseDataset('demo.json', JSON.stringify(chinese))).not.toThrow();
		expect(JSON.stringify(generateDemoDataset(demoOptions({now, language: 'zh-CN'})))).toBe(JSON.stringify(chinese));
	});

	test('names its customers 姓+名 and its companies by city, trade name, trade and 有限公司', () => {
		for (const customer of chinese.customers) expect(customer.name, customer.name).toMatch(cjk);
		const names = chinese.customers.map((c) => c.name);
		expect(names.filter((name) => /^\p{Script=Han}{3,4}$/u.test(name)).length).toBeGreaterThan(200);
		const companies = chinese.customers.map((c) => c.company).filter((company) => company !== '');
		for (const company of companies) expect(company, company).toMatch(cjk);
		expect(companies.filter((company) => company.endsWith('有限公司')).length).toBeGreaterThan(150);
		for (const city of ['上海', '北京', '深圳', '杭州', '成都'])
			expect(
				companies.some((company) => company.startsWith(city)),
				city,
			).toBe(true);
		expect(companies.some((company) => company.includes('科技有限公司'))).toBe(true);
		expect(companies.some((company) => company.includes('贸易有限公司'))).toBe(true);
	});

	test('leaves no English sentence in the words a person reads', () => {
		const words = [
			...chinese.customers.flatMap((c) => [c.name, c.company, c.owner, c.notes]),
			...chinese.opportunities.flatMap((d) => [d.title, d.product, d.owner, d.lostReason, d.wonReason ?? '']),
			...chinese.tickets.flatMap((t) => [t.subject, t.description, t.owner, ...t.comments.map((c) => c.body)]),
			...chinese.feedback.map((f) => f.comment),
			...chinese.campaigns.flatMap((c) => [c.name, c.owner, c.notes]),
			...chinese.orders.flatMap((o) => [o.owner, ...o.lines.map((line) => line.product)]),
			...chinese.activities.flatMap((a) => [a.text, a.operator]),
			...chinese.surveys.flatMap((s) => [s.operator, s.comment]),
			...chinese.changes.map((c) => c.operator),
		];
		expect(words.filter((text) => englishWords.test(text))).toEqual([]);
		expect(chinese.opportunities.filter((d) => d.stage === 'lost').map((d) => d.lostReason)).toContain('竞争对手');
		expect(chinese.campaigns.map((c) => c.name)).toContain('2024年11月微信广告');
	});

	test('keeps emails apart as the English demo does: the same share of customers share one', () => {
		expect(customersSharingAnEmail(chinese.customers)).toBe(customersSharingAnEmail(english.customers));
		expect(new Set(chinese.customers.map((c) => c.email)).size).toBe(
			new Set(english.customers.map((c) => c.email)).size,
		);
		// In pinyin, the surname first, as the CJK customers' emails (wang.wei@…).
		const pinyin = chinese.customers.filter((c) => /^[a-z]+\.[a-z]+\d*@[a-z]+\.example$/.test(c.email));
		expect(pinyin.length).toBeGreaterThan(200);
		expect(pinyin.some((c) => c.name.startsWith('王') && c.email.startsWith('wang.'))).toBe(true);
	});

	test('its settings speak Chinese and still load', () => {
		const settings = settingsSchema.parse(demoSettings('2025-11-01', 'zh-CN'));
		expect(settings.language).toBe('zh-CN');
		expect(settings.lostReasons).toEqual([
			'价格',
			'竞争对手',
			'迟迟未决策',
			'时机不对',
			'功能缺失',
			'预算削减',
			'其他',
		]);
		expect(settings.products.map((product) => product.name)).toContain('核心平台（国内版）');
		expect(settingsSchema.parse(demoSettings('2025-11-01')).language).toBeUndefined();
	});

	test('a Chinese company fits its column by display width (two cells a character)', () => {
		const company = chinese.customers.find((c) => c.company.endsWith('有限公司'))!.company;
		expect(displayWidth(company)).toBe(2 * [...company].length);
		expect(displayWidth(fitCell(company, 11))).toBe(11);
	});
});

describe('crm seed in Chinese', () => {
	let englishFile: string;
	let chineseFile: string;
	let said: string;
	const reportNow = new Date('2026-12-02T00:00:00Z');

	beforeAll(async () => {
		englishFile = join(tempFolder('seed-en'), 'demo.json');
		chineseFile = join(tempFolder('seed-zh'), 'demo.json');
		await seedDataFile(englishFile, {now: reportNow});
		setLanguage('zh-CN');
		said = await seedDataFile(chineseFile, {now: reportNow, language: 'zh-CN'});
		setLanguage('en');
	});

	test('says what it wrote in Chinese and writes Chinese settings', () => {
		expect(said).toMatch(/^已向 .*demo\.json 写入 300 个客户、900 个商机、600 个工单、500 条反馈、/);
		expect(said).toContain('CNY和EUR');
		expect(JSON.parse(readFileSync(settingsPathFor(chineseFile), 'utf8')).language).toBe('zh-CN');
	});

	test('every KPI of the report has the English demo’s figure', async () => {
		const kpis = async (file: string) =>
			Object.fromEntries(
				Object.entries(
					JSON.parse(await runReport(file, {period: '2026-11', format: 'json', now: reportNow.getTime()}))
						.kpis as Record<string, {actual: unknown}>,
				).map(([id, kpi]) => [id, kpi.actual]),
			);
		const figuresInEnglish = await kpis(englishFile);
		expect(Object.keys(figuresInEnglish).length).toBeGreaterThan(30);
		expect(await kpis(chineseFile)).toEqual(figuresInEnglish);
	});
});
