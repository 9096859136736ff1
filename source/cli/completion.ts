import type {Argument, Command, Option} from 'commander';
import {bashScript, zshScript} from './completion-scripts.js';

/**
 * What a value completes to: a path of the file system, one of some words, nothing (free text), or the
 * program's commands, each word a subcommand of the one before (`crm help customers list`).
 */
export type ValueKind =
	| {kind: 'files'}
	| {kind: 'words'; words: readonly string[]}
	| {kind: 'text'}
	| {kind: 'commands'};

/** One command of the tree as the scripts complete it: its names, its options, its arguments, its subcommands. */
export type CompletionNode = {
	/** Its names from the program down, `/`-joined (`customers/list`); '' for the program itself. */
	path: string;
	/** Its name, then its aliases. */
	names: readonly string[];
	/** Each flag (`-h`, `--help`) with what its value completes to; null for a flag that takes none. */
	options: ReadonlyArray<{flag: string; value: ValueKind | null}>;
	/** Its arguments in order; the last may be variadic (its kind then holds for every word after). */
	arguments: ReadonlyArray<{value: ValueKind; variadic: boolean}>;
	commands: readonly CompletionNode[];
};

/** What the tree does not say by itself: an entity argument's words, the languages a parser takes. */
export type CompletionHints = {
	option?: (command: Command, option: Option) => ValueKind | undefined;
	argument?: (command: Command, argument: Argument, index: number) => ValueKind | undefined;
};

/**
 * Only words a shell reads as themselves go into a script (letters, digits, `_.,+/-`): a name with a
 * space, a quote or a `$` would be code there. The program's names all are; anything else is left out.
 */
export const plainWord = (word: string): boolean => /^[A-Za-z0-9_.,+/-]+$/.test(word);

/** A value named like a path (`<path>`, `<file>`, `[backup]`…) completes to files of the folder. */
const pathName = /path|file|folder|dir|backup/i;

const valueNamed = (name: string, choices: readonly string[] | undefined): ValueKind => {
	if (choices) return {kind: 'words', words: choices.filter(plainWord)};
	return pathName.test(name) ? {kind: 'files'} : {kind: 'text'};
};

const optionValue = (command: Command, option: Option, hints: CompletionHints): ValueKind | null => {
	if (!option.required && !option.optional) return null;
	const name = /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1] ?? '';
	return hints.option?.(command, option) ?? valueNamed(name, option.argChoices);
};

/**
 * The tree of `command` as its help shows it (commander's own `visibleCommands`/`visibleOptions`:
 * hidden ones stay hidden, the help command and the help option are there), read when asked, so a
 * command added later completes too.
 */
export const completionTree = (command: Command, hints: CompletionHints = {}, parent?: string): CompletionNode => {
	const help = command.createHelp();
	const path = parent === undefined ? '' : parent === '' ? command.name() : `${parent}/${command.name()}`;
	return {
		path,
		names: [command.name(), ...command.aliases()].filter(plainWord),
		options: help.visibleOptions(command).flatMap((option) => {
			const value = optionValue(command, option, hints);
			return [option.short, option.long]
				.filter((flag): flag is string => flag !== undefined && plainWord(flag))
				.map((flag) => ({flag, value}));
		}),
		arguments: command.registeredArguments.map((argument, index) => ({
			value: hints.argument?.(command, argument, index) ?? valueNamed(argument.name(), argument.argChoices),
			variadic: argument.variadic,
		})),
		commands: help
			.visibleCommands(command)
			.filter((sub) => plainWord(sub.name()))
			.map((sub) => completionTree(sub, hints, path)),
	};
};

/** Every node of the tree, the program first. */
export const everyNode = (node: CompletionNode): CompletionNode[] => [node, ...node.commands.flatMap(everyNode)];

export const completionShells = ['bash', 'zsh'] as const;
export type CompletionShell = (typeof completionShells)[number];

/** The completion script of `program` for a shell, named after the program (`_crm`, `complete … crm`). */
export const completionScript = (program: Command, shell: CompletionShell, hints: CompletionHints = {}): string => {
	const tree = completionTree(program, hints);
	return shell === 'bash' ? bashScript(program.name(), tree) : zshScript(program.name(), tree);
};
