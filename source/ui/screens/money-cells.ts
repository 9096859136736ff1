import {inBase} from '../../domain/money.js';
import {t} from '../../i18n/i18n.js';
import {formatMoney, formatMoneyCompact} from '../format/values.js';
import {ratesIn, type ViewContext} from './screen-definition.js';

/** An amount with its currency, and beside it the base currency's figure when they differ: `1,000 CNY (≈ $140)`. */
export const moneyWithBase = (amount: number, currency: string, context: ViewContext): string => {
	const rates = ratesIn(context);
	const text = formatMoney(amount, currency);
	if (currency === rates.base) return text;
	const base = inBase(rates, amount, currency);
	return base === null
		? t('lists.detail.noRateTo', {amount: text, base: rates.base})
		: `${text} (≈ ${formatMoney(base, rates.base)})`;
};

/** A money column: the amount as typed, in its currency; shortened, never cut, when narrow. */
export const moneyColumn = <R>(
	amountOf: (record: R) => number,
	currencyOf: (record: R) => string,
): {cell: (record: R) => string; narrow: (record: R) => string; align: 'right'} => ({
	align: 'right',
	cell: (record) => formatMoney(amountOf(record), currencyOf(record)),
	narrow: (record) => formatMoneyCompact(amountOf(record), currencyOf(record)),
});

/** An amount in the base currency for sorting: an unpriced one sorts below every priced one. */
export const sortInBase = (amount: number, currency: string, context: ViewContext): number =>
	inBase(ratesIn(context), amount, currency) ?? Number.NEGATIVE_INFINITY;

/** An amount in the base currency to add up (the frequency view's sum): null when there is no rate for it. */
export const amountInBase = (amount: number, currency: string, context: ViewContext): number | null =>
	inBase(ratesIn(context), amount, currency);
