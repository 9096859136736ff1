import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {en} from '../../source/i18n/catalogs/en.js';
import {keymapDescriptionsZh, keymapHintsZh} from '../../source/i18n/catalogs/keymap-zh.js';
import {zhCN} from '../../source/i18n/catalogs/zh-CN.js';
import {keyDescription, keyHint, setLanguage, t} from '../../source/i18n/i18n.js';
import {chooseLanguage, languageNamed, localeLanguage} from '../../source/i18n/language.js';
import {parseKeys} from '../../source/ui/keys/key-parser.js';
import {keymap, scopeTitles} from '../../source/ui/keys/keymap.js';
import {screenOrder} from '../../source/ui/screens/screen-registry.js';
import {appReducer, initialState} from '../../source/ui/state/app-state.js';
import {datasetOf, fixedNow} from '../support/fixtures.js';

afterEach(() => setLanguage('en'));

/** Every key of a catalog, as `a.b.c`. */
const keysOf = (catalog: object, prefix = ''): string[] =>
	Object.entries(catalog).flatMap(([key, value]) =>
		typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
	);

/** Every source file's text, to find the keys it uses. */
const sources = (folder: string): string[] =>
	readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
	});

describe('choosing the language', () => {
	test.each([
		[{}, 'en'],
		[{env: {LANG: 'C'}}, 'en'],
		[{env: {LANG: 'POSIX'}}, 'en'],
		[{env: {LANG: ''}}, 'en'],
		[{env: {LANG: 'zh_CN.UTF-8'}}, 'zh-CN'],
		[{env: {LANG: 'zh_SG'}}, 'zh-CN'],
		[{env: {LANG: 'zh_Hans_CN.UTF-8'}}, 'zh-CN'],
		[{env: {LANG: 'zh_TW.UTF-8'}}, 'zh-CN'],
		[{env: {LANG: 'zh_HK'}}, 'zh-CN'],
		[{env: {LANG: 'zh'}}, 'zh-CN'],
		[{env: {LANG: 'de_DE.UTF-8'}}, 'en'],
		// POSIX order: LC_ALL over LC_MESSAGES over LANG.
		[{env: {LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8'}}, 'en'],
		[{env: {LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8'}}, 'zh-CN'],
		// The settings over the locale, CRM_LANG over the settings, --lang over all.
		[{env: {LANG: 'zh_CN.UTF-8'}, settings: 'en'}, 'en'],
		[{env: {CRM_LANG: 'zh-CN'}, settings: 'en'}, 'zh-CN'],
		[{flag: 'en', env: {CRM_LANG: 'zh-CN', LANG: 'zh_CN.UTF-8'}, settings: 'zh-CN'}, 'en'],
		[{flag: 'zh', env: {}}, 'zh-CN'],
		// A CRM_LANG crm has not is passed over, not taken as English.
		[{env: {CRM_LANG: 'fr', LANG: 'zh_CN.UTF-8'}}, 'zh-CN'],
	] as const)('%o → %s', (sources, language) => {
		expect(chooseLanguage({env: {}, ...sources})).toBe(language);
	});

	test.each([
		['zh-CN', 'zh-CN'],
		['zh_cn', 'zh-CN'],
		['ZH', 'zh-CN'],
		['en', 'en'],
		['en-GB', 'en'],
		['fr', null],
		['', null],
		[undefined, null],
	])('the language named %j is %j', (name, language) => {
		expect(languageNamed(name)).toBe(language);
	});

	test.each([
		[undefined, null],
		['', null],
		['C.UTF-8', 'en'],
		['zh_CN.GB18030', 'zh-CN'],
		['zhx', 'en'],
	])('the locale %j reads %j', (locale, language) => {
		expect(localeLanguage(locale)).toBe(language);
	});
});

describe('the catalogs', () => {
	test('the Chinese catalog has every key of the English one, and no other', () => {
		expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
		for (const key of keysOf(zhCN)) expect(t(key as never, {lng: 'zh-CN', count: 2}), key).not.toBe('');
	});

	test('every key of the catalog is used by the code (a key named by a template is used when its group is)', () => {
		const code = sources(new URL('../../source', import.meta.url).pathname).join('\n');
		// Named as `screens.${name}` and `scopes.${scope}`: their keys are the screens and the keymap's scopes.
		expect(Object.keys(en.screens).sort()).toEqual([...screenOrder].sort());
		expect(Object.keys(en.scopes).sort()).toEqual(Object.keys(scopeTitles).sort());
		expect(code).toContain('t(`screens.${');
		expect(code).toContain('t(`scopes.${');
		const literal = keysOf(en).filter((key) => !key.startsWith('screens.') && !key.startsWith('scopes.'));
		for (const key of literal) {
			const base = key.replace(/_(one|other)$/, '');
			expect(code.includes(`'${base}'`), `${base} is not used`).toBe(true);
		}
	});

	test('a key that is not in the catalog does not compile', () => {
		// @ts-expect-error: no such key.
		expect(t('help.nothing')).toBe('help.nothing');
	});

	test.each([
		['en', 1, '1 marked'],
		['en', 12345, '12,345 marked'],
		['zh-CN', 1, '已标记 1 行'],
		['zh-CN', 12345, '已标记 12,345 行'],
	] as const)('in %s, %i rows marked: %j', (lng, count, words) => {
		expect(t('marks.count', {lng, count})).toBe(words);
	});
});

describe('the keymap in Chinese', () => {
	test('every description and hint of the keymap has its Chinese words, and no words are left over', () => {
		const descriptions = new Set(keymap.map((command) => command.description));
		const hints = new Set(keymap.flatMap((command) => (command.hint ? [command.hint] : [])));
		expect([...descriptions].filter((words) => !(words in keymapDescriptionsZh))).toEqual([]);
		expect(Object.keys(keymapDescriptionsZh).filter((words) => !descriptions.has(words))).toEqual([]);
		expect([...hints].filter((words) => !(words in keymapHintsZh))).toEqual([]);
		expect(Object.keys(keymapHintsZh).filter((words) => !hints.has(words))).toEqual([]);
	});

	test('in English the keymap is its own words; in Chinese, the catalog’s', () => {
		expect(keyDescription('Quit')).toBe('Quit');
		expect(keyHint('undo')).toBe('undo');
		setLanguage('zh-CN');
		expect(keyDescription('Quit')).toBe('退出');
		expect(keyHint('undo')).toBe('撤销');
	});
});

describe(':lang', () => {
	const typed = (input: string) =>
		parseKeys(input).reduce(
			(state, key) => appReducer(state, {type: 'key', key}),
			initialState(datasetOf({}), {columns: 100, rows: 30}, fixedNow),
		);

	test.each([
		[':lang zh-CN\r', 'zh-CN', '语言：简体中文。（:lang en 切换为英文。）'],
		[':lang zh\r', 'zh-CN', '语言：简体中文。（:lang en 切换为英文。）'],
		[':lang en\r', 'en', 'Language: English. (:lang zh-CN switches to Chinese.)'],
		[':lang\r', 'en', 'Language: English. (:lang zh-CN switches to Chinese.)'],
		[':lang fr\r', 'en', 'Unknown language “fr”: :lang takes en, zh-CN.'],
	])('%j speaks %s and says %j', (input, lang, notice) => {
		const state = typed(input);
		expect(state.lang).toBe(lang);
		expect(state.notice?.text).toBe(notice);
	});
});
