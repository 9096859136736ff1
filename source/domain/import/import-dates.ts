/**
 * Dates as other systems export them, read into the one form crm stores: an ISO instant in UTC to
 * the millisecond (`2026-03-01T14:30:59.250Z`). Every format keeps all the precision its text has
 * (seconds, and fractions to the millisecond); a time without an offset is UTC, as KPI.md says.
 *
 * The date part comes in these families, each with an optional time (`14:30`, `14:30:59`,
 * `14:30:59.250`, `2:30 PM`) and an optional offset (`Z`, `+02:00`, `+0200`, `-05`):
 * - ISO: `2026-03-01`, `2026-03-01T14:30:00+02:00`, `2026-03-01 14:30`;
 * - slashes, dashes and dots with the year last: `3/1/2026`, `01-03-2026`, `1.3.2026` — day and
 *   month in an order the mapping declares or a column's values settle (`13/4/2017` can only be
 *   day first). A column whose every value reads both ways is refused, never guessed; dots are day
 *   first (no export writes month-first with dots);
 * - Excel serial numbers (`43466`, `43466.75`): days since 1899-12-30 in the 1900 date system
 *   (Excel's, which counts a 29 February 1900 that never was), or since 1904-01-01 when declared.
 */

import {t} from '../../i18n/i18n.js';

/** What a mapping may declare in `dates` (the older names keep working: they name the date part only). */
export const dateFormats = [
	'auto',
	'M/D/YYYY',
	'D/M/YYYY',
	'M/D/YYYY H:mm',
	'D/M/YYYY H:mm',
	'MM-DD-YYYY',
	'DD-MM-YYYY',
	'D.M.YYYY',
	'YYYY-MM-DD',
	// i18n-exempt: a format's name, typed as it is
	'YYYY-MM-DD HH:mm',
	'ISO',
	'excel',
	'excel-1904',
] as const;
export type DateFormat = (typeof dateFormats)[number];

/** Day first or month first, for the families that write the year last. */
export type DateOrder = 'dmy' | 'mdy';

type Family = 'iso' | 'slash' | 'dash' | 'dot' | 'serial';

/** What a declared format fixes: the family it reads, and the order of day and month. */
const declared: Record<Exclude<DateFormat, 'auto'>, {family: Family; order?: DateOrder; base?: 1900 | 1904}> = {
	'M/D/YYYY': {family: 'slash', order: 'mdy'},
	'D/M/YYYY': {family: 'slash', order: 'dmy'},
	'M/D/YYYY H:mm': {family: 'slash', order: 'mdy'},
	'D/M/YYYY H:mm': {family: 'slash', order: 'dmy'},
	'MM-DD-YYYY': {family: 'dash', order: 'mdy'},
	'DD-MM-YYYY': {family: 'dash', order: 'dmy'},
	'D.M.YYYY': {family: 'dot', order: 'dmy'},
	'YYYY-MM-DD': {family: 'iso'},
	'YYYY-MM-DD HH:mm': {family: 'iso'},
	ISO: {family: 'iso'},
	excel: {family: 'serial', base: 1900},
	'excel-1904': {family: 'serial', base: 1904},
};

// The time after a date: hours, minutes, optional seconds and fraction, optional AM/PM, optional offset.
const time = String.raw`(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AaPp][Mm])?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?`;
const patterns: Record<Exclude<Family, 'serial'>, RegExp> = {
	iso: new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${time}$`),
	slash: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${time}$`),
	dash: new RegExp(String.raw`^(\d{1,2})-(\d{1,2})-(\d{4})${time}$`),
	dot: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${time}$`),
};
const serialPattern = /^\d{1,7}(?:\.\d+)?$/;

type Parts = {year: number; month: number; day: number; clock: string[]};

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The instant, or undefined when any part is out of range (31 April, 24:00, 13 PM, an offset of +25:00). */
const instant = ({year, month, day, clock}: Parts): string | undefined => {
	if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
	const [hourText, minuteText, secondText, fraction, meridiem, offset] = clock;
	let hours = hourText === undefined ? 0 : Number(hourText);
	const minutes = Number(minuteText ?? 0);
	const seconds = Number(secondText ?? 0);
	if (meridiem) {
		if (hours < 1 || hours > 12) return undefined;
		hours = (hours % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
	}
	if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
	// Fractions beyond the millisecond are cut, not rounded into the next second.
	const milliseconds = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
	let shift = 0;
	if (offset && offset !== 'Z') {
		const digits = offset.slice(1).replace(':', '');
		const offsetHours = Number(digits.slice(0, 2));
		const offsetMinutes = Number(digits.slice(2) || 0);
		if (offsetHours > 23 || offsetMinutes > 59) return undefined;
		shift = (offset.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
	}
	const at = Date.UTC(year, month - 1, day, hours, minutes, seconds, milliseconds) - shift;
	// Years before 100 would be taken for 19xx by Date.UTC: a four-digit year is written out in full, so 0001–0099 are refused as implausible.
	return year < 1000 || Number.isNaN(at) ? undefined : new Date(at).toISOString();
};

/** An Excel serial number (days, the fraction a time of day) → the instant, in the 1900 or the 1904 date system. */
const fromSerial = (text: string, base: 1900 | 1904): string | undefined => {
	const serial = Number(text);
	if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return undefined;
	// 1900: day 1 is 1 January 1900, and day 60 the 29 February 1900 Excel counts but never was (it is refused).
	if (base === 1900 && Math.floor(serial) === 60) return undefined;
	const epoch = base === 1904 ? Date.UTC(1904, 0, 1) : serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
	return new Date(epoch + Math.round(serial * 86_400_000)).toISOString();
};

/** The family a text is written in, or undefined when it is in none. */
const familyOf = (text: string): Family | undefined => {
	if (serialPattern.test(text)) return 'serial';
	for (const family of ['iso', 'slash', 'dash', 'dot'] as const) if (patterns[family].test(text)) return family;
	return undefined;
};

/** The readings of a year-last date: day first, month first (undefined where one is not a date). */
const readings = (
	text: string,
	family: 'slash' | 'dash' | 'dot',
): {dmy: string | undefined; mdy: string | undefined} => {
	const match = patterns[family].exec(text)!;
	const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const clock = match.slice(4);
	return {
		dmy: instant({year, month: second, day: first, clock}),
		mdy: family === 'dot' ? undefined : instant({year, month: first, day: second, clock}),
	};
};

export type DateRead = {ok: true; iso: string} | {ok: false; reason: 'invalid' | 'ambiguous'};

/**
 * Reads one date. `order` is the column's, when its values settled it (auto) — a declared format
 * brings its own. Without either, a year-last date whose day and month could be swapped is
 * `ambiguous`, never guessed.
 */
export const readDate = (raw: string, format: DateFormat, order?: DateOrder): DateRead => {
	const text = raw.trim();
	const fixed = format === 'auto' ? undefined : declared[format];
	const family = familyOf(text);
	if (!family || (fixed && fixed.family !== family)) return {ok: false, reason: 'invalid'};
	if (family === 'serial') {
		// Undeclared, a small number is more likely a year or a count than a date before 1927: only a declared format reads it.
		if (!fixed && Number(text) < 10_000) return {ok: false, reason: 'invalid'};
		const iso = fromSerial(text, fixed?.base ?? 1900);
		return iso ? {ok: true, iso} : {ok: false, reason: 'invalid'};
	}
	if (family === 'iso') {
		const match = patterns.iso.exec(text)!;
		const iso = instant({
			year: Number(match[1]),
			month: Number(match[2]),
			day: Number(match[3]),
			clock: match.slice(4),
		});
		return iso ? {ok: true, iso} : {ok: false, reason: 'invalid'};
	}
	const {dmy, mdy} = readings(text, family);
	const chosen = fixed?.order ?? (family === 'dot' ? 'dmy' : order);
	if (chosen) {
		const iso = chosen === 'dmy' ? dmy : mdy;
		return iso ? {ok: true, iso} : {ok: false, reason: 'invalid'};
	}
	if (dmy && mdy && dmy !== mdy) return {ok: false, reason: 'ambiguous'};
	const iso = dmy ?? mdy;
	return iso ? {ok: true, iso} : {ok: false, reason: 'invalid'};
};

/** What a declared format expects, in words, for a row's message. */
export const expectedDates = (format: DateFormat): string =>
	format === 'auto'
		? t('domain.import.expectedAuto')
		: format === 'excel'
			? t('domain.import.expectedExcel')
			: format === 'excel-1904'
				? t('domain.import.expectedExcel1904')
				: t('domain.import.expected', {format});

type Witness = {line: number; text: string};

/** One column's year-last dates as seen so far: the first that can only be day first, only month first, or either. */
type ColumnEvidence = {dayFirst?: Witness; monthFirst?: Witness; either?: Witness};

/** A witness's two readings (it was seen to be a year-last date). */
const bothReadings = ({text}: Witness) => readings(text, familyOf(text) as 'slash' | 'dash');

const spelled = (iso: string): string => {
	const date = new Date(iso);
	return t('domain.import.spelled', {
		day: date.getUTCDate(),
		monthName: date.toLocaleString('en-US', {month: 'long', timeZone: 'UTC'}),
		month: date.getUTCMonth() + 1,
		year: date.getUTCFullYear(),
	});
};

/**
 * Settles the order of day and month in each date column of an `auto` mapping from every value the
 * file has: a value such as `13/4/2017` can only be day first, `4/13/2017` only month first.
 * `settle` names the lines when a column has both kinds (it mixes two orders), or only values that
 * read both ways (`3/4/2017`: 3 April or 4 March) — a mapping then declares the format.
 */
export class DateOrderDetector {
	private readonly columns = new Map<string, ColumnEvidence>();

	/** A value of the column (or the template) `column`, on `line`. */
	see(column: string, line: number, raw: string): void {
		const text = raw.trim();
		const family = familyOf(text);
		if (family !== 'slash' && family !== 'dash') return;
		const {dmy, mdy} = readings(text, family);
		if (!dmy && !mdy) return;
		let evidence = this.columns.get(column);
		if (!evidence) {
			evidence = {};
			this.columns.set(column, evidence);
		}
		if (dmy && mdy) {
			if (dmy !== mdy) evidence.either ??= {line, text};
		} else if (dmy) evidence.dayFirst ??= {line, text};
		else evidence.monthFirst ??= {line, text};
	}

	/** Each column's order (none where no value needed one), or the refusal, naming the lines, of the first column that cannot be read one way. */
	settle(): {ok: true; orders: Map<string, DateOrder>} | {ok: false; message: string} {
		const orders = new Map<string, DateOrder>();
		for (const [column, {dayFirst, monthFirst, either}] of this.columns) {
			if (dayFirst && monthFirst) {
				return {
					ok: false,
					message: t('domain.import.twoOrders', {
						column,
						dayLine: dayFirst.line,
						dayText: dayFirst.text,
						dayDate: spelled(bothReadings(dayFirst).dmy!),
						monthLine: monthFirst.line,
						monthText: monthFirst.text,
						monthDate: spelled(bothReadings(monthFirst).mdy!),
					}),
				};
			}
			if (dayFirst) orders.set(column, 'dmy');
			else if (monthFirst) orders.set(column, 'mdy');
			else if (either) {
				const both = bothReadings(either);
				const dashes = familyOf(either.text) === 'dash';
				return {
					ok: false,
					message: t('domain.import.bothWays', {
						column,
						line: either.line,
						text: either.text,
						monthFirst: spelled(both.mdy!),
						dayFirst: spelled(both.dmy!),
						dayFormat: dashes ? 'DD-MM-YYYY' : 'D/M/YYYY',
						monthFormat: dashes ? 'MM-DD-YYYY' : 'M/D/YYYY',
					}),
				};
			}
		}
		return {ok: true, orders};
	}
}
