import {execFileSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {frameProblems, misalignedRows, statusRow} from '../support/screen-layout.js';
import {cliPath, startInTmux, stopTmuxServer, type TmuxSession, tmuxAvailable} from '../support/tmux.js';

let directory: string;
let file: string;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
	directory = await mkdtemp(join(tmpdir(), 'crm-chinese-'));
	file = join(directory, 'crm.json');
	execFileSync(process.execPath, [cliPath, 'seed', '--data', file], {encoding: 'utf8'});
});

afterAll(async () => {
	stopTmuxServer();
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

const han = /\p{Script=Han}/u;
const colourCode = /\u001B\[[0-9;]*(3[0-7]|9[0-7]|38;[25];[\d;]+)m/;

/** The screen once it has settled: two captures alike, 60 ms apart (a frame drawn in pieces is not judged half-way). */
const settled = async (crm: TmuxSession): Promise<string> => {
	let before = crm.capture();
	for (let attempt = 0; attempt < 50; attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 60));
		const now = crm.capture();
		if (now === before) return now;
		before = now;
	}
	return before;
};

/** The frame fits the terminal, its header on the first row and its status line on the last. */
const expectWhole = (screen: string, width: number, height: number, what: string) => {
	expect(frameProblems(screen, width, height), `${what}:\n${screen}`).toEqual([]);
};

/** A list's header (the second row) and its rows line up, and the header is in Chinese. */
const expectAlignedList = (screen: string, height: number, what: string) => {
	const lines = screen.replace(/\n$/, '').split('\n');
	const header = lines[1]!;
	expect(header, `${what}: its header`).toMatch(han);
	const rows = lines.slice(2, height - 2).filter((line) => line.trim() !== '');
	expect(rows.length, `${what}: its rows`).toBeGreaterThan(0);
	expect(misalignedRows(header, rows), `${what}:\n${screen}`).toEqual([]);
};

const lists = [
	['1', '客户'],
	['2', '商机'],
	['3', '工单'],
	['4', '反馈'],
	['7', '营销活动'],
	['8', '订单'],
	['9', '回访'],
] as const;

describe.each([
	{width: 80, height: 24, colour: false},
	{width: 200, height: 50, colour: true},
])('in Chinese at $width x $height (colour: $colour)', ({width, height, colour}) => {
	test('lists, a form with a validation error, the board, a trend chart and the help: whole, aligned, in Chinese', async () => {
		const env: Record<string, string> = colour ? {FORCE_COLOR: '1', TERM: 'xterm-256color'} : {NO_COLOR: '1'};
		const crm = startInTmux({args: ['--data', file, '--lang', 'zh-CN', '--operator', 'mei'], width, height, env});
		await crm.waitFor((screen) => screen.includes('[1 客户]'), 'the console in Chinese');
		const first = await settled(crm);
		expect(statusRow(first, height), `the status line’s hints:\n${first}`).toMatch(han);
		if (colour) expect(crm.capture(true)).toMatch(colourCode);
		else expect(crm.capture(true)).not.toMatch(colourCode);

		for (const [key, name] of lists) {
			crm.type(key);
			await crm.waitFor((screen) => screen.includes(`[${key} ${name}]`), name);
			const screen = await settled(crm);
			expectWhole(screen, width, height, name);
			expectAlignedList(screen, height, name);
		}

		// The board of the deals.
		crm.type('2b');
		await crm.waitFor((screen) => /^\S*\d+ · /.test(screen.split('\n')[2] ?? ''), 'the board');
		expectWhole(await settled(crm), width, height, 'the board');
		crm.type('b');

		// A new customer saved with no name: the error is in Chinese, next to its field.
		crm.type('1n');
		await crm.waitFor((screen) => screen.split('\n')[1]?.includes('客户') === true, 'the new customer form');
		crm.press('C-s');
		let screen = await crm.waitFor((text) => /✗ .*\p{Script=Han}/u.test(text), 'the error in Chinese');
		expectWhole(await settled(crm), width, height, 'the form with an error');
		crm.press('Escape');
		await crm.waitFor((text) => text.includes('[1 客户]') && !text.includes('✗'), 'back to the list');

		// The assessment, and the trend of its first KPI.
		crm.type('5');
		await crm.waitFor((text) => text.includes('[5 评估]') && text.includes('实际值'), 'the assessment');
		expectWhole(await settled(crm), width, height, 'the assessment');
		crm.press('Enter');
		screen = await crm.waitFor((text) => /[┤┼]/.test(text), 'the trend chart');
		expectWhole(await settled(crm), width, height, 'the trend chart');
		expect(screen).toMatch(han);
		crm.press('Escape');

		// The help, over the list.
		crm.type('1?');
		await crm.waitFor((text) => text.includes('按键 — 客户'), 'the help');
		expectWhole(await settled(crm), width, height, 'the help');
		crm.kill();
	}, 60_000);
});
