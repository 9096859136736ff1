import type {Dataset} from '../dataset.js';
import type {CsvRow, CsvTable} from './csv-table.js';
import {Lookups} from './import-lookups.js';
import type {ImportMapping} from './import-mapping.js';
import type {ImportPlan, PlanContext, PlanProgress} from './import-plan.js';
import {dateOrdersOf} from './import-rows.js';
import {TargetPlanner} from './target-planner.js';

export type {ImportPlan, PlanContext, PlanProgress, RowNote, RowOutcome, TargetSummary} from './import-plan.js';
export {type DateOrders, dateOrderDetection, dateOrdersOf} from './import-rows.js';

/**
 * What importing rows with `mapping` would change: a create for each new external id, an update
 * for each changed one, nothing for the unchanged; rows that cannot be records are rejected with
 * the reason, rows that import with a caveat are warned about. Pure: nothing is written here.
 * Rows come in batches, as a file is read: every row for the mapping's first target, then every
 * row again for the next (a ticket finds the customer a later row made), then `finish`.
 */
export const createImportPlanner = (dataset: Dataset, mapping: ImportMapping, context: PlanContext) => {
	const now = new Date(context.now).toISOString();
	const plan: ImportPlan = {mutations: [], summaries: [], rejects: [], warnings: [], outcomes: []};
	const lookups = new Lookups(dataset, plan.mutations);
	const targets = mapping.targets.map(
		(target, index) => new TargetPlanner(target, index, plan, lookups, dataset, context, now),
	);
	// A target's gathered rows (an order's lines) are planned once the next target begins, or at the end.
	let current = 0;
	return {
		/** Plans `rows` (the next in file order) for the mapping's target number `target`. */
		add: (target: number, rows: Iterable<CsvRow>): void => {
			if (target !== current) targets[current]!.flush();
			current = target;
			targets[target]!.add(rows);
		},
		/** The plan, once every target has had every row. */
		finish: (): ImportPlan => {
			targets[current]?.flush();
			return plan;
		},
	};
};

export type ImportPlanner = ReturnType<typeof createImportPlanner>;

/**
 * The plan of a table held in memory, a step at a time: it yields its progress every `every` rows,
 * so a console can draw a bar and stay responsive.
 */
export function* planImportSteps(
	dataset: Dataset,
	table: CsvTable,
	mapping: ImportMapping,
	context: PlanContext,
): Generator<PlanProgress, ImportPlan> {
	const planner = createImportPlanner(dataset, mapping, {
		...context,
		dateOrders: context.dateOrders ?? dateOrdersOf(mapping, table.rows),
	});
	const total = table.rows.length * mapping.targets.length;
	const every = context.every ?? 500;
	let done = 0;
	for (const [target] of mapping.targets.entries()) {
		for (let start = 0; start < table.rows.length; start += every) {
			const rows = table.rows.slice(start, start + every);
			planner.add(target, rows);
			done += rows.length;
			if (rows.length === every) yield {done, total};
		}
	}
	return planner.finish();
}

/** The whole plan at once (the command line has no bar to draw). */
export const planImport = (
	dataset: Dataset,
	table: CsvTable,
	mapping: ImportMapping,
	context: PlanContext,
): ImportPlan => {
	const planner = createImportPlanner(dataset, mapping, {
		...context,
		dateOrders: context.dateOrders ?? dateOrdersOf(mapping, table.rows),
	});
	for (const [target] of mapping.targets.entries()) planner.add(target, table.rows);
	return planner.finish();
};
