import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {kpiIds} from '../../source/assessment/kpi-catalog.js';
import {defaultSettings, defaultTargets, settingsSchema, targetFor} from '../../source/domain/settings.js';
import {tempFolder} from '../support/temp-folder.js';

describe('settings', () => {
	const shipped = JSON.parse(readFileSync(new URL('../../data/config.default.json', import.meta.url), 'utf8'));

	test('the shipped defaults in data/ are the defaults of the code (npm run docs:config rewrites them)', () => {
		const parsed = settingsSchema.parse(shipped);
		const {targets, ...assessment} = parsed.assessment;
		const {targets: _none, ...codeAssessment} = defaultSettings().assessment;
		expect(assessment).toEqual(codeAssessment);
		expect(targets).toEqual(defaultTargets);
		expect({...parsed, assessment: undefined}).toEqual({...defaultSettings(), assessment: undefined});
	});

	test('every KPI has a target, the operator’s copy overriding the default', () => {
		const settings = settingsSchema.parse({assessment: {targets: {win_rate: {value: 0.5, direction: 'higher'}}}});
		for (const id of kpiIds) expect(targetFor(settings.assessment, id)).toBeDefined();
		expect(targetFor(settings.assessment, 'win_rate')).toEqual({value: 0.5, direction: 'higher', tolerance: 0});
		expect(targetFor(settings.assessment, 'csat')).toEqual(defaultTargets.csat);
	});

	test.each([
		[{assessment: {targets: {win_rat: {value: 1, direction: 'higher'}}}}, 'Unrecognized key: "win_rat"'],
		[{assessment: {goLive: '2026-13-01'}}, 'is not a real date: there is no month 13 (found "2026-13-01")'],
		[{assessment: {goLive: '2026-02-30'}}, 'is not a real date: February 2026 has 28 days (found "2026-02-30")'],
		[{assessment: {goLive: '0000-01-01'}}, 'is outside the years 1970 to 9999 (found "0000-01-01")'],
		[{assessment: {goLive: ''}}, 'must be a day like 2026-03-01 (found "")'],
		[{assessment: {goLive: '2026-03-01T00:00:00Z'}}, 'must be a day like 2026-03-01'],
		[{assessment: {targets: {csat: {value: 0.8, direction: 'up'}}}}, 'must be higher or lower'],
		[{assessment: {requirements: {'ci-records': {status: 'done'}}}}, 'must be met, partial or unmet'],
	])('%j is refused: %s', (raw, message) => {
		const result = settingsSchema.safeParse(raw);
		expect(result.success).toBe(false);
		expect(result.error!.issues.map((issue) => issue.message).join(' ')).toContain(message);
	});

	test('a go-live date is a day that exists, or none', () => {
		expect(settingsSchema.parse({assessment: {goLive: null}}).assessment.goLive).toBeNull();
		expect(settingsSchema.parse({assessment: {}}).assessment.goLive).toBeNull();
		expect(settingsSchema.parse({assessment: {goLive: '2024-02-29'}}).assessment.goLive).toBe('2024-02-29');
	});
});

describe('changing settings from the console', () => {
	test('only the changed entry goes into the operator’s file; invalid values change nothing', async () => {
		const {readFile, writeFile} = await import('node:fs/promises');
		const {join} = await import('node:path');
		const {settingsPathFor, updateSettingsFile} = await import('../../source/store/settings-file.js');
		const {DataFileError} = await import('../../source/store/data-file-error.js');
		const file = join(tempFolder('settings'), 'crm.json');
		await writeFile(
			settingsPathFor(file),
			JSON.stringify({slaHours: {urgent: 2, high: 8, normal: 24, low: 48}, assessment: {goLive: '2026-01-01'}}),
		);
		const settings = await updateSettingsFile(file, {
			kind: 'target',
			id: 'win_rate',
			target: {value: 0.5, direction: 'higher', tolerance: 0.02},
		});
		expect(settings.slaHours.urgent).toBe(2);
		expect(targetFor(settings.assessment, 'win_rate')).toEqual({value: 0.5, direction: 'higher', tolerance: 0.02});
		await updateSettingsFile(file, {kind: 'requirement', id: 'in-import', status: 'partial', note: 'Maven only'});
		const written = JSON.parse(await readFile(settingsPathFor(file), 'utf8'));
		expect(written).toEqual({
			slaHours: {urgent: 2, high: 8, normal: 24, low: 48},
			assessment: {
				goLive: '2026-01-01',
				targets: {win_rate: {value: 0.5, direction: 'higher', tolerance: 0.02}},
				requirements: {'in-import': {status: 'partial', note: 'Maven only'}},
			},
		});
		const bytes = await readFile(settingsPathFor(file), 'utf8');
		await expect(
			updateSettingsFile(file, {
				kind: 'target',
				id: 'csat',
				target: {value: 0.8, direction: 'sideways' as never, tolerance: 0},
			}),
		).rejects.toBeInstanceOf(DataFileError);
		expect(await readFile(settingsPathFor(file), 'utf8')).toBe(bytes);
	});
});
