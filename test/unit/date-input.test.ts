import {expect, test} from 'vitest';
import {parseDateInput, parseDay} from '../../source/domain/date-input.js';

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

test.each([
	['2026-02-30', '2026-02-30 is not a real date: February 2026 has 28 days'],
	['2028-02-30', '2028-02-30 is not a real date: February 2028 has 29 days'],
	['2026-04-31 09:00', '2026-04-31 is not a real date: April 2026 has 30 days'],
	['2026-13-01', '2026-13-01 is not a real date: there is no month 13'],
	['2026-00-10', '2026-00-10 is not a real date: there is no month 00'],
	['2026-03-00', '2026-03-00 is not a real date: there is no day 00'],
	['0000-01-01', '0000-01-01 is outside the years 1970 to 9999'],
	['0099-03-01', '0099-03-01 is outside the years 1970 to 9999'],
	['1969-12-31', '1969-12-31 is outside the years 1970 to 9999'],
	['+9999y', '+9999y lands in 12025, outside the years 1970 to 9999'],
	['-100y', '-100y lands in 1926, outside the years 1970 to 9999'],
	['2026-03-01 25:00', '25:00 is not a time of day (00:00 to 23:59)'],
	['2026-03-01 12:60', '12:60 is not a time of day (00:00 to 23:59)'],
	['next tuesday', 'must be a date like 2026-03-01, today, tomorrow or +3d'],
	['3/1/2026', 'must be a date like 2026-03-01, today, tomorrow or +3d'],
	['null', 'must be a date like 2026-03-01, today, tomorrow or +3d'],
])('%s is refused in words: %s', (input, message) => {
	expect(parseDateInput(input, now)).toEqual({ok: false, message});
});

test.each([
	['1970-01-01', Date.UTC(1970, 0, 1)],
	['2024-02-29', Date.UTC(2024, 1, 29)],
	['9999-12-31', Date.UTC(9999, 11, 31)],
	['2026-02-30', 'is not a real date: February 2026 has 28 days'],
	['2100-02-29', 'is not a real date: February 2100 has 28 days'],
	['0000-01-01', 'is outside the years 1970 to 9999'],
	['2026-1-5', 'must be a day like 2026-03-01'],
	['2026-03-01T00:00:00Z', 'must be a day like 2026-03-01'],
	['', 'must be a day like 2026-03-01'],
	['null', 'must be a day like 2026-03-01'],
])('parseDay(%j): a day that exists, or why not', (text, expected) => {
	expect(parseDay(text)).toEqual(
		typeof expected === 'number' ? {ok: true, time: expected} : {ok: false, message: expected},
	);
});
