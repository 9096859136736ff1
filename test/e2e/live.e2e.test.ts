import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {cliPath, startInTmux, stopTmuxServer, tmuxAvailable} from '../support/tmux.js';

let directory: string;
let file: string;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
	directory = await mkdtemp(join(tmpdir(), 'crm-live-'));
	file = join(directory, 'crm.json');
	execFileSync(process.execPath, [
		cliPath,
		'seed',
		'--data',
		file,
		'--customers',
		'40',
		'--opportunities',
		'80',
		'--tickets',
		'60',
		'--feedback',
		'40',
	]);
});

afterAll(async () => {
	stopTmuxServer();
	// A console's detached `crm fold` or its last metrics may still be writing here: the removal retries until they are done.
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

const ticketsOpened = (screen: string): number => Number(/Tickets opened\s+(\d+)/.exec(screen)?.[1] ?? Number.NaN);

test('a ticket saved in one console updates the assessment panel of another within a couple of seconds', async () => {
	const panel = startInTmux({args: ['--data', file, '--operator', 'max'], width: 100, height: 40});
	await panel.waitFor((screen) => screen.includes('/40'), 'the second console');
	// The assessment opens on the last complete month; ] reaches the running one, where today's ticket counts.
	panel.type('5');
	await panel.waitFor(
		(screen) => /Tickets opened\s+\d+/.test(screen) && !screen.includes('to date'),
		'the last complete month',
	);
	panel.type(']');
	const before = ticketsOpened(
		await panel.waitFor(
			(screen) => /Tickets opened\s+\d+/.test(screen) && screen.includes('to date)'),
			'the running month, to date',
		),
	);

	const desk = startInTmux({args: ['--data', file, '--operator', 'tess'], width: 100, height: 30});
	await desk.waitFor((screen) => screen.includes('/40'), 'the first console');
	desk.type('3n');
	await desk.waitFor((screen) => screen.includes('New ticket'), 'the ticket form');
	desk.type('Printer on fire');
	desk.press('Tab');
	desk.type('a');
	await desk.waitFor((screen) => screen.includes('Choose the customer'), 'the customer picker');
	desk.press('Enter');
	desk.press('C-s');
	await desk.waitFor((screen) => screen.includes('Saved ticket “Printer on fire”.'), 'the save');

	// No restart, no key pressed in this console: the file watch brings the change in.
	await panel.waitFor((screen) => ticketsOpened(screen) === before + 1, 'the panel to count the new ticket');
	panel.type('q');
	desk.type('q');
});

test('two consoles editing the same customer: the second save surfaces the conflict, and reload-and-re-apply keeps both edits', async () => {
	const first = startInTmux({args: ['--data', file, '--operator', 'ana'], width: 100, height: 30});
	const second = startInTmux({args: ['--data', file, '--operator', 'ben'], width: 80, height: 24});
	await first.waitFor((screen) => screen.includes('/40'), 'the first console');
	await second.waitFor((screen) => screen.includes('/40'), 'the second console');
	// Both open the first customer's form.
	first.type('e');
	second.type('e');
	await first.waitFor((screen) => screen.includes('Edit customer'), 'the first form');
	await second.waitFor((screen) => screen.includes('Edit customer'), 'the second form');
	// Ana changes the company; Ben the phone.
	first.press('Tab');
	first.press('C-u');
	first.type('Ana Holdings');
	first.press('C-s');
	await first.waitFor((screen) => /Saved customer/.test(screen), 'the first save');
	second.press('Tab', 'Tab', 'Tab', 'C-u');
	second.type('+47 555 0101');
	second.press('C-s');
	await second.waitFor(
		(screen) => screen.includes('ana saved') && screen.includes('while you were editing it'),
		'the conflict in the second console',
	);
	second.type('r');
	await second.waitFor((screen) => /Saved customer/.test(screen), 'the re-applied save');
	const saved = JSON.parse(
		execFileSync(process.execPath, [cliPath, 'export', 'customers', '--data', file, '--format', 'json'], {
			encoding: 'utf8',
		}),
	) as Array<{company: string; phone: string}>;
	if (!saved.some((entry) => entry.company === 'Ana Holdings' && entry.phone === '+47 555 0101'))
		throw new Error('Both edits should be in the saved customer.');
	first.press('Escape');
	first.type('q');
	second.type('q');
});

test('a journaled file: a save appends to the journal, the other console sees it, and a crm fold of its own folds it into the file', async () => {
	const journaled = join(directory, 'journaled.json');
	execFileSync(process.execPath, [
		cliPath,
		'seed',
		'--data',
		journaled,
		'--customers',
		'40',
		'--opportunities',
		'80',
		'--tickets',
		'60',
		'--feedback',
		'40',
	]);
	// Every save journaled, and folded as soon as the journal is a thousandth of the file.
	await writeFile(join(directory, 'journaled.config.json'), JSON.stringify({journal: {fromBytes: 0, foldAt: 0.001}}));
	const panel = startInTmux({args: ['--data', journaled, '--operator', 'max'], width: 100, height: 40});
	await panel.waitFor((screen) => screen.includes('/40'), 'the watching console');
	const desk = startInTmux({args: ['--data', journaled, '--operator', 'tess'], width: 100, height: 30});
	await desk.waitFor((screen) => screen.includes('/40'), 'the saving console');
	desk.type('n');
	await desk.waitFor((screen) => screen.includes('New customer'), 'the customer form');
	desk.type('Journal Jones');
	desk.press('C-s');
	await desk.waitFor((screen) => screen.includes('Saved customer “Journal Jones”.'), 'the save');
	await panel.waitFor((screen) => screen.includes('/41'), 'the other console to list 41 customers');
	// The fold runs in a process of its own: the journal goes, and the file alone holds the new customer.
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline && (await stat(`${journaled}.journal`).catch(() => null)) !== null)
		await new Promise((resolve) => setTimeout(resolve, 100));
	expect(await stat(`${journaled}.journal`).catch(() => null)).toBeNull();
	const onDisk = JSON.parse(await readFile(journaled, 'utf8')) as {
		customers: Array<{name: string}>;
		journalSeq: number;
	};
	expect(onDisk.customers.map((customer) => customer.name)).toContain('Journal Jones');
	expect(onDisk.journalSeq).toBe(1);
	panel.type('q');
	desk.type('q');
});
