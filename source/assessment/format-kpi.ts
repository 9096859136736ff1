import stringWidth from 'string-width';
import {currentLanguage, t} from '../i18n/i18n.js';
import {type KpiId, kpiCatalog} from './kpi-catalog.js';
import type {KpiValue} from './kpis.js';
import type {KpiStatus} from './targets.js';

const grouped = (digits: number) =>
	new Intl.NumberFormat('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits});

/** The symbols Chinese writes before an amount, each naming its currency (`¥` alone is yuan or yen). */
const chineseSymbols: Readonly<Record<string, string>> = {USD: '$', CNY: 'CN¥', JPY: 'JP¥'};

/**
 * An amount written with its currency as the lists and the commands write it: `$` before a dollar
 * amount, any other currency's code after it (`12,500 CNY`) — a code is never ambiguous, where `¥`
 * is both yen and yuan. In Chinese, as the lists write it there: `$12,500`, `CN¥12,500`, `JP¥3,000`.
 */
export const withCurrency = (digits: string, currency: string, sign = ''): string => {
	const symbol = currentLanguage() === 'zh-CN' ? chineseSymbols[currency] : currency === 'USD' ? '$' : undefined;
	return symbol === undefined ? `${sign}${digits} ${currency}` : `${sign}${symbol}${digits}`;
};

/** An amount with its currency, whole units: `$12,500`, `-300 EUR`, `1,234,567 CNY`. */
export const formatMoney = (value: number, currency: string, sign = ''): string =>
	withCurrency(grouped(0).format(Math.abs(value)), currency, `${sign}${value < 0 ? '-' : ''}`);

/**
 * A KPI value in its unit (money in `currency`, the base currency of the figures): `$12,500`, `41.7%`, `15.0 d`, `3.2 h`, `12 ms`; `—` when there is none.
 * `signed` formats a difference: with its sign, and for shares in percentage points (`+2.0 pp`).
 */
export const formatKpi = (id: KpiId, value: KpiValue, signed = false, currency = 'USD'): string => {
	if (value === null) return '—';
	const sign = signed && value > 0 ? '+' : '';
	switch (kpiCatalog[id].unit) {
		case 'money':
			return formatMoney(value, currency, sign);
		case 'share':
			return signed
				? t('assess.unit.points', {value: `${sign}${grouped(1).format(value * 100)}`})
				: `${sign}${grouped(1).format(value * 100)}%`;
		case 'days':
			return t('assess.unit.days', {value: `${sign}${grouped(1).format(value)}`});
		case 'hours':
			return t('assess.unit.hours', {value: `${sign}${grouped(1).format(value)}`});
		case 'ms':
			return t('assess.unit.ms', {value: `${sign}${grouped(0).format(value)}`});
		case 'rating':
			return `${sign}${grouped(2).format(value)}`;
		case 'score':
			return `${sign}${grouped(1).format(value)}`;
		default:
			return `${sign}${grouped(Number.isInteger(value) ? 0 : 1).format(value)}`;
	}
};

let compact: Intl.NumberFormat | undefined;
/** Made when first used: a process's first number format costs some 25 ms (ICU's data), not paid at every start. */
const compactNumber = (value: number): string => {
	compact ??= new Intl.NumberFormat('en-US', {notation: 'compact', maximumFractionDigits: 1});
	return compact.format(value);
};

/**
 * `formatKpi` within `room` characters: a large amount or count that does not fit is written
 * compactly (`+$252.3M` for `+$252,309,500`) instead of being cut off.
 */
export const formatKpiWithin = (id: KpiId, value: KpiValue, room: number, signed = false, currency = 'USD'): string => {
	const text = formatKpi(id, value, signed, currency);
	// Measured in cells: a Chinese unit (个百分点, 天) takes two a character.
	if (stringWidth(text) <= room || value === null) return text;
	const sign = signed && value > 0 ? '+' : value < 0 ? '-' : '';
	const unit = kpiCatalog[id].unit;
	if (unit === 'money') return withCurrency(compactNumber(Math.abs(value)), currency, sign);
	if (unit === 'count') return `${sign}${compactNumber(Math.abs(value))}`;
	if (unit === 'share' && signed)
		return t('assess.unit.pointsShort', {value: `${sign}${grouped(1).format(Math.abs(value) * 100)}`});
	return text;
};

/**
 * Attainment as a percentage that reads sensibly: `—` where there is none (a target of 0), and
 * `>999%` beyond ten times the target (a 0.6-day sales cycle against a 40-day target is not "6242%"),
 * and `<0%` below nothing (a fall of 100% against a growth target of 5% is not "-2000%").
 */
export const formatAttainment = (attainment: KpiValue): string =>
	attainment === null
		? '—'
		: attainment > 9.995
			? '>999%'
			: attainment < 0
				? '<0%'
				: `${Math.round(attainment * 100)}%`;

/** Status by symbol as well as by colour, so it reads in mono and in print. */
export const statusSymbol: Record<KpiStatus, string> = {met: '✓', near: '~', missed: '✗', 'no data': '·'};

/** A KPI's status in words, in the language in force (the JSON report and the data keep the status itself). */
export const statusWord = (status: KpiStatus): string => {
	switch (status) {
		case 'met':
			return t('assess.status.met');
		case 'near':
			return t('assess.status.near');
		case 'missed':
			return t('assess.status.missed');
		default:
			return t('assess.status.noData');
	}
};
