import {ImportError} from '../../domain/import/import-error.js';
import {
	checkMappingFits,
	defaultIdColumn,
	type ImportMapping,
	mappingByColumnNames,
} from '../../domain/import/import-mapping.js';
import {dateOrdersOf, type ImportPlan, planImport} from '../../domain/import/plan-import.js';
import {t} from '../../i18n/i18n.js';
import {frameLayout} from '../layout/frame-layout.js';
import type {AppState, ScreenName} from './app-types.js';
import {
	cancelImport,
	choiceEntities,
	choiceRowCount,
	fileRows,
	type ImportChoice,
	type ImportWizard,
	importChoices,
	previewOutcomes,
	previewRowCount,
	summaryLines,
	withWizard,
} from './import-wizard.js';
import {type CursorMove, cursorMoves, cursorSteps, eachOf, type Handler, type ScopeHandlers} from './key-handlers.js';
import {switchScreen} from './list-navigation.js';
import {textInput} from './text-input.js';

/*
 * The import's keys, step by step: the file, the mapping (or the id column), the preview, the
 * import running, its summary. The wizard's state and what the disk tells it are in import-wizard.ts.
 */

/** Plans the first rows with the chosen mapping: exactly what they will become, nothing saved. */
const preview = (state: AppState, choice: ImportChoice, mapping: ImportMapping): AppState => {
	const wizard = state.importing!;
	const table = wizard.table!;
	let plan: ImportPlan;
	try {
		checkMappingFits(mapping, table.headers, wizard.csvFile ?? t('state.import.theFile'));
		// Dates left to `auto` are settled from every row of the file, not only the rows shown.
		plan = planImport(state.dataset, {...table, rows: table.rows.slice(0, previewRowCount)}, mapping, {
			now: state.now,
			settings: state.settings,
			outcomes: true,
			dateOrders: dateOrdersOf(mapping, table.rows),
		});
	} catch (error) {
		if (error instanceof ImportError) return withWizard(state, {error: error.message});
		throw error;
	}
	return {
		...withWizard(state, {choice, mapping, preview: plan, target: 0, cursor: 0, error: null}),
		mode: 'importPreview',
	};
};

const chooseMapping = (state: AppState, choice: ImportChoice, idColumn?: string): AppState => {
	const wizard = state.importing!;
	if (choice.kind === 'mapping') return preview(state, choice, choice.mapping);
	const headers = wizard.table!.headers;
	const id = idColumn ?? defaultIdColumn(headers);
	if (!id) return withWizard(state, {choosing: 'idColumn', choice, cursor: 0, error: null});
	try {
		return preview(state, choice, mappingByColumnNames(choice.entity, headers, [], id));
	} catch (error) {
		if (error instanceof ImportError) return withWizard(state, {error: error.message});
		throw error;
	}
};

const page = (state: AppState): number => Math.max(3, frameLayout(state.size).body - 8);

/** Moves the step's cursor among `count` rows. */
const moveAmong =
	(count: (wizard: ImportWizard) => number): Handler<CursorMove> =>
	(state, command) => {
		const wizard = state.importing!;
		const step = cursorSteps(page(state))[command];
		return withWizard(state, {cursor: Math.max(0, Math.min(count(wizard) - 1, wizard.cursor + step))});
	};

const closeImport = (state: AppState, screen?: ScreenName): AppState => {
	// Keys typed ahead for the import go with it.
	const closed: AppState = {...state, mode: 'list', importing: null, keyBuffer: state.request ? state.keyBuffer : []};
	return screen && screen !== state.screen ? switchScreen(closed, screen) : closed;
};

/** Enter on the file step: a folder opens, a file is read; a typed path nothing lists is tried as it is. */
const chooseFile = (state: AppState): AppState => {
	const wizard = state.importing!;
	const row = fileRows(wizard)[wizard.cursor];
	if (row?.kind === 'folder') return withWizard(state, {query: textInput(row.path), cursor: 0});
	const path = row?.path ?? wizard.query.text.trim();
	if (path === '') return {...state, notice: {text: t('state.import.typePath'), tone: 'info'}};
	if (path.endsWith('/'))
		return {
			...state,
			notice: {text: t('state.import.noMatch'), tone: 'info'},
		};
	return withWizard(state, {csvFile: path, reading: true, error: null});
};

/** Hands the whole file to the app to plan (with a progress bar) and save as one change. */
const startImport = (state: AppState, dryRun: boolean): AppState => {
	const wizard = state.importing!;
	const total = wizard.table!.rows.length * wizard.mapping!.targets.length;
	return {
		...withWizard(state, {dryRun, progress: {phase: 'checking', done: 0, total}, cancelling: false, error: null}),
		mode: 'importRunning',
		request: {
			id: state.nextRequestId,
			kind: 'import',
			csvFile: wizard.csvFile!,
			table: wizard.table!,
			mapping: wizard.mapping!,
			dryRun,
		},
		nextRequestId: state.nextRequestId + 1,
	};
};

/** While the chosen file is read, the file step's keys wait on it (Esc still leaves). */
const unlessReading =
	<C extends CursorMove | 'import.choose' | 'import.complete'>(handle: Handler<C>): Handler<C> =>
	(state, command, key) =>
		state.importing?.reading ? state : handle(state, command, key);

const moveInFiles = unlessReading(moveAmong((wizard) => fileRows(wizard).length));

export const importFileKeys: ScopeHandlers<'importFile'> = {
	'import.choose': unlessReading(chooseFile),
	'import.complete': unlessReading((state) => {
		const wizard = state.importing!;
		const row = fileRows(wizard)[wizard.cursor];
		return row ? withWizard(state, {query: textInput(row.path), cursor: 0}) : state;
	}),
	'cursor.down': moveInFiles,
	'cursor.up': moveInFiles,
	'cursor.pageDown': moveInFiles,
	'cursor.pageUp': moveInFiles,
	'import.cancel': (state) => closeImport(state),
};

export const importChoiceKeys: ScopeHandlers<'importChoice'> = {
	...eachOf(cursorMoves, moveAmong(choiceRowCount)),
	'import.choose': (state) => {
		const wizard = state.importing!;
		if (wizard.choosing === 'idColumn')
			return chooseMapping(state, wizard.choice!, wizard.table!.headers[wizard.cursor]);
		const choice = importChoices(wizard)[wizard.cursor];
		return choice ? chooseMapping(state, choice) : state;
	},
	'import.back': (state) =>
		state.importing!.choosing === 'idColumn'
			? withWizard(state, {choosing: 'mapping', cursor: 0, error: null})
			: {...withWizard(state, {table: null, csvFile: null, cursor: 0, error: null}), mode: 'importFile'},
};

const nextTarget: Handler<'import.nextTarget' | 'import.previousTarget'> = (state, command) => {
	const wizard = state.importing!;
	const count = wizard.choice ? choiceEntities(wizard.choice).length : 1;
	const step = command === 'import.nextTarget' ? 1 : count - 1;
	return withWizard(state, {target: (wizard.target + step) % count, cursor: 0});
};

export const importPreviewKeys: ScopeHandlers<'importPreview'> = {
	...eachOf(
		cursorMoves,
		moveAmong((wizard) => previewOutcomes(wizard).length),
	),
	'import.run': (state) => startImport(state, false),
	'import.dryRun': (state) => startImport(state, true),
	'import.nextTarget': nextTarget,
	'import.previousTarget': nextTarget,
	'import.back': (state) => ({
		...withWizard(state, {choosing: 'mapping', preview: null, cursor: 0, error: null}),
		mode: 'importChoice',
	}),
};

export const importRunningKeys: ScopeHandlers<'importRunning'> = {'import.cancel': cancelImport};

const scrollSummary: Handler<CursorMove> = (state, command) => {
	const wizard = state.importing!;
	const last = Math.max(0, summaryLines(wizard, state.size.columns - 4).length - (frameLayout(state.size).body - 2));
	const scroll = wizard.scroll + cursorSteps(page(state))[command];
	return withWizard(state, {scroll: Math.max(0, Math.min(last, scroll))});
};

export const importDoneKeys: ScopeHandlers<'importDone'> = {
	...eachOf(cursorMoves, scrollSummary),
	// After a dry run the preview is where the operator decides: back there, ready to import.
	'import.close': (state) => {
		const wizard = state.importing!;
		if (wizard.dryRun)
			return {
				...withWizard(state, {summary: null, dryRun: false}),
				mode: 'importPreview',
				notice: {text: t('state.import.dryRunDone'), tone: 'info'},
			};
		return closeImport(state, wizard.choice ? choiceEntities(wizard.choice)[0] : undefined);
	},
};
