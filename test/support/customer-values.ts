import type {Customer} from '../../source/domain/customer.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {day} from '../../source/domain/units.js';
import {customer, datasetOf, fixedNow} from './fixtures.js';
import {wonDeal} from './records.js';

/**
 * Six customers whose RFM as of `fixedNow` is known by construction: five buyers with distinct
 * recency and frequency (so with five of them each score is its rank) and one who never bought.
 * Every purchase is a $100 won deal, so M ranks as F does.
 */
const buyers = [
	// name, days since the latest purchase, purchases in the year → R F M, segment
	['Ada Champion', 10, 5], // 5 5 5 champions
	['Bo Loyal', 100, 4], // 3 4 4 loyal
	['Cy Promising', 50, 1], // 4 1 1 promising
	['Di Risk', 200, 3], // 2 3 3 at-risk
	['Ed Sleeper', 300, 2], // 1 2 2 hibernating
] as const;

export type ValueCustomers = {dataset: Dataset; byName: Record<string, Customer>};

export const valueCustomers = (): ValueCustomers => {
	const customers = [...buyers.map(([name]) => customer({name})), customer({name: 'Fay Never'})];
	const byName = Object.fromEntries(customers.map((each) => [each.name, each]));
	const opportunities = buyers.flatMap(([name, latest, count]) =>
		Array.from({length: count}, (_, index) =>
			wonDeal(100, 'USD', new Date(fixedNow - (latest + index) * day).toISOString(), {customerId: byName[name]!.id}),
		),
	);
	return {dataset: datasetOf({customers, opportunities}), byName};
};
