import {readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {smallDemo} from '../support/fixtures.js';
import {renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

const roles = {access: {operators: {ana: 'admin', vic: 'viewer'}}};

test(':export writes the list beside the data; the same name again asks before replacing, n keeps the file, y replaces it', async () => {
	const screen = await renderConsole({dataset: smallDemo(), width: 120, height: 30, operator: 'ana', config: roles});
	await screen.waitFor((text) => text.includes('/60'));
	await screen.press(':export june.csv\r');
	await screen.waitFor((text) => text.includes('Exported 60 records to'), 'the export');
	const file = join(screen.folder, 'june.csv');
	const first = await readFile(file, 'utf8');
	// Narrow the list, then export to the same name: the operator is asked first.
	await screen.press('/');
	await screen.type('zzzz-no-such');
	await screen.press('\r');
	await screen.press(':export june.csv\r');
	const question = await screen.waitFor((text) => text.includes('Replace'), 'the question');
	expect(question).toContain(`Replace ${file}?`);
	expect(question).toMatch(/exists already \([\d,]+ bytes\)/);
	await screen.press('n');
	expect(screen.lines().at(-1)).toContain('Not exported:');
	expect(screen.lines().at(-1)).toContain('june.csv is kept as it was.');
	expect(await readFile(file, 'utf8')).toBe(first);
	await screen.press(':export june.csv\r');
	await screen.waitFor((text) => text.includes('Replace'), 'the question again');
	await screen.press('y');
	await screen.waitFor((text) => text.includes('Exported 0 records to'), 'the replacement');
	expect(await readFile(file, 'utf8')).not.toBe(first);
});

test(':export naming the data file or its settings is refused and changes nothing', async () => {
	const screen = await renderConsole({dataset: smallDemo(), width: 120, height: 30, operator: 'ana', config: roles});
	await screen.waitFor((text) => text.includes('/60'));
	for (const name of ['crm.json', 'crm.config.json', 'crm.json.journal', '../']) {
		const target = join(screen.folder, name);
		const before = await readFile(target).catch(() => null);
		await screen.press(`:export ${name}\r`);
		await screen.waitFor((text) => /Not exported/.test(text), `the refusal of ${name}`);
		// Compared as text: toEqual walks a Buffer byte by byte, seconds for the demo's data file.
		expect((await readFile(target).catch(() => null))?.toString('latin1')).toBe(before?.toString('latin1'));
		expect(screen.frame()).not.toContain('Replace');
	}
});

test('a viewer and a --readonly console write no export file', async () => {
	const viewer = await renderConsole({dataset: smallDemo(), width: 120, height: 30, operator: 'vic', config: roles});
	await viewer.waitFor((text) => text.includes('/60'));
	await viewer.press(':export v.csv\r');
	await viewer.waitFor((text) => text.includes('vic (viewer) may not export records to a file'), 'the refusal');
	await expect(stat(join(viewer.folder, 'v.csv'))).rejects.toThrow();
	cleanup();
	const readonly = await renderConsole({dataset: smallDemo(), width: 120, height: 30, operator: 'ana', readonly: true});
	await readonly.waitFor((text) => text.includes('/60'));
	await readonly.press(':export r.csv\r');
	await readonly.waitFor(
		(text) => text.includes('Read-only (--readonly): this console writes no file.'),
		'the refusal',
	);
	await expect(stat(join(readonly.folder, 'r.csv'))).rejects.toThrow();
});
