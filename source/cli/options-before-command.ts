import type {Command} from 'commander';
import {exitCodes} from '../commands/exit-codes.js';
import {t} from '../i18n/i18n.js';
import {fail} from './words.js';

/** The rule in words, for `crm --help`. */
export const optionsBeforeCommandHelp = (): string => t('cli.optionsBeforeCommand.help');

/** `crm settings cost add`, as the operator types it. */
const commandLine = (command: Command): string => {
	const names: string[] = [];
	for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
	return names.join(' ');
};

/**
 * Typed on the command line: the root's options have no defaults and no environment variables of
 * their own ($CRM_DATA is read where the path is resolved), so only a typed value is carried, and
 * only a typed value of the command's own can contradict it.
 */
const typed = (command: Command, key: string): boolean => command.getOptionValueSource(key) === 'cli';

const shown = (value: unknown): string => (typeof value === 'string' ? value : String(value));

const notTaken = (flag: string, line: string): never =>
	fail(t('cli.optionsBeforeCommand.notTaken', {flag, line}), exitCodes.usage);

/**
 * With positional options (`enablePositionalOptions`), `crm --data team.json report` gives --data to
 * the console's options, and `report` read its own --data, still unset: it worked on the default file.
 * Before the command runs, each root option typed before it goes to the command that declares the
 * same option, with the same meaning as after it; a command that does not take it, or the same option
 * typed after the command with another value, is refused in one line (exit 2), before anything is read
 * or written.
 */
export const carryOptionsBeforeCommand = (root: Command, action: Command): void => {
	if (action === root) return;
	const line = commandLine(action);
	for (const option of root.options) {
		const key = option.attributeName();
		if (!typed(root, key)) continue;
		const flag = option.long ?? option.flags;
		const declared = action.options.find((own) => own.long === option.long) ?? notTaken(flag, line);
		const value = root.getOptionValue(key);
		const ownKey = declared.attributeName();
		if (typed(action, ownKey) && action.getOptionValue(ownKey) !== value)
			fail(
				t('cli.optionsBeforeCommand.twice', {
					flag,
					before: shown(value),
					line,
					after: shown(action.getOptionValue(ownKey)),
				}),
				exitCodes.usage,
			);
		action.setOptionValueWithSource(ownKey, value, 'cli');
	}
};
