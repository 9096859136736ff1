import {type Dispatch, useEffect, useRef} from 'react';
import type {Dataset} from '../domain/dataset.js';
import type {Mutation} from '../domain/mutation.js';
import {t} from '../i18n/i18n.js';
import type {CrmStore} from '../store/store-contract.js';
import type {MetricsRecorder} from './metrics-recorder.js';
import type {AppAction, AppState, StoreRequest, StoreResult} from './state/app-types.js';
import type {ConsoleImporter} from './state/import-wizard.js';
import {ImportCancelled, runImportRequest} from './use-import-io.js';

/** What runs the requests: the store, who asks, and what measures it. */
export type RequestServices = {
	store: CrmStore;
	operator: string;
	importer: ConsoleImporter;
	recorder?: Pick<MetricsRecorder, 'record'>;
	/** The pinned clock of tests; otherwise the wall clock. */
	fixedNow?: number;
	/** Whether the operator stopped the running import (Esc). */
	importCancelled: () => boolean;
};

type Context = RequestServices & {state: AppState; dispatch: Dispatch<AppAction>};

const failure = (error: unknown) => {
	const {
		issues = [],
		dataset,
		conflict,
	} = error as {issues?: ReadonlyArray<{field: string; message: string}>; dataset?: Dataset; conflict?: {id: string}};
	return {message: error instanceof Error ? error.message : String(error), issues, dataset, conflict: conflict?.id};
};

/** A refusal in words (a stale version, an invalid value) is not an error of the console; anything else is. */
const isRefusal = (error: unknown): boolean => error instanceof Error && error.name === 'MutationError';

const runImport = (request: Extract<StoreRequest, {kind: 'import'}>, context: Context): void => {
	const {store, operator, recorder, dispatch, state} = context;
	const apply = async (mutations: readonly Mutation[]) => {
		const started = performance.now();
		try {
			const result = await store.apply(mutations, operator);
			recorder?.record('save', performance.now() - started);
			return result;
		} catch (error) {
			// KPI.md save_success_rate: an attempt that did not become durable (a refusal is no attempt).
			if (!isRefusal(error)) recorder?.record('save_failed');
			throw error;
		}
	};
	runImportRequest(request, {
		dataset: state.dataset,
		settings: state.settings,
		now: context.fixedNow ?? Date.now(),
		importer: context.importer,
		apply,
		isCancelled: context.importCancelled,
		onProgress: (progress) => dispatch({type: 'importProgress', requestId: request.id, progress}),
	}).then(
		(outcome) => dispatch({type: 'imported', requestId: request.id, ...outcome}),
		(error: unknown) => {
			if (!(error instanceof ImportCancelled) && !isRefusal(error)) recorder?.record('error');
			dispatch({type: 'failed', requestId: request.id, ...failure(error)});
		},
	);
};

const runExport = (request: Extract<StoreRequest, {kind: 'export'}>, {store, operator, dispatch}: Context): void => {
	store.writeExport(request.name, request.text, request.path ?? undefined, operator, request.replace).then(
		(file) =>
			dispatch({
				type: 'exported',
				requestId: request.id,
				message: t('state.exported', {count: request.count, file}),
			}),
		(error: unknown) => {
			// A file is there already: the operator is asked before it is replaced.
			const exists = error as {name?: string; path?: string; bytes?: number};
			if (exists.name === 'ExportExistsError')
				dispatch({type: 'exportExists', requestId: request.id, path: exists.path!, bytes: exists.bytes!});
			else dispatch({type: 'failed', requestId: request.id, ...failure(error)});
		},
	);
};

const runSettings = (
	request: Extract<StoreRequest, {kind: 'settings'}>,
	{store, operator, dispatch}: Context,
): void => {
	store.updateSettings(request.patch, operator).then(
		// The change is in the change log too: the dataset comes along, so the log screen shows it at once.
		(settings) => dispatch({type: 'settingsSaved', requestId: request.id, settings, dataset: store.data}),
		(error: unknown) => dispatch({type: 'failed', requestId: request.id, ...failure(error)}),
	);
};

/** Hands the store's answer to a change (a save, an undo, a bulk change) to the reducer, and measures it. */
const reportChange = <R extends StoreResult>(
	work: Promise<R>,
	request: Extract<StoreRequest, {kind: 'apply' | 'undo' | 'bulk'}>,
	context: Context,
	saved: (result: R) => boolean = () => true,
): void => {
	const {recorder, dispatch} = context;
	const started = performance.now();
	work.then(
		(result) => {
			if (saved(result)) recorder?.record('save', performance.now() - started);
			dispatch({type: 'applied', requestId: request.id, result, now: context.fixedNow ?? Date.now()});
		},
		(error: unknown) => {
			if (!isRefusal(error)) {
				recorder?.record('save_failed');
				recorder?.record('error');
			}
			dispatch({type: 'failed', requestId: request.id, ...failure(error)});
		},
	);
};

/** The progress a long change reports, for the status line's bar. */
const progressOf =
	(request: StoreRequest, {dispatch}: Context) =>
	(done: number, total: number): void =>
		dispatch({type: 'bulkProgress', requestId: request.id, done, total});

const runChange = (request: Extract<StoreRequest, {kind: 'apply' | 'undo'}>, context: Context): void => {
	const {store, operator} = context;
	// The undo of a bulk change goes a slice at a time, as the change did: the status line's bar follows it.
	const work =
		request.kind === 'undo'
			? store.undo(operator, progressOf(request, context))
			: store.apply(request.mutations, operator);
	reportChange<StoreResult>(work, request, context);
};

/** A bulk change: checked a slice at a time (the status line's bar follows), saved as one batch; the refused come back listed. */
const runBulk = (request: Extract<StoreRequest, {kind: 'bulk'}>, context: Context): void => {
	const {store, operator} = context;
	const work = store.applyEach(request.mutations, operator, progressOf(request, context));
	// Every record refused: nothing was saved, so no save is measured.
	reportChange(work, request, context, (result) => result.entries.length > 0);
};

const runRequest = (request: StoreRequest, context: Context): void => {
	if (request.kind === 'import') runImport(request, context);
	else if (request.kind === 'bulk') runBulk(request, context);
	else if (request.kind === 'export') runExport(request, context);
	else if (request.kind === 'settings') runSettings(request, context);
	else runChange(request, context);
};

/**
 * The reducer only describes a change; here it goes to the store, and the screen hears back once
 * it is durable. Each request runs once, when it appears in the state, with the state and services
 * of that moment.
 */
export const useStoreRequests = (state: AppState, dispatch: Dispatch<AppAction>, services: RequestServices): void => {
	const latest = useRef<Context>({...services, state, dispatch});
	latest.current = {...services, state, dispatch};
	const request = state.request;
	useEffect(() => {
		if (request) runRequest(request, latest.current);
	}, [request]);
};
