import {afterEach, describe, expect, test} from 'vitest';
import type {Activity} from '../../source/domain/activity.js';
import {endOfLocalDay, followUpsDue} from '../../source/ui/screens/followups-screen.js';

const zone = process.env['TZ'];
afterEach(() => {
	if (zone === undefined) delete process.env['TZ'];
	else process.env['TZ'] = zone;
});

const followUp = (id: string, dueAt: string | null, doneAt: string | null = null, kind = 'follow_up'): Activity =>
	({
		id,
		externalId: null,
		createdAt: '2026-03-01T00:00:00.000Z',
		updatedAt: '2026-03-01T00:00:00.000Z',
		version: 1,
		customerId: 'cus_1234',
		kind,
		at: '2026-03-01T00:00:00.000Z',
		text: id,
		operator: 'mei',
		ticketId: null,
		dueAt,
		doneAt,
	}) as Activity;

describe('follow-ups due today, in the operator’s time zone, and overdue', () => {
	// 2026-03-10 20:00 UTC is the 11th, 04:00, in Shanghai, and still the 10th, 15:00, in New York.
	const now = Date.parse('2026-03-10T20:00:00.000Z');
	test.each([
		['Asia/Shanghai', '2026-03-11T16:00:00.000Z'],
		['America/New_York', '2026-03-11T04:00:00.000Z'],
		['UTC', '2026-03-11T00:00:00.000Z'],
	])('in %s today ends at %s', (timeZone, end) => {
		process.env['TZ'] = timeZone;
		expect(new Date(endOfLocalDay(now)).toISOString()).toBe(end);
	});

	test('overdue first, then due today; not later ones, not done ones, not other activities', () => {
		process.env['TZ'] = 'America/New_York';
		const list = [
			followUp('later', '2026-03-11T12:00:00.000Z'),
			followUp('today', '2026-03-11T02:00:00.000Z'),
			followUp('overdue', '2026-03-01T09:00:00.000Z'),
			followUp('done', '2026-03-01T09:00:00.000Z', '2026-03-02T09:00:00.000Z'),
			followUp('note', '2026-03-01T09:00:00.000Z', null, 'note'),
			followUp('undated', null),
		];
		expect(followUpsDue(list, now).map((entry) => entry.id)).toEqual(['overdue', 'today']);
		expect(followUpsDue([], now)).toEqual([]);
	});
});
