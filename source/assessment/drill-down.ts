import type {Dataset, EntityName} from '../domain/dataset.js';
import type {KpiId} from './kpi-catalog.js';
import {isBefore, isIn, type Period} from './periods.js';

/** The records behind a KPI's number, and what they are: opened from the trend view. */
export type RecordsBehind = {
	caption: string;
	entity: EntityName | 'log';
	ids: string[] /** Per id, when the records are of several kinds (orphans: deals, tickets, feedback). */;
	entities?: EntityName[];
};

/** The kind of the record at `index` of the list. */
export const entityAt = (behind: RecordsBehind, index: number): EntityName | 'log' =>
	behind.entities?.[index] ?? behind.entity;

const time = (iso: string): number => Date.parse(iso);

/** Which records make up a KPI in a period (for the trend view's list); empty where none do. */
export const recordsBehind = (id: KpiId, dataset: Dataset, period: Period): RecordsBehind => {
	const wonIn = dataset.opportunities.filter((deal) => deal.stage === 'won' && isIn(deal.closedAt, period));
	const closedIn = dataset.opportunities.filter((deal) => deal.closedAt !== null && isIn(deal.closedAt, period));
	const openAtEnd = dataset.opportunities.filter(
		(deal) => isBefore(deal.createdAt, period.end) && (deal.closedAt === null || !isBefore(deal.closedAt, period.end)),
	);
	const feedbackIn = dataset.feedback
		.filter((entry) => isIn(entry.createdAt, period))
		.sort((a, b) => a.rating - b.rating);
	const resolvedIn = dataset.tickets.filter((ticket) => isIn(ticket.resolvedAt, period));
	const deals = (caption: string, list: typeof wonIn): RecordsBehind => ({
		caption,
		entity: 'opportunities',
		ids: [...list].sort((a, b) => b.amount - a.amount).map((deal) => deal.id),
	});
	switch (id) {
		case 'revenue_won':
		case 'deals_won':
		case 'avg_deal_size':
		case 'sales_cycle_days':
		case 'sales_growth':
			return deals('deals won in the period', wonIn);
		case 'win_rate':
			return deals('deals won or lost in the period', closedIn);
		case 'pipeline_open':
		case 'pipeline_weighted':
			return deals('deals open at the end of the period', openAtEnd);
		case 'new_customers':
			return {
				caption: 'customers new in the period',
				entity: 'customers',
				ids: dataset.customers.filter((customer) => isIn(customer.createdAt, period)).map((customer) => customer.id),
			};
		case 'churn_rate':
		case 'retention_rate':
			return {
				caption: 'customers who churned in the period',
				entity: 'customers',
				ids: dataset.customers.filter((customer) => isIn(customer.churnedAt, period)).map((customer) => customer.id),
			};
		case 'tickets_opened':
		case 'first_response_hours':
			return {
				caption: 'tickets opened in the period',
				entity: 'tickets',
				ids: dataset.tickets.filter((ticket) => isIn(ticket.createdAt, period)).map((ticket) => ticket.id),
			};
		case 'resolution_hours':
			return {caption: 'tickets resolved in the period', entity: 'tickets', ids: resolvedIn.map((ticket) => ticket.id)};
		case 'sla_compliance':
			return {
				caption: 'tickets resolved in the period that missed their SLA',
				entity: 'tickets',
				ids: resolvedIn.filter((ticket) => time(ticket.resolvedAt!) > time(ticket.dueAt)).map((ticket) => ticket.id),
			};
		case 'backlog':
			return {
				caption: 'tickets open at the end of the period',
				entity: 'tickets',
				ids: dataset.tickets
					.filter(
						(ticket) =>
							isBefore(ticket.createdAt, period.end) &&
							(ticket.resolvedAt === null || !isBefore(ticket.resolvedAt, period.end)),
					)
					.map((ticket) => ticket.id),
			};
		case 'csat':
		case 'avg_rating':
			return {
				caption: 'feedback in the period, lowest ratings first',
				entity: 'feedback',
				ids: feedbackIn.map((entry) => entry.id),
			};
		case 'nps':
			return {
				caption: 'NPS answers in the period, detractors first',
				entity: 'feedback',
				ids: feedbackIn
					.filter((entry) => entry.nps !== null)
					.sort((a, b) => a.nps! - b.nps!)
					.map((entry) => entry.id),
			};
		case 'completeness':
			return {
				caption: 'customers missing an email, phone, owner or segment',
				entity: 'customers',
				ids: dataset.customers
					.filter((customer) =>
						[customer.email, customer.phone, customer.owner, customer.segment].some((value) => value.trim() === ''),
					)
					.map((customer) => customer.id),
			};
		case 'duplicate_rate': {
			const counts = new Map<string, number>();
			for (const customer of dataset.customers) {
				const email = customer.email.trim().toLowerCase();
				if (email) counts.set(email, (counts.get(email) ?? 0) + 1);
			}
			return {
				caption: 'customers sharing an email with another',
				entity: 'customers',
				ids: dataset.customers
					.filter((customer) => (counts.get(customer.email.trim().toLowerCase()) ?? 0) > 1)
					.map((customer) => customer.id),
			};
		}
		case 'orphan_records': {
			// The same records the KPI counts: deals, tickets and feedback naming a customer who is gone.
			const ids = new Set(dataset.customers.map((customer) => customer.id));
			const orphans = (['opportunities', 'tickets', 'feedback'] as const).flatMap((entity) =>
				(dataset[entity] as Array<{id: string; customerId: string}>)
					.filter((record) => record.customerId !== '' && !ids.has(record.customerId))
					.map((record) => ({entity, id: record.id})),
			);
			return {
				caption: 'deals, tickets and feedback pointing at a missing customer',
				entity: 'opportunities',
				ids: orphans.map((record) => record.id),
				entities: orphans.map((record) => record.entity),
			};
		}
		case 'active_operators':
			return {
				caption: 'changes recorded in the period',
				entity: 'log',
				ids: dataset.changes
					.filter((entry) => isIn(entry.at, period))
					.map((entry) => entry.id)
					.reverse(),
			};
		default:
			return {caption: 'measured by the console itself; no records behind it', entity: 'log', ids: []};
	}
};
