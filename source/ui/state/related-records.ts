import type {Activity} from '../../domain/activity.js';
import type {ChangeEntry} from '../../domain/change-log.js';
import type {Customer} from '../../domain/customer.js';
import {entityNames, type AnyRecord, type Dataset, type EntityName} from '../../domain/dataset.js';
import type {Feedback} from '../../domain/feedback.js';
import type {Opportunity} from '../../domain/opportunity.js';
import type {Ticket} from '../../domain/ticket.js';

export type RelatedRecords = {
	byId: Record<EntityName, Map<string, AnyRecord>>;
	customersById: Map<string, Customer>;
	ticketsById: Map<string, Ticket>;
	opportunitiesByCustomer: Map<string, Opportunity[]>;
	ticketsByCustomer: Map<string, Ticket[]>;
	feedbackByCustomer: Map<string, Feedback[]>;
	activitiesByCustomer: Map<string, Activity[]>;
	changesById: Map<string, ChangeEntry>;
};

const groupByCustomer = <R extends {customerId: string}>(records: readonly R[]): Map<string, R[]> => {
	const groups = new Map<string, R[]>();
	for (const record of records) {
		if (record.customerId === '') continue;
		const group = groups.get(record.customerId);
		if (group) group.push(record);
		else groups.set(record.customerId, [record]);
	}
	return groups;
};

const cache = new WeakMap<Dataset, RelatedRecords>();

/** Indexes by id and by customer, built once per dataset snapshot. */
export const relatedRecords = (dataset: Dataset): RelatedRecords => {
	let related = cache.get(dataset);
	if (!related) {
		const byId = Object.fromEntries(
			entityNames.map((entity) => [entity, new Map((dataset[entity] as AnyRecord[]).map((record) => [record.id, record]))]),
		) as Record<EntityName, Map<string, AnyRecord>>;
		related = {
			byId,
			customersById: byId.customers as Map<string, Customer>,
			ticketsById: byId.tickets as Map<string, Ticket>,
			opportunitiesByCustomer: groupByCustomer(dataset.opportunities),
			ticketsByCustomer: groupByCustomer(dataset.tickets),
			feedbackByCustomer: groupByCustomer(dataset.feedback),
			activitiesByCustomer: groupByCustomer(dataset.activities),
			changesById: new Map(dataset.changes.map((entry) => [entry.id, entry])),
		};
		cache.set(dataset, related);
	}
	return related;
};

/** How a record names its customer in a list or detail. */
export const customerLabel = (related: RelatedRecords, customerId: string): string => {
	if (customerId === '') return '—';
	const customer = related.customersById.get(customerId);
	if (!customer) return `missing ${customerId}`;
	return customer.company ? `${customer.name} (${customer.company})` : customer.name;
};
