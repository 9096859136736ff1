import {afterEach, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import type {ViewContext} from '../../source/ui/screens/screen-definition.js';
import {screenFor} from '../../source/ui/screens/screen-registry.js';

const zoneAtStart = process.env['TZ'];
afterEach(() => {
	setLanguage('en');
	if (zoneAtStart === undefined) delete process.env['TZ'];
	else process.env['TZ'] = zoneAtStart;
});

/** The cell of one column of a screen's table, for a record. */
const cellOf = (screen: 'log' | 'followups', id: string, record: object): string => {
	const column = screenFor(screen).columns.find((candidate) => candidate.id === id)!;
	return column.cell(record as {id: string}, {} as ViewContext);
};

test.each([
	['en', 'UTC', '2026-03-01 14:05'],
	['zh-CN', 'UTC', '2026-03-01 14:05'],
	['zh-CN', 'Asia/Shanghai', '2026-03-01 22:05'],
	['en', 'America/New_York', '2026-03-01 09:05'],
] as const)(
	'in %s at %s the log’s and follow-ups’ times are local, without their zone, in their 16 cells',
	(language, zone, shown) => {
		process.env['TZ'] = zone;
		setLanguage(language);
		const at = '2026-03-01T14:05:00.000Z';
		const log = cellOf('log', 'at', {id: 'c1', at});
		const due = cellOf('followups', 'due', {id: 'f1', at, dueAt: at});
		expect([log, due]).toEqual([shown, shown]);
		expect(displayWidth(log)).toBeLessThanOrEqual(16);
	},
);
