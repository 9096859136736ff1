import {readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import stringWidth from 'string-width';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runAccess} from '../../source/commands/access.js';
import {runAuditVerify} from '../../source/commands/audit.js';
import {runDoctor} from '../../source/commands/doctor.js';
import {refusal} from '../../source/domain/access.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import {parseDataset} from '../../source/store/dataset-codec.js';
import {saveFailure} from '../../source/store/save-failure.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

/** The store's words in Simplified Chinese (issue 19): errors, crm doctor, crm audit verify and crm access. */
let directory: string;
let file: string;

beforeEach(() => {
	directory = tempFolder('i18n-store');
	file = join(directory, 'crm.json');
});
afterEach(async () => {
	setLanguage('en');
	await rm(directory, {recursive: true, force: true});
});

const messageOf = (text: string): string => {
	try {
		parseDataset('crm.json', text);
	} catch (error) {
		return (error as Error).message;
	}
	return 'loaded';
};

const ada = customer({id: 'cus_abcd1234', name: 'Ada'});
const withCustomer = (record: Record<string, unknown>): string =>
	JSON.stringify({schemaVersion: 2, customers: [record], opportunities: [], tickets: [], feedback: [], changes: []});

describe('data-file errors in Chinese', () => {
	test('a JSON syntax error names the file, the line and the column', () => {
		setLanguage('zh-CN');
		expect(messageOf('{\n  "schemaVersion": 3,\n  "customers": [}\n}')).toBe(
			'无法打开数据文件 crm.json：不是有效的 JSON，位于第 3 行第 17 列：此处应为值。文件未作任何改动。`crm doctor` 会列出其中的所有问题；`crm doctor --restore` 可恢复备份；也可以用 --data 指向另一个文件来启动。',
		);
	});

	test('a record with a missing field names the record and the field; English is as it was', () => {
		const {name: _, ...nameless} = ada;
		const text = withCustomer(nameless);
		expect(messageOf(text)).toContain(
			'Cannot open the data file crm.json: customer cus_abcd1234 (number 1 in customers), field "name" is missing',
		);
		setLanguage('zh-CN');
		expect(messageOf(text)).toContain(
			'无法打开数据文件 crm.json：客户 cus_abcd1234（customers 中第 1 条），字段 "name" 缺失',
		);
	});

	test('zod’s own words inside ours are in the language in force too', () => {
		const text = withCustomer({...ada, status: 'gone'});
		setLanguage('zh-CN');
		const message = messageOf(text);
		expect(message).toMatch(/^无法打开数据文件 crm\.json：客户 cus_abcd1234（customers 中第 1 条），字段 "status" /);
		// No English of zod's left in the sentence.
		expect(message).not.toMatch(/Invalid|expected|found/);
	});

	test('a file from a newer crm-console, and a full disk', () => {
		setLanguage('zh-CN');
		expect(messageOf(JSON.stringify({schemaVersion: 99}))).toBe(
			'无法打开数据文件 crm.json：其 schemaVersion 为 99，由更新版本的 crm-console 写入；当前版本最多只能读取 3。文件未作任何改动。请升级 crm-console 后再打开。',
		);
		const full = saveFailure('crm.json', Object.assign(new Error('no space'), {code: 'ENOSPC'})) as Error;
		expect(full.message).toBe(
			'未保存：crm.json 所在的磁盘已满（ENOSPC）。文件保持原样，你输入的内容也已保留：请释放一些空间或修正权限，然后重新保存。',
		);
	});

	test('a refusal by role, with its reason', () => {
		setLanguage('zh-CN');
		expect(refusal('bo', 'viewer', 'update', 'customers')).toBe('bo（viewer）无权修改客户。');
		expect(refusal('bo', 'sales', 'update', 'surveys')).toBe('bo（sales）无权修改问卷答复：答复就是当时的回答。');
	});
});

describe('crm doctor, crm audit verify and crm access in Chinese', () => {
	const seeded = async () => {
		await CrmStore.create(file, datasetOf({}));
		const store = await CrmStore.open(file);
		for (const name of ['Ada', '王芳'])
			await store.apply([{kind: 'create', entity: 'customers', values: {name, status: 'lead'}}], 'ana');
		await store.close();
	};

	test('the doctor’s lines: marks and areas in Chinese, summaries aligned by display width', async () => {
		await seeded();
		setLanguage('zh-CN');
		const {text, healthy} = await runDoctor(file);
		expect(healthy).toBe(true);
		const lines = text.trimEnd().split('\n');
		expect(lines[0]).toBe(`crm doctor：${file}`);
		expect(lines).toContain(
			'  正常  记录      2 个客户，0 个商机，0 个工单，0 条反馈，0 个营销活动，0 个订单，0 条活动记录，0 份问卷答复，0 个受众成员：全部有效',
		);
		expect(lines.at(-1)).toBe('一切正常：文件可以加载，所有检查均已通过。');
		// Every area's summary starts in the same column (a Chinese character is two cells wide).
		const starts = lines.slice(1, -1).map((line) => stringWidth(/^ {2}\S+ {2}\S+ +/.exec(line)?.[0] ?? ''));
		expect(starts.length).toBeGreaterThan(5);
		expect(new Set(starts)).toEqual(new Set([2 + 4 + 2 + stringWidth('日志文件') + 2]));
	});

	test('the audit chain intact, in Chinese; what is stored stays English', async () => {
		await seeded();
		setLanguage('zh-CN');
		const {text, intact} = await runAuditVerify(file);
		expect(intact).toBe(true);
		expect(text).toContain(
			`审计链完好：${file} 中有 2 条记录项，每一条都校验之前的所有条目，且每条记录都与日志最后一条所记录的状态一致。`,
		);
		expect(text).toMatch(/\n头部：2:[0-9a-f]{64}\n/);
		// A change made while Chinese is spoken is logged as it always was.
		const store = await CrmStore.open(file);
		await store.updateSettings({kind: 'role', operator: 'ana', role: 'admin'}, 'ana');
		await store.close();
		const raw = JSON.parse(await readFile(file, 'utf8')) as {changes: Array<{label: string}>};
		expect(raw.changes.at(-1)!.label).toBe('roles');
		expect(raw.changes.map((entry) => entry.label)).not.toContainEqual(
			expect.stringMatching(/[\u4e00-\u9fff]{2}(?<!王芳)/),
		);
	});

	test('crm access lists the roles in Chinese, the names padded by display width', async () => {
		await seeded();
		await writeFile(join(directory, 'crm.config.json'), '{}\n');
		setLanguage('zh-CN');
		expect(await runAccess(file, {action: 'set', operator: 'ana', role: 'admin', as: 'ana'})).toContain(
			'ana 现在是 admin（由 ana 更改）。',
		);
		const set = await runAccess(file, {action: 'set', operator: '王芳', role: 'sales', as: 'ana'});
		expect(set).toContain('王芳 现在是 sales（由 ana 更改）。\n操作员：\n');
		const rows = set.split('\n').filter((line) => /^ {2}(ana|王芳|其他所有人) /.test(line));
		expect(rows).toHaveLength(3);
		// The role stands in the same column whatever the width of the name.
		expect(new Set(rows.map((line) => stringWidth(line.replace(/\S+$/, ''))))).toEqual(new Set([23]));
		expect(set).toContain('  viewer   可查看全部，不能更改任何内容（与所有人一样，可以填写可用性问卷）');
	});
});
