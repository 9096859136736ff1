import {describe, expect, test} from 'vitest';
import {isoTime} from '../../source/assessment/iso-time.js';

/** Every answer must be Date.parse's own, NaN included. */
const expectDateParse = (text: string) => expect(isoTime(text), JSON.stringify(text)).toBe(Date.parse(text));

describe('isoTime reads a timestamp as Date.parse does', () => {
	test.each([
		['date only', '2026-03-01'],
		['date only, leap day', '2024-02-29'],
		['date only, a day February lacks (Date.parse rolls it over)', '2026-02-30'],
		['date only, year 0', '0000-01-01'],
		['date only, before 1970', '1969-12-31'],
		['canonical', '2026-03-01T09:30:00.000Z'],
		['canonical, last millisecond of a year', '9999-12-31T23:59:59.999Z'],
		['canonical, before 1970', '1969-12-31T23:59:59.999Z'],
		['canonical, 31 April', '2026-04-31T00:00:00.000Z'],
		['with Z, no fraction', '2026-03-01T09:30:00Z'],
		['with an offset', '2026-03-01T09:30:00.000+01:00'],
		['with a negative offset', '2026-03-01T09:30:00-05:00'],
		['fraction of one digit', '2026-01-01T00:00:00.5Z'],
		['fraction of six digits', '2026-01-01T00:00:00.123456Z'],
		['hour 24', '2026-01-01T24:00:00.000Z'],
		['hour 24, no fraction', '2026-01-01T24:00:00Z'],
		['minute 60', '2026-01-01T23:60:00.000Z'],
		['second 60', '2026-01-01T23:59:60Z'],
		['hour 25', '2026-01-01T25:00:00.000Z'],
		['month 0', '2026-00-10'],
		['month 13', '2026-13-01T00:00:00.000Z'],
		['day 0', '2026-01-00'],
		['day 32', '2026-01-32'],
		['lower-case t and z', '2026-01-01t00:00:00.000z'],
		['a space for T', '2026-01-01 00:00:00.000Z'],
		['no zone (local time)', '2026-01-01T00:00:00.000'],
		['no zone, no fraction (local time)', '2026-01-01T00:00:00'],
		['a six-digit year', '+002026-01-01T00:00:00.000Z'],
		['a one-digit month', '2026-1-01'],
		['letters for digits', '2026-0a-01T00:00:00.000Z'],
		['a letter in the fraction', '2026-01-01T00:00:00.0x0Z'],
		['a colon missing', '2026-01-01T00:0000.000Z0'],
		['an American date', '3/1/2017'],
		['words', 'yesterday'],
		['empty', ''],
	])('%s', (_name, text) => expectDateParse(text));

	test('null and undefined, which no field should hold, as Date.parse reads them', () => {
		expect(isoTime(null as unknown as string)).toBe(Date.parse(null as unknown as string));
		expect(isoTime(undefined as unknown as string)).toBeNaN();
	});

	test('every form toISOString writes, over four centuries of random instants', () => {
		let seed = 7;
		const random = () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed / 2_147_483_648;
		};
		for (let run = 0; run < 20_000; run++) {
			const iso = new Date(Math.floor((random() - 0.3) * 12_000_000_000_000)).toISOString();
			expectDateParse(iso);
			expectDateParse(iso.slice(0, 10));
			expectDateParse(`${iso.slice(0, 19)}Z`);
		}
	});
});
