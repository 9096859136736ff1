import type {Argument, Command, Help, Option} from 'commander';
import {cellsOf} from '../commands/settings-costs.js';
import {t} from '../i18n/i18n.js';

/** Commander's headings, in the language in force (it passes each through `styleTitle`). */
const heading = (title: string): string => {
	switch (title) {
		case 'Usage:':
			return t('cli.help.usage');
		case 'Options:':
			return t('cli.help.options');
		case 'Commands:':
			return t('cli.help.commands');
		case 'Arguments:':
			return t('cli.help.arguments');
		case 'Global Options:':
			return t('cli.help.globalOptions');
		default:
			return title;
	}
};

/** A description with what commander adds after it (its default, its choices…), as commander writes it in English. */
const withExtra = (description: string, extra: string[]): string => {
	if (extra.length === 0) return description;
	const joined = extra.join(t('cli.help.separator'));
	return description ? t('cli.help.extra', {description, extra: joined}) : t('cli.help.extraOnly', {extra: joined});
};

const choices = (values: readonly string[] | undefined): string[] =>
	values ? [t('cli.help.choices', {values: values.map((value) => JSON.stringify(value)).join(', ')})] : [];

const optionDescription = (option: Option): string => {
	const extra = choices(option.argChoices);
	const showDefault =
		option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
	if (option.defaultValue !== undefined && showDefault)
		extra.push(t('cli.help.default', {value: option.defaultValueDescription || JSON.stringify(option.defaultValue)}));
	if (option.presetArg !== undefined && option.optional)
		extra.push(t('cli.help.preset', {value: JSON.stringify(option.presetArg)}));
	if (option.envVar !== undefined) extra.push(t('cli.help.env', {name: option.envVar}));
	return withExtra(option.description, extra);
};

const argumentDescription = (argument: Argument): string => {
	const extra = choices(argument.argChoices);
	if (argument.defaultValue !== undefined)
		extra.push(
			t('cli.help.default', {value: argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}),
		);
	return withExtra(argument.description, extra);
};

/**
 * Where a line of help may break: before a word (with the spaces ahead of it), or before any wide
 * character (Chinese has no spaces), but never before a closing mark (，。）…), which stays with what it closes.
 */
const breaks =
	/\s*(?:[^\s\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+|\S)[\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f\uff09\u300d\u300f\u201d\u2026]*/gu;

/** Terminal cells, a Chinese character two (commander counts one: its columns would run past the terminal). */
const displayWidth = (text: string): number => cellsOf(text.replace(/\u001b\[[\d;]*m/g, ''));

/** Commander's wrapping of a description to `width` cells, breaking Chinese between characters too. */
function boxWrap(this: Help, text: string, width: number): string {
	if (width < this.minWidthToWrap) return text;
	const wrap = (line: string): string => {
		const lines: string[] = [];
		let current: string | undefined;
		for (const chunk of line.match(breaks) ?? []) {
			if (current === undefined) current = chunk;
			else if (displayWidth(current) + displayWidth(chunk) <= width) current += chunk;
			else {
				lines.push(current);
				current = chunk.trimStart();
			}
		}
		lines.push(current ?? '');
		return lines.join('\n');
	};
	return text
		.split(/\r\n|\n/)
		.map(wrap)
		.join('\n');
}

type ErrorWords = [RegExp, (found: readonly [string, string, string]) => string];

/** Commander's own error lines (it writes them in English) and the words they are in the catalog. */
const errorWords: ErrorWords[] = [
	[/^error: unknown option '(.*)'$/s, ([flag]) => t('cli.commander.unknownOption', {flag})],
	[/^error: unknown command '(.*)'$/s, ([name]) => t('cli.commander.unknownCommand', {name})],
	[/^error: missing required argument '(.*)'$/s, ([name]) => t('cli.commander.missingArgument', {name})],
	[/^error: option '(.*)' argument missing$/s, ([flags]) => t('cli.commander.optionMissingArgument', {flags})],
	[/^error: required option '(.*)' not specified$/s, ([flags]) => t('cli.commander.requiredOption', {flags})],
	[
		/^error: option '(.*?)' argument '(.*)' is invalid\. (.*)$/s,
		([flags, value, reason]) => t('cli.commander.invalidOption', {flags, value, reason}),
	],
	[
		/^error: command-argument value '(.*)' is invalid for argument '(.*?)'\. (.*)$/s,
		([value, name, reason]) => t('cli.commander.invalidArgument', {value, name, reason}),
	],
	[
		/^error: too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+)\.$/s,
		([name, expected, got]) => t('cli.commander.tooManyFor', {name, count: Number(expected), got}),
	],
	[
		/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/s,
		([expected, got]) => t('cli.commander.tooMany', {count: Number(expected), got}),
	],
];

/** `(Did you mean --data?)`, as commander adds it after an unknown option or command. */
const suggestionInWords = (suggestion: string): string => {
	const one = /^\(Did you mean (\S+)\?\)$/.exec(suggestion);
	if (one) return t('cli.commander.didYouMean', {name: one[1] ?? ''});
	const several = /^\(Did you mean one of (.+)\?\)$/.exec(suggestion);
	return several ? t('cli.commander.didYouMeanOneOf', {names: several[1] ?? ''}) : suggestion;
};

/** One of commander's error messages in the language in force; one it does not know, as it is. */
export const commanderErrorInWords = (text: string): string => {
	// The error's line, and commander's suggestion on a line of its own after it.
	const [, line = '', suggestion] = /^(.*?)(?:\n(\(Did you mean .*\)))?\n?$/s.exec(text) ?? [];
	for (const [pattern, words] of errorWords) {
		const found = pattern.exec(line);
		if (!found) continue;
		const said = words([found[1] ?? '', found[2] ?? '', found[3] ?? '']);
		return `${said}${suggestion === undefined ? '' : `\n${suggestionInWords(suggestion)}`}\n`;
	}
	return text;
};

/**
 * Commander's help and errors in the language in force: its headings, its "default:" and "choices:",
 * the help option and help command, and its error lines. Set on the program before its commands are
 * made, every command inherits it.
 */
export const helpInWords = (program: Command): Command =>
	program
		.configureHelp({
			styleTitle: heading,
			displayWidth,
			boxWrap,
			optionDescription,
			argumentDescription,
		} satisfies Partial<Help>)
		.configureOutput({outputError: (text, write) => write(commanderErrorInWords(text))})
		.helpOption('-h, --help', t('cli.help.helpOption'))
		// The help command in words, for the commands that list subcommands (they inherit it); the program
		// itself, which starts the console, lists none, as before.
		.helpCommand('help [command]', t('cli.help.helpCommand'))
		.helpCommand(false)
		.showHelpAfterError(t('cli.help.afterError'));
