import {t} from '../i18n/i18n.js';
import type {Dataset, StoredEntity} from './dataset.js';
import {entityCount} from './entity-count.js';

/** The records that name one about to be deleted: in words, and how many there are in all. */
export type Dependents = {what: string[]; count: number};

const none: Dependents = {what: [], count: 0};

const customerDependents = (dataset: Dataset, id: string): Dependents => {
	const ofCustomer = <R extends {customerId: string}>(list: readonly R[] = []): R[] =>
		list.filter((record) => record.customerId === id);
	const deals = ofCustomer(dataset.opportunities);
	const tickets = ofCustomer(dataset.tickets);
	const feedback = ofCustomer(dataset.feedback).length;
	const activities = ofCustomer(dataset.activities).length;
	const places = ofCustomer(dataset.audiences).length;
	const open = tickets.filter((ticket) => ticket.resolvedAt === null).length;
	const what = [
		deals.length > 0
			? t('state.record.deals', {count: deals.length, open: deals.filter((deal) => deal.closedAt === null).length})
			: '',
		tickets.length === 0
			? ''
			: open > 0
				? t('state.record.ticketsOpen', {count: tickets.length, open})
				: entityCount('tickets', tickets.length),
		feedback > 0 ? t('state.count.feedbackEntries', {count: feedback}) : '',
		activities > 0 ? t('state.count.timelineEntries', {count: activities}) : '',
		places > 0 ? t('state.count.campaignPlaces', {count: places}) : '',
	].filter(Boolean);
	return {what, count: deals.length + tickets.length + feedback + activities + places};
};

/**
 * What else names a record — a customer's deals, tickets, feedback, timeline and campaign places, a
 * campaign's audience, the feedback answering a ticket — said before a delete, so that nobody is
 * surprised by the orphans it leaves (the console asks with it; `crm <entity> delete` wants --force).
 * A scan of the lists, once per delete asked for: no index is kept for it.
 */
export const dependentsOf = (dataset: Dataset, entity: StoredEntity, id: string): Dependents => {
	if (entity === 'customers') return customerDependents(dataset, id);
	if (entity === 'campaigns') {
		const members = (dataset.audiences ?? []).filter((member) => member.campaignId === id).length;
		return members > 0 ? {what: [entityCount('customers', members)], count: members} : none;
	}
	if (entity === 'tickets') {
		const answers = dataset.feedback.filter((entry) => entry.ticketId === id).length;
		return answers > 0 ? {what: [t('state.count.feedbackEntries', {count: answers})], count: answers} : none;
	}
	return none;
};
