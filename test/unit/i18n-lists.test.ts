import {afterEach, describe, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import {costsForm} from '../../source/ui/forms/costs-form.js';
import {formFor, generalSettingsForm, opportunityForm, targetForm} from '../../source/ui/forms/form-definitions.js';
import type {FormDefinition} from '../../source/ui/forms/form-field.js';
import {textsToValues, validateForm} from '../../source/ui/forms/form-values.js';
import {moneySettingsForm} from '../../source/ui/forms/money-settings-form.js';
import {editRating} from '../../source/ui/forms/rating-input.js';
import {displayWidth, fitCell} from '../../source/ui/layout/cell-text.js';
import {columnGap, fitColumns} from '../../source/ui/layout/columns.js';
import {screenFor, screenOrder} from '../../source/ui/screens/screen-registry.js';
import {relatedRecords} from '../../source/ui/state/related-records.js';
import {datasetOf, fixedNow} from '../support/fixtures.js';
import {campaignOf, settingsOf, ticketOf} from '../support/records.js';

afterEach(() => setLanguage('en'));

const listScreens = screenOrder.filter((name) => name !== 'assess').map(screenFor);

/** The header as the table draws it at 80 columns (data-table.tsx: two cells of margin, each title fitted to its width). */
const headerAt80 = (name: (typeof screenOrder)[number]) => {
	const columns = fitColumns(screenFor(name).columns, 80 - 2);
	const line = `  ${columns.map((column) => fitCell(column.title, column.width, column.align ?? 'left')).join(' '.repeat(columnGap))}`;
	return {columns, line};
};

describe('the lists in Chinese', () => {
	test('a screen’s title and its columns’ titles follow the language, read when drawn (not fixed at import)', () => {
		const customers = screenFor('customers');
		expect(customers.title).toBe('Customers');
		expect(customers.columns.map((column) => column.title).slice(0, 4)).toEqual([
			'Name',
			'Company',
			'Status',
			'Segment',
		]);
		setLanguage('zh-CN');
		expect(customers.title).toBe('客户');
		expect(customers.columns.map((column) => column.title).slice(0, 4)).toEqual(['姓名', '公司', '状态', '客群']);
		expect(screenFor('campaigns').columns.map((column) => column.title)).toContain('赢单');
		setLanguage('en');
		expect(customers.title).toBe('Customers');
	});

	test.each(listScreens.map((screen) => [screen.name]))(
		'%s at 80 columns: every Chinese title whole, the header within 80 cells, aligned with the cells',
		(name) => {
			setLanguage('zh-CN');
			const {columns, line} = headerAt80(name);
			expect(displayWidth(line)).toBeLessThanOrEqual(80);
			let at = 2;
			let from = 0;
			for (const column of columns) {
				// A title is never cut (so never mid-character): its column is at least its width and one more cell.
				expect(column.width, column.id).toBeGreaterThanOrEqual(displayWidth(column.title) + 1);
				const cell = fitCell(column.title, column.width, column.align ?? 'left');
				expect(cell.trim(), column.id).toBe(column.title);
				expect(displayWidth(cell)).toBe(column.width);
				// Where this column's title starts is where its cells start: the same cells from the left edge.
				const index = line.indexOf(cell, from);
				expect(displayWidth(line.slice(0, index)), column.id).toBe(at);
				from = index + cell.length;
				at += column.width + columnGap;
			}
		},
	);

	test.each(listScreens.map((screen) => [screen.name]))(
		'%s at 80 columns shows the same columns in Chinese as in English',
		(name) => {
			const english = headerAt80(name).columns.map((column) => column.id);
			setLanguage('zh-CN');
			expect(headerAt80(name).columns.map((column) => column.id)).toEqual(english);
		},
	);

	test('the sort letters are the keymap’s, the same in both languages, and the help lists them beside the Chinese titles', () => {
		const english = listScreens.map((screen) => screen.columns.map((column) => column.letter));
		setLanguage('zh-CN');
		expect(listScreens.map((screen) => screen.columns.map((column) => column.letter))).toEqual(english);
		const customers = screenFor('customers').columns.map((column) => `${column.letter} ${column.title}`);
		expect(customers).toContain('N 姓名');
		expect(customers).toContain('D 建档日期');
	});

	test('a ticket’s SLA cell and a follow-up’s words in Chinese; the English ones again after', () => {
		const tickets = screenFor('tickets');
		const sla = tickets.columns.find((column) => column.id === 'due')!;
		const dataset = datasetOf({
			tickets: [
				ticketOf({id: 'tic_late', dueAt: '2026-05-31T00:00:00.000Z', createdAt: '2026-05-30T00:00:00.000Z'}),
				ticketOf({id: 'tic_open', dueAt: '2026-06-01T05:00:00.000Z', createdAt: '2026-05-31T00:00:00.000Z'}),
			],
		});
		const context = {now: fixedNow, dataset, related: relatedRecords(dataset)};
		const cells = () => dataset.tickets.map((ticket) => sla.cell(ticket as never, context));
		const english = cells();
		expect(english[0]).toMatch(/^overdue /);
		expect(english[1]).toMatch(/ left$/);
		setLanguage('zh-CN');
		expect(cells()[0]).toMatch(/^逾期 /);
		expect(cells()[1]).toMatch(/^剩余 /);
		setLanguage('en');
		expect(cells()).toEqual(english);
	});

	test('a detail’s field labels and section titles in Chinese fit the detail’s label column (16 cells)', () => {
		const dataset = datasetOf({campaigns: [campaignOf({id: 'cmp_1', name: 'Spring'})]});
		const context = {now: fixedNow, dataset, related: relatedRecords(dataset)};
		setLanguage('zh-CN');
		const lines = screenFor('campaigns').detail(dataset.campaigns[0] as never, context);
		const labels = lines.flatMap((line) => (line.kind === 'field' ? [line.label] : []));
		expect(labels).toContain('预算');
		expect(labels).toContain('ID');
		for (const label of labels) expect(displayWidth(label), label).toBeLessThanOrEqual(16);
		expect(lines).toContainEqual({kind: 'section', title: '转化漏斗：线索 → 商机 → 赢单'});
		expect(screenFor('followups').empty).toMatch(/^没有待回访事项/);
	});
});

const everyForm = (): FormDefinition[] => [
	...Object.values(formFor),
	generalSettingsForm,
	targetForm('win_rate', '赢率', false, true),
	moneySettingsForm(settingsOf({currencies: ['USD', 'EUR']})),
	costsForm(settingsOf()).definition,
];

describe('the forms in Chinese', () => {
	test('labels and hints follow the language; labels fit the form’s 16 cells, hints its value column at 80 columns', () => {
		expect(opportunityForm.fields.find((field) => field.key === 'lostReason')!.label).toBe('Lost because');
		setLanguage('zh-CN');
		expect(opportunityForm.noun).toBe('商机');
		expect(opportunityForm.fields.find((field) => field.key === 'lostReason')!.label).toBe('丢单原因');
		expect(opportunityForm.fields.find((field) => field.key === 'amount')!.hint).toBe('如 12,500.00');
		for (const form of everyForm())
			for (const field of form.fields) {
				expect(displayWidth(field.label), field.label).toBeLessThanOrEqual(16);
				// 80 columns less the label's 16 cells and 4 of spacing.
				expect(displayWidth(field.hint ?? ''), field.hint).toBeLessThanOrEqual(60);
			}
	});

	test('a required choice left empty, an amount and a rating refused in Chinese', () => {
		setLanguage('zh-CN');
		const {errors} = textsToValues(opportunityForm, {stage: 'lost', lostReason: '', amount: 'lots'}, fixedNow);
		expect(errors['lostReason']).toBe('请选择丢单原因');
		expect(errors['amount']).toBe('必须是金额，如 12,500.00');
		expect(errors['customerId']).toBe('请选择客户');
		expect(editRating('', {text: 'x'} as never)).toEqual({refused: '“x”不是评分：请输入 1 到 5，或用 ←/→'});
	});

	test('a settings form’s own refusals (zod’s, made at import) speak the language in force when checked', () => {
		const texts = {windowMonths: '40', margin: '30', slaUrgent: '0', slaHigh: '8', slaNormal: '24', slaLow: '72'};
		const check = () => validateForm(generalSettingsForm, texts, {}, undefined, fixedNow).errors;
		expect(check()).toMatchObject({windowMonths: 'must be 1 to 36 months', slaUrgent: 'must be more than 0 hours'});
		setLanguage('zh-CN');
		expect(check()).toMatchObject({windowMonths: '必须是 1 到 36 个月', slaUrgent: '必须大于 0 小时'});
	});

	test('English stays word for word: a status left empty says “choose a status”, an owner “choose an owner”', () => {
		const form: FormDefinition = {
			entity: null,
			noun: 'test',
			fields: [
				{key: 'status', label: 'Status', kind: 'enum', required: true},
				{key: 'owner', label: 'Owner', kind: 'enum', required: true},
			],
			defaults: () => ({}),
		};
		expect(textsToValues(form, {}, fixedNow).errors).toEqual({status: 'choose a status', owner: 'choose an owner'});
	});
});
