import {day, hour} from '../../domain/units.js';
import {currentLanguage, t} from '../../i18n/i18n.js';
import type {Language} from '../../i18n/language.js';

const minute = 60_000;

/** The locale whose conventions a language's numbers follow. */
const localeOf: Record<Language, string> = {en: 'en-US', 'zh-CN': 'zh-CN'};

/**
 * Intl formatters cost far more to make than to use (a table of 10,000 cells would make one each):
 * one per language and kind, made on first use. `kind` names the options, which are the same for it
 * every time. A currency Intl does not know is remembered as null.
 */
const formatters = new Map<string, Intl.NumberFormat | null>();
const numberFormat = (
	language: Language,
	kind: string,
	options: Intl.NumberFormatOptions,
): Intl.NumberFormat | null => {
	const key = `${language}|${kind}`;
	if (!formatters.has(key)) {
		let formatter: Intl.NumberFormat | null = null;
		try {
			formatter = new Intl.NumberFormat(localeOf[language], options);
		} catch {
			// A currency code Intl refuses (`us`, ``): the caller writes the code itself.
		}
		formatters.set(key, formatter);
	}
	return formatters.get(key)!;
};

const whole = (language: Language): Intl.NumberFormat => numberFormat(language, 'whole', {maximumFractionDigits: 0})!;
const withCents = (language: Language): Intl.NumberFormat =>
	numberFormat(language, 'cents', {minimumFractionDigits: 2, maximumFractionDigits: 2})!;
/** 万 and 亿, as Chinese groups large amounts: `1.3万`, `280万`, `12.3亿`. */
const compact = (language: Language): Intl.NumberFormat =>
	numberFormat(language, 'compact', {notation: 'compact', maximumFractionDigits: 1})!;

/** `2026-03-01` (UTC, like every period in KPI.md: a day shown here is the day a report counts it in). */
export const formatDate = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');

/** The process's zone (TZ) is UTC under any of its names. */
const utcZone = /^(Etc\/)?(UTC|UCT|Universal|Zulu|GMT|GMT[+-]0|Greenwich)$/;

type Clock = {format: Intl.DateTimeFormat; utc: boolean};
const clocks = new Map<string, Clock>();
/** The operator's clock (the process's zone, TZ, which may change while it runs: tests set it), its zone named in `language`. */
const clock = (language: Language): Clock => {
	const key = `${language}|${process.env['TZ'] ?? ''}`;
	let made = clocks.get(key);
	if (!made) {
		const format = new Intl.DateTimeFormat(localeOf[language], {
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
			timeZoneName: 'short',
		});
		made = {format, utc: utcZone.test(format.resolvedOptions().timeZone)};
		clocks.set(key, made);
	}
	return made;
};

/** The operator's date and time of an instant, its zone named, or null where the operator's zone is UTC (or it is no time). */
const localTime = (iso: string): {day: string; time: string; zone: string} | null => {
	const time = Date.parse(iso);
	const {format, utc} = clock(currentLanguage());
	if (utc || Number.isNaN(time)) return null;
	const parts = Object.fromEntries(format.formatToParts(time).map((part) => [part.type, part.value]));
	return {
		day: `${parts['year']}-${parts['month']}-${parts['day']}`,
		time: `${parts['hour']}:${parts['minute']}`,
		zone: parts['timeZoneName'] ?? '',
	};
};

/**
 * `2026-03-01 14:05 UTC` where the operator's zone is UTC; elsewhere the operator's own time and
 * zone, `2026-03-01 22:05 GMT+8` (the date stays ISO in every language).
 */
export const formatDateTime = (iso: string | null): string => {
	if (!iso) return '—';
	const local = localTime(iso);
	return local ? `${local.day} ${local.time} ${local.zone}` : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
};

/** `2026-03-01 22:05`: formatDateTime without its zone, for a column whose title or screen says it. */
export const formatDateTimeCell = (iso: string | null): string => {
	if (!iso) return '—';
	const local = localTime(iso);
	return local ? `${local.day} ${local.time}` : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
};

/** `12,500`, `12,500.5` (at most `fractionDigits` decimals), grouped as the language in force groups. */
export const formatNumber = (value: number, fractionDigits = 0): string =>
	fractionDigits === 0
		? whole(currentLanguage()).format(Math.round(value) || 0)
		: numberFormat(currentLanguage(), `fraction:${fractionDigits}`, {maximumFractionDigits: fractionDigits})!.format(
				value,
			);

/** Amounts show their cents only when they have some: an amount is never shown rounded. */
const hasCents = (amount: number): boolean => !Number.isInteger(Math.round(amount * 100) / 100);

/**
 * Yuan and yen both write `¥` somewhere (zh-CN writes yuan `¥`, en-US yen `¥`): in a list where both
 * may meet, each says which it is. The dollar is `$` as in English (zh-CN's `$` costs two cells in narrow
 * columns; the other dollars are `HK$`, `CA$`… there, never `$` alone).
 */
const symbolOf = (currency: string, intlSymbol: string): string =>
	currency === 'CNY' ? 'CN¥' : currency === 'JPY' ? 'JP¥' : currency === 'USD' ? '$' : intlSymbol;

/** A Chinese amount: `$12,500`, `CN¥12,500.50`, `€900`, `JP¥3,000`; a code Intl does not know after the figure. */
const chineseMoney = (amount: number, currency: string): string => {
	const cents = hasCents(amount);
	const digits = cents ? 2 : 0;
	const format = numberFormat('zh-CN', `money:${currency}:${digits}`, {
		style: 'currency',
		currency,
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
	});
	if (!format) return `${(cents ? withCents : whole)('zh-CN').format(amount)} ${currency}`;
	return format
		.formatToParts(amount)
		.map((part) => (part.type === 'currency' ? symbolOf(currency, part.value) : part.value))
		.join('');
};

/** `$12,500`, or `$12,500.50` when there are cents; `12,500 CNY` in English, `CN¥12,500` in Chinese. */
export const formatMoney = (amount: number, currency = 'USD'): string => {
	const language = currentLanguage();
	if (language === 'zh-CN') return chineseMoney(amount, currency);
	const text = (hasCents(amount) ? withCents : whole)(language).format(amount);
	return currency === 'USD' ? `$${text}` : `${text} ${currency}`;
};

/** A Chinese amount in a narrow column: `$280万`, `CN¥1.3万`, `-€950`. */
const chineseMoneyCompact = (amount: number, currency: string): string => {
	const size = Math.abs(amount);
	const figure = size >= 1e4 ? compact('zh-CN').format(size) : whole('zh-CN').format(Math.round(size));
	const sign = amount < 0 && figure !== '0' ? '-' : '';
	const symbol = numberFormat('zh-CN', `money:${currency}:0`, {
		style: 'currency',
		currency,
		minimumFractionDigits: 0,
		maximumFractionDigits: 0,
	})
		?.formatToParts(0)
		.find((part) => part.type === 'currency')?.value;
	return symbol === undefined || symbol === currency
		? `${sign}${figure} ${currency}`
		: `${sign}${symbolOf(currency, symbol)}${figure}`;
};

/** `$1.2M`, `1.2M CNY`, `45k EUR` (Chinese: `$120万`, `CN¥4.5万`): an amount in a narrow column, its currency never cut off. */
export const formatMoneyCompact = (amount: number, currency = 'USD'): string => {
	const language = currentLanguage();
	if (language === 'zh-CN') return chineseMoneyCompact(amount, currency);
	const size = Math.abs(amount);
	const text =
		size >= 1e9
			? `${(amount / 1e9).toFixed(1)}B`
			: size >= 1e6
				? `${(amount / 1e6).toFixed(1)}M`
				: size >= 1e4
					? `${Math.round(amount / 1e3)}k`
					: whole(language).format(Math.round(amount));
	return currency === 'USD' ? `$${text}` : `${text} ${currency}`;
};

/** `$2.8M`, `$145k`, `$950` (Chinese: `$280万`): sums in dollars in a narrow column. */
export const formatMoneyShort = (amount: number): string => {
	if (currentLanguage() === 'zh-CN') return chineseMoneyCompact(amount, 'USD');
	const size = Math.abs(amount);
	if (size >= 1e9) return `$${(amount / 1e9).toFixed(1)}B`;
	if (size >= 1e6) return `$${(amount / 1e6).toFixed(1)}M`;
	if (size >= 1e4) return `$${Math.round(amount / 1e3)}k`;
	return `$${Math.round(amount)}`;
};

export {plural} from '../../domain/words.js';

/** `45%`; in Chinese too, its figure grouped as Chinese groups it (`1,250%`). */
export const formatPercent = (share: number): string =>
	currentLanguage() === 'zh-CN'
		? `${whole('zh-CN').format(Math.round(share * 100) || 0)}%`
		: `${Math.round(share * 100)}%`;

/** A short length of time: `45m`, `5h`, `3d`, `2mo`, `1y` (Chinese: `45分钟`, `5小时`, `3天`, `2个月`, `1年`). */
export const formatDuration = (milliseconds: number): string => {
	const size = Math.abs(milliseconds);
	if (size < hour) return t('format.duration.minutes', {value: Math.max(1, Math.round(size / minute))});
	if (size < 2 * day) return t('format.duration.hours', {value: Math.round(size / hour)});
	if (size < 60 * day) return t('format.duration.days', {value: Math.round(size / day)});
	if (size < 730 * day) return t('format.duration.months', {value: Math.round(size / (30.44 * day))});
	return t('format.duration.years', {value: Math.round(size / (365.25 * day))});
};

/** `3d ago` or `in 5h` (Chinese: `3天前`, `5小时后`), relative to `now`. */
export const formatRelative = (iso: string | null, now: number): string => {
	if (!iso) return '—';
	const difference = Date.parse(iso) - now;
	const duration = formatDuration(difference);
	return difference >= 0 ? t('format.relative.future', {duration}) : t('format.relative.past', {duration});
};

/** `a, b, c`; Chinese lists with the enumeration comma: `a、b、c`. */
export const formatList = (items: readonly string[]): string =>
	items.length > 0 ? items.join(currentLanguage() === 'zh-CN' ? '、' : ', ') : '—';

export const orDash = (text: string): string => (text.trim() === '' ? '—' : text);
