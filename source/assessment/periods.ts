/**
 * Periods of KPI.md: a calendar month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`, in UTC.
 * A period is the half-open interval [start, end); a window (before/after go-live) is the same shape.
 */
export type PeriodKind = 'month' | 'quarter' | 'year';

export type Period = {kind: PeriodKind | 'window'; key: string; start: number; end: number};

const utc = (year: number, monthIndex: number): number => Date.UTC(year, monthIndex, 1);

const monthKey = (year: number, monthIndex: number): string => `${year}-${String(monthIndex + 1).padStart(2, '0')}`;

const make = (kind: PeriodKind, year: number, index: number): Period => {
	if (kind === 'year') return {kind, key: String(year), start: utc(year, 0), end: utc(year + 1, 0)};
	if (kind === 'quarter') return {kind, key: `${year}-Q${index + 1}`, start: utc(year, index * 3), end: utc(year, index * 3 + 3)};
	return {kind, key: monthKey(year, index), start: utc(year, index), end: utc(year, index + 1)};
};

/** `2026-03`, `2026-Q1`, `2026` → the period; undefined for anything else. */
export const parsePeriod = (text: string): Period | undefined => {
	const input = text.trim().toUpperCase();
	const month = /^(\d{4})-(\d{2})$/.exec(input);
	if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return make('month', Number(month[1]), Number(month[2]) - 1);
	const quarter = /^(\d{4})-Q([1-4])$/.exec(input);
	if (quarter) return make('quarter', Number(quarter[1]), Number(quarter[2]) - 1);
	const year = /^(\d{4})$/.exec(input);
	if (year) return make('year', Number(year[1]), 0);
	return undefined;
};

/** The period of `kind` that contains the instant `time`. */
export const periodContaining = (kind: PeriodKind, time: number): Period => {
	const date = new Date(time);
	const year = date.getUTCFullYear();
	const month = date.getUTCMonth();
	return make(kind, year, kind === 'quarter' ? Math.floor(month / 3) : month);
};

/** P−1 (or P+1 with step 1): the period of the same kind right before (after). */
export const shiftPeriod = (period: Period, step: number): Period => {
	if (period.kind === 'window') {
		const length = period.end - period.start;
		return {kind: 'window', key: `${period.key}${step < 0 ? '−' : '+'}`, start: period.start + step * length, end: period.end + step * length};
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
	const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
	return {kind: 'window', key, start, end};
};

/** The `months` calendar months ending at `end`, as a window. */
export const windowUntil = (end: number, months: number, key: string): Period => {
	const date = new Date(end);
	const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
	return {kind: 'window', key, start, end};
};

/** A timestamp t is in P when start(P) <= t < end(P). */
export const isIn = (iso: string | null, period: Period): boolean => {
	if (iso === null) return false;
	const time = Date.parse(iso);
	return time >= period.start && time < period.end;
};
