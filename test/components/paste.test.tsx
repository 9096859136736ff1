import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {smallDemo} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

/** What a terminal sends for a paste once the console turned bracketed paste on. */
const pasted = (text: string) => `\u001B[200~${text}\u001B[201~`;

test('a paste with line breaks into a reply is the reply, whole: its lines are text, never keys (it sent the first line and ran `dy`, deleting a ticket)', async () => {
	const screen = await renderConsole({dataset: smallDemo(), width: 120, height: 30});
	await screen.waitFor((text) => text.includes('/60'));
	await screen.press('3');
	const tickets = await screen.waitFor((text) => text.includes('[3 Tickets]') && text.includes('/80'));
	const subject = screen.store.data.tickets.length;
	await screen.press('r');
	await screen.waitFor((text) => /Reply/.test(text), 'the reply prompt');
	await screen.press(pasted('Noted, will call you\ndy'));
	await screen.press(keys.enter);
	await screen.waitFor((text) => text.includes('Replied on'), 'the reply sent');
	expect(screen.store.data.tickets).toHaveLength(subject);
	const replies = screen.store.data.tickets
		.flatMap((ticket) => ticket.comments)
		.filter((comment) => comment.body.startsWith('Noted'));
	expect(replies.map((comment) => comment.body)).toEqual(['Noted, will call you\ndy']);
	expect(tickets).toBeDefined();
});

test('a paste where nothing takes text is not used: no key of it runs', async () => {
	const screen = await renderConsole({dataset: smallDemo(), width: 120, height: 30});
	await screen.waitFor((text) => text.includes('/60'));
	const before = screen.store.data.customers.length;
	await screen.press(pasted('dy'));
	expect(screen.lines().at(-1)).toContain('Nothing here takes text: the paste (2 characters) was not used.');
	await screen.type('y');
	expect(screen.frame()).not.toMatch(/Delete/);
	expect(screen.store.data.customers).toHaveLength(before);
});

test('a paste with lines goes whole into notes; a one-line field refuses it whole, at the field, and keeps what it had', async () => {
	const screen = await renderConsole({dataset: smallDemo(), width: 80, height: 24});
	await screen.waitFor((text) => text.includes('/60'));
	await screen.press('n');
	await screen.waitFor((text) => text.includes('New customer'), 'the form');
	await screen.press('Ada Paste');
	const refused = await screen.press(pasted('abc\ndef\tghi'));
	expect(refused).toMatch(/✗ one line only: the paste \(with line breaks\) was not taken$/m);
	expect(refused).toMatch(/Name\s+Ada Paste/);
	expect(refused).not.toMatch(/Company\s+def/);
	// To the notes (the last field), and a paste of three lines.
	await screen.type(keys.tab.repeat(8));
	const taken = await screen.press(pasted('line one\r\nline two\rline three'));
	expect(taken).toMatch(/› Notes\s+line one line two line three/);
	await screen.press('\u0013');
	await screen.waitFor((text) => text.includes('Saved customer “Ada Paste”.'), 'the save');
	const saved = screen.store.data.customers.find((customer) => customer.name === 'Ada Paste');
	expect(saved?.notes).toBe('line one\nline two\nline three');
	expect(saved?.company).toBe('');
});
