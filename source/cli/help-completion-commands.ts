import type {Argument, Command, Option} from 'commander';
import {exitCodes} from '../commands/exit-codes.js';
import {exportedEntities} from '../commands/export.js';
import {entityNames} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';
import {languages} from '../i18n/language.js';
import {language} from './arguments.js';
import {
	type CompletionHints,
	type CompletionShell,
	completionScript,
	completionShells,
	type ValueKind,
} from './completion.js';
import {fail} from './words.js';

/** `crm customers`, as the operator types it. */
const commandLine = (command: Command): string => {
	const names: string[] = [];
	for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
	return names.join(' ');
};

const visibleNames = (command: Command): string[] =>
	command
		.createHelp()
		.visibleCommands(command)
		.map((sub) => sub.name());

/** The command the words name, from the program down, each by its name or an alias; an unknown word ends crm with exit 2, naming the commands there are. */
export const commandNamed = (program: Command, words: readonly string[]): Command => {
	let command = program;
	for (const word of words) {
		const found = command.commands.find((sub) => sub.name() === word || sub.aliases().includes(word));
		// The help command commander adds apart from the others (`crm help customers help`): that command's own help, as `crm customers help` gives.
		const implicit = command
			.createHelp()
			.visibleCommands(command)
			.some((sub) => !command.commands.includes(sub) && sub.name() === word);
		if (implicit) return command;
		if (!found)
			return fail(
				t('cli.helpCommand.unknown', {
					line: commandLine(command),
					name: word,
					names: visibleNames(command).join(', ') || t('cli.helpCommand.none'),
				}),
				exitCodes.usage,
			);
		command = found;
	}
	return command;
};

/**
 * What the tree does not say by itself: `--lang` takes the languages (its parser is `language`), an
 * `<entity>` argument the entities (export's the ones it exports), and `crm help` the commands.
 */
const hints = (program: Command): CompletionHints => {
	const words = (list: readonly string[]): ValueKind => ({kind: 'words', words: list});
	return {
		option: (_command: Command, option: Option) => (option.parseArg === language ? words(languages) : undefined),
		argument: (command: Command, argument: Argument) => {
			if (argument.name() === 'entity') return words(command.name() === 'export' ? exportedEntities : entityNames);
			if (command.parent === program && command.name() === 'help') return {kind: 'commands'};
			return undefined;
		},
	};
};

/**
 * `crm help [command…]`, the help of any command as its --help shows it (`crm help customers list`),
 * and `crm completion bash|zsh`, the completion script made from the program's commands as they are now.
 */
export const helpAndCompletionCommands = (program: Command): void => {
	program
		.command('help')
		.description(t('cli.helpCommand.description'))
		.argument('[command...]', t('cli.helpCommand.command'))
		.action((words: string[]) => {
			commandNamed(program, words).outputHelp();
		});
	program
		.command('completion')
		.description(t('cli.completion.description'))
		.argument('<shell>', t('cli.completion.shell'))
		.action((shell: string) => {
			if (!completionShells.includes(shell as CompletionShell))
				fail(t('cli.completion.unknownShell', {shell, shells: completionShells.join(', ')}), exitCodes.usage);
			process.stdout.write(completionScript(program, shell as CompletionShell, hints(program)));
		});
};
