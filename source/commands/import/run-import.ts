import {lstat} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {stringify} from 'csv-stringify/sync';
import type {Dataset, EntityName} from '../../domain/dataset.js';
import type {CsvRow} from '../../domain/import/csv-table.js';
import {describePlan} from '../../domain/import/describe-import.js';
import {type DateFormat, dateFormats} from '../../domain/import/import-dates.js';
import {ImportError} from '../../domain/import/import-error.js';
import {
	checkMappingFits,
	defaultIdColumn,
	type ImportMapping,
	mappingByColumnNames,
} from '../../domain/import/import-mapping.js';
import {
	createImportPlanner,
	type DateOrders,
	dateOrderDetection,
	type ImportPlan,
	type PlanContext,
} from '../../domain/import/plan-import.js';
import {protectCell, unprotectCell} from '../../domain/spreadsheet-cell.js';
import {t} from '../../i18n/i18n.js';
import {besideData} from '../../store/data-path.js';
import {isDatabaseUrl} from '../../store/database-url.js';
import {writeFileDurably} from '../../store/durable-json-file.js';
import {recordingSaves} from '../../store/metrics-log.js';
import {MutationError} from '../../store/mutation-error.js';
import {bytesUnder, readSetText, setKeyOf} from '../../store/sealed/set-sealing.js';
import {CrmStore} from '../../store/store.js';
import {exitCodes} from '../exit-codes.js';
import {CsvFile} from './csv-file.js';
import {readMapping} from './mapping-file.js';

export type ImportProgress =
	| {
			phase: 'checking';
			entity: EntityName;
			target: number;
			targets: number;
			bytes: number;
			totalBytes: number;
			rows: number;
	  }
	| {phase: 'saving'; changes: number};

export type ImportOptions = {
	entity: string;
	csv: string;
	dataFile: string;
	/** A mapping file, or `col=field` pairs. */
	map?: string[];
	/** With `col=field` pairs: the column holding each row's id in the other system. */
	idColumn?: string;
	/** How every date column is written (`--dates`): it overrides the mapping's `dates`. */
	dates?: string;
	dryRun?: boolean;
	rejectsFile?: string;
	operator: string;
	now?: number;
	/** Called as the file is read and checked, and once when saving begins. */
	onProgress?: (progress: ImportProgress) => void;
	/** Aborted (a signal, Ctrl+C): the import stops before saving anything. Once saving has begun it finishes: a save is all or nothing. */
	signal?: AbortSignal;
	/** --readonly: a dry run only, and no rejects file written. */
	readonly?: boolean;
	/** Hears the plan once it is made (the command line sets its exit code by the rows rejected). */
	report?: (plan: ImportPlan) => void;
};

/** The import was stopped before anything was saved; exits as a process ended by that signal would (130 for SIGINT, 143 for SIGTERM). */
export class ImportStopped extends ImportError {
	override readonly exitCode: number;

	constructor(signal: unknown) {
		super(t('cli.importRun.stopped'));
		this.exitCode = 128 + (signal === 'SIGTERM' ? 15 : signal === 'SIGHUP' ? 1 : 2);
	}
}

const rejectsColumns = ['line', 'entity', 'reason'];
const rejectsHeader = rejectsColumns.join(',');

/** Beside the data file, named after the CSV: `deals.rejects.csv`. */
export const rejectsPathFor = (data: string, csv: string): string =>
	join(dirname(besideData(data)), `${basename(csv).replace(/\.csv$/i, '')}.rejects.csv`);

/**
 * Every rejected row with its line, entity and reason, then its values as they were in the file.
 * Each cell is guarded as an export's are (a value a spreadsheet would run as a formula gets a
 * leading `'`), so importing the file again once its rows are fixed reads every value as it was.
 * Written like the data file: a new file readable by its owner only, moved into place, so a link
 * planted at its name is replaced, never followed.
 */
export const writeRejects = async (
	plan: ImportPlan,
	table: {headers: readonly string[]},
	file: string,
	dataFile: string,
): Promise<string> => {
	// It replaces the rejects of an earlier run of the same file, and nothing else of anyone's.
	// (A link in its place is replaced, never followed; a folder or a device is refused by the write itself, by name.)
	const found = (await lstat(file).catch(() => null))?.isFile()
		? await readSetText(file, 64 * 1024 * 1024).catch(() => null)
		: null;
	if (found && !found.text.startsWith(rejectsHeader)) {
		throw new ImportError(t('cli.importRun.notRejectsFile', {file}));
	}
	const guarded = (row: CsvRow) =>
		Object.fromEntries(
			Object.entries(row.values).map(([column, value]) => [column, protectCell(unprotectCell(value))]),
		);
	const rows = plan.rejects.map((reject) => ({
		line: reject.line,
		entity: reject.entity,
		reason: protectCell(reject.message),
		...guarded(reject.row),
	}));
	const text = stringify(rows, {header: true, columns: [...rejectsColumns, ...table.headers]});
	// The rejected rows are customers' values: sealed under the set's key when the set is encrypted.
	await writeFileDurably(file, text, undefined, bytesUnder(isDatabaseUrl(dataFile) ? null : await setKeyOf(dataFile)));
	return file;
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows checked between two looks at the event loop (a signal, the progress line): a few tens of milliseconds of work. */
const rowsBetweenTurns = 2000;

/**
 * Plans the file a read at a time, target after target (the file is read once per entity a
 * mapping fills), yielding to the event loop between reads so a signal is heard within a moment.
 */
const planFile = async (
	csv: CsvFile,
	dataset: Dataset,
	mapping: ImportMapping,
	context: PlanContext,
	options: Pick<ImportOptions, 'onProgress' | 'signal'>,
): Promise<ImportPlan> => {
	const stopIfAsked = () => {
		if (options.signal?.aborted) throw new ImportStopped(options.signal.reason);
	};
	// Dates a mapping leaves to `auto` are settled column by column from every row first: a read of its own, only when there are such dates.
	const detection = dateOrderDetection(mapping);
	if (detection.needed) {
		for await (const batch of csv.batches((read) =>
			options.onProgress?.({
				phase: 'checking',
				entity: mapping.targets[0]!.entity,
				target: 0,
				targets: mapping.targets.length,
				bytes: read,
				totalBytes: csv.bytes,
				rows: 0,
			}),
		)) {
			stopIfAsked();
			detection.see(batch);
			await nextTurn();
		}
		stopIfAsked();
	}
	let dateOrders: DateOrders;
	try {
		dateOrders = detection.settle();
	} catch (error) {
		throw error instanceof ImportError ? new ImportError(`${csv.file}: ${error.message}`) : error;
	}
	const planner = createImportPlanner(dataset, mapping, {...context, dateOrders});
	for (const [target, {entity}] of mapping.targets.entries()) {
		let rows = 0;
		let bytes = 0;
		const report = () =>
			options.onProgress?.({
				phase: 'checking',
				entity,
				target,
				targets: mapping.targets.length,
				bytes,
				totalBytes: csv.bytes,
				rows,
			});
		for await (const batch of csv.batches((read) => (bytes = read))) {
			// A read of short rows can hold tens of thousands: checked a slice at a time, a signal waits for one slice at most.
			for (let start = 0; start < batch.length; start += rowsBetweenTurns) {
				stopIfAsked();
				const slice = batch.length <= rowsBetweenTurns ? batch : batch.slice(start, start + rowsBetweenTurns);
				planner.add(target, slice);
				rows += slice.length;
				report();
				await nextTurn();
			}
			stopIfAsked();
		}
	}
	return planner.finish();
};

/**
 * `crm import`: reads the CSV a part at a time, maps it, and saves every create and update as one
 * change (all or nothing). Re-importing the same file changes nothing. Rejected rows go to a CSV
 * with their line number and the reason, beside the data file unless told otherwise.
 */
export const runImport = async (options: ImportOptions): Promise<string> => {
	const csv = await CsvFile.open(options.csv);
	let plan: ImportPlan;
	let store: CrmStore;
	let writes = true;
	try {
		let mapping: ImportMapping;
		if (options.map && options.map.length === 1 && options.map[0]!.endsWith('.json'))
			mapping = await readMapping(options.map[0]!);
		else {
			const pairs = options.map ?? [];
			const idColumn = options.idColumn ?? defaultIdColumn(csv.headers, pairs);
			if (!idColumn) throw new ImportError(t('cli.importRun.noId', {file: options.csv}));
			mapping = mappingByColumnNames(options.entity, csv.headers, pairs, idColumn);
		}
		if (options.dates !== undefined) {
			const dates = options.dates;
			if (!(dateFormats as readonly string[]).includes(dates))
				throw new ImportError(t('cli.importRun.dates', {dates, formats: dateFormats.join(', ')}));
			mapping = {...mapping, targets: mapping.targets.map((target) => ({...target, dates: dates as DateFormat}))};
		}
		checkMappingFits(mapping, csv.headers, options.csv);
		// Its save is measured like the console's (KPI.md save_success_rate counts the commands' too).
		store = recordingSaves(
			await CrmStore.open(options.dataFile, Date.now, {readonly: options.readonly}),
			options.dataFile,
		);
		// Who may not make these changes (a viewer, --readonly) is told before the file is read, and writes nothing — a dry run shows what would happen, rejects file aside.
		const refused = store.importRefusal(
			mapping.targets.map((target) => target.entity),
			options.operator,
		);
		if (refused && !options.dryRun) throw new MutationError(refused);
		writes = refused === null;
		if (options.signal?.aborted) throw new ImportStopped(options.signal.reason);
		plan = await planFile(
			csv,
			store.data,
			mapping,
			{now: options.now ?? Date.now(), settings: store.settings},
			options,
		);
	} finally {
		await csv.close();
	}
	// From here on the import is saved whole or not at all: a signal waits for it.
	options.onProgress?.({phase: 'saving', changes: options.dryRun ? 0 : plan.mutations.length});
	// A dry run writes nothing at all (its rejects neither): it says where they would go.
	const rejectsPath =
		plan.rejects.length > 0 ? (options.rejectsFile ?? rejectsPathFor(options.dataFile, options.csv)) : null;
	const rejectsFile =
		rejectsPath && writes && !options.dryRun ? await writeRejects(plan, csv, rejectsPath, options.dataFile) : null;
	options.report?.(plan);
	// A dry run by someone who may save says what saving would meet: it promises nothing the real run refuses.
	if (options.dryRun && writes && plan.mutations.length > 0) {
		const refusal = await store.check(plan.mutations, options.operator);
		if (refusal)
			throw new ImportError(
				`${describePlan(plan, true, rejectsPath)}${t('cli.importRun.wouldBeRefused', {refusal})}`,
				exitCodes.refused,
			);
	}
	if (!options.dryRun && plan.mutations.length > 0) {
		try {
			await store.apply(plan.mutations, options.operator);
		} catch (error) {
			// The data file is one JSON text, and a JavaScript string has a maximum length (about 512 MB):
			// the store refuses before writing anything, with the engine's words; these are the operator's.
			if (error instanceof RangeError && /string length/i.test(error.message)) {
				throw new ImportError(
					t('cli.importRun.tooMany', {file: options.csv, count: plan.mutations.length, dataFile: options.dataFile}),
				);
			}
			throw error;
		}
	}
	// (Only to someone who may import: for anyone else a real run writes nothing either.)
	return describePlan(plan, options.dryRun ?? false, options.dryRun ? (writes ? rejectsPath : null) : rejectsFile);
};
