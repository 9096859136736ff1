import {earliestYear, latestYear} from '../domain/date-input.js';
import {t} from '../i18n/i18n.js';
import {isoTime} from './iso-time.js';

/**
 * Periods of KPI.md: a calendar month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`, in UTC.
 * A period is the half-open interval [start, end); a window (before/after go-live) is the same shape.
 */
export type PeriodKind = 'month' | 'quarter' | 'year';

export type Period = {kind: PeriodKind | 'window'; key: string; start: number; end: number};

/** The first instant of a month. Not Date.UTC, which takes the years 0–99 for 1900–1999. */
const utc = (year: number, monthIndex: number): number => new Date(0).setUTCFullYear(year, monthIndex, 1);

const yearKey = (year: number): string => String(year).padStart(4, '0');

const monthKey = (year: number, monthIndex: number): string =>
	`${yearKey(year)}-${String(monthIndex + 1).padStart(2, '0')}`;

const make = (kind: PeriodKind, year: number, index: number): Period => {
	if (kind === 'year') return {kind, key: yearKey(year), start: utc(year, 0), end: utc(year + 1, 0)};
	if (kind === 'quarter')
		return {kind, key: `${yearKey(year)}-Q${index + 1}`, start: utc(year, index * 3), end: utc(year, index * 3 + 3)};
	return {kind, key: monthKey(year, index), start: utc(year, index), end: utc(year, index + 1)};
};

/** `2026-03`, `2026-Q1`, `2026` → the period; undefined for anything else. For keys the console made itself. */
export const parsePeriod = (text: string): Period | undefined => {
	const read = readPeriodText(text);
	return 'period' in read ? read.period : undefined;
};

const readPeriodText = (text: string): {period: Period} | {message: string} => {
	const input = text.trim().toUpperCase();
	const month = /^(\d{4})-(\d{2})$/.exec(input);
	if (month)
		return Number(month[2]) >= 1 && Number(month[2]) <= 12
			? {period: make('month', Number(month[1]), Number(month[2]) - 1)}
			: {message: t('assess.period.noMonth', {month: month[2]!, shapes: t('assess.period.shapes')})};
	const quarter = /^(\d{4})-Q(\d)$/.exec(input);
	if (quarter)
		return Number(quarter[2]) >= 1 && Number(quarter[2]) <= 4
			? {period: make('quarter', Number(quarter[1]), Number(quarter[2]) - 1)}
			: {message: t('assess.period.noQuarter', {quarter: quarter[2]!, shapes: t('assess.period.shapes')})};
	const year = /^(\d{4})$/.exec(input);
	if (year) return {period: make('year', Number(year[1]), 0)};
	return {message: t('assess.period.notAPeriod', {shapes: t('assess.period.shapes')})};
};

/**
 * A period an operator typed (`crm report --period`), or why it is none — said after the text:
 * a year outside 1970–9999 (`0000` was reported on as 1900), a month 13, a quarter 5, anything else.
 */
export const readPeriod = (text: string): {ok: true; period: Period} | {ok: false; message: string} => {
	const read = readPeriodText(text);
	if ('message' in read) return {ok: false, message: read.message};
	const year = new Date(read.period.start).getUTCFullYear();
	if (year < earliestYear || year > latestYear)
		return {ok: false, message: t('assess.period.outsideYears', {from: earliestYear, to: latestYear})};
	return {ok: true, period: read.period};
};

/** The period of `kind` that contains the instant `time`. */
export const periodContaining = (kind: PeriodKind, time: number): Period => {
	const date = new Date(time);
	const year = date.getUTCFullYear();
	const month = date.getUTCMonth();
	return make(kind, year, kind === 'quarter' ? Math.floor(month / 3) : month);
};

/**
 * A period as a person reads it, in the language in force: in English its key (`2026-11`, `2026-Q3`,
 * `2026`), in Chinese `2026年11月`, `2026年第3季度`, `2026年`. A window (before/after go-live) is its key.
 */
export const periodName = (period: Pick<Period, 'kind' | 'key' | 'start'>): string => {
	const date = new Date(period.start);
	const year = date.getUTCFullYear();
	const month = date.getUTCMonth() + 1;
	if (period.kind === 'month') return t('assess.period.month', {key: period.key, year, month});
	if (period.kind === 'quarter')
		return t('assess.period.quarter', {key: period.key, year, quarter: Math.ceil(month / 3)});
	if (period.kind === 'year') return t('assess.period.year', {key: period.key, year});
	return period.key;
};

/** The name of a period the console keyed itself (`2026-03`, a forecast's next period); the key itself if it is none. */
export const periodNameOf = (key: string): string => {
	const period = parsePeriod(key);
	return period ? periodName(period) : key;
};

/** P−1 (or P+1 with step 1): the period of the same kind right before (after). */
export const shiftPeriod = (period: Period, step: number): Period => {
	if (period.kind === 'window') {
		const length = period.end - period.start;
		return {
			kind: 'window',
			key: `${period.key}${step < 0 ? '−' : '+'}`,
			start: period.start + step * length,
			end: period.end + step * length,
		};
	}
	const date = new Date(period.start);
	const months = period.kind === 'year' ? 12 : period.kind === 'quarter' ? 3 : 1;
	return periodContaining(period.kind, Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + step * months, 1));
};

export const previousPeriod = (period: Period): Period => shiftPeriod(period, -1);

/** The last `count` periods ending with `period`, oldest first. */
export const lastPeriods = (period: Period, count: number): Period[] =>
	Array.from({length: count}, (_, index) => shiftPeriod(period, index - count + 1));

/** `months` calendar months starting at `start` (a go-live date), as a window. */
export const windowFrom = (start: number, months: number, key: string): Period => {
	const date = new Date(start);
	const end = Date.UTC(
		date.getUTCFullYear(),
		date.getUTCMonth() + months,
		date.getUTCDate(),
		date.getUTCHours(),
		date.getUTCMinutes(),
		date.getUTCSeconds(),
		date.getUTCMilliseconds(),
	);
	return {kind: 'window', key, start, end};
};

/** The `months` calendar months ending at `end`, as a window. */
export const windowUntil = (end: number, months: number, key: string): Period => {
	const date = new Date(end);
	const start = Date.UTC(
		date.getUTCFullYear(),
		date.getUTCMonth() - months,
		date.getUTCDate(),
		date.getUTCHours(),
		date.getUTCMinutes(),
		date.getUTCSeconds(),
		date.getUTCMilliseconds(),
	);
	return {kind: 'window', key, start, end};
};

const boundIsos = new Map<number, string>();

/** A period bound as the store writes timestamps (few distinct ones: kept). */
const isoAt = (time: number): string => {
	let iso = boundIsos.get(time);
	if (iso === undefined) {
		if (boundIsos.size > 10_000) boundIsos.clear();
		iso = new Date(time).toISOString();
		boundIsos.set(time, iso);
	}
	return iso;
};

/** `2026-03-01T09:30:00.000Z`, as toISOString writes it: such strings sort exactly as their times. */
const canonical = (iso: string): boolean =>
	iso.length === 24 && iso.charCodeAt(23) === 90 && iso.charCodeAt(19) === 46 && iso.charCodeAt(10) === 84;

/**
 * Whether a timestamp lies before `time`. KPIs ask this of every record for every period, so a
 * timestamp in the canonical form is compared as text (no parsing); any other form is parsed.
 */
export const isBefore = (iso: string, time: number): boolean =>
	canonical(iso) && time >= 0 && time < 253_402_300_800_000 ? iso < isoAt(time) : isoTime(iso) < time;

/** The later of two timestamps (canonical ones compared as text, others parsed). */
export const later = (a: string, b: string): string =>
	(canonical(a) && canonical(b) ? a < b : isoTime(a) < isoTime(b)) ? b : a;

/** A timestamp t is in P when start(P) <= t < end(P). */
export const isIn = (iso: string | null, period: Period): boolean =>
	iso !== null && !isBefore(iso, period.start) && isBefore(iso, period.end);
