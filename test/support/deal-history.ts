import type {ChangeEntry} from '../../source/domain/change-log.js';
import type {Opportunity, OpportunityStage} from '../../source/domain/opportunity.js';
import {changeOf} from './records.js';

/** A stage change: when (an ISO timestamp) and to which stage. */
export type StageMove = readonly [at: string, stage: OpportunityStage];

/**
 * A hand-made deal history as the store would have logged it: `deal` created at its `createdAt` in
 * `first` — in the console, by an import (its create entry carries an external id), or with no log
 * at all — then moved as `moves` say. The deal comes back in its last stage, closed at the move that
 * closed it (a closing date it has is kept).
 */
export const dealHistory = (
	deal: Opportunity,
	first: OpportunityStage,
	moves: readonly StageMove[],
	how: 'console' | 'import' | 'unlogged' = 'console',
): {deal: Opportunity; entries: ChangeEntry[]} => {
	const last = moves.at(-1)?.[1] ?? first;
	const closes = last === 'won' || last === 'lost';
	const externalId = how === 'import' ? 'row-7' : null;
	const record: Opportunity = {
		...deal,
		stage: last,
		closedAt: closes ? (deal.closedAt ?? moves.at(-1)?.[0] ?? deal.createdAt) : null,
		externalId,
	};
	const entries: ChangeEntry[] = [];
	if (how !== 'unlogged')
		entries.push(
			changeOf({
				at: record.createdAt,
				entity: 'opportunities',
				recordId: record.id,
				action: 'create',
				changes: [
					{field: 'externalId', after: externalId},
					{field: 'stage', after: first},
				],
			}),
		);
	let stage = first;
	for (const [at, to] of moves) {
		entries.push(
			changeOf({
				at,
				entity: 'opportunities',
				recordId: record.id,
				action: 'update',
				changes: [{field: 'stage', before: stage, after: to}],
			}),
		);
		stage = to;
	}
	return {deal: record, entries};
};
