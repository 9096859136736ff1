import {execFileSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, test} from 'vitest';
import {cliPath, startInTmux, stopTmuxServer, tmuxAvailable} from '../support/tmux.js';

let directory: string;
let file: string;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
	directory = await mkdtemp(join(tmpdir(), 'crm-live-'));
	file = join(directory, 'crm.json');
	execFileSync(process.execPath, [cliPath, 'seed', '--data', file, '--customers', '40', '--opportunities', '80', '--tickets', '60', '--feedback', '40']);
});

afterAll(async () => {
	stopTmuxServer();
	await rm(directory, {recursive: true, force: true});
});

const ticketsOpened = (screen: string): number => Number(/Tickets opened\s+(\d+)/.exec(screen)?.[1] ?? Number.NaN);

test('a ticket saved in one console updates the assessment panel of another within a couple of seconds', async () => {
	const panel = startInTmux({args: ['--data', file, '--operator', 'max'], width: 100, height: 40});
	await panel.waitFor((screen) => screen.includes('/40'), 'the second console');
	panel.type('5');
	const before = ticketsOpened(await panel.waitFor((screen) => /Tickets opened\s+\d+/.test(screen), 'the assessment panels'));

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
