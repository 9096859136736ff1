import type {Customer} from '../domain/customer.js';
import type {Dataset, EntityName} from '../domain/dataset.js';
import type {Feedback} from '../domain/feedback.js';
import {inBase, type Rates, rateOf} from '../domain/money.js';
import type {Opportunity} from '../domain/opportunity.js';
import {isBooked} from '../domain/order.js';
import {type Ticket, ticketTypeOf} from '../domain/ticket.js';
import {t} from '../i18n/i18n.js';
import {analysisBehind} from './analysis-drill-down.js';
import {usdOnly} from './deal-kpis.js';
import {isoTime} from './iso-time.js';
import type {KpiId} from './kpi-catalog.js';
import {campaignOfCustomer, dealCampaign, dealsPerCustomer} from './marketing-kpis.js';
import {isBefore, isIn, type Period} from './periods.js';
import {orphanList} from './quality-kpis.js';
import {ticketsFollowedUp} from './service-kpis.js';

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

const time = isoTime;

type Behind = (dataset: Dataset, period: Period, rates: Rates) => RecordsBehind;

/** Records with an amount, the largest in the base currency first; those without a rate last. */
const byValue = <R extends {id: string; amount: number; currency: string}>(
	list: readonly R[],
	rates: Rates,
): string[] =>
	list
		.map((record) => ({id: record.id, value: inBase(rates, record.amount, record.currency) ?? -1}))
		.sort((a, b) => b.value - a.value)
		.map((record) => record.id);

const deals = (caption: string, list: readonly Opportunity[], rates: Rates): RecordsBehind => ({
	caption,
	entity: 'opportunities',
	ids: byValue(list, rates),
});
const wonIn: Behind = (dataset, period, rates) =>
	deals(
		t('assess.behind.won'),
		dataset.opportunities.filter((deal) => deal.stage === 'won' && isIn(deal.closedAt, period)),
		rates,
	);
const openAtEnd: Behind = (dataset, period, rates) =>
	deals(
		t('assess.behind.openAtEnd'),
		dataset.opportunities.filter(
			(deal) =>
				isBefore(deal.createdAt, period.end) && (deal.closedAt === null || !isBefore(deal.closedAt, period.end)),
		),
		rates,
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
	customersWhere(t('assess.behind.churned'), dataset, (customer) => isIn(customer.churnedAt, period));
const openedIn: Behind = (dataset, period) =>
	ticketsWhere(t('assess.behind.opened'), dataset, (ticket) => isIn(ticket.createdAt, period));
const ratedIn: Behind = (dataset, period) => ({
	caption: t('assess.behind.rated'),
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
		t('assess.behind.sharingEmail'),
		dataset,
		(customer) => (counts.get(customer.email.trim().toLowerCase()) ?? 0) > 1,
	);
};

/** The same records the KPI counts: records naming a customer, campaign, deal or ticket that is gone. Activities have no screen to open: counted in the caption. */
const orphans: Behind = (dataset) => {
	const all = orphanList(dataset);
	const found = all.filter((record): record is {entity: EntityName; id: string} => record.entity !== 'activities');
	const activities = all.length - found.length;
	return {
		caption:
			activities > 0 ? t('assess.behind.orphansWithActivities', {count: activities}) : t('assess.behind.orphans'),
		entity: 'opportunities',
		ids: found.map((record) => record.id),
		entities: found.map((record) => record.entity),
	};
};

const ordersIn: Behind = (dataset, period, rates) => ({
	caption: t('assess.behind.orders'),
	entity: 'orders',
	ids: byValue(
		dataset.orders.filter((order) => isBooked(order) && isIn(order.orderedAt, period)),
		rates,
	),
});

const campaignsStarted: Behind = (dataset, period, rates) => ({
	caption: t('assess.behind.campaigns'),
	entity: 'campaigns',
	ids: byValue(
		dataset.campaigns
			.filter((campaign) => isIn(campaign.startAt, period))
			.map((campaign) => ({...campaign, amount: campaign.cost})),
		rates,
	),
});

const campaignWins: Behind = (dataset, period, rates) => {
	const campaigns = campaignOfCustomer(dataset.customers);
	return deals(
		t('assess.behind.campaignWins'),
		dataset.opportunities.filter(
			(deal) => deal.stage === 'won' && isIn(deal.closedAt, period) && dealCampaign(deal, campaigns) !== '',
		),
		rates,
	);
};

/** Deals, orders and campaigns whose currency has no rate: what the money figures leave out. */
const unpriced: Behind = (dataset, _period, rates) => {
	const found = (['opportunities', 'orders', 'campaigns'] as const).flatMap((entity) =>
		(dataset[entity] as ReadonlyArray<{id: string; currency: string}>)
			.filter((record) => rateOf(rates, record.currency) === null)
			.map((record) => ({entity, id: record.id})),
	);
	return {
		caption: t('assess.behind.unpriced', {base: rates.base}),
		entity: 'opportunities',
		ids: found.map((record) => record.id),
		entities: found.map((record) => record.entity),
	};
};

const changesIn: Behind = (dataset, period) => ({
	caption: t('assess.behind.changes'),
	entity: 'log',
	ids: dataset.changes
		.filter((entry) => isIn(entry.at, period))
		.map((entry) => entry.id)
		.reverse(),
});

/**
 * The survey answers of the period, by their entries in the log (Enter opens one: it holds every
 * rating and the comment); a response without an entry (a demo's older answers) is not listed.
 */
const answersIn: Behind = (dataset, period) => {
	const answered = new Set(
		dataset.surveys.filter((response) => isIn(response.createdAt, period)).map((response) => response.id),
	);
	return {
		caption: t('assess.behind.answers'),
		entity: 'log',
		ids: dataset.changes
			.filter((entry) => entry.entity === 'surveys' && entry.action === 'create' && answered.has(entry.recordId))
			.map((entry) => entry.id)
			.reverse(),
	};
};

/** Customers with a booked order in the period: the share of them who had bought before is the repeat rate. */
const buyersIn: Behind = (dataset, period) => {
	const buyers = new Set(
		dataset.orders
			.filter((order) => isBooked(order) && order.customerId !== '' && isIn(order.orderedAt, period))
			.map((order) => order.customerId),
	);
	return customersWhere(t('assess.behind.buyers'), dataset, (customer) => buyers.has(customer.id));
};

/** Per KPI, the records behind its number; a KPI the console measures of itself has none. */
const behind: Partial<Record<KpiId, Behind>> = {
	...analysisBehind,
	revenue_won: wonIn,
	deals_won: wonIn,
	avg_deal_size: wonIn,
	sales_cycle_days: wonIn,
	sales_growth: wonIn,
	win_rate: (dataset, period, rates) =>
		deals(
			t('assess.behind.closed'),
			dataset.opportunities.filter((deal) => deal.closedAt !== null && isIn(deal.closedAt, period)),
			rates,
		),
	pipeline_open: openAtEnd,
	pipeline_weighted: openAtEnd,
	new_customers: (dataset, period) =>
		customersWhere(t('assess.behind.newCustomers'), dataset, (customer) => isIn(customer.createdAt, period)),
	churn_rate: churnedIn,
	retention_rate: churnedIn,
	tickets_opened: openedIn,
	first_response_hours: openedIn,
	resolution_hours: (dataset, period) =>
		ticketsWhere(t('assess.behind.resolved'), dataset, (ticket) => isIn(ticket.resolvedAt, period)),
	sla_compliance: (dataset, period) =>
		ticketsWhere(
			t('assess.behind.slaMissed'),
			dataset,
			(ticket) => isIn(ticket.resolvedAt, period) && time(ticket.resolvedAt!) > time(ticket.dueAt),
		),
	backlog: (dataset, period) =>
		ticketsWhere(
			t('assess.behind.openTickets'),
			dataset,
			(ticket) =>
				isBefore(ticket.createdAt, period.end) &&
				(ticket.resolvedAt === null || !isBefore(ticket.resolvedAt, period.end)),
		),
	csat: ratedIn,
	avg_rating: ratedIn,
	nps: (dataset, period) => ({
		caption: t('assess.behind.npsAnswers'),
		entity: 'feedback',
		ids: feedbackIn(dataset, period)
			.filter((entry) => entry.nps !== null)
			.sort((a, b) => a.nps! - b.nps!)
			.map((entry) => entry.id),
	}),
	completeness: (dataset) =>
		customersWhere(t('assess.behind.incomplete'), dataset, (customer) =>
			[customer.email, customer.phone, customer.owner, customer.segment].some((value) => value.trim() === ''),
		),
	duplicate_rate: sharingAnEmail,
	orphan_records: orphans,
	active_operators: changesIn,
	usage_rate: changesIn,
	complaint_rate: (dataset, period) =>
		ticketsWhere(
			t('assess.behind.complaints'),
			dataset,
			(ticket) => ticketTypeOf(ticket) === 'complaint' && isIn(ticket.createdAt, period),
		),
	follow_up_rate: (dataset, period) => {
		const followed = ticketsFollowedUp(dataset.activities);
		return ticketsWhere(
			t('assess.behind.notFollowedUp'),
			dataset,
			(ticket) => isIn(ticket.resolvedAt, period) && !followed.has(ticket.id),
		);
	},
	orders: ordersIn,
	order_revenue: ordersIn,
	avg_order_value: ordersIn,
	repeat_purchase_rate: buyersIn,
	marketing_cost: campaignsStarted,
	cost_per_lead: campaignsStarted,
	campaign_leads: (dataset, period) =>
		customersWhere(
			t('assess.behind.campaignLeads'),
			dataset,
			(customer) => Boolean(customer.campaignId) && isIn(customer.createdAt, period),
		),
	lead_conversion: (dataset, period) => {
		const withDeals = dealsPerCustomer(dataset.opportunities);
		return customersWhere(
			t('assess.behind.noDealYet'),
			dataset,
			(customer) => isIn(customer.createdAt, period) && !withDeals.has(customer.id),
		);
	},
	campaign_revenue: campaignWins,
	marketing_roi: campaignWins,
	unpriced_records: unpriced,
	usability_score: answersIn,
	survey_responses: answersIn,
	ease_of_use: answersIn,
	fit_for_work: answersIn,
	data_accuracy: answersIn,
};

/** Which records make up a KPI in a period (for the trend view's list); empty where none do. */
export const recordsBehind = (id: KpiId, dataset: Dataset, period: Period, rates: Rates = usdOnly): RecordsBehind =>
	behind[id]?.(dataset, period, rates) ?? {
		caption: t('assess.behind.measured'),
		entity: 'log',
		ids: [],
	};
