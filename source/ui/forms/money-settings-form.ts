import {z} from 'zod';
import {currencyChoices, type Settings} from '../../domain/settings.js';
import {t} from '../../i18n/i18n.js';
import type {FormDefinition} from './form-definitions.js';
import {formField} from './form-field.js';

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
	// Refusals in the language in force when the values are checked (zod calls them then).
	const rate = z
		.number({error: () => t('lists.error.number')})
		.positive({error: () => t('lists.error.rate')})
		.finite()
		.nullable();
	return {
		entity: null,
		schema: z.object({
			baseCurrency: z.string().regex(/^[A-Z]{3}$/, {error: () => t('lists.error.currencyCode')}),
			...Object.fromEntries(currencies.map((currency) => [rateField(currency), rate])),
		}),
		get noun() {
			return t('lists.noun.money');
		},
		fields: [
			formField(
				{key: 'baseCurrency', kind: 'enum', options: currencyChoices},
				() => t('lists.field.baseCurrency'),
				() => t('lists.hint.baseCurrency'),
			),
			...currencies.map((currency) =>
				formField(
					{key: rateField(currency), kind: 'money' as const, blankIsNone: true},
					() => `1 ${currency} =`,
					() => t('lists.hint.rate', {currency}),
				),
			),
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
