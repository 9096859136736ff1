import type {AnyStoredRecord, EntityName} from '../dataset.js';
import type {Mutation} from '../mutation.js';
import type {Settings} from '../settings.js';
import type {CsvRow} from './csv-table.js';
import type {DateOrders} from './import-rows.js';

export type TargetSummary = {
	entity: EntityName;
	created: number;
	updated: number;
	unchanged: number;
	rejected: number;
	skipped: number;
	warnings: number;
};
export type RowNote = {line: number; entity: EntityName; message: string};
/** What one row does to one entity, with the record as it will land (for a preview). */
export type RowOutcome = {
	line: number;
	entity: EntityName;
	action: 'create' | 'update' | 'unchanged' | 'reject' | 'skip';
	record?: AnyStoredRecord;
	message?: string;
	warnings: string[];
};
export type ImportPlan = {
	mutations: Mutation[];
	summaries: TargetSummary[];
	rejects: Array<RowNote & {row: CsvRow}>;
	warnings: RowNote[];
	/** Row by row, in file order per entity: kept only when asked for (a preview), not for a whole large file. */
	outcomes: RowOutcome[];
};
/** How far planning has got: rows looked at, over every target, of `total`. */
export type PlanProgress = {done: number; total: number};
export type PlanContext = {
	now: number;
	settings: Settings;
	outcomes?: boolean;
	/** Rows between progress reports. */
	every?: number;
	/** Settled from every row before planning (`dateOrdersOf`); without them a date that reads two ways is a rejected row, never a guess. */
	dateOrders?: DateOrders;
};
