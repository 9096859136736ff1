import {join} from 'node:path';
import {Command} from 'commander';
import stringWidth from 'string-width';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {typedLanguage} from '../../source/cli/command-language.js';
import {commanderErrorInWords, helpInWords} from '../../source/cli/help-words.js';
import {progressText} from '../../source/commands/import/progress-line.js';
import {runSettings, SettingsRefusedError} from '../../source/commands/settings.js';
import {cellsOf, padCells} from '../../source/commands/settings-costs.js';
import {settingsSchema} from '../../source/domain/settings.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

afterEach(() => setLanguage('en'));

describe('--lang, read before commander parses', () => {
	test.each([
		[['report'], undefined],
		[['--lang', 'zh-CN', 'report'], 'zh-CN'],
		[['report', '--lang', 'zh'], 'zh'],
		[['report', '--lang=en'], 'en'],
		[['--lang', 'en', 'report', '--lang', 'zh-CN'], 'zh-CN'],
		// After `--` it is an operand, not an option.
		[['import', '--', '--lang', 'zh-CN'], undefined],
	])('%j → %j', (words, language) => {
		expect(typedLanguage(['node', 'crm', ...words])).toBe(language);
	});
});

describe("commander's error lines", () => {
	const lines = [
		"error: unknown option '--formt'\n(Did you mean --format?)\n",
		"error: unknown command 'reprt'\n(Did you mean one of report, reset?)\n",
		"error: missing required argument 'entity'\n",
		"error: option '--data <path>' argument missing\n",
		"error: option '--customers <n>' argument 'x' is invalid. expected a whole number of 0 or more.\n",
		"error: command-argument value 'x' is invalid for argument 'n'. no.\n",
		"error: too many arguments for 'keys'. Expected 0 arguments but got 2.\n",
		'error: too many arguments. Expected 1 argument but got 3.\n',
		'something commander may say one day\n',
	];

	test.each(lines)('in English, %j is as commander wrote it', (line) => {
		expect(commanderErrorInWords(line)).toBe(line);
	});

	test('in Chinese, each in words, its suggestion too', () => {
		setLanguage('zh-CN');
		expect(lines.map(commanderErrorInWords)).toEqual([
			'错误：未知选项 --formt\n（你是否想输入 --format？）\n',
			'错误：未知命令 reprt\n（你是否想输入以下之一：report, reset？）\n',
			'错误：缺少必需的参数 entity\n',
			'错误：选项 --data <path> 缺少取值\n',
			'错误：选项 --customers <n> 的取值“x”无效。expected a whole number of 0 or more.\n',
			'错误：参数 n 的取值“x”无效。no.\n',
			'错误：keys 的参数过多。应为 0 个参数，实际为 2 个。\n',
			'错误：参数过多。应为 1 个参数，实际为 3 个。\n',
			'something commander may say one day\n',
		]);
	});
});

describe('help in Chinese', () => {
	const program = () => {
		const root = helpInWords(new Command()).name('crm').exitOverride();
		root
			.command('seed')
			.description('写入演示数据集')
			.argument('[name]', '名称', 'demo')
			.option('--customers <n>', '客户数量，一个很长很长很长很长很长很长很长很长很长很长很长很长很长的说明', '300');
		return root;
	};

	test("commander's own words, and a long description wrapped within 80 cells, no line starting with a closing mark", () => {
		setLanguage('zh-CN');
		const seed = program().commands[0]!;
		const help = seed.helpInformation();
		expect(help).toContain('用法：');
		expect(help).toContain('参数：');
		expect(help).toContain('选项：');
		expect(help).toContain('（默认值："demo"）');
		expect(help).toContain('显示本帮助');
		for (const line of help.split('\n')) {
			expect(stringWidth(line)).toBeLessThanOrEqual(80);
			expect(line.trimStart()).not.toMatch(/^[，。、；：）]/);
		}
	});

	test('in English, as commander writes it', () => {
		const help = program().commands[0]!.helpInformation();
		expect(help).toContain('Usage: crm seed [options] [name]');
		expect(help).toContain('Arguments:');
		expect(help).toContain('(default: "demo")');
		expect(help).toContain('show this help');
	});
});

describe('crm settings in Chinese', () => {
	let file: string;
	beforeEach(async () => {
		file = join(tempFolder('settings-zh'), 'crm.json');
		await CrmStore.create(file, datasetOf({customers: [customer({name: 'Acme'})]}));
	});

	test('a product with a Chinese name: its prices stay in one column (two cells a character)', async () => {
		setLanguage('zh-CN');
		await runSettings(file, {action: 'product-add', name: '企业版年费', price: '12000', currency: 'CNY'}, 'ada');
		const said = await runSettings(file, {action: 'product-add', name: 'Basic', price: '300', currency: 'USD'}, 'ada');
		expect(said).toContain('已添加“Basic”，单价 300.00 USD。（由 ada 更改）');
		expect(said).toContain('本位币：USD');
		const rows = said.split('\n').filter((line) => line.endsWith(' CNY') || line.endsWith(' USD'));
		expect(rows).toHaveLength(2);
		expect(new Set(rows.map((row) => stringWidth(row)))).toEqual(new Set([stringWidth(rows[0]!)]));
	});

	test('a refusal in Chinese', async () => {
		setLanguage('zh-CN');
		await expect(runSettings(file, {action: 'rate', currency: 'EUR', rate: '0'}, 'ada')).rejects.toThrow(
			new SettingsRefusedError('EUR 的汇率：必须大于 0（实际为 0）。未做任何更改。'),
		);
	});

	test('cells: a Chinese character takes two, as string-width counts them', () => {
		for (const text of ['企业版', 'Basic', '450.00/月', '（默认值）', 'Ünïcödé'])
			expect(cellsOf(text)).toBe(stringWidth(text));
		expect(padCells('450.00/月', 12, 'start')).toBe('   450.00/月');
	});
});

test('the progress line of an import in Chinese', () => {
	setLanguage('zh-CN');
	expect(
		progressText('deals.csv', {
			phase: 'checking',
			entity: 'opportunities',
			target: 0,
			targets: 2,
			bytes: 1_048_576,
			totalBytes: 2_097_152,
			rows: 1200,
		}),
	).toBe(
		'正在检查 deals.csv 中的 opportunities（第 1 个，共 2 个）：50%（1.0 MB / 2.0 MB），1,200 行 — Ctrl+C 中止，不保存任何内容',
	);
	expect(progressText('deals.csv', {phase: 'saving', changes: 3})).toContain('正在把 3 项更改作为一次导入保存');
});

test("the settings file's own checks say what is wrong in the language in force", () => {
	setLanguage('zh-CN');
	const result = settingsSchema.safeParse({backups: -1});
	expect(result.success).toBe(false);
	expect(result.error?.issues[0]?.message).toBe('不能为负数');
	setLanguage('en');
	expect(settingsSchema.safeParse({backups: -1}).error?.issues[0]?.message).toBe('must not be negative');
});
