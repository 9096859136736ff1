import {writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {stringify} from 'csv-stringify/sync';
import type {CsvTable} from '../../domain/import/csv-table.js';
import {describePlan} from '../../domain/import/describe-import.js';
import {ImportError} from '../../domain/import/import-error.js';
import {defaultIdColumn, mappingByColumnNames, type ImportMapping} from '../../domain/import/import-mapping.js';
import {planImport, type ImportPlan} from '../../domain/import/plan-import.js';
import {CrmStore} from '../../store/store.js';
import {readCsv} from './csv-file.js';
import {readMapping} from './mapping-file.js';

export type ImportOptions = {
	entity: string;
	csv: string;
	dataFile: string;
	/** A mapping file, or `col=field` pairs. */
	map?: string[];
	/** With `col=field` pairs: the column holding each row's id in the other system. */
	idColumn?: string;
	dryRun?: boolean;
	rejectsFile?: string;
	operator: string;
	now?: number;
};

/** Beside the data file, named after the CSV: `deals.rejects.csv`. */
export const rejectsPathFor = (dataFile: string, csv: string): string => join(dirname(dataFile), `${basename(csv).replace(/\.csv$/i, '')}.rejects.csv`);

/** Every rejected row with its line, entity and reason, then its values as they were in the file. */
export const writeRejects = async (plan: ImportPlan, table: CsvTable, file: string): Promise<string> => {
	const rows = plan.rejects.map((reject) => ({line: reject.line, entity: reject.entity, reason: reject.message, ...reject.row.values}));
	await writeFile(file, stringify(rows, {header: true, columns: ['line', 'entity', 'reason', ...table.headers]}), {mode: 0o600});
	return file;
};

/**
 * `crm import`: reads the CSV, maps it, and saves every create and update as one change (all or
 * nothing). Re-importing the same file changes nothing. Rejected rows go to a CSV with their line
 * number and the reason, beside the data file unless told otherwise.
 */
export const runImport = async (options: ImportOptions): Promise<string> => {
	const table = await readCsv(options.csv);
	let mapping: ImportMapping;
	if (options.map && options.map.length === 1 && options.map[0]!.endsWith('.json')) mapping = await readMapping(options.map[0]!);
	else {
		const pairs = options.map ?? [];
		const idColumn = options.idColumn ?? defaultIdColumn(table.headers, pairs);
		if (!idColumn) throw new ImportError(`${options.csv}: say which column identifies a row with --id COLUMN (it makes a second import update instead of duplicating).`);
		mapping = mappingByColumnNames(options.entity, table.headers, pairs, idColumn);
	}
	const store = await CrmStore.open(options.dataFile);
	const plan = planImport(store.data, table, mapping, {now: options.now ?? Date.now(), settings: store.settings});
	const rejectsFile = plan.rejects.length > 0 ? await writeRejects(plan, table, options.rejectsFile ?? rejectsPathFor(options.dataFile, options.csv)) : null;
	if (!options.dryRun && plan.mutations.length > 0) await store.apply(plan.mutations, options.operator);
	return describePlan(plan, options.dryRun ?? false, rejectsFile);
};
