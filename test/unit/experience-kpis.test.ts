import {describe, expect, test} from 'vitest';
import {recordsBehind} from '../../source/assessment/drill-down.js';
import {computeKpis, evaluate} from '../../source/assessment/evaluation.js';
import {experienceKpis} from '../../source/assessment/experience-kpis.js';
import {kpiCatalog} from '../../source/assessment/kpi-catalog.js';
import {type Period, parsePeriod} from '../../source/assessment/periods.js';
import {reportJson, reportMarkdown} from '../../source/assessment/report.js';
import {commentInMarkdown, itemContribution, lowestRatedItem} from '../../source/assessment/report-experience.js';
import {adoptionKpis} from '../../source/assessment/usage-kpis.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import {defaultSettings} from '../../source/domain/settings.js';
import {type SurveyResponse, surveyItems} from '../../source/domain/survey.js';
import {datasetOf} from '../support/fixtures.js';

const march = parsePeriod('2026-03')!;
const quarter = parsePeriod('2026-Q1')!;

let sequence = 0;

/** A response at `at`: the ten SUS ratings, then ease of use, fit for work, data accuracy. */
const response = (at: string, sus: readonly number[], questions: readonly number[], comment = ''): SurveyResponse => {
	sequence++;
	const ratings = [...sus, ...questions];
	return {
		id: `srv_test${String(sequence).padStart(6, '0')}`,
		externalId: null,
		operator: `op${sequence}`,
		...Object.fromEntries(surveyItems.map((item, index) => [item.key, ratings[index]])),
		comment,
		createdAt: at,
		updatedAt: at,
		version: 1,
	} as SurveyResponse;
};

const best = [5, 1, 5, 1, 5, 1, 5, 1, 5, 1];
const neutral = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
const published = [5, 4, 2, 1, 2, 3, 2, 4, 5, 2]; // 55, see survey-records.test.ts

const kpis = (surveys: SurveyResponse[], period: Period = march) => experienceKpis(surveys, period);

describe('the operators’ experience KPIs (KPI.md: the responses whose createdAt is in P)', () => {
	test.each([
		['no responses at all', [], march, {usability_score: null, survey_responses: 0, ease_of_use: null}],
		[
			'responses only outside P: before its first instant, at its end',
			[response('2026-02-28T23:59:59.999Z', best, [5, 5, 5]), response('2026-04-01T00:00:00.000Z', best, [5, 5, 5])],
			march,
			{usability_score: null, survey_responses: 0, ease_of_use: null, fit_for_work: null, data_accuracy: null},
		],
		[
			'one response, at P’s first instant',
			[response('2026-03-01T00:00:00.000Z', published, [4, 2, 5])],
			march,
			{usability_score: 55, survey_responses: 1, ease_of_use: 4, fit_for_work: 2, data_accuracy: 5},
		],
		[
			'several: means over them (100, 50, 55), and one in the last millisecond of P',
			[
				response('2026-03-02T10:00:00.000Z', best, [5, 4, 3]),
				response('2026-03-15T10:00:00.000Z', neutral, [3, 3, 3]),
				response('2026-03-31T23:59:59.999Z', published, [1, 2, 2]),
			],
			march,
			{usability_score: 205 / 3, survey_responses: 3, ease_of_use: 3, fit_for_work: 3, data_accuracy: 8 / 3},
		],
		[
			'a quarter counts the months’ responses together; April is outside it',
			[
				response('2026-01-10T00:00:00.000Z', best, [5, 5, 5]),
				response('2026-03-10T00:00:00.000Z', neutral, [1, 1, 1]),
				response('2026-04-10T00:00:00.000Z', neutral, [1, 1, 1]),
			],
			quarter,
			{usability_score: 75, survey_responses: 2, ease_of_use: 3, fit_for_work: 3, data_accuracy: 3},
		],
	] as const)('%s', (_name, surveys, period, expected) => {
		const values = kpis([...surveys], period);
		for (const [id, value] of Object.entries(expected))
			if (value === null) expect(values[id], id).toBeNull();
			else expect(values[id], id).toBeCloseTo(value, 10);
	});

	test('carried from edit to edit: a response added or removed in a new version of the list counts at once', () => {
		const first = [response('2026-03-02T10:00:00.000Z', best, [5, 5, 5])];
		expect(kpis(first)).toMatchObject({usability_score: 100, survey_responses: 1});
		const second = [...first, response('2026-03-03T10:00:00.000Z', neutral, [3, 3, 3])];
		expect(kpis(second)).toMatchObject({usability_score: 75, survey_responses: 2, ease_of_use: 4});
		const third = second.slice(1);
		expect(kpis(third)).toMatchObject({usability_score: 50, survey_responses: 1, ease_of_use: 3});
		expect(kpis([])).toMatchObject({usability_score: null, survey_responses: 0});
	});

	test('computeKpis has them; the catalog makes survey_responses a flow, the means not; units as the panel writes them', () => {
		const dataset = datasetOf({surveys: [response('2026-03-02T10:00:00.000Z', best, [4, 4, 4])]});
		const values = computeKpis({dataset, settings: defaultSettings(), now: Date.parse('2026-05-01T00:00:00Z')}, march);
		expect(values).toMatchObject({usability_score: 100, survey_responses: 1, ease_of_use: 4});
		expect(kpiCatalog.survey_responses).toMatchObject({group: 'experience', unit: 'count', flow: true});
		expect(kpiCatalog.usability_score).toMatchObject({group: 'experience', unit: 'score', flow: false});
		for (const id of ['ease_of_use', 'fit_for_work', 'data_accuracy'] as const)
			expect(kpiCatalog[id]).toMatchObject({group: 'experience', unit: 'rating', flow: false});
	});

	test('the records behind each of them: the period’s answers as the log holds them, newest first', () => {
		const answers = [
			response('2026-02-27T10:00:00.000Z', best, [5, 5, 5]),
			response('2026-03-02T10:00:00.000Z', best, [5, 5, 5]),
			response('2026-03-09T10:00:00.000Z', neutral, [3, 3, 3]),
		];
		const created = (record: SurveyResponse, id: string): ChangeEntry =>
			({id, entity: 'surveys', action: 'create', recordId: record.id, at: record.createdAt}) as ChangeEntry;
		const changes = [created(answers[0]!, 'chg_a'), created(answers[1]!, 'chg_b'), created(answers[2]!, 'chg_c')];
		const dataset = datasetOf({surveys: answers, changes});
		for (const id of ['usability_score', 'survey_responses', 'ease_of_use', 'fit_for_work', 'data_accuracy'] as const)
			expect(recordsBehind(id, dataset, march)).toEqual({
				caption: 'survey answers in the period, as the log holds them',
				entity: 'log',
				ids: ['chg_c', 'chg_b'],
			});
		expect(recordsBehind('usability_score', datasetOf({}), march).ids).toEqual([]);
	});

	test('answering the survey is not activity: an operator whose only change in P is a response is not counted', () => {
		const entry = (operator: string, entity: string): ChangeEntry =>
			({operator, entity, at: '2026-03-05T10:00:00.000Z'}) as ChangeEntry;
		const changes = [entry('ana', 'customers'), entry('vic', 'surveys'), entry('ana', 'surveys')];
		expect(adoptionKpis(changes, march, ['ana', 'vic'])).toEqual({active_operators: 1, usage_rate: 0.5});
	});
});

describe('a response’s lowest-rated question', () => {
	const keys = (sus: readonly number[], questions: readonly number[]) =>
		lowestRatedItem(response('2026-03-01T00:00:00.000Z', sus, questions));
	test.each([
		['the best answers everywhere: every item ties at 4, the first wins', best, [5, 5, 5], 'sus1'],
		['all 3s: every item ties at 2, the first wins', neutral, [3, 3, 3], 'sus1'],
		[
			'a negatively worded item rated 5 (contribution 0) is the worst',
			[5, 1, 5, 5, 5, 1, 5, 1, 5, 1],
			[5, 5, 5],
			'sus4',
		],
		['a question rated 1 is the worst when the SUS items are all good', best, [5, 1, 5], 'fitForWork'],
		[
			'a tie between an even item and a question goes to the earlier',
			[5, 1, 5, 1, 5, 1, 5, 1, 5, 3],
			[5, 5, 3],
			'sus10',
		],
		[
			'the published example: items 3, 5 and 7 give 1; item 2 gives 1 too and comes first',
			published,
			[4, 4, 4],
			'sus2',
		],
	] as const)('%s → %s', (_name, sus, questions, lowest) => {
		expect(keys(sus, questions)).toBe(lowest);
	});

	test.each([
		['sus1', 1, 0],
		['sus1', 5, 4],
		['sus2', 1, 4],
		['sus2', 5, 0],
		['easeOfUse', 1, 0],
		['dataAccuracy', 5, 4],
	] as const)('%s rated %d contributes %d', (key, rating, contribution) => {
		expect(itemContribution(key, rating)).toBe(contribution);
	});
});

describe('the report’s Operators’ experience section', () => {
	const now = Date.parse('2026-05-01T00:00:00Z');
	const markdown = (surveys: SurveyResponse[]) => {
		const input = {dataset: datasetOf({surveys}), settings: defaultSettings(), now};
		return reportMarkdown(evaluate(input, march), {generatedAt: '2026-05-01T00:00:00.000Z', source: 'x.json', surveys});
	};
	const section = (text: string) => text.slice(text.indexOf('## Operators’ experience'), text.indexOf('## Campaigns'));

	test('none in P: said so, with the KPI table all without data', () => {
		const text = section(markdown([response('2026-02-10T00:00:00.000Z', best, [5, 5, 5], 'February')]));
		expect(text).toContain('No survey responses in 2026-03.');
		expect(text).toMatch(/\| Usability \(SUS\) \(`usability_score`\) \| — \|/);
		expect(text).not.toContain('February');
	});

	test('the count, the mean SUS with its band, the three means; the comments grouped by lowest-rated question, escaped', () => {
		const text = section(
			markdown([
				response('2026-03-02T10:00:00.000Z', best, [5, 1, 5], 'Misses *my* [quotes](http://x) | tab\there'),
				response('2026-03-03T10:00:00.000Z', published, [4, 4, 4], 'Too many\nsteps\u0007'),
				response('2026-03-04T10:00:00.000Z', best, [4, 2, 5], 'Orders screen lacks the thing'),
				response('2026-03-05T10:00:00.000Z', neutral, [3, 3, 3]),
				response('2026-04-01T10:00:00.000Z', neutral, [3, 3, 3], 'April: not this period'),
			]),
		);
		expect(text).toContain(
			'4 survey responses in 2026-03. Mean SUS score 76.3 (good), on 0–100. Mean ratings, 1–5: easy to operate 4.00, fits the work 2.50, data accurate 4.25.',
		);
		expect(text).toContain('the one with the lowest contribution (0–4; for the negatively worded SUS items');
		expect(text).toContain('ties to the earlier item');
		const fit = text.indexOf('### Question “Does it do what your work needs?”');
		const item2 = text.indexOf('### Item 2 (“I found the system unnecessarily complex.”)');
		expect(fit).toBeGreaterThan(0);
		expect(item2).toBeGreaterThan(fit);
		expect(text).toContain('- Misses \\*my\\* \\[quotes\\](http://x) \\| tab here — op');
		expect(text).toContain('- Too many steps\\x07 — op');
		expect(text).toContain(', 2026-03-03, SUS 55.0');
		expect(text).not.toContain('April');
		expect(text).not.toContain('\u0007');
	});

	test('JSON’s experience: comments only where there is one (not blank), oldest first, each with its lowest-rated item', () => {
		const json = (surveys: SurveyResponse[]) => {
			const input = {dataset: datasetOf({surveys}), settings: defaultSettings(), now};
			return reportJson(evaluate(input, march), '2026-05-01T00:00:00.000Z', new Map(), undefined, [], surveys)
				.experience;
		};
		const empty = {
			responses: 0,
			usabilityScore: null,
			band: null,
			easeOfUse: null,
			fitForWork: null,
			dataAccuracy: null,
		};
		expect(json([])).toEqual({...empty, comments: []});
		const experience = json([
			response('2026-03-04T10:00:00.000Z', best, [4, 2, 5], 'Orders screen lacks the thing'),
			response('2026-03-02T10:00:00.000Z', published, [4, 4, 4], 'Too many steps'),
			response('2026-03-05T10:00:00.000Z', neutral, [3, 3, 3], ' \n\t '),
			response('2026-03-06T10:00:00.000Z', neutral, [3, 3, 3]),
		]);
		expect(experience).toMatchObject({responses: 4, usabilityScore: (100 + 55 + 50 + 50) / 4, band: 'below average'});
		expect(experience.comments.map(({lowestItem, susScore, comment}) => [lowestItem, susScore, comment])).toEqual([
			['sus2', 55, 'Too many steps'],
			['fitForWork', 100, 'Orders screen lacks the thing'],
		]);
		expect(experience.comments[1]!.lowestText).toBe('Does it do what your work needs?');
	});

	test('escaping: Markdown’s inline characters get a backslash, line breaks a space, controls \\xNN', () => {
		expect(commentInMarkdown('a_b `c` <d> ~e~ & f\\g\r\nnext')).toBe('a\\_b \\`c\\` \\<d\\> \\~e\\~ \\& f\\\\g next');
		expect(commentInMarkdown('\u001b[31mred')).toBe('\\x1b\\[31mred');
		expect(commentInMarkdown('')).toBe('');
	});
});
