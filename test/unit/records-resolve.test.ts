import {describe, expect, test} from 'vitest';
import {recordEntities, recordEntityNamed, recordEntityWords} from '../../source/commands/records/record-entities.js';
import {candidatesListed, resolveRecord} from '../../source/commands/records/resolve-record.js';
import {entityFieldSchemas, storedEntities} from '../../source/domain/dataset.js';

type Row = {id: string; externalId: string | null; name: string | null};

const records: Row[] = [
	{id: 'cus_ada0001', externalId: 'HS-1', name: 'Ada Lovelace'},
	{id: 'cus_bob0002', externalId: null, name: 'Bob'},
	{id: 'cus_twin003', externalId: null, name: 'Twin'},
	{id: 'cus_twin004', externalId: null, name: '  twin '},
	{id: 'cus_zh00005', externalId: 'cus_bob0002', name: '周婷'},
	{id: 'cus_null006', externalId: null, name: null},
	{id: 'cus_ext0007', externalId: 'DUP', name: 'One'},
	{id: 'cus_ext0008', externalId: 'DUP', name: 'Two'},
	// A name that is another record's external id: the external id wins.
	{id: 'cus_name009', externalId: null, name: 'HS-1'},
];

describe('a record named by id, external id or exact name', () => {
	test.each([
		// [what is typed, the record found (or the refusal's code), how]
		['cus_ada0001', 'cus_ada0001', 'id'],
		['  cus_ada0001 ', 'cus_ada0001', 'id'],
		// An id wins over another record's external id that is the same text.
		['cus_bob0002', 'cus_bob0002', 'id'],
		['HS-1', 'cus_ada0001', 'externalId'],
		['ada lovelace', 'cus_ada0001', 'name'],
		['ADA LOVELACE', 'cus_ada0001', 'name'],
		['周婷', 'cus_zh00005', 'name'],
		// A part of a name is not a name.
		['Ada', 'not_found', undefined],
		['twin', 'ambiguous', 'name'],
		['DUP', 'ambiguous', 'externalId'],
		// External ids are the other system's, exact: folded, it is only a name.
		['hs-1', 'cus_name009', 'name'],
		['dup', 'not_found', undefined],
		['', 'not_found', undefined],
		['   ', 'not_found', undefined],
		['null', 'not_found', undefined],
		['cus_nothing', 'not_found', undefined],
	])('%j → %s (%s)', (typed, expected, by) => {
		const found = resolveRecord(records, typed, 'name');
		if (found.found) {
			expect(found.record.id).toBe(expected);
			expect(found.by).toBe(by);
		} else {
			expect(found.code).toBe(expected);
			if (found.code === 'ambiguous') expect(found.by).toBe(by);
			expect(found.ref).toBe(typed.trim());
		}
	});

	test('an ambiguous name lists its candidates with their names, in the file’s order', () => {
		expect(resolveRecord(records, 'Twin', 'name')).toEqual({
			found: false,
			code: 'ambiguous',
			ref: 'Twin',
			by: 'name',
			candidates: [
				{id: 'cus_twin003', name: 'Twin'},
				{id: 'cus_twin004', name: '  twin '},
			],
			more: 0,
		});
	});

	test.each([
		[2, 2, 0],
		[candidatesListed, candidatesListed, 0],
		[candidatesListed + 1, candidatesListed, 1],
		[25, candidatesListed, 25 - candidatesListed],
	])('%i records of one name: %i listed, %i more counted', (count, listed, more) => {
		const many = Array.from({length: count}, (_, index) => ({id: `act_same${index}`, externalId: null, text: 'Call'}));
		const found = resolveRecord(many, 'call', 'text');
		expect(found).toMatchObject({found: false, code: 'ambiguous', more});
		if (!found.found && found.code === 'ambiguous') {
			expect(found.candidates).toHaveLength(listed);
			expect(found.candidates[0]).toEqual({id: 'act_same0', name: 'Call'});
		}
	});

	test('without a name field (feedback) only the id and the external id name a record', () => {
		const feedback = [{id: 'fbk_one0001', externalId: 'Q-7', comment: 'Great'}];
		expect(resolveRecord(feedback, 'Great', null)).toEqual({found: false, code: 'not_found', ref: 'Great'});
		expect(resolveRecord(feedback, 'Q-7', null)).toMatchObject({found: true, by: 'externalId'});
	});

	test('nothing to look in: not found', () => {
		expect(resolveRecord([], 'anything', 'name')).toEqual({found: false, code: 'not_found', ref: 'anything'});
	});
});

describe('the table of entity names', () => {
	test.each([
		['customers', 'customers'],
		['customer', 'customers'],
		['deal', 'opportunities'],
		['deals', 'opportunities'],
		['opportunity', 'opportunities'],
		['ticket', 'tickets'],
		['feedback', 'feedback'],
		['campaign', 'campaigns'],
		['order', 'orders'],
		['followups', 'activities'],
		['followup', 'activities'],
		['activity', 'activities'],
		['Customers', undefined],
		['surveys', undefined],
		['', undefined],
	])('%j names %s', (word, entity) => {
		expect(recordEntityNamed(word)?.entity).toBe(entity);
	});

	test('no word names two entities, and every entity is a stored one', () => {
		const words = recordEntityWords();
		expect(new Set(words).size).toBe(words.length);
		for (const {entity} of recordEntities) expect(storedEntities).toContain(entity);
	});

	test('each name field is a field the entity stores', () => {
		for (const {entity, nameField} of recordEntities)
			if (nameField !== null) expect(Object.keys(entityFieldSchemas[entity].shape), entity).toContain(nameField);
	});
});
