import {readFile} from 'node:fs/promises';
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {maskEmail, maskName, maskPhone} from '../../source/domain/mask.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

test('masks keep the shape, not the value', () => {
	expect(maskName('Ada Lovelace')).toBe('A•• L•••••••');
	expect(maskName('山田 太郎')).toBe('山• 太•');
	expect(maskEmail('ada@example.com')).toBe('a••@e••••••.com');
	expect(maskPhone('+47 555 0101')).toBe('+•• ••• ••01');
});

test('--mask: names, emails and phones masked in the list, the detail, search, the form and the log; the file keeps the real ones', async () => {
	const ada = customer({
		name: 'Ada Lovelace',
		email: 'ada@example.com',
		phone: '+44 20 7946 0000',
		company: 'Engines Ltd',
	});
	const screen = await renderConsole({dataset: datasetOf({customers: [ada]}), width: 140, height: 30, mask: true});
	let frame = await screen.waitFor((text) => text.includes('1/1'));
	expect(frame).toContain('A•• L•••••••');
	expect(frame).not.toMatch(/Lovelace|ada@example|7946/);

	await screen.press(keys.enter);
	frame = await screen.waitFor((text) => text.includes('a••@e••••••.com'), 'the masked detail');
	expect(frame).not.toMatch(/Lovelace|ada@example|7946/);
	await screen.press(keys.escape);

	await screen.press('\u000b');
	await screen.press('engines');
	frame = await screen.waitFor((text) => text.includes('A•• L•••••••'), 'the masked search result');
	expect(frame).not.toContain('Lovelace');
	await screen.press(keys.escape);

	// The form shows the masked values; changing the phone saves the phone alone, the real name and email untouched.
	await screen.press('e');
	frame = await screen.waitFor((text) => text.includes('Edit customer'));
	expect(frame).not.toMatch(/Lovelace|ada@example/);
	await screen.press(`${keys.tab}${keys.tab}${keys.tab}${keys.ctrlU}+44 20 0000 1111\u0013`);
	await screen.waitFor((text) => text.includes('Saved customer'), 'the save');
	const saved = JSON.parse(await readFile(screen.file, 'utf8')) as {
		customers: Array<{name: string; email: string; phone: string}>;
	};
	expect(saved.customers[0]).toMatchObject({name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 0000 1111'});
	expect(screen.frame()).not.toContain('Lovelace');

	await screen.press('6');
	frame = await screen.waitFor((text) => text.includes('[6 Log]'));
	expect(frame).not.toMatch(/Lovelace|0000 1111/);
});

test('--mask: a question worded from the real record (delete?) shows it masked', async () => {
	const screen = await renderConsole({
		dataset: datasetOf({customers: [customer({name: 'Ada Lovelace'})]}),
		width: 100,
		height: 30,
		mask: true,
	});
	await screen.waitFor((text) => text.includes('1/1'));
	await screen.press('d');
	const frame = await screen.waitFor((text) => text.includes('Delete customer'));
	expect(frame).toContain('Delete customer “A•• L•••••••”?');
	expect(frame).not.toContain('Lovelace');
});

test('--mask: a deal named after its customer is masked in its title too, and the filter finds no real name', async () => {
	const ada = customer({name: 'Ada Lovelace'});
	const deal = {
		id: 'opp_ada00001',
		title: 'Renewal for Ada Lovelace',
		customerId: ada.id,
		stage: 'proposal' as const,
		amount: 1000,
		currency: 'USD',
		probability: 0.5,
		owner: '',
		expectedCloseAt: null,
		closedAt: null,
		lostReason: '',
		product: '',
		tags: [],
		notes: '',
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		version: 1,
	};
	const screen = await renderConsole({
		dataset: datasetOf({customers: [ada], opportunities: [deal as never]}),
		width: 140,
		height: 30,
		mask: true,
	});
	await screen.waitFor((text) => text.includes('1/1'));
	await screen.press('2');
	const frame = await screen.waitFor((text) => text.includes('[2 Opportunities]') && text.includes('Renewal for'));
	expect(frame).toContain('Renewal for A•• L•••••••');
	expect(frame).not.toContain('Lovelace');
	expect(screen.lines().at(-1)).toMatch(/masked · 1\/1$/);
	await screen.press('/Lovelace');
	await screen.waitFor((text) => text.includes('No opportunities match'));
});
