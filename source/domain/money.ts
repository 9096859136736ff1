import {z} from 'zod';
import {t} from '../i18n/i18n.js';

/** A three-letter ISO 4217 code, upper case. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, {error: () => t('domain.field.currency')});

/** An amount of money: a finite number, 0 or more. */
export const moneyAmount = z
	.number({error: () => t('domain.field.number')})
	.min(0, {error: () => t('domain.field.notNegative')});

/** The base currency and the rates (base-currency units per one unit of each currency): KPI.md *Money*. */
export type Rates = {base: string; rates: Readonly<Record<string, number>>};

/** The rate of a currency into the base: 1 for the base itself, null when none is set. */
export const rateOf = (rates: Rates, currency: string): number | null =>
	currency === rates.base ? 1 : (rates.rates[currency] ?? null);

/** An amount in the base currency; null when its currency has no rate (it is then counted, not summed). */
export const inBase = (rates: Rates, amount: number, currency: string): number | null => {
	const rate = rateOf(rates, currency);
	return rate === null ? null : amount * rate;
};

/** What a list of money records comes to in the base currency, and what could not be priced. */
export type MoneySum = {
	/** The sum of the priced amounts, in the base currency. */
	total: number;
	/** Records with a rate. */
	priced: number;
	/** Records without one, by currency. */
	unpriced: number;
	unpricedCurrencies: ReadonlySet<string>;
};

export const sumInBase = <R>(
	rates: Rates,
	records: Iterable<R>,
	amountOf: (record: R) => number,
	currencyOf: (record: R) => string,
): MoneySum => {
	let total = 0;
	let priced = 0;
	let unpriced = 0;
	const unpricedCurrencies = new Set<string>();
	for (const record of records) {
		const value = inBase(rates, amountOf(record), currencyOf(record));
		if (value === null) {
			unpriced++;
			unpricedCurrencies.add(currencyOf(record));
		} else {
			total += value;
			priced++;
		}
	}
	return {total, priced, unpriced, unpricedCurrencies};
};
