/** The languages the console speaks: English, and Simplified Chinese (Traditional locales read it until a catalog of their own exists). */
export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

/** A language as typed (`--lang zh-cn`, `:lang zh`, `CRM_LANG=en-GB`): one of ours, or null for one we do not have. */
export const languageNamed = (text: string | undefined): Language | null => {
	const value = (text ?? '').trim().toLowerCase().replace(/_/g, '-');
	if (value === '') return null;
	if (value === 'zh' || value.startsWith('zh-')) return 'zh-CN';
	if (value === 'en' || value.startsWith('en-')) return 'en';
	return null;
};

/**
 * The language of a POSIX locale (`LC_ALL`, `LC_MESSAGES`, `LANG`): `zh_CN.UTF-8`, `zh_SG`, `zh_Hans…`,
 * and `zh_TW`/`zh_HK` too, read Chinese; `C`, `POSIX` and any other read English.
 */
export const localeLanguage = (locale: string | undefined): Language | null => {
	const value = (locale ?? '').trim();
	if (value === '') return null;
	return /^zh([_.@-]|$)/i.test(value) ? 'zh-CN' : 'en';
};

export type LanguageSources = {
	/** `--lang`. */
	flag?: string;
	env: Partial<Record<'CRM_LANG' | 'LC_ALL' | 'LC_MESSAGES' | 'LANG', string>>;
	/** The settings' `language`, when the data's settings are read. */
	settings?: Language;
};

/**
 * Which language to speak: `--lang`, then `CRM_LANG`, then the settings' default, then the locale
 * (`LC_ALL`, else `LC_MESSAGES`, else `LANG`, the first set, as POSIX reads them), then English.
 */
export const chooseLanguage = ({flag, env, settings}: LanguageSources): Language =>
	languageNamed(flag) ??
	languageNamed(env.CRM_LANG) ??
	settings ??
	localeLanguage(env.LC_ALL || env.LC_MESSAGES || env.LANG) ??
	'en';
