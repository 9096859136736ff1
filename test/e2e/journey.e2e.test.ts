import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {saved, startInTmux, stopTmuxServer, type TmuxSession, tmuxAvailable} from '../support/tmux.js';

let directory: string;
let file: string;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
	directory = await mkdtemp(join(tmpdir(), 'crm-journey-'));
	file = join(directory, 'crm.json');
});

afterAll(async () => {
	stopTmuxServer();
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

/** In a form's customer field: types part of a name, waits for the picker to offer it, picks it. */
const pickCustomer = async (crm: TmuxSession, query: string, name: string) => {
	crm.type(query);
	await crm.waitFor(
		(screen) => screen.includes('Choose the customer') && screen.includes(`› ${name}`),
		'the customer picker',
	);
	crm.press('Enter');
	await crm.waitFor((screen) => new RegExp(`Customer\\s+${name}`).test(screen), 'the picked customer');
};

test('a day of work by keyboard: customer, won deal, answered and closed ticket with feedback, all logged and kept', async () => {
	const crm = startInTmux({args: ['--data', file, '--operator', 'dana'], width: 100, height: 30});
	await crm.waitFor((screen) => screen.includes('No customers yet.'), 'an empty CRM');

	// A customer: typing q and j into the name types them.
	crm.type('n');
	await crm.waitFor((screen) => screen.includes('New customer'), 'the customer form');
	crm.type('Mia Quij');
	crm.press('Tab', 'Tab');
	crm.type('mia@nordic.io');
	crm.press('C-s');
	await saved(crm, 'Saved customer “Mia Quij”.');

	// An opportunity for it, the customer picked by typing part of the name.
	crm.type('2n');
	await crm.waitFor((screen) => screen.includes('New opportunity'), 'the opportunity form');
	crm.type('Nordic renewal');
	crm.press('Tab');
	await pickCustomer(crm, 'quij', 'Mia Quij');
	crm.press('Tab', 'Tab');
	crm.type('12,500');
	crm.press('C-s');
	await saved(crm, 'Saved opportunity “Nordic renewal”.');

	// The deal moves to won, and says why.
	crm.type('w');
	await crm.waitFor((screen) => screen.includes('Why was “Nordic renewal” won?'), 'the won reasons');
	crm.press('Enter');
	await saved(crm, 'Won (product fit): “Nordic renewal”.');
	// Winning offers the deal's order: not this time.
	await crm.waitFor((screen) => screen.includes('Create the order for “Nordic renewal”?'), 'the order offer');
	crm.type('n');
	await crm.waitFor((screen) => !screen.includes('Create the order for'), 'the offer declined');
	expect(crm.capture()).toMatch(/Nordic renewal\s+Mia Quij\s+won\s+\$12,500\s+100%/);

	// A ticket, answered, resolved, closed, and the customer's feedback recorded.
	crm.type('3n');
	await crm.waitFor((screen) => screen.includes('New ticket'), 'the ticket form');
	crm.type('Cannot export invoices');
	crm.press('Tab');
	await pickCustomer(crm, 'mia', 'Mia Quij');
	crm.press('C-s');
	await saved(crm, 'Saved ticket “Cannot export invoices”.');
	crm.type('r');
	await crm.waitFor((screen) => screen.includes('Reply to Mia Quij'), 'the reply prompt');
	crm.type('Looking into it now.');
	crm.press('Enter');
	await saved(crm, 'Replied on “Cannot export invoices”.');
	crm.type('>');
	await saved(crm, 'is now pending.');
	crm.type('>');
	await saved(crm, 'is now resolved.');
	// Resolving offers a follow-up: not this time either.
	await crm.waitFor(
		(screen) => screen.includes('Schedule a follow-up with Mia Quij on this ticket?'),
		'the follow-up offer',
	);
	crm.type('n');
	await crm.waitFor((screen) => !screen.includes('Schedule a follow-up'), 'the offer declined');
	crm.type('>');
	await crm.waitFor((screen) => screen.includes("Record Mia Quij's feedback on this ticket?"), 'the feedback offer');
	crm.type('y');
	// The customer comes filled in from the ticket, so the form starts on the rating.
	await crm.waitFor(
		(screen) => screen.includes('New feedback') && /› Rating/.test(screen),
		'the feedback form, on the rating',
	);
	crm.type('5');
	crm.press('Tab');
	crm.type('9');
	crm.press('Tab');
	crm.type('Quick fix, thanks!');
	crm.press('C-s');
	await saved(crm, 'Saved feedback “rating 5: Quick fix, thanks!”.');
	crm.type('q');
	await crm.waitFor((screen) => screen.includes('[exited 0]'), 'the console to quit');
	crm.kill();

	// After a restart every change is there, and the log names each with operator and time.
	const again = startInTmux({args: ['--data', file, '--operator', 'dana'], width: 100, height: 30});
	await again.waitFor((screen) => screen.includes('Mia Quij'), 'the saved customer');
	again.type('2');
	await again.waitFor((screen) => /Nordic renewal\s+Mia Quij\s+won/.test(screen), 'the won deal');
	again.type('3');
	await again.waitFor(
		(screen) => /Cannot export\S*\s+Mia Quij\s+inquiry\s+normal\s+closed\s+met/.test(screen),
		'the closed ticket, within SLA',
	);
	again.type('4');
	await again.waitFor((screen) => /Mia Quij\s+★★★★★\s+9\s+Quick fix, thanks!/.test(screen), 'the feedback');
	again.type('6');
	const log = await again.waitFor(
		(screen) => screen.includes('[6 Log]') && /create\s+feedback/.test(screen),
		'the change log',
	);
	const rows = log.split('\n').filter((line) => /^\S?\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+dana\s/.test(line));
	expect(rows.map((line) => /dana\s+(\w+)\s+(\w+)/.exec(line)!.slice(1).join(' '))).toEqual([
		'create feedback',
		'update ticket',
		'update ticket',
		'update ticket',
		'update ticket',
		'create ticket',
		'update opportunity',
		'create opportunity',
		'create customer',
	]);
	again.type('q');
	await again.waitFor((screen) => screen.includes('[exited 0]'), 'the console to quit');

	const data = JSON.parse(await readFile(file, 'utf8'));
	expect(data.changes).toHaveLength(9);
	expect(data.tickets[0]).toMatchObject({
		status: 'closed',
		firstResponseAt: expect.any(String),
		resolvedAt: expect.any(String),
	});
	expect(data.feedback[0]).toMatchObject({
		rating: 5,
		nps: 9,
		ticketId: data.tickets[0].id,
		customerId: data.customers[0].id,
	});
});
