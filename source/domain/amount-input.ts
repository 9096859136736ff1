import {t} from '../i18n/i18n.js';

/** An amount as read: its value, or in words why there is none. */
export type AmountReading = {ok: true; value: number} | {ok: false; problem: 'malformed' | 'inexact'; message: string};

/** `12500.5` as `1.25005e+4`: the digits that matter and where the point goes, as `Number#toExponential` writes them. */
const scientific = (decimal: string): string => {
	const [whole, fraction = ''] = decimal.split('.');
	const digits = `${whole}${fraction}`;
	const first = digits.search(/[1-9]/);
	if (first === -1) return '0e+0';
	const significant = digits.slice(first).replace(/0+$/, '');
	const exponent = whole!.length - first - 1;
	return `${significant[0]}${significant.length > 1 ? `.${significant.slice(1)}` : ''}e${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
};

/**
 * An amount as people write it: `12500`, `12,500.50`, `12 500`, `-3`, and the European `12.500,50`
 * or `12,5`. Anything ambiguous or malformed (`1,2,3`, `12.500.5`) is refused rather than guessed:
 * a deal off by a thousand is worse than a question. So is a number that a stored number cannot
 * hold digit for digit (`99999999999999999999999` would be kept as 1e+23).
 */
export const readAmount = (text: string): AmountReading => {
	const cleaned = text
		.trim()
		.replace(/^[$\u20ac\u00a3\u00a5]\s*/, '')
		.replace(/[\s_']/g, '');
	const sign = cleaned.startsWith('-') ? -1 : 1;
	const digits = cleaned.replace(/^[-+]/, '');
	let decimal: string | undefined;
	if (/^\d+(\.\d+)?$/.test(digits)) decimal = digits;
	else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) decimal = digits.replaceAll(',', '');
	else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(digits)) decimal = digits.replaceAll('.', '').replace(',', '.');
	else if (/^\d+,\d{1,2}$/.test(digits)) decimal = digits.replace(',', '.');
	if (decimal === undefined) return {ok: false, problem: 'malformed', message: t('domain.amount.notNumber')};
	const value = Number(decimal);
	if (!Number.isFinite(value)) return {ok: false, problem: 'inexact', message: t('domain.amount.tooLarge')};
	// Stored as a double: exact when its shortest form has the same digits as what was written.
	if (value.toExponential() !== scientific(decimal)) {
		return {
			ok: false,
			problem: 'inexact',
			message: t('domain.amount.inexact', {value: sign * value}),
		};
	}
	return {ok: true, value: sign * value};
};

/** The amount in `text`, or undefined when it is malformed, ambiguous or cannot be stored exactly (see readAmount). */
export const parseAmount = (text: string): number | undefined => {
	const reading = readAmount(text);
	return reading.ok ? reading.value : undefined;
};
