import {writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {stringify} from 'csv-stringify/sync';
import {entitySingular} from '../../domain/dataset.js';
import {CrmStore} from '../../store/store.js';
import {ImportError, readCsv} from './csv-file.js';
import {mappingFromPairs, readMapping, type ImportMapping} from './mapping.js';
import {planImport, type ImportPlan} from './plan-import.js';

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

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The summary an operator reads: per entity, created / updated / unchanged / rejected / skipped, then warnings. */
export const describePlan = (plan: ImportPlan, dryRun: boolean, rejectsFile: string | null): string => {
	const lines = plan.summaries.map(
		(summary) =>
			`${entitySingular[summary.entity]}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected, ${summary.skipped} skipped, ${plural(summary.warnings, 'warning')}`,
	);
	const changes = plan.mutations.length;
	lines.push(dryRun ? `Dry run: nothing was written (${plural(changes, 'change')} would be made).` : changes === 0 ? 'Nothing to change: the data already matches the file.' : `Saved ${plural(changes, 'change')} as one import.`);
	if (rejectsFile) lines.push(`Rejected rows, with their line and reason: ${rejectsFile}`);
	// Warnings of one kind (numbers aside) are counted together, with the first lines to look at.
	const groups = new Map<string, {example: string; entity: string; lines: number[]}>();
	for (const warning of plan.warnings) {
		const key = `${warning.entity}\u0000${warning.message.replace(/\d+/g, '#')}`;
		const group = groups.get(key) ?? {example: warning.message, entity: entitySingular[warning.entity], lines: []};
		group.lines.push(warning.line);
		groups.set(key, group);
	}
	if (groups.size > 0) lines.push('Warnings:');
	for (const group of groups.values()) {
		const where = `line${group.lines.length === 1 ? '' : 's'} ${group.lines.slice(0, 5).join(', ')}${group.lines.length > 5 ? ', …' : ''}`;
		lines.push(`  ${group.lines.length} × ${group.entity}: ${group.lines.length === 1 ? group.example : group.example.replace(/line \d+/g, 'line #')} (${where})`);
	}
	return `${lines.join('\n')}\n`;
};

/**
 * `crm import`: reads the CSV, maps it, and saves every create and update as one change (all or
 * nothing). Re-importing the same file changes nothing. Rejected rows go to a CSV with their line
 * number and the reason, beside the data file unless told otherwise.
 */
export const runImport = async (options: ImportOptions): Promise<string> => {
	const entities = ['customers', 'opportunities', 'tickets', 'feedback'];
	const table = await readCsv(options.csv);
	let mapping: ImportMapping;
	if (options.map && options.map.length === 1 && options.map[0]!.endsWith('.json')) mapping = await readMapping(options.map[0]!);
	else {
		if (!entities.includes(options.entity)) throw new ImportError(`${options.entity} is not something to import: use ${entities.join(', ')}.`);
		// Without a mapping, columns named like our fields map themselves — except our own bookkeeping,
		// which the importing store assigns (the source's id becomes the upsert key instead).
		const bookkeeping = new Set(['id', 'version', 'updatedAt']);
		const pairs = options.map && options.map.length > 0 ? options.map : table.headers.filter((header) => !bookkeeping.has(header)).map((header) => `${header}=${header}`);
		const ownExport = !options.map?.length && table.headers.includes('id') && table.headers.includes('version');
		const idColumn = options.idColumn ?? (ownExport ? 'id' : table.headers.includes('externalId') ? 'externalId' : undefined);
		if (!idColumn) throw new ImportError(`${options.csv}: say which column identifies a row with --id COLUMN (it makes a second import update instead of duplicating).`);
		mapping = mappingFromPairs(options.entity, pairs.filter((pair) => !(ownExport && pair.startsWith('externalId='))), idColumn);
		// A file exported by crm keeps its ids and links (customerId, ticketId) when it comes back.
		if (ownExport) mapping = {targets: mapping.targets.map((target) => ({...target, keepIds: true}))};
	}
	const store = await CrmStore.open(options.dataFile);
	const plan = planImport(store.data, table, mapping, {now: options.now ?? Date.now(), settings: store.settings});
	let rejectsFile: string | null = null;
	if (plan.rejects.length > 0) {
		rejectsFile = options.rejectsFile ?? join(dirname(options.dataFile), `${basename(options.csv).replace(/\.csv$/i, '')}.rejects.csv`);
		const rows = plan.rejects.map((reject) => ({line: reject.line, entity: reject.entity, reason: reject.message, ...reject.row.values}));
		await writeFile(rejectsFile, stringify(rows, {header: true, columns: ['line', 'entity', 'reason', ...table.headers]}), {mode: 0o600});
	}
	if (!options.dryRun && plan.mutations.length > 0) await store.apply(plan.mutations, options.operator);
	return describePlan(plan, options.dryRun ?? false, rejectsFile);
};
