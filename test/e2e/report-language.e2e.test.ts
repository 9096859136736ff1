import {execFileSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {cliPath} from '../support/tmux.js';

let directory: string;
let file: string;

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'crm-report-language-'));
	file = join(directory, 'crm.json');
	execFileSync(process.execPath, [cliPath, 'seed', '--data', file], {encoding: 'utf8'});
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

/** `crm report` as cron runs it: only the locale's variables set, no `--lang`, no CRM_LANG. */
const report = (locale: Record<string, string>, ...args: string[]): string =>
	execFileSync(process.execPath, [cliPath, 'report', '--data', file, '--period', '2026-10', ...args], {
		encoding: 'utf8',
		env: {PATH: process.env.PATH ?? '', HOME: directory, TZ: 'UTC', ...locale},
	});

/**
 * Every figure of a text, in order of size: the same figures in both languages, whatever their words'
 * order, and however a period is written (`2026-03` or `2026年3月`: 3 either way).
 */
const figures = (text: string): string[] =>
	(text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z|`[^`]*`/g, '').match(/\d[\d,]*(\.\d+)?%?/g) ?? [])
		.map((figure) => figure.replace(/,$/, '').replace(/^0+(?=\d)/, ''))
		.sort();

test('LANG=zh_CN.UTF-8 prints the Chinese report, LANG=C the English one, with the same figures', () => {
	const chinese = report({LANG: 'zh_CN.UTF-8'});
	const english = report({LANG: 'C'});
	for (const words of ['功能性评估', '性能评估', '效果评估', '实际值', '目标值', '差异', '2026年10月'])
		expect(chinese).toContain(words);
	expect(english).toContain('# CRM evaluation — 2026-10');
	expect(english).not.toMatch(/功能性评估|实际值/);
	expect(figures(chinese)).toEqual(figures(english));
	// LC_ALL over LANG, as POSIX reads them; CRM_LANG over both.
	expect(report({LC_ALL: 'C', LANG: 'zh_CN.UTF-8'})).toContain('# CRM evaluation');
	expect(report({CRM_LANG: 'zh-CN', LANG: 'C'})).toContain('功能性评估');
});

test('the JSON report is the same in both languages: English ids, nothing that depends on the locale', () => {
	const chinese = JSON.parse(report({LANG: 'zh_CN.UTF-8'}, '--format', 'json')) as Record<string, unknown>;
	const english = JSON.parse(report({LANG: 'C'}, '--format', 'json')) as Record<string, unknown>;
	delete chinese.generatedAt;
	delete english.generatedAt;
	expect(chinese).toEqual(english);
});
