import {chmod, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {askNewPassphrase, DataKeyError, type KeyCache, keyForSealed} from '../../source/cli/data-key.js';
import {type PassphrasePrompt, PromptStopped} from '../../source/cli/passphrase-prompt.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import type {Language} from '../../source/i18n/language.js';
import {SealError} from '../../source/store/sealed/seal-error.js';
import {newHeader, type SealHeader} from '../../source/store/sealed/seal-format.js';
import {createKeyFile, type MasterKey} from '../../source/store/sealed/seal-keys.js';
import {newPassphraseKey} from '../../source/store/sealed/seal-passphrase.js';
import {tempFolder} from '../support/temp-folder.js';

/** How a command gets the key of a sealed file (issue 22): a key file, or a passphrase typed at a terminal. */
afterEach(() => setLanguage('en'));

const file = '/srv/crm/客户.json';
const passphrase = '正确的马 battery staple';

let folder: string;
let keyFile: string;
let otherKeyFile: string;
let looseKeyFile: string;
let fileKey: MasterKey;
let fileHeader: SealHeader;
let passphraseHeader: SealHeader;
let passphraseKeyId: string;

beforeAll(async () => {
	folder = tempFolder('data-key');
	keyFile = join(folder, 'crm.key');
	otherKeyFile = join(folder, 'other.key');
	looseKeyFile = join(folder, 'loose.key');
	fileKey = await createKeyFile(keyFile);
	await createKeyFile(otherKeyFile);
	await writeFile(looseKeyFile, `${Buffer.alloc(32, 7).toString('base64')}\n`);
	await chmod(looseKeyFile, 0o644);
	fileHeader = newHeader(fileKey, 1024).header;
	// The smallest cost crm takes: the tests derive many times.
	const {master} = await newPassphraseKey(passphrase, {N: 2 ** 14});
	passphraseHeader = newHeader(master, 1024).header;
	passphraseKeyId = master.id;
});

/** A prompt that answers from a list, and keeps what it was asked and told. */
const fakePrompt = (answers: (string | PromptStopped)[]) => {
	const heard: string[] = [];
	const prompt: PassphrasePrompt = {
		ask: async (question) => {
			heard.push(`? ${question}`);
			const next = answers.shift();
			if (next === undefined) throw new Error('the test gave no more answers');
			if (next instanceof PromptStopped) throw next;
			return next;
		},
		tell: (line) => void heard.push(`! ${line}`),
	};
	return {prompt, heard};
};

const outcome = async (promise: Promise<MasterKey>): Promise<MasterKey | Error> =>
	promise.then(
		(key) => key,
		(error: Error) => error,
	);

type Case = {
	name: string;
	header: () => SealHeader;
	keyFile?: () => string;
	env?: () => NodeJS.ProcessEnv;
	answers?: (string | PromptStopped)[];
	noPrompt?: true;
	/** The key id found, or the refusal's class and code. */
	expected: {id: () => string} | {error: typeof DataKeyError | typeof SealError; code: string; exitCode?: number};
	asked: number;
};

const fileKeyId = () => fileKey.id;

const cases: Case[] = [
	{
		name: 'a key file given by --key-file',
		header: () => fileHeader,
		keyFile: () => keyFile,
		expected: {id: fileKeyId},
		asked: 0,
	},
	{
		name: 'a key file given by CRM_KEY_FILE',
		header: () => fileHeader,
		env: () => ({CRM_KEY_FILE: keyFile}),
		expected: {id: fileKeyId},
		asked: 0,
	},
	{
		name: '--key-file over CRM_KEY_FILE',
		header: () => fileHeader,
		keyFile: () => keyFile,
		env: () => ({CRM_KEY_FILE: otherKeyFile}),
		expected: {id: fileKeyId},
		asked: 0,
	},
	{
		name: 'no key file given',
		header: () => fileHeader,
		expected: {error: DataKeyError, code: 'key_needed', exitCode: 2},
		asked: 0,
	},
	{
		name: 'an empty CRM_KEY_FILE is none',
		header: () => fileHeader,
		env: () => ({CRM_KEY_FILE: ''}),
		expected: {error: DataKeyError, code: 'key_needed', exitCode: 2},
		asked: 0,
	},
	{
		name: 'a key file of another key',
		header: () => fileHeader,
		keyFile: () => otherKeyFile,
		expected: {error: SealError, code: 'wrong_key', exitCode: 2},
		asked: 0,
	},
	{
		name: 'a loose key file: its own refusal passes through',
		header: () => fileHeader,
		keyFile: () => looseKeyFile,
		expected: {error: SealError, code: 'loose_key_file', exitCode: 2},
		asked: 0,
	},
	{
		name: 'a key file that is not there',
		header: () => fileHeader,
		env: () => ({CRM_KEY_FILE: join(folder, 'none.key')}),
		expected: {error: SealError, code: 'key_file_missing', exitCode: 2},
		asked: 0,
	},
	{
		name: 'the passphrase right the first time',
		header: () => passphraseHeader,
		answers: [passphrase],
		expected: {id: () => passphraseKeyId},
		asked: 1,
	},
	{
		name: 'a wrong passphrase, then the right one',
		header: () => passphraseHeader,
		answers: ['wrong', passphrase],
		expected: {id: () => passphraseKeyId},
		asked: 2,
	},
	{
		name: 'an empty answer counts as a try',
		header: () => passphraseHeader,
		answers: ['', passphrase],
		expected: {id: () => passphraseKeyId},
		asked: 2,
	},
	{
		name: 'three wrong passphrases',
		header: () => passphraseHeader,
		answers: ['one', 'two', '', passphrase],
		expected: {error: DataKeyError, code: 'wrong_passphrase', exitCode: 2},
		asked: 3,
	},
	{
		name: 'no terminal to type at (cron, a pipe)',
		header: () => passphraseHeader,
		noPrompt: true,
		expected: {error: DataKeyError, code: 'passphrase_needs_terminal', exitCode: 2},
		asked: 0,
	},
	{
		// A rotation from a key file to a passphrase (or back) meets both kinds: the passphrase is asked at a terminal.
		name: 'a key file given by --key-file, for a passphrase file, at a terminal',
		header: () => passphraseHeader,
		keyFile: () => keyFile,
		answers: [passphrase],
		expected: {id: () => passphraseKeyId},
		asked: 1,
	},
	{
		name: 'a key file given by --key-file, for a passphrase file, without a terminal',
		header: () => passphraseHeader,
		keyFile: () => keyFile,
		noPrompt: true,
		expected: {error: DataKeyError, code: 'key_file_for_passphrase', exitCode: 2},
		asked: 0,
	},
	{
		// CRM_KEY_FILE may be kept set for other data sets: the passphrase is asked for all the same.
		name: 'CRM_KEY_FILE set, for a passphrase file',
		header: () => passphraseHeader,
		env: () => ({CRM_KEY_FILE: keyFile}),
		answers: [passphrase],
		expected: {id: () => passphraseKeyId},
		asked: 1,
	},
	{
		name: 'Ctrl+C at the prompt',
		header: () => passphraseHeader,
		answers: ['wrong', new PromptStopped('interrupt', 130)],
		expected: {error: DataKeyError, code: 'passphrase_stopped', exitCode: 130},
		asked: 2,
	},
	{
		name: 'Ctrl+D at the prompt',
		header: () => passphraseHeader,
		answers: [new PromptStopped('end', 2)],
		expected: {error: DataKeyError, code: 'passphrase_not_typed', exitCode: 2},
		asked: 1,
	},
];

describe('the key of a sealed file', () => {
	test.each(cases)('$name', async (sample) => {
		const {prompt, heard} = fakePrompt([...(sample.answers ?? [])]);
		const found = await outcome(
			keyForSealed(
				file,
				sample.header(),
				{
					...(sample.keyFile ? {keyFile: sample.keyFile()} : {}),
					env: sample.env?.() ?? {},
					prompt: sample.noPrompt ? null : prompt,
				},
				new Map(),
			),
		);
		if ('id' in sample.expected) {
			expect(found).not.toBeInstanceOf(Error);
			expect((found as MasterKey).id).toBe(sample.expected.id());
		} else {
			expect(found).toBeInstanceOf(sample.expected.error);
			const error = found as DataKeyError | SealError;
			expect(error.code).toBe(sample.expected.code);
			expect(error.exitCode).toBe(sample.expected.exitCode);
			expect(error.message).not.toContain('\n');
			expect(error.message).not.toContain(passphrase);
		}
		expect(heard.filter((line) => line.startsWith('?'))).toHaveLength(sample.asked);
		for (const line of heard) expect(line).not.toContain(passphrase);
	});

	test('a wrong passphrase is told, with the tries left; the question names the file', async () => {
		const {prompt, heard} = fakePrompt(['wrong', 'worse', passphrase]);
		await keyForSealed(file, passphraseHeader, {env: {}, prompt}, new Map());
		expect(heard).toEqual([
			`? Passphrase for ${file}:`,
			`! That is not the passphrase of ${file} (key ${passphraseKeyId}): try again (2 tries left).`,
			`? Passphrase for ${file}:`,
			`! That is not the passphrase of ${file} (key ${passphraseKeyId}): try again (1 try left).`,
			`? Passphrase for ${file}:`,
		]);
	});

	test('a key found once is not asked again: the data file, then its settings and journal (even at once)', async () => {
		const cache: KeyCache = new Map();
		const {prompt, heard} = fakePrompt([passphrase]);
		const sources = {env: {}, prompt};
		const [data, settings] = await Promise.all([
			keyForSealed(file, passphraseHeader, sources, cache),
			keyForSealed(`${file}.settings`, passphraseHeader, sources, cache),
		]);
		const journal = await keyForSealed(`${file}.journal`, passphraseHeader, sources, cache);
		expect(heard).toEqual([`? Passphrase for ${file}:`]);
		expect([settings.id, journal.id]).toEqual([data.id, data.id]);
	});

	test('a refusal is not kept: the next call tries afresh', async () => {
		const cache: KeyCache = new Map();
		const none = await outcome(keyForSealed(file, fileHeader, {env: {}}, cache));
		expect(none).toBeInstanceOf(DataKeyError);
		expect(cache.size).toBe(0);
		expect((await keyForSealed(file, fileHeader, {env: {CRM_KEY_FILE: keyFile}}, cache)).id).toBe(fileKey.id);
	});
});

describe('a new passphrase', () => {
	test.each<[string, (string | PromptStopped)[], string | {code: string; exitCode: number}, number]>([
		['the same twice', ['new one', 'new one'], 'new one', 2],
		['two that differ, then the same twice', ['one', 'two', '新的', '新的'], '新的', 4],
		['an empty one is asked again (the second is not asked)', ['', 'x', 'x'], 'x', 3],
		['three times wrong', ['a', 'b', '', 'c', 'd'], {code: 'passphrases_differ', exitCode: 2}, 5],
		[
			'Ctrl+C at the second question',
			['a', new PromptStopped('interrupt', 130)],
			{code: 'passphrase_stopped', exitCode: 130},
			2,
		],
		['Ctrl+D at the first', [new PromptStopped('end', 2)], {code: 'passphrase_not_typed', exitCode: 2}, 1],
	])('%s', async (_, answers, expected, asked) => {
		const {prompt, heard} = fakePrompt([...answers]);
		const got = await askNewPassphrase(prompt, file).then(
			(text) => text,
			(error: DataKeyError) => error,
		);
		if (typeof expected === 'string') expect(got).toBe(expected);
		else {
			expect(got).toBeInstanceOf(DataKeyError);
			expect((got as DataKeyError).code).toBe(expected.code);
			expect((got as DataKeyError).exitCode).toBe(expected.exitCode);
		}
		expect(heard.filter((line) => line.startsWith('?'))).toHaveLength(asked);
	});
});

describe('the refusals in words', () => {
	test.each<[Language, () => Promise<unknown>, string]>([
		[
			'en',
			() => keyForSealed(file, fileHeader, {env: {}}, new Map()),
			'give it with CRM_KEY_FILE=PATH or --key-file PATH',
		],
		['zh-CN', () => keyForSealed(file, fileHeader, {env: {}}, new Map()), '请用 CRM_KEY_FILE=路径 或 --key-file 路径'],
		[
			'en',
			() => keyForSealed(file, passphraseHeader, {env: {}, prompt: null}, new Map()),
			'which only a terminal can type',
		],
		['zh-CN', () => keyForSealed(file, passphraseHeader, {env: {}, prompt: null}, new Map()), '口令只能在终端中输入'],
		[
			'en',
			() => keyForSealed(file, passphraseHeader, {env: {}, keyFile}, new Map()),
			'not with the key file given: run the command at a terminal',
		],
		[
			'zh-CN',
			() => keyForSealed(file, passphraseHeader, {env: {}, keyFile}, new Map()),
			'不是用所给的密钥文件：请在终端中运行该命令',
		],
		[
			'en',
			() => keyForSealed(file, passphraseHeader, {env: {}, prompt: fakePrompt(['a', 'b', 'c']).prompt}, new Map()),
			'three passphrases typed',
		],
		[
			'zh-CN',
			() => keyForSealed(file, passphraseHeader, {env: {}, prompt: fakePrompt(['a', 'b', 'c']).prompt}, new Map()),
			'已输入三次口令',
		],
		['en', () => askNewPassphrase(fakePrompt(['a', 'b', 'a', 'b', 'a', 'b']).prompt, file), 'No passphrase was set'],
		['zh-CN', () => askNewPassphrase(fakePrompt([new PromptStopped('interrupt', 130)]).prompt, file), '已在输入'],
		['en', () => askNewPassphrase(fakePrompt([new PromptStopped('end', 2)]).prompt, file), 'No passphrase was typed'],
	])('in %s: one line naming the file, saying “%s”', async (language, refuse, words) => {
		setLanguage(language);
		const error = (await refuse().then(
			() => null,
			(thrown: Error) => thrown,
		)) as DataKeyError;
		expect(error).toBeInstanceOf(DataKeyError);
		expect(error.message).toContain(file);
		expect(error.message).toContain(words);
		expect(error.message).not.toContain('\n');
	});
});
