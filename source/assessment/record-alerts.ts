import type {Activity} from '../domain/activity.js';
import type {Dataset} from '../domain/dataset.js';
import type {Rates} from '../domain/money.js';
import {plural} from '../domain/words.js';
import type {Alert, AlertRecord} from './alerts.js';
import {memoOf} from './memo.js';
import {unpricedIds, unpricedRecords} from './quality-kpis.js';
import {overdueFollowUps} from './service-kpis.js';

/** The currencies named in a sentence: `CNY`, `CNY and KRW`, `CNY, JPY and KRW`. */
const listed = (names: readonly string[]): string =>
	names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * KPI.md *Money*: records whose currency has no rate are left out of every money figure — said, never
 * silent: "3 records in CNY and KRW have no rate: left out of money figures", with the deals, orders
 * and campaigns behind it.
 */
export const unpricedAlerts = (dataset: Dataset, rates: Rates, assumed = false): Alert[] => {
	const {count, currencies} = unpricedRecords(dataset, rates);
	if (count === 0) return [];
	// Deals, then orders, then campaigns (a currency at a time): no pass over the lists.
	const records = unpricedIds(dataset, rates).flatMap(({entity, ids}) =>
		[...ids].map((id): AlertRecord => ({entity, id})),
	);
	const names = currencies.map((entry) => entry.currency);
	return [
		{
			kind: 'money',
			rule: `a currency without a rate to ${rates.base}`,
			// A settings file from before rates: said, so nobody takes the figures for all of the money.
			message: `${plural(count, 'record')} in ${listed(names)} ${count === 1 ? 'has' : 'have'} no rate: left out of money figures${assumed ? ` (the settings predate rates: ${rates.base} assumed, no other rates; set them)` : ''}`,
			records,
			severity: 'warn',
		},
	];
};

/** Follow-ups due before now and not done (KPI.md: overdue), each opened through its ticket or customer. */
export const followUpAlerts = (dataset: Dataset, now: number): Alert[] =>
	// Kept per version of the activities and the clock: a save of anything else makes no new list of records.
	memoOf(
		dataset.activities,
		'followUpAlerts',
		() => overdueAlerts(overdueFollowUps(dataset.activities, now)),
		String(now),
	);

const overdueAlerts = (overdue: readonly Activity[]): Alert[] => {
	if (overdue.length === 0) return [];
	return [
		{
			kind: 'follow-up',
			rule: 'follow-up past its due date, not done',
			message: `${plural(overdue.length, 'follow-up')} overdue`,
			records: overdue.map(
				(activity): AlertRecord =>
					activity.ticketId
						? {entity: 'tickets', id: activity.ticketId}
						: {entity: 'customers', id: activity.customerId},
			),
			severity: 'warn',
		},
	];
};
