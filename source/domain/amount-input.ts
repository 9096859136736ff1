/**
 * An amount as people write it: `12500`, `12,500.50`, `12 500`, `-3`, and the European `12.500,50`
 * or `12,5`. Anything ambiguous or malformed (`1,2,3`, `12.500.5`) is refused rather than guessed:
 * a deal off by a thousand is worse than a question.
 */
export const parseAmount = (text: string): number | undefined => {
	const cleaned = text.trim().replace(/^[$€£¥]\s*/, '').replace(/[\s_']/g, '');
	const sign = cleaned.startsWith('-') ? -1 : 1;
	const digits = cleaned.replace(/^[-+]/, '');
	if (/^\d+(\.\d+)?$/.test(digits)) return sign * Number(digits);
	if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) return sign * Number(digits.replaceAll(',', ''));
	if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(digits)) return sign * Number(digits.replaceAll('.', '').replace(',', '.'));
	if (/^\d+,\d{1,2}$/.test(digits)) return sign * Number(digits.replace(',', '.'));
	return undefined;
};
