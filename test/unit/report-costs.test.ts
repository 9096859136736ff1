import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {runReport} from '../../source/commands/report.js';
import {seedDataFile} from '../../source/commands/seed.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
import {tempFolder} from '../support/temp-folder.js';

let file: string;
const now = new Date('2026-12-02T00:00:00Z');
const options = (format: 'md' | 'json') => ({period: '2026-11', format, now: now.getTime()});
const sectionOf = (markdown: string) =>
	markdown.slice(markdown.indexOf('## Costs and return'), markdown.indexOf('## Operators’ experience'));

beforeAll(async () => {
	file = join(tempFolder('report-costs'), 'demo.json');
	await seedDataFile(file, {now});
});

describe('costs and return in crm report, on the demo data (go-live 2025-12-01, six months)', () => {
	// demo-costs.ts: in the window, software 96,000, deployment 42,000, data migration 28,000 (Dec),
	// training 16,000 (Jan); hosting 450 × 6, support 2,400 × 6, maintenance 1,500 × 5 (from Jan),
	// one upgrade of 3,000 (Apr). The workstations (14,500, Nov) are before the window.
	const byCategory = {
		software: 96_000,
		hardware: 0,
		deployment: 42_000,
		training: 16_000,
		'data migration': 28_000,
		maintenance: 7_500,
		upgrades: 3_000,
		support: 14_400,
		hosting: 2_700,
		uncategorised: 0,
	};

	test('JSON: the breakdown under roi, the benefit beside it, ROI as the KPI has it, a payback month', async () => {
		const report = JSON.parse(await runReport(file, options('json')));
		expect(report.roi).toMatchObject({
			goLive: '2025-12-01',
			window: {start: '2025-12-01T00:00:00.000Z', end: '2026-06-01T00:00:00.000Z'},
			costs: {byCategory, implementation: 182_000, operation: 27_600, total: 209_600, beforeWindow: 14_950},
			margin: 0.3,
		});
		expect(report.roi.benefit).toBeCloseTo(0.3 * report.roi.revenueWon, 6);
		expect(report.roi.roi).toBeCloseTo((report.roi.benefit - 209_600) / 209_600, 12);
		expect(report.kpis.roi.actual).toBe(report.roi.roi);
		expect(report.roi.paybackMonth).toMatch(/^2026-0[1-5]$/);
	});

	test('Markdown: each category, the subtotals, the total, the benefit, ROI and the payback month', async () => {
		const section = sectionOf(await runReport(file, options('md')));
		for (const line of [
			'| implementation | software | $96,000 |',
			'| operation | hosting | $2,700 |',
			'| **implementation** | one-off costs dated in the window | **$182,000** |',
			'| **operation** | monthly costs × their months in the window | **$27,600** |',
			'| **total** | | **$209,600** |',
		])
			expect(section).toContain(line);
		expect(section).not.toContain('uncategorised');
		// The workstations (14,500) and November's hosting (450).
		expect(section).toContain('Dated before the window (before go-live): $14,950, counted in the payback, not in ROI.');
		expect(section).toMatch(/Benefit: margin 30\.0% × revenue won \$[\d,]+ = \*\*\$[\d,]+\*\*/);
		expect(section).toMatch(/ROI: \(benefit − costs\) \/ costs = \*\*\d+\.\d%\*\*/);
		expect(section).toMatch(/Payback month: \*\*2026-0\d\*\*/);
	});

	test('Markdown: Costs and return right after the Return on investment table, then Operators’ experience', async () => {
		const markdown = await runReport(file, options('md'));
		const order = ['## Return on investment', '## Costs and return', '## Operators’ experience', '## Campaigns'].map(
			(heading) => markdown.indexOf(heading),
		);
		expect(order.every((at) => at >= 0)).toBe(true);
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(markdown.slice(order[0], order[1])).not.toContain('\n## ');
	});

	test('no costs: ROI has no value and the report says how to add them; no go-live: says so', async () => {
		await writeFile(settingsPathFor(file), JSON.stringify({assessment: {goLive: '2025-12-01'}}));
		const report = JSON.parse(await runReport(file, options('json')));
		expect(report.roi.costs.total).toBe(0);
		expect([report.roi.roi, report.roi.paybackMonth, report.kpis.roi.actual]).toEqual([null, null, null]);
		expect(sectionOf(await runReport(file, options('md')))).toContain(
			'No costs are entered, so ROI has no value (KPI.md: null when costs are 0). Add them with `crm settings cost add',
		);
		await writeFile(settingsPathFor(file), JSON.stringify({}));
		expect(JSON.parse(await runReport(file, options('json'))).roi).toBeNull();
		expect(sectionOf(await runReport(file, options('md')))).toContain('No go-live date is set');
	});
});
