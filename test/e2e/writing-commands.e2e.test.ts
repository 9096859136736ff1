import {execFile} from 'node:child_process';
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir, userInfo} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {inCi, systemSetupPossible} from '../support/system-setup.js';
import {cliPath} from '../support/tmux.js';

/**
 * A viewer wiped a file with `crm seed --force` (exit 0, then "All well"), and writing commands
 * ignored --readonly (issue 12). Every writing command now obeys the file's roles and --readonly,
 * and replacing a file that holds data needs an admin and keeps it first.
 */
let directory: string;
const me = userInfo().username;

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'crm-writing-'));
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

type Outcome = {code: number; out: string};

const run = async (
	args: string[],
	options: {env?: Record<string, string>; command?: string[]} = {},
): Promise<Outcome> => {
	const [program, ...prefix] = options.command ?? [process.execPath];
	try {
		const {stdout, stderr} = await promisify(execFile)(program!, [...prefix, cliPath, ...args], {
			env: {...process.env, CRM_DATA: '', ...options.env},
		});
		return {code: 0, out: stdout + stderr};
	} catch (error) {
		const failure = error as {code: number; stdout: string; stderr: string};
		return {code: failure.code, out: failure.stdout + failure.stderr};
	}
};

const stackTrace = /^\s+at .+[(\s].*:\d+:\d+\)?$/m;

/** A folder with a seeded data file (and a backup to restore, a journal to fold) and the given roles. */
const fileWithRoles = async (name: string, operators: Record<string, string>): Promise<string> => {
	const folder = join(directory, name);
	await mkdir(folder);
	const file = join(folder, 'crm.json');
	expect(
		(
			await run([
				'seed',
				'--data',
				file,
				'--customers',
				'5',
				'--opportunities',
				'5',
				'--tickets',
				'5',
				'--feedback',
				'5',
			])
		).code,
	).toBe(0);
	// A rewrite (a backup to restore), then a journaled save (something to fold).
	await writeFile(join(folder, 'w.csv'), 'externalId,name,status\nW1,Wanda,lead\n');
	expect((await run(['import', 'customers', join(folder, 'w.csv'), '--data', file])).out).toMatch(/Saved 1 change/);
	await writeFile(join(folder, 'crm.config.json'), JSON.stringify({journal: {fromBytes: 0}}));
	await writeFile(join(folder, 'x.csv'), 'externalId,name,status\nX1,Xena,lead\n');
	expect((await run(['import', 'customers', join(folder, 'x.csv'), '--data', file])).out).toMatch(/Saved 1 change/);
	await writeFile(join(folder, 'new.csv'), 'externalId,name,status\nN1,Nora,lead\n');
	await writeFile(join(folder, 'crm.config.json'), JSON.stringify({journal: {fromBytes: 0}, access: {operators}}));
	return file;
};

const snapshot = async (file: string): Promise<string> => {
	const folder = join(file, '..');
	const names = (await readdir(folder)).filter((name) => !name.endsWith('.lock')).sort();
	const parts = await Promise.all(
		names.map(
			async (name) =>
				`${name}:${await readFile(join(folder, name)).then(
					(bytes) => bytes.toString('base64'),
					() => 'dir',
				)}`,
		),
	);
	return parts.join('\n');
};

describe('as a viewer, every writing command is refused in words and changes nothing', () => {
	const commands: Array<[string, (file: string) => string[], RegExp]> = [
		[
			'seed --force',
			(file) => ['seed', '--force', '--data', file],
			/may not replace .*crm\.json: it holds \d+ records and \d+ logged changes, and replacing them is for an admin/,
		],
		[
			'doctor --restore 1',
			(file) => ['doctor', '--restore', '1', '--data', file],
			/may not restore a backup: that is for an admin/,
		],
		['fold', (file) => ['fold', '--data', file], /\(viewer\) may not fold the journal/],
		[
			'access set',
			(file) => ['access', 'set', me, 'admin', '--data', file],
			/\(viewer\) may not change settings or roles/,
		],
		[
			'import',
			(file) => ['import', 'customers', join(file, '..', 'new.csv'), '--data', file],
			/\(viewer\) may not create customers/,
		],
	];
	test.each(commands)('%s', async (_, args, message) => {
		const file = await fileWithRoles(`viewer-${args(join(directory, 'f'))[0]}-${args(join(directory, 'f'))[1]}`, {
			boss: 'admin',
		});
		const before = await snapshot(file);
		const {code, out} = await run(args(file));
		expect(code).toBe(1);
		expect(out).toMatch(message);
		expect(out).not.toMatch(stackTrace);
		expect(await snapshot(file)).toBe(before);
	});
});

describe('--readonly, before or after the command, refuses every writing command', () => {
	const commands: Array<[string, (file: string) => string[]]> = [
		['seed --force', (file) => ['seed', '--force', '--data', file]],
		['doctor --restore 1', (file) => ['doctor', '--restore', '1', '--data', file]],
		['fold', (file) => ['fold', '--data', file]],
		['access set', (file) => ['access', 'set', 'someone', 'sales', '--data', file]],
		['import', (file) => ['import', 'customers', join(file, '..', 'new.csv'), '--data', file]],
	];
	test.each(commands)('%s', async (name, args) => {
		const file = await fileWithRoles(`readonly-${name.replace(/\W+/g, '-')}`, {[me]: 'admin'});
		const before = await snapshot(file);
		for (const readonly of [
			['--readonly', ...args(file)],
			[...args(file), '--readonly'],
		]) {
			const {code, out} = await run(readonly);
			expect(code).toBe(1);
			expect(out).toMatch(/--readonly: .*, so it did nothing/);
			expect(await snapshot(file)).toBe(before);
		}
	});
});

/**
 * Options typed before the command were parsed as the console's and the command read its own, unset:
 * `crm --data F settings cost add …` wrote into the default file and exited 0 (issue 16). An option
 * before the command now means what it means after it, or is refused before anything is read.
 */
describe('an option before the command is the command’s, or is refused', () => {
	let home: string;
	let file: string;
	const runAtHome = (args: string[]) => run(args, {env: {HOME: home, XDG_DATA_HOME: ''}});
	const nothingAtHome = async () => expect(await readdir(home, {recursive: true})).toEqual([]);

	beforeAll(async () => {
		home = join(directory, 'home');
		await mkdir(home);
		file = join(directory, 'before', 'crm.json');
		await mkdir(join(file, '..'));
		const small = ['--customers', '5', '--opportunities', '5', '--tickets', '5', '--feedback', '5'];
		expect((await runAtHome(['seed', '--data', file, '--now', '2026-03-01', ...small])).code).toBe(0);
	});

	test('crm --data FILE report reads FILE', async () => {
		const {code, out} = await runAtHome(['--data', file, 'report', '--period', '2026-02']);
		expect(code).toBe(0);
		expect(out).toContain(`Data: \`${file}\``);
		await nothingAtHome();
	});

	test('crm --data FILE settings cost add writes beside FILE, and nothing at the default place', async () => {
		const added = await runAtHome(['--data', file, 'settings', 'cost', 'add', '2026-03-01 software 1,000 Before']);
		expect(added.code).toBe(0);
		expect(await readFile(join(file, '..', 'crm.config.json'), 'utf8')).toContain('Before');
		expect((await runAtHome(['settings', 'costs', '--data', file])).out).toMatch(/software\s+1,000\.00\s+Before/);
		await nothingAtHome();
	});

	test('the same option before and after the command with different values is refused, naming both', async () => {
		const other = join(directory, 'before', 'other.json');
		const {code, out} = await runAtHome(['--data', file, 'export', 'customers', '--data', other]);
		expect(code).toBe(2);
		expect(out.trim().split('\n')).toHaveLength(1);
		expect(out).toContain(file);
		expect(out).toContain(other);
		// The same value twice is no contradiction.
		expect((await runAtHome(['--data', file, 'export', 'customers', '--data', file])).code).toBe(0);
		await nothingAtHome();
	});

	test.each<[string, string, (data: string) => string[]]>([
		[
			'--mask',
			'settings cost add',
			(data) => ['--mask', 'settings', 'cost', 'add', '2026-03-01 software 5 X', '--data', data],
		],
		['--operator', 'export', (data) => ['--operator', 'bob', 'export', 'customers', '--data', data]],
		['--demo', 'report', (data) => ['--demo', 'report', '--data', data]],
		['--readonly', 'keys', () => ['--readonly', 'keys']],
	])(
		'%s before crm %s, which does not take it, is refused in one line and writes nothing',
		async (flag, command, args) => {
			const before = await snapshot(file);
			const {code, out} = await runAtHome(args(file));
			expect(code).toBe(2);
			expect(out.trim().split('\n')).toEqual([
				expect.stringContaining(`${flag} was given before the command, but crm ${command} does not take it`),
			]);
			expect(await snapshot(file)).toBe(before);
			await nothingAtHome();
		},
	);

	test('crm --mask report --data FILE masks as crm report --mask does', async () => {
		const withoutTime = (text: string) => text.replace(/Generated \S+/, '');
		const before = await runAtHome(['--mask', 'report', '--data', file, '--period', '2026-02']);
		const after = await runAtHome(['report', '--mask', '--data', file, '--period', '2026-02']);
		const plain = await runAtHome(['report', '--data', file, '--period', '2026-02']);
		expect(before.code).toBe(0);
		expect(before.out).toContain('•');
		expect(withoutTime(before.out)).toBe(withoutTime(after.out));
		expect(withoutTime(before.out)).not.toBe(withoutTime(plain.out));
	});
});

test('a dry run under --readonly or by a viewer shows what an import would do and writes nothing, not even its rejects', async () => {
	const file = await fileWithRoles('dry-run', {boss: 'admin'});
	await writeFile(join(file, '..', 'bad.csv'), 'externalId,name,status\nB1,Bad,unknown-status\nB2,Good,lead\n');
	const before = await snapshot(file);
	for (const args of [['--dry-run'], ['--dry-run', '--readonly']]) {
		const {code, out} = await run(['import', 'customers', join(file, '..', 'bad.csv'), '--data', file, ...args]);
		// A row rejected: exit 1, as for a real import.
		expect(code).toBe(1);
		expect(out).toMatch(/1 created, 0 updated, 0 unchanged, 1 rejected/);
		expect(out).toMatch(/Dry run: nothing was written/);
		expect(out).not.toMatch(/Rejected rows, with their line and reason/);
		expect(await snapshot(file)).toBe(before);
	}
});

test('an admin may replace a file that holds data with crm seed --force: the file as it was is kept, its journaled saves included', async () => {
	const file = await fileWithRoles('admin-seed', {[me]: 'admin'});
	const {code, out} = await run(['seed', '--force', '--data', file, '--customers', '3']);
	expect(code).toBe(0);
	const kept = /kept as (\S+-before-seed\.json)\./.exec(out)?.[1];
	expect(kept).toBeDefined();
	// The backup holds the save that was still in the journal.
	expect(await readFile(kept!, 'utf8')).toContain('Xena');
	expect(await readFile(file, 'utf8')).not.toContain('Xena');
	const backups = await run(['doctor', '--restore', '--data', file]);
	expect(backups.out).toMatch(/before-seed\.json \(kept\)/);
	// The roles in force stay bound to the new file's chain: a hand edit after the seed is still told, and not in force.
	expect((await run(['audit', 'verify', '--data', file])).code).toBe(0);
	await writeFile(
		join(file, '..', 'crm.config.json'),
		JSON.stringify({access: {operators: {[me]: 'admin', mallory: 'admin'}}}),
	);
	const access = await run(['access', '--data', file]);
	expect(access.out).toMatch(/Warning: The roles in .*crm\.config\.json are not those last set with crm access/);
	expect(access.out).toMatch(/mallory is not|anyone else\s+viewer/);
	expect(access.out).not.toMatch(/mallory\s+admin/);
	expect((await run(['audit', 'verify', '--data', file])).code).toBe(1);
});

const possible = systemSetupPossible();

describe.skipIf(!possible.ok && !inCi())('who acts: the name of the uid, never $USER', () => {
	// A uid this system has no passwd entry for (as in some containers), with USER claiming root.
	beforeAll(async () => {
		// The stranger must reach the test's files: the folders are made open to everyone.
		await promisify(execFile)('chmod', ['0755', directory]);
	});
	const asStranger = {
		command: ['setpriv', '--reuid=4242', '--regid=4242', '--clear-groups', process.execPath],
		env: {USER: 'root', LOGNAME: 'root', HOME: '/tmp'},
	};

	test('with roles set, a uid without a name is refused instead of taken for $USER', async () => {
		if (!possible.ok) throw new Error(`needs root to run as another uid (${possible.why})`);
		const file = await fileWithRoles('stranger-roles', {root: 'admin'});
		await promisify(execFile)('chmod', ['-R', 'a+rwX', join(file, '..')]);
		const {code, out} = await run(['import', 'customers', join(file, '..', 'new.csv'), '--data', file], asStranger);
		expect(code).toBe(1);
		expect(out).toMatch(/uid 4242 has no user name on this system/);
		expect(out).not.toMatch(/Saved/);
	});

	test('without roles, its changes are logged as uid-4242, not as root', async () => {
		if (!possible.ok) throw new Error(`needs root to run as another uid (${possible.why})`);
		const folder = join(directory, 'stranger-open');
		await mkdir(folder, {mode: 0o777});
		await promisify(execFile)('chmod', ['0777', folder]);
		const file = join(folder, 'crm.json');
		await writeFile(join(folder, 'y.csv'), 'externalId,name,status\nY1,Yusuf,lead\n');
		const {out} = await run(['import', 'customers', join(folder, 'y.csv'), '--data', file], asStranger);
		expect(out).toMatch(/Saved 1 change/);
		const data = JSON.parse(await readFile(file, 'utf8')) as {changes: Array<{operator: string}>};
		expect(data.changes.map((entry) => entry.operator)).toEqual(['uid-4242']);
	});
});

test('--operator with a control character is refused, shown escaped', async () => {
	const file = join(directory, 'op.json');
	await writeFile(join(directory, 'op.csv'), 'externalId,name,status\nO1,Olga,lead\n');
	const {code, out} = await run([
		'import',
		'customers',
		join(directory, 'op.csv'),
		'--data',
		file,
		'--operator',
		'eve\u001b]0;pwned\u0007',
	]);
	expect(code).toBe(2);
	expect(out).toContain('--operator “eve\\x1b]0;pwned\\x07” holds the control character \\x1b');
	expect(out).not.toContain('\u001b');
});
