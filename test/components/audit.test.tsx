import {readFile, writeFile} from 'node:fs/promises';
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

test('v on the change log verifies the audit chain; an entry edited on disk is named', async () => {
	const screen = await renderConsole({dataset: datasetOf({customers: [customer({name: 'Acme'})]}), width: 140, height: 30, operator: 'ana'});
	await screen.waitFor((text) => text.includes('Acme'));
	const other = await CrmStore.open(screen.file);
	const acme = other.data.customers[0]!;
	await other.apply([{kind: 'update', entity: 'customers', id: acme.id, version: acme.version, values: {company: 'Acme Group'}}], 'bea');
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
	expect(screen.lines().at(-1)).toMatch(/Audit chain broken at entry 1 \(chg_\w+, .*by mallory/);
});
