import {join} from 'node:path';
import {expect, test} from 'vitest';
import {runDoctor} from '../../source/commands/doctor.js';
import {CrmStore} from '../../source/store/store.js';
import {smallDemo} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

test('a demo file names every record it refers to', async () => {
	const file = join(tempFolder('doctor-references'), 'crm.json');
	await CrmStore.create(file, smallDemo());
	const {text, healthy} = await runDoctor(file);
	expect(healthy).toBe(true);
	expect(text).toMatch(
		/ok +References +every customer, deal, ticket and campaign named exists \(the customers of deals, tickets, feedback, orders, activities and audience members; the campaigns of customers, deals and audience members; the deals of orders; the tickets of feedback and follow-ups\)/,
	);
});

test('a campaign, a won deal and a resolved ticket gone: the customers, deals, orders and follow-ups that named them are noted', async () => {
	const file = join(tempFolder('doctor-references'), 'crm.json');
	const demo = smallDemo();
	const campaign = demo.campaigns.find((candidate) => demo.customers.some((c) => c.campaignId === candidate.id))!;
	const order = demo.orders.find((candidate) => candidate.opportunityId !== null)!;
	const followUp = demo.activities.find((activity) => activity.ticketId)!;
	const gone = {
		...demo,
		campaigns: demo.campaigns.filter((candidate) => candidate.id !== campaign.id),
		opportunities: demo.opportunities.filter((deal) => deal.id !== order.opportunityId),
		tickets: demo.tickets.filter((ticket) => ticket.id !== followUp.ticketId),
		feedback: demo.feedback.filter((entry) => entry.ticketId !== followUp.ticketId),
		orders: demo.orders.filter((other) => other.id === order.id || other.opportunityId !== order.opportunityId),
	};
	await CrmStore.create(file, gone);
	const {text, healthy} = await runDoctor(file);
	// Orphans are notes, not faults: the console lets a record that others name be deleted (it warns).
	expect(healthy).toBe(true);
	expect(text).toMatch(/note +References +\d+ records? name a customer, deal, ticket or campaign that is not there/);
	const acquired = demo.customers.find((customer) => customer.campaignId === campaign.id)!;
	expect(text).toContain(`customer ${acquired.id} was acquired by campaign ${campaign.id}, which is not in the file`);
	expect(text).toContain(`order ${order.id} follows opportunity ${order.opportunityId}, which is not in the file`);
	expect(text).toContain(`activity ${followUp.id} follows up ticket ${followUp.ticketId}, which is not in the file`);
});
