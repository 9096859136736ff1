import {generateDemoDataset} from '../../source/commands/demo-data.js';
import type {Customer} from '../../source/domain/customer.js';
import {type Dataset, emptyDataset} from '../../source/domain/dataset.js';

export const fixedNow = Date.parse('2026-06-01T00:00:00Z');

/** A small demo dataset, the same on every run. */
export const smallDemo = (
	sizes: Partial<Record<'customers' | 'opportunities' | 'tickets' | 'feedback', number>> = {},
): Dataset =>
	generateDemoDataset({
		seed: 'test',
		now: new Date(fixedNow),
		months: 24,
		customers: 60,
		opportunities: 120,
		tickets: 80,
		feedback: 60,
		...sizes,
	});

let sequence = 0;

export const customer = (overrides: Partial<Customer> = {}): Customer => {
	sequence++;
	return {
		id: `cus_test${String(sequence).padStart(6, '0')}`,
		externalId: null,
		name: `Customer ${sequence}`,
		company: '',
		email: '',
		phone: '',
		owner: '',
		segment: '',
		status: 'active',
		churnedAt: null,
		tags: [],
		notes: '',
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		version: 1,
		...overrides,
	};
};

export const datasetOf = (parts: Partial<Dataset>): Dataset => Object.assign(emptyDataset(), parts);

/**
 * The demo as it was before issue 15's lifecycle: no campaigns, orders or follow-ups, and nobody
 * acquired by a campaign. For tests whose figures are about the rest, or that add a lifecycle of their own.
 */
export const withoutLifecycle = (dataset: Dataset): Dataset => {
	const noCampaign = <R extends {campaignId?: string}>(record: R): R => {
		const {campaignId: _campaign, ...rest} = record;
		return rest as R;
	};
	return {
		...dataset,
		campaigns: [],
		orders: [],
		customers: dataset.customers.map(noCampaign),
		opportunities: dataset.opportunities.map(noCampaign),
		activities: dataset.activities.filter((activity) => activity.kind !== 'follow_up'),
	};
};
