import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, test} from 'vitest';
import {PromptStopped, terminalPrompt} from '../../source/cli/passphrase-prompt.js';

/** The terminal's prompt over a fake terminal (issue 22): when there is one, and what it leaves behind. */
type FakeTerminal = {stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream; shown: () => string; rawModes: boolean[]};

const fakeTerminal = (tty: {stdin?: boolean; stderr?: boolean} = {stdin: true, stderr: true}): FakeTerminal => {
	const rawModes: boolean[] = [];
	const input = new PassThrough() as unknown as NodeJS.ReadStream & {isRaw: boolean};
	input.isTTY = tty.stdin as true;
	input.isRaw = false;
	input.setRawMode = (mode: boolean) => {
		rawModes.push(mode);
		input.isRaw = mode;
		return input;
	};
	const written: string[] = [];
	const output = new PassThrough() as unknown as NodeJS.WriteStream;
	output.isTTY = tty.stderr as true;
	output.write = ((text: string) => written.push(text) > 0) as NodeJS.WriteStream['write'];
	return {stdin: input, stderr: output, shown: () => written.join(''), rawModes};
};

const terminals: FakeTerminal[] = [];
afterEach(() => {
	for (const terminal of terminals.splice(0)) terminal.stdin.destroy();
});

/** Until the question is asked: one question waits for the one before it, so asking starts a tick later. */
const asked = () => new Promise((resolve) => setImmediate(resolve));

const opened = (): FakeTerminal => {
	const terminal = fakeTerminal();
	terminals.push(terminal);
	return terminal;
};

describe('the terminal prompt', () => {
	test.each([
		[{stdin: true, stderr: true}, true],
		[{stdin: true, stderr: false}, false],
		[{stdin: false, stderr: true}, false],
		[{stdin: undefined, stderr: undefined}, false],
		[{}, false],
	])('stdin and stderr terminals %o: a prompt %s', (tty, prompt) => {
		expect(terminalPrompt(fakeTerminal(tty)) !== null).toBe(prompt);
	});

	test('asks on stderr, reads unseen, and leaves the terminal as it was, paused', async () => {
		const terminal = opened();
		const prompt = terminalPrompt(terminal)!;
		const answer = prompt.ask('Passphrase for \u001b]0;x\u0007a.json:');
		terminal.stdin.write('秘密\r');
		expect(await answer).toBe('秘密');
		expect(terminal.shown()).toBe('Passphrase for \\x1b]0;x\\x07a.json: \n');
		expect(terminal.rawModes).toEqual([true, false]);
		expect(terminal.stdin.isPaused()).toBe(true);
		expect(terminal.stdin.listenerCount('data')).toBe(0);
	});

	test('keys after the Enter are left for the next question (a paste of two lines in one chunk)', async () => {
		const terminal = opened();
		const prompt = terminalPrompt(terminal)!;
		const first = prompt.ask('One:');
		terminal.stdin.write('first\rsecond\r');
		expect(await first).toBe('first');
		expect(await prompt.ask('Two:')).toBe('second');
		expect(terminal.rawModes).toEqual([true, false, true, false]);
	});

	test.each([
		['Ctrl+C', '\u0003', 'interrupt', 130],
		['Ctrl+D on an empty line', '\u0004', 'end', 2],
	])('%s stops it, and the terminal is restored', async (_, key, kind, exitCode) => {
		const terminal = opened();
		const answer = terminalPrompt(terminal)!.ask('Q:');
		terminal.stdin.write(key);
		const stopped = await answer.then(
			() => null,
			(error: PromptStopped) => error,
		);
		expect(stopped).toBeInstanceOf(PromptStopped);
		expect([stopped!.kind, stopped!.exitCode]).toEqual([kind, exitCode]);
		expect(terminal.rawModes).toEqual([true, false]);
		expect(terminal.stdin.isPaused()).toBe(true);
	});

	test('the input closing stops it as an end', async () => {
		const terminal = opened();
		const answer = terminalPrompt(terminal)!.ask('Q:');
		terminal.stdin.end();
		await expect(answer).rejects.toMatchObject({kind: 'end', exitCode: 2});
		expect(terminal.rawModes).toEqual([true, false]);
	});

	test('an error of the input stops it, and the terminal is restored', async () => {
		const terminal = opened();
		const answer = terminalPrompt(terminal)!.ask('Q:');
		await asked();
		terminal.stdin.emit('error', new Error('EIO'));
		await expect(answer).rejects.toThrow('EIO');
		expect(terminal.rawModes).toEqual([true, false]);
	});

	test('a signal meanwhile stops it with 128 + the signal', async () => {
		const terminal = opened();
		const answer = terminalPrompt(terminal)!.ask('Q:');
		await asked();
		process.emit('SIGTERM', 'SIGTERM');
		await expect(answer).rejects.toMatchObject({kind: 'interrupt', exitCode: 143});
		expect(process.listenerCount('SIGTERM')).toBe(0);
		expect(terminal.rawModes).toEqual([true, false]);
	});

	test('two questions at once are asked in turn', async () => {
		const terminal = opened();
		const prompt = terminalPrompt(terminal)!;
		const both = Promise.all([prompt.ask('A:'), prompt.ask('B:')]);
		terminal.stdin.write('a\r');
		await asked();
		terminal.stdin.write('b\r');
		expect(await both).toEqual(['a', 'b']);
		expect(terminal.shown()).toBe('A: \nB: \n');
	});
});
