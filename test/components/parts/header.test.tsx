import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {Header} from '../../../source/ui/components/header.js';
import {colorTheme} from '../../../source/ui/theme/theme.js';
import {renderComponent} from '../../support/render-component.js';

afterEach(() => cleanup());

describe('Header', () => {
	test('at 200 columns: every screen by number and name, the active one in brackets, the data file at the right', () => {
		const {frame, fits} = renderComponent(<Header screen="tickets" width={200} source="/home/ops/crm.json" />, {
			width: 200,
		});
		expect(frame()).toMatch(
			/^crm {2}1 Customers {2}2 Opportunities \[3 Tickets\] 4 Feedback {2}5 Assess {2}6 Log {2}7 Campaigns {2}8 Orders {2}9 Follow-ups /,
		);
		expect(frame()).toMatch(/\/home\/ops\/crm\.json$/);
		expect(fits()).toBe(true);
	});

	test('at 40 columns: only the active screen keeps its name, the others their number; no room, no path', () => {
		const {frame, fits} = renderComponent(<Header screen="customers" width={40} source="/home/ops/crm.json" />, {
			width: 40,
		});
		expect(frame()).toContain('[1 Customers]');
		expect(frame().trimEnd()).toBe('crm [1 Customers] 2 3 4 5 6 7 8 9');
		expect(frame()).not.toContain('Opportunities');
		expect(fits()).toBe(true);
	});

	test('a long path keeps its end (the file name), cut at the start', () => {
		const source = `/very/${'deep/'.repeat(30)}crm.json`;
		const {frame, fits} = renderComponent(<Header screen="customers" width={120} source={source} />, {width: 120});
		expect(frame()).toMatch(/…[a-z/]*deep\/crm\.json$/);
		expect(fits()).toBe(true);
	});

	test('the empty source shows no path; colour marks the name only under the colour theme', () => {
		const mono = renderComponent(<Header screen="customers" width={200} source="" />, {width: 200});
		expect(mono.frame().trimEnd()).toMatch(/\d [A-Z][a-z-]+ ?$/);
		expect(mono.raw()).not.toMatch(/\u001B\[3\dm/);
		cleanup();
		const color = renderComponent(<Header screen="customers" width={200} source="" />, {width: 200, theme: colorTheme});
		expect(color.raw()).toMatch(/\u001B\[36m/);
	});
});
