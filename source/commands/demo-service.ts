import type {Activity} from '../domain/activity.js';
import type {Customer} from '../domain/customer.js';
import {entityIdPrefix} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import type {Ticket, TicketType} from '../domain/ticket.js';
import {day, hour} from '../domain/units.js';
import type {RandomSource} from './random-source.js';

type Span = {start: number; end: number};

const iso = (time: number): string => new Date(time).toISOString();

/** What each of the demo's ticket topics is: a question, a complaint, a request or something broken. */
const typeBySubject: Readonly<Record<string, TicketType>> = {
	'Cannot log in after password reset': 'incident',
	'Invoice shows the wrong VAT rate': 'complaint',
	'Export to CSV times out': 'incident',
	'Request: add a second admin': 'request',
	'Data connector stopped syncing': 'incident',
	'Mobile app crashes on start': 'incident',
	'How do I change our billing address?': 'inquiry',
	'Dashboard numbers do not match report': 'complaint',
	'Training session reschedule': 'request',
	'API rate limit too low': 'complaint',
	'Duplicate contacts after import': 'incident',
	'Licence renewal quote': 'request',
};

/** Every demo ticket typed by its topic (an unknown subject is an inquiry, as an untyped ticket reads). */
export const typedTickets = (tickets: readonly Ticket[]): Ticket[] =>
	tickets.map((ticket) => ({...ticket, type: typeBySubject[ticket.subject] ?? 'inquiry'}));

const ticketTexts = [
	'Call to check the fix holds',
	'Ask how the solution works for them',
	'Follow-up visit: confirm the problem is gone',
];
const customerTexts = [
	'Call back after the demo',
	'Check in after onboarding',
	'Ask about the renewal',
	'Visit to review the first month',
];

type Plan = {customerId: string; ticketId: string | null; at: number; dueAt: number; operator: string; text: string};

/** Done a little before or after it was due (never before it was scheduled, never after now); open when due later or forgotten. */
const doneAt = (random: RandomSource, span: Span, plan: Plan, doneShare: number): number | null => {
	if (plan.dueAt >= span.end - day || !random.chance(doneShare)) return null;
	return Math.min(span.end - hour, Math.max(plan.at + hour, plan.dueAt + (random.next() * 3 - 1.5) * day));
};

const followUp = (random: RandomSource, span: Span, plan: Plan, doneShare: number): Activity => {
	const done = doneAt(random, span, plan, doneShare);
	return {
		id: newId(entityIdPrefix.activities, random.next),
		externalId: null,
		customerId: plan.customerId,
		kind: 'follow_up',
		at: iso(plan.at),
		text: plan.text,
		operator: plan.operator,
		ticketId: plan.ticketId,
		dueAt: iso(plan.dueAt),
		doneAt: done === null ? null : iso(done),
		createdAt: iso(plan.at),
		updatedAt: iso(done ?? plan.at),
		version: 1,
	};
};

/**
 * Follow-ups (回访): after about half of the resolved tickets (nearly every complaint), mostly done,
 * some forgotten (overdue); after new leads; and three due today (`now` is the start of the day).
 */
export const makeFollowUps = (
	random: RandomSource,
	span: Span,
	customers: readonly Customer[],
	tickets: readonly Ticket[],
): Activity[] => {
	const followUps: Activity[] = [];
	for (const ticket of tickets) {
		if (ticket.resolvedAt === null || !random.chance(ticket.type === 'complaint' ? 0.9 : 0.45)) continue;
		const at = Date.parse(ticket.resolvedAt);
		const plan = {
			customerId: ticket.customerId,
			ticketId: ticket.id,
			at,
			dueAt: at + random.int(1, 5) * day,
			operator: ticket.owner || 'Alex Kim',
			text: random.pick(ticketTexts),
		};
		followUps.push(followUp(random, span, plan, 0.85));
	}
	const recentLeads = customers.filter(
		(customer) => customer.status === 'lead' && Date.parse(customer.createdAt) > span.end - 90 * day,
	);
	for (const customer of recentLeads) {
		const at = Date.parse(customer.createdAt);
		const plan = {
			customerId: customer.id,
			ticketId: null,
			at,
			dueAt: at + random.int(2, 10) * day,
			operator: customer.owner || 'Dana Whitfield',
			text: random.pick(customerTexts),
		};
		followUps.push(followUp(random, span, plan, 0.6));
	}
	const active = customers.filter((customer) => customer.status === 'active');
	for (let index = 0; index < Math.min(3, active.length); index++) {
		const customer = random.pick(active);
		const plan = {
			customerId: customer.id,
			ticketId: null,
			at: Math.max(Date.parse(customer.createdAt), span.end - random.int(2, 6) * day),
			// Midday UTC: today in every time zone from UTC−11 to UTC+11.
			dueAt: span.end + (10 + index) * hour,
			operator: customer.owner || 'Dana Whitfield',
			text: random.pick(customerTexts),
		};
		followUps.push(followUp(random, span, plan, 0));
	}
	return followUps;
};
