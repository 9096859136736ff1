import type {Dirent} from 'node:fs';
import {readdir, realpath, stat} from 'node:fs/promises';
import {homedir} from 'node:os';
import {dirname, isAbsolute, join, relative, resolve} from 'node:path';
import type {CsvTable} from '../../domain/import/csv-table.js';
import type {ImportMapping} from '../../domain/import/import-mapping.js';
import type {ImportPlan} from '../../domain/import/plan-import.js';
import {t} from '../../i18n/i18n.js';
import {backupFolderFor} from '../../store/backups.js';
import {besideData} from '../../store/data-path.js';
import {operatorFilePath} from '../../store/operator-file.js';
import {readCsv} from './csv-file.js';
import {readMapping} from './mapping-file.js';
import {rejectsPathFor, writeRejects} from './run-import.js';

type FoundFile = {path: string; kind: 'file' | 'folder'; bytes: number};

const isTable = (name: string): boolean => /\.(csv|tsv)$/i.test(name);
/** Folders no export lives in, and that can hold thousands of files. */
const skipped = new Set(['node_modules', '.git', 'dist', 'coverage']);
const maxFound = 500;

/** `~/x` → the home folder's `x`; anything else as it is. */
const expandHome = (path: string): string =>
	path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;

/** A path as an operator would type it from the working folder. */
const shown = (path: string, cwd: string): string => {
	const relativePath = relative(cwd, path);
	return relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : path;
};

/** CSV files under `folder`, `depth` folders down, at most `maxFound`. */
const walk = async (folder: string, depth: number, found: string[]): Promise<void> => {
	let entries: Dirent[];
	try {
		entries = await readdir(folder, {withFileTypes: true});
	} catch {
		return;
	}
	entries.sort((a, b) => a.name.localeCompare(b.name));
	for (const entry of entries) {
		if (found.length >= maxFound) return;
		if (entry.isFile() && isTable(entry.name)) found.push(join(folder, entry.name));
	}
	if (depth === 0) return;
	for (const entry of entries)
		if (entry.isDirectory() && !entry.name.startsWith('.') && !skipped.has(entry.name))
			await walk(join(folder, entry.name), depth - 1, found);
};

const sizeOf = async (path: string): Promise<number> => {
	try {
		return (await stat(path)).size;
	} catch {
		return 0;
	}
};

/**
 * The console's import, on disk: CSV files found under the working folder and beside the data
 * file, the mapping files shipped with crm and kept beside the data, a folder's listing for a typed
 * path, and the rejects report beside the data file (as `crm import` writes it).
 */
export const createConsoleImporter = (options: {dataFile: string; mappingFolders: string[]; cwd?: string}) => {
	const cwd = options.cwd ?? process.cwd();
	/** Where the files beside the data are: beside the data file, or a database's folder on this machine. */
	const beside = besideData(options.dataFile);
	/** A path as typed (relative to the working folder, or `~/…`) → where it is. */
	const located = (path: string): string => resolve(cwd, expandHome(path));
	return {
		async find(): Promise<{
			files: FoundFile[];
			mappings: Array<{file: string; mapping: ImportMapping}>;
			problems: string[];
		}> {
			const paths: string[] = [];
			await walk(cwd, 3, paths);
			await walk(resolve(beside, '..'), 0, paths);
			const unique = [
				...new Map(
					await Promise.all(paths.map(async (path) => [await realpath(path).catch(() => path), path] as const)),
				).values(),
			];
			const files = await Promise.all(
				unique.map(async (path) => ({path: shown(path, cwd), kind: 'file' as const, bytes: await sizeOf(path)})),
			);
			const mappings: Array<{file: string; mapping: ImportMapping}> = [];
			const problems: string[] = [];
			const seen = new Set<string>();
			for (const folder of [...options.mappingFolders, join(resolve(beside, '..'), 'mappings')]) {
				let names: string[];
				try {
					names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
				} catch {
					continue;
				}
				for (const name of names) {
					const path = join(folder, name);
					const real = await realpath(path).catch(() => path);
					if (seen.has(real)) continue;
					seen.add(real);
					try {
						mappings.push({file: shown(path, cwd), mapping: await readMapping(path)});
					} catch (error) {
						problems.push((error as Error).message);
					}
				}
			}
			return {files, mappings, problems};
		},
		async list(folder: string): Promise<FoundFile[]> {
			let entries: Dirent[];
			try {
				entries = await readdir(located(folder), {withFileTypes: true});
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				throw new Error(
					code === 'ENOENT'
						? t('cli.importFolder.missing', {folder})
						: code === 'ENOTDIR'
							? t('cli.importFolder.notFolder', {folder})
							: t('cli.importFolder.unlisted', {folder, reason: code ?? (error as Error).message}),
				);
			}
			const prefix = folder === '.' ? '' : folder;
			// The console's own folders beside the data (its backups, its operators' files) hold no CSV to import.
			const own = new Set([backupFolderFor(beside), dirname(operatorFilePath(beside, 'x'))]);
			const folders = entries
				.filter((entry) => entry.isDirectory() && !own.has(join(located(folder), entry.name)))
				.map((entry) => ({path: `${prefix}${entry.name}/`, kind: 'folder' as const, bytes: 0}));
			const tables = await Promise.all(
				entries
					.filter((entry) => entry.isFile() && isTable(entry.name))
					.map(async (entry) => ({
						path: `${prefix}${entry.name}`,
						kind: 'file' as const,
						bytes: await sizeOf(join(located(folder), entry.name)),
					})),
			);
			const byName = (a: FoundFile, b: FoundFile) => a.path.localeCompare(b.path);
			return [...folders.sort(byName), ...tables.sort(byName)];
		},
		read: (file: string): Promise<CsvTable> => readCsv(located(file), file),
		writeRejects: (plan: ImportPlan, table: CsvTable, csvFile: string): Promise<string> =>
			writeRejects(plan, table, rejectsPathFor(options.dataFile, csvFile), options.dataFile),
		rejectsPath: (csvFile: string): string => rejectsPathFor(options.dataFile, csvFile),
	};
};
