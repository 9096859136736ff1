import type {Activity} from '../../source/domain/activity.js';
import type {Campaign} from '../../source/domain/campaign.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import type {Opportunity} from '../../source/domain/opportunity.js';
import type {Order} from '../../source/domain/order.js';
import {type Settings, settingsSchema} from '../../source/domain/settings.js';
import type {Ticket} from '../../source/domain/ticket.js';

/** Small hand-made records for KPI tables: every field a stored record has, the ones a case is about given. */
let sequence = 0;
const next = (prefix: string): string => `${prefix}_hand${String(++sequence).padStart(6, '0')}`;
const stamp = {
	externalId: null,
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	version: 1,
};

export const dealOf = (values: Partial<Opportunity> = {}): Opportunity => ({
	...stamp,
	id: next('opp'),
	customerId: '',
	title: 'Deal',
	product: '',
	stage: 'prospecting',
	amount: 0,
	currency: 'USD',
	probability: 0.1,
	owner: '',
	expectedCloseAt: null,
	closedAt: null,
	lostReason: '',
	tags: [],
	notes: '',
	...values,
});

/** A deal won at `closedAt`. */
export const wonDeal = (amount: number, currency: string, closedAt: string, values: Partial<Opportunity> = {}) =>
	dealOf({stage: 'won', probability: 1, amount, currency, closedAt, ...values});

export const ticketOf = (values: Partial<Ticket> = {}): Ticket => ({
	...stamp,
	id: next('tkt'),
	customerId: '',
	subject: 'Help',
	description: '',
	priority: 'normal',
	status: 'open',
	channel: '',
	product: '',
	owner: '',
	dueAt: '2026-03-04T00:00:00.000Z',
	firstResponseAt: null,
	resolvedAt: null,
	comments: [],
	tags: [],
	createdAt: '2026-03-01T00:00:00.000Z',
	...values,
});

export const orderOf = (values: Partial<Order> = {}): Order => ({
	...stamp,
	id: next('ord'),
	number: `SO-2026-${String(sequence).padStart(4, '0')}`,
	customerId: '',
	opportunityId: null,
	status: 'confirmed',
	orderedAt: '2026-03-10T00:00:00.000Z',
	paidAt: null,
	lines: [],
	amount: 0,
	currency: 'USD',
	owner: '',
	tags: [],
	notes: '',
	...values,
});

export const campaignOf = (values: Partial<Campaign> = {}): Campaign => ({
	...stamp,
	id: next('cmp'),
	name: 'Spring mailing',
	channel: 'email',
	status: 'completed',
	startAt: '2026-03-02T00:00:00.000Z',
	endAt: null,
	budget: 0,
	cost: 0,
	currency: 'USD',
	segment: '',
	owner: '',
	tags: [],
	notes: '',
	...values,
});

export const followUpOf = (values: Partial<Activity> = {}): Activity => ({
	...stamp,
	id: next('act'),
	customerId: '',
	kind: 'follow_up',
	at: '2026-03-01T00:00:00.000Z',
	text: 'Call back',
	operator: 'ana',
	ticketId: null,
	dueAt: '2026-03-20T00:00:00.000Z',
	doneAt: null,
	...values,
});

export const changeOf = (values: Partial<ChangeEntry> = {}): ChangeEntry => ({
	id: `chg_${String(++sequence).padStart(8, '0')}`,
	at: '2026-03-01T00:00:00.000Z',
	operator: 'ana',
	action: 'create',
	entity: 'customers',
	recordId: 'cus_x0000001',
	label: '',
	changes: [],
	undoOf: null,
	batch: null,
	...values,
});

/** Settings as an operator's file would give them (anything not given: the defaults). */
export const settingsOf = (values: Record<string, unknown> = {}): Settings => settingsSchema.parse(values);
