import {afterEach, expect, test} from 'vitest';
import {parsePeriod} from '../../source/assessment/periods.js';
import {assessRequirements, requirementInEnglish} from '../../source/assessment/requirement-status.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import {datasetOf} from '../support/fixtures.js';
import {settingsOf} from '../support/records.js';

afterEach(() => setLanguage('en'));

const now = Date.parse('2026-07-01T00:00:00.000Z');
const june = parsePeriod('2026-06')!;
const forecast = (note: string | null) => {
	const settings = settingsOf(
		note === null ? {} : {assessment: {requirements: {'sm-forecast': {status: 'partial', note}}}},
	);
	return assessRequirements(datasetOf({}), settings.assessment, june, now).find((entry) => entry.id === 'sm-forecast')!;
};

test.each([
	// [the note the settings keep (null: no mark), the note shown in Chinese, the note the JSON report and a new mark keep]
	[null, '赢单收入的线性趋势', 'linear trend of won revenue'],
	['linear trend of won revenue', '赢单收入的线性趋势', 'linear trend of won revenue'],
	['checked by hand', 'checked by hand', 'checked by hand'],
	['', '', ''],
])('a mark keeping the note %j shows %j in Chinese and keeps %j whatever the language', (kept, shown, stored) => {
	setLanguage('zh-CN');
	const requirement = forecast(kept);
	expect(requirement.note).toBe(shown);
	expect(requirementInEnglish(requirement).note).toBe(stored);
	setLanguage('en');
	expect(requirementInEnglish(forecast(kept)).note).toBe(stored);
});
