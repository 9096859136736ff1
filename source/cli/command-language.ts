import type {Command} from 'commander';
import {setLanguage, t} from '../i18n/i18n.js';
import {chooseLanguage, languageNamed} from '../i18n/language.js';
import {resolveDataPath} from '../store/data-path.js';
import {isDatabaseUrl} from '../store/database-url.js';
import {followLinks} from '../store/regular-file.js';
import {setKeyOf} from '../store/sealed/set-sealing.js';
import {settingsOf} from '../store/settings-of.js';
import {language} from './arguments.js';
import {DataKeyError, type DataKeyErrorCode} from './data-key.js';
import {fail} from './words.js';

/**
 * `--lang X` or `--lang=X` as typed, before or after the command (the last one, up to `--`): read
 * from the arguments before commander parses them, so that its help and its errors are in that language.
 */
export const typedLanguage = (argv: readonly string[]): string | undefined => {
	let found: string | undefined;
	for (let index = 2; index < argv.length; index++) {
		const word = argv[index]!;
		if (word === '--') break;
		if (word === '--lang') found = argv[index + 1];
		else if (word.startsWith('--lang=')) found = word.slice('--lang='.length);
	}
	return found;
};

type Environment = Parameters<typeof chooseLanguage>[0]['env'];

/** The language of a command before any file is read: `--lang`, `CRM_LANG`, the locale, English. */
export const speakTypedLanguage = (argv: readonly string[], env: Environment): void =>
	setLanguage(chooseLanguage({flag: typedLanguage(argv), env}));

/** Refusals after a person was asked for a passphrase. */
const askedAndRefused = new Set<DataKeyErrorCode>(['passphrase_stopped', 'passphrase_not_typed', 'wrong_passphrase']);

/**
 * Once the command is known, and unless `--lang` or `CRM_LANG` has said: the language of the data's
 * settings (`language`), when the command works on a data file. A settings file that cannot be read is
 * left to the command itself, which says so (in the language chosen so far).
 */
export const speakSettingsLanguage = async (action: Command, argv: readonly string[], env: Environment) => {
	const flag = typedLanguage(argv);
	if (languageNamed(flag) || languageNamed(env.CRM_LANG)) return;
	if (!action.options.some((option) => option.long === '--data')) return;
	try {
		const path = resolveDataPath(action.getOptionValue('data'));
		const file = isDatabaseUrl(path) ? path : await followLinks(path);
		// An encrypted set's key is asked for by the data file's name, not its settings file's (once: it is kept).
		if (!isDatabaseUrl(file)) await setKeyOf(file);
		const settings = await settingsOf(file);
		setLanguage(chooseLanguage({flag, env, settings: settings.language}));
	} catch (error) {
		// Asked for the passphrase and stopped (Ctrl+C, Ctrl+D) or three times wrong: the command would ask again; it ends here.
		if (error instanceof DataKeyError && askedAndRefused.has(error.code)) fail(error.message, error.exitCode);
		// Otherwise the command reads the file again and reports what is wrong with it.
	}
};

/**
 * `--lang` after the command as before it (`crm report --lang zh-CN`, `crm --lang zh-CN report`): every
 * command that runs something takes it, unless it has a `--lang` of its own.
 */
export const everyCommandTakesLanguage = (command: Command): void => {
	for (const sub of command.commands) {
		everyCommandTakesLanguage(sub);
		if (sub.commands.length === 0 && !sub.options.some((option) => option.long === '--lang'))
			sub.option('--lang <language>', t('cli.options.lang'), language);
	}
};
