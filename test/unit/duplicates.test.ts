import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {
	customersSharingAnEmail,
	findDuplicateGroups,
	mergeMutations,
	similarity,
} from '../../source/domain/duplicates.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf, smallDemo} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

describe('finding duplicates', () => {
	test('the same email (normalised) or a very similar name at the same company', () => {
		const customers = [
			customer({name: 'Ana Silva', email: 'Ana@Acme.io', company: 'Acme'}),
			customer({name: 'A. Silva', email: ' ana@acme.io', company: 'Acme'}),
			customer({name: 'José Pérez', company: 'Beta'}),
			customer({name: 'Jose Perez', company: 'Beta'}),
			customer({name: 'Jose Perez', company: 'Other Corp'}),
			customer({name: 'Bo Berg', company: ''}),
			customer({name: 'Bo Burg', company: 'Gamma'}),
			customer({name: 'Cy Cole'}),
		];
		const groups = findDuplicateGroups(customers);
		const names = groups.map((group) =>
			group.ids.map((id) => customers.find((candidate) => candidate.id === id)!.name),
		);
		expect(names).toEqual([
			['Ana Silva', 'A. Silva'],
			['José Pérez', 'Jose Perez'],
			['Bo Berg', 'Bo Burg'],
		]);
		expect(groups[0]!.reason).toBe('same email');
		expect(groups[1]!.reason).toBe('same name');
		expect(groups[2]!.reason).toBe('similar name');
		expect(similarity('abc', 'abc')).toBe(1);
	});

	test('a customer without a company never chains two companies into one group (issue 13)', () => {
		const customers = [
			customer({name: 'Ana Silva', company: 'Acme'}),
			customer({name: 'Ana Silva', company: ''}),
			customer({name: 'Ana Silva', company: 'Initech'}),
		];
		const groups = findDuplicateGroups(customers).map((group) =>
			group.ids.map((id) => customers.find((candidate) => candidate.id === id)!.company),
		);
		expect(groups).toEqual([['Acme', '']]);
		// Either order of the records: still one company per group.
		const reversed = [...customers].reverse();
		for (const group of findDuplicateGroups(reversed))
			expect(
				new Set(group.ids.map((id) => reversed.find((candidate) => candidate.id === id)!.company).filter(Boolean)).size,
			).toBe(1);
	});

	test.each([
		['nobody', [], 0],
		['no emails', [{email: ''}, {email: '  '}], 0],
		['one shared, in any case and spacing', [{email: 'a@x.io'}, {email: ' A@X.io'}, {email: 'b@x.io'}], 2],
		['three sharing one', [{email: 'a@x.io'}, {email: 'a@x.io'}, {email: 'a@x.io'}], 3],
	])('customers sharing an email (the Shared emails KPI): %s', (_, emails, count) => {
		expect(customersSharingAnEmail(emails.map((values) => customer(values)))).toBe(count);
	});

	test('thousands of customers are compared in blocks, quickly enough to run on every open', () => {
		const many = smallDemo({customers: 3000, opportunities: 0, tickets: 0, feedback: 0}).customers;
		const groups = findDuplicateGroups(many);
		for (const group of groups) expect(group.ids.length).toBeGreaterThan(1);
	});
});

describe('merging', () => {
	test('the survivor takes the chosen values and the other’s records; one change, undone whole', async () => {
		const file = join(tempFolder('merge'), 'crm.json');
		const keep = customer({name: 'Ana Silva', email: 'ana@acme.io', phone: ''});
		const gone = customer({name: 'Ana S.', email: 'ana@acme.io', phone: '+1 555 0100'});
		const store = await CrmStore.create(file, datasetOf({customers: [keep, gone]}));
		await store.apply(
			[
				{
					kind: 'create',
					entity: 'tickets',
					values: {subject: 'Help', priority: 'normal', status: 'open', customerId: gone.id},
				},
			],
			'ana',
		);
		await store.apply(mergeMutations(store.data, keep, gone, ['phone']), 'ana');
		expect(store.data.customers).toHaveLength(1);
		expect(store.data.customers[0]).toMatchObject({id: keep.id, name: 'Ana Silva', phone: '+1 555 0100'});
		expect(store.data.tickets[0]!.customerId).toBe(keep.id);
		const entries = store.data.changes.slice(-3);
		expect(new Set(entries.map((entry) => entry.batch)).size).toBe(1);
		expect(entries.map((entry) => `${entry.action} ${entry.entity}`)).toEqual([
			'update customers',
			'update tickets',
			'delete customers',
		]);
		await store.undo('ana');
		expect(store.data.customers.map((entry) => entry.id).sort()).toEqual([keep.id, gone.id].sort());
		expect(store.data.tickets[0]!.customerId).toBe(gone.id);
		expect(store.data.customers.find((entry) => entry.id === keep.id)!.phone).toBe('');
	});
});
