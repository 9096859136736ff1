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
