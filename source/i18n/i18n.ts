import i18next, {type TFunction} from 'i18next';
import {z} from 'zod';
import zodEnglish from 'zod/v4/locales/en.js';
import zodChinese from 'zod/v4/locales/zh-CN.js';
import {en} from './catalogs/en.js';
import {keymapDescriptionsZh, keymapHintsZh} from './catalogs/keymap-zh.js';
import {chineseCatalog} from './chinese-catalog.js';
import type {Language} from './language.js';

/**
 * The one i18next instance: its catalogs are bundled (no loading), so it is ready at once and a
 * language switch (`--lang`, `:lang`) takes effect on the next frame. Keys are typed
 * (`i18next.d.ts`): a missing or misspelt one does not compile. The Chinese catalog joins it when
 * Chinese is first spoken (`speakable`), synchronously: a start in English does not build it.
 */
const instance = i18next.createInstance();
void instance.init({
	lng: 'en',
	fallbackLng: 'en',
	resources: {en: {translation: en}},
	initAsync: false,
	interpolation: {escapeValue: false},
	returnNull: false,
});

/** A language that `inEnglish` puts in force for the words read meanwhile. */
let readingIn: Language | null = null;

let chineseAdded = false;

/** `language`'s words, added to i18next if they are not yet (only Chinese ever is not). */
const speakable = (language: string | undefined): void => {
	if (language !== 'zh-CN' || chineseAdded) return;
	chineseAdded = true;
	instance.addResourceBundle('zh-CN', 'translation', chineseCatalog());
};

const translate = instance.t.bind(instance) as (key: string, options?: {lng?: string}) => string;

/** The words of a key in the language in force (or in the language its `lng` option names). */
export const t: TFunction = ((key: string, options?: {lng?: string}) => {
	if (readingIn !== null) return translate(key, {...options, lng: readingIn});
	speakable(options?.lng);
	return translate(key, options);
}) as TFunction;

/**
 * What `read` says in English, whatever the language in force: a column's English title, so that a
 * filter or a view written in English (`since:2026`) still names its column in Chinese.
 */
export const inEnglish = <T>(read: () => T): T => {
	const before = readingIn;
	readingIn = 'en';
	try {
		return read();
	} finally {
		readingIn = before;
	}
};

export const currentLanguage = (): Language => (instance.language === 'zh-CN' ? 'zh-CN' : 'en');

/** Speaks `language` from now on (the catalogs are loaded, so at once). */
export const setLanguage = (language: Language): void => {
	speakable(language);
	void instance.changeLanguage(language);
	// zod's own messages (a schema's words we did not write) in the same language.
	z.config(language === 'zh-CN' ? zodChinese() : zodEnglish());
};

/** A keymap description in the language in force (the keymap keeps English, for the README's table). */
export const keyDescription = (english: string): string =>
	currentLanguage() === 'zh-CN' ? (keymapDescriptionsZh[english] ?? english) : english;

/** A status-line hint in the language in force. */
export const keyHint = (english: string): string =>
	currentLanguage() === 'zh-CN' ? (keymapHintsZh[english] ?? english) : english;
