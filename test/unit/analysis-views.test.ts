import {describe, expect, it} from 'vitest';
import {recordsBehind} from '../../source/assessment/drill-down.js';
import {parsePeriod} from '../../source/assessment/periods.js';
import {textBar} from '../../source/ui/components/funnel-view.js';
import {sparkline} from '../../source/ui/components/stage-times-view.js';
import {stuckDealsOf} from '../../source/ui/state/analysis-views.js';
import {datasetOf} from '../support/fixtures.js';
import {changeOf, dealOf} from '../support/records.js';

describe('the analysis views’ pieces', () => {
	it.each([
		[0, 10, '░░░░░░░░░░'],
		[0.6, 10, '██████░░░░'],
		[1, 4, '████'],
		// Never beyond the bar, whatever the share.
		[1.5, 4, '████'],
	])('a share of %d in %d cells: %s', (share, width, bar) => {
		expect(textBar(share, width)).toBe(bar);
	});

	it('a sparkline spans the stage’s own range; no visit is a dot; a flat line sits mid-height', () => {
		expect(sparkline([1, null, 8, 4.5])).toBe('▁·█▅');
		expect(sparkline([3, 3])).toBe('▄▄');
		expect(sparkline([null, null])).toBe('··');
	});

	it('lists the open deals in a stage by the time since they entered it; those whose entry is not logged after (at most since creation)', () => {
		const moved = dealOf({stage: 'proposal', createdAt: '2026-03-01T00:00:00.000Z'});
		const imported = dealOf({stage: 'proposal', createdAt: '2026-03-20T00:00:00.000Z'});
		const elsewhere = dealOf({stage: 'negotiation', createdAt: '2026-01-01T00:00:00.000Z'});
		const changes = [
			changeOf({
				at: '2026-03-01T00:00:00.000Z',
				entity: 'opportunities',
				recordId: moved.id,
				changes: [{field: 'stage', after: 'prospecting'}],
			}),
			changeOf({
				at: '2026-04-10T00:00:00.000Z',
				entity: 'opportunities',
				recordId: moved.id,
				action: 'update',
				changes: [{field: 'stage', before: 'prospecting', after: 'proposal'}],
			}),
		];
		const stuck = stuckDealsOf([moved, imported, elsewhere], changes, 'proposal');
		// Behind the KPIs' trends: March's new deals that reached proposal; April's visits to prospecting.
		const dataset = datasetOf({opportunities: [moved, imported, elsewhere], changes});
		expect(recordsBehind('funnel_proposal', dataset, parsePeriod('2026-03')!).ids).toEqual([moved.id, imported.id]);
		expect(recordsBehind('days_in_stage_prospecting', dataset, parsePeriod('2026-04')!)).toEqual({
			caption: 'deals whose time in prospecting ended in the period, the longest first',
			entity: 'opportunities',
			ids: [moved.id],
		});
		expect(stuck.map(({deal, since, logged}) => [deal.id, new Date(since).toISOString(), logged])).toEqual([
			[moved.id, '2026-04-10T00:00:00.000Z', true],
			[imported.id, '2026-03-20T00:00:00.000Z', false],
		]);
	});
});
