import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import type {Opportunity, OpportunityStage} from '../../source/domain/opportunity.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {dealHistory} from '../support/deal-history.js';
import {customer, datasetOf, smallDemo} from '../support/fixtures.js';
import {dealOf, orderOf} from '../support/records.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

/**
 * Issue 17's views on a small hand-made history. The clock is fixed at 1 June 2026: the screen
 * opens on May. May: five deals created (one imported in proposal); April: two.
 */
const ana = customer({name: 'Ana Foods', owner: 'ana'});
const bo = customer({name: 'Bo Metals', owner: 'bo'});
const cy = customer({name: 'Cy Labs', owner: 'ana'});

type Move = [day: string, stage: OpportunityStage];

const at = (day: string) => `2026-${day}T00:00:00.000Z`;

/** A deal created on `created` in `first`, moved as `moves` say, and the log entries the store would have written. */
const historyOf = (
	values: Partial<Opportunity> & {createdAt: string},
	first: OpportunityStage,
	moves: Move[],
	imported = false,
): {deal: Opportunity; entries: ChangeEntry[]} =>
	dealHistory(
		dealOf({customerId: ana.id, owner: 'ana', amount: 1000, ...values}),
		first,
		moves.map(([day, stage]) => [at(day), stage] as const),
		imported ? 'import' : 'console',
	);

const histories = [
	// May: prospecting 3 days, qualification 5, proposal 10, then won.
	historyOf({title: 'Cold store', createdAt: at('05-02')}, 'prospecting', [
		['05-05', 'qualification'],
		['05-10', 'proposal'],
		['05-20', 'won'],
	]),
	historyOf({title: 'Forklifts', customerId: bo.id, owner: 'bo', createdAt: at('05-03')}, 'prospecting', [
		['05-08', 'qualification'],
	]),
	historyOf({title: 'Pallets', createdAt: at('05-04')}, 'prospecting', [['05-06', 'lost']]),
	historyOf({title: 'Shelving', customerId: cy.id, createdAt: at('05-06'), amount: 2500}, 'prospecting', []),
	historyOf({title: 'Imported racks', customerId: bo.id, owner: 'bo', createdAt: at('05-10')}, 'proposal', [], true),
	// April.
	historyOf({title: 'Old van', createdAt: at('04-02')}, 'prospecting', [
		['04-10', 'qualification'],
		['04-20', 'won'],
	]),
	historyOf({title: 'Old crates', customerId: cy.id, owner: 'cy', createdAt: at('04-05')}, 'prospecting', []),
];

const dataset = datasetOf({
	customers: [ana, bo, cy, customer({name: 'Dee Quiet'})],
	opportunities: histories.map((history) => history.deal),
	changes: histories.flatMap((history) => history.entries).sort((a, b) => a.at.localeCompare(b.at)),
	orders: [orderOf({customerId: cy.id, amount: 400, orderedAt: at('03-01')})],
});

const sizes = [
	{width: 80, height: 24},
	{width: 200, height: 50},
];

const open = async (width: number, height: number) => {
	const screen = await renderConsole({dataset, width, height});
	await screen.waitFor((frame) => frame.includes('[1 Customers]'));
	await screen.press('5');
	return screen;
};

const fits = (frame: string, width: number, height: number) => {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThanOrEqual(height - 1);
	for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
};

describe.each(sizes)('the analysis views at $width x $height', ({width, height}) => {
	test('f draws the funnel: bars, counts, drops and the period before', async () => {
		const screen = await open(width, height);
		const frame = await screen.press('f');
		expect(frame).toContain('Funnel: 5 deals created in 2026-05 (previous: 2)');
		expect(frame).toMatch(/prospecting\s+█+\s+5\s+100\.0%\s+—\s+100\.0%\s/);
		expect(frame).toMatch(/qualification\s+█+░+\s+3\s+60\.0%\s+-2 \(-40%\)\s+50\.0% ▲/);
		expect(frame).toMatch(/proposal\s+█+░+\s+2\s+40\.0%\s+-1 \(-33%\)\s+50\.0% ▼/);
		expect(frame).toMatch(/negotiation\s+█+░+\s+1\s+20\.0%\s+-1 \(-50%\)\s+50\.0% ▼/);
		expect(frame).toMatch(/won\s+█+░+\s+1\s+20\.0%\s+0 \(0%\)\s+50\.0% ▼/);
		expect(frame).toContain('1 of 5 have no logged stage history (imported, or made outside the');
		// The bar is proportional to the share: 60% of prospecting's.
		const bar = (stage: string) => new RegExp(`${stage}\\s+(█*)`).exec(frame)![1]!.length;
		expect(bar('qualification')).toBe(Math.round(bar('prospecting') * 0.6));
		if (width >= 200) expect(bar('prospecting')).toBeGreaterThan(40);
		fits(frame, width, height);
	});

	test('s lists the stage times; Enter the slowest deals; Enter opens one; Esc comes back', async () => {
		const screen = await open(width, height);
		const stages = await screen.press('s');
		expect(stages).toContain('Days in each open stage: visits that ended in 2026-05');
		// Three visits ended in May: 3, 5 and 2 days; April's one took 8.
		expect(stages).toMatch(/› prospecting\s+\S+ \w+\s+3\.3 d\s+3\s+≤ [\d.]+ d\s+8\.0 d\s/);
		expect(stages).toMatch(/qualification\s+\S+ \w+\s+5\.0 d\s+1\s/);
		expect(stages).toMatch(/negotiation\s+· no data\s+—\s+0\s/);
		fits(stages, width, height);
		const stuck = await screen.press(keys.enter);
		expect(stuck).toContain('Deals stuck longest in prospecting now: 2 open deals');
		// Old crates since 5 April, Shelving since 6 May: the longest first.
		expect(stuck).toMatch(/› +57 d\s+Old crates\s+Cy Labs\s+cy\s+\$1,000/);
		expect(stuck).toMatch(/ +26 d\s+Shelving\s+Cy Labs\s+ana\s+\$2,500/);
		fits(stuck, width, height);
		await screen.press('j');
		const detail = await screen.press(keys.enter);
		expect(detail).toContain('[2 Opportunities]');
		expect(detail).toContain('Shelving');
		const back = await screen.press(keys.escape);
		expect(back).toContain('[5 Assess]');
		expect(back).toMatch(/› +26 d\s+Shelving/);
		// Esc again: the stages, on the stage the deals were in.
		expect(await screen.press(keys.escape)).toMatch(/› prospecting/);
	});

	test('a deal that came in its stage without a logged entry is there at most since created', async () => {
		const screen = await open(width, height);
		await screen.press('s');
		await screen.press('jj');
		const stuck = await screen.press(keys.enter);
		expect(stuck).toContain('Deals stuck longest in proposal now: 1 open deal');
		expect(stuck).toMatch(/› +≤22 d\s+Imported racks\s+Bo Metals/);
		expect(stuck).toContain('≤: its entry into the stage is not logged');
	});

	test('v summarises customer value; Enter lists the segment’s customers', async () => {
		const screen = await open(width, height);
		const value = await screen.press('v');
		expect(value).toContain('Customer value (RFM) as of 2026-06-01 00:00 UTC, purchases in the year before');
		// Ana won two deals (Cold store in May, Old van in April); Cy ordered once in March. Of two, the better scores 3.
		expect(value).toMatch(/Champions\s+0\s+0\.0%\s+\$0\s+0\.0%/);
		expect(value).toMatch(/Needs attention\s+1\s+25\.0%\s+\$2,000\s+83\.3%/);
		expect(value).toMatch(/Hibernating\s+1\s+25\.0%\s+\$400\s+16\.7%/);
		expect(value).toMatch(/No purchase in the year\s+2\s+50\.0%\s+—\s+—/);
		fits(value, width, height);
		const list = await screen.press('G');
		expect(list).toMatch(/› No purchase in the year/);
		expect(await screen.press(keys.enter)).toContain('Customers without a purchase in the year have no segment.');
		await screen.press('k');
		const customers = await screen.press(keys.enter);
		expect(customers).toContain('[1 Customers]');
		expect(customers).toContain('value:needs-attention');
	});
});

describe('the analysis views', () => {
	test('T opens the selected stage’s trend (Esc comes back), t edits its target', async () => {
		const screen = await open(100, 30);
		await screen.press('s');
		await screen.press('j');
		const trend = await screen.press('T');
		expect(trend).toMatch(/Days qualifying: last 12 periods/);
		// The deals behind the number: Cold store's five days in qualification ended in May.
		expect(trend).toContain('2026-05: 1 deals whose time in qualification ended in the period, the longest first');
		expect(trend).toMatch(/› Cold store/);
		// Esc: back to the stages, on the stage the trend was of.
		expect(await screen.press(keys.escape)).toMatch(/› qualification/);
		expect(await screen.press('k')).toMatch(/› prospecting/);
		const form = await screen.press('t');
		expect(form).toMatch(/Edit target: .*prospecting/i);
	});

	test('a period without new deals says so, without bars; the running one is to date', async () => {
		const screen = await open(100, 30);
		await screen.press('f');
		const march = await screen.press('[[');
		expect(march).toContain('No deals were created in 2026-03: there is no funnel to draw.');
		expect(march).not.toContain('█');
		const june = await screen.press(']]]');
		expect(june).toContain('created in 2026-06 to date (previous: 5)');
	});

	test('several keys in one chunk land where they would one by one', async () => {
		const screen = await open(100, 30);
		const frame = await screen.press('sjj\r');
		expect(frame).toContain('Deals stuck longest in proposal');
	});
});

test('a long list of stuck deals is windowed: G reaches the last, the first scrolls away', async () => {
	const many = Array.from({length: 40}, (_, index) =>
		historyOf(
			{title: `Crate ${index + 1}`, createdAt: at(`05-${String(index < 30 ? 1 : 2).padStart(2, '0')}`)},
			'prospecting',
			[],
		),
	);
	const screen = await renderConsole({
		dataset: datasetOf({
			customers: [ana],
			opportunities: many.map((history) => history.deal),
			changes: many.flatMap((history) => history.entries),
		}),
		width: 80,
		height: 24,
	});
	await screen.waitFor((frame) => frame.includes('[1 Customers]'));
	await screen.press('5');
	await screen.press('s');
	const first = await screen.press(keys.enter);
	expect(first).toContain('Deals stuck longest in prospecting now: 40 open deals');
	expect(first).toMatch(/› +31 d\s+Crate 1\s/);
	const last = await screen.press('G');
	expect(last).toMatch(/› +30 d\s+Crate 40\s/);
	expect(last).not.toMatch(/Crate 1\s/);
	fits(last, 80, 24);
});

describe('the analysis views of large data', () => {
	test('each is counted after the frame that says so, never while the key waits', async () => {
		const large = smallDemo({customers: 12_000, opportunities: 24_000, tickets: 10_000, feedback: 8_000});
		const screen = await renderConsole({dataset: large, width: 120, height: 30});
		await screen.waitFor((frame) => frame.includes('1/12000'));
		await screen.press('5');
		await screen.waitFor((frame) => frame.includes('Revenue won') && !frame.includes('counting…'));
		for (const [key, shown] of [
			['f', 'deals created in 2026-05'],
			['s', 'Days in each open stage'],
			[keys.enter, 'Deals stuck longest in prospecting'],
			['v', 'Customer value (RFM) as of'],
		] as const) {
			expect(await screen.press(key)).toMatch(/Counting the KPIs of 2026-05 over [\d,]+ records…/);
			await screen.waitFor((frame) => frame.includes(shown) && !frame.includes('counting…'), shown);
		}
	}, 60_000);
});
