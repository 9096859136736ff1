import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import {DataTable} from '../../source/ui/components/data-table.js';
import {FormView} from '../../source/ui/components/form-view.js';
import {opportunityForm} from '../../source/ui/forms/form-definitions.js';
import {validateForm} from '../../source/ui/forms/form-values.js';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import type {FormState} from '../../source/ui/state/app-types.js';
import {relatedRecords} from '../../source/ui/state/related-records.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';
import {dealOf} from '../support/records.js';
import {renderComponent} from '../support/render-component.js';

afterEach(() => {
	cleanup();
	setLanguage('en');
});

/** Where each run of text after two spaces (or the two cells of the cursor mark) starts, in cells: the columns of a line. */
const columnStarts = (line: string): number[] => {
	const starts: number[] = [];
	for (const match of line.matchAll(/(?<=^.{2}| {2})\S/g)) starts.push(displayWidth(line.slice(0, match.index)));
	return starts;
};

describe('a list and a form in Chinese', () => {
	test('the deals list at 80 columns: the Chinese header whole, within the width, each title over its cells', () => {
		setLanguage('zh-CN');
		const buyer = customer({id: 'cus_1', name: '王小明', company: '星河科技'});
		const dataset = datasetOf({
			customers: [buyer],
			opportunities: [
				dealOf({customerId: 'cus_1', title: 'Renewal', stage: 'proposal', amount: 12500, probability: 0.5}),
			],
		});
		const context = {now: fixedNow, dataset, related: relatedRecords(dataset)};
		const list = {cursor: 0, offset: 0, filter: '', sort: {column: 'created', descending: true}};
		const {lines, fits} = renderComponent(
			<DataTable
				entity="opportunities"
				rows={dataset.opportunities}
				list={list}
				width={80}
				height={5}
				context={context}
			/>,
			{width: 80},
		);
		const [header, row] = lines();
		expect(fits()).toBe(true);
		for (const title of ['标题', '客户', '阶段', '金额', '概率', '结束日期']) expect(header).toContain(title);
		// Each title starts where its column's cells start (the amount and the probability are right-aligned: they end there).
		const titles = columnStarts(header!);
		const cells = columnStarts(row!);
		expect(titles.slice(0, 3)).toEqual(cells.slice(0, 3));
		expect(displayWidth(header!.trimEnd())).toBeLessThanOrEqual(80);
		expect(row).toContain('王小明');
	});

	test('the deal form: its labels in Chinese, and a required reason left empty refused in Chinese', () => {
		setLanguage('zh-CN');
		const texts = {title: '续约', stage: 'lost', lostReason: '', amount: '12,500', currency: 'USD'};
		const form: FormState = {
			definition: opportunityForm,
			recordId: null,
			version: null,
			texts,
			original: texts,
			fixed: {},
			focus: 'lostReason',
			caret: 0,
			touched: ['lostReason'],
			submitted: true,
			storeErrors: {},
		};
		const {frame, fits} = renderComponent(
			<FormView
				form={form}
				errors={{lostReason: validateForm(opportunityForm, texts, {}, undefined, fixedNow).errors['lostReason']!}}
				related={relatedRecords(datasetOf({}))}
				width={80}
				height={30}
				saving={false}
			/>,
			{width: 80},
		);
		expect(fits()).toBe(true);
		for (const label of ['标题', '客户', '阶段', '丢单原因', '金额', '币种', '成交概率 %', '预计成交日期'])
			expect(frame()).toContain(label);
		expect(frame()).toContain('✗ 请选择丢单原因');
		expect(frame()).not.toContain('Lost because');
	});
});
