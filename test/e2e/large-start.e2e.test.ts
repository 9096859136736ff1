import {execFileSync} from 'node:child_process';
import {copyFileSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {userInfo} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {makeKeyFile} from '../support/sealed-set.js';
import {removeTempFolders, tempFolder} from '../support/temp-folder.js';
import {cliPath, startInTmux, statusLine, stopTmuxServer, tmuxAvailable} from '../support/tmux.js';

/**
 * Issue 23's first item, in a real terminal: a console on 100,000 records draws its first customers
 * before the file is read, says how far the reading is, answers keys meanwhile (in the file's order,
 * a sort saying it comes later), and once every record is read says so and shows the list in its own
 * order; the same for an encrypted file.
 */
const folder = tempFolder('large-start');
const data = join(folder, 'crm.json');
const sealed = join(folder, 'sealed', 'crm.json');
const keyFile = join(folder, 'crm.key');

const crm = (args: string[], env: Record<string, string> = {}) =>
	execFileSync(process.execPath, ['--max-old-space-size=8192', cliPath, ...args], {
		env: {...process.env, ...env},
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});

/** The customers' names in the file's order (a crm file of this size is one line of JSON). */
let fileNames: string[];

beforeAll(() => {
	crm(['seed', '--data', data, '--force', '--now', '2026-11-01', ...sizes]);
	fileNames = (JSON.parse(readFileSync(data, 'utf8')) as {customers: Array<{name: string}>}).customers.map(
		(record) => record.name,
	);
	execFileSync('mkdir', ['-p', join(folder, 'sealed')]);
	copyFileSync(data, sealed);
	crm(['encrypt', '--data', sealed, '--key-file', makeKeyFile(keyFile)]);
}, 240_000);

const sizes = ['--customers', '20000', '--opportunities', '40000', '--tickets', '20000', '--feedback', '20000'];

afterAll(async () => {
	stopTmuxServer();
	await removeTempFolders();
});

/** The rows the list shows: each row's first cell (the customer's name), the selection mark taken off. */
const rowNames = (screen: string): string[] =>
	screen
		.trimEnd()
		.split('\n')
		.slice(2, -1)
		.map((line) =>
			line
				.replace(/^[›>\s]+/, '')
				.split(/\s{2,}/)[0]!
				.trim(),
		)
		.filter(Boolean);

const reading = /loading (\d+)%…/;

/** A name as a cell shows it: whole, or cut with an ellipsis where the column is narrower. */
const sameName = (shown: string, full: string): boolean =>
	shown.endsWith('…') ? full.startsWith(shown.slice(0, -1)) : shown === full;

describe.skipIf(!tmuxAvailable())('a console on 100,000 records', () => {
	test.each([
		['the plain file, 200x50', data, {}, 200, 50],
		['the encrypted file, 80x24, without colour', sealed, {CRM_KEY_FILE: keyFile, NO_COLOR: '1'}, 80, 24],
	])(
		'%s: the first customers at once in the file’s order, keys meanwhile, then every record in the list’s order',
		async (_name, file, env, width, height) => {
			expect(statSync(file).size).toBeGreaterThan(40_000_000);
			const console = startInTmux({args: ['--data', file], width, height, env: {...env, CRM_LANG: 'en'}});
			try {
				// The whole first frame: its header, and its status line with the position.
				const first = await console.waitFor(
					(screen) => screen.includes('[1 Customers]') && / \d+\/\d+\s*$/.test(statusLine(screen)),
					'the first frame',
					30_000,
				);
				// Still reading: the first rows are the file's first customers, in its order, and the header shows no sort.
				expect(statusLine(first)).toMatch(reading);
				expect(first).not.toMatch(/Name [↑↓]/);
				const shown = rowNames(first);
				expect(shown.length).toBeGreaterThan(5);
				expect(shown.filter((name, index) => !sameName(name, fileNames[index]!))).toEqual([]);
				// Keys at once, as a fast typist sends them: three rows down; then a sort, which comes once every record is read.
				console.type('jjj');
				await console.waitFor((screen) => / 4\/\d+\s*$/.test(statusLine(screen)), 'three rows down', 10_000);
				console.type('s');
				const later = await console.waitFor(
					(screen) => /once every record is read/.test(screen.replaceAll('\n', ' ')),
					'the sort said to come later',
					10_000,
				);
				expect(
					rowNames(later)
						.slice(0, 3)
						.every((name, index) => sameName(name, fileNames[index]!)),
				).toBe(true);
				// Then every record: said so, the position out of all 20,000 customers, the rows by name descending.
				const whole = await console.waitFor(
					(screen) => screen.includes('Every record is read'),
					'every record read',
					120_000,
				);
				const count = Number(
					/Every record is read \(([\d,]+)\)/.exec(whole.replaceAll('\n', ' '))?.[1]?.replaceAll(',', ''),
				);
				expect(count).toBeGreaterThan(100_000);
				const sorted = await console.waitFor((screen) => /Name ↓/.test(screen), 'the sort in force', 10_000);
				const names = rowNames(sorted).filter((name) => !name.endsWith('…'));
				expect(names.length).toBeGreaterThan(3);
				expect(names).toEqual(
					[...names].sort((a, b) => b.localeCompare(a, undefined, {sensitivity: 'base', numeric: true})),
				);
				expect(statusLine(sorted)).toMatch(/\/20000\s*$/);
				console.type('q');
				await console.waitFor((screen) => screen.includes('[exited 0]'), 'a clean exit', 20_000);
			} finally {
				console.kill();
			}
		},
		240_000,
	);

	test('quit while the rest is read: the console ends at once, cleanly, and the file is as it was', async () => {
		const before = readFileSync(data);
		const console = startInTmux({args: ['--data', data], width: 100, height: 30, env: {CRM_LANG: 'en'}});
		try {
			await console.waitFor((screen) => reading.test(statusLine(screen)), 'the first frame, still reading', 30_000);
			console.type('q');
			await console.waitFor((screen) => screen.includes('[exited 0]'), 'a clean exit', 20_000);
			expect(readFileSync(data).equals(before)).toBe(true);
		} finally {
			console.kill();
		}
	}, 60_000);

	// Last: it sets roles on the file the tests above open as one person's CRM.
	test('with roles set, a hand edit of them too: the first rows at once with the settings file’s role, then the roles in force, said', async () => {
		const self = userInfo().username;
		crm(['access', 'set', self, 'admin', '--data', data]);
		crm(['access', 'set', 'vic', 'viewer', '--data', data]);
		const settingsFile = join(folder, 'crm.config.json');
		const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
		writeFileSync(settingsFile, JSON.stringify({...settings, access: {operators: {[self]: 'viewer', vic: 'viewer'}}}));
		const console = startInTmux({args: ['--data', data], width: 200, height: 50, env: {CRM_LANG: 'en'}});
		try {
			const first = await console.waitFor(
				(screen) => screen.includes('[1 Customers]') && reading.test(statusLine(screen)),
				'the first frame, still reading',
				30_000,
			);
			// Meanwhile the settings file's roles: the operator shown as a viewer.
			expect(first.split('\n')[0]).toContain(`${self} (viewer)`);
			const whole = await console.waitFor(
				(screen) => /not those last set with crm access/.test(screen.replaceAll('\n', ' ')),
				'the hand edit said, once the log is read',
				120_000,
			);
			// The roles in force: the log's, which make the operator an admin (no role beside the name).
			expect(whole.split('\n')[0]).not.toContain('(viewer)');
			expect(statusLine(whole)).not.toMatch(reading);
			console.type('q');
			await console.waitFor((screen) => screen.includes('[exited 0]'), 'a clean exit', 20_000);
		} finally {
			console.kill();
		}
	}, 240_000);
});
