import {memoOf} from '../../assessment/memo.js';
import type {Activity} from '../../domain/activity.js';
import type {AudienceMember} from '../../domain/audience.js';
import type {ChangeEntry} from '../../domain/change-log.js';
import type {Customer} from '../../domain/customer.js';
import {type AnyRecord, type Dataset, type EntityName, entityNames} from '../../domain/dataset.js';
import type {Feedback} from '../../domain/feedback.js';
import type {Opportunity} from '../../domain/opportunity.js';
import type {Ticket} from '../../domain/ticket.js';
import {t} from '../../i18n/i18n.js';

export type RelatedRecords = {
	byId: Record<EntityName, Map<string, AnyRecord>>;
	customersById: Map<string, Customer>;
	ticketsById: Map<string, Ticket>;
	opportunitiesByCustomer: Map<string, Opportunity[]>;
	ticketsByCustomer: Map<string, Ticket[]>;
	feedbackByCustomer: Map<string, Feedback[]>;
	activitiesByCustomer: Map<string, Activity[]>;
	/** Each campaign's audience, in the order its members were added. */
	audiencesByCampaign: Map<string, AudienceMember[]>;
	/** The audiences each customer is in. */
	audiencesByCustomer: Map<string, AudienceMember[]>;
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

/** A data set built by hand without audiences (as a file from before them) has none: one list, so its index is kept. */
const noAudiences: AudienceMember[] = [];

const byCampaignOf = (list: readonly AudienceMember[]): Map<string, AudienceMember[]> =>
	memoOf(list, 'byCampaign', () => {
		const groups = new Map<string, AudienceMember[]>();
		for (const member of list) {
			const group = groups.get(member.campaignId);
			if (group) group.push(member);
			else groups.set(member.campaignId, [member]);
		}
		return groups;
	});

const byIdOf = <R extends {id: string}>(list: readonly R[]): Map<string, R> =>
	memoOf(list, 'byId', () => new Map(list.map((record) => [record.id, record])));

const byCustomerOf = <R extends {customerId: string}>(list: readonly R[]): Map<string, R[]> =>
	memoOf(list, 'byCustomer', () => groupByCustomer(list));

/**
 * Indexes by id and by customer. Each is built when first asked for (a list of customers needs
 * none; a customer's detail needs its deals, tickets, feedback and timeline), and kept per list of
 * records: after a save only the list it changed is indexed again, not all 700,000 records.
 */
export const relatedRecords = (dataset: Dataset): RelatedRecords => {
	let related = cache.get(dataset);
	if (!related) {
		const byId = {} as Record<EntityName, Map<string, AnyRecord>>;
		for (const entity of entityNames)
			Object.defineProperty(byId, entity, {enumerable: true, get: () => byIdOf(dataset[entity] as AnyRecord[])});
		related = {
			byId,
			get customersById() {
				return byIdOf(dataset.customers);
			},
			get ticketsById() {
				return byIdOf(dataset.tickets);
			},
			get opportunitiesByCustomer() {
				return byCustomerOf(dataset.opportunities);
			},
			get ticketsByCustomer() {
				return byCustomerOf(dataset.tickets);
			},
			get feedbackByCustomer() {
				return byCustomerOf(dataset.feedback);
			},
			get activitiesByCustomer() {
				return byCustomerOf(dataset.activities);
			},
			get audiencesByCampaign() {
				return byCampaignOf(dataset.audiences ?? noAudiences);
			},
			get audiencesByCustomer() {
				return byCustomerOf(dataset.audiences ?? noAudiences);
			},
			get changesById() {
				return byIdOf(dataset.changes);
			},
		};
		cache.set(dataset, related);
	}
	return related;
};

/** How a record names its customer in a list or detail. */
export const customerLabel = (related: RelatedRecords, customerId: string): string => {
	if (customerId === '') return '—';
	const customer = related.customersById.get(customerId);
	if (!customer) return t('state.list.missingCustomer', {id: customerId});
	return customer.company ? `${customer.name} (${customer.company})` : customer.name;
};
