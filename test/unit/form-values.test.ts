import {describe, expect, test} from 'vitest';
import {readAmount} from '../../source/domain/amount-input.js';
import {opportunityForm} from '../../source/ui/forms/form-definitions.js';
import {parseAmount, textsToValues} from '../../source/ui/forms/form-values.js';

describe('parseAmount', () => {
	test.each([
		['12500', 12500],
		['12,500', 12500],
		['12,500.50', 12500.5],
		['1,234,567.89', 1234567.89],
		['12 500', 12500],
		['$ 12,500', 12500],
		['12.500,50', 12500.5],
		['1.234.567', 1234567],
		['12,5', 12.5],
		['-5', -5],
		['0.99', 0.99],
	])('%s is %d', (text, amount) => {
		expect(parseAmount(text)).toBe(amount);
	});

	test.each(['1,2,3', '12.500.5', '12,50,0', 'twelve', '', '1.2.3,4', '12,5000'])(
		'%j is refused, not guessed',
		(text) => {
			expect(parseAmount(text)).toBeUndefined();
		},
	);

	// A stored amount is a double: 99999999999999999999999 would be kept as 1e+23, silently another number.
	test.each([
		[
			'99999999999999999999999',
			'has more digits than a stored number keeps (it would become 1e+23); write at most 15 significant digits',
		],
		[
			'9,007,199,254,740,993',
			'has more digits than a stored number keeps (it would become 9007199254740992); write at most 15 significant digits',
		],
		[
			'0.12345678901234567',
			'has more digits than a stored number keeps (it would become 0.12345678901234566); write at most 15 significant digits',
		],
		[`1${'0'.repeat(400)}`, 'is too large to store'],
	])('%s cannot be stored exactly: refused, and readAmount says why', (text, message) => {
		expect(parseAmount(text)).toBeUndefined();
		expect(readAmount(text)).toEqual({ok: false, problem: 'inexact', message});
	});

	test.each([
		['9007199254740992', 9007199254740992],
		['0.1', 0.1],
		['100000000000000000000000', 1e23],
		['-0.000001', -0.000001],
	])('%s is held exactly and kept', (text, amount) => {
		expect(readAmount(text)).toEqual({ok: true, value: amount});
	});
});

describe('a required choice left empty says what to choose (issue 13)', () => {
	test.each([
		[{stage: 'lost', lostReason: ''}, 'lostReason', 'choose the reason it was lost'],
		[{stage: 'won', wonReason: ''}, 'wonReason', undefined],
		[{stage: 'proposal', customerId: ''}, 'customerId', 'choose a customer'],
	])('%o: %s', (texts, field, error) => {
		expect(
			textsToValues(opportunityForm, {title: 'Deal', amount: '1', ...texts}, Date.parse('2026-06-01T00:00:00Z')).errors[
				field
			],
		).toBe(error);
	});
});
