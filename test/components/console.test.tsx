import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {colorTheme} from '../../source/ui/theme/theme.js';
import {customer, datasetOf, smallDemo} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

const demo = smallDemo();
const sizes = [
	{width: 80, height: 24},
	{width: 200, height: 50},
];

describe.each(sizes)('at $width x $height', ({width, height}) => {
	test('opens on the customers list with the screens in the header and key hints below', async () => {
		const screen = await renderConsole({dataset: demo, width, height});
		const frame = await screen.waitFor((text) => text.includes('Customers'));
		const lines = frame.split('\n');
		// Every screen's name where they fit beside the data file; at 80 columns the others by number.
		expect(lines[0]).toMatch(
			width >= 160
				? /\[1 Customers\]\s+2 Opportunities\s+3 Tickets\s+4 Feedback\s+5 Assess\s+6 Log\s+7 Campaigns\s+8 Orders\s+9 Follow-ups/
				: /^crm \[1 Customers\] 2 3 4 5 6 7 8 9 /,
		);
		expect(lines[1]).toMatch(/Name ↑\s+Company/);
		expect(lines.at(-1)).toMatch(/^\? help\s+j\/↓ move\s+Enter open\s+\/ filter.*\s1\/60$/);
	});

	test('no view is taller than the terminal minus one row, or wider than it', async () => {
		const screen = await renderConsole({dataset: demo, width, height});
		await screen.waitFor((text) => text.includes('Customers'));
		const check = () => {
			const lines = screen.lines();
			expect(lines.length).toBeLessThanOrEqual(height - 1);
			for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
		};
		check();
		for (const input of [
			'2',
			'3',
			'4',
			'1',
			keys.enter,
			keys.escape,
			'?',
			keys.escape,
			'3',
			keys.enter,
			keys.pageDown,
		]) {
			await screen.type(input);
			check();
		}
	});

	test('each screen shows its own columns', async () => {
		const screen = await renderConsole({dataset: demo, width, height});
		await screen.waitFor((text) => text.includes('Customers'));
		expect(await screen.press('2')).toMatch(/Title\s+.*Stage\s+Amount/);
		expect(await screen.press('3')).toMatch(/Subject\s+.*Status\s+SLA/);
		expect(await screen.press('4')).toMatch(/Customer\s+Rating\s+NPS/);
	});
});

describe('keys', () => {
	test('five downs in one chunk move the cursor five rows', async () => {
		const screen = await renderConsole({dataset: demo, width: 80, height: 24});
		await screen.waitFor((text) => text.includes('1/60'));
		expect(await screen.press('jjjjj')).toContain('6/60');
		expect(await screen.press(`${keys.down}${keys.down}${keys.down}`)).toContain('9/60');
		expect(await screen.press('G')).toContain('60/60');
		expect(await screen.press('g')).toContain('1/60');
	});

	test('the selected row carries the cursor mark, in mono too', async () => {
		const screen = await renderConsole({dataset: demo, width: 80, height: 24});
		await screen.waitFor((text) => text.includes('1/60'));
		const lines = (await screen.press('jj')).split('\n');
		expect(lines.filter((line) => line.startsWith('> '))).toHaveLength(1);
		expect(lines[4]!.startsWith('> ')).toBe(true);
	});

	test('filter as you type; Enter keeps it, Esc clears it', async () => {
		const dataset = datasetOf({
			customers: [customer({name: 'Ana Silva'}), customer({name: 'Quinn Jones'}), customer({name: 'Jo Quest'})],
		});
		const screen = await renderConsole({dataset, width: 80, height: 24});
		await screen.waitFor((text) => text.includes('1/3'));
		await screen.press('/');
		const typed = await screen.press('qu');
		expect(typed).toContain('/qu');
		expect(typed).toContain('1/2');
		expect(typed).not.toContain('Ana Silva');
		const kept = await screen.press(keys.enter);
		expect(kept).toContain('/qu');
		expect(kept).toContain('j/↓ move');
		const cleared = await screen.press(keys.escape);
		// Every row is back, and the record that was selected stays selected.
		expect(cleared).toContain('Ana Silva');
		expect(cleared).toMatch(/> Jo Quest/);
		expect(cleared).toContain('2/3');
	});

	test('a filter matching nothing says so', async () => {
		const screen = await renderConsole({dataset: demo, width: 80, height: 24});
		await screen.waitFor((text) => text.includes('1/60'));
		await screen.press('/');
		expect(await screen.press('zzzz')).toContain('No customers match “zzzz”');
	});

	test('Enter opens the detail with related records; Esc returns', async () => {
		const screen = await renderConsole({dataset: demo, width: 100, height: 30});
		await screen.waitFor((text) => text.includes('1/60'));
		const detail = await screen.press(keys.enter);
		expect(detail).toMatch(/Name\s+\S/);
		expect(detail).toMatch(/Opportunities\s+\d+ · \d+ open · \d+ won/);
		expect(detail).toContain('Esc/q back');
		expect(await screen.press(keys.escape)).toContain('1/60');
	});

	test('? lists every key of the view, sort letters included', async () => {
		const screen = await renderConsole({dataset: demo, width: 100, height: 50});
		await screen.waitFor((text) => text.includes('1/60'));
		// The help scrolls: its first page and its last, G, together hold every section.
		const help = `${await screen.press('?')}${await screen.press('G')}`;
		for (const text of [
			'Keys — Customers, list',
			'Move down one row',
			'Page down',
			'Filter the list as you type',
			'N Name',
			'Mark or unmark the selected row',
			'Quit from anywhere',
		]) {
			expect(help).toContain(text);
		}
		expect(await screen.press(keys.escape)).toContain('1/60');
	});

	test('Shift+letter sorts and says so; the column title shows the direction', async () => {
		const screen = await renderConsole({dataset: demo, width: 120, height: 24});
		await screen.waitFor((text) => text.includes('1/60'));
		const sorted = await screen.press('D');
		expect(sorted).toContain('Sorted by Since ↑ ascending');
		expect(sorted).toMatch(/Since ↑/);
		expect(await screen.press('D')).toMatch(/Since ↓/);
	});
});

describe('display', () => {
	test('CJK names keep the columns aligned', async () => {
		const dataset = datasetOf({
			customers: [
				customer({name: 'Ana Silva', company: 'Acme', status: 'active'}),
				customer({name: '王伟', company: '北京星辰科技', status: 'lead'}),
				customer({name: '김민준', company: '서울테크', status: 'active'}),
			],
		});
		const screen = await renderConsole({dataset, width: 80, height: 12});
		const frame = await screen.waitFor((text) => text.includes('1/3'));
		const rows = frame.split('\n').slice(2, 5);
		const statusColumn = rows.map((line) => {
			const at = line.search(/active|lead/);
			return displayWidth(line.slice(0, at));
		});
		expect(new Set(statusColumn).size).toBe(1);
	});

	test('the mono theme prints no colour codes; the colour theme does', async () => {
		const mono = await renderConsole({dataset: demo, width: 80, height: 24});
		await mono.waitFor((text) => text.includes('1/60'));
		expect(mono.raw()).not.toMatch(/\u001B\[3\dm/);
		cleanup();
		const color = await renderConsole({dataset: demo, width: 80, height: 24, theme: colorTheme});
		await color.waitFor((text) => text.includes('1/60'));
		expect(color.raw()).toMatch(/\u001B\[3\dm/);
	});

	test('without colour the board marks its selected column and card in the text (issue 13)', async () => {
		const screen = await renderConsole({dataset: demo, width: 120, height: 30});
		await screen.waitFor((text) => text.includes('1/60'));
		await screen.press('2');
		const board = await screen.press('b');
		// The mono theme's mark: on the first column's header and its first card, and nowhere else.
		const marked = board.split('\n').filter((line) => /(^|\s)>\S/.test(line));
		expect(marked).toHaveLength(2);
		expect(marked[0]).toMatch(/>prospecting/);
		const moved = await screen.press('l');
		expect(moved).toMatch(/>qualification/);
		expect(moved).not.toMatch(/>prospecting/);
	});

	test('a terminal below 40x8 gets a readable message instead of a broken frame', async () => {
		const screen = await renderConsole({dataset: demo, width: 20, height: 6});
		const frame = (await screen.waitFor((text) => text.includes('Too small'))).replace(/\s+/g, ' ');
		expect(frame).toContain('crm needs 40x8');
		expect(frame).toContain('q quits');
	});

	test('at the minimum size every screen is still named', async () => {
		const screen = await renderConsole({dataset: demo, width: 40, height: 8});
		const frame = await screen.waitFor((text) => text.includes('1/60'));
		expect(frame.split('\n')[0]).toMatch(/\[1 Customers\] 2\s+3\s+4/);
	});

	test('the sort arrow shows even when the title fills its column, and a hidden sort column is named', async () => {
		const screen = await renderConsole({dataset: demo, width: 80, height: 24});
		await screen.waitFor((text) => text.includes('1/60'));
		expect(await screen.press('S')).toMatch(/Stat… ↑|Status ↑/);
		expect(await screen.press('P')).toMatch(/by Phone ↑\s+1\/60$/m);
	});

	test('a data file that does not exist yet is announced', async () => {
		const screen = await renderConsole({
			dataset: datasetOf({}),
			width: 100,
			height: 24,
			notice: 'New data file: x.json does not exist yet',
		});
		expect(await screen.waitFor((text) => text.includes('0/0'))).toContain('New data file: x.json');
	});

	test('an empty CRM shows an empty list, not an error', async () => {
		const screen = await renderConsole({dataset: datasetOf({}), width: 80, height: 24});
		expect(await screen.waitFor((text) => text.includes('0/0'))).toContain('No customers yet.');
	});
});
