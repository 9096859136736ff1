import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {setLanguage} from '../../../source/i18n/i18n.js';
import type {Language} from '../../../source/i18n/language.js';
import {fitHints, hintsFor, StatusLine} from '../../../source/ui/components/status-line.js';
import type {View} from '../../../source/ui/keys/keymap.js';
import {displayWidth} from '../../../source/ui/layout/cell-text.js';
import {renderComponent} from '../../support/render-component.js';

afterEach(() => {
	cleanup();
	setLanguage('en');
});

const listView: View = {help: false, overlay: null, form: false, mode: 'list', screen: 'customers'};
const filterView: View = {...listView, mode: 'filter'};

/** The hints the line shows, split back into whole hints (two spaces apart). */
const shownHints = (line: string): string[] =>
	line
		.trim()
		.split(/ {2,}/)
		.filter((hint) => hint !== '');

describe('fitHints', () => {
	test('keeps hints whole, in their order, dropping the last ones first', () => {
		const hints = ['? help', 'j/↓ move', 'Enter open', '/ filter'];
		expect(fitHints(hints, 100)).toBe('? help  j/↓ move  Enter open  / filter');
		// `? help  j/↓ move  Enter open` is 28 cells: the filter hint goes whole, not cut.
		expect(fitHints(hints, 30)).toBe('? help  j/↓ move  Enter open');
		expect(fitHints(hints, 28)).toBe('? help  j/↓ move  Enter open');
		expect(fitHints(hints, 27)).toBe('? help  j/↓ move');
		expect(fitHints(hints, 5)).toBe('');
		expect(fitHints([], 80)).toBe('');
	});

	test('measures Chinese hints by display width: two cells a character', () => {
		const hints = ['? 帮助', 'j/↓ 移动', 'Enter 打开'];
		// `? 帮助` is 6 cells, `? 帮助  j/↓ 移动` 16.
		expect(fitHints(hints, 16)).toBe('? 帮助  j/↓ 移动');
		expect(fitHints(hints, 15)).toBe('? 帮助');
	});
});

describe.each<Language>(['en', 'zh-CN'])('the status line in %s', (language) => {
	test.each([80, 200])('at %i columns: whole hints only, by rank, within the width', (width) => {
		setLanguage(language);
		const all = hintsFor(listView);
		const {lines} = renderComponent(
			<StatusLine view={listView} width={width} filter="" position="1/120" notice={null} />,
			{width, height: 1},
		);
		const line = lines()[0]!;
		expect(displayWidth(line)).toBeLessThanOrEqual(width);
		expect(line).not.toContain('…');
		expect(line.trimEnd().endsWith('1/120')).toBe(true);
		const shown = shownHints(line.replace(/1\/120\s*$/, ''));
		// A prefix of the ranked hints: whole ones, the least important dropped first, `? help` kept.
		expect(shown.length).toBeGreaterThan(0);
		expect(shown).toEqual(all.slice(0, shown.length));
		expect(shown[0]).toBe(all[0]);
		// The next hint would not have fitted: none was dropped that had room.
		if (shown.length < all.length)
			expect(displayWidth([...shown, all[shown.length]!].join('  '))).toBeGreaterThan(width - ' 1/120'.length - 1);
	});

	test('while filtering, the hints after the typed text drop whole too', () => {
		setLanguage(language);
		const width = 80;
		const all = hintsFor(filterView);
		const {lines} = renderComponent(
			<StatusLine view={filterView} width={width} filter="acme corporation" position="3/120" notice={null} />,
			{width, height: 1},
		);
		const line = lines()[0]!;
		expect(displayWidth(line)).toBeLessThanOrEqual(width);
		expect(line.startsWith('/acme corporation')).toBe(true);
		expect(line).not.toContain('…');
		const shown = shownHints(line.slice('/acme corporation'.length + 1).replace(/3\/120\s*$/, ''));
		expect(shown).toEqual(all.slice(0, shown.length));
	});
});

test('a Chinese line drops more hints than the English one at 80 columns, and never half a hint', () => {
	const count = (language: Language) => {
		setLanguage(language);
		const {lines} = renderComponent(<StatusLine view={listView} width={80} filter="" position="" notice={null} />, {
			width: 80,
			height: 1,
		});
		const hints = hintsFor(listView);
		const shown = shownHints(lines()[0]!);
		cleanup();
		return {shown, hints};
	};
	const english = count('en');
	const chinese = count('zh-CN');
	expect(chinese.shown).toEqual(chinese.hints.slice(0, chinese.shown.length));
	expect(english.shown).toEqual(english.hints.slice(0, english.shown.length));
	// Both have more hints than fit in 80 columns (else the test says nothing about dropping).
	expect(english.shown.length).toBeLessThan(english.hints.length);
	expect(chinese.shown.length).toBeLessThan(chinese.hints.length);
});
