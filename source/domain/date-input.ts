import {t} from '../i18n/i18n.js';

/**
 * What an operator may type for a date: `2026-03-01`, `2026-03-01 14:30`, `today`, `tomorrow`,
 * `yesterday`, `now`, or an offset from today such as `+3d`, `-2w`, `+1m`, `+1y`, `+4h`.
 * Dates without a time mean 00:00 UTC that day (KPI.md). Returns an ISO string, or an error in words.
 */
export type DateInput = {ok: true; iso: string | null} | {ok: false; message: string};

/**
 * The years a date may fall in. Earlier or later is a typo (`0226-03-01`), and JavaScript's own
 * readings go wrong there: Date.UTC takes the years 0–99 for 1900–1999 (a report on `0000` was on 1900).
 */
export const earliestYear = 1970;
export const latestYear = 9999;

/** The month's name in English (`February`), for the English words; the Chinese name a month by its number. */
const monthName = (month: number): string =>
	new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-US', {month: 'long', timeZone: 'UTC'});

export type Day = {ok: true; time: number} | {ok: false; message: string};

/**
 * The calendar day `year`-`month`-`day` (month 1–12), as the instant it starts (00:00 UTC), or why
 * there is no such day — said after the value: `is not a real date: February 2026 has 28 days`, or
 * with `short` as a narrow column holds it: `is not real: February 2026 has 28 days`.
 */
export const calendarDay = (year: number, month: number, day: number, short = false): Day => {
	if (year < earliestYear || year > latestYear)
		return {ok: false, message: t('domain.date.outsideYears', {from: earliestYear, to: latestYear})};
	if (month < 1 || month > 12) {
		const words = {month: String(month).padStart(2, '0')};
		return {ok: false, message: short ? t('domain.date.noMonthShort', words) : t('domain.date.noMonth', words)};
	}
	const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (day < 1) {
		const words = {day: String(day).padStart(2, '0')};
		return {ok: false, message: short ? t('domain.date.noDayShort', words) : t('domain.date.noDay', words)};
	}
	if (day > days) {
		const words = {monthName: monthName(month), month, year, days};
		return {ok: false, message: short ? t('domain.date.monthDaysShort', words) : t('domain.date.monthDays', words)};
	}
	return {ok: true, time: Date.UTC(year, month - 1, day)};
};

/**
 * A day written `2026-03-01` — an argument, a setting — as the instant it starts (00:00 UTC), only
 * if that day exists: Date.parse takes `2026-02-30` for March 2, which is how such dates got in.
 */
export const parseDay = (text: string, short = false): Day => {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	return match
		? calendarDay(Number(match[1]), Number(match[2]), Number(match[3]), short)
		: {ok: false, message: t('domain.field.day')};
};

const inYears = (date: Date, text: string): DateInput =>
	date.getUTCFullYear() >= earliestYear && date.getUTCFullYear() <= latestYear
		? {ok: true, iso: date.toISOString()}
		: {
				ok: false,
				message: t('domain.date.landsIn', {
					text,
					year: date.getUTCFullYear(),
					from: earliestYear,
					to: latestYear,
				}),
			};

const startOfDay = (time: number): Date => {
	const date = new Date(time);
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
};

export const parseDateInput = (text: string, now: number): DateInput => {
	const input = text.trim().toLowerCase();
	if (input === '') return {ok: true, iso: null};
	if (input === 'now') return {ok: true, iso: new Date(now).toISOString()};
	const named: Record<string, number> = {today: 0, tomorrow: 1, yesterday: -1};
	if (input in named)
		return {ok: true, iso: new Date(startOfDay(now).getTime() + named[input]! * 86_400_000).toISOString()};

	const offset = /^([+-])\s*(\d{1,4})\s*([hdwmy])$/.exec(input);
	if (offset) {
		const amount = Number(offset[2]) * (offset[1] === '-' ? -1 : 1);
		const unit = offset[3]!;
		if (unit === 'h') return inYears(new Date(now + amount * 3_600_000), text.trim());
		const date = startOfDay(now);
		if (unit === 'd') date.setUTCDate(date.getUTCDate() + amount);
		if (unit === 'w') date.setUTCDate(date.getUTCDate() + amount * 7);
		if (unit === 'm') date.setUTCMonth(date.getUTCMonth() + amount);
		if (unit === 'y') date.setUTCFullYear(date.getUTCFullYear() + amount);
		return inYears(date, text.trim());
	}

	const exact = /^(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{2}):(\d{2}))?$/.exec(input);
	if (exact) {
		const [, year, month, day, hours, minutes] = exact;
		const found = calendarDay(Number(year), Number(month), Number(day));
		if (!found.ok)
			return {ok: false, message: t('domain.date.dated', {date: `${year}-${month}-${day}`, problem: found.message})};
		if (hours !== undefined && (Number(hours) > 23 || Number(minutes) > 59))
			return {ok: false, message: t('domain.date.notTime', {time: `${hours}:${minutes}`})};
		return {
			ok: true,
			iso: new Date(found.time + (Number(hours ?? 0) * 60 + Number(minutes ?? 0)) * 60_000).toISOString(),
		};
	}
	return {ok: false, message: t('domain.date.like')};
};
