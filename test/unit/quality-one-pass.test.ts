import {describe, expect, test} from 'vitest';
import {qualityKpis} from '../../source/assessment/quality-kpis.js';
import {overdueFollowUps} from '../../source/assessment/service-kpis.js';
import type {Activity} from '../../source/domain/activity.js';
import {customersSharingAnEmail} from '../../source/domain/duplicates.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {seededRandom} from '../support/kpi-compare.js';
import {followUpOf} from '../support/records.js';

describe('completeness and duplicate_rate in one pass over the customers', () => {
	const cases: Array<[string, string[], number | null]> = [
		['no customers', [], null],
		['one customer without an email', [''], 0],
		['an email of spaces only is no email', ['   ', '   '], 0],
		['the same email in another case and with spaces', ['Ana@Acme.io ', 'ana@acme.io', 'bo@acme.io'], 2 / 3],
		['three customers share one email, two another', ['a@x.io', 'A@x.io', 'a@x.io ', 'b@x.io', 'B@X.IO', ''], 5 / 6],
		['nobody shares', ['a@x.io', 'b@x.io', 'c@x.io'], 0],
	];
	for (const [name, emails, rate] of cases)
		test(name, () => {
			const customers = emails.map((email, index) =>
				customer({email, phone: index % 2 === 0 ? '1' : ' ', owner: index % 3 === 0 ? 'x' : '', segment: 'smb'}),
			);
			const values = qualityKpis(datasetOf({customers}));
			expect(values['duplicate_rate']).toBe(rate);
			// The numerator the domain gives the merge screen, over the same customers.
			if (customers.length > 0)
				expect(values['duplicate_rate']).toBe(customersSharingAnEmail(customers) / customers.length);
			const filled = customers.reduce(
				(count, entry) =>
					count + [entry.email, entry.phone, entry.owner, entry.segment].filter((value) => value.trim() !== '').length,
				0,
			);
			expect(values['completeness']).toBe(customers.length === 0 ? null : filled / (4 * customers.length));
		});
});

/** A follow-up by id, due time, done time and kind: the shared hand-made activity (test/support/records.ts). */
const followUp = (id: string, dueAt: string | null, doneAt: string | null = null, kind = 'follow_up'): Activity =>
	followUpOf({id, dueAt, doneAt, kind: kind as Activity['kind']});

describe('overdue follow-ups: soonest due first, ties in the order of the list', () => {
	const now = Date.parse('2026-03-10T12:00:00.000Z');
	const cases: Array<[string, Activity[], string[]]> = [
		['none', [], []],
		[
			'no due time, done, a note, due later: none is overdue',
			[
				followUp('a', null),
				followUp('b', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'),
				followUp('c', '2026-03-01T00:00:00.000Z', null, 'note'),
				followUp('d', '2026-03-11T00:00:00.000Z'),
			],
			[],
		],
		[
			'out of order, with a tie kept in list order',
			[
				followUp('late', '2026-03-09T00:00:00.000Z'),
				followUp('early', '2026-02-01T00:00:00.000Z'),
				followUp('tie1', '2026-03-05T00:00:00.000Z'),
				followUp('tie2', '2026-03-05T00:00:00.000Z'),
			],
			['early', 'tie1', 'tie2', 'late'],
		],
	];
	for (const [name, activities, expected] of cases)
		test(name, () => {
			expect(overdueFollowUps(activities, now).map((activity) => activity.id)).toEqual(expected);
		});
});

describe('overdue follow-ups carried from edit to edit as the clock moves on', () => {
	test('follow-ups done, moved, added, taken away and made of notes: what a fresh count gives, ties in list order', () => {
		const start = Date.parse('2026-03-10T12:00:00.000Z');
		const random = seededRandom(9);
		// Due times at one of eight hours around now: many ties.
		const due = () => new Date(start + (random(8) - 4) * 3_600_000).toISOString();
		let activities: Activity[] = Array.from({length: 40}, (_, index) =>
			followUp(`a${index}`, random(5) === 0 ? null : due(), null, random(4) === 0 ? 'note' : 'follow_up'),
		);
		let now = start;
		let made = 40;
		const change = (values: Partial<Activity>) => {
			const at = random(activities.length);
			return activities.map((activity, index) => (index === at ? {...activity, ...values} : activity));
		};
		const edits: Array<() => Activity[]> = [
			() => change({doneAt: new Date(now).toISOString()}),
			() => change({dueAt: due()}),
			() => change({kind: 'follow_up', dueAt: due(), doneAt: null}),
			() => [...activities, followUp(`a${made++}`, due())],
			() => activities.filter((_, index) => index !== random(activities.length)),
		];
		overdueFollowUps(activities, now);
		const steps: Array<{activities: Activity[]; now: number; carried: string[]}> = [];
		for (let step = 0; step < 150; step++) {
			activities = edits[random(edits.length)]!();
			now += random(3) * 1_800_000;
			steps.push({activities, now, carried: overdueFollowUps(activities, now).map((activity) => activity.id)});
		}
		// Counted afresh only afterwards, so that every step above was carried from the one before.
		for (const step of steps)
			expect(step.carried).toEqual(
				overdueFollowUps(structuredClone(step.activities), step.now).map((activity) => activity.id),
			);
		expect(Math.max(...steps.map((step) => step.carried.length))).toBeGreaterThan(10);
	});
});
