import {expect, test} from 'vitest';
import {parseDateInput} from '../../source/domain/date-input.js';

const now = Date.parse('2026-03-15T14:20:00.000Z');

test.each([
	['2026-03-01', '2026-03-01T00:00:00.000Z'],
	['2026-03-01 09:30', '2026-03-01T09:30:00.000Z'],
	['today', '2026-03-15T00:00:00.000Z'],
	['Tomorrow', '2026-03-16T00:00:00.000Z'],
	['yesterday', '2026-03-14T00:00:00.000Z'],
	['now', '2026-03-15T14:20:00.000Z'],
	['+3d', '2026-03-18T00:00:00.000Z'],
	['-2w', '2026-03-01T00:00:00.000Z'],
	['+1m', '2026-04-15T00:00:00.000Z'],
	['+1y', '2027-03-15T00:00:00.000Z'],
	['+4h', '2026-03-15T18:20:00.000Z'],
])('%s is %s', (input, iso) => {
	expect(parseDateInput(input, now)).toEqual({ok: true, iso});
});

test('empty means no date', () => {
	expect(parseDateInput('  ', now)).toEqual({ok: true, iso: null});
});

test.each(['2026-02-30', '2026-13-01', 'next tuesday', '3/1/2026', '2026-03-01 25:00'])('%s is refused in words', (input) => {
	const result = parseDateInput(input, now);
	expect(result.ok).toBe(false);
	expect(result.ok ? '' : result.message).toMatch(/date/);
});
