import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {smallDemo} from '../support/fixtures.js';
import {renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

const roles = {access: {operators: {ana: 'admin', vic: 'viewer', sam: 'sales'}}};

test('a viewer sees no key that changes data — not in the hints, not in help — and a pressed one says why', async () => {
	const screen = await renderConsole({dataset: smallDemo(), width: 120, height: 30, operator: 'vic', config: roles});
	const frame = await screen.waitFor((text) => text.includes('/60'));
	expect(frame.split('\n')[0]).toContain('vic (viewer)');
	const hints = screen.lines().at(-1)!;
	expect(hints).not.toMatch(/n new|e edit|i import|a log|m merge|u undo/);
	expect(hints).toMatch(/viewer · 1\/60$/);
	expect(hints).toContain('Enter open');
	await screen.press('?');
	const help = await screen.waitFor((text) => text.includes('Keys —'));
	expect(help).not.toContain('New record on this screen');
	await screen.press('?');
	await screen.press('e');
	expect(screen.lines().at(-1)).toContain('vic (viewer) may not change customers.');
	expect(screen.frame()).not.toContain('Edit customer');
	// The command line is no way around it.
	await screen.press(':new customer\r');
	expect(screen.lines().at(-1)).toContain('vic (viewer) may not create customers.');
	expect(screen.frame()).not.toContain('New customer');
});

test('sales sees the deal keys on opportunities but not the ticket keys on tickets', async () => {
	const screen = await renderConsole({dataset: smallDemo(), width: 160, height: 30, operator: 'sam', config: roles});
	await screen.waitFor((text) => text.includes('/60'));
	await screen.press('2');
	await screen.waitFor((text) => text.includes('[2 Opportunities]'));
	expect(screen.lines().at(-1)).toMatch(/> stage/);
	await screen.press('3');
	await screen.waitFor((text) => text.includes('[3 Tickets]'));
	expect(screen.lines().at(-1)).not.toMatch(/r reply|> status/);
	await screen.press('r');
	expect(screen.lines().at(-1)).toContain('sam (sales) may not change tickets.');
});

test('--readonly: marked in the header, nothing offered that changes data', async () => {
	const screen = await renderConsole({dataset: smallDemo(), width: 120, height: 30, readonly: true});
	const frame = await screen.waitFor((text) => text.includes('/60'));
	expect(frame.split('\n')[0]).toContain('read-only');
	await screen.press('n');
	expect(screen.lines().at(-1)).toContain('Read-only (--readonly): nothing can be changed from this console.');
});
