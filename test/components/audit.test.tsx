import {readFile, writeFile} from 'node:fs/promises';
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

test('v on the change log verifies the audit chain; an entry edited on disk is named', async () => {
	const screen = await renderConsole({
		dataset: datasetOf({customers: [customer({name: 'Acme'})]}),
		width: 140,
		height: 30,
		operator: 'ana',
	});
	await screen.waitFor((text) => text.includes('Acme'));
	const other = await CrmStore.open(screen.file);
	const acme = other.data.customers[0]!;
	await other.apply(
		[{kind: 'update', entity: 'customers', id: acme.id, version: acme.version, values: {company: 'Acme Group'}}],
		'bea',
	);
	await other.apply([{kind: 'create', entity: 'customers', values: {name: 'Zed', status: 'lead'}}], 'bea');
	await screen.press('6');
	await screen.waitFor((text) => text.includes('[6 Log]') && text.includes('Zed'), 'the log with both changes');
	expect(screen.lines().at(-1)).toContain('v verify');
	await screen.press('v');
	expect(screen.lines().at(-1)).toContain('Audit chain intact: all 2 entries are as they were written.');

	// Someone edits the first entry in the file by hand; the console reloads it and v catches it.
	const raw = JSON.parse(await readFile(screen.file, 'utf8')) as {changes: Array<{operator: string}>};
	raw.changes[0]!.operator = 'mallory';
	await writeFile(screen.file, JSON.stringify(raw, null, 2));
	await screen.waitFor((text) => text.includes('mallory'), 'the edited log, reloaded');
	await screen.press('v');
	// The notice is long: it is shown whole, over the last rows of the screen.
	expect(screen.lines().slice(-4).join(' ')).toMatch(
		/Audit chain broken at entry 1 \(chg_\w+, .*by mallory.* Entries before it are as they\s+were written; from it on the log cannot be trusted\./,
	);
});

test('at 80x24 a long refusal is shown whole, remedy included, over the last rows until the next key: a record changed outside crm is not saved', async () => {
	const screen = await renderConsole({
		dataset: datasetOf({customers: [customer({name: 'Acme'}), customer({name: 'Bolt'})]}),
		width: 80,
		height: 24,
		operator: 'ana',
	});
	await screen.waitFor((text) => text.includes('1/2'));
	const raw = JSON.parse(await readFile(screen.file, 'utf8')) as {customers: Array<{name: string; company: string}>};
	raw.customers[0]!.name = 'Acme Changed';
	await writeFile(screen.file, JSON.stringify(raw, null, 2));
	await screen.waitFor((text) => text.includes('Acme Changed'), 'the edit, reloaded');
	await screen.press('e');
	await screen.waitFor((text) => text.includes('Edit customer'), 'the form');
	// A change of this operator's own, to a record someone edited in the file.
	await screen.press('x');
	await screen.press('\u0013');
	const refused = await screen.waitFor((text) => text.includes('Not saved'), 'the refusal');
	const bottom = refused.split('\n').slice(-5).join(' ');
	expect(bottom).toMatch(/Not saved: the customer “Acme Changed” \(cus_\w+\) was changed in the file outside crm/);
	expect(bottom).toMatch(/`crm doctor --restore` brings back a backup\./);
	for (const line of refused.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
	// The next key puts the screen back as it was.
	const after = await screen.press('\u001B');
	expect(after).not.toContain('Not saved');
});
