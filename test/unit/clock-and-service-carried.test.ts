import {describe, expect, test} from 'vitest';
import {slaAlerts} from '../../source/assessment/alerts.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {followUpRate} from '../../source/assessment/service-kpis.js';
import type {Activity} from '../../source/domain/activity.js';
import type {Ticket} from '../../source/domain/ticket.js';
import {hour} from '../../source/domain/units.js';
import {datasetOf} from '../support/fixtures.js';
import {seededRandom} from '../support/kpi-compare.js';
import {followUpOf, settingsOf, ticketOf} from '../support/records.js';

const start = Date.parse('2026-03-10T12:00:00.000Z');
const settings = settingsOf({assessment: {slaWarningHours: 6}}).assessment;

describe('SLA alerts carried from edit to edit as the clock moves on', () => {
	test.each([
		['none open', [ticketOf({resolvedAt: '2026-03-01T00:00:00.000Z', dueAt: '2026-03-02T00:00:00.000Z'})], []],
		['no due time is never overdue', [ticketOf({dueAt: 'soon' as never})], []],
		[
			'overdue and soon, each in list order',
			[
				ticketOf({id: 't_soon', dueAt: '2026-03-10T15:00:00.000Z'}),
				ticketOf({id: 't_late', dueAt: '2026-03-09T00:00:00.000Z'}),
				ticketOf({id: 't_later', dueAt: '2026-03-12T00:00:00.000Z'}),
				ticketOf({id: 't_late2', dueAt: '2026-03-01T00:00:00.000Z'}),
			],
			[
				['bad', ['t_late', 't_late2']],
				['warn', ['t_soon']],
			],
		],
	])('%s', (_name, tickets, expected) => {
		const alerts = slaAlerts(datasetOf({tickets}), start, settings);
		expect(alerts.map((alert) => [alert.severity, alert.records.map((record) => record.id)])).toEqual(expected);
	});

	test('tickets resolved, reopened, moved, added and taken away, the clock on by hours: what a fresh count gives', () => {
		const random = seededRandom(13);
		const due = () => new Date(start + (random(48) - 12) * hour).toISOString();
		let tickets: Ticket[] = Array.from({length: 40}, (_, index) => ticketOf({id: `t${index}`, dueAt: due()}));
		let now = start;
		let made = 40;
		const change = (values: Partial<Ticket>) => {
			const at = random(tickets.length);
			return tickets.map((ticket, index) => (index === at ? {...ticket, ...values} : ticket));
		};
		const edits: Array<() => Ticket[]> = [
			() => change({resolvedAt: new Date(now).toISOString()}),
			() => change({resolvedAt: null}),
			() => change({dueAt: due()}),
			() => [...tickets, ticketOf({id: `t${made++}`, dueAt: due()})],
			() => tickets.filter((_, index) => index !== random(tickets.length)),
		];
		const said = (list: Ticket[], at: number) =>
			slaAlerts(datasetOf({tickets: list}), at, settings).map((alert) => [
				alert.severity,
				alert.records.map((record) => record.id),
			]);
		let dataset = datasetOf({tickets});
		slaAlerts(dataset, now, settings);
		const steps: Array<{tickets: Ticket[]; now: number; carried: unknown}> = [];
		for (let step = 0; step < 150; step++) {
			// Now and then the clock alone moves on.
			if (random(3) > 0) tickets = edits[random(edits.length)]!();
			dataset = {...dataset, tickets};
			now += random(4) * 1_800_000;
			steps.push({
				tickets,
				now,
				carried: slaAlerts(dataset, now, settings).map((alert) => [
					alert.severity,
					alert.records.map((record) => record.id),
				]),
			});
		}
		// Counted afresh only afterwards, so that every step above was carried from the one before.
		for (const step of steps) expect(step.carried).toEqual(said(structuredClone(step.tickets), step.now));
	});
});

describe('follow_up_rate carried from edit to edit of the tickets and the follow-ups', () => {
	test('tickets resolved, reopened, added and taken away; follow-ups done and undone: what a fresh count gives', () => {
		const random = seededRandom(21);
		const resolved = () => new Date(start - random(60) * 24 * hour).toISOString();
		let tickets: Ticket[] = Array.from({length: 60}, (_, index) =>
			ticketOf({id: `t${index}`, resolvedAt: random(3) === 0 ? null : resolved()}),
		);
		let activities: Activity[] = Array.from({length: 30}, (_, index) =>
			followUpOf({id: `a${index}`, ticketId: `t${random(60)}`, doneAt: random(2) === 0 ? null : resolved()}),
		);
		let made = 60;
		const edits: Array<() => void> = [
			() => {
				const at = random(tickets.length);
				tickets = tickets.map((ticket, index) => (index === at ? {...ticket, resolvedAt: resolved()} : ticket));
			},
			() => {
				const at = random(tickets.length);
				tickets = tickets.map((ticket, index) => (index === at ? {...ticket, resolvedAt: null} : ticket));
			},
			() => {
				tickets = [...tickets, ticketOf({id: `t${made++}`, resolvedAt: resolved()})];
			},
			() => {
				const at = random(tickets.length);
				tickets = tickets.filter((_, index) => index !== at);
			},
			() => {
				const at = random(activities.length);
				activities = activities.map((activity, index) =>
					index === at
						? {...activity, doneAt: activity.doneAt ? null : resolved(), ticketId: `t${random(made)}`}
						: activity,
				);
			},
		];
		const periods = ['2026-01', '2026-02', '2026-03'].map((key) => parsePeriod(key)!);
		const rates = (data: {tickets: Ticket[]; activities: Activity[]}) =>
			periods.map((period) => followUpRate(data, period, 1));
		rates({tickets, activities});
		const steps: Array<{tickets: Ticket[]; activities: Activity[]; carried: ReturnType<typeof rates>}> = [];
		for (let step = 0; step < 150; step++) {
			edits[random(edits.length)]!();
			steps.push({tickets, activities, carried: rates({tickets, activities})});
		}
		for (const step of steps)
			expect(step.carried).toEqual(rates(structuredClone({tickets: step.tickets, activities: step.activities})));
		expect(new Set(steps.map((step) => JSON.stringify(step.carried))).size).toBeGreaterThan(10);
	});
});
