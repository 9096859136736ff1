import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {kpiIds} from '../../source/domain/kpi-ids.js';
import {defaultTargets, settingsSchema} from '../../source/domain/settings.js';
import {targetOutOfRange, targetRanges} from '../../source/domain/target-ranges.js';
import {loadSettings, settingsPathFor} from '../../source/store/settings-file.js';
import {targetForm} from '../../source/ui/forms/form-definitions.js';
import {validateForm} from '../../source/ui/forms/form-values.js';
import {tempFolder} from '../support/temp-folder.js';

describe('a target within its KPI’s scale', () => {
	test.each([
		['ease_of_use', 9, 'must be from 1 to 5 (ratings are 1 to 5)'],
		['ease_of_use', 0, 'must be from 1 to 5 (ratings are 1 to 5)'],
		['ease_of_use', 1, null],
		['ease_of_use', 5, null],
		['avg_rating', 4.5, null],
		['fit_for_work', 5.01, 'must be from 1 to 5 (ratings are 1 to 5)'],
		['data_accuracy', -1, 'must be from 1 to 5 (ratings are 1 to 5)'],
		['usability_score', 150, 'must be from 0 to 100 (SUS scores are 0 to 100)'],
		['usability_score', 0, null],
		['usability_score', 100, null],
		['nps', -100, null],
		['nps', 101, 'must be from -100 to 100 (NPS is -100 to 100)'],
		['win_rate', 1.2, 'must be from 0 to 1 (a share, 1 is 100%)'],
		['completeness', 0.95, null],
		['completeness', -0.1, 'must be from 0 to 1 (a share, 1 is 100%)'],
		// Unbounded: growth and the ROIs exceed 100%; counts, money and times have no top.
		['sales_growth', 2.5, null],
		['roi', 3, null],
		['marketing_roi', -0.5, null],
		['churn_rate', 1.5, null],
		['revenue_won', 1e9, null],
		['survey_responses', 0, null],
	] as const)('%s at %d: %s', (id, value, refusal) => {
		expect(targetOutOfRange(id, value)).toBe(refusal);
	});

	test('every shipped default target is within its range', () => {
		for (const id of kpiIds) expect(targetOutOfRange(id, defaultTargets[id].value), id).toBeNull();
		// Issue 17 added the five funnel shares.
		expect(Object.keys(targetRanges)).toHaveLength(24);
	});

	test.each([
		['usability_score', 150, 'must be from 0 to 100 (SUS scores are 0 to 100)'],
		['ease_of_use', 9, 'must be from 1 to 5 (ratings are 1 to 5)'],
		['csat', 75, 'must be from 0 to 1 (a share, 1 is 100%)'],
	] as const)(
		'a settings file with %s at %d is refused on load, naming the KPI and the range',
		async (id, value, message) => {
			const parsed = settingsSchema.safeParse({assessment: {targets: {[id]: {value, direction: 'higher'}}}});
			expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
				[`assessment.targets.${id}.value`, message],
			]);
			const file = join(tempFolder('target-ranges'), 'crm.json');
			await writeFile(
				settingsPathFor(file),
				JSON.stringify({assessment: {targets: {[id]: {value, direction: 'higher'}}}}),
			);
			await expect(loadSettings(file)).rejects.toThrow(`field "assessment.targets.${id}.value" ${message}`);
		},
	);

	test('a settings file with targets in range, or none, loads', () => {
		expect(settingsSchema.safeParse({assessment: {targets: {}}}).success).toBe(true);
		const targets = {ease_of_use: {value: 4.5, direction: 'higher'}, nps: {value: -20, direction: 'higher'}};
		expect(settingsSchema.parse({assessment: {targets}}).assessment.targets.nps?.value).toBe(-20);
	});

	test.each([
		['usability_score', '150', 'must be from 0 to 100 (SUS scores are 0 to 100)'],
		['ease_of_use', '9', 'must be from 1 to 5 (ratings are 1 to 5)'],
		['ease_of_use', '4.5', undefined],
		['revenue_won', '150', undefined],
		['ease_of_use', '', 'must not be empty'],
	] as const)('the target form refuses %s at %j in words', (id, value, message) => {
		const form = targetForm(id, 'x', false, false);
		const {errors} = validateForm(form, {value, direction: 'higher', tolerance: '0'}, {}, undefined, 0);
		if (message === undefined) expect(errors).toEqual({});
		else expect(errors['value']).toContain(message);
	});

	test('its hint names the range', () => {
		expect(targetForm('ease_of_use', 'Easy to operate', false, false).fields[0]!.hint).toBe(
			'from 1 to 5, the KPI’s scale',
		);
		expect(targetForm('win_rate', 'Win rate', false, true).fields[0]!.hint).toBe(
			'a share as a fraction: 0.45 is 45%, from 0 to 1',
		);
		expect(targetForm('sales_growth', 'Sales growth', false, true).fields[0]!.hint).toBe(
			'a share as a fraction: 0.45 is 45%',
		);
	});
});
