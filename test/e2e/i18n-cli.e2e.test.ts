import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {cliPath} from '../support/tmux.js';

/**
 * Issue 19: every command speaks the language chosen — `--lang` (before or after the command), then
 * `CRM_LANG`, then the data's settings, then the locale — its --help and usage errors included.
 */
let directory: string;
let data: string;

type Outcome = {code: number; out: string; err: string};

/** The environment of a run: no language of the machine's running the tests, only the one given. */
const run = async (args: string[], env: Record<string, string> = {}): Promise<Outcome> => {
	const base: NodeJS.ProcessEnv = {...process.env, CRM_DATA: ''};
	for (const name of ['CRM_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) delete base[name];
	try {
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [cliPath, ...args], {
			env: {...base, ...env},
		});
		return {code: 0, out: stdout, err: stderr};
	} catch (error) {
		const failure = error as {code: number; stdout: string; stderr: string};
		return {code: failure.code, out: failure.stdout, err: failure.stderr};
	}
};

const chinese = {LANG: 'zh_CN.UTF-8'};

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'crm-i18n-cli-'));
	data = join(directory, 'crm.json');
	const seeded = await run(['seed', '--data', data, '--customers', '5', '--opportunities', '5', '--months', '2']);
	expect(seeded.code).toBe(0);
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

describe('--help', () => {
	test("a command's help in Chinese under a Chinese locale: its words and commander's", async () => {
		const {code, out} = await run(['import', '--help'], chinese);
		expect(code).toBe(0);
		expect(out).toMatch(/^用法： crm import \[options\] <entity> <file>/);
		expect(out).toContain('导入 CSV 导出文件');
		expect(out).toContain('参数：');
		expect(out).toContain('选项：');
		expect(out).toContain('显示本帮助');
		expect(out).not.toMatch(/Usage:|Options:|Arguments:|display help/);
	});

	test("seed's options and defaults in Chinese", async () => {
		const {out} = await run(['seed', '--help'], chinese);
		expect(out).toContain('客户数量（默认值：300）');
	});

	test('the program lists its commands and the exit codes in Chinese; LANG=C in English', async () => {
		expect((await run(['--help'], chinese)).out).toMatch(/命令：[\s\S]*退出码：0 完成/);
		const english = await run(['--help'], {LANG: 'C'});
		expect(english.out).toMatch(/^Usage: crm \[options\] \[command\]/);
		expect(english.out).toContain('Exit codes: 0 done');
	});
});

describe('the language of a command', () => {
	const money = (outcome: Outcome) => outcome.out.split('\n')[0];
	const english = 'Base currency: USD';
	const zh = '本位币：USD';

	test('the locale: Chinese under zh_CN, English under C, LC_ALL before LANG', async () => {
		expect(money(await run(['settings', '--data', data], chinese))).toBe(zh);
		expect(money(await run(['settings', '--data', data], {LANG: 'C'}))).toBe(english);
		expect(money(await run(['settings', '--data', data], {LC_ALL: 'en_US.UTF-8', ...chinese}))).toBe(english);
	});

	test('--lang before or after the command, over CRM_LANG and the locale', async () => {
		expect(money(await run(['--lang', 'zh-CN', 'settings', '--data', data], {LANG: 'C'}))).toBe(zh);
		expect(money(await run(['settings', 'show', '--data', data, '--lang', 'zh-CN'], {LANG: 'C'}))).toBe(zh);
		expect(money(await run(['settings', '--data', data, '--lang', 'en'], {CRM_LANG: 'zh-CN', ...chinese}))).toBe(
			english,
		);
	});

	test("the data's settings over the locale, CRM_LANG over the settings", async () => {
		const settingsFile = join(directory, 'crm.config.json');
		const settings = JSON.parse(await readFile(settingsFile, 'utf8'));
		await writeFile(settingsFile, JSON.stringify({...settings, language: 'zh-CN'}));
		try {
			expect(money(await run(['settings', '--data', data], {LANG: 'C'}))).toBe(zh);
			expect(money(await run(['settings', '--data', data], {CRM_LANG: 'en', LANG: 'C'}))).toBe(english);
		} finally {
			await writeFile(settingsFile, JSON.stringify(settings));
		}
	});
});

describe('usage errors in Chinese', () => {
	test('a value an option does not take: exit 2, in words', async () => {
		const {code, err} = await run(['seed', '--data', data, '--customers', 'x'], chinese);
		expect(code).toBe(2);
		expect(err).toBe('错误：选项 --customers <n> 的取值“x”无效。应为 0 或更大的整数。\n（crm --help 列出所有选项）\n');
	});

	test('an unknown option, with the one meant', async () => {
		const {code, err} = await run(['report', '--formt', 'md'], chinese);
		expect(code).toBe(2);
		expect(err).toContain('错误：未知选项 --formt\n（你是否想输入 --format？）');
	});

	test('a refusal of crm settings, and --lang refused in English when it names no language', async () => {
		const refused = await run(['settings', 'rate', 'EUR', 'abc', '--data', data], chinese);
		expect(refused.code).toBe(2);
		expect(refused.err).toContain('crm：EUR 的汇率：“abc”不是像 1.08 这样的数字');
		const unknown = await run(['report', '--lang', 'fr'], {LANG: 'C'});
		expect(unknown.code).toBe(2);
		expect(unknown.err).toContain('fr is not a language of crm: en or zh-CN.');
	});
});
