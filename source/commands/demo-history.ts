import {chainEntries} from '../domain/audit-chain.js';
import {type ChangeEntry, diffRecords} from '../domain/change-log.js';
import type {AnyStoredRecord, Dataset, StoredEntity} from '../domain/dataset.js';
import {storedEntities} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import {recordLabel} from '../domain/record-label.js';
import {day} from '../domain/units.js';
import type {RandomSource} from './random-source.js';

/** Who entered a record of each kind in the console, when the record names nobody. */
const fallbackOperator: Record<StoredEntity, string> = {
	customers: 'Dana Whitfield',
	opportunities: 'Marcus Lee',
	tickets: 'Alex Kim',
	feedback: 'Jordan Blake',
	campaigns: 'Lina Park',
	orders: 'Priya Raman',
	activities: 'Dana Whitfield',
};

const operatorOf = (entity: StoredEntity, record: AnyStoredRecord): string => {
	const fields = record as unknown as Record<string, unknown>;
	const named = entity === 'activities' ? fields['operator'] : fields['owner'];
	return typeof named === 'string' && named !== '' ? named : fallbackOperator[entity];
};

/** How many days back the demo's log reaches: the last three months, as the requirements checklist looks at 90 days. */
export const historyDays = 92;
const maxEntries = 500;

/**
 * The change log of the demo: the records entered in the console in the last three months and not
 * changed since, each a create entry by whoever entered it (its owner), chained. Only records as
 * they were created are logged, so the log and the records agree (a deal's stage history reads
 * its stage as created; nothing claims a change the records do not show). The newest
 * `maxEntries` at most, so a large seed (the bench's) keeps a small log.
 */
export const demoHistory = (random: RandomSource, dataset: Dataset, end: number): ChangeEntry[] => {
	const from = new Date(end - historyDays * day).toISOString();
	const created: Array<{entity: StoredEntity; record: AnyStoredRecord}> = [];
	for (const entity of storedEntities)
		for (const record of dataset[entity] as readonly AnyStoredRecord[])
			if (record.createdAt >= from && record.updatedAt === record.createdAt) created.push({entity, record});
	created.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
	const entries = created.slice(-maxEntries).map(
		({entity, record}): ChangeEntry => ({
			id: newId('chg', random.next),
			at: record.createdAt,
			operator: operatorOf(entity, record),
			action: 'create',
			entity,
			recordId: record.id,
			label: recordLabel(entity, record),
			changes: diffRecords(undefined, record as unknown as Record<string, unknown>),
			undoOf: null,
			batch: null,
		}),
	);
	return chainEntries('', entries);
};
