import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {valueCustomers} from '../support/customer-values.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

/** The names in the CSV's rows (the header has `name` among the record's fields). */
const namesIn = (csv: string): string[] => {
	const [header, ...rows] = csv.trim().split('\n');
	const column = header!.split(',').indexOf('name');
	return rows.map((row) => row.split(',')[column]!);
};

test('at 80x24 the customers list shows Value; /value:at-risk shows only those, and :export writes exactly them', async () => {
	const screen = await renderConsole({dataset: valueCustomers().dataset, width: 80, height: 24, operator: 'ana'});
	const list = await screen.waitFor((text) => text.includes('/6'), 'the customers list');
	expect(list).toMatch(/Value/);
	expect(list).toMatch(/Ada Champion.*champions/);
	expect(list).toMatch(/Fay Never.*—/);
	// Shift+V sorts by the segment, champions first and no value last.
	const sorted = await screen.press('V');
	const order = ['Ada Champion', 'Bo Loyal', 'Cy Promising', 'Di Risk', 'Ed Sleeper', 'Fay Never'];
	expect(order.map((name) => sorted.indexOf(name))).toEqual(
		order.map((name) => sorted.indexOf(name)).sort((a, b) => a - b),
	);
	await screen.press('/');
	await screen.type('value:at-risk');
	await screen.press(keys.enter);
	const filtered = await screen.waitFor((text) => text.includes('/1'), 'the at-risk customers');
	expect(filtered).toContain('Di Risk');
	expect(filtered).not.toContain('Ada Champion');
	await screen.press(':export at-risk.csv\r');
	await screen.waitFor((text) => text.includes('Exported 1 record'), 'the export');
	expect(namesIn(await readFile(join(screen.folder, 'at-risk.csv'), 'utf8'))).toEqual(['Di Risk']);
});

test('at 200 columns both Value and RFM show; the detail says the customer value', async () => {
	const screen = await renderConsole({dataset: valueCustomers().dataset, width: 200, height: 30, operator: 'ana'});
	const list = await screen.waitFor((text) => text.includes('/6'), 'the customers list');
	expect(list).toMatch(/Value\s+RFM/);
	expect(list).toMatch(/Di Risk.*at-risk\s+233/);
	await screen.press('/');
	await screen.type('rfm:5');
	await screen.press(keys.enter);
	await screen.waitFor((text) => text.includes('/1'), 'the customer with a 5');
	const detail = await screen.press(keys.enter);
	expect(detail).toContain('champions · R 5 F 5 M 5 · 5 purchases in the year, last 10 days ago, $500');
});
