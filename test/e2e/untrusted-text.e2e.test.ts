import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {chainEntries, headOf} from '../../source/domain/audit-chain.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import {cliPath, startInTmux, stopTmuxServer, type TmuxSession, tmuxAvailable, tmuxServer} from '../support/tmux.js';

// A record holding what an attacker would put in a name: a window title (OSC 0), the clipboard (OSC 52),
// a colour (SGR red) and CSI as the single C1 character 0x9B.
const title = '\u001B]0;pwned\u0007';
const clipboard = '\u001B]52;c;cm0gLXJmIH4=\u0007';
const red = '\u001B[31m';
const evilName = `Evil${title}${clipboard}${red}Red\u009BX`;
const evilOperator = `ops${title}`;
// As the screen must show them: written out, four cells each.
const shownName = 'Evil\\x1b]0;pwned\\x07\\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[31mRed\\x9bX';
const shownOperator = 'ops\\x1b]0;pwned\\x07';

/** A colour in a capture with escapes: the console run with NO_COLOR draws none, so any is the data's. */
const colour = /\u001B\[[0-9;]*(?:3[0-7]|9[0-7]|38;[0-9;]+)m/;
/** Any control character a capture of text should never hold (tmux shows what the terminal drew). */
const rawControl = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

let directory: string;
let dataFile: string;
const sessions: TmuxSession[] = [];

const open = (options: Parameters<typeof startInTmux>[0]): TmuxSession => {
	const session = startInTmux(options);
	sessions.push(session);
	// Before crm draws anything: a title to compare against, and OSC 52 allowed to fill tmux's paste buffers.
	session.setTitle('before');
	return session;
};

const record = {
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	version: 1,
	externalId: null,
};
const plainCustomer = (id: string, name: string) => ({
	...record,
	id,
	name,
	company: 'Plain Ltd',
	email: '',
	phone: '',
	owner: '',
	segment: '',
	status: 'active',
	churnedAt: null,
	tags: [],
	notes: '',
});

/** Written directly as JSON: data stored before control characters were refused, as the loader must still take it. */
const hostileFile = (): object => {
	const evil = {
		...plainCustomer('cus_evil0001', evilName),
		company: 'Acme',
		notes: `First line${red}\nSecond line\u0007`,
	};
	const change: ChangeEntry = {
		id: 'chg_evil0001',
		at: '2026-02-01T10:00:00.000Z',
		operator: evilOperator,
		action: 'update',
		entity: 'customers',
		recordId: evil.id,
		label: evilName,
		changes: [{field: 'company', before: `Old${title}`, after: 'Acme'}],
		undoOf: null,
		batch: null,
	};
	const changes = chainEntries('', [change]);
	return {
		schemaVersion: 2,
		customers: [evil, plainCustomer('cus_plain001', 'Plain Person'), plainCustomer('cus_plain002', 'Zoe Quiet')],
		opportunities: [],
		tickets: [],
		feedback: [],
		activities: [],
		changes,
		auditHead: headOf(changes),
	};
};

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
	directory = await mkdtemp(join(tmpdir(), 'crm-e2e-text-'));
	dataFile = join(directory, 'hostile.json');
	await writeFile(dataFile, JSON.stringify(hostileFile(), null, 2));
	// OSC 52 from a pane then lands in tmux's paste buffers: an empty buffer list proves none was sent.
	tmuxServer('set-option', '-g', 'set-clipboard', 'on');
});

afterEach(() => {
	for (const session of sessions.splice(0)) session.kill();
});

afterAll(async () => {
	stopTmuxServer();
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

/** The terminal was not commanded: the title is as set, no buffer came from OSC 52, no colour was drawn. */
const expectUntouched = (crm: TmuxSession) => {
	expect(crm.title()).toBe('before');
	expect(tmuxServer('list-buffers')).toBe('');
	expect(colour.exec(crm.capture(true))?.[0]).toBeUndefined();
	expect(rawControl.exec(crm.capture())?.[0]).toBeUndefined();
};

describe.each([
	{width: 200, height: 50},
	{width: 80, height: 24},
])('a hostile name in the console at $width x $height', ({width, height}) => {
	test('the list, the detail and the change log show it escaped; the title, clipboard and colours stay as they were', async () => {
		const crm = open({args: ['--data', dataFile], width, height, env: {NO_COLOR: '1'}});
		const list = await crm.waitFor((screen) => screen.includes('1/3'), 'the customers list');
		// The name column is cut to its width, but what it shows is the escaped text.
		expect(list).toContain('Evil\\x1b]0;');
		expectUntouched(crm);

		crm.press('Enter');
		const detail = await crm.waitFor((screen) => screen.includes('Customer since'), 'the detail');
		expect(detail.replace(/\s+/g, '')).toContain(shownName);
		expectUntouched(crm);
		crm.type('G');
		await crm.waitFor((screen) => screen.includes('Second line\\x07'), 'the notes, line by line');
		expect(crm.capture()).toMatch(/First line\\x1b\[31m\s*\n\s*Second line\\x07/);
		expectUntouched(crm);

		crm.press('Escape');
		crm.type('6');
		const log = await crm.waitFor((screen) => screen.includes('ops\\x1b]0;'), 'the change log');
		expect(log).toContain('Evil\\x1b]0;');
		expectUntouched(crm);
		crm.press('Enter');
		const entry = await crm.waitFor((screen) => screen.includes('Changed fields'), 'the change-log entry');
		expect(entry).toContain(shownOperator);
		expect(entry.replace(/\s+/g, '')).toContain('Old\\x1b]0;pwned\\x07→Acme');
		expectUntouched(crm);

		crm.type('q');
		crm.type('q');
		await crm.waitFor((screen) => screen.includes('[exited 0]'), 'a clean exit');
		expect(crm.title()).toBe('before');
	});
});

describe('the command line', () => {
	test('crm export to a terminal shows it escaped; into a pipe the bytes are exact', async () => {
		const crm = open({args: ['export', 'customers', '--data', dataFile], width: 200, height: 20});
		const screen = await crm.waitFor((text) => text.includes('[exited 0]'), 'the export');
		expect(screen).toContain(shownName.slice(0, 40));
		expectUntouched(crm);
		const piped = execFileSync(process.execPath, [cliPath, 'export', 'customers', '--data', dataFile], {
			encoding: 'utf8',
		});
		expect(piped).toContain(evilName);
		const json = execFileSync(
			process.execPath,
			[cliPath, 'export', 'customers', '--format', 'json', '--data', dataFile],
			{encoding: 'utf8'},
		);
		expect((JSON.parse(json) as Array<{name: string}>)[0]!.name).toBe(evilName);
	});

	test('crm report and its churn-risk list, on a terminal', async () => {
		const crm = open({args: ['report', '--period', '2026-05', '--data', dataFile], width: 200, height: 80});
		await crm.waitFor((text) => text.includes('[exited 0]'), 'the report');
		expect(crm.capture(false, true)).toContain(`- ${shownName}`);
		expectUntouched(crm);
	});

	test('crm audit verify names a tampered entry (its operator and label) escaped', async () => {
		const tampered = join(directory, 'tampered.json');
		const data = hostileFile() as {changes: ChangeEntry[]};
		data.changes[0]!.changes[0]!.after = 'Edited';
		await writeFile(tampered, JSON.stringify(data));
		const result = spawnSync(process.execPath, [cliPath, 'audit', 'verify', '--data', tampered], {encoding: 'utf8'});
		expect(result.status).toBe(1);
		expect(result.stdout).toContain(`by ${shownOperator}: update of customers “${shownName}”`);
		expect(rawControl.exec(result.stdout)?.[0]).toBeUndefined();
		const crm = open({args: ['audit', 'verify', '--data', tampered], width: 200, height: 20});
		await crm.waitFor((text) => text.includes('[exited 1]'), 'the verdict');
		expectUntouched(crm);
	});

	test('an error message quoting a value from the file (a console that cannot open it) is escaped', async () => {
		const broken = join(directory, 'broken.json');
		const data = hostileFile() as {customers: Array<Record<string, unknown>>};
		data.customers[0]!['email'] = `x${title}\u009B@evil`;
		await writeFile(broken, JSON.stringify(data));
		const result = spawnSync(process.execPath, [cliPath, 'doctor', '--data', broken], {encoding: 'utf8'});
		expect(result.stdout).toMatch(/field "email" must be an email address.*\\x9b@evil/);
		expect(rawControl.exec(result.stdout)?.[0]).toBeUndefined();
		const crm = open({args: ['--data', broken], width: 200, height: 20});
		const screen = await crm.waitFor((text) => text.includes('[exited 2]'), 'the refusal');
		expect(screen.replace(/\s+/g, '')).toContain('\\x9b@evil');
		expectUntouched(crm);
		expect(await readFile(broken, 'utf8')).toBe(JSON.stringify(data));
	});
});
