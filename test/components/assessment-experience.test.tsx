import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {experienceKpis} from '../../source/assessment/experience-kpis.js';
import {formatKpi} from '../../source/assessment/format-kpi.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {susBand} from '../../source/domain/survey.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {kpiOrder} from '../../source/ui/state/assessment.js';
import {smallDemo} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

const demo = smallDemo();
const may = parsePeriod('2026-05')!;
const {usability_score: score, survey_responses: answers} = experienceKpis(demo.surveys, may);

describe.each([
	{width: 80, height: 24},
	{width: 200, height: 50},
])('Operators’ experience at $width x $height', ({width, height}) => {
	test('its panel shows the SUS band beside the score, and its trend says the band and lists the answers', async () => {
		expect(score).not.toBeNull();
		const band = susBand(score!);
		const screen = await renderConsole({dataset: demo, width, height});
		await screen.waitFor((frame) => frame.includes('1/60'));
		await screen.press('5');
		const frame = await screen.press('j'.repeat(kpiOrder.indexOf('usability_score')));
		expect(frame).toContain('Operators’ experience');
		expect(frame).toMatch(
			new RegExp(`› .+SUS ${band}\\s+${formatKpi('usability_score', score!).replace('.', '\\.')}\\s+≥ 68\\.0`),
		);
		for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
		const trend = await screen.press(keys.enter);
		expect(trend).toContain(`Usability (SUS), ${band} this period: last 12 periods`);
		expect(trend).toContain('Line: usability (SUS);');
		expect(trend).toContain(`2026-05: ${answers} survey answers in the period, as the log holds them`);
	});
});
