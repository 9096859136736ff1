import {describe, expect, test} from 'vitest';
import {changesBetween} from '../../source/assessment/day-table.js';
import {computeKpis} from '../../source/assessment/evaluation.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import type {AnyStoredRecord, Dataset} from '../../source/domain/dataset.js';
import {EditableList} from '../../source/domain/editable-list.js';
import {type ListChange, listEditBetween} from '../../source/domain/list-edits.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {expectKpisAsFresh, seededRandom} from '../support/kpi-compare.js';
import {dealOf, orderOf, settingsOf} from '../support/records.js';

// A save makes its new lists with EditableList, which notes what it changed (list-edits.ts); the
// assessment then carries its figures by those changes instead of walking the lists.

const records = (count: number) =>
	Array.from({length: count}, (_, index) => dealOf({id: `opp_${index}`, amount: index}));

/** A change as ids: `a>a'` replaced (with its new amount), `-a` removed, `+a` added. */
const said = (changes: ReadonlyArray<ListChange<AnyStoredRecord>> | undefined): string[] | undefined =>
	changes?.map(([old, current]) =>
		old && current ? `${old.id}>${(current as {amount: number}).amount}` : old ? `-${old.id}` : `+${current!.id}`,
	);

const changed = (record: AnyStoredRecord, amount: number) => ({...record, amount}) as AnyStoredRecord;

describe('EditableList notes what a save changed, in list order', () => {
	const cases: Array<[string, number, (list: EditableList, before: readonly AnyStoredRecord[]) => void, string[]]> = [
		['nothing changed', 5, () => {}, []],
		['nothing changed in an empty list', 0, () => {}, []],
		['one record replaced', 5, (list, before) => list.replace(changed(before[2]!, -1)), ['opp_2>-1']],
		[
			'one record replaced twice: as it was and as it is last',
			5,
			(list, before) => {
				list.replace(changed(before[2]!, -1));
				list.replace(changed(before[2]!, -2));
			},
			['opp_2>-2'],
		],
		['one record removed', 5, (list) => list.remove('opp_3'), ['-opp_3']],
		[
			'two neighbours removed',
			5,
			(list) => {
				list.remove('opp_2');
				list.remove('opp_1');
			},
			['-opp_1', '-opp_2'],
		],
		['one record added', 5, (list) => list.add(dealOf({id: 'opp_new'})), ['+opp_new']],
		['a record added to an empty list', 0, (list) => list.add(dealOf({id: 'opp_new'})), ['+opp_new']],
		[
			'a record added, then removed',
			5,
			(list) => {
				list.add(dealOf({id: 'opp_new'}));
				list.remove('opp_new');
			},
			[],
		],
		[
			'a record replaced, then removed',
			5,
			(list, before) => {
				list.replace(changed(before[4]!, -1));
				list.remove('opp_4');
			},
			['-opp_4'],
		],
		[
			'an add, a late replace and an early removal, in list order',
			6,
			(list, before) => {
				list.add(dealOf({id: 'opp_new'}));
				list.replace(changed(before[5]!, -5));
				list.remove('opp_0');
			},
			['-opp_0', 'opp_5>-5', '+opp_new'],
		],
		['an id not in the list, replaced and removed: nothing', 3, (list) => list.remove('opp_9'), []],
	];

	for (const indexed of [false, true])
		test.each(cases)(`%s (${indexed ? 'a batch, indexed' : 'one change, scanned'})`, (_name, size, edit, expected) => {
			const before = records(size);
			const list = new EditableList(before, indexed);
			edit(list, before);
			const after = list.result();
			expect(said(listEditBetween(before, after))).toEqual(expected);
			// Not from any other list, nor for any other.
			expect(listEditBetween([...before], after)).toBeUndefined();
			expect(listEditBetween(before, [...after])).toBeUndefined();
		});

	test('a walk finds the same changes where it can tell them (one replaced, one added)', () => {
		const before = records(300);
		const list = new EditableList(before, false);
		list.replace(changed(before[150]!, -1));
		list.add(dealOf({id: 'opp_new'}));
		const after = list.result();
		expect(said(listEditBetween(before, after))).toEqual(said(changesBetween(before, after)));
	});

	test('an index made as far as lookups need finds what a scan finds, in any order of lookups and edits', () => {
		const before = records(200);
		const random = seededRandom(23);
		const indexed = new EditableList(before, true);
		const scanned = new EditableList(before, false);
		const found: Array<[string, string | undefined, boolean]> = [];
		for (let step = 0; step < 400; step++) {
			// Ids in the list, past its end (none), and added by the edits.
			const id = random(5) === 0 ? `opp_new_${random(20)}` : `opp_${random(230)}`;
			const roll = random(4);
			for (const list of [indexed, scanned]) {
				if (roll === 0) list.remove(id);
				else if (roll === 1 && !list.has(id)) list.add(dealOf({id}));
				else if (roll === 2 && list.has(id)) list.replace(changed(list.get(id)!, step));
			}
			found.push([id, indexed.get(id)?.id, indexed.has(id)]);
			expect([id, scanned.get(id)?.id, scanned.has(id)]).toEqual(found.at(-1));
		}
		expect(found.some(([, at]) => at === undefined)).toBe(true);
		expect(found.some(([id]) => id.startsWith('opp_new'))).toBe(true);
		expect(indexed.result().map((record) => record.id)).toEqual(scanned.result().map((record) => record.id));
	});
});

describe('KPIs carried by the changes a save noted equal a fresh count', () => {
	const settings = settingsOf({rates: {EUR: 1.1}});
	const now = Date.parse('2026-06-15T12:00:00Z');
	const periods = ['2026-03', '2026-Q1', '2026-06'].map((key) => parsePeriod(key)!);
	const day = (index: number) =>
		new Date(Date.parse('2026-01-01T00:00:00Z') + index * 86_400_000 + 3_600_000).toISOString();

	const start = (): Dataset => {
		const customers = Array.from({length: 30}, (_, index) => customer({id: `cus_${index}`, createdAt: day(index * 5)}));
		const opportunities = Array.from({length: 80}, (_, index) =>
			dealOf({
				id: `opp_${index}`,
				customerId: customers[index % 30]!.id,
				amount: 500 + index,
				currency: index % 3 === 0 ? 'EUR' : 'USD',
				createdAt: day(index * 2),
				...(index % 3 === 0 ? {stage: 'won' as const, closedAt: day(index * 2 + 4), probability: 1} : {}),
			}),
		);
		const orders = Array.from({length: 40}, (_, index) =>
			orderOf({customerId: customers[index % 20]!.id, amount: 20 * index, orderedAt: day(index * 4)}),
		);
		return datasetOf({customers, opportunities, orders});
	};

	test('after 60 saves of replaces, removals (neighbours among them) and adds', () => {
		let dataset = start();
		const random = seededRandom(11);
		for (const period of periods) computeKpis({dataset, settings, now}, period);
		for (let step = 0; step < 60; step++) {
			const entity = (['opportunities', 'customers', 'orders'] as const)[random(3)]!;
			const before = dataset[entity] as readonly AnyStoredRecord[];
			const list = new EditableList(before, step % 2 === 0);
			const roll = random(4);
			const at = random(before.length);
			if (roll === 0 && before.length > 2) {
				list.remove(before[at]!.id);
				list.remove(before[(at + 1) % before.length]!.id);
			} else if (roll === 1) list.add({...before[at]!, id: `${before[at]!.id}_${step}`, createdAt: day(random(160))});
			else list.replace({...before[at]!, createdAt: day(random(160)), version: before[at]!.version + 1});
			const after = list.result();
			expect(listEditBetween(before, after)).toBeDefined();
			dataset = {...dataset, [entity]: after};
			const period = periods[step % periods.length]!;
			const carried = computeKpis({dataset, settings, now}, period);
			const fresh = computeKpis({dataset: structuredClone(dataset), settings, now}, period);
			expectKpisAsFresh(carried, fresh, step);
		}
	});
});
