import {readFileSync} from 'node:fs';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeEach, describe, expect, test} from 'vitest';
import {currencyArgument, rateArgument, runSettings, SettingsRefusedError} from '../../source/commands/settings.js';
import {settingsEntity} from '../../source/domain/settings.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

let file: string;

beforeEach(async () => {
	file = join(tempFolder('settings'), 'crm.json');
	await CrmStore.create(file, datasetOf({customers: [customer({name: 'Acme'})]}));
});

const settingsText = async (): Promise<string | null> => readFile(settingsPathFor(file), 'utf8').catch(() => null);
const logged = async () =>
	(await CrmStore.open(file, Date.now, {readonly: true})).data.changes.filter(
		(entry) => entry.entity === settingsEntity,
	);

describe('currency codes and rates as typed', () => {
	test.each([
		['USD', 'USD'],
		['eur', 'EUR'],
		[' cny ', 'CNY'],
	])('%j is the currency %s', (typed, code) => {
		expect(currencyArgument(typed, 'base currency')).toBe(code);
	});

	test.each(['', 'US', 'EURO', 'U$D', '123', '€'])('%j is refused, naming the field', (typed) => {
		expect(() => currencyArgument(typed, 'base currency')).toThrow(/^base currency: .* must be three letters/);
	});

	test.each([
		['1.08', 1.08],
		['0.14', 0.14],
		['7', 7],
		['.5', 0.5],
	])('a rate %j is %d', (typed, rate) => {
		expect(rateArgument(typed, 'EUR')).toBe(rate);
	});

	test.each([
		['0', 'must be more than 0'],
		['0.0', 'must be more than 0'],
		['-1', 'is not a number like 1.08'],
		['', 'is not a number like 1.08'],
		['1,08', 'is not a number like 1.08'],
		['1e3', 'is not a number like 1.08'],
		['NaN', 'is not a number like 1.08'],
		['Infinity', 'is not a number like 1.08'],
	])('a rate %j is refused: %s', (typed, words) => {
		expect(() => rateArgument(typed, 'EUR')).toThrow(SettingsRefusedError);
		expect(() => rateArgument(typed, 'EUR')).toThrow(`rate of EUR: `);
		expect(() => rateArgument(typed, 'EUR')).toThrow(words);
	});
});

describe('crm settings', () => {
	test('show on a file from before rates: USD assumed, and said so; no products', async () => {
		const text = await runSettings(file, {action: 'show'}, 'ana');
		expect(text).toContain('Base currency: USD (assumed: this settings file predates rates');
		expect(text).toContain('Rates: none, so only amounts in USD count in money figures.');
		expect(text).toContain('Products: none in the catalogue.');
		expect(await settingsText()).toBeNull();
	});

	test('a rate set, changed and removed: each logged as a settings change, the base made explicit', async () => {
		expect(await runSettings(file, {action: 'rate', currency: 'eur', rate: '1.08'}, 'ana')).toContain(
			'One EUR now counts as 1.08 USD. (changed by ana)',
		);
		expect(JSON.parse((await settingsText())!)).toMatchObject({baseCurrency: 'USD', rates: {EUR: 1.08}});
		expect(await runSettings(file, {action: 'rate', currency: 'EUR', rate: '1.08'}, 'ana')).toContain(
			'EUR is 1.08 USD already: nothing changed.',
		);
		await runSettings(file, {action: 'rate', currency: 'EUR', remove: true}, 'ana');
		expect(JSON.parse((await settingsText())!).rates).toEqual({});
		const entries = await logged();
		expect(entries.map((entry) => [entry.operator, entry.label, entry.changes.map((change) => change.field)])).toEqual([
			['ana', 'base currency and rates', ['baseCurrency', 'rates.EUR']],
			['ana', 'base currency and rates', ['rates.EUR']],
		]);
		expect(entries[1]!.changes[0]).toMatchObject({before: 1.08, after: null});
	});

	test('a new base restates the rates through its own rate; without one it is refused unless the rates are dropped', async () => {
		await runSettings(file, {action: 'rate', currency: 'CNY', rate: '0.14'}, 'ana');
		await runSettings(file, {action: 'rate', currency: 'EUR', rate: '1.12'}, 'ana');
		await runSettings(file, {action: 'base', currency: 'CNY'}, 'ana');
		expect(JSON.parse((await settingsText())!)).toMatchObject({
			baseCurrency: 'CNY',
			rates: {USD: 7.14285714286, EUR: 8},
		});
		await expect(runSettings(file, {action: 'base', currency: 'JPY'}, 'ana')).rejects.toThrow(
			'Not changed: JPY has no rate into CNY, so the rates cannot be restated in JPY.',
		);
		expect(JSON.parse((await settingsText())!).baseCurrency).toBe('CNY');
		await runSettings(file, {action: 'base', currency: 'JPY', dropRates: true}, 'ana');
		expect(JSON.parse((await settingsText())!)).toMatchObject({baseCurrency: 'JPY', rates: {}});
	});

	test.each([
		[{action: 'rate', currency: 'EUR', rate: '0'}, 'rate of EUR: must be more than 0 (found 0). Nothing was changed.'],
		[{action: 'rate', currency: 'EUR', rate: '-2'}, 'rate of EUR: “-2” is not a number'],
		[{action: 'rate', currency: 'EURO', rate: '1'}, 'rate currency: “EURO” is not a currency code'],
		[{action: 'rate', currency: 'USD', rate: '2'}, 'rate of USD: USD is the base currency, so its rate is 1'],
		[{action: 'rate', currency: 'EUR'}, 'rate of EUR: give the number of USD one EUR is worth'],
		[{action: 'rate', currency: 'EUR', rate: '1', remove: true}, 'give a rate or --remove, not both'],
		[{action: 'base', currency: 'US'}, 'base currency: “US” is not a currency code'],
		[{action: 'base', currency: ''}, 'base currency: “” is not a currency code'],
		[{action: 'product-add', name: '', price: '1', currency: 'USD'}, 'product name: must not be empty.'],
		[{action: 'product-add', name: 'X', price: 'ten', currency: 'USD'}, 'unit price of “X”: “ten” is not a number.'],
		[{action: 'product-add', name: 'X', price: '-5', currency: 'USD'}, 'unit price of “X”: must not be negative'],
		[
			{action: 'product-add', name: 'X', price: '5', currency: 'dollars'},
			'currency of “X”: “dollars” is not a currency code',
		],
		[{action: 'product-add', name: 'a\u001b[2Jb', price: '5', currency: 'USD'}, 'product name '],
	] as const)('%j is refused in words, nothing saved', async (request, words) => {
		const before = await readFile(file, 'utf8');
		await expect(runSettings(file, request, 'ana')).rejects.toThrow(words);
		expect(await settingsText()).toBeNull();
		expect(await readFile(file, 'utf8')).toBe(before);
	});

	test('products: added with a note when their currency has no rate, a second of the same name refused, removed in any case', async () => {
		const added = await runSettings(
			file,
			{action: 'product-add', name: 'Gold Plan', price: '1,200.50', currency: 'eur'},
			'ana',
		);
		expect(added).toContain('Added “Gold Plan” at 1,200.50 EUR. EUR has no rate yet');
		expect(added).toMatch(/Products \(1\):\n {2}Gold Plan +1,200\.50 EUR/);
		await expect(
			runSettings(file, {action: 'product-add', name: 'gold plan', price: '3', currency: 'USD'}, 'ana'),
		).rejects.toThrow('product name: “Gold Plan” is in the catalogue already (1,200.50 EUR)');
		expect(await runSettings(file, {action: 'product-remove', name: 'Silver'}, 'ana')).toContain(
			'No product is named “Silver”: nothing changed.',
		);
		expect(await runSettings(file, {action: 'product-remove', name: 'GOLD PLAN'}, 'ana')).toContain(
			'Removed “Gold Plan”',
		);
		expect(JSON.parse((await settingsText())!).products).toEqual([]);
		expect((await logged()).map((entry) => entry.label)).toEqual(['product catalogue', 'product catalogue']);
	});

	test('only an admin changes them; anyone may look', async () => {
		await writeFile(settingsPathFor(file), JSON.stringify({access: {operators: {ana: 'admin', sam: 'sales'}}}));
		const before = await settingsText();
		await expect(runSettings(file, {action: 'rate', currency: 'EUR', rate: '1.1'}, 'sam')).rejects.toThrow(
			/sam \(sales\) may not change/,
		);
		expect(await settingsText()).toBe(before);
		expect(await runSettings(file, {action: 'show'}, 'sam')).toContain('Base currency: USD');
	});

	test('records in a currency without a rate are counted by currency in the listing', async () => {
		const store = await CrmStore.open(file);
		await store.apply(
			[
				{
					kind: 'create',
					entity: 'opportunities',
					values: {
						title: 'Big one',
						customerId: '',
						stage: 'prospecting',
						amount: 1000,
						currency: 'JPY',
						probability: 0.1,
					},
				},
			],
			'ana',
		);
		expect(await runSettings(file, {action: 'show'}, 'ana')).toContain(
			'Without a rate (left out of money figures, counted as unpriced): JPY (1 record)',
		);
	});
});

describe('the seeded settings', () => {
	test('a new demo gets the base currency, the rates and the catalogue; an operator’s settings file is kept, and the seed says what to do', async () => {
		const {seedDataFile} = await import('../../source/commands/seed.js');
		const demo = join(tempFolder('settings-seed'), 'demo.json');
		const said = await seedDataFile(demo, {now: new Date('2026-11-01T00:00:00Z'), customers: 20, opportunities: 40});
		expect(said).toMatch(
			/Settings with go-live 2025-11-01, base currency USD, rates for CNY and EUR and a catalogue of 12 products/,
		);
		const shown = await runSettings(demo, {action: 'show'}, 'ana');
		expect(shown).toContain('Base currency: USD\nRates (USD per one unit):\n  CNY  0.14\n  EUR  1.08\nProducts (12):');
		expect(shown).not.toContain('Without a rate');
		await writeFile(settingsPathFor(demo), JSON.stringify({backups: 3}));
		const again = await seedDataFile(demo, {now: new Date('2026-11-01T00:00:00Z'), customers: 20, force: true});
		expect(again).toContain('The settings file beside it was kept as it is; the demo also uses CNY and EUR');
		expect(JSON.parse(readFileSync(settingsPathFor(demo), 'utf8'))).toEqual({backups: 3});
		expect(await runSettings(demo, {action: 'show'}, 'ana')).toMatch(/Without a rate .*: (CNY|EUR)/);
	});
});

describe('money settings written by hand are checked on load, naming the field', () => {
	test.each([
		[{rates: {EUR: 0}}, 'field "rates.EUR" must be more than 0'],
		[{rates: {EUR: -1.5}}, 'field "rates.EUR" must be more than 0'],
		[{rates: {EUR: '1.1'}}, 'field "rates.EUR" must be a number'],
		[{rates: {EUR: null}}, 'field "rates.EUR" must be a number'],
		[{rates: {euro: 1}}, 'field "rates.euro"'],
		[{baseCurrency: 'usd'}, 'field "baseCurrency" must be a three-letter currency code like USD'],
		[{baseCurrency: ''}, 'field "baseCurrency" must be a three-letter currency code like USD'],
		[{products: [{name: '', unitPrice: 1, currency: 'USD'}]}, 'field "products.0.name" must not be empty'],
		[{products: [{name: 'X', unitPrice: -1, currency: 'USD'}]}, 'field "products.0.unitPrice" must not be negative'],
		[{products: [{name: 'X', unitPrice: 1, currency: 'US'}]}, 'field "products.0.currency" must be a three-letter'],
	])('%j is refused in words, and no change is made over it', async (settings, words) => {
		await writeFile(settingsPathFor(file), JSON.stringify(settings));
		await expect(runSettings(file, {action: 'show'}, 'ana')).rejects.toThrow(words);
		await expect(runSettings(file, {action: 'rate', currency: 'GBP', rate: '1.3'}, 'ana')).rejects.toThrow(words);
		expect(JSON.parse((await settingsText())!)).toEqual(settings);
	});
});
