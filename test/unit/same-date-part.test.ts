import {describe, expect, test} from 'vitest';
import {sameDatePart} from '../../source/assessment/requirement-status.js';

describe('sameDatePart answers as comparing the first ten characters', () => {
	test.each([
		['2026-03-01T09:30:00.000Z', '2026-03-01T23:59:59.999Z'],
		['2026-03-01T09:30:00.000Z', '2026-03-02T09:30:00.000Z'],
		['2026-03-01T09:30:00.000Z', '2025-03-01T09:30:00.000Z'],
		['2026-03-01', '2026-03-01T00:00:00.000Z'],
		['2026-03-0', '2026-03-01'],
		['2026-03', '2026-03'],
		['2026-03', '2026-04'],
		['', ''],
		['', '2026-03-01T00:00:00.000Z'],
		['2026-03-01T00:00:00.000Z', ''],
		['3/1/2017', '3/1/2017 10:00'],
	])('%j and %j', (a, b) => {
		expect(sameDatePart(a, b)).toBe(a.slice(0, 10) === b.slice(0, 10));
		expect(sameDatePart(b, a)).toBe(a.slice(0, 10) === b.slice(0, 10));
	});
});
