import {afterEach, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import type {Language} from '../../source/i18n/language.js';
import {SealError, type SealErrorCode} from '../../source/store/sealed/seal-error.js';

/** Every refusal of a sealed file or key is one line, in English and in Chinese, that names the file (issue 22). */
afterEach(() => setLanguage('en'));

const file = '/srv/crm/客户.json';
const details = {fileId: '0123456789abcdef', givenId: 'fedcba9876543210', mode: 0o644, reason: 'EACCES'};

test.each<[SealErrorCode, Language, string]>([
	['wrong_key', 'en', 'is sealed with key 0123456789abcdef, not with the key given (fedcba9876543210)'],
	['wrong_key', 'zh-CN', '是用密钥 0123456789abcdef 加密的，而不是所给的密钥（fedcba9876543210）'],
	['damaged', 'en', 'is damaged (its header fails its check'],
	['damaged', 'zh-CN', '已损坏（文件头校验未通过'],
	['truncated', 'en', 'is cut short'],
	['truncated', 'zh-CN', '不完整'],
	['unsupported', 'en', 'open it with a newer crm'],
	['unsupported', 'zh-CN', '请用更新版本的 crm 打开'],
	['not_sealed', 'en', 'is not a sealed file'],
	['not_sealed', 'zh-CN', '不是加密文件'],
	['bad_key_file', 'en', 'does not hold a key'],
	['bad_key_file', 'zh-CN', '中没有有效的密钥'],
	['loose_key_file', 'en', `(mode 0644): run \`chmod 600 ${file}\``],
	['loose_key_file', 'zh-CN', `（权限 0644）：请运行 \`chmod 600 ${file}\``],
	['key_file_missing', 'en', 'does not exist'],
	['key_file_missing', 'zh-CN', '不存在'],
	['key_file_folder', 'en', 'is a folder'],
	['key_file_folder', 'zh-CN', '是一个文件夹'],
	['key_file_unreadable', 'en', 'cannot be read (EACCES)'],
	['key_file_unreadable', 'zh-CN', '（EACCES）'],
	['key_file_unwritable', 'en', 'Cannot create the key file'],
	['key_file_unwritable', 'zh-CN', '无法创建密钥文件'],
	['exists', 'en', 'crm never overwrites a key file'],
	['exists', 'zh-CN', 'crm 从不覆盖密钥文件'],
])('%s in %s: one line naming the file, saying “%s”', (code, language, words) => {
	setLanguage(language);
	const error = new SealError(code, file, details);
	expect(error.message).toContain(file);
	expect(error.message).toContain(words);
	expect(error.message).not.toMatch(/[\n\r]/);
	expect(error).toMatchObject({code, file, exitCode: 2});
});

test.each<[Language, string]>([
	['en', 'The passphrase is empty: type a passphrase (crm does not seal with an empty one).'],
	['zh-CN', '口令为空：请输入口令（crm 不用空口令加密）。'],
])('an empty passphrase in %s names no file', (language, message) => {
	setLanguage(language);
	expect(new SealError('empty_passphrase', undefined).message).toBe(message);
});

test.each<[Language, string]>([
	['en', 'the sealed data is cut short'],
	['zh-CN', '加密数据 不完整'],
])('bytes of no named file are “the sealed data” in %s', (language, words) => {
	setLanguage(language);
	expect(new SealError('truncated', undefined).message).toContain(words);
});
