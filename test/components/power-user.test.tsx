import {readFileSync} from 'node:fs';
import {expect, test} from 'vitest';
import {operatorFilePath} from '../../source/store/operator-file.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

const names = ['Ana Silva', 'Bo Berg', 'Cy Dahl', 'Di Ek', 'Ed Fors'];
const dataset = () =>
	datasetOf({customers: names.map((name, index) => customer({name, owner: index < 2 ? 'ana' : 'bo', tags: []}))});

test('Space marks two rows (* shown, the count on the status line), c sets their owner in one save, u undoes it whole', async () => {
	const screen = await renderConsole({dataset: dataset(), width: 100, height: 24});
	await screen.waitFor((text) => text.includes('1/5'));
	const marked = await screen.press('  ');
	expect(marked).toContain('2 marked  3/5');
	expect(marked).toMatch(/^ \*Ana Silva/m);
	expect(marked).toMatch(/^ \*Bo Berg/m);
	expect(marked).toMatch(/^> Cy Dahl/m);
	await screen.press('c');
	await screen.waitFor((text) => text.includes('Change the 2 customers marked:'), 'the menu');
	await screen.press('owner');
	await screen.press(keys.enter);
	await screen.press('Zoe');
	await screen.press(keys.enter);
	const asked = await screen.waitFor((text) => text.includes('Set owner to “Zoe”'), 'the question');
	expect(asked).toContain('Set owner to “Zoe” on the 2 customers marked?');
	await screen.press('y');
	const done = await screen.waitFor((text) => text.includes('u undoes it whole'), 'the notice');
	expect(done).toContain('Set owner to “Zoe”: 2 customers. u undoes it whole.');
	expect(done).not.toContain('marked');
	const owners = () => screen.store.data.customers.map((record) => record.owner);
	expect(owners()).toEqual(['Zoe', 'Zoe', 'bo', 'bo', 'bo']);
	// One batch in the log: the two entries share it.
	const batches = new Set(screen.store.data.changes.slice(-2).map((entry) => entry.batch));
	expect(batches.size).toBe(1);
	expect([...batches][0]).not.toBeNull();
	await screen.press('u');
	await screen.waitFor(() => owners()[0] === 'ana', 'the undo');
	expect(owners()).toEqual(['ana', 'ana', 'bo', 'bo', 'bo']);
}, 20_000);

test('a record another console changed meanwhile is refused, named with the reason in a report; the rest are saved', async () => {
	const screen = await renderConsole({dataset: dataset(), width: 100, height: 24});
	await screen.waitFor((text) => text.includes('1/5'));
	await screen.press('*');
	await screen.press('c');
	await screen.waitFor((text) => text.includes('Change the 5 customers marked:'), 'the menu');
	await screen.press('add a tag');
	await screen.press(keys.enter);
	await screen.press('vip\r');
	await screen.waitFor((text) => text.includes('Add the tag “vip” to the 5 customers marked?'), 'the question');
	// Another operator saves Cy Dahl while the question is open: this console's version of it is stale.
	const other = await CrmStore.open(screen.file);
	const cy = other.data.customers.find((record) => record.name === 'Cy Dahl')!;
	await other.apply(
		[{kind: 'update', entity: 'customers', id: cy.id, version: cy.version, values: {status: 'churned'}}],
		'other',
	);
	await other.close();
	await screen.press('y');
	const report = await screen.waitFor((text) => text.includes('left as they were'), 'the report');
	expect(report).toContain('Add the tag “vip”: 1 of 5 customers left as they were');
	expect(report).toMatch(/“Cy Dahl”: .*changed since/);
	const tagged = screen.store.data.customers.map((record) => `${record.name} ${record.tags.join(',')}`);
	expect(tagged).toEqual(['Ana Silva vip', 'Bo Berg vip', 'Cy Dahl ', 'Di Ek vip', 'Ed Fors vip']);
	// The refused one stays marked, to try again.
	const closed = await screen.press(keys.enter);
	expect(closed).toContain('1 marked');
	expect(closed).toMatch(/^ \*Cy Dahl/m);
}, 20_000);

test('# counts the sorted column; Enter filters to the value; :view save keeps the view in the operator’s file', async () => {
	const screen = await renderConsole({dataset: dataset(), width: 80, height: 24, operator: 'tester'});
	await screen.waitFor((text) => text.includes('1/5'));
	await screen.press('O');
	const counted = await screen.press('#');
	expect(counted).toContain('Owner counted over 5 customers');
	expect(counted).toMatch(/> bo\s+3\s+60%/);
	expect(counted).toMatch(/ana\s+2\s+40%/);
	const filtered = await screen.press(keys.enter);
	expect(filtered).toContain('1/3');
	expect(filtered).toContain('/owner:=bo');
	await screen.press(':view save theirs\r');
	await screen.waitFor((text) => text.includes('Saved the view “theirs”'), 'the notice');
	const file = operatorFilePath(screen.file, 'tester');
	// A deadline for a durable write, not a speed limit: CI runs this beside the stress test's eight writers.
	await expect
		.poll(
			() => {
				try {
					return JSON.parse(readFileSync(file, 'utf8')).views;
				} catch {
					return undefined;
				}
			},
			{timeout: 10_000},
		)
		.toEqual({theirs: {screen: 'customers', filter: 'owner:=bo', sort: {column: 'owner', descending: false}}});
}, 20_000);
