import {describe, expect, test} from 'vitest';
import {generateDemoDataset} from '../../source/commands/demo-data.js';
import {demoOptions} from '../../source/commands/seed.js';
import {parseDataset} from '../../source/store/dataset-codec.js';

const now = new Date('2026-11-01T00:00:00Z');
const dataset = generateDemoDataset(demoOptions({now}));
const monthsBefore = (months: number) => {
	const date = new Date(now);
	date.setUTCMonth(date.getUTCMonth() - months);
	return date.toISOString();
};

describe('demo dataset', () => {
	test('has the default sizes', () => {
		expect([
			dataset.customers.length,
			dataset.opportunities.length,
			dataset.tickets.length,
			dataset.feedback.length,
		]).toEqual([300, 900, 600, 500]);
	});

	test('is deterministic for a seed and date, and differs for another seed', () => {
		expect(JSON.stringify(generateDemoDataset(demoOptions({now})))).toBe(JSON.stringify(dataset));
		expect(generateDemoDataset(demoOptions({now, seed: 'other'})).customers[0]!.id).not.toBe(dataset.customers[0]!.id);
	});

	test('every record passes the store validation', () => {
		expect(() => parseDataset('demo.json', JSON.stringify(dataset))).not.toThrow();
	});

	test('spans at least the last 18 months and nothing lies in the future', () => {
		const stamps = [...dataset.customers, ...dataset.opportunities, ...dataset.tickets, ...dataset.feedback]
			.map((record) => record.createdAt)
			.sort();
		expect(stamps[0]! <= monthsBefore(18)).toBe(true);
		expect(stamps.at(-1)! <= now.toISOString()).toBe(true);
		expect(stamps.filter((stamp) => stamp >= monthsBefore(1)).length).toBeGreaterThan(20);
	});

	test('holds churned customers, won and lost deals, open work, SLA hits and misses, CJK names', () => {
		expect(dataset.customers.filter((c) => c.status === 'churned').length).toBeGreaterThan(5);
		expect(
			dataset.customers.filter((c) => /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(c.name)).length,
		).toBeGreaterThan(10);
		expect(dataset.opportunities.filter((d) => d.stage === 'won').length).toBeGreaterThan(50);
		expect(dataset.opportunities.filter((d) => d.stage === 'lost').length).toBeGreaterThan(50);
		expect(dataset.opportunities.filter((d) => d.closedAt === null).length).toBeGreaterThan(20);
		const resolved = dataset.tickets.filter((t) => t.resolvedAt !== null);
		const met = resolved.filter((t) => t.resolvedAt! <= t.dueAt).length;
		expect(met).toBeGreaterThan(resolved.length / 2);
		expect(resolved.length - met).toBeGreaterThan(20);
		expect(dataset.tickets.filter((t) => t.resolvedAt === null).length).toBeGreaterThan(3);
		expect(dataset.feedback.filter((f) => f.ticketId !== null).length).toBeGreaterThan(100);
	});

	test('trends improve over time, so the assessment charts have a story', () => {
		const split = monthsBefore(12);
		const winRate = (deals: typeof dataset.opportunities) =>
			deals.filter((d) => d.stage === 'won').length / deals.length;
		const closed = dataset.opportunities.filter((d) => d.closedAt !== null);
		expect(winRate(closed.filter((d) => d.closedAt! >= split))).toBeGreaterThan(
			winRate(closed.filter((d) => d.closedAt! < split)),
		);
		const csat = (entries: typeof dataset.feedback) => entries.filter((f) => f.rating >= 4).length / entries.length;
		expect(csat(dataset.feedback.filter((f) => f.createdAt >= split))).toBeGreaterThan(
			csat(dataset.feedback.filter((f) => f.createdAt < split)),
		);
		expect(dataset.customers.filter((c) => c.createdAt >= split).length).toBeGreaterThan(
			dataset.customers.filter((c) => c.createdAt < split).length,
		);
	});

	test('related records point at customers that exist and keep time in order', () => {
		const customers = new Map(dataset.customers.map((c) => [c.id, c]));
		for (const deal of dataset.opportunities) {
			const owner = customers.get(deal.customerId)!;
			expect(owner).toBeDefined();
			expect(deal.createdAt >= owner.createdAt).toBe(true);
		}
		for (const ticket of dataset.tickets) {
			if (ticket.firstResponseAt) expect(ticket.firstResponseAt >= ticket.createdAt).toBe(true);
			if (ticket.resolvedAt) expect(ticket.resolvedAt >= ticket.firstResponseAt!).toBe(true);
		}
	});

	test('sizes scale, including zero', () => {
		const empty = generateDemoDataset(demoOptions({now, customers: 0}));
		expect(empty.opportunities).toEqual([]);
		const big = generateDemoDataset(demoOptions({now, customers: 2000, opportunities: 10, tickets: 10, feedback: 10}));
		expect(big.customers).toHaveLength(2000);
	});
});
