import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {emptyDataset} from '../../../source/domain/dataset.js';
import type {Opportunity, OpportunityStage} from '../../../source/domain/opportunity.js';
import {settingsSchema} from '../../../source/domain/settings.js';
import {BoardView} from '../../../source/ui/components/board-view.js';
import {boardColumns, boardStages} from '../../../source/ui/state/board.js';
import {relatedRecords} from '../../../source/ui/state/related-records.js';
import {colorTheme} from '../../../source/ui/theme/theme.js';
import {smallDemo} from '../../support/fixtures.js';
import {renderComponent} from '../../support/render-component.js';

afterEach(() => cleanup());

const dataset = smallDemo({customers: 20, opportunities: 60, tickets: 0, feedback: 0});
const related = relatedRecords(dataset);
const customer = dataset.customers[0]!;
const deal = (stage: OpportunityStage, title: string, amount: number): Opportunity => ({
	...dataset.opportunities[0]!,
	id: `opp_${title.replace(/\W/g, '')}`,
	stage,
	title,
	amount,
	currency: 'USD',
	customerId: customer.id,
});
const columnsOf = (deals: Opportunity[]) =>
	boardStages.map((stage) => {
		const here = deals.filter((candidate) => candidate.stage === stage);
		return {stage, deals: here, total: here.reduce((sum, candidate) => sum + candidate.amount, 0), unpriced: 0};
	});

describe('BoardView', () => {
	const deals = [
		deal('proposal', 'Big rollout', 120_000),
		deal('proposal', 'Pilot', 8_000),
		deal('won', 'Renewal', 5_500),
	];

	test.each([
		{width: 80, height: 24},
		{width: 200, height: 50},
	])(
		'at $width x $height: a column per stage with its count and sum, each deal a two-line card; it fits',
		({width, height}) => {
			const {frame, lines, fits} = renderComponent(
				<BoardView
					columns={columnsOf(deals)}
					base="USD"
					selected={{column: 2, row: 0}}
					related={related}
					width={width}
					height={height}
				/>,
				{width, height},
			);
			expect(frame()).toMatch(
				width >= 200
					? /prospecting.*qualification.*proposal.*negotiation.*won 90d.*lost 90d/
					: /prospect.*qualify.*proposal.*negotiate.*won 90d.*lost 90d/,
			);
			expect(frame()).toContain('2 · $128k');
			expect(frame()).toContain('>Big rollout');
			expect(frame()).toContain(' Pilot');
			expect(frame()).toMatch(/ \$120,000 /);
			expect(lines().length).toBeLessThanOrEqual(height);
			expect(fits()).toBe(true);
		},
	);

	test('the selected column and card carry the cursor mark in mono, not only inverse', () => {
		const {frame} = renderComponent(
			<BoardView
				columns={columnsOf(deals)}
				base="USD"
				selected={{column: 2, row: 1}}
				related={related}
				width={120}
				height={12}
			/>,
			{width: 120, height: 12},
		);
		expect(frame()).toMatch(/>proposal/);
		expect(frame()).toContain('>Pilot');
		expect(frame()).not.toContain('>Big rollout');
	});

	test('an empty pipeline: every column says 0 and nothing else', () => {
		const {frame} = renderComponent(
			<BoardView
				columns={columnsOf([])}
				base="USD"
				selected={{column: 0, row: 0}}
				related={related}
				width={120}
				height={12}
			/>,
			{width: 120, height: 12},
		);
		expect(frame().match(/0 · \$0/g)).toHaveLength(6);
	});

	test('the selected card stays in view when the column is longer than the screen', () => {
		const many = Array.from({length: 30}, (_, index) => deal('negotiation', `Deal ${index + 1}`, 1_000 + index));
		const {frame} = renderComponent(
			<BoardView
				columns={columnsOf(many)}
				base="USD"
				selected={{column: 3, row: 25}}
				related={related}
				width={120}
				height={12}
			/>,
			{width: 120, height: 12},
		);
		expect(frame()).toContain('>Deal 26');
		expect(frame()).not.toContain('Deal 1 ');
	});

	test('won deals are green and lost ones grey under the colour theme', () => {
		const {raw} = renderComponent(
			<BoardView
				columns={columnsOf([deal('won', 'Renewal', 5_500), deal('lost', 'Gone', 1_000)])}
				base="USD"
				selected={{column: 0, row: 0}}
				related={related}
				width={120}
				height={12}
			/>,
			{width: 120, height: 12, theme: colorTheme},
		);
		expect(raw()).toMatch(/\u001B\[32m\s*Renewal/);
		expect(raw()).toMatch(/\u001B\[90m\s*Gone/);
	});

	test('a column sums in the base currency and says how many deals have no rate, never adding them as if they had', () => {
		const columns = boardColumns({
			now: Date.parse('2026-06-01T00:00:00Z'),
			related,
			dataset: {
				...emptyDataset(),
				opportunities: [
					{...deal('proposal', 'Shanghai', 100_000), currency: 'CNY', closedAt: null},
					{...deal('proposal', 'Pilot', 8_000), closedAt: null},
				],
			},
			settings: settingsSchema.parse({baseCurrency: 'USD', rates: {}}),
		});
		const {frame} = renderComponent(
			<BoardView
				columns={columns}
				base="USD"
				selected={{column: 2, row: 0}}
				related={related}
				width={200}
				height={12}
			/>,
			{width: 200, height: 12},
		);
		expect(frame()).toContain('2 · $8,000 +1 no rate');
		const priced = boardColumns({
			now: Date.parse('2026-06-01T00:00:00Z'),
			related,
			dataset: {
				...emptyDataset(),
				opportunities: [{...deal('proposal', 'Shanghai', 100_000), currency: 'CNY', closedAt: null}],
			},
			settings: settingsSchema.parse({baseCurrency: 'USD', rates: {CNY: 0.14}}),
		});
		expect(priced[2]!.unpriced).toBe(0);
		expect(priced[2]!.total).toBeCloseTo(14_000, 6);
	});
});
