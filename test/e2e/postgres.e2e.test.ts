import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import pg from 'pg';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {migrations, schemaVersion} from '../../source/store/postgres/pg-schema.js';
import {freePort} from '../support/pg-cluster.js';
import {needPostgres, newDatabase, postgresServer} from '../support/pg-database.js';
import {cliPath, startInTmux, statusLine, stopTmuxServer, tmuxAvailable} from '../support/tmux.js';

/**
 * crm on a PostgreSQL database, as a team runs it (README, "Running for a team"): the URL without
 * its password, the password in PGPASSWORD; consoles in real terminals, commands as processes.
 */

type Run = {code: number; stdout: string; stderr: string};

let folder: string;
const dropped: Array<() => Promise<void>> = [];

/** The URL as the README has people write it: no password in it. */
const withoutPassword = (url: string): string => {
	const parsed = new URL(url);
	parsed.password = '';
	return parsed.toString();
};

/** The environment of every crm here: the password by PGPASSWORD, crm's own files in a temporary folder. */
const environment = (password = postgresServer()!.password): Record<string, string> => ({
	PGPASSWORD: password,
	XDG_DATA_HOME: join(folder, 'xdg'),
});

const crm = (args: string[], env: Record<string, string> = environment()): Promise<Run> =>
	new Promise((resolve) => {
		execFile(
			process.execPath,
			[cliPath, ...args],
			{env: {...process.env, ...env}, encoding: 'utf8', timeout: 30_000},
			(error, stdout, stderr) => resolve({code: error ? Number(error.code ?? -1) : 0, stdout, stderr}),
		);
	});

/** A new database of the cluster's (dropped at the end), as a URL without its password. */
const database = async (): Promise<string> => {
	const made = await newDatabase();
	dropped.push(made.drop);
	return withoutPassword(made.url);
};

const seeded = async (): Promise<string> => {
	const url = await database();
	const seed = await crm([
		'seed',
		'--data',
		url,
		'--customers',
		'40',
		'--opportunities',
		'20',
		'--tickets',
		'10',
		'--feedback',
		'10',
	]);
	expect(seed.code, seed.stderr).toBe(0);
	return url;
};

/** A refusal as the CLI gives it: exit 2, one line on stderr naming the database, no stack, no password. */
const expectRefusal = (run: Run, url: string, secrets: string[]): string => {
	expect(run.code, run.stdout + run.stderr).toBe(2);
	const lines = run.stderr.trim().split('\n');
	expect(lines, run.stderr).toHaveLength(1);
	expect(lines[0]).toContain(withoutPassword(url));
	for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
	expect(run.stdout + run.stderr).not.toContain('    at ');
	return lines[0]!;
};

if (needPostgres()) {
	beforeAll(async () => {
		if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
		folder = await mkdtemp(join(tmpdir(), 'crm-pg-e2e-'));
	});

	afterAll(async () => {
		stopTmuxServer();
		for (const drop of dropped.splice(0)) await drop();
		await rm(folder, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
	});

	test('a rename saved in one console shows in another on the same database, no key pressed there', async () => {
		const url = await seeded();
		const env = environment();
		const narrow = startInTmux({
			args: ['--data', url, '--operator', 'ana'],
			width: 80,
			height: 24,
			env: {...env, NO_COLOR: '1'},
		});
		const wide = startInTmux({args: ['--data', url, '--operator', 'ben'], width: 200, height: 50, env});
		await narrow.waitFor((screen) => screen.includes('/40'), 'the 80x24 console');
		await wide.waitFor((screen) => screen.includes('/40'), 'the 200x50 console');
		// Ben filters his list to a name nobody has yet: it shows no row.
		wide.type('/Zephyrine');
		await wide.waitFor((screen) => statusLine(screen).startsWith('/Zephyrine'), 'the filter typed');
		wide.press('Enter');
		const empty = await wide.waitFor((screen) => !statusLine(screen).startsWith('/'), 'the filter applied');
		expect(empty).not.toContain('Zephyrine Quill');

		// Ana renames the customer at her cursor.
		narrow.type('e');
		await narrow.waitFor((screen) => screen.includes('Edit customer'), 'the form');
		narrow.press('C-u');
		narrow.type('Zephyrine Quill');
		narrow.press('C-s');
		await narrow.waitFor((screen) => screen.includes('Saved customer “Zephyrine Quill”'), 'the save');

		// Ben's list gains the row by the database's notification alone.
		const shown = await wide.waitFor((screen) => screen.includes('Zephyrine Quill'), 'the rename in the other console');
		expect(statusLine(shown)).toMatch(/1\/1\b/);
		for (const screen of [narrow.capture(), shown]) expect(screen).not.toContain(env.PGPASSWORD);
		narrow.type('q');
		wide.press('Escape');
		wide.type('q');
		await narrow.waitFor((screen) => screen.includes('[exited 0]'), 'the first console to quit');
		await wide.waitFor((screen) => screen.includes('[exited 0]'), 'the second console to quit');
	});

	test('a large database opens on its first rows: the assessment waits, and every record is there once read', async () => {
		const url = await database();
		const file = join(folder, 'large.json');
		const sizes = ['--customers', '25000', '--opportunities', '2000', '--tickets', '500', '--feedback', '200'];
		expect((await crm(['seed', '--data', file, ...sizes])).code).toBe(0);
		expect((await crm(['copy', '--from', file, '--to', url])).code).toBe(0);
		const console = startInTmux({
			args: ['--data', url],
			width: 120,
			height: 30,
			env: {...environment(), NO_COLOR: '1'},
		});
		// The first frame shows customers before the rest is read, in the order read (no sort arrow until all is);
		// the assessment says it waits for all of it.
		const first = await console.waitFor(
			(screen) => screen.includes('[1 Customers]') && / \d+\/\d+\s*$/.test(statusLine(screen)),
			'the first frame',
		);
		expect(statusLine(first)).toMatch(/loading \d+%/);
		expect(first).toContain('Name');
		expect(first).not.toMatch(/Name [↑↓]/);
		console.type('5');
		const done = await console.waitFor(
			(screen) => screen.replace(/\s+/g, ' ').includes('Every record is read'),
			'every record read',
			60_000,
		);
		expect(done).toMatch(/Every record is read \(\d{2},\d{3}\)/);
		const assessed = await console.waitFor((screen) => /Revenue won +\$[\d,]+/.test(screen), 'the KPIs', 30_000);
		expect(assessed).not.toContain('Reading the data');
		console.type('1');
		const whole = await console.waitFor((screen) => /\/25000\b/.test(statusLine(screen)), 'all customers');
		expect(statusLine(whole)).not.toContain('loading');
		// Every record read: the list in its own order.
		expect(whole).toContain('Name ↑');
		console.type('q');
		await console.waitFor((screen) => screen.includes('[exited 0]'), 'the console to quit');
	});

	test('the console on a database without crm tables asks to create them: no, and it ends in words; yes, and it opens', async () => {
		const url = await database();
		const declined = startInTmux({args: ['--data', url], width: 80, height: 24, env: environment()});
		// The question wraps at 80 columns: read as one line.
		const asked = (screen: string) =>
			screen.replaceAll('\n', '').includes('has no crm tables yet. Create them now? [y/N]');
		await declined.waitFor(asked, 'the question');
		declined.press('Enter');
		const refused = await declined.waitFor((screen) => screen.includes('[exited 2]'), 'the console to end');
		expect(refused.replaceAll('\n', '')).toContain('crm db migrate');
		const accepted = startInTmux({args: ['--data', url], width: 80, height: 24, env: environment()});
		await accepted.waitFor(asked, 'the question again');
		accepted.type('y');
		accepted.press('Enter');
		const opened = await accepted.waitFor((screen) => screen.includes('No customers yet.'), 'the empty console');
		expect(opened.replace(/\s+/g, ' ')).toContain('holds no records yet');
		accepted.type('q');
		await accepted.waitFor((screen) => screen.includes('[exited 0]'), 'the console to quit');
		expect((await crm(['db', 'migrate', '--data', url])).stdout).toContain('are up to date');
	});

	describe('a database that cannot be used is refused in one line, exit 2, no password, no stack', () => {
		test('a wrong password', async () => {
			const url = await seeded();
			const wrong = 'not-the-password-8c1f';
			const line = expectRefusal(await crm(['report', '--data', url], environment(wrong)), url, [
				wrong,
				postgresServer()!.password,
			]);
			expect(line).toContain('refused the user name or password');
			// In the URL itself (as it should not be written, but may be): not printed either.
			const inUrl = new URL(url);
			inUrl.password = wrong;
			expectRefusal(await crm(['report', '--data', inUrl.toString()], {XDG_DATA_HOME: join(folder, 'xdg')}), url, [
				wrong,
			]);
		});

		test('a host and port where nothing listens', async () => {
			const url = `postgres://postgres@127.0.0.1:${await freePort()}/crm`;
			const line = expectRefusal(await crm(['report', '--data', url]), url, [postgresServer()!.password]);
			expect(line).toContain('nothing answers');
		});

		test('a database without crm tables: run crm db migrate', async () => {
			const url = await database();
			const line = expectRefusal(await crm(['report', '--data', url]), url, [postgresServer()!.password]);
			expect(line).toContain(`crm db migrate --data ${url}`);
		});

		/** A database whose crm.migrations holds version 999, as a newer crm would leave it. */
		const fromTheFuture = async (): Promise<string> => {
			const url = await database();
			expect((await crm(['db', 'migrate', '--data', url])).code).toBe(0);
			const owner = new URL(url);
			owner.password = postgresServer()!.password;
			const client = new pg.Client(owner.toString());
			await client.connect();
			try {
				await client.query("INSERT INTO crm.migrations (version, name) VALUES (999, 'from the future')");
			} finally {
				await client.end();
			}
			return url;
		};

		test('a database migrated by a newer crm: opened by a command', async () => {
			const url = await fromTheFuture();
			for (const args of [['report'], ['export', 'customers']]) {
				const line = expectRefusal(await crm([...args, '--data', url]), url, [postgresServer()!.password]);
				expect(line).toContain('version 999');
				expect(line).toContain('newer crm');
			}
		});

		test('a database migrated by a newer crm: crm db migrate names the database it refuses', async () => {
			const url = await fromTheFuture();
			const run = await crm(['db', 'migrate', '--data', url]);
			expect(run.code).toBe(2);
			expect(run.stderr).toContain('newer crm');
			expectRefusal(run, url, [postgresServer()!.password]);
		});
	});

	test('crm db migrate twice, a report, and a file copied to the database and back unchanged', async () => {
		const url = await database();
		const first = await crm(['db', 'migrate', '--data', url]);
		expect(first.code, first.stderr).toBe(0);
		expect(first.stdout).toContain(`version ${schemaVersion} (${migrations.length} steps)`);
		const second = await crm(['db', 'migrate', '--data', url]);
		expect(second.code, second.stderr).toBe(0);
		expect(second.stdout).toContain(`are up to date (version ${schemaVersion})`);

		const file = join(folder, 'team.json');
		const seed = await crm([
			'seed',
			'--data',
			file,
			'--customers',
			'40',
			'--opportunities',
			'20',
			'--tickets',
			'10',
			'--feedback',
			'10',
		]);
		expect(seed.code, seed.stderr).toBe(0);
		const there = await crm(['copy', '--from', file, '--to', url]);
		expect(there.code, there.stderr).toBe(0);
		const report = await crm(['report', '--data', url]);
		expect(report.code, report.stderr).toBe(0);
		expect(report.stdout).toContain('# CRM evaluation');
		expect(report.stdout).toContain(url);

		const back = join(folder, 'back.json');
		const again = await crm(['copy', '--from', url, '--to', back]);
		expect(again.code, again.stderr).toBe(0);
		const before = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
		const after = JSON.parse(await readFile(back, 'utf8')) as Record<string, unknown>;
		const entities = Object.keys(before).filter((key) => Array.isArray(before[key]) && key !== 'changes');
		expect(entities).toContain('customers');
		for (const key of [...entities, 'changes', 'auditHead', 'seals']) expect(after[key], key).toEqual(before[key]);
		expect(await readFile(join(folder, 'back.config.json'), 'utf8').then(JSON.parse)).toEqual(
			await readFile(join(folder, 'team.config.json'), 'utf8').then(JSON.parse),
		);
		const verified = await crm(['audit', 'verify', '--data', back]);
		expect(verified.code, verified.stderr).toBe(0);
		expect(verified.stdout).toContain('Audit chain intact');
	});
}
