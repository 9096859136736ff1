import {describe, expect, test} from 'vitest';
import {keymap} from '../../source/ui/keys/keymap.js';
import {displayWidth, fitCell, oneLine, truncate, truncateStart, wrapText} from '../../source/ui/layout/cell-text.js';
import {columnGap, fitColumns} from '../../source/ui/layout/columns.js';
import {frameLayout} from '../../source/ui/layout/frame-layout.js';
import {screenFor, screenOrder} from '../../source/ui/screens/screen-registry.js';

describe('display width', () => {
	test('CJK characters take two cells, accents one', () => {
		expect(displayWidth('王伟')).toBe(4);
		expect(displayWidth('김민준')).toBe(6);
		expect(displayWidth('José')).toBe(4);
	});

	test('fitCell always returns exactly the width, CJK included', () => {
		for (const text of ['', 'Ana', '王伟', '株式会社サクラ商事', 'Tomás Ortega', 'a very long company name indeed']) {
			for (const width of [1, 2, 3, 5, 8, 13])
				expect(displayWidth(fitCell(text, width)), `${text} @ ${width}`).toBe(width);
		}
	});

	test('truncate marks a cut with an ellipsis and never splits a wide character', () => {
		expect(truncate('株式会社サクラ商事', 7)).toBe('株式会…');
		expect(truncate('short', 10)).toBe('short');
		expect(truncate('abcdef', 0)).toBe('');
	});

	test('truncateStart keeps the end of a path', () => {
		expect(truncateStart('/home/ana/.local/share/crm-console/crm.json', 16)).toBe('…onsole/crm.json');
		expect(displayWidth(truncateStart('/data/東京デジタル.json', 9))).toBeLessThanOrEqual(9);
		expect(truncateStart('crm.json', 20)).toBe('crm.json');
	});

	test('wrapText keeps every line within the width', () => {
		const lines = wrapText('Prefers short meetings. 東京デジタル合同会社 asks for written proposals, always.', 12);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(12);
		expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('written proposals');
	});
});

describe('control characters in text from data', () => {
	const hostile = 'A\u001B]0;pwned\u0007B\u001B]52;c;aGk=\u0007C\u001B[31mD\u009BE';
	const shown = 'A\\x1b]0;pwned\\x07B\\x1b]52;c;aGk=\\x07C\\x1b[31mD\\x9bE';
	const raw = /[\u0000-\u001F\u007F-\u009F]/;

	test.each([
		['', ''],
		['Acme', 'Acme'],
		[hostile, shown],
		['notes\non two lines\twith a tab', 'notes on two lines with a tab'],
		['crlf\r\nline', 'crlf\\x0d line'],
		['del\u007F', 'del\\x7f'],
	])('oneLine(%j) is %j', (text, line) => {
		expect(oneLine(text)).toBe(line);
	});

	test('every cell function shows them escaped and measures what it shows (4 cells each)', () => {
		expect(displayWidth('\u001B')).toBe(4);
		expect(displayWidth('a\u009Bb')).toBe(6);
		expect(displayWidth(hostile)).toBe(shown.length);
		expect(truncate(hostile, 200)).toBe(shown);
		expect(truncateStart(hostile, 200)).toBe(shown);
		for (const width of [1, 4, 5, 9, 17, 40, 80]) {
			for (const cut of [
				truncate(hostile, width),
				truncateStart(hostile, width),
				fitCell(hostile, width),
				fitCell(hostile, width, 'right'),
			]) {
				expect(raw.test(cut), `${JSON.stringify(cut)} @ ${width}`).toBe(false);
				expect(displayWidth(cut)).toBeLessThanOrEqual(width);
			}
			expect(displayWidth(fitCell(hostile, width))).toBe(width);
		}
		expect(fitCell('\u001B[31m', 8)).toBe('\\x1b[31m');
	});

	test('wrapped text keeps its line breaks, shows tabs as spaces and escapes the rest', () => {
		expect(wrapText('first\nsecond\tpart\u0007', 40)).toEqual(['first', 'second part\\x07']);
		expect(wrapText('', 10)).toEqual(['']);
		const lines = wrapText(`${hostile} ${hostile}`, 12);
		for (const line of lines) {
			expect(raw.test(line)).toBe(false);
			expect(displayWidth(line)).toBeLessThanOrEqual(12);
		}
		expect(lines.join('')).toContain('pwned');
	});
});

describe('fitColumns', () => {
	test.each(screenOrder.filter((name) => screenFor(name).columns.length > 0))(
		'the %s table never exceeds the width, from 38 to 200 cells',
		(entity) => {
			const columns = screenFor(entity).columns;
			for (let width = 38; width <= 200; width += 3) {
				const fitted = fitColumns(columns, width);
				const used = fitted.reduce((sum, column) => sum + column.width, 0) + columnGap * (fitted.length - 1);
				expect(used, `${entity} at ${width}`).toBeLessThanOrEqual(width);
				expect(fitted.some((column) => column.priority === 1)).toBe(true);
			}
		},
	);

	test('narrow terminals drop the least important columns first, and keep screen order', () => {
		const columns = screenFor('customers').columns;
		const narrow = fitColumns(columns, 60).map((column) => column.id);
		const wide = fitColumns(columns, 200).map((column) => column.id);
		expect(wide).toEqual(columns.map((column) => column.id));
		expect(narrow).toContain('name');
		expect(narrow).toContain('status');
		expect(narrow).not.toContain('phone');
	});
});

describe('screen definitions', () => {
	test.each(screenOrder)('%s: sort letters are unique capitals that no list key already uses', (entity) => {
		const letters = screenFor(entity).columns.map((column) => column.letter);
		expect(new Set(letters).size).toBe(letters.length);
		const taken = keymap
			.filter((command) => command.scope === 'list' || command.scope === 'global')
			.flatMap((command) => command.keys);
		for (const letter of letters) {
			expect(letter).toMatch(/^[A-Z]$/);
			expect(taken, `${entity} column letter ${letter}`).not.toContain(letter);
		}
	});
});

describe('frameLayout', () => {
	test('the frame is one row shorter than the terminal', () => {
		expect(frameLayout({columns: 80, rows: 24}).height).toBe(23);
		expect(frameLayout({columns: 200, rows: 50}).height).toBe(49);
		expect(frameLayout({columns: 30, rows: 24}).tooSmall).toBe(true);
	});
});
