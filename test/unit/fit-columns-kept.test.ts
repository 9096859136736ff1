import {describe, expect, test} from 'vitest';
import {fitColumns} from '../../source/ui/layout/columns.js';

// fitColumns keeps its answer for the same columns, width and titles, and only then.

let language = 'en';
const titles: Record<string, Record<string, string>> = {
	en: {name: 'Name', company: 'Company'},
	'zh-CN': {name: '姓名', company: '公司名称很长的标题'},
};
const column = (id: string, priority: number) => ({
	id,
	get title() {
		return titles[language]![id]!;
	},
	min: 4,
	max: 30,
	priority,
});
const columns = [column('name', 1), column('company', 2)];

describe('fitColumns kept', () => {
	test.each([
		['the same width', 40, 'en', true],
		['another width', 20, 'en', false],
		['titles in another language', 40, 'zh-CN', false],
	])('%s', (_name, width, then, kept) => {
		language = 'en';
		const first = fitColumns(columns, 40);
		language = then;
		const second = fitColumns(columns, width);
		expect(second === first).toBe(kept);
		// Whatever was kept, the answer is the one made anew.
		expect(second).toEqual(fitColumns([...columns], width));
	});

	test('no columns', () => {
		expect(fitColumns([], 40)).toEqual([]);
		expect(fitColumns([], 40)).toEqual([]);
	});
});
