import {readFileSync} from 'node:fs';
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {demoCosts} from '../../source/commands/demo-costs.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {smallDemo, withoutLifecycle} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

const demo = withoutLifecycle(smallDemo({customers: 120, opportunities: 400, tickets: 250, feedback: 200}));
const save = '\u0013';

type Screen = Awaited<ReturnType<typeof renderConsole>>;

/** The ROI KPI opened: the cursor from the last KPI up until its view is the one of ROI. */
const openRoi = async (screen: Screen): Promise<string> => {
	await screen.press('5');
	await screen.press('G');
	for (let step = 0; step < 12; step++) {
		const frame = await screen.press(keys.enter);
		if (frame.includes('Return on investment')) return frame;
		await screen.press(keys.escape);
		await screen.press('k');
	}
	throw new Error('the ROI KPI was not found');
};

describe('ROI: the costs by category beside the benefit', () => {
	test('at 80x24: each category, the subtotals, benefit, ROI and the payback month, within the frame', async () => {
		const config = {assessment: {goLive: '2025-12-01', roi: {margin: 0.3, ...demoCosts('2025-12-01')}}};
		const screen = await renderConsole({dataset: demo, width: 80, height: 24, config});
		await screen.waitFor((frame) => frame.includes('1/120'));
		const frame = await openRoi(screen);
		expect(frame).toContain('Return on investment, 2025-12-01 to 2026-05-31 (go-live 2025-12-01), in USD');
		expect(frame).toMatch(/Implementation\s+\$182,000\s+Benefit/);
		expect(frame).toMatch(/ {2}software\s+\$96,000/);
		expect(frame).toMatch(/ {2}hosting\s+\$2,700/);
		expect(frame).toMatch(/Operation\s+\$27,600/);
		expect(frame).toMatch(/Total costs\s+\$209,600/);
		expect(frame).toMatch(/Before go-live \(payback\)\s+\$14,950/);
		expect(frame).toMatch(/= \$[\d,]+/);
		expect(frame).toMatch(/Payback month: (\d{4}-\d{2}|not yet)/);
		expect(frame).toContain('C edits the costs');
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(23);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
	});

	test('no costs: ROI has no value, and the view says how to add them; no go-live: says so', async () => {
		const screen = await renderConsole({
			dataset: demo,
			width: 80,
			height: 24,
			config: {assessment: {goLive: '2025-12-01'}},
		});
		await screen.waitFor((frame) => frame.includes('1/120'));
		expect(await openRoi(screen)).toContain('No costs are entered, so ROI has no value. Press C to add them');
		const bare = await renderConsole({dataset: demo, width: 80, height: 24});
		await bare.waitFor((frame) => frame.includes('1/120'));
		expect(await openRoi(bare)).toContain('No go-live date is set: press o to set it.');
	});
});

describe('the costs form (C on the assessment screen)', () => {
	test('one line per cost, the next appearing as one is filled; saved, merged and logged', {
		timeout: 30_000,
	}, async () => {
		const screen = await renderConsole({
			dataset: demo,
			width: 80,
			height: 24,
			config: {assessment: {goLive: '2025-12-01'}},
		});
		await screen.waitFor((frame) => frame.includes('1/120'));
		await screen.press('5');
		const form = await screen.press('C');
		expect(form).toContain('ROI costs');
		expect(form).toContain('One-off 1');
		expect(form).not.toContain('One-off 2');
		const typed = await screen.press('2025-12-01 software 45,000 Licences');
		expect(typed).toContain('One-off 2');
		await screen.press(keys.tab);
		await screen.press(keys.tab);
		await screen.press('2025-12.. hosting 300 Cloud VM');
		await screen.press(save);
		await screen.waitFor((frame) => frame.includes('Saved the ROI costs.'));
		expect(JSON.parse(readFileSync(settingsPathFor(screen.file), 'utf8')).assessment.roi).toEqual({
			implementation: [{category: 'software', date: '2025-12-01', amount: 45_000, note: 'Licences'}],
			operation: [{category: 'hosting', from: '2025-12', to: null, amount: 300, note: 'Cloud VM'}],
		});
		expect(await screen.press('6')).toMatch(/tester\s+update\s+settings\s+ROI costs/);
		// Each cost in the entry as it is typed.
		await screen.press('/ROI costs');
		await screen.press(keys.enter);
		const entry = await screen.press(keys.enter);
		expect(entry).toMatch(/costs\.implement\S*\s+— → 2025-12-01 software 45,000 Licences/);
		expect(entry).toMatch(/costs\.operation\s+— → 2025-12\.\. hosting 300 Cloud VM/);
		await screen.press(keys.escape);
		// Opened again, it shows them as typed; one blanked is removed, the other kept.
		await screen.press('5');
		const again = await screen.press('C');
		expect(again).toContain('2025-12-01 software 45,000 Licences');
		expect(again).toContain('2025-12.. hosting 300 Cloud VM');
		await screen.press(keys.up);
		await screen.press(keys.backspace.repeat(40));
		await screen.press(save);
		await screen.waitFor((frame) => frame.includes('Saved the ROI costs.'));
		expect(JSON.parse(readFileSync(settingsPathFor(screen.file), 'utf8')).assessment.roi.implementation).toEqual([]);
		expect(JSON.parse(readFileSync(settingsPathFor(screen.file), 'utf8')).assessment.roi.operation).toHaveLength(1);
	});

	test('a bad line is refused at its field in words; nothing saved', async () => {
		const screen = await renderConsole({
			dataset: demo,
			width: 80,
			height: 24,
			config: {assessment: {goLive: '2025-12-01'}},
		});
		await screen.waitFor((frame) => frame.includes('1/120'));
		await screen.press('5');
		const form = await screen.press('C');
		// The hint and each refusal read whole at 80 columns, not cut by the form's value column.
		expect(form).toContain('2026-03-01 software 45 000 Licences; blank removes it');
		await screen.press('2026-02-30 software 5');
		const refused = await screen.press(save);
		expect(refused).toContain('Not saved: 1 field needs attention.');
		expect(refused).toContain('✗ date “2026-02-30” is not real: February 2026 has 28 days');
		await screen.press(keys.ctrlU);
		await screen.press('2026-03-01 catering 5');
		expect(await screen.press(save)).toContain('✗ software, hardware, deployment, training or data migration');
		await screen.press(keys.ctrlU);
		await screen.press('2026-03-01 hosting 450 VM');
		expect(await screen.press(save)).toContain('✗ “hosting” is monthly: type it as 2026-03.. hosting 450 …');
		expect(JSON.parse(readFileSync(settingsPathFor(screen.file), 'utf8')).assessment.roi).toBeUndefined();
	});
});

describe('who may change the costs', () => {
	test('a sales operator is told why, and no form opens; the ROI view still shows', async () => {
		const config = {
			access: {operators: {ana: 'admin', sam: 'sales'}},
			assessment: {
				goLive: '2025-12-01',
				roi: {implementation: [{category: 'software', date: '2025-12-01', amount: 9000}]},
			},
		};
		const screen = await renderConsole({dataset: demo, width: 80, height: 24, operator: 'sam', config});
		await screen.waitFor((frame) => frame.includes('1/120'));
		await screen.press('5');
		await screen.press('C');
		expect(screen.lines().at(-1)).toContain('sam (sales) may not change settings');
		expect(screen.frame()).not.toContain('Edit ROI costs');
		expect(await openRoi(screen)).toMatch(/ {2}software\s+\$9,000/);
	});
});
