import type {Activity} from '../domain/activity.js';
import type {Dataset} from '../domain/dataset.js';
import type {Rates} from '../domain/money.js';
import {t} from '../i18n/i18n.js';
import {type Alert, type AlertRecord, saidAlert} from './alert.js';
import {memoOf} from './memo.js';
import {keptWhileUnpricedStays, unpricedIds, unpricedRecords} from './quality-kpis.js';
import {overdueFollowUps} from './service-kpis.js';

/** The currencies named in a sentence: `CNY`, `CNY and KRW`, `CNY, JPY and KRW` (`CNY、JPY和KRW` in Chinese). */
const listed = (names: readonly string[], options?: {lng: 'en'}): string =>
	names.length <= 1
		? (names[0] ?? '')
		: t('assess.alert.currencies', {
				...options,
				first: names.slice(0, -1).join(t('assess.report.separator', options)),
				last: names.at(-1)!,
			});

/**
 * KPI.md *Money*: records whose currency has no rate are left out of every money figure — said, never
 * silent: "3 records in CNY and KRW have no rate: left out of money figures", with the deals, orders
 * and campaigns behind it.
 */
export const unpricedAlerts = (dataset: Dataset, rates: Rates, assumed = false): Alert[] =>
	// Made again only when a record moved into or out of a currency, or the rates changed.
	unpricedAlertsKept(dataset, rates, () => unpricedAlertsOf(dataset, rates, assumed), String(assumed));

const unpricedAlertsKept = keptWhileUnpricedStays<Alert[]>();

const unpricedAlertsOf = (dataset: Dataset, rates: Rates, assumed: boolean): Alert[] => {
	const {count, currencies} = unpricedRecords(dataset, rates);
	if (count === 0) return [];
	// Deals, then orders, then campaigns (a currency at a time): no pass over the lists.
	const records = unpricedIds(dataset, rates).flatMap(({entity, ids}) =>
		[...ids].map((id): AlertRecord => ({entity, id})),
	);
	const names = currencies.map((entry) => entry.currency);
	const base = rates.base;
	return [
		saidAlert(
			{kind: 'money', records, severity: 'warn'},
			{
				rule: (options) => t('assess.alert.unpricedRule', {...options, base}),
				// A settings file from before rates: said, so nobody takes the figures for all of the money.
				message: (options) =>
					assumed
						? t('assess.alert.unpricedAssumed', {...options, count, base, currencies: listed(names, options)})
						: t('assess.alert.unpriced', {...options, count, currencies: listed(names, options)}),
			},
		),
	];
};

/** Follow-ups due before now and not done (KPI.md: overdue), each opened through its ticket or customer. */
export const followUpAlerts = (dataset: Dataset, now: number): Alert[] => {
	// Kept with the list of those overdue: the same while the clock moves on and no more come due.
	const overdue = overdueFollowUps(dataset.activities, now);
	return memoOf(overdue, 'followUpAlerts', () => overdueAlerts(overdue));
};

const overdueAlerts = (overdue: readonly Activity[]): Alert[] => {
	if (overdue.length === 0) return [];
	return [
		saidAlert(
			{
				kind: 'follow-up',
				records: overdue.map(
					(activity): AlertRecord =>
						activity.ticketId
							? {entity: 'tickets', id: activity.ticketId}
							: {entity: 'customers', id: activity.customerId},
				),
				severity: 'warn',
			},
			{
				rule: (options) => t('assess.alert.followUpRule', options),
				message: (options) => t('assess.alert.followUp', {...options, count: overdue.length}),
			},
		),
	];
};
