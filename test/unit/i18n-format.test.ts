import {afterEach, describe, expect, test} from 'vitest';
import {day, hour} from '../../source/domain/units.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import type {Language} from '../../source/i18n/language.js';
import {
	formatDate,
	formatDateTime,
	formatDateTimeCell,
	formatDuration,
	formatList,
	formatMoney,
	formatMoneyCompact,
	formatMoneyShort,
	formatNumber,
	formatPercent,
	formatRelative,
	orDash,
} from '../../source/ui/format/values.js';
import {displayWidth, fitCell} from '../../source/ui/layout/cell-text.js';

const zoneAtStart = process.env['TZ'];
afterEach(() => {
	setLanguage('en');
	if (zoneAtStart === undefined) delete process.env['TZ'];
	else process.env['TZ'] = zoneAtStart;
});

const now = Date.parse('2026-03-01T12:00:00.000Z');
const minute = 60_000;

/** [what is formatted, English, Chinese] */
const cases: ReadonlyArray<readonly [string, () => string, string, string]> = [
	['an empty date', () => formatDate(null), '—', '—'],
	['a date', () => formatDate('2026-03-01T23:30:00.000Z'), '2026-03-01', '2026-03-01'],
	['an empty date-time', () => formatDateTime(null), '—', '—'],
	['an empty string date-time', () => formatDateTime(''), '—', '—'],
	[
		'a date-time in UTC',
		() => formatDateTime('2026-03-01T14:05:09.000Z'),
		'2026-03-01 14:05 UTC',
		'2026-03-01 14:05 UTC',
	],
	['zero', () => formatNumber(0), '0', '0'],
	['a number', () => formatNumber(12_500), '12,500', '12,500'],
	['a fraction', () => formatNumber(12_500.456, 2), '12,500.46', '12,500.46'],
	['no money', () => formatMoney(0), '$0', '$0'],
	['dollars', () => formatMoney(12_500), '$12,500', '$12,500'],
	['dollars and cents', () => formatMoney(12_500.5), '$12,500.50', '$12,500.50'],
	['yuan', () => formatMoney(12_500, 'CNY'), '12,500 CNY', 'CN¥12,500'],
	['yen', () => formatMoney(3_000, 'JPY'), '3,000 JPY', 'JP¥3,000'],
	['euros', () => formatMoney(900.25, 'EUR'), '900.25 EUR', '€900.25'],
	['a debt', () => formatMoney(-12_500, 'CNY'), '-12,500 CNY', '-CN¥12,500'],
	['a currency Intl refuses', () => formatMoney(5, 'us'), '5 us', '5 us'],
	['compact nothing', () => formatMoneyCompact(0), '$0', '$0'],
	['compact hundreds', () => formatMoneyCompact(950, 'CNY'), '950 CNY', 'CN¥950'],
	['compact tens of thousands', () => formatMoneyCompact(45_000, 'CNY'), '45k CNY', 'CN¥4.5万'],
	['compact millions', () => formatMoneyCompact(2_800_000), '$2.8M', '$280万'],
	['compact billions', () => formatMoneyCompact(1_230_000_000, 'JPY'), '1.2B JPY', 'JP¥12.3亿'],
	['compact loss', () => formatMoneyCompact(-45_000), '$-45k', '-$4.5万'],
	['short', () => formatMoneyShort(145_000), '$145k', '$14.5万'],
	['short, small', () => formatMoneyShort(950), '$950', '$950'],
	['no share', () => formatPercent(0), '0%', '0%'],
	['a share that rounds to nothing', () => formatPercent(-0.001), '0%', '0%'],
	['a number that rounds to nothing', () => formatNumber(-0.2), '0', '0'],
	['a share', () => formatPercent(0.456), '46%', '46%'],
	['a large share', () => formatPercent(12.5), '1250%', '1,250%'],
	['a minute', () => formatDuration(10_000), '1m', '1分钟'],
	['minutes', () => formatDuration(45 * minute), '45m', '45分钟'],
	['hours', () => formatDuration(5 * hour), '5h', '5小时'],
	['days', () => formatDuration(3 * day), '3d', '3天'],
	['months', () => formatDuration(61 * day), '2mo', '2个月'],
	['years', () => formatDuration(400 * day), '13mo', '13个月'],
	['a year', () => formatDuration(800 * day), '2y', '2年'],
	['no time', () => formatRelative(null, now), '—', '—'],
	['ahead', () => formatRelative('2026-03-04T12:00:00.000Z', now), 'in 3d', '3天后'],
	['behind', () => formatRelative('2026-03-01T03:00:00.000Z', now), '9h ago', '9小时前'],
	['now', () => formatRelative('2026-03-01T12:00:00.000Z', now), 'in 1m', '1分钟后'],
	['an empty list', () => formatList([]), '—', '—'],
	['a list', () => formatList(['vip', 'trial', 'partner']), 'vip, trial, partner', 'vip、trial、partner'],
	['an empty text', () => orDash('  '), '—', '—'],
	['a text', () => orDash('王伟'), '王伟', '王伟'],
];

describe.each(['en', 'zh-CN'] as const)('formatting in %s', (language: Language) => {
	test.each(cases)('%s', (_what, format, english, chinese) => {
		setLanguage(language);
		expect(format()).toBe(language === 'en' ? english : chinese);
	});
});

describe('the operator’s time zone', () => {
	test.each([
		['en', 'Asia/Shanghai', '2026-03-01 22:05 GMT+8'],
		['zh-CN', 'Asia/Shanghai', '2026-03-01 22:05 GMT+8'],
		['en', 'America/New_York', '2026-03-01 09:05 EST'],
		['zh-CN', 'America/New_York', '2026-03-01 09:05 GMT-5'],
		['en', 'Etc/UTC', '2026-03-01 14:05 UTC'],
		['zh-CN', 'UTC', '2026-03-01 14:05 UTC'],
	] as const)('in %s at %s', (language, zone, shown) => {
		setLanguage(language);
		process.env['TZ'] = zone;
		expect(formatDateTime('2026-03-01T14:05:09.000Z')).toBe(shown);
	});

	test.each([
		['UTC', '2026-03-01 14:05'],
		['Asia/Shanghai', '2026-03-01 22:05'],
	])('a cell at %s leaves the zone to its column', (zone, shown) => {
		process.env['TZ'] = zone;
		expect(formatDateTimeCell('2026-03-01T14:05:09.000Z')).toBe(shown);
		expect(formatDateTimeCell(null)).toBe('—');
	});

	test('a day that is the next one locally', () => {
		process.env['TZ'] = 'Asia/Tokyo';
		expect(formatDateTime('2026-03-01T23:30:00.000Z')).toBe('2026-03-02 08:30 GMT+9');
		// A date alone stays the UTC day a report counts it in.
		expect(formatDate('2026-03-01T23:30:00.000Z')).toBe('2026-03-01');
	});

	test('a text that is not a time is cut as it always was', () => {
		process.env['TZ'] = 'Asia/Shanghai';
		expect(formatDateTime('someday')).toBe('someday  UTC');
	});
});

describe('Chinese in a narrow column', () => {
	test('a compact amount keeps its currency when it fits, and is measured in cells', () => {
		setLanguage('zh-CN');
		const amount = formatMoneyCompact(2_800_000, 'CNY');
		expect(amount).toBe('CN¥280万');
		// 万 is two cells wide: the text is 7 characters but 8 cells.
		expect(displayWidth(amount)).toBe(8);
		expect(fitCell(amount, 10, 'right')).toBe('  CN¥280万');
		expect(displayWidth(fitCell(amount, 7))).toBe(7);
	});

	test('a relative time in Chinese is as wide as its cells say', () => {
		setLanguage('zh-CN');
		const text = formatRelative('2026-03-01T03:00:00.000Z', now);
		expect(text).toBe('9小时前');
		expect(displayWidth(text)).toBe(7);
	});
});
