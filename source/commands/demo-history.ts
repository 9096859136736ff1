import {chainEntries} from '../domain/audit-chain.js';
import {type ChangeEntry, diffRecords} from '../domain/change-log.js';
import type {AnyStoredRecord, Dataset, StoredEntity} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import {recordLabel} from '../domain/record-label.js';
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
	surveys: 'Dana Whitfield',
	audiences: 'Lina Park',
};

/** Feedback names nobody: the service agent who recorded it, the same for a record each time. */
const serviceAgents = ['Alex Kim', 'Jordan Blake', 'Riley Chen', 'Sam Okoro', 'Taylor Brooks'];

const operatorOf = (entity: StoredEntity, record: AnyStoredRecord): string => {
	const fields = record as unknown as Record<string, unknown>;
	if (entity === 'feedback')
		return serviceAgents[[...record.id].reduce((sum, char) => sum + char.charCodeAt(0), 0) % serviceAgents.length]!;
	const named = entity === 'activities' || entity === 'surveys' ? fields['operator'] : fields['owner'];
	return typeof named === 'string' && named !== '' ? named : fallbackOperator[entity];
};

/**
 * The kinds of record logged here as created: not the deals, whose log is their stage history
 * (demo-deal-history.ts; a create entry alone would read as the deal created in its current stage).
 */
const logged: readonly StoredEntity[] = ['customers', 'feedback', 'campaigns', 'orders', 'activities', 'surveys'];

/**
 * Where the demo's log begins: the first day of the month before `end` — the last complete month
 * and the running one. A log entry of a create holds the whole record: a longer history would
 * weigh on every load and count of the demo for little (the records carry their own dates).
 */
export const historyStart = (end: number): string => {
	const date = new Date(end);
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1)).toISOString();
};
const maxEntries = 400;

/**
 * The change log of the demo: the customers, feedback, campaigns, orders, timeline entries and survey responses made
 * in the console since `historyStart` and not changed since, each a create entry by whoever entered
 * it (its owner), chained. Only records as they were created are logged, so the log and the records
 * agree (nothing claims a change the records do not show). `nameOf` names the staff in the demo's language. The newest `maxEntries` at most, so a
 * large seed (the bench's) keeps a small log. `dealEntries`, the deals' stage histories, are merged
 * in by time before the log is chained.
 */
export const demoHistory = (
	random: RandomSource,
	dataset: Dataset,
	end: number,
	dealEntries: readonly ChangeEntry[] = [],
	nameOf: (english: string) => string = (name) => name,
): ChangeEntry[] => {
	const from = historyStart(end);
	const created: Array<{entity: StoredEntity; record: AnyStoredRecord}> = [];
	for (const entity of logged)
		for (const record of dataset[entity] as readonly AnyStoredRecord[])
			if (record.createdAt >= from && record.updatedAt === record.createdAt) created.push({entity, record});
	const byTime = (a: {record: AnyStoredRecord}, b: {record: AnyStoredRecord}) =>
		a.record.createdAt.localeCompare(b.record.createdAt);
	created.sort(byTime);
	// The survey's few answers come on top of the cap: they would otherwise push records' creates out of the log.
	const records = created.filter(({entity}) => entity !== 'surveys').slice(-maxEntries);
	const answers = created.filter(({entity}) => entity === 'surveys');
	const entries = [...records, ...answers].sort(byTime).map(
		({entity, record}): ChangeEntry => ({
			id: newId('chg', random.next),
			at: record.createdAt,
			operator: nameOf(operatorOf(entity, record)),
			action: 'create',
			entity,
			recordId: record.id,
			label: recordLabel(entity, record),
			changes: diffRecords(undefined, record as unknown as Record<string, unknown>),
			undoOf: null,
			batch: null,
		}),
	);
	// A stable sort: a deal's moves keep their order whatever the times.
	return chainEntries(
		'',
		[...entries, ...dealEntries].sort((a, b) => a.at.localeCompare(b.at)),
	);
};
