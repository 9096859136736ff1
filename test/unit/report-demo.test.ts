import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, test} from 'vitest';
import {runReport} from '../../source/commands/report.js';
import {seedDataFile} from '../../source/commands/seed.js';
import {loadSettings} from '../../source/store/settings-file.js';
import {tempFolder} from '../support/temp-folder.js';

/** The KPI ids of one section's table of the contract, as KPI.md lists them (`| \`id\` | definition |`). */
const kpiMd = readFileSync(fileURLToPath(new URL('../../../shared/KPI.md', import.meta.url)), 'utf8');
const idsOfSection = (title: string): string[] => {
	const start = kpiMd.indexOf(`\n## ${title}`);
	if (start < 0) throw new Error(`KPI.md has no section “${title}”`);
	const end = kpiMd.indexOf('\n## ', start + 1);
	return [...kpiMd.slice(start, end < 0 ? undefined : end).matchAll(/^\| `([a-z_0-9]+)` \|/gm)].map(
		(match) => match[1]!,
	);
};

const sections = ['Effect', 'Marketing', 'Data quality', 'Adoption', 'Performance'];

let file: string;
const now = new Date('2026-12-02T00:00:00Z');

beforeAll(async () => {
	file = join(tempFolder('report-demo'), 'demo.json');
	await seedDataFile(file, {now});
});

describe('crm report on the demo data, for the last complete month', () => {
	test.each(sections)('every KPI id of KPI.md’s %s table is there, each with a value', async (section) => {
		const ids = idsOfSection(section);
		expect(ids.length).toBeGreaterThan(0);
		const report = JSON.parse(await runReport(file, {period: '2026-11', format: 'json', now: now.getTime()}));
		for (const id of ids) {
			expect(report.kpis, id).toHaveProperty(id);
			// usage_rate is null when nobody is listed with a role (KPI.md): the demo is one person's CRM, without roles.
			if (id === 'usage_rate') continue;
			expect(report.kpis[id].actual, id).not.toBeNull();
		}
	});

	test('usage_rate is left without a value because, and only because, the demo lists nobody with a role', async () => {
		expect(Object.keys((await loadSettings(file)).access.operators)).toEqual([]);
		const report = JSON.parse(await runReport(file, {period: '2026-11', format: 'json', now: now.getTime()}));
		expect(report.kpis.usage_rate.actual).toBeNull();
		expect(report.currency).toBe('USD');
		expect(report.currencyAssumed).toBe(false);
		expect(report.campaigns.length).toBeGreaterThan(10);
	});
});
