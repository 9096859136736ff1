import type {Customer} from '../domain/customer.js';
import type {Dataset} from '../domain/dataset.js';
import {customersSharingAnEmail} from '../domain/duplicates.js';
import type {Feedback} from '../domain/feedback.js';
import type {Opportunity} from '../domain/opportunity.js';
import type {Ticket} from '../domain/ticket.js';
import {carriedPerList} from './day-table.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {memoOf} from './memo.js';

/**
 * Data quality, as of now (not per period): the same for every period, so computed once per data —
 * completeness and duplicates once per customer list, orphans once per set of lists.
 */
export const qualityKpis = (dataset: Dataset): Record<string, KpiValue> => {
	const {customers} = dataset;
	const ids = customerIds(customers);
	const orphans =
		dealOrphans(dataset.opportunities, ids) +
		ticketOrphans(dataset.tickets, ids) +
		feedbackOrphans(dataset.feedback, ids);
	return {...memoOf(customers, 'quality', () => customerQuality(customers)), orphan_records: orphans};
};

/** The customers' ids, carried from edit to edit; `version` grows whenever a customer comes or goes. */
type CustomerIds = {ids: Set<string>; version: number};

const customerIds = carriedPerList<Customer, CustomerIds>(
	(customers) => ({ids: new Set(customers.map((entry) => entry.id)), version: 0}),
	(state, changes) => {
		for (const [old, current] of changes) {
			if (old?.id === current?.id) continue;
			if (old) state.ids.delete(old.id);
			if (current) state.ids.add(current.id);
			state.version++;
		}
		return true;
	},
);

/**
 * Records of one kind naming a customer who is not there (orphans), carried from edit to edit
 * while the customers' ids stay the same; counted again when a customer comes or goes.
 */
const orphansOf = <R extends {id: string; customerId: string}>() => {
	const isOrphan = (record: R | undefined, ids: ReadonlySet<string>): number =>
		record && record.customerId !== '' && !ids.has(record.customerId) ? 1 : 0;
	const count = (list: readonly R[], ids: ReadonlySet<string>): number => {
		let total = 0;
		for (const record of list) total += isOrphan(record, ids);
		return total;
	};
	const counts = carriedPerList<R, {count: number; of: CustomerIds; version: number}, CustomerIds>(
		(list, ids) => ({count: count(list, ids.ids), of: ids, version: ids.version}),
		(state, changes, ids) => {
			if (state.of !== ids || state.version !== ids.version) return false;
			for (const [old, next] of changes) state.count += isOrphan(next, ids.ids) - isOrphan(old, ids.ids);
			return true;
		},
	);
	return (list: readonly R[], ids: CustomerIds): number => {
		// A list counted before a customer came or went: counted again against the customers as they are.
		const state = counts(list, ids);
		if (state.of !== ids || state.version !== ids.version)
			Object.assign(state, {count: count(list, ids.ids), of: ids, version: ids.version});
		return state.count;
	};
};

const dealOrphans = orphansOf<Opportunity>();
const ticketOrphans = orphansOf<Ticket>();
const feedbackOrphans = orphansOf<Feedback>();

const customerQuality = (customers: readonly Customer[]): Record<string, KpiValue> => {
	const filled = customers.reduce(
		(count, customer) =>
			count +
			[customer.email, customer.phone, customer.owner, customer.segment].filter((value) => value.trim() !== '').length,
		0,
	);
	const duplicated = customersSharingAnEmail(customers);
	return {
		completeness: ratio(filled, 4 * customers.length),
		duplicate_rate: ratio(duplicated, customers.length),
	};
};
