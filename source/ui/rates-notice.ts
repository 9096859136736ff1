import type {Dataset} from '../domain/dataset.js';
import type {Settings} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';

/** The currencies the data holds money in: deals, orders and campaigns. */
const currenciesIn = (dataset: Pick<Dataset, 'opportunities' | 'orders' | 'campaigns'>): Set<string> => {
	const found = new Set<string>();
	for (const list of [dataset.opportunities, dataset.orders, dataset.campaigns])
		for (const record of list) found.add(record.currency);
	return found;
};

/**
 * Said at start when the settings predate the base currency (KPI.md *Money*) and the data holds money
 * in other currencies: USD is assumed with no other rates, and those amounts are left out of every
 * money figure until rates are set. Quiet when every amount is in USD or has a rate.
 */
export const ratesNotice = (
	settings: Settings,
	dataset: Pick<Dataset, 'opportunities' | 'orders' | 'campaigns'>,
): string | null => {
	if (settings.baseCurrency !== undefined) return null;
	const others = [...currenciesIn(dataset)].filter((currency) => currency !== 'USD' && !(currency in settings.rates));
	if (others.length === 0) return null;
	// Short enough for one status line at 80 columns with the row count beside it (a few currencies).
	return t('state.ratesMissing', {count: others.length, currencies: others.sort().join(', ')});
};
