import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readdir, readFile, readlink, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {cliPath, startInTmux, stopTmuxServer, type TmuxSession, tmuxAvailable} from '../support/tmux.js';

const maven = fileURLToPath(new URL('../../../shared/datasets/maven-crm/', import.meta.url));
let directory: string;
let file: string;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
	directory = await mkdtemp(join(tmpdir(), 'crm-import-e2e-'));
	file = join(directory, 'crm.json');
});

afterAll(async () => {
	stopTmuxServer();
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

/** From a list: `i`, the file's path typed, read, the first (best fitting) mapping, preview. */
const preview = async (crm: TmuxSession, csv: string, mapping: string) => {
	crm.type('i');
	await crm.waitFor((screen) => screen.includes('[1 file] › 2 mapping'), 'the import screen');
	crm.type(csv);
	await crm.waitFor((screen) => screen.includes(csv.slice(-40)), 'the typed path');
	crm.press('Enter');
	await crm.waitFor(
		(screen) => new RegExp(`› \\w+ with .*${mapping} — all \\d+ columns found`).test(screen),
		`${mapping} offered first`,
	);
	crm.press('Enter');
	return crm.waitFor((screen) => screen.includes('as they will land'), 'the preview');
};

test('the Maven export imported from the console at 80x24 without colour: accounts, then 8,800 deals with a progress bar; again, nothing changes', async () => {
	const crm = startInTmux({args: ['--data', file, '--operator', 'ines'], width: 80, height: 24, env: {NO_COLOR: '1'}});
	await crm.waitFor((screen) => screen.includes('No customers yet.'), 'an empty CRM');

	let screen = await preview(crm, join(maven, 'accounts.csv'), 'maven-accounts.json');
	expect(screen).toMatch(/2\s+create\s+Acme Corporat…?\s/);
	crm.press('Enter');
	screen = await crm.waitFor((text) => text.includes('customer: 85 created, 0 updated'), 'the accounts summary');
	expect(screen).toContain('Saved 85 changes as one import.');
	crm.press('Enter');
	await crm.waitFor((text) => text.includes('Acme Corpora') && text.includes('1/85'), 'the customers list');

	crm.type('2');
	await crm.waitFor((text) => text.includes('No opportunities yet.'), 'the empty pipeline');
	screen = await preview(crm, join(maven, 'sales_pipeline.csv'), 'maven-pipeline.json');
	// The deals find the customers the first import made.
	expect(screen).toMatch(/2\s+create\s+GTX Plus Basi…\s+Cancity/);
	crm.press('Enter');
	await crm.waitFor(
		(text) => /row [\d,]+ of 8,800/.test(text) || text.includes('Saving 8,800 changes'),
		'the progress of 8,800 rows',
		20_000,
	);
	screen = await crm.waitFor(
		(text) => text.includes('opportunity: 8800 created, 0 updated, 0 unchanged, 0 rejected'),
		'the deals summary',
		60_000,
	);
	expect(screen).toMatch(/1480 × opportunity: product “GTXPro” is not in the\s+catalogue/);
	expect(screen).toMatch(/1425 × opportunity: no account: imported without a\s+customer/);
	crm.press('Escape');
	await crm.waitFor((text) => /\d+\/8800\s*$/m.test(text), 'the opportunities list holding every deal');

	// The same accounts again: the summary says nothing changed, and the file keeps its bytes.
	const before = await readFile(file);
	crm.type('1');
	await crm.waitFor((text) => text.includes('1/85'), 'the customers');
	screen = await preview(crm, join(maven, 'accounts.csv'), 'maven-accounts.json');
	expect(screen).toContain('85 unchanged');
	crm.press('Enter');
	screen = await crm.waitFor(
		(text) => text.includes('customer: 0 created, 0 updated, 85 unchanged'),
		'the second summary',
	);
	expect(screen).toContain('Nothing to change: the data already matches the file.');
	// Compared as text: a diff of two large buffers would take the test runner's memory.
	expect((await readFile(file)).equals(before)).toBe(true);
	expect(crm.capture(true)).not.toMatch(/\u001B\[[0-9;]*(3[0-7]|38;5;\d+|9[0-7])m/);
	crm.press('q');
	crm.type('q');
	await crm.waitFor((text) => text.includes('[exited 0]'), 'a clean exit');
}, 120_000);

/** A CSV of `count` new customers, written to the test's folder. */
const customersCsv = async (name: string, count: number): Promise<string> => {
	const path = join(directory, name);
	const rows = Array.from(
		{length: count},
		(_, index) => `X${index},Person ${index},Company ${index % 500},person${index}@example.com,active`,
	);
	await writeFile(path, `externalId,name,company,email,status\n${rows.join('\n')}\n`);
	return path;
};

test('crm import on a terminal shows its progress on one line and clears it; Ctrl+C while checking stops with nothing saved (exit 130)', async () => {
	const small = await customersCsv('few.csv', 20);
	const smallData = join(directory, 'few.json');
	let crm = startInTmux({
		args: ['import', 'customers', small, '--data', smallData, '--operator', 'ines'],
		width: 120,
		height: 20,
	});
	let screen = await crm.waitFor((text) => text.includes('[exited 0]'), 'the small import');
	expect(screen).toContain('customer: 20 created');
	// The progress line is cleared before the summary: nothing of it is left on the screen.
	expect(screen).not.toContain('Checking');

	const big = await customersCsv('many.csv', 300_000);
	const bigData = join(directory, 'many.json');
	crm = startInTmux({
		args: ['import', 'customers', big, '--data', bigData, '--operator', 'ines'],
		width: 120,
		height: 20,
	});
	screen = await crm.waitFor(
		(text) =>
			/Checking .*many\.csv: \d+% \([\d.]+ MB of [\d.]+ MB\), [\d,]+ rows — Ctrl\+C stops, nothing saved/.test(text),
		'the progress line',
		30_000,
	);
	crm.press('C-c');
	screen = await crm.waitFor((text) => text.includes('[exited 130]'), 'the stop');
	expect(screen).toContain('crm: Import stopped: nothing was saved.');
	expect(screen).not.toContain('created');
	expect(existsSync(bigData)).toBe(false);
}, 120_000);

test('SIGTERM while a file is read stops with nothing saved (exit 143); without a terminal there is no progress line', async () => {
	const big = await customersCsv('term.csv', 300_000);
	const data = join(directory, 'term.json');
	const child = spawn(process.execPath, [cliPath, 'import', 'customers', big, '--data', data, '--operator', 'ines'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	// Once the CSV is open the import is under way (its signal handlers are set before it opens the file).
	const reading = async () => {
		for (;;) {
			const fds = await readdir(`/proc/${child.pid}/fd`).catch((): string[] => []);
			const open = await Promise.all(fds.map((fd) => readlink(`/proc/${child.pid}/fd/${fd}`).catch(() => '')));
			if (open.includes(big)) return;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	};
	await reading();
	child.kill('SIGTERM');
	expect(await exited).toBe(143);
	expect(stderr).toBe('crm: Import stopped: nothing was saved.\n');
	expect(stdout).toBe('');
	expect(existsSync(data)).toBe(false);
}, 120_000);
