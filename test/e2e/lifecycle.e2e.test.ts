import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {
	panelsOfThisMonth,
	saved,
	startInTmux,
	stopTmuxServer,
	type TmuxSession,
	tmuxAvailable,
} from '../support/tmux.js';

let directory: string;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
	directory = await mkdtemp(join(tmpdir(), 'crm-lifecycle-'));
});

afterAll(async () => {
	stopTmuxServer();
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

/** In a form's picked field: types part of a name, waits for the picker to offer it, picks it. */
const pick = async (crm: TmuxSession, title: string, query: string, name: string) => {
	crm.type(query);
	await crm.waitFor((screen) => screen.includes(title) && screen.includes(`› ${name}`), title);
	crm.press('Enter');
	await crm.waitFor((screen) => !screen.includes(title), `${title}: picked`);
};

const colourCode = /\u001B\[[0-9;]*(3[0-7]|9[0-7])m/;

describe.each([
	{width: 80, height: 24, colour: false},
	{width: 200, height: 50, colour: true},
])('the whole lifecycle at $width x $height (colour: $colour)', ({width, height, colour}) => {
	test('campaign → lead → deal → won → its order → paid → complaint → resolved → its follow-up done', async () => {
		const file = join(directory, `crm-${width}.json`);
		const crm = startInTmux({
			args: ['--data', file, '--operator', 'mei'],
			width,
			height,
			env: colour ? {} : {NO_COLOR: '1'},
		});
		await crm.waitFor((screen) => screen.includes('No customers yet.'), 'an empty CRM');

		// A campaign, by keyboard: 7 is the campaigns screen.
		crm.type('7n');
		await crm.waitFor((screen) => screen.includes('New campaign'), 'the campaign form');
		crm.type('Spring webinar');
		crm.press('Tab');
		crm.type('e'); // channel: event
		crm.press('Tab', 'Tab', 'Tab', 'Tab');
		crm.type('20,000'); // budget
		crm.press('Tab');
		crm.type('1,500'); // cost
		crm.press('C-s');
		await saved(crm, 'Saved campaign “Spring webinar”.');
		expect(crm.capture()).toMatch(/Spring webinar\s+event\s+planned/);
		crm.type('>');
		await saved(crm, '“Spring webinar” is now active.');

		// A lead from it: the campaign picked by typing in the customer form.
		crm.type('1n');
		await crm.waitFor((screen) => screen.includes('New customer'), 'the customer form');
		crm.type('Lin Wei');
		crm.press('BTab');
		await crm.waitFor((screen) => /› Campaign/.test(screen), 'the campaign field');
		await pick(crm, 'Choose the campaign', 'spring', 'Spring webinar');
		crm.press('C-s');
		await saved(crm, 'Saved customer “Lin Wei”.');

		// A deal for the lead, won: the console offers its order, which comes out of the deal.
		crm.type('2n');
		await crm.waitFor((screen) => screen.includes('New opportunity'), 'the opportunity form');
		crm.type('Lin Wei seats');
		crm.press('Tab');
		await pick(crm, 'Choose the customer', 'lin', 'Lin Wei');
		crm.press('Tab', 'Tab');
		crm.type('8,000');
		crm.press('C-s');
		await saved(crm, 'Saved opportunity “Lin Wei seats”.');
		crm.type('w');
		await crm.waitFor((screen) => screen.includes('Why was “Lin Wei seats” won?'), 'the won reasons');
		crm.press('Enter');
		await crm.waitFor((screen) => screen.includes('Create the order for “Lin Wei seats”?'), 'the order offer');
		crm.type('y');
		await crm.waitFor(
			(screen) => screen.includes('New order') && /Line 1\s+1 x Lin Wei seats @ 8000/.test(screen),
			'the order form',
		);
		crm.press('C-s');
		const year = new Date().getUTCFullYear();
		await saved(crm, 'Saved order');

		// The order, on 8: confirmed → fulfilled → paid, the payment dated.
		crm.type('8');
		await crm.waitFor((screen) => new RegExp(`SO-${year}-0001\\s+Lin Wei\\s+confirmed`).test(screen), 'the order');
		crm.type('>');
		await saved(crm, 'is now fulfilled.');
		crm.type('>');
		await saved(crm, `SO-${year}-0001 is now paid.`);
		crm.press('Enter');
		await crm.waitFor((screen) => /Paid\s+\d{4}-\d{2}-\d{2}/.test(screen), 'the payment date');
		expect(crm.capture()).toMatch(/1 × Lin Wei seats @ \$8,000 = \$8,000/);
		crm.press('Escape');

		// A complaint, resolved: the console offers a follow-up, due yesterday so that it is overdue.
		crm.type('3n');
		await crm.waitFor((screen) => screen.includes('New ticket'), 'the ticket form');
		crm.type('Invoice shows the wrong seats');
		crm.press('Tab');
		await pick(crm, 'Choose the customer', 'lin', 'Lin Wei');
		crm.type('c'); // type: complaint
		crm.press('C-s');
		await saved(crm, 'Saved ticket “Invoice shows the wrong seats”.');
		expect(crm.capture()).toMatch(/Invoice shows.*Lin Wei\s+complaint/);
		crm.type('>');
		await saved(crm, 'is now pending.');
		crm.type('>');
		await crm.waitFor(
			(screen) => screen.includes('Schedule a follow-up with Lin Wei on this ticket?'),
			'the follow-up offer',
		);
		crm.type('y');
		await crm.waitFor((screen) => screen.includes('New follow-up for “Lin Wei” on ticket'), 'the follow-up form');
		crm.press('C-u');
		crm.type('-1d');
		crm.press('C-s');
		await saved(crm, 'Saved follow-up');

		// 9: follow-ups due today and overdue; x marks it done, and it leaves the list.
		crm.type('9');
		await crm.waitFor((screen) => /overdue \S+\s+Lin Wei · ticket/.test(screen), 'the overdue follow-up');
		if (colour) expect(crm.capture(true)).toMatch(colourCode);
		else expect(crm.capture(true)).not.toMatch(colourCode);
		crm.type('x');
		await saved(crm, 'Follow-up done');
		await crm.waitFor((screen) => screen.includes('Nothing to follow up'), 'the follow-up gone from the list');

		// The assessment of this month shows each of those figures: every row read by moving down the panels.
		const panels = await panelsOfThisMonth(crm, 70);
		expect(panels).toMatch(/Revenue won\s+\$8,000\b/);
		expect(panels).toMatch(/Orders\s+1\s/);
		expect(panels).toMatch(/Order revenue\s+\$8,000\b/);
		expect(panels).toMatch(/Complaint rate\s+100(\.0)?%/);
		expect(panels).toMatch(/Followed up\s+100(\.0)?%/);
		expect(panels).toMatch(/Marketing cost\s+\$1,500\b/);
		expect(panels).toMatch(/Campaign leads\s+1\s/);
		expect(panels).toMatch(/Campaign revenue\s+\$8,000\b/);

		crm.type('q');
		await crm.waitFor((screen) => screen.includes('[exited 0]'), 'the console to quit');
		crm.kill();

		const data = JSON.parse(await readFile(file, 'utf8'));
		const [campaign] = data.campaigns;
		expect(campaign).toMatchObject({name: 'Spring webinar', channel: 'event', status: 'active', cost: 1500});
		expect(data.customers[0]).toMatchObject({name: 'Lin Wei', campaignId: campaign.id});
		expect(data.orders[0]).toMatchObject({
			number: `SO-${year}-0001`,
			status: 'paid',
			amount: 8000,
			customerId: data.customers[0].id,
			opportunityId: data.opportunities[0].id,
			paidAt: expect.any(String),
		});
		expect(data.tickets[0]).toMatchObject({type: 'complaint', status: 'resolved'});
		expect(data.activities[0]).toMatchObject({
			kind: 'follow_up',
			ticketId: data.tickets[0].id,
			doneAt: expect.any(String),
		});
	});
});
