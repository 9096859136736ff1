import {afterEach, expect, test} from 'vitest';
import {setLanguage, t} from '../../source/i18n/i18n.js';
import {importSummaryTone} from '../../source/ui/components/import-summary-tone.js';
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

test.each(['en', 'zh-CN'] as const)(
	'in %s the import summary’s lines take their tone from the catalog’s words',
	(language) => {
		setLanguage(language);
		const lines: Array<[string, string]> = [
			['customers.csv', 'text'],
			[
				t('domain.import.summary', {
					entity: 'customer',
					created: 3,
					updated: 1,
					unchanged: 0,
					rejected: 1,
					skipped: 0,
					count: 2,
				}),
				'text',
			],
			[t('domain.import.saved', {count: 1200}), 'ok'],
			[t('domain.import.nothingToChange'), 'ok'],
			[t('domain.import.dryRun', {count: 3}), 'text'],
			[t('domain.import.rejectsAt', {file: 'customers.rejects.csv'}), 'bad'],
			[t('domain.import.rejectsWouldGo', {file: 'customers.rejects.csv'}), 'bad'],
			[t('domain.import.warnings'), 'warn'],
			[`  ${t('domain.import.warningGroup', {times: 12, entity: 'customer', message: 'm', where: 'w'})}`, 'warn'],
			[t('domain.import.allRejected', {count: 4}), 'text'],
		];
		expect(lines.map(([line]) => [line, importSummaryTone(line)])).toEqual(lines);
	},
);
