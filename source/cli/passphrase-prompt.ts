import {escapeControls} from '../domain/control-characters.js';
import {type AnswerEnd, type AnswerState, emptyAnswer, feedAnswer} from './passphrase-keys.js';

/**
 * Where a passphrase is typed: a terminal (`terminalPrompt`), or a fake one in tests. `ask` shows a
 * question and resolves with the answer, never shown; `tell` shows one line between questions (a
 * wrong passphrase, two that differ).
 */
export type PassphrasePrompt = {
	ask: (question: string) => Promise<string>;
	tell: (line: string) => void;
};

/** How a prompt was stopped: `interrupt` (Ctrl+C, or a signal), `end` (Ctrl+D on an empty line, or the input closed). */
export type PromptStopKind = 'interrupt' | 'end';

/**
 * The person stopped the prompt: the caller names the file in its own words. `exitCode` is what the
 * process exits with: 130 for Ctrl+C (as a process killed by SIGINT would, and as an import stopped
 * by Ctrl+C does), 128 + the signal for another signal, 2 for an input that ended.
 */
export class PromptStopped extends Error {
	override readonly name = 'PromptStopped'; // i18n-exempt: the error's class name

	constructor(
		readonly kind: PromptStopKind,
		readonly exitCode: number,
	) {
		super(`passphrase prompt stopped (${kind})`); // i18n-exempt: a developer's view; callers show their own words
	}
}

const signalExitCodes = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;
type StopSignal = keyof typeof signalExitCodes;
const stopSignals = Object.keys(signalExitCodes) as StopSignal[];

type Terminal = {stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream};

const stoppedBy = (end: Exclude<AnswerEnd, {kind: 'answer'}>): PromptStopped =>
	end.kind === 'interrupt' ? new PromptStopped('interrupt', signalExitCodes.SIGINT) : new PromptStopped('end', 2);

/**
 * Reads one answer from a terminal in raw mode, without echo: nothing of it reaches the screen, not
 * even a star. Whatever happens (an answer, Ctrl+C, a signal, an error, the input closing), the
 * terminal is put back as it was and stdin paused, so that Ink (or the next question) can read it.
 * Bytes typed after the Enter are handed back to stdin (`unshift`), as type-ahead is in cooked mode.
 */
const readHidden = ({stdin, stderr}: Terminal, question: string): Promise<string> =>
	new Promise((resolve, reject) => {
		const wasRaw = stdin.isRaw === true;
		let state: AnswerState = emptyAnswer;
		let finished = false;

		const restore = (): void => {
			try {
				stdin.setRawMode(wasRaw);
			} catch {
				// The terminal is gone (hung up): there is nothing left to restore.
			}
		};
		const onSignal = (signal: StopSignal): void =>
			finish(new PromptStopped('interrupt', signalExitCodes[signal]), null);
		const onEnd = (): void => finish(new PromptStopped('end', 2), null);
		const onError = (error: Error): void => finish(error, null);
		const onData = (chunk: Buffer | string): void => {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
			const step = feedAnswer(state, bytes);
			bytes.fill(0);
			state.pending.fill(0);
			state = step.state;
			if (!step.end) return;
			if (step.end.kind === 'answer') finish(null, step.end.text);
			else finish(stoppedBy(step.end), null);
			// Once this prompt no longer listens: a stream in flowing mode would hand them straight back to it.
			if (step.rest.length > 0) stdin.unshift(step.rest);
		};

		function finish(error: Error | null, answer: string | null): void {
			if (finished) return;
			finished = true;
			stdin.off('data', onData);
			stdin.off('end', onEnd);
			stdin.off('error', onError);
			for (const signal of stopSignals) process.off(signal, onSignal);
			process.off('exit', restore);
			restore();
			stdin.pause();
			state.pending.fill(0);
			state = emptyAnswer;
			// The Enter is not echoed either: the next line starts below the question.
			stderr.write('\n');
			if (answer === null) reject(error);
			else resolve(answer);
		}

		try {
			// Raw first: a key typed as soon as the question shows is never echoed by the terminal.
			stdin.setRawMode(true);
			stderr.write(`${escapeControls(question, false)} `);
			for (const signal of stopSignals) process.on(signal, onSignal);
			// An exit from elsewhere meanwhile (process.exit in a handler) still leaves the terminal as it was.
			process.on('exit', restore);
			stdin.on('data', onData);
			stdin.on('end', onEnd);
			stdin.on('error', onError);
			stdin.resume();
		} catch (error) {
			finish(error as Error, null);
		}
	});

/**
 * The prompt of the terminal crm runs at, or null when there is none to type at: stdin or stderr is
 * not a terminal (cron, a pipe, a redirect). Questions and lines go to stderr, so that a command's
 * output on stdout stays clean.
 */
export const terminalPrompt = (
	terminal: Terminal = {stdin: process.stdin, stderr: process.stderr},
): PassphrasePrompt | null => {
	if (terminal.stdin.isTTY !== true || terminal.stderr.isTTY !== true) return null;
	// One question at a time: two files opened together ask in turn, never over each other.
	let queue: Promise<unknown> = Promise.resolve();
	return {
		ask: (question) => {
			const asked = queue.then(() => readHidden(terminal, question));
			queue = asked.catch(() => undefined);
			return asked;
		},
		tell: (line) => void terminal.stderr.write(`${escapeControls(line, false)}\n`),
	};
};
