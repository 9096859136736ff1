import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

/** The built console, as `npm start` runs it. */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A private tmux server, so the tests never touch an operator's sessions. */
const socket = `crm-e2e-${process.pid}`;
let sequence = 0;

const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});

/** A command to the tests' own tmux server (its options, its paste buffers). */
export const tmuxServer = (...args: string[]): string => {
	ensureServer();
	return tmux(...args);
};

export const tmuxAvailable = (): boolean => {
	try {
		execFileSync('tmux', ['-V']);
		return true;
	} catch {
		return false;
	}
};

const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;

export type TmuxSession = ReturnType<typeof startInTmux>;

/**
 * Starts `crm` with `args` in a detached tmux window of the given size. When it exits, the pane
 * prints `[exited CODE]` and stays open so the test can read what the terminal was left showing.
 */
let serverStarted = false;

/**
 * tmux exits when its last session ends; a new session started in that moment fails with
 * "server exited unexpectedly". A placeholder session keeps the server up until stopTmuxServer.
 */
const ensureServer = (): void => {
	if (serverStarted) return;
	tmux('new-session', '-d', '-s', 'keepalive', 'sleep 3600');
	serverStarted = true;
};

export const startInTmux = ({
	args,
	width,
	height,
	env = {},
	cli = cliPath,
}: {
	args: string[];
	width: number;
	height: number;
	env?: Record<string, string>;
	/** Another copy of the built console (a test's own). */
	cli?: string;
}) => {
	ensureServer();
	const name = `crm${++sequence}`;
	const environment = Object.entries(env)
		.map(([key, value]) => `${key}=${quote(value)}`)
		.join(' ');
	const command = `clear; env ${environment} node ${quote(cli)} ${args.map(quote).join(' ')}; echo "[exited $?]"; sleep 600`;
	tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), command);

	/** The screen as text; with `escapes`, including the colour codes; `joined` undoes line wrapping. */
	const capture = (escapes = false, joined = false): string =>
		tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), ...(joined ? ['-J'] : []), '-t', name);

	const waitFor = async (predicate: (screen: string) => boolean, what: string, timeout = 10_000): Promise<string> => {
		const deadline = Date.now() + timeout;
		let screen = '';
		while (Date.now() < deadline) {
			screen = capture();
			if (predicate(screen)) return screen;
			await new Promise((resolve) => setTimeout(resolve, 40));
		}
		throw new Error(`Timed out waiting for ${what}. The screen showed:\n${screen}`);
	};

	return {
		name,
		capture,
		waitFor,
		/** Types text literally, all of it in one write (as a paste or a fast typist over SSH). */
		// `--`: text that starts with a dash (`-1d`) is text, not a flag.
		type: (text: string) => tmux('send-keys', '-t', name, '-l', '--', text),
		/** Pastes text as a terminal does: bracketed (`ESC [200~ … ESC [201~`) when the program asked for it, raw otherwise. */
		paste: (text: string) => {
			tmux('set-buffer', '-b', `${name}-paste`, text);
			tmux('paste-buffer', '-p', '-d', '-b', `${name}-paste`, '-t', name);
		},
		/** Presses named keys (tmux names: Enter, Escape, Down, NPage, Home, BTab, C-c …). */
		press: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys),
		resize: (columns: number, rows: number) =>
			tmux('resize-window', '-t', name, '-x', String(columns), '-y', String(rows)),
		/** The pane's title, as a program sets it with `ESC ] 0 ;` or `ESC ] 2 ;` (or `setTitle` does). */
		title: () => tmux('display-message', '-p', '-t', name, '#{pane_title}').replace(/\n$/, ''),
		setTitle: (title: string) => tmux('select-pane', '-t', name, '-T', title),
		kill: () => {
			try {
				tmux('kill-session', '-t', name);
			} catch {
				// Already gone.
			}
		},
	};
};

export const stopTmuxServer = (): void => {
	serverStarted = false;
	try {
		tmux('kill-server');
	} catch {
		// No server was left running.
	}
};

/** The terminal's last line: the console's status line. */
export const statusLine = (screen: string): string => screen.trimEnd().split('\n').at(-1)!;

/**
 * What the console reports: its status line, and the rows above it a notice too long to sit beside
 * the filter and the position wraps over (its last words stay on the status line).
 */
export const noticeOf = (screen: string): string =>
	screen
		.trimEnd()
		.split('\n')
		.slice(-4)
		.map((line) => line.trim())
		.join(' ');

/** Waits until the console reports `text` (a save is only reported once it is on disk). */
export const saved = (crm: TmuxSession, text: string) =>
	crm.waitFor((screen) => noticeOf(screen).includes(text), `“${text}”`);

/**
 * Every line the assessment's panels show for the running month, read by walking them row by row
 * (at 80x24 they scroll): the screen opens on the last complete month, `]` moves on to this one.
 */
export const panelsOfThisMonth = async (crm: TmuxSession, rows: number): Promise<string> => {
	const thisMonth = new Date().toISOString().slice(0, 7);
	crm.type('5');
	await crm.waitFor((screen) => screen.includes('(month'), 'the assessment');
	crm.type(']');
	await crm.waitFor((screen) => screen.includes(`${thisMonth} (month`), 'this month');
	crm.type('g');
	const seen = new Set<string>();
	for (let row = 0; row < rows; row++) {
		for (const line of crm.capture().split('\n')) seen.add(line);
		crm.type('j');
		await new Promise((resolve) => setTimeout(resolve, 15));
	}
	return [...seen].join('\n');
};
