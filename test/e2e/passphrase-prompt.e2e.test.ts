import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {noDevtools} from '../../scripts/bundle-plugins.mjs';
import {removeTempFolders, tempFolder} from '../support/temp-folder.js';
import {tmuxAvailable} from '../support/tmux.js';

/**
 * The hidden passphrase prompt in a real terminal (issue 22): typed one key at a time, several at
 * once, in Chinese and with an emoji, nothing of it reaches the screen; Ctrl+C ends with 130 and the
 * terminal as it was; Ink reads the same stdin afterwards.
 */
const socket = `crm-prompt-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;

let folder: string;
let harness: string;
let sequence = 0;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
	folder = tempFolder('prompt-e2e');
	harness = join(folder, 'prompt-harness.mjs');
	await build({
		entryPoints: [new URL('../support/prompt-harness.tsx', import.meta.url).pathname],
		outfile: harness,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		jsx: 'automatic',
		define: {'process.env.NODE_ENV': '"production"'},
		banner: {
			js: "import {createRequire as __harnessRequire} from 'node:module';const require=__harnessRequire(import.meta.url);",
		},
		// Ink's devtools bridge is not installed: stubbed as in every bundle of the console.
		plugins: [noDevtools],
		logLevel: 'error',
	});
	tmux('new-session', '-d', '-s', 'keepalive', 'sleep 3600');
});

afterAll(async () => {
	try {
		tmux('kill-server');
	} catch {
		// Already gone.
	}
	// The e2e project has no clean-up setup file: the harness, its answers and the terminal settings go here.
	await removeTempFolders();
});

/**
 * Runs the harness in a tmux window; the shell around it keeps the terminal's settings before and
 * after (`stty -g`), then reads a line in cooked mode (`read`), which echoes only if the terminal was restored.
 */
const start = (args: string[], env: Record<string, string> = {}) => {
	const name = `prompt${++sequence}`;
	const answers = join(folder, `${name}.answers`);
	const stty = (when: string) => `stty -g > ${quote(join(folder, `${name}.${when}`))}`;
	const environment = Object.entries(env).map(([key, value]) => `${key}=${quote(value)}`);
	// Without CI, as at an operator's terminal: Ink draws nothing until it exits when CI is set (cli.tsx
	// drops it for the console). The terminal's settings are kept before "[exited N]" is said, so that a
	// test that saw it finds them.
	const command = [
		stty('before'),
		`env -u CI LANG=C.UTF-8 ${environment.join(' ')} node ${quote(harness)} ${[args[0]!, answers, ...args.slice(1)].map(quote).join(' ')}`,
		'code=$?',
		stty('after'),
		'echo "[exited $code]"',
		'read line',
		'echo "[read $line]"',
		'sleep 600',
	].join('; ');
	tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '20', command);
	const capture = () => tmux('capture-pane', '-p', '-t', name);
	return {
		capture,
		waitFor: async (text: string): Promise<string> => {
			const deadline = Date.now() + 15_000;
			let screen = '';
			while (Date.now() < deadline) {
				screen = capture();
				if (screen.includes(text)) return screen;
				await new Promise((resolve) => setTimeout(resolve, 40));
			}
			throw new Error(`Timed out waiting for “${text}”. The screen showed:\n${screen}`);
		},
		type: (text: string) => tmux('send-keys', '-t', name, '-l', '--', text),
		press: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys),
		answers: () =>
			readFileSync(answers, 'utf8')
				.trimEnd()
				.split('\n')
				.map((line) => JSON.parse(line) as unknown),
		/** The terminal as it was before the harness: as its process saw it once the prompt was over, and after it exited. */
		sttyUnchanged: () => {
			const read = (path: string) => readFileSync(join(folder, path), 'utf8');
			expect(read(`${name}.answers.after`)).toBe(read(`${name}.answers.before`));
			expect(read(`${name}.after`)).toBe(read(`${name}.before`));
		},
	};
};

/** None of the characters typed shows on the screen, nor a star for them. */
const expectUnseen = (screen: string, typed: string) => {
	for (const character of typed) expect(screen, `“${character}” is on the screen`).not.toContain(character);
	expect(screen).not.toContain('*');
};

describe('the hidden passphrase prompt', () => {
	test('keys typed one at a time, several at once, Chinese and an emoji: unseen, and read right; Ink reads stdin after', async () => {
		const run = start(['ask', '2', 'ink']);
		await run.waitFor('Passphrase for vault.json:');
		for (const key of 'ZQ%K') run.type(key);
		run.type('XY@#');
		run.type('钥匙🔑');
		run.press('BSpace');
		run.press('Enter');
		await run.waitFor('[answered 1]');
		expectUnseen(run.capture(), 'ZQ%KXY@#钥匙🔑');
		run.type('WRONG');
		run.press('C-u');
		run.type('密码+=');
		run.press('Enter');
		const screen = await run.waitFor('[ink waits]');
		expectUnseen(screen, 'ZQ%KXY@#钥匙🔑WRONG密码+=');
		expect(run.answers()).toEqual(['ZQ%KXY@#钥匙', '密码+=']);
		run.type('w');
		await run.waitFor('[ink got w]');
		await run.waitFor('[exited 0]');
		run.sttyUnchanged();
	});

	test('two answers typed in one go (a paste of two lines): each question gets its own', async () => {
		const run = start(['ask', '2']);
		await run.waitFor('Passphrase for vault.json:');
		run.type('ZQ钥\rKXY匙\r');
		const screen = await run.waitFor('[exited 0]');
		expect(screen).toContain('[answered 2]');
		expectUnseen(screen, 'ZQ钥KXY匙');
		expect(run.answers()).toEqual(['ZQ钥', 'KXY匙']);
		run.sttyUnchanged();
	});

	test('a wrong passphrase is told and asked again; the right one opens', async () => {
		const run = start(['key'], {HARNESS_PASSPHRASE: '钥匙ZQ'});
		await run.waitFor('Passphrase for vault.json:');
		run.type('ZZ');
		run.press('Enter');
		await run.waitFor('That is not the passphrase of vault.json');
		run.type('钥匙ZQ\r');
		const screen = await run.waitFor('[exited 0]');
		expect(screen).toContain('[opened]');
		expectUnseen(screen, '钥匙ZQ');
		expect(run.answers()).toEqual([true]);
		run.sttyUnchanged();
	});

	test('Ctrl+C stops with 130, says so, and leaves the terminal in cooked mode (it echoes again)', async () => {
		const run = start(['key'], {HARNESS_PASSPHRASE: '钥匙ZQ'});
		await run.waitFor('Passphrase for vault.json:');
		run.type('ZQX');
		run.press('C-c');
		const screen = await run.waitFor('[exited 130]');
		expect(screen).toContain('Stopped at the passphrase for vault.json (Ctrl+C or a signal).');
		expectUnseen(screen, 'ZQX');
		run.sttyUnchanged();
		run.type('echoed');
		await run.waitFor('echoed');
		run.press('Enter');
		await run.waitFor('[read echoed]');
	});
});
