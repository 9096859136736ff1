import {type EntityName, entityFieldSchemas, entityNames} from '../../domain/dataset.js';
import type {CsvTable} from '../../domain/import/csv-table.js';
import {describePlan} from '../../domain/import/describe-import.js';
import {type ImportMapping, mappingColumns} from '../../domain/import/import-mapping.js';
import type {ImportPlan, RowOutcome} from '../../domain/import/plan-import.js';
import {foldForSearch} from '../../domain/text-fold.js';
import {t} from '../../i18n/i18n.js';
import type {Key} from '../keys/key-parser.js';
import {wrapText} from '../layout/cell-text.js';
import type {AppState, StoreResult} from './app-types.js';
import {singularOf} from './entity-words.js';
import {editText, type TextInput, textInput} from './text-input.js';
import {matchesFilter} from './visible-rows.js';

/** A CSV file or a folder, as the file step lists it. */
export type FoundFile = {path: string; kind: 'file' | 'folder'; bytes: number};
export type MappingFile = {file: string; mapping: ImportMapping};

/** What the console needs to import: find files, read one, write the rejected rows. The store saves. */
export type ConsoleImporter = {
	/** CSV files around the working folder and the data file, the mapping files, and mappings that could not be read. */
	find: () => Promise<{files: FoundFile[]; mappings: MappingFile[]; problems: string[]}>;
	/** The CSV files and subfolders of a folder (a typed path). */
	list: (folder: string) => Promise<FoundFile[]>;
	read: (file: string) => Promise<CsvTable>;
	/** Writes the rejected rows beside the data file; resolves to where they went. */
	writeRejects: (plan: ImportPlan, table: CsvTable, csvFile: string) => Promise<string>;
	/** Where the rejected rows of `csvFile` go (a dry run names it and writes nothing). */
	rejectsPath: (csvFile: string) => string;
};

/** How the CSV's columns become records: a mapping file, or columns named like one entity's fields. */
export type ImportChoice =
	| {kind: 'mapping'; file: string; mapping: ImportMapping; found: number; needed: number; missing: string[]}
	| {kind: 'columns'; entity: EntityName; matched: string[]};

export type ImportWizard = {
	/** Found CSV files and mapping files; null while they are looked for. */
	found: {files: FoundFile[]; mappings: MappingFile[]; problems: string[]} | null;
	/** A typed path's folder, listed; entries are null while it is read. */
	browse: {folder: string; entries: FoundFile[] | null; error?: string} | null;
	query: TextInput;
	cursor: number;
	/** The file chosen; `reading` while it is read. */
	csvFile: string | null;
	reading: boolean;
	table: CsvTable | null;
	/** The choice step asks for the mapping, then (by column names, no id column) for the id column. */
	choosing: 'mapping' | 'idColumn';
	choice: ImportChoice | null;
	mapping: ImportMapping | null;
	/** The first rows planned as they will land. */
	preview: ImportPlan | null;
	/** Which of the mapping's entities the preview shows. */
	target: number;
	dryRun: boolean;
	progress: {phase: 'checking' | 'saving'; done: number; total: number} | null;
	cancelling: boolean;
	summary: string[] | null;
	scroll: number;
	error: string | null;
};

/** Rows the preview plans and shows: enough to scroll through, cheap even for a huge file. */
export const previewRowCount = 100;

const emptyWizard = (): ImportWizard => ({
	found: null,
	browse: null,
	query: textInput(),
	cursor: 0,
	csvFile: null,
	reading: false,
	table: null,
	choosing: 'mapping',
	choice: null,
	mapping: null,
	preview: null,
	target: 0,
	dryRun: false,
	progress: null,
	cancelling: false,
	summary: null,
	scroll: 0,
	error: null,
});

/** Opens the import on its first step; with a path (`:import deals.csv`) it reads that file at once. */
export const openImport = (state: AppState, path?: string): AppState => {
	const wizard = emptyWizard();
	if (path)
		return {...state, mode: 'importFile', importing: {...wizard, query: textInput(path), csvFile: path, reading: true}};
	return {...state, mode: 'importFile', importing: wizard};
};

export const withWizard = (state: AppState, change: Partial<ImportWizard>): AppState => ({
	...state,
	importing: {...state.importing!, ...change},
});

/** A typed path (it has a slash, or starts with ~ or .) browses its folder instead of the found files. */
export const isPathQuery = (text: string): boolean =>
	text.includes('/') || text.startsWith('~') || text.startsWith('.');

/** The folder a typed path lists: everything up to its last slash. */
export const folderOf = (text: string): string => (text.includes('/') ? text.slice(0, text.lastIndexOf('/') + 1) : '.');

/** The file step's rows: the typed folder's entries starting with the typed name, else the found files matching the text. */
export const fileRows = (wizard: ImportWizard): FoundFile[] => {
	const text = wizard.query.text;
	if (isPathQuery(text)) {
		if (!wizard.browse || wizard.browse.folder !== folderOf(text)) return [];
		const name = foldForSearch(text.slice(text.lastIndexOf('/') + 1));
		return (wizard.browse.entries ?? []).filter((entry) =>
			foldForSearch(entry.path.slice(entry.path.replace(/\/$/, '').lastIndexOf('/') + 1)).startsWith(name),
		);
	}
	return (wizard.found?.files ?? []).filter((file) => matchesFilter(foldForSearch(file.path), text));
};

const fieldNames = (entity: EntityName): string[] =>
	Object.keys((entityFieldSchemas[entity] as unknown as {shape: Record<string, unknown>}).shape);

/** Mapping files that fit the CSV's columns best first, then each entity by its column names. */
export const importChoices = (wizard: ImportWizard): ImportChoice[] => {
	const headers = new Set(wizard.table?.headers ?? []);
	const mappings: ImportChoice[] = (wizard.found?.mappings ?? []).map(({file, mapping}) => {
		const columns = mappingColumns(mapping);
		const missing = columns.filter((column) => !headers.has(column));
		return {kind: 'mapping', file, mapping, found: columns.length - missing.length, needed: columns.length, missing};
	});
	const byNames: ImportChoice[] = entityNames.map((entity) => ({
		kind: 'columns',
		entity,
		matched: fieldNames(entity).filter((field) => headers.has(field)),
	}));
	// How well a choice fits the file: a mapping whose columns are all there beats every partial one.
	const fitness = (choice: ImportChoice): number =>
		choice.kind === 'mapping'
			? choice.missing.length === 0
				? 2
				: choice.found / Math.max(1, choice.needed)
			: choice.matched.length / Math.max(1, headers.size);
	return [...mappings, ...byNames]
		.map((choice, index) => ({choice, index}))
		.sort((a, b) => fitness(b.choice) - fitness(a.choice) || a.index - b.index)
		.map(({choice}) => choice);
};

/** The entities a choice imports into, in order. */
export const choiceEntities = (choice: ImportChoice): EntityName[] =>
	choice.kind === 'columns' ? [choice.entity] : choice.mapping.targets.map((target) => target.entity);

/** A list an import lands in, named in the language in force. */
const intoWords = (entity: EntityName): string => {
	switch (entity) {
		case 'customers':
			return t('state.import.into.customers');
		case 'opportunities':
			return t('state.import.into.opportunities');
		case 'tickets':
			return t('state.import.into.tickets');
		case 'feedback':
			return t('state.import.into.feedback');
		case 'campaigns':
			return t('state.import.into.campaigns');
		case 'orders':
			return t('state.import.into.orders');
	}
};

export const choiceLabel = (choice: ImportChoice): string => {
	const into = choiceEntities(choice).map(intoWords).join(' + ');
	if (choice.kind === 'columns') {
		const named = `${choice.matched.slice(0, 4).join(', ')}${choice.matched.length > 4 ? ', …' : ''}`;
		return t('state.import.byColumns', {
			into,
			count: choice.matched.length,
			noun: singularOf(choice.entity),
			which: choice.matched.length > 0 ? t('state.import.which', {named}) : '',
		});
	}
	const fit =
		choice.missing.length === 0
			? t('state.import.allFound', {count: choice.needed})
			: t('state.import.someFound', {
					found: choice.found,
					needed: choice.needed,
					missing: `${choice.missing.slice(0, 3).join(', ')}${choice.missing.length > 3 ? ', …' : ''}`,
				});
	return t('state.import.withFile', {into, file: choice.file, fit});
};

/** The summary as shown: long lines (a rejects file's path) wrap rather than lose their end. */
export const summaryLines = (wizard: ImportWizard, width: number): string[] => {
	const indent = (line: string) => /^ */.exec(line)![0];
	return (wizard.summary ?? []).flatMap((line) =>
		line === '' ? [''] : wrapText(line, width).map((part, index) => (index === 0 ? part : `${indent(line)}  ${part}`)),
	);
};

/** The preview's outcomes of one entity, in file order. */
export const previewOutcomes = (wizard: ImportWizard): RowOutcome[] => {
	const entities = wizard.choice ? choiceEntities(wizard.choice) : [];
	const entity = entities[wizard.target];
	return (wizard.preview?.outcomes ?? []).filter((outcome) => outcome.entity === entity);
};

/** Rows of the choice step: the mapping choices, or the CSV's columns when asking for the id column. */
export const choiceRowCount = (wizard: ImportWizard): number =>
	wizard.choosing === 'idColumn' ? (wizard.table?.headers.length ?? 0) : importChoices(wizard).length;

/** Typing on the file step edits the path or the search; the list follows it. */
export const editImportQuery = (state: AppState, key: Key): AppState => {
	const wizard = state.importing!;
	if (state.mode !== 'importFile' || wizard.reading) return state;
	const query = editText(wizard.query, key);
	return query && query.text !== wizard.query.text
		? withWizard(state, {query, cursor: 0})
		: query
			? withWizard(state, {query})
			: state;
};

/**
 * The file step waits on the disk: the found files, a typed folder's listing, the chosen file
 * being read. Keys typed meanwhile wait too, and run in order once it is there — a fast typist's
 * `path Tab Enter` acts on the listing, not on the moment before it.
 */
export const importWaiting = (state: AppState): boolean => {
	const wizard = state.importing;
	// The mapping step ranks the mapping files: a choice made before they are found would miss them.
	if (wizard && state.mode === 'importChoice') return wizard.found === null;
	if (!wizard || state.mode !== 'importFile') return false;
	if (wizard.reading) return true;
	const text = wizard.query.text;
	if (!isPathQuery(text)) return wizard.found === null;
	return !wizard.browse || wizard.browse.folder !== folderOf(text) || wizard.browse.entries === null;
};

/** Esc while an import runs: it stops before saving (the app checks between batches of rows). */
export const cancelImport = (state: AppState): AppState =>
	state.importing && state.mode === 'importRunning' && state.importing.progress?.phase === 'checking'
		? withWizard(state, {cancelling: true})
		: state;

export const importFound = (state: AppState, found: NonNullable<ImportWizard['found']>): AppState =>
	state.importing ? withWizard(state, {found}) : state;

export const importListed = (state: AppState, folder: string, entries: FoundFile[] | null, error?: string): AppState =>
	state.importing ? withWizard(state, {browse: {folder, entries, ...(error ? {error} : {})}}) : state;

/** The chosen file was read: on to the mapping, the best fitting one selected. Stale reads (the operator moved on) are dropped. */
export const importRead = (
	state: AppState,
	file: string,
	result: {table: CsvTable} | {error: string; folder?: boolean},
): AppState => {
	const wizard = state.importing;
	if (!wizard || wizard.csvFile !== file || !wizard.reading) return state;
	// A folder typed without its slash: open it, as if the slash had been typed.
	if ('error' in result && result.folder)
		return withWizard(state, {
			reading: false,
			csvFile: null,
			query: textInput(`${file.replace(/\/+$/, '')}/`),
			cursor: 0,
			error: null,
		});
	if ('error' in result) return withWizard(state, {reading: false, csvFile: null, error: result.error});
	if (result.table.rows.length === 0)
		return withWizard(state, {reading: false, csvFile: null, error: t('state.import.noRows', {file})});
	return {
		...withWizard(state, {reading: false, table: result.table, choosing: 'mapping', cursor: 0, error: null}),
		mode: 'importChoice',
	};
};

export const importProgress = (
	state: AppState,
	requestId: number,
	progress: NonNullable<ImportWizard['progress']>,
): AppState => (state.importing && state.request?.id === requestId ? withWizard(state, {progress}) : state);

/** The import ended: its summary, and the saved data (undo takes it back whole). */
export const importFinished = (
	state: AppState,
	requestId: number,
	outcome: {plan: ImportPlan; rejectsFile: string | null; result: StoreResult | null},
): AppState => {
	const wizard = state.importing;
	if (!wizard || state.request?.id !== requestId) return state;
	const lines = describePlan(outcome.plan, wizard.dryRun, outcome.rejectsFile).trimEnd().split('\n');
	if (outcome.result && outcome.plan.mutations.length > 0) lines.push('', t('state.import.undo'));
	const next: AppState = {
		...withWizard(state, {summary: [`${wizard.csvFile}`, '', ...lines], scroll: 0, progress: null}),
		mode: 'importDone',
		request: null,
		notice: null,
	};
	return outcome.result ? {...next, dataset: outcome.result.dataset} : next;
};

/** The import stopped (cancelled, refused, failed): back to the preview with the reason; nothing was saved. */
export const importStopped = (state: AppState, message: string): AppState => ({
	...withWizard(state, {progress: null, cancelling: false, error: message}),
	mode: 'importPreview',
	request: null,
	keyBuffer: [],
});
