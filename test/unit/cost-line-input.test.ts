import {describe, expect, test} from 'vitest';
import {costMessageWidth, costToInput, echoed, readCostLine} from '../../source/domain/cost-line-input.js';

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
		['2026-02-30 software 100', 'implementation', 'Line 1: date “2026-02-30” is not real: February 2026 has 28 days'],
		['03/01/2026 software 100', 'implementation', 'Line 1: date “03/01/2026” must be a day like 2026-03-01'],
		['software 100', 'implementation', 'Line 1: date “software” must be a day like 2026-03-01'],
		['2026-03-01 licences 100', 'implementation', 'Line 1: software, hardware, deployment, training or data migration'],
		['2026-03-01 hosting 100', 'implementation', 'Line 1: “hosting” is monthly: type it as 2026-03.. hosting 100 …'],
		['2026-03.. software 100', 'operation', 'Line 1: “software” is one-off: type it on a One-off line'],
		['2026-03.. catering 100', 'operation', 'Line 1: use maintenance, upgrades, support or hosting'],
		['2026-03-01 software -45,000 refund', 'implementation', 'Line 1: amount -45,000 must not be negative'],
		['2026-03-01 software lots', 'implementation', 'Line 1: amount “lots” is not a number'],
		['2026-03-01 software', 'implementation', 'Line 1: needs an amount after “software”'],
		['2026-03-01', 'implementation', 'Line 1: software, hardware, deployment, training or data migration'],
		['2026-13.. hosting 300', 'operation', 'Line 1: month “2026-13” is not real: there is no month 13'],
		['2026-03..2026-02 hosting 300', 'operation', 'Line 1: to month 2026-02 is before the from month 2026-03'],
		['2026-03..12 hosting 300', 'operation', 'Line 1: to month “12” must be a month like 2026-03'],
		['2026-03 hosting 300 VM\u001b[31m', 'operation', 'Line 1: note holds the control character'],
	] as const)('refused: %j', (text, kind, message) => {
		const reading = readCostLine(text, kind, 'Line 1');
		expect(reading.ok).toBe(false);
		expect(reading.ok ? '' : reading.message).toContain(message);
	});

	test.each([
		['2026-03-01 software 45 000 Space', 45_000, 'Space'],
		['2026-03-01 software 1 250 000.50', 1_250_000.5, ''],
		['2026-03-01 software 1 250 000.50 Licences 2026', 1_250_000.5, 'Licences 2026'],
		['2026-03-01 software 45 000,50 EU', 45_000.5, 'EU'],
		['2026-03-01 software 45 00 x', 45, '00 x'],
		['2026-03-01 software 1234 567 seats', 1234, '567 seats'],
		['2026-03-01 software 45 0000', 45, '0000'],
		['2026-03-01 software 45.5 000', 45.5, '000'],
		['2026-03-01 software 45', 45, ''],
	])('spaces group thousands: %j is %d with note %j', (text, amount, note) => {
		const reading = readCostLine(text, 'implementation');
		expect(reading.ok ? reading.line.cost : reading.message).toMatchObject({amount, note});
	});

	test.each([
		['2026-03-01 software 2,500.55', 2_500.55],
		['2026-03-01 software 0.1', 0.1],
		['2026-03-01 software 1.200,5', 1_200.5],
		['2026-03-01 software 2,500.555', 'amount 2,500.555 has more than 2 decimals: cents at most'],
		['2026-03-01 software 1.200,505', 'amount 1.200,505 has more than 2 decimals: cents at most'],
		['2026-03-01 software 0.001', 'amount 0.001 has more than 2 decimals: cents at most'],
		['2026-03-01 software 45 000.125', 'amount 45 000.125 has more than 2 decimals: cents at most'],
	])('an amount is kept to the cent, more decimals refused: %j', (text, expected) => {
		const reading = readCostLine(text, 'implementation');
		expect(reading.ok ? reading.line.cost.amount : reading.message).toBe(expected);
	});

	test.each([
		[
			'2026-03-01 hosting 450 VM',
			'implementation',
			'“hosting” is an operating (monthly) cost: type it as 2026-03.. hosting 450 … with --monthly',
		],
		[
			'2026-03-01 maintenance 1 500',
			'implementation',
			'“maintenance” is an operating (monthly) cost: type it as 2026-03.. maintenance 1 500 … with --monthly',
		],
		[
			'2026-03.. data migration 300',
			'operation',
			'“data migration” is an implementation (one-off) cost: type it as 2026-03-01 data migration 300 … without --monthly',
		],
		[
			'2026-03-01 catering 5',
			'implementation',
			'category “catering” is not one of software, hardware, deployment, training or data migration',
		],
		[
			'2026-03-01',
			'implementation',
			'needs a category after 2026-03-01: software, hardware, deployment, training or data migration',
		],
		['2026-02-30 software 5', 'implementation', 'date “2026-02-30” is not a real date: February 2026 has 28 days'],
		['2026-13.. hosting 5', 'operation', 'from month “2026-13” is not a real date: there is no month 13'],
		[
			'2026-03-01 software',
			'implementation',
			'needs an amount after the category, like 2026-03-01 software 45,000 Licences for 20 seats',
		],
		['', 'implementation', 'is empty: type a cost like 2026-03-01 software 45,000 Licences for 20 seats'],
	] as const)('on the command line, in full: %j', (text, kind, message) => {
		expect(readCostLine(text, kind, undefined, 'command')).toEqual({ok: false, message});
	});

	test.each([
		['2026-03-01 catering 5', 'implementation'],
		['2026-03-01 hosting 300', 'implementation'],
		['2026-03-01 maintenance 99,999,999', 'implementation'],
		['2026-03.. data migration 300', 'operation'],
		['2026-03.. catering 300', 'operation'],
		['2026-03-01', 'implementation'],
		['2026-03..', 'operation'],
		['2026-03-01 data migration', 'implementation'],
		['2026-09-31 software 1', 'implementation'],
		['2026-13.. hosting 1', 'operation'],
		['2026-03..2026-13 hosting 1', 'operation'],
		['2026-03..2026-02 hosting 1', 'operation'],
		['2026-03-01 software 2,500.555', 'implementation'],
		['2026-03-01 software 99999999999999999999', 'implementation'],
		['2026-03-01 software 1e400', 'implementation'],
		['2026-03-01 software -1 250 000', 'implementation'],
		['2026-03-01 software 1 VM\u001b', 'implementation'],
		[`2026-03-01 software 1 ${'note '.repeat(1000)}`, 'implementation'],
		[`2026-03-01 ${'x'.repeat(5000)} 1`, 'implementation'],
		[`${'2'.repeat(5000)} software 1`, 'implementation'],
		[`${'2'.repeat(5000)}.. hosting 1`, 'operation'],
		[`2026-03-01 software ${'9'.repeat(5000)}`, 'implementation'],
	] as const)('a form line’s refusal fits its column at 80 columns (58 cells), long text cut: %j', (text, kind) => {
		const reading = readCostLine(text, kind);
		expect(reading.ok).toBe(false);
		if (!reading.ok) expect(Array.from(reading.message).length, reading.message).toBeLessThanOrEqual(costMessageWidth);
	});

	test.each([
		['', ''],
		['short', 'short'],
		['x'.repeat(60), 'x'.repeat(60)],
		['x'.repeat(61), `${'x'.repeat(59)}…`],
		['x'.repeat(5000), `${'x'.repeat(59)}…`],
	])('an echo is cut to 60 characters with an ellipsis: %#', (text, shown) => {
		expect(echoed(text)).toBe(shown);
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
