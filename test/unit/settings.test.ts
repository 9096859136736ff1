import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {kpiIds} from '../../source/assessment/kpi-catalog.js';
import {defaultSettings, defaultTargets, settingsSchema, targetFor} from '../../source/domain/settings.js';

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
		[{assessment: {goLive: '2026-13-01'}}, 'is not a real date'],
		[{assessment: {targets: {csat: {value: 0.8, direction: 'up'}}}}, 'must be higher or lower'],
		[{assessment: {requirements: {'ci-records': {status: 'done'}}}}, 'must be met, partial or unmet'],
	])('%j is refused: %s', (raw, message) => {
		const result = settingsSchema.safeParse(raw);
		expect(result.success).toBe(false);
		expect(result.error!.issues.map((issue) => issue.message).join(' ')).toContain(message);
	});
});
