import {describe, expect, test} from 'vitest';
import {customerSchema} from '../../source/domain/customer.js';
import {feedbackSchema} from '../../source/domain/feedback.js';
import {newId} from '../../source/domain/ids.js';
import {defaultProbability, opportunitySchema} from '../../source/domain/opportunity.js';
import {defaultSlaHours, dueAtFor, ticketSchema} from '../../source/domain/ticket.js';
import {article, plural} from '../../source/domain/words.js';

const base = {
	id: 'xxx_00000000',
	createdAt: '2026-03-01T09:00:00.000Z',
	updatedAt: '2026-03-01T09:00:00.000Z',
	version: 1,
};
const firstMessage = (result: {success: boolean; error?: {issues: Array<{path: PropertyKey[]; message: string}>}}) => {
	const issue = result.error?.issues[0];
	return issue ? `${issue.path.join('.')}: ${issue.message}` : 'valid';
};

describe('Customer', () => {
	const valid = {...base, id: 'cus_00000001', name: 'Ana Silva', status: 'active'};

	test('optional fields get their defaults', () => {
		expect(customerSchema.parse(valid)).toMatchObject({
			company: '',
			email: '',
			phone: '',
			owner: '',
			segment: '',
			churnedAt: null,
			tags: [],
			notes: '',
			externalId: null,
		});
	});

	test.each([
		[{name: '  '}, 'name: must not be empty'],
		[{email: 'ana@'}, 'email: must be an email address like ana@example.com'],
		[{phone: 'call me'}, 'phone: may hold only digits'],
		[{status: 'churned'}, 'churnedAt: must be set for a churned customer'],
		[{churnedAt: '2026-04-01T00:00:00.000Z'}, 'churnedAt: must be empty unless the customer is churned'],
		[{version: 0}, 'version: must be 1 or more'],
		[{createdAt: 'yesterday'}, 'createdAt: must be a date-time like 2026-03-01T09:30:00Z'],
	])('%j is refused: %s', (change, message) => {
		expect(firstMessage(customerSchema.safeParse({...valid, ...change}))).toContain(message);
	});

	test('a churned customer with churnedAt is valid; names keep CJK as typed', () => {
		expect(customerSchema.safeParse({...valid, status: 'churned', churnedAt: '2026-04-01T00:00:00.000Z'}).success).toBe(
			true,
		);
		expect(customerSchema.parse({...valid, name: '王伟'}).name).toBe('王伟');
	});
});

describe('Opportunity', () => {
	const valid = {...base, id: 'opp_00000001', title: 'Renewal', stage: 'proposal', amount: 1200, probability: 0.5};

	test.each([
		[{amount: -1}, 'amount: must not be negative'],
		[{amount: '12'}, 'amount: must be a number'],
		[{probability: 1.5}, 'probability: must be between 0 and 1'],
		[{stage: 'won'}, 'closedAt: must be set for a won deal'],
		[{closedAt: '2026-04-01T00:00:00.000Z'}, 'closedAt: must be empty while the deal is open'],
		[{currency: 'dollars'}, 'currency: must be a three-letter currency code'],
	])('%j is refused: %s', (change, message) => {
		expect(firstMessage(opportunitySchema.safeParse({...valid, ...change}))).toContain(message);
	});

	test('an imported deal may have no customer; default probabilities rise with the stage', () => {
		expect(opportunitySchema.parse(valid).customerId).toBe('');
		expect(defaultProbability.prospecting).toBeLessThan(defaultProbability.negotiation);
		expect([defaultProbability.won, defaultProbability.lost]).toEqual([1, 0]);
	});
});

describe('Ticket', () => {
	test('dueAt follows the SLA hours of KPI.md', () => {
		expect(defaultSlaHours).toEqual({urgent: 4, high: 24, normal: 72, low: 120});
		expect(dueAtFor('2026-03-01T09:00:00.000Z', 'urgent')).toBe('2026-03-01T13:00:00.000Z');
		expect(dueAtFor('2026-03-01T09:00:00.000Z', 'low', {...defaultSlaHours, low: 1})).toBe('2026-03-01T10:00:00.000Z');
	});

	test('priority and status are closed lists', () => {
		const valid = {
			...base,
			id: 'tkt_00000001',
			subject: 'Login fails',
			priority: 'high',
			status: 'open',
			dueAt: '2026-03-02T09:00:00.000Z',
		};
		expect(ticketSchema.safeParse(valid).success).toBe(true);
		expect(firstMessage(ticketSchema.safeParse({...valid, priority: 'critical'}))).toContain(
			'priority: must be one of low, normal, high, urgent',
		);
	});
});

describe('Feedback', () => {
	const valid = {...base, id: 'fbk_00000001', rating: 4};

	test.each([
		[{rating: 7}, 'rating: must be from 1 to 5'],
		[{rating: 0}, 'rating: must be from 1 to 5'],
		[{rating: 3.5}, 'rating: must be a whole number from 1 to 5'],
		[{nps: 11}, 'nps: must be from 0 to 10'],
	])('%j is refused: %s', (change, message) => {
		expect(firstMessage(feedbackSchema.safeParse({...valid, ...change}))).toContain(message);
	});

	test('NPS is optional', () => {
		expect(feedbackSchema.parse(valid).nps).toBeNull();
	});
});

describe('ids', () => {
	test('ids carry their entity prefix and are unique', () => {
		const ids = new Set(Array.from({length: 1000}, () => newId('cus')));
		expect(ids.size).toBe(1000);
		for (const id of ids) expect(id).toMatch(/^cus_[0-9a-z]{10}$/);
	});
});

describe('one pluraliser for the app (issue 13)', () => {
	test.each([
		[0, 'deal', '0 deals'],
		[1, 'deal', '1 deal'],
		[2, 'deal', '2 deals'],
		[1, 'entry', '1 entry'],
		[3, 'entry', '3 entries'],
		[2, 'day', '2 days'],
		[2, 'match', '2 matches'],
		[2, 'feedback', '2 feedback'],
		[12_500, 'row', '12,500 rows'],
		[-1, 'change', '-1 changes'],
	])('%d %s', (count, noun, text) => {
		expect(plural(count, noun)).toBe(text);
	});

	test.each([
		['stage', 'a stage'],
		['owner', 'an owner'],
		['', 'a '],
	])('article of %s', (word, text) => {
		expect(article(word)).toBe(text);
	});
});
