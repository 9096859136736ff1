import {describe, expect, test} from 'vitest';
import {type DateFormat, type DateOrder, DateOrderDetector, readDate} from '../../source/domain/import/import-dates.js';
import {importTargetSchema} from '../../source/domain/import/import-mapping.js';
import {dateOrdersOf} from '../../source/domain/import/plan-import.js';

const read = (text: string, format: DateFormat, order?: DateOrder) => {
	const result = readDate(text, format, order);
	return result.ok ? result.iso : result.reason;
};

describe('a date keeps every bit of precision its text has (issue 13: seconds were dropped)', () => {
	test.each<[string, DateFormat, string]>([
		['2018-01-02 10:00:59', 'auto', '2018-01-02T10:00:59.000Z'],
		['2018-01-02 10:00:59', 'YYYY-MM-DD HH:mm', '2018-01-02T10:00:59.000Z'],
		['2018-01-02 10:00:59.25', 'YYYY-MM-DD', '2018-01-02T10:00:59.250Z'],
		['2018-01-02T10:00:59.123456Z', 'ISO', '2018-01-02T10:00:59.123Z'],
		['2018-01-02T10:00:59,5', 'auto', '2018-01-02T10:00:59.500Z'],
		['1/2/2018 10:00:59', 'M/D/YYYY', '2018-01-02T10:00:59.000Z'],
		['1/2/2018 10:00:59.999', 'M/D/YYYY H:mm', '2018-01-02T10:00:59.999Z'],
		['02.01.2018 10:00:07', 'D.M.YYYY', '2018-01-02T10:00:07.000Z'],
	])('%s as %s is %s', (text, format, iso) => {
		expect(read(text, format)).toBe(iso);
	});
});

describe('the formats real exports use', () => {
	test.each<[string, DateFormat, DateOrder | undefined, string]>([
		// ISO, with and without offsets (a time without one is UTC).
		['2026-03-01', 'auto', undefined, '2026-03-01T00:00:00.000Z'],
		['2026-3-1', 'auto', undefined, '2026-03-01T00:00:00.000Z'],
		['2026-03-01T14:30', 'auto', undefined, '2026-03-01T14:30:00.000Z'],
		['2026-03-01T14:30:00+02:00', 'auto', undefined, '2026-03-01T12:30:00.000Z'],
		['2026-03-01 14:30:00+0200', 'ISO', undefined, '2026-03-01T12:30:00.000Z'],
		['2026-03-01T00:30:00-05', 'auto', undefined, '2026-03-01T05:30:00.000Z'],
		['2026-03-01T23:30:00-01:00', 'auto', undefined, '2026-03-02T00:30:00.000Z'],
		['2026-03-01T14:30:00Z', 'auto', undefined, '2026-03-01T14:30:00.000Z'],
		// Month first, with a time of day in 24 or 12 hours.
		['3/1/2017', 'M/D/YYYY', undefined, '2017-03-01T00:00:00.000Z'],
		['3/1/2017 9:05', 'M/D/YYYY H:mm', undefined, '2017-03-01T09:05:00.000Z'],
		['3/1/2017 2:30 PM', 'M/D/YYYY', undefined, '2017-03-01T14:30:00.000Z'],
		['3/1/2017 12:15 am', 'M/D/YYYY', undefined, '2017-03-01T00:15:00.000Z'],
		['3/1/2017 12:15 PM', 'M/D/YYYY', undefined, '2017-03-01T12:15:00.000Z'],
		// Day first: slashes, dashes, dots.
		['1/3/2017', 'D/M/YYYY', undefined, '2017-03-01T00:00:00.000Z'],
		['01-03-2017', 'DD-MM-YYYY', undefined, '2017-03-01T00:00:00.000Z'],
		['03-01-2017', 'MM-DD-YYYY', undefined, '2017-03-01T00:00:00.000Z'],
		['1.3.2017', 'D.M.YYYY', undefined, '2017-03-01T00:00:00.000Z'],
		['1.3.2017', 'auto', undefined, '2017-03-01T00:00:00.000Z'],
		// In auto, the order the column settled on.
		['3/4/2017', 'auto', 'dmy', '2017-04-03T00:00:00.000Z'],
		['3/4/2017', 'auto', 'mdy', '2017-03-04T00:00:00.000Z'],
		['3-4-2017 10:00', 'auto', 'dmy', '2017-04-03T10:00:00.000Z'],
		// A value that reads the same both ways, or only one way, needs no settled order.
		['5/5/2017', 'auto', undefined, '2017-05-05T00:00:00.000Z'],
		['13/4/2017', 'auto', undefined, '2017-04-13T00:00:00.000Z'],
		['4/13/2017', 'auto', undefined, '2017-04-13T00:00:00.000Z'],
		// Excel serial numbers: the 1900 date system (with its phantom 29 February 1900), or 1904 when declared.
		['43466', 'excel', undefined, '2019-01-01T00:00:00.000Z'],
		['43466.75', 'excel', undefined, '2019-01-01T18:00:00.000Z'],
		['43466', 'auto', undefined, '2019-01-01T00:00:00.000Z'],
		['1', 'excel', undefined, '1900-01-01T00:00:00.000Z'],
		['59', 'excel', undefined, '1900-02-28T00:00:00.000Z'],
		['61', 'excel', undefined, '1900-03-01T00:00:00.000Z'],
		['42004', 'excel-1904', undefined, '2019-01-01T00:00:00.000Z'],
		['0', 'excel-1904', undefined, 'invalid'],
	])('%s as %s (%s) is %s', (text, format, order, iso) => {
		expect(read(text, format, order)).toBe(iso);
	});

	test.each<[string, DateFormat]>([
		['', 'auto'],
		['   ', 'auto'],
		['2026-02-30', 'auto'],
		['2026-02-29', 'YYYY-MM-DD'],
		['2026-03-01 24:00', 'auto'],
		['2026-03-01 12:60', 'auto'],
		['2026-03-01 12:00:60', 'auto'],
		['3/1/2017 13:00 PM', 'M/D/YYYY'],
		['3/1/2017 0:30 AM', 'M/D/YYYY'],
		['2026-03-01T10:00+25:00', 'auto'],
		['13/1/2017', 'M/D/YYYY'],
		['1/13/2017', 'D/M/YYYY'],
		['31/4/2017', 'D/M/YYYY'],
		['3/1/17', 'auto'],
		['2026-03-01', 'M/D/YYYY'],
		['3/1/2017', 'YYYY-MM-DD'],
		['1.13.2017', 'auto'],
		['60', 'excel'],
		['2017', 'auto'],
		['9999', 'auto'],
		['3000000', 'excel'],
		['-5', 'excel'],
		['yesterday', 'auto'],
		['0099-01-01', 'auto'],
	])('%s as %s is not a date', (text, format) => {
		expect(read(text, format)).toBe('invalid');
	});

	test('a value whose day and month could be swapped is ambiguous without a settled order, never guessed', () => {
		expect(read('3/4/2017', 'auto')).toBe('ambiguous');
		expect(read('03-04-2017 10:00', 'auto')).toBe('ambiguous');
	});
});

describe('a column settles its order of day and month from all its values', () => {
	const settle = (values: string[]) => {
		const detector = new DateOrderDetector();
		for (const [index, value] of values.entries()) detector.see('close_date', index + 2, value);
		return detector.settle();
	};

	test.each<[string, string[], DateOrder | undefined]>([
		['no values', [], undefined],
		['ISO only', ['2026-03-01', '2026-03-02 10:00'], undefined],
		['values that read the same both ways', ['5/5/2017', '1/1/2018'], undefined],
		['a day over 12 first', ['13/4/2017', '3/4/2017'], 'dmy'],
		['a day over 12 last', ['3/4/2017', '4/5/2017', '1/2/2017', '25/12/2017'], 'dmy'],
		['a month-first value settles it too', ['3/4/2017', '4/13/2017'], 'mdy'],
		['dashes', ['01-03-2017', '31-03-2017'], 'dmy'],
	])('%s', (_, values, order) => {
		const settled = settle(values);
		expect(settled.ok).toBe(true);
		if (settled.ok) expect(settled.orders.get('close_date')).toBe(order);
	});

	test('a column of values that all read both ways is refused, with a line that shows both readings', () => {
		const settled = settle(['3/4/2017', '5/6/2017']);
		expect(settled).toEqual({
			ok: false,
			message: expect.stringMatching(
				/close_date read both ways: line 2 “3\/4\/2017” is 4 March 2017 month first or 3 April 2017 day first/,
			),
		});
		if (!settled.ok)
			expect(settled.message).toMatch(
				/--dates D\/M\/YYYY \(day first\) or --dates M\/D\/YYYY \(month first\), or "dates" in a mapping file/,
			);
	});

	test('a column that mixes the two orders is refused with a line of each', () => {
		const settled = settle(['3/4/2017', '13/4/2017', '4/13/2017']);
		expect(settled).toEqual({
			ok: false,
			message: expect.stringMatching(
				/close_date are written in two orders: line 3 “13\/4\/2017” can only be day first \(13 April 2017\), line 4 “4\/13\/2017” only month first \(13 April 2017\)/,
			),
		});
	});

	test('a mapping in auto settles each date column; a declared format needs nothing settled', () => {
		const row = (line: number, values: Record<string, string>) => ({line, values});
		const rows = [
			row(2, {id: 'a', opened: '3/4/2017', closed: '2017-05-01'}),
			row(3, {id: 'b', opened: '25/4/2017', closed: ''}),
		];
		const auto = {
			targets: [
				importTargetSchema.parse({
					entity: 'opportunities',
					id: 'id',
					columns: {opened: 'createdAt', closed: 'closedAt'},
				}),
			],
		};
		expect(dateOrdersOf(auto, rows)[0]!.get('opened')).toBe('dmy');
		const declared = {
			targets: [
				importTargetSchema.parse({
					entity: 'opportunities',
					id: 'id',
					dates: 'M/D/YYYY',
					columns: {opened: 'createdAt'},
				}),
			],
		};
		expect(dateOrdersOf(declared, [row(2, {id: 'a', opened: '3/4/2017'})])[0]!.size).toBe(0);
		expect(() => dateOrdersOf(auto, [row(2, {id: 'a', opened: '3/4/2017'})])).toThrow(/opened read both ways: line 2/);
	});
});
