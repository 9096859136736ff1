import {type Dispatch, useCallback, useEffect, useRef} from 'react';
import type {Dataset} from '../domain/dataset.js';
import {type ImportPlan, planImportSteps} from '../domain/import/plan-import.js';
import type {Settings} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import type {AppAction, AppState, StoreRequest, StoreResult} from './state/app-types.js';
import {type ConsoleImporter, folderOf, isPathQuery} from './state/import-wizard.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Thrown between batches of rows when the operator pressed Esc; nothing has been saved by then. */
export class ImportCancelled extends Error {}

type RunDeps = {
	dataset: Dataset;
	settings: Settings;
	now: number;
	importer: ConsoleImporter;
	apply: (mutations: ImportPlan['mutations']) => Promise<StoreResult>;
	isCancelled: () => boolean;
	onProgress: (progress: {phase: 'checking' | 'saving'; done: number; total: number}) => void;
};

/**
 * Plans the whole file in batches of rows, yielding to the event loop between them so the bar
 * moves and Esc is heard, then writes the rejected rows and saves every change as one.
 */
export const runImportRequest = async (
	request: Extract<StoreRequest, {kind: 'import'}>,
	deps: RunDeps,
): Promise<{plan: ImportPlan; rejectsFile: string | null; result: StoreResult | null}> => {
	const steps = planImportSteps(deps.dataset, request.table, request.mapping, {
		now: deps.now,
		settings: deps.settings,
		every: 250,
	});
	let reported = 0;
	let plan: ImportPlan;
	for (;;) {
		const step = steps.next();
		if (step.done) {
			plan = step.value;
			break;
		}
		if (performance.now() - reported > 40) {
			reported = performance.now();
			deps.onProgress({phase: 'checking', ...step.value});
			await nextTurn();
			if (deps.isCancelled()) throw new ImportCancelled(t('state.importStopped'));
		}
	}
	// A dry run writes nothing, its rejects neither: the summary says where they would go.
	if (request.dryRun)
		return {
			plan,
			rejectsFile: plan.rejects.length > 0 ? deps.importer.rejectsPath(request.csvFile) : null,
			result: null,
		};
	const rejectsFile =
		plan.rejects.length > 0 ? await deps.importer.writeRejects(plan, request.table, request.csvFile) : null;
	if (plan.mutations.length === 0) return {plan, rejectsFile, result: null};
	deps.onProgress({phase: 'saving', done: plan.mutations.length, total: plan.mutations.length});
	return {plan, rejectsFile, result: await deps.apply(plan.mutations)};
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The import screen's reading of the disk: the files and mappings around, a typed folder, the
 * chosen CSV. None of it holds keys back; a result the operator has moved past is dropped.
 */
export const useImportIo = (
	state: AppState,
	importer: ConsoleImporter,
	dispatch: Dispatch<AppAction>,
): {cancelled: () => boolean} => {
	const wizard = state.importing;
	const open = wizard !== null;
	useEffect(() => {
		if (!open) return;
		let current = true;
		importer.find().then(
			(found) => current && dispatch({type: 'importFound', found}),
			(error: unknown) =>
				current && dispatch({type: 'importFound', found: {files: [], mappings: [], problems: [message(error)]}}),
		);
		return () => {
			current = false;
		};
	}, [open, importer, dispatch]);

	const folder =
		wizard && state.mode === 'importFile' && isPathQuery(wizard.query.text) ? folderOf(wizard.query.text) : null;
	useEffect(() => {
		if (folder === null) return;
		let current = true;
		dispatch({type: 'importListed', folder, entries: null});
		importer.list(folder).then(
			(entries) => current && dispatch({type: 'importListed', folder, entries}),
			(error: unknown) => current && dispatch({type: 'importListed', folder, entries: [], error: message(error)}),
		);
		return () => {
			current = false;
		};
	}, [folder, importer, dispatch]);

	const reading = wizard?.reading ? wizard.csvFile : null;
	useEffect(() => {
		if (reading === null) return;
		importer.read(reading).then(
			(table) => dispatch({type: 'importRead', file: reading, result: {table}}),
			(error: unknown) =>
				dispatch({
					type: 'importRead',
					file: reading,
					result: {error: message(error), folder: (error as {folder?: boolean}).folder === true},
				}),
		);
	}, [reading, importer, dispatch]);

	// Esc sets the flag in the state; the running import reads it between batches.
	const cancelling = useRef(false);
	cancelling.current = wizard?.cancelling ?? false;
	const cancelled = useCallback(() => cancelling.current, []);
	return {cancelled};
};
