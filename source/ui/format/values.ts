import {day, hour} from '../../domain/units.js';

const minute = 60_000;

/** `2026-03-01` (UTC, like every period in KPI.md). */
export const formatDate = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');

export const formatDateTime = (iso: string | null): string =>
	iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—';

const whole = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
const withCents = new Intl.NumberFormat('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});

/** `$12,500`, or `$12,500.50` when there are cents: an amount is never shown rounded. */
export const formatMoney = (amount: number, currency = 'USD'): string => {
	const text = (Number.isInteger(Math.round(amount * 100) / 100) ? whole : withCents).format(amount);
	return currency === 'USD' ? `$${text}` : `${text} ${currency}`;
};

/** `$1.2M`, `1.2M CNY`, `45k EUR`: an amount in a narrow column, its currency never cut off. */
export const formatMoneyCompact = (amount: number, currency = 'USD'): string => {
	const size = Math.abs(amount);
	const text =
		size >= 1e9
			? `${(amount / 1e9).toFixed(1)}B`
			: size >= 1e6
				? `${(amount / 1e6).toFixed(1)}M`
				: size >= 1e4
					? `${Math.round(amount / 1e3)}k`
					: whole.format(Math.round(amount));
	return currency === 'USD' ? `$${text}` : `${text} ${currency}`;
};

/** `$2.8M`, `$145k`, `$950`: sums in a narrow column. */
export const formatMoneyShort = (amount: number): string => {
	const size = Math.abs(amount);
	if (size >= 1e9) return `$${(amount / 1e9).toFixed(1)}B`;
	if (size >= 1e6) return `$${(amount / 1e6).toFixed(1)}M`;
	if (size >= 1e4) return `$${Math.round(amount / 1e3)}k`;
	return `$${Math.round(amount)}`;
};

export {plural} from '../../domain/words.js';

export const formatPercent = (share: number): string => `${Math.round(share * 100)}%`;

/** A short length of time: `45m`, `5h`, `3d`, `2mo`, `1y`. */
export const formatDuration = (milliseconds: number): string => {
	const size = Math.abs(milliseconds);
	if (size < hour) return `${Math.max(1, Math.round(size / minute))}m`;
	if (size < 2 * day) return `${Math.round(size / hour)}h`;
	if (size < 60 * day) return `${Math.round(size / day)}d`;
	if (size < 730 * day) return `${Math.round(size / (30.44 * day))}mo`;
	return `${Math.round(size / (365.25 * day))}y`;
};

/** `3d ago` or `in 5h`, relative to `now`. */
export const formatRelative = (iso: string | null, now: number): string => {
	if (!iso) return '—';
	const difference = Date.parse(iso) - now;
	return difference >= 0 ? `in ${formatDuration(difference)}` : `${formatDuration(difference)} ago`;
};

export const formatList = (items: readonly string[]): string => (items.length > 0 ? items.join(', ') : '—');

export const orDash = (text: string): string => (text.trim() === '' ? '—' : text);
