/**
 * What an operator may type for a date: `2026-03-01`, `2026-03-01 14:30`, `today`, `tomorrow`,
 * `yesterday`, `now`, or an offset from today such as `+3d`, `-2w`, `+1m`, `+1y`, `+4h`.
 * Dates without a time mean 00:00 UTC that day (KPI.md). Returns an ISO string, or an error in words.
 */
export type DateInput = {ok: true; iso: string | null} | {ok: false; message: string};

const startOfDay = (time: number): Date => {
	const date = new Date(time);
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
};

export const parseDateInput = (text: string, now: number): DateInput => {
	const input = text.trim().toLowerCase();
	if (input === '') return {ok: true, iso: null};
	if (input === 'now') return {ok: true, iso: new Date(now).toISOString()};
	const named: Record<string, number> = {today: 0, tomorrow: 1, yesterday: -1};
	if (input in named) return {ok: true, iso: new Date(startOfDay(now).getTime() + named[input]! * 86_400_000).toISOString()};

	const offset = /^([+-])\s*(\d{1,4})\s*([hdwmy])$/.exec(input);
	if (offset) {
		const amount = Number(offset[2]) * (offset[1] === '-' ? -1 : 1);
		const unit = offset[3]!;
		if (unit === 'h') return {ok: true, iso: new Date(now + amount * 3_600_000).toISOString()};
		const date = startOfDay(now);
		if (unit === 'd') date.setUTCDate(date.getUTCDate() + amount);
		if (unit === 'w') date.setUTCDate(date.getUTCDate() + amount * 7);
		if (unit === 'm') date.setUTCMonth(date.getUTCMonth() + amount);
		if (unit === 'y') date.setUTCFullYear(date.getUTCFullYear() + amount);
		return {ok: true, iso: date.toISOString()};
	}

	const exact = /^(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{2}):(\d{2}))?$/.exec(input);
	if (exact) {
		const [, year, month, day, hours = '00', minutes = '00'] = exact;
		const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes)));
		const roundTrips = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
		if (!roundTrips || Number(hours) > 23 || Number(minutes) > 59) return {ok: false, message: `${text.trim()} is not a real date`};
		return {ok: true, iso: date.toISOString()};
	}
	return {ok: false, message: 'must be a date like 2026-03-01, today, tomorrow or +3d'};
};
