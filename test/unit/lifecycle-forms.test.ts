import {describe, expect, test} from 'vitest';
import {emptyDataset} from '../../source/domain/dataset.js';
import type {Order} from '../../source/domain/order.js';
import {settingsSchema} from '../../source/domain/settings.js';
import {campaignForm, orderForm, orderLineFields} from '../../source/ui/forms/form-definitions.js';
import {fieldKeyOf, recordToTexts, validateForm, visibleFields} from '../../source/ui/forms/form-values.js';
import {moneyPatch, moneySettingsForm, moneySettingsTexts} from '../../source/ui/forms/money-settings-form.js';
import {ratesNotice} from '../../source/ui/rates-notice.js';

const now = Date.parse('2026-03-01T09:00:00.000Z');
const settings = settingsSchema.parse({products: [{name: 'Seat licence', unitPrice: 1200, currency: 'USD'}]});
const order = (lines: Order['lines']): Order => ({
	id: 'ord_1234',
	externalId: null,
	createdAt: '2026-03-01T09:00:00.000Z',
	updatedAt: '2026-03-01T09:00:00.000Z',
	version: 1,
	number: 'SO-2026-0001',
	customerId: 'cus_1234',
	opportunityId: null,
	status: 'draft',
	orderedAt: '2026-03-01T00:00:00.000Z',
	paidAt: null,
	lines,
	amount: 0,
	currency: 'USD',
	owner: '',
	tags: [],
	notes: '',
});

describe('the order form', () => {
	const texts = {customerId: 'cus_1234', status: 'draft', orderedAt: 'today', currency: 'USD'};

	test('each line is a field; the next empty one shows once the one before is filled', () => {
		expect(visibleFields(orderForm, texts).filter((field) => field.kind === 'line')).toHaveLength(1);
		const two = {...texts, 'lines.0': 'Seat licence'};
		expect(visibleFields(orderForm, two).map((field) => field.key)).toContain('lines.1');
		expect(visibleFields(orderForm, two).map((field) => field.key)).not.toContain('lines.2');
	});

	test('lines are read into the order, a catalogue price taken, a bad one refused at its own line', () => {
		const good = validateForm(
			orderForm,
			{...texts, 'lines.0': '2 x Seat licence', 'lines.1': 'Setup @ 300'},
			{},
			undefined,
			now,
			settings,
		);
		expect(good.errors).toEqual({});
		expect(good.values['lines']).toEqual([
			{product: 'Seat licence', quantity: 2, unitPrice: 1200, discount: 0},
			{product: 'Setup', quantity: 1, unitPrice: 300, discount: 0},
		]);
		const bad = validateForm(orderForm, {...texts, 'lines.0': '0 x Seat licence'}, {}, undefined, now, settings);
		expect(bad.errors).toEqual({'lines.0': 'quantity must be more than 0'});
	});

	test('an order with more lines than the form shows keeps the rest as they were', () => {
		const many = Array.from({length: orderLineFields + 5}, (_, index) => ({
			product: `Part ${index}`,
			quantity: 1,
			unitPrice: index,
			discount: 0,
		}));
		const stored = order(many);
		const shown = recordToTexts(orderForm, stored);
		expect(shown['lines.0']).toBe('1 x Part 0 @ 0');
		const saved = validateForm(orderForm, shown, {}, stored, now, settings);
		expect(saved.errors).toEqual({});
		expect(saved.values['lines']).toEqual(many);
	});

	test.each([
		['lines.2.quantity', 'lines.2'],
		['lines', 'lines.0'],
		['lines.0', 'lines.0'],
		['comments.0.body', 'comments'],
		['name', 'name'],
		['', ''],
	])('a refusal at %s shows at the field %s', (path, key) => {
		expect(fieldKeyOf(path)).toBe(key);
	});
});

describe('the campaign form', () => {
	test('a blank budget and cost are 0; an end before the start is refused by the store (see lifecycle-domain)', () => {
		const result = validateForm(
			campaignForm,
			{
				name: 'Webinar',
				channel: 'event',
				status: 'planned',
				startAt: '2026-03-01',
				currency: 'USD',
				budget: '',
				cost: '',
			},
			{},
			undefined,
			now,
			settings,
		);
		expect(result.errors).toEqual({});
		expect(result.values).toMatchObject({budget: 0, cost: 0});
	});
});

describe('the base currency and rates', () => {
	test('a rate per currency but the base; blank is no rate; 0 is refused in words', () => {
		const form = moneySettingsForm(settingsSchema.parse({baseCurrency: 'CNY', rates: {USD: 7.1}}));
		expect(form.fields.map((field) => field.key)).not.toContain('rate.CNY');
		const texts = moneySettingsTexts(settingsSchema.parse({baseCurrency: 'CNY', rates: {USD: 7.1}}));
		expect(texts).toMatchObject({baseCurrency: 'CNY', 'rate.USD': '7.1', 'rate.EUR': ''});
		const typed = validateForm(form, {...texts, 'rate.EUR': '7.8'}, {}, undefined, now);
		expect(typed.errors).toEqual({});
		expect(moneyPatch(typed.values)).toEqual({kind: 'money', baseCurrency: 'CNY', rates: {USD: 7.1, EUR: 7.8}});
		const zero = validateForm(form, {...texts, 'rate.EUR': '0'}, {}, undefined, now);
		expect(zero.errors).toEqual({'rate.EUR': 'must be more than 0 (blank: no rate)'});
	});

	test('a file from before rates says so at start, naming the currencies left out; quiet otherwise', () => {
		const dataset = emptyDataset();
		const deal = {currency: 'CNY'} as (typeof dataset.opportunities)[number];
		const campaign = {currency: 'EUR'} as (typeof dataset.campaigns)[number];
		const withMoney = {...dataset, opportunities: [deal], campaigns: [campaign]};
		expect(ratesNotice(settingsSchema.parse({}), withMoney)).toBe(
			'Money is in USD; CNY, EUR have no rate and are left out ($ on screen 5).',
		);
		expect(ratesNotice(settingsSchema.parse({}), {...dataset, campaigns: [campaign]})).toBe(
			'Money is in USD; EUR has no rate and is left out ($ on screen 5).',
		);
		expect(ratesNotice(settingsSchema.parse({}), dataset)).toBeNull();
		expect(ratesNotice(settingsSchema.parse({rates: {CNY: 0.14, EUR: 1.1}}), withMoney)).toBeNull();
		expect(ratesNotice(settingsSchema.parse({baseCurrency: 'USD'}), withMoney)).toBeNull();
	});
});
