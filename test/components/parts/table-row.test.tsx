import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {type RowCell, TableRow} from '../../../source/ui/components/table-row.js';
import {colorTheme} from '../../../source/ui/theme/theme.js';
import {renderComponent} from '../../support/render-component.js';

afterEach(() => cleanup());

const cells = (...texts: string[]): RowCell[] =>
	texts.map((text, index) => ({text, width: 10, align: index === texts.length - 1 ? 'right' : 'left', tone: 'text'}));

describe('TableRow', () => {
	test.each([
		{
			name: 'left and right aligned cells',
			texts: ['Ada', 'Lovelace', '1,200'],
			shown: '  Ada         Lovelace         1,200',
		},
		{name: 'a cell too long for its width, cut with an ellipsis', texts: ['Bartholomew Jones'], shown: '  Bartholom…'},
		{name: 'the empty cell', texts: [''], shown: '  '},
		{name: 'no cells at all', texts: [], shown: '  '},
		{name: 'wide characters by their cells', texts: ['王小明公司'], shown: '  王小明公司'},
	])('$name', ({texts, shown}) => {
		const {frame} = renderComponent(<TableRow cells={cells(...texts)} selected={false} />, {width: 60});
		expect(frame().trimEnd()).toBe(shown.trimEnd());
	});

	test('the selected row carries the cursor mark in mono and inverse in colour; others are not marked', () => {
		const mono = renderComponent(<TableRow cells={cells('Ada', '7')} selected />, {width: 40});
		expect(mono.frame()).toMatch(/^> Ada/);
		cleanup();
		const color = renderComponent(<TableRow cells={cells('Ada', '7')} selected />, {width: 40, theme: colorTheme});
		expect(color.frame()).toMatch(/^› Ada/);
		expect(color.raw()).toContain('\u001B[7m');
		cleanup();
		const plain = renderComponent(<TableRow cells={cells('Ada')} selected={false} />, {width: 40, theme: colorTheme});
		expect(plain.raw()).not.toContain('\u001B[7m');
	});

	test('a tone colours its cell under the colour theme only', () => {
		const row: RowCell[] = [{text: 'overdue', width: 10, align: 'left', tone: 'bad'}];
		expect(renderComponent(<TableRow cells={row} selected={false} />, {width: 40, theme: colorTheme}).raw()).toContain(
			'\u001B[31m',
		);
		cleanup();
		expect(renderComponent(<TableRow cells={row} selected={false} />, {width: 40}).raw()).not.toMatch(/\u001B\[3\dm/);
	});

	test('a row wider than the screen is cut at the screen’s edge, never wrapped', () => {
		const {lines, fits} = renderComponent(<TableRow cells={cells('a', 'b', 'c', 'd', 'e')} selected={false} />, {
			width: 30,
		});
		expect(lines()).toHaveLength(1);
		expect(fits()).toBe(true);
	});
});
