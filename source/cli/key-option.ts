import type {Command} from 'commander';
import {t} from '../i18n/i18n.js';
import {keyring, sealedHeaderOf} from '../store/sealed/set-sealing.js';
import {keyForSealed} from './data-key.js';
import {terminalPrompt} from './passphrase-prompt.js';

/**
 * `--key-file PATH` on every command that works on a data set (every command that takes `--data`),
 * so that `crm --key-file k report` and `crm report --key-file k` both work. The key file is the
 * one secret a script names; a passphrase is never an option nor a variable.
 */
export const everyDataCommandTakesKeyFile = (command: Command): void => {
	for (const sub of command.commands) {
		everyDataCommandTakesKeyFile(sub);
		const takesData = sub.options.some((option) => option.long === '--data');
		if (takesData && !sub.options.some((option) => option.long === '--key-file'))
			sub.option('--key-file <path>', t('cli.options.keyFile'));
	}
};

/** The key file typed for the command about to run (after the command or before it), if any. */
const typedKeyFile = (root: Command, action: Command): string | undefined => {
	const own: unknown = action.getOptionValue('keyFile');
	const before: unknown = root.getOptionValue('keyFile');
	return typeof own === 'string' ? own : typeof before === 'string' ? before : undefined;
};

/**
 * Before a command runs: the keyring finds a sealed file's key from `--key-file`, else
 * `CRM_KEY_FILE`, else (for a file sealed with a passphrase) by asking at the terminal, once per key.
 */
export const findKeysFor = (root: Command, action: Command): void => {
	const keyFile = typedKeyFile(root, action);
	const prompt = terminalPrompt();
	keyring.use((file, header) =>
		keyForSealed(file, header, {...(keyFile === undefined ? {} : {keyFile}), env: process.env, prompt}),
	);
};

/**
 * Once the console draws, no passphrase is asked any more (Ink owns the terminal): keys found before
 * it are found again, any other is refused as at a terminal-less script.
 */
export const stopAskingForKeys = (keyFile: string | undefined): void => {
	keyring.use((file, header) =>
		keyForSealed(file, header, {...(keyFile === undefined ? {} : {keyFile}), env: process.env, prompt: null}),
	);
};

/**
 * How the console's own `crm fold` (a detached process with no terminal) gets the key: the key file's
 * path typed on the command line is passed on (CRM_KEY_FILE is inherited). A set sealed with a
 * passphrase cannot be folded without a terminal: null, and the console folds in its own process.
 */
export const foldArguments = async (file: string, keyFile: string | undefined): Promise<string[] | null> => {
	const header = await sealedHeaderOf(file).catch(() => null);
	if (header?.key.kind === 'passphrase') return null;
	return ['fold', '--data', file, ...(keyFile === undefined ? [] : ['--key-file', keyFile])];
};
