import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {cliPath, startInTmux, statusLine, stopTmuxServer, tmuxAvailable} from '../support/tmux.js';

let directory: string;
let file: string;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
	directory = await mkdtemp(join(tmpdir(), 'crm-analysis-'));
	file = join(directory, 'crm.json');
	// Up to today: the demo logs the stage history of deals of the last 12 months, so the last complete month has some.
	execFileSync(process.execPath, [cliPath, 'seed', '--data', file], {encoding: 'utf8'});
});

afterAll(async () => {
	stopTmuxServer();
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

const colourCode = /\u001B\[[0-9;]*(3[0-7]|9[0-7])m/;

/** The selected row of a list (the line the cursor marks). */
const selectedLine = (screen: string, mark: string): string =>
	screen.split('\n').find((line) => line.startsWith(mark))!;

test('the funnel, a period back, the slowest deal in negotiation, and a segment of customers exported, at 80x24 without colour', async () => {
	const crm = startInTmux({args: ['--data', file, '--operator', 'mei'], width: 80, height: 24, env: {NO_COLOR: '1'}});
	await crm.waitFor((screen) => screen.includes('[1 Customers]'), 'the console');
	crm.type('5');
	await crm.waitFor((screen) => screen.includes('[5 Assess]') && /\d{4}-\d\d \(month\)/.test(screen), 'the panels');
	const month = /(\d{4}-\d\d) \(month\)/.exec(crm.capture())![1]!;

	// The funnel of the last complete month: a bar, the count, the share and the drop of each stage, the month before beside it.
	crm.type('f');
	let screen = await crm.waitFor((text) => text.includes(`created in ${month}`), 'the funnel');
	expect(screen).toMatch(/Funnel: \d+ deals created in \d{4}-\d\d \(previous: \d+\)/);
	expect(screen).toMatch(/Stage\s+Reached\s+Deals\s+Share\s+Drop\s+Previous/);
	for (const stage of ['prospecting', 'qualification', 'proposal', 'negotiation', 'won'])
		expect(screen).toMatch(new RegExp(`${stage}\\s+[█░]+\\s+\\d+\\s+\\d+\\.\\d%`));
	expect(screen).toMatch(/have no logged stage history/);
	expect(crm.capture(true)).not.toMatch(colourCode);

	// A period back: the month before, whose figures stood in the Previous column.
	crm.type('[');
	screen = await crm.waitFor(
		(text) => !text.includes(`created in ${month}`) && text.includes('Funnel:'),
		'a month back',
	);
	const before = /created in (\d{4}-\d\d)/.exec(screen)![1]!;
	expect(before < month).toBe(true);

	// The stages, then the deals stuck longest in negotiation; Enter opens the first of them.
	crm.type('s');
	await crm.waitFor((text) => text.includes('Days in each open stage'), 'the stages');
	crm.type('jjj');
	await crm.waitFor((text) => selectedLine(text, ' › ')?.includes('negotiation') ?? false, 'negotiation selected');
	crm.press('Enter');
	screen = await crm.waitFor((text) => text.includes('Deals stuck longest in negotiation'), 'the stuck deals');
	const first = selectedLine(screen, ' › ');
	expect(first).toMatch(/^ › +≤?\d+ d /);
	// The title as the list shows it (cut to its column): the detail shows it whole.
	const title = first
		.replace(/^ › +≤?\d+ d +/, '')
		.split(/\s{2,}|…/)[0]!
		.trim();
	crm.press('Enter');
	screen = await crm.waitFor((text) => text.includes('[2 Opportunities]'), 'the deal');
	expect(screen).toContain(title);
	expect(screen).toMatch(/Stage\s+negotiation/);
	crm.press('Escape');
	await crm.waitFor((text) => text.includes('Deals stuck longest in negotiation'), 'back to the stuck deals');

	// Customer value: Enter on a segment lists its customers, filtered by value:<segment>.
	crm.press('Escape');
	crm.type('v');
	screen = await crm.waitFor((text) => text.includes('Customer value (RFM) as of'), 'the value view');
	const hibernating = Number(/Hibernating\s+(\d+)/.exec(screen)![1]);
	expect(hibernating).toBeGreaterThan(0);
	// The running month: its summary is as of now, as the list's column.
	crm.type(']]');
	await crm.waitFor((text) => text.includes('to date'), 'the running month');
	crm.type('jjjj');
	await crm.waitFor((text) => selectedLine(text, ' › ')?.includes('Hibernating') ?? false, 'Hibernating selected');
	crm.press('Enter');
	screen = await crm.waitFor((text) => text.includes('Customers in “Hibernating”'), 'the customers in the segment');
	// The list's rows: the cursor's and the others, not the notice under them.
	const rows = screen.split('\n').filter((line) => /^[> ] \S/.test(line) && !line.includes('Name'));
	expect(rows.filter((line) => line.trim() !== '').length).toBeGreaterThan(0);
	// At 80 columns the Value column may cut the segment to `hibernat…`.
	for (const row of rows.filter((line) => line.trim() !== '')) expect(row).toMatch(/hibernat/);

	// Exported exactly as shown; the same customers as crm export --filter value:hibernating.
	crm.type(':export');
	crm.press('Enter');
	screen = await crm.waitFor((text) => /Exported \d+ records? to/.test(text), 'the export');
	const shown = Number(/Exported (\d+) records? to/.exec(screen)![1]);
	expect(statusLine(screen)).toContain(`/value:hibernating 1/${shown}`);
	const exported = join(directory, `customers-${new Date().toISOString().slice(0, 10)}.csv`);
	const lines = (await readFile(exported, 'utf8')).trimEnd().split(/\r?\n/);
	expect(lines).toHaveLength(shown + 1);
	const byCommand = execFileSync(
		process.execPath,
		[cliPath, 'export', 'customers', '--data', file, '--filter', 'value:hibernating'],
		{encoding: 'utf8'},
	);
	const ids = (csv: readonly string[]) =>
		csv
			.slice(1)
			.map((line) => line.split(',')[0])
			.sort();
	expect(ids(lines)).toEqual(ids(byCommand.trimEnd().split(/\r?\n/)));
	expect(crm.capture(true)).not.toMatch(colourCode);
	crm.type('q');
	await crm.waitFor((text) => text.includes('[exited 0]'), 'the console to quit');
	crm.kill();
}, 60_000);
