import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {customer, smallDemo, withoutLifecycle} from '../support/fixtures.js';
import {campaignOf, followUpOf, orderOf, ticketOf} from '../support/records.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

/** The demo, with a May of the whole lifecycle: a campaign and its lead, orders in three currencies, a complaint followed up late. */
const lifecycle = () => {
	const demo = withoutLifecycle(smallDemo({customers: 120, opportunities: 400, tickets: 250, feedback: 200}));
	const campaign = campaignOf({name: 'May fair', channel: 'event', cost: 2000, startAt: '2026-05-04T00:00:00.000Z'});
	const lead = customer({name: 'Lead from the fair', campaignId: campaign.id, createdAt: '2026-05-05T00:00:00.000Z'});
	const complaint = ticketOf({
		type: 'complaint',
		customerId: lead.id,
		createdAt: '2026-05-06T00:00:00.000Z',
		resolvedAt: '2026-05-07T00:00:00.000Z',
		status: 'resolved',
		dueAt: '2026-05-09T00:00:00.000Z',
	});
	return {
		...demo,
		campaigns: [campaign],
		customers: [...demo.customers, lead],
		tickets: [...demo.tickets, complaint],
		orders: [
			orderOf({customerId: lead.id, amount: 1000, orderedAt: '2026-05-10T00:00:00.000Z'}),
			orderOf({customerId: lead.id, amount: 10_000, currency: 'CNY', orderedAt: '2026-05-11T00:00:00.000Z'}),
			orderOf({customerId: lead.id, amount: 500_000, currency: 'KRW', orderedAt: '2026-05-12T00:00:00.000Z'}),
		],
		activities: [...demo.activities, followUpOf({ticketId: complaint.id, dueAt: '2026-05-20T00:00:00.000Z'})],
	};
};

const config = {baseCurrency: 'USD', rates: {CNY: 0.14}, assessment: {goLive: '2026-04-01', windowMonths: 2}};

describe.each([
	{width: 80, height: 24},
	{width: 200, height: 50},
])('the whole lifecycle on the assessment at $width x $height', ({width, height}) => {
	test('orders, service and marketing rows, in the base currency, never wider or taller than the screen', async () => {
		const screen = await renderConsole({dataset: lifecycle(), width, height, config});
		await screen.waitFor((frame) => frame.includes('1/121'));
		let frame = await screen.press('5');
		const seen = new Set<string>();
		// Down a page, another, then to the last KPI: each row shows once its panel is on screen.
		// Two columns show every panel at once.
		for (const key of width >= 160 ? [''] : [keys.pageDown, keys.pageDown, keys.end, '']) {
			for (const line of frame.split('\n')) {
				expect(displayWidth(line)).toBeLessThanOrEqual(width);
				seen.add(line.replace(/^[ ›]+/, ''));
			}
			expect(frame.split('\n').length).toBeLessThanOrEqual(height - 1);
			if (key) frame = await screen.press(key);
		}
		const all = [...seen].join('\n');
		// 1000 + 10,000 yuan at 0.14; the won in KRW has no rate: counted, not summed.
		expect(all).toMatch(/Orders\s+3\s/);
		expect(all).toMatch(/Order revenue\s+\$2,400\s/);
		expect(all).toMatch(/Avg\. order value\s+\$1,200\s/);
		expect(all).toMatch(/Complaint rate\s+\d+\.\d%/);
		expect(all).toMatch(/Marketing cost\s+\$2,000\s/);
		expect(all).toMatch(/Campaign leads\s+1\s/);
		expect(all).toMatch(/Cost per lead\s+\$2,000\s/);
		expect(all).toMatch(/Unpriced records\s+1\s/);
		for (const panel of ['Effect: sales', 'Effect: service', 'Marketing', 'Data quality']) expect(all).toContain(panel);
	});
});

test('the alerts name the currency without a rate and the overdue follow-up; before/after compares marketing', async () => {
	const screen = await renderConsole({dataset: lifecycle(), width: 120, height: 40, config});
	await screen.waitFor((frame) => frame.includes('1/121'));
	await screen.press('5');
	const alerts = await screen.press('a');
	expect(alerts).toContain('1 follow-up overdue');
	expect(alerts).toContain('1 record in KRW has no rate: left out of money figures');
	const compare = await screen.press(`${keys.escape}c`);
	expect(compare).toContain('2 months before and after go-live on 2026-04-01');
	// Marketing is compared too (the window after go-live holds May's campaign).
	const down = await screen.press('G');
	expect(down).toMatch(/Marketing cost\s+\$0\s+\$2,000/);
});
