import {dayOf} from './day-table.js';

/** A digit's value, or a number above 9 for any other character. */
const digitAt = (iso: string, at: number): number => (iso.charCodeAt(at) - 48) >>> 0;

const twoDigits = (iso: string, at: number): number => {
	const high = digitAt(iso, at);
	const low = digitAt(iso, at + 1);
	return high > 9 || low > 9 ? -1 : high * 10 + low;
};

/** The date part `YYYY-MM-DD` as a day number, or NaN when it is not plainly that (month 1–12, day 1–31, as Date.parse takes them). */
const dayPart = (iso: string): number => {
	if (iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return Number.NaN;
	const century = twoDigits(iso, 0);
	const year = twoDigits(iso, 2);
	const month = twoDigits(iso, 5);
	const date = twoDigits(iso, 8);
	if (century < 0 || year < 0 || month < 1 || month > 12 || date < 1 || date > 31) return Number.NaN;
	return dayOf(iso);
};

/** `THH:MM:SS` from index 10 as milliseconds into the day, or NaN (24:00:00 is left to Date.parse). */
const timePart = (iso: string): number => {
	if (iso.charCodeAt(10) !== 84 || iso.charCodeAt(13) !== 58 || iso.charCodeAt(16) !== 58) return Number.NaN;
	const hours = twoDigits(iso, 11);
	const minutes = twoDigits(iso, 14);
	const seconds = twoDigits(iso, 17);
	if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return Number.NaN;
	return ((hours * 60 + minutes) * 60 + seconds) * 1000;
};

/** `.sss` from index 19 as milliseconds, or NaN. */
const millisecondsPart = (iso: string): number => {
	if (iso.charCodeAt(19) !== 46) return Number.NaN;
	const hundreds = digitAt(iso, 20);
	const rest = twoDigits(iso, 21);
	return hundreds > 9 || rest < 0 ? Number.NaN : hundreds * 100 + rest;
};

/** The fast path's reading of the three forms it knows, NaN for anything else. */
const fastTime = (iso: string): number => {
	const {length} = iso;
	if (length === 10) return dayPart(iso) * 86_400_000;
	if (length === 24 && iso.charCodeAt(23) === 90)
		return dayPart(iso) * 86_400_000 + timePart(iso) + millisecondsPart(iso);
	if (length === 20 && iso.charCodeAt(19) === 90) return dayPart(iso) * 86_400_000 + timePart(iso);
	return Number.NaN;
};

/**
 * `Date.parse(iso)`, exactly, read from the character codes for the forms the data holds
 * (`2026-03-01T09:30:00.000Z` as toISOString writes it, `2026-03-01T09:30:00Z`, `2026-03-01`): a
 * KPI reads a timestamp of every record, and Date.parse costs several times this. Any other form
 * (an offset, a lower-case `t`, an hour 24, a longer year) and anything not a string is left to
 * Date.parse itself, so the answer is always Date.parse's.
 */
export const isoTime = (iso: string): number => {
	if (typeof iso === 'string') {
		const time = fastTime(iso);
		if (!Number.isNaN(time)) return time;
	}
	return Date.parse(iso);
};
