import stringWidth from 'string-width';
import {afterEach, describe, expect, test} from 'vitest';
import {readAmount} from '../../source/domain/amount-input.js';
import {auditProblems} from '../../source/domain/audit-verify.js';
import {costMessageWidth, readCostLine} from '../../source/domain/cost-line-input.js';
import {customerSchema} from '../../source/domain/customer.js';
import {entitySingular} from '../../source/domain/dataset.js';
import {parseDateInput, parseDay} from '../../source/domain/date-input.js';
import {describePlan} from '../../source/domain/import/describe-import.js';
import type {ImportPlan} from '../../source/domain/import/import-plan.js';
import {issueInWords, type SchemaIssue} from '../../source/domain/issue-words.js';
import {opportunitySchema} from '../../source/domain/opportunity.js';
import {targetOutOfRange} from '../../source/domain/target-ranges.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import type {Language} from '../../source/i18n/language.js';
import {fixedNow} from '../support/fixtures.js';

afterEach(() => setLanguage('en'));

const customer = {
	id: 'cus_8f3k2p9x',
	externalId: null,
	createdAt: '2026-03-01T09:30:00Z',
	updatedAt: '2026-03-01T09:30:00Z',
	version: 1,
	name: 'Ana',
	status: 'active',
};

/** The first message a schema gives for `record`, in words an operator reads. */
const refusal = (schema: typeof customerSchema | typeof opportunitySchema, record: object): string => {
	const result = schema.safeParse(record);
	if (result.success) throw new Error('the record was taken');
	const issue = result.error.issues[0]!;
	return `${issue.path.join('.')} ${issueInWords(issue as SchemaIssue, record)}`;
};

const failed = (reading: {ok: boolean; message?: string}): string => (reading.ok ? '' : reading.message!);

/** What each message reads in a language: the schema's and the rules', a date's and an amount's. */
const messages = (language: Language): Record<string, string> => {
	setLanguage(language);
	return {
		churned: refusal(customerSchema, {...customer, status: 'churned'}),
		email: refusal(customerSchema, {...customer, email: 'ana@'}),
		status: refusal(customerSchema, {...customer, status: 'gone'}),
		wonDeal: refusal(opportunitySchema, {
			...customer,
			id: 'opp_8f3k2p9x',
			title: 'Licences',
			stage: 'won',
			amount: 10,
			probability: 1,
		}),
		library: refusal(customerSchema, {...customer, name: 12}),
		date: failed(parseDateInput('2026-02-30', fixedNow)),
		time: failed(parseDateInput('2026-03-01 25:00', fixedNow)),
		day: failed(parseDay('2026-3-1')),
		amount: failed(readAmount('12abc')),
		tooPrecise: failed(readAmount('99999999999999999999999')),
		target: targetOutOfRange('avg_rating', 7) ?? '',
	};
};

describe('the records’ words in Simplified Chinese', () => {
	test.each([
		['churned', 'churnedAt 已流失的客户必须填写'],
		['email', 'email 必须是电子邮件地址，如 ana@example.com'],
		['status', 'status 必须是以下之一：lead, active, churned'],
		['wonDeal', 'closedAt 阶段为 won 的商机必须填写'],
		// zod's own message (in Chinese under zh-CN) is put in our words, as in English.
		['library', 'name 必须是文本，而不是 12'],
		['date', '2026-02-30 不是有效日期：2026 年 2 月只有 28 天'],
		['time', '25:00 不是一天中的时间（00:00 到 23:59）'],
		['day', '必须是日期，如 2026-03-01'],
		['amount', '不是数字'],
		['tooPrecise', '位数超过可保存的精度（会变成 1e+23）；最多写 15 位有效数字'],
		['target', '必须在 1 到 5 之间（评分为 1 到 5）'],
	])('%s: %s', (name, chinese) => {
		expect(messages('zh-CN')[name]).toBe(chinese);
	});

	test('switching back to English gives today’s words', () => {
		messages('zh-CN');
		expect(messages('en')).toEqual({
			churned: 'churnedAt must be set for a churned customer',
			email: 'email must be an email address like ana@example.com',
			status: 'status must be one of lead, active, churned',
			wonDeal: 'closedAt must be set for a won deal',
			library: 'name must be text, not 12',
			date: '2026-02-30 is not a real date: February 2026 has 28 days',
			time: '25:00 is not a time of day (00:00 to 23:59)',
			day: 'must be a day like 2026-03-01',
			amount: 'is not a number',
			tooPrecise:
				'has more digits than a stored number keeps (it would become 1e+23); write at most 15 significant digits',
			target: 'must be from 1 to 5 (ratings are 1 to 5)',
		});
	});

	test('a schema made before the language was chosen speaks the language in force when it refuses', () => {
		setLanguage('zh-CN');
		expect(customerSchema.safeParse({...customer, name: ''}).error?.issues[0]?.message).toBe('不能为空');
		setLanguage('en');
		expect(customerSchema.safeParse({...customer, name: ''}).error?.issues[0]?.message).toBe('must not be empty');
	});

	test('the entities are named in the language in force', () => {
		setLanguage('zh-CN');
		expect([entitySingular.customers, entitySingular.opportunities, entitySingular.surveys]).toEqual([
			'客户',
			'商机',
			'问卷答复',
		]);
		setLanguage('en');
		expect(entitySingular.surveys).toBe('survey response');
	});

	test('an audit problem is a sentence in Chinese', () => {
		setLanguage('zh-CN');
		expect(auditProblems({chainBreak: null, problems: ['审计头中没有记录的状态。'], count: 3})).toEqual([
			'审计链断开：审计头中没有记录的状态。',
		]);
	});
});

describe('Chinese is wider: a cost line’s refusal still fits the form’s column', () => {
	test.each([
		['2026-03-01 hosting 300', 'implementation'],
		['2026-03.. software 45000', 'operation'],
		['2026-03-01 gadgets 300', 'implementation'],
		['2026-02-30 software 300', 'implementation'],
		['2026-03-01 software', 'implementation'],
	] as const)('%s (%s)', (text, kind) => {
		setLanguage('zh-CN');
		const chinese = readCostLine(text, kind);
		expect(chinese.ok).toBe(false);
		const message = chinese.ok ? '' : chinese.message;
		// Two cells for each Chinese character: the wording chosen is measured in cells, not characters.
		expect(stringWidth(message)).toBeLessThanOrEqual(costMessageWidth);
		expect(message).toMatch(/[\u4e00-\u9fff]/);
	});

	test('the longest Chinese wording is passed over for a shorter one when it is too wide', () => {
		setLanguage('zh-CN');
		const reading = readCostLine('2026-03-01 hosting 300', 'implementation');
		expect(reading.ok ? '' : reading.message).toBe('“hosting”按月计：请输入 2026-03.. hosting 300 …');
		// Typed for `crm settings cost add`, where no column limits it, the whole sentence is said.
		const command = readCostLine('2026-03-01 hosting 300', 'implementation', undefined, 'command');
		expect(command.ok ? '' : command.message).toBe(
			'“hosting”是运营（每月）成本：请输入 2026-03.. hosting 300 …，并加上 --monthly',
		);
	});
});

describe('an import’s summary in Chinese', () => {
	const plan: ImportPlan = {
		mutations: [],
		summaries: [{entity: 'opportunities', created: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0, warnings: 2}],
		rejects: [],
		warnings: [
			{line: 2, entity: 'opportunities', message: '没有 name 为“X”的客户：导入时不关联客户'},
			{line: 3, entity: 'opportunities', message: '没有 name 为“Y”的客户：导入时不关联客户'},
		],
		outcomes: [],
	};

	test('counts warnings of one kind together, with the values they differ in', () => {
		setLanguage('zh-CN');
		expect(describePlan(plan, true, null)).toBe(
			[
				'商机：新建 0，更新 0，未变 0，拒绝 0，跳过 0，警告 2 条',
				'试运行：未写入任何内容（将做 0 处修改）。',
				'警告：',
				'  2 × 商机：没有 name 为“X”、“Y”的客户：导入时不关联客户（第 2、3 行）',
				'',
			].join('\n'),
		);
	});
});
