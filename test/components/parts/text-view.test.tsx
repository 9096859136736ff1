import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {CaretText} from '../../../source/ui/components/caret-text.js';
import {TextView} from '../../../source/ui/components/text-view.js';
import {WrappedText} from '../../../source/ui/components/wrapped-text.js';
import {textInput} from '../../../source/ui/state/text-input.js';
import {colorTheme} from '../../../source/ui/theme/theme.js';
import {renderComponent} from '../../support/render-component.js';

afterEach(() => cleanup());

const rows = (count: number) => Array.from({length: count}, (_, index) => ({text: `line ${index + 1}`}));

describe('TextView', () => {
	test('a window of the rows from the scroll position, with where it is when there is more', () => {
		const {lines} = renderComponent(<TextView title="Help" rows={rows(20)} scroll={5} width={30} height={5} />, {
			width: 30,
			height: 5,
		});
		expect(lines()[0]).toMatch(/^ Help\s+6–9\/20$/);
		expect(
			lines()
				.slice(1)
				.map((line) => line.trim()),
		).toEqual(['line 6', 'line 7', 'line 8', 'line 9']);
	});

	test('all rows fit: no position shown; without a title every line is a row', () => {
		const titled = renderComponent(<TextView title="Ada" rows={rows(2)} scroll={0} width={30} height={5} />, {
			width: 30,
		});
		expect(titled.lines()[0]!.trim()).toBe('Ada');
		cleanup();
		const bare = renderComponent(<TextView rows={rows(3)} scroll={0} width={30} height={3} />, {width: 30});
		expect(bare.lines().map((line) => line.trim())).toEqual(['line 1', 'line 2', 'line 3']);
	});

	test('no rows at all: the title and an empty line, nothing else', () => {
		const {lines} = renderComponent(<TextView title="Empty" rows={[]} scroll={0} width={30} height={3} />, {
			width: 30,
		});
		expect(lines()[0]!.trim()).toBe('Empty');
		expect(lines().slice(1).join('').trim()).toBe('');
	});

	test('a title with control characters shows them as text, never as escapes', () => {
		const {raw} = renderComponent(
			<TextView title={'Evil\u001B[2JName\nNext'} rows={rows(1)} scroll={0} width={40} height={3} />,
			{width: 40},
		);
		expect(raw()).not.toContain('\u001B[2J');
		expect(raw()).not.toContain('Name\nNext');
	});
});

describe('CaretText', () => {
	test.each([
		{name: 'the empty text: the caret alone', text: '', width: 10, shown: ' '},
		{name: 'a short text with the caret at its end', text: 'Ada', width: 10, shown: 'Ada '},
		{
			name: 'a long text keeps the caret in view, cut at the start',
			text: 'abcdefghijklmnop',
			width: 8,
			shown: '…klmnop ',
		},
		{name: 'a line break is a space: the field stays one line', text: 'a\nb', width: 10, shown: 'a b '},
		{name: 'an escape is written out, never sent', text: 'a\u001B[2Jb', width: 20, shown: 'a\\x1b[2Jb '},
	])('$name', ({text, width, shown}) => {
		const {frame} = renderComponent(<CaretText input={textInput(text)} width={width} />, {width: 40});
		expect(frame()).toBe(shown);
	});

	test('the caret is an inverse cell', () => {
		const {raw} = renderComponent(<CaretText input={{text: 'Ada', caret: 1}} width={10} />, {width: 40});
		expect(raw()).toMatch(/A\u001B\[7md\u001B\[27ma/);
	});
});

describe('WrappedText', () => {
	test('wraps at the width, never cutting a word it can keep; maxLines caps it; null and empty draw nothing', () => {
		const text = 'The file /srv/crm/data.json could not be read: permission denied';
		const wrapped = renderComponent(<WrappedText text={text} width={20} />, {width: 20});
		expect(wrapped.lines().length).toBeGreaterThan(3);
		expect(wrapped.fits()).toBe(true);
		expect(wrapped.frame().replaceAll('\n', ' ').replace(/\s+/g, ' ').trim()).toBe(text);
		cleanup();
		expect(renderComponent(<WrappedText text={text} width={20} maxLines={2} />, {width: 20}).lines()).toHaveLength(2);
		cleanup();
		expect(renderComponent(<WrappedText text={null} width={20} />, {width: 20}).frame()).toBe('');
		cleanup();
		expect(renderComponent(<WrappedText text="" width={20} />, {width: 20}).frame()).toBe('');
	});

	test('its tone colours it under the colour theme', () => {
		const {raw} = renderComponent(<WrappedText text="refused" width={20} tone="bad" />, {
			width: 20,
			theme: colorTheme,
		});
		expect(raw()).toContain('\u001B[31mrefused');
	});
});
