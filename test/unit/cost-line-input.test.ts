import {describe, expect, test} from 'vitest';
import {costToInput, readCostLine} from '../../source/domain/cost-line-input.js';

describe('a cost as typed (cost-line-input.ts)', () => {
	test.each([
		[
			'2026-03-01 software 45,000 Licences for 20 seats',
			{category: 'software', date: '2026-03-01', amount: 45_000, note: 'Licences for 20 seats'},
		],
		[
			'  2026-03-01   Data Migration  1.200,50  ',
			{category: 'data migration', date: '2026-03-01', amount: 1200.5, note: ''},
		],
		['2026-03-01 training 0', {category: 'training', date: '2026-03-01', amount: 0, note: ''}],
		[
			'2026-03-01 uncategorised 150000 kept',
			{category: 'uncategorised', date: '2026-03-01', amount: 150_000, note: 'kept'},
		],
	])('one-off %j', (text, cost) => {
		expect(readCostLine(text, 'implementation')).toEqual({ok: true, line: {kind: 'implementation', cost}});
	});

	test.each([
		['2026-03.. hosting 300 Cloud VM', {category: 'hosting', from: '2026-03', to: null, amount: 300, note: 'Cloud VM'}],
		[
			'2026-03..2026-12 support 1,200 Vendor',
			{category: 'support', from: '2026-03', to: '2026-12', amount: 1200, note: 'Vendor'},
		],
		['2026-05 upgrades 3,000', {category: 'upgrades', from: '2026-05', to: '2026-05', amount: 3000, note: ''}],
	])('monthly %j', (text, cost) => {
		expect(readCostLine(text, 'operation')).toEqual({ok: true, line: {kind: 'operation', cost}});
	});

	test.each([
		['', 'implementation', 'Line 1: is empty: type a cost like 2026-03-01 software 45,000 Licences for 20 seats'],
		['   ', 'operation', 'Line 1: is empty: type a cost like 2026-03.. hosting 300'],
		[
			'2026-02-30 software 100',
			'implementation',
			'Line 1: date “2026-02-30” is not a real date: February 2026 has 28 days',
		],
		['03/01/2026 software 100', 'implementation', 'Line 1: date “03/01/2026” must be a day like 2026-03-01'],
		['software 100', 'implementation', 'Line 1: date “software” must be a day like 2026-03-01'],
		['2026-03-01 licences 100', 'implementation', 'Line 1: category “licences” is not one of software, hardware'],
		['2026-03-01 hosting 100', 'implementation', 'Line 1: category “hosting” is not one of software'],
		['2026-03.. software 100', 'operation', 'Line 1: category “software” is not one of maintenance'],
		['2026-03-01 software -45,000 refund', 'implementation', 'Line 1: amount -45,000 must not be negative'],
		['2026-03-01 software lots', 'implementation', 'Line 1: amount “lots” is not a number'],
		['2026-03-01 software', 'implementation', 'Line 1: needs an amount after the category'],
		['2026-13.. hosting 300', 'operation', 'Line 1: from month “2026-13” is not a real date: there is no month 13'],
		['2026-03..2026-02 hosting 300', 'operation', 'Line 1: to month 2026-02 is before the from month 2026-03'],
		['2026-03..12 hosting 300', 'operation', 'Line 1: to month “12” must be a month like 2026-03'],
		['2026-03 hosting 300 VM\u001b[31m', 'operation', 'Line 1: note holds the control character'],
	] as const)('refused: %j', (text, kind, message) => {
		const reading = readCostLine(text, kind, 'Line 1');
		expect(reading.ok).toBe(false);
		expect(reading.ok ? '' : reading.message).toContain(message);
	});

	test('a cost typed back into its line reads as the same cost', () => {
		for (const [text, kind] of [
			['2026-03-01 data migration 12,500.5 Old archive', 'implementation'],
			['2026-03.. hosting 300 VM', 'operation'],
			['2026-03..2026-12 support 1,200', 'operation'],
			['2026-05 upgrades 3,000 v5', 'operation'],
		] as const) {
			const reading = readCostLine(text, kind);
			if (!reading.ok) throw new Error(reading.message);
			expect(readCostLine(costToInput(reading.line), kind)).toEqual(reading);
		}
		expect(
			costToInput({
				kind: 'operation',
				cost: {category: 'support', from: '2026-03', to: '2026-12', amount: 1200, note: 'Vendor'},
			}),
		).toBe('2026-03..2026-12 support 1,200 Vendor');
	});
});
