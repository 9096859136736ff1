// A tiny program around the hidden passphrase prompt, for test/e2e/passphrase-prompt.e2e.test.ts: bundled
// with esbuild and run in tmux. What it was typed goes to a file (never to the screen); what it says on
// the screen holds nothing of it.
//
//   prompt-harness.mjs ask <answers file> <questions> [ink]   asks that many times; then, with `ink`, starts Ink
//   prompt-harness.mjs key <answers file>                     asks the passphrase of a file sealed with $HARNESS_PASSPHRASE
import {execFileSync} from 'node:child_process';
import {appendFileSync, writeFileSync} from 'node:fs';
import {render, Text, useApp, useInput} from 'ink';
import {useState} from 'react';
import {DataKeyError, keyForSealed} from '../../source/cli/data-key.js';
import {PromptStopped, terminalPrompt} from '../../source/cli/passphrase-prompt.js';
import {newHeader} from '../../source/store/sealed/seal-format.js';
import {newPassphraseKey} from '../../source/store/sealed/seal-passphrase.js';

const [mode, answers = '', questions = '1', then = ''] = process.argv.slice(2);

/**
 * The terminal's settings as this process sees them (`stty -g` on its stdin): kept at the start and once
 * the prompt is over, before the process exits (Node resets the terminal at exit, which would hide a prompt
 * that does not).
 */
const keepTerminalSettings = (when: 'before' | 'after'): void =>
	writeFileSync(`${answers}.${when}`, execFileSync('stty', ['-g'], {stdio: ['inherit', 'pipe', 'inherit']}));

/** Ink on the same stdin after the prompt: shows the first key it reads, and ends. */
const FirstKey = () => {
	const {exit} = useApp();
	const [key, setKey] = useState<string | null>(null);
	useInput((input) => {
		setKey(input);
		setTimeout(exit, 50);
	});
	return <Text>{key === null ? '[ink waits]' : `[ink got ${key}]`}</Text>;
};

const ask = async (): Promise<void> => {
	const prompt = terminalPrompt();
	if (!prompt) throw new Error('not a terminal');
	for (let question = 1; question <= Number(questions); question++) {
		const answer = await prompt.ask('Passphrase for vault.json:');
		appendFileSync(answers, `${JSON.stringify(answer)}\n`);
		process.stdout.write(`[answered ${question}]\n`);
	}
	keepTerminalSettings('after');
	if (then === 'ink') await render(<FirstKey />).waitUntilExit();
};

const key = async (): Promise<void> => {
	const {master} = await newPassphraseKey(process.env['HARNESS_PASSPHRASE'] ?? '', {N: 2 ** 14});
	const {header} = newHeader(master, 1024);
	const found = await keyForSealed('vault.json', header, {env: {}, prompt: terminalPrompt()});
	keepTerminalSettings('after');
	appendFileSync(answers, `${JSON.stringify(found.id === master.id)}\n`);
	process.stdout.write('[opened]\n');
};

keepTerminalSettings('before');
try {
	await (mode === 'key' ? key() : ask());
} catch (error) {
	if (error instanceof PromptStopped || error instanceof DataKeyError) {
		keepTerminalSettings('after');
		process.stderr.write(`${error.message}\n`);
		process.exit(error.exitCode);
	}
	throw error;
}
