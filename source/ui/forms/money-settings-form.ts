import {z} from 'zod';
import {currencyChoices, type Settings} from '../../domain/settings.js';
import type {FormDefinition} from './form-definitions.js';

const rateField = (currency: string) => `rate.${currency}`;

/** The currencies the form offers a rate for: every one the console knows but the base. */
const rated = (settings: Settings, base: string): string[] =>
	currencyChoices(settings).filter((currency) => currency !== base);

/**
 * The base currency and the rates into it (KPI.md *Money*), one field per currency: how many units
 * of the base one unit of it is worth. Blank is no rate: that currency's amounts are then left out
 * of money figures and counted, never summed as if they were in the base.
 */
export const moneySettingsForm = (settings: Settings): FormDefinition => {
	const base = settings.baseCurrency ?? 'USD';
	const currencies = rated(settings, base);
	const rate = z
		.number({message: 'must be a number'})
		.positive('must be more than 0 (blank: no rate)')
		.finite()
		.nullable();
	return {
		entity: null,
		schema: z.object({
			baseCurrency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code like USD'),
			...Object.fromEntries(currencies.map((currency) => [rateField(currency), rate])),
		}),
		noun: 'base currency and rates',
		fields: [
			{
				key: 'baseCurrency',
				label: 'Base currency',
				kind: 'enum',
				options: currencyChoices,
				hint: 'every money figure is in it; changing it, retype the rates into it',
			},
			...currencies.map((currency) => ({
				key: rateField(currency),
				label: `1 ${currency} =`,
				kind: 'money' as const,
				blankIsNone: true,
				hint: `units of the base currency one ${currency} is worth; blank: no rate (left out, counted)`,
			})),
		],
		defaults: () => ({}),
	};
};

export const moneySettingsTexts = (settings: Settings): Record<string, string> => {
	const base = settings.baseCurrency ?? 'USD';
	return {
		baseCurrency: base,
		...Object.fromEntries(
			rated(settings, base).map((currency) => [
				rateField(currency),
				settings.rates[currency] === undefined ? '' : String(settings.rates[currency]),
			]),
		),
	};
};

/** The settings patch of the form's values: the rates typed, none for the blank ones and the base. */
export const moneyPatch = (values: Record<string, unknown>) => {
	const baseCurrency = String(values['baseCurrency']);
	const rates: Record<string, number> = {};
	for (const [key, value] of Object.entries(values))
		if (key.startsWith('rate.') && typeof value === 'number' && key !== rateField(baseCurrency))
			rates[key.slice('rate.'.length)] = value;
	return {kind: 'money' as const, baseCurrency, rates};
};
