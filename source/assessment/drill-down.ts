import type {Customer} from '../domain/customer.js';
import type {Dataset, EntityName} from '../domain/dataset.js';
import type {Feedback} from '../domain/feedback.js';
import type {Opportunity} from '../domain/opportunity.js';
import type {Ticket} from '../domain/ticket.js';
import type {KpiId} from './kpi-catalog.js';
import {isBefore, isIn, type Period} from './periods.js';

/** The records behind a KPI's number, and what they are: opened from the trend view. */
export type RecordsBehind = {
	caption: string;
	entity: EntityName | 'log';
	ids: string[];
	/** Per id, when the records are of several kinds (orphans: deals, tickets, feedback). */
	entities?: EntityName[];
};

/** The kind of the record at `index` of the list. */
export const entityAt = (behind: RecordsBehind, index: number): EntityName | 'log' =>
	behind.entities?.[index] ?? behind.entity;

const time = (iso: string): number => Date.parse(iso);

type Behind = (dataset: Dataset, period: Period) => RecordsBehind;

const deals = (caption: string, list: readonly Opportunity[]): RecordsBehind => ({
	caption,
	entity: 'opportunities',
	ids: [...list].sort((a, b) => b.amount - a.amount).map((deal) => deal.id),
});
const wonIn: Behind = (dataset, period) =>
	deals(
		'deals won in the period',
		dataset.opportunities.filter((deal) => deal.stage === 'won' && isIn(deal.closedAt, period)),
	);
const openAtEnd: Behind = (dataset, period) =>
	deals(
		'deals open at the end of the period',
		dataset.opportunities.filter(
			(deal) =>
				isBefore(deal.createdAt, period.end) && (deal.closedAt === null || !isBefore(deal.closedAt, period.end)),
		),
	);
const customersWhere = (caption: string, dataset: Dataset, keep: (customer: Customer) => boolean): RecordsBehind => ({
	caption,
	entity: 'customers',
	ids: dataset.customers.filter(keep).map((customer) => customer.id),
});
const ticketsWhere = (caption: string, dataset: Dataset, keep: (ticket: Ticket) => boolean): RecordsBehind => ({
	caption,
	entity: 'tickets',
	ids: dataset.tickets.filter(keep).map((ticket) => ticket.id),
});
const feedbackIn = (dataset: Dataset, period: Period): Feedback[] =>
	dataset.feedback.filter((entry) => isIn(entry.createdAt, period)).sort((a, b) => a.rating - b.rating);
const churnedIn: Behind = (dataset, period) =>
	customersWhere('customers who churned in the period', dataset, (customer) => isIn(customer.churnedAt, period));
const openedIn: Behind = (dataset, period) =>
	ticketsWhere('tickets opened in the period', dataset, (ticket) => isIn(ticket.createdAt, period));
const ratedIn: Behind = (dataset, period) => ({
	caption: 'feedback in the period, lowest ratings first',
	entity: 'feedback',
	ids: feedbackIn(dataset, period).map((entry) => entry.id),
});

/** Customers sharing an email with another, as the duplicate-rate KPI counts them. */
const sharingAnEmail: Behind = (dataset) => {
	const counts = new Map<string, number>();
	for (const customer of dataset.customers) {
		const email = customer.email.trim().toLowerCase();
		if (email) counts.set(email, (counts.get(email) ?? 0) + 1);
	}
	return customersWhere(
		'customers sharing an email with another',
		dataset,
		(customer) => (counts.get(customer.email.trim().toLowerCase()) ?? 0) > 1,
	);
};

/** The same records the KPI counts: deals, tickets and feedback naming a customer who is gone. */
const orphans: Behind = (dataset) => {
	const ids = new Set(dataset.customers.map((customer) => customer.id));
	const found = (['opportunities', 'tickets', 'feedback'] as const).flatMap((entity) =>
		(dataset[entity] as Array<{id: string; customerId: string}>)
			.filter((record) => record.customerId !== '' && !ids.has(record.customerId))
			.map((record) => ({entity, id: record.id})),
	);
	return {
		caption: 'deals, tickets and feedback pointing at a missing customer',
		entity: 'opportunities',
		ids: found.map((record) => record.id),
		entities: found.map((record) => record.entity),
	};
};

/** Per KPI, the records behind its number; a KPI the console measures of itself has none. */
const behind: Partial<Record<KpiId, Behind>> = {
	revenue_won: wonIn,
	deals_won: wonIn,
	avg_deal_size: wonIn,
	sales_cycle_days: wonIn,
	sales_growth: wonIn,
	win_rate: (dataset, period) =>
		deals(
			'deals won or lost in the period',
			dataset.opportunities.filter((deal) => deal.closedAt !== null && isIn(deal.closedAt, period)),
		),
	pipeline_open: openAtEnd,
	pipeline_weighted: openAtEnd,
	new_customers: (dataset, period) =>
		customersWhere('customers new in the period', dataset, (customer) => isIn(customer.createdAt, period)),
	churn_rate: churnedIn,
	retention_rate: churnedIn,
	tickets_opened: openedIn,
	first_response_hours: openedIn,
	resolution_hours: (dataset, period) =>
		ticketsWhere('tickets resolved in the period', dataset, (ticket) => isIn(ticket.resolvedAt, period)),
	sla_compliance: (dataset, period) =>
		ticketsWhere(
			'tickets resolved in the period that missed their SLA',
			dataset,
			(ticket) => isIn(ticket.resolvedAt, period) && time(ticket.resolvedAt!) > time(ticket.dueAt),
		),
	backlog: (dataset, period) =>
		ticketsWhere(
			'tickets open at the end of the period',
			dataset,
			(ticket) =>
				isBefore(ticket.createdAt, period.end) &&
				(ticket.resolvedAt === null || !isBefore(ticket.resolvedAt, period.end)),
		),
	csat: ratedIn,
	avg_rating: ratedIn,
	nps: (dataset, period) => ({
		caption: 'NPS answers in the period, detractors first',
		entity: 'feedback',
		ids: feedbackIn(dataset, period)
			.filter((entry) => entry.nps !== null)
			.sort((a, b) => a.nps! - b.nps!)
			.map((entry) => entry.id),
	}),
	completeness: (dataset) =>
		customersWhere('customers missing an email, phone, owner or segment', dataset, (customer) =>
			[customer.email, customer.phone, customer.owner, customer.segment].some((value) => value.trim() === ''),
		),
	duplicate_rate: sharingAnEmail,
	orphan_records: orphans,
	active_operators: (dataset, period) => ({
		caption: 'changes recorded in the period',
		entity: 'log',
		ids: dataset.changes
			.filter((entry) => isIn(entry.at, period))
			.map((entry) => entry.id)
			.reverse(),
	}),
};

/** Which records make up a KPI in a period (for the trend view's list); empty where none do. */
export const recordsBehind = (id: KpiId, dataset: Dataset, period: Period): RecordsBehind =>
	behind[id]?.(dataset, period) ?? {
		caption: 'measured by the console itself; no records behind it',
		entity: 'log',
		ids: [],
	};
