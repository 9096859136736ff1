import {readFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {Opportunity} from '../../source/domain/opportunity.js';
import type {Ticket} from '../../source/domain/ticket.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

// What a hostile name holds: a window title (OSC 0), the clipboard (OSC 52), a colour, and CSI as one C1 character.
const title = '\u001B]0;pwned\u0007';
const clipboard = '\u001B]52;c;cm0gLXJmIH4=\u0007';
const red = '\u001B[31m';
const evilName = `Evil${title} ${clipboard}${red}Red\u009BX`;
const shownTitle = 'Evil\\x1b]0;pwned\\x07';

/**
 * A control character in the frame Ink draws that is not part of an SGR sequence (colours and styles):
 * anything of that kind would reach the terminal as a command.
 */
const unsafe = /[\u0000-\u0009\u000B-\u001A\u001C-\u001F\u007F-\u009F]|\u001B(?!\[[0-9;]*m)/;

/** Data stored before control characters were refused: the loader takes it as it is. */
const hostileData = () => {
	const evil = customer({
		name: evilName,
		company: 'Acme',
		email: 'evil@acme.io',
		notes: `Line one${red}\nLine two\u0007`,
		phone: '+44 20 7946 0018',
	});
	const twin = customer({name: 'Twin\u001B[2J', company: 'Acme', email: 'evil@acme.io'});
	const plain = customer({name: 'Ana Silva', company: 'Plain', email: 'ana@plain.io'});
	const deal: Opportunity = {
		id: 'opp_evil0001',
		externalId: null,
		customerId: evil.id,
		title: `Deal${title}`,
		product: '',
		stage: 'prospecting',
		amount: 1000,
		currency: 'USD',
		probability: 0.1,
		owner: `owner${red}`,
		expectedCloseAt: null,
		closedAt: null,
		lostReason: '',
		tags: [],
		notes: '',
		createdAt: '2026-05-01T00:00:00.000Z',
		updatedAt: '2026-05-01T00:00:00.000Z',
		version: 1,
	};
	const ticket: Ticket = {
		id: 'tkt_evil0001',
		externalId: null,
		customerId: evil.id,
		subject: `Ticket${title}`,
		description: `Printer\u009B2J on fire`,
		priority: 'normal',
		status: 'open',
		channel: 'email',
		product: '',
		owner: '',
		dueAt: '2026-06-04T00:00:00.000Z',
		firstResponseAt: null,
		resolvedAt: null,
		comments: [{at: '2026-05-20T00:00:00.000Z', author: `bo${title}`, body: `Old reply ${clipboard}`, kind: 'reply'}],
		tags: [],
		createdAt: '2026-05-20T00:00:00.000Z',
		updatedAt: '2026-05-20T00:00:00.000Z',
		version: 1,
	};
	return datasetOf({customers: [evil, twin, plain], opportunities: [deal], tickets: [ticket]});
};

type Screen = Awaited<ReturnType<typeof renderConsole>>;

/** The frame as Ink drew it holds nothing that commands the terminal, and no line is wider than the screen. */
const expectSafe = (screen: Screen, width: number) => {
	const raw = screen.raw();
	expect(unsafe.exec(raw)?.[0], `a raw control character in:\n${screen.frame()}`).toBeUndefined();
	for (const line of screen.lines()) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
};

describe.each([
	{width: 80, height: 24},
	{width: 200, height: 50},
])('text from data is shown escaped at $width x $height', ({width, height}) => {
	test('the list, the detail and the change log (an operator name too)', async () => {
		const screen = await renderConsole({dataset: hostileData(), width, height, operator: `ops${title}`});
		await screen.waitFor((frame) => frame.includes('1/3'));
		expect(screen.frame()).toContain('Evil\\x1b]0;p');
		expectSafe(screen, width);

		// The detail: the heading and the name in full, the notes on their own lines.
		const detail = await screen.press(`j${keys.enter}`);
		expect(detail).toContain(
			`${shownTitle} \\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[31mRed\\x9bX`.slice(0, Math.min(60, width - 20)),
		);
		await screen.type('G');
		await screen.waitFor((frame) => /Line one\\x1b\[31m\s*\n\s*Line two\\x07/.test(frame), 'the notes, line by line');
		expectSafe(screen, width);

		// A change to the deal (its title untouched) is saved and logged under the hostile operator's name.
		await screen.press(keys.escape);
		await screen.press('2');
		const moved = await screen.press('>');
		await screen.waitFor((frame) => frame.includes('qualification'), 'the stage moved');
		expect(moved).not.toContain('not saved');
		expectSafe(screen, width);
		await screen.press('6');
		const log = await screen.waitFor((frame) => frame.includes('ops\\x1b]0;'), 'the operator in the log');
		expect(log).toContain('Deal\\x1b]0;');
		expectSafe(screen, width);
		await screen.press(keys.enter);
		const entry = await screen.waitFor((frame) => frame.includes('Changed fields'), 'the log entry');
		expect(entry).toMatch(/Operator\s+ops\\x1b\]0;pwned\\x07/);
		expect(entry).toContain('update opportunity “Deal\\x1b]0;pwned\\x07”');
		expectSafe(screen, width);
	}, 30_000);

	test('the board, likely duplicates, the merge, search, a question and the ticket conversation', async () => {
		const screen = await renderConsole({dataset: hostileData(), width, height});
		await screen.waitFor((frame) => frame.includes('1/3'));
		const steps: Array<[string, string]> = [
			['2', 'Deal\\x1b'],
			['b', 'Deal\\x1b'],
			[keys.escape, 'Deal\\x1b'],
			['1', 'Evil\\x1b]0;p'],
			['m', 'Twin\\x1b[2J'],
			[keys.enter, 'Merge'],
			[keys.escape, 'likely duplicates'],
			[keys.escape, 'Evil\\x1b]0;p'],
			['\u000B', 'Search'],
			['evil', 'Evil\\x1b'],
			[keys.escape, 'Evil\\x1b]0;p'],
			['jd', 'Delete customer'],
			['n', 'Evil\\x1b]0;p'],
			['3', 'Ticket\\x1b'],
			[keys.enter, 'Printer\\x9b2J on fire'],
			['5', 'KPI'],
			['a', 'alerts'],
		];
		for (const [input, shown] of steps) {
			await screen.type(input);
			await screen.waitFor((frame) => frame.includes(shown), `${JSON.stringify(input)} to show ${shown}`);
			expectSafe(screen, width);
		}
		await screen.press(`3${keys.enter}`);
		await screen.type('G');
		await screen.waitFor((frame) => frame.includes('Old reply \\x1b]52;c;'), 'the old reply');
	}, 30_000);

	test('a filter typed with a C1 character shows it escaped', async () => {
		const screen = await renderConsole({dataset: hostileData(), width, height});
		await screen.waitFor((frame) => frame.includes('1/3'));
		await screen.press('/x\u009B');
		expect(screen.lines().at(-1)).toMatch(/^\/x\\x9b/);
		await screen.press(keys.enter);
		expect(screen.frame()).toContain('match “x\\x9b”');
		expectSafe(screen, width);
	});
});

describe('the import screen', () => {
	test('a CSV whose file name, header and cells hold control characters: every step shows them escaped, the rows are rejected with line and field', async () => {
		const screen = await renderConsole({dataset: datasetOf({}), width: 120, height: 30});
		await writeFile(
			join(screen.folder, `evil${title}.csv`),
			`externalId,name,status,note${red}\nE1,Evil${title},lead,x\nE2,Fine,lead,y\n`,
		);
		await screen.waitFor((frame) => frame.includes('0/0'));
		await screen.press('i');
		await screen.waitFor((frame) => frame.includes('evil\\x1b]0;pwned\\x07.csv'), 'the file listed');
		expectSafe(screen, 120);
		await screen.press(keys.enter);
		const choice = await screen.waitFor(
			(frame) => frame.includes('How its columns become records'),
			'the mapping step',
		);
		expect(choice).toContain('note\\x1b[31m');
		expectSafe(screen, 120);
		await screen.press(keys.enter);
		const preview = await screen.waitFor((frame) => frame.includes('as they will land'), 'the preview');
		expect(preview).toMatch(/2\s+reject\s+name holds the control character \\x1b at position 5/);
		expect(preview).toMatch(/3\s+create\s+Fine/);
		expectSafe(screen, 120);
		await screen.press(keys.enter);
		await screen.waitFor((frame) => frame.includes('1 created'), 'the summary');
		expectSafe(screen, 120);
		expect(screen.store.data.customers.map((entry) => entry.name)).toEqual(['Fine']);
	});
});

describe('forms and prompts refuse control characters; stored ones must be cleared to save', () => {
	test('an edit form on a record stored with them shows them escaped with the reason at once, saves nothing until they are gone', async () => {
		const screen = await renderConsole({dataset: hostileData(), width: 100, height: 30});
		await screen.waitFor((frame) => frame.includes('1/3'));
		const form = await screen.press('je');
		expect(form).toContain('Edit customer');
		expect(form).toMatch(/Name\s+Evil\\x1b\]0;pwned\\x07/);
		expect(form).toMatch(/✗ holds the control character \\x1b at position 5/);
		expect(form).toMatch(
			/Notes\s+Line one\\x1b\[31m Line two\\x07\s*\n\s+✗ holds the control character \\x1b at position 9/,
		);
		expectSafe(screen, 100);
		const before = readFileSync(screen.file, 'utf8');
		const refused = await screen.press('\u0013');
		expect(refused).toContain('Not saved: 2 fields need attention.');
		expect(readFileSync(screen.file, 'utf8')).toBe(before);

		// The caret steps over an escaped character as one: End, then one Backspace removes the C1 CSI before X.
		await screen.press(`${keys.end}${keys.left}${keys.backspace}`);
		await screen.waitFor((frame) => /Name\s+Evil.*RedX/.test(frame), 'the C1 CSI removed by one Backspace');
		// Clearing both fields lets the form save.
		await screen.press(`${keys.ctrlU}Evil Corp`);
		for (let index = 0; index < 8; index++) await screen.type(keys.tab);
		await screen.waitFor((frame) => frame.includes('› Notes'), 'the notes field');
		await screen.press(`${keys.ctrlU}Clean note`);
		await screen.press('\u0013');
		await screen.waitFor((frame) => frame.includes('Saved customer “Evil Corp”'), 'the save');
		const saved = JSON.parse(readFileSync(screen.file, 'utf8')) as {customers: Array<{name: string; notes: string}>};
		expect(saved.customers.map((entry) => entry.name)).toContain('Evil Corp');
		expect(saved.customers.find((entry) => entry.name === 'Evil Corp')!.notes).toBe('Clean note');
	});

	test('a C1 character typed (pasted) into a new record is refused at its field', async () => {
		const screen = await renderConsole({dataset: datasetOf({}), width: 100, height: 30});
		await screen.waitFor((frame) => frame.includes('0/0'));
		await screen.press('n');
		await screen.press('Bad\u009B2J');
		const refused = await screen.press('\u0013');
		expect(refused).toMatch(
			/Name\s+Bad\\x9b2J\s*\n\s+✗ holds the control character \\x9b at position 4 \(a single line of text\)/,
		);
		expect(refused).toContain('Not saved');
		expectSafe(screen, 100);
		expect(JSON.parse(readFileSync(screen.file, 'utf8')).customers).toEqual([]);
	});

	test('a reply holding one is refused with the prompt kept; the old comment holding one stays', async () => {
		const screen = await renderConsole({dataset: hostileData(), width: 100, height: 30});
		await screen.waitFor((frame) => frame.includes('1/3'));
		await screen.press('3');
		await screen.press('r');
		await screen.press('Done\u009B');
		const refused = await screen.press(keys.enter);
		expect(refused).toContain('Not saved: the text holds the control character \\x9b at position 5');
		expect(refused).toContain('Enter sends');
		expectSafe(screen, 100);
		await screen.press(`${keys.backspace}, fixed`);
		await screen.press(keys.enter);
		await screen.waitFor((frame) => frame.includes('Replied on'), 'the reply saved');
		const saved = JSON.parse(readFileSync(screen.file, 'utf8')) as {tickets: Ticket[]};
		expect(saved.tickets[0]!.comments.map((comment) => comment.body)).toEqual([
			`Old reply ${clipboard}`,
			'Done, fixed',
		]);
	});
});
