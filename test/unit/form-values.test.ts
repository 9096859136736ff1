import {describe, expect, test} from 'vitest';
import {parseAmount} from '../../source/ui/forms/form-values.js';

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

	test.each(['1,2,3', '12.500.5', '12,50,0', 'twelve', '', '1.2.3,4', '12,5000'])('%j is refused, not guessed', (text) => {
		expect(parseAmount(text)).toBeUndefined();
	});
});
