import {Box, Text, useApp} from 'ink';
import {type ReactNode, useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import {isToDate} from '../assessment/evaluation.js';
import type {Role} from '../domain/access.js';
import {type Dataset, recordCount} from '../domain/dataset.js';
import {maskField, maskMentions} from '../domain/mask.js';
import type {Mutation} from '../domain/mutation.js';
import type {Settings} from '../domain/settings.js';
import type {SettingsPatch} from '../store/settings-file.js';
import {AssessmentView} from './components/assessment-view.js';
import {BoardView} from './components/board-view.js';
import {DataTable} from './components/data-table.js';
import {DuplicatesView, MergeView} from './components/duplicates-view.js';
import {FormView} from './components/form-view.js';
import {Header} from './components/header.js';
import {ImportView} from './components/import-view.js';
import {OverlayView} from './components/overlay-view.js';
import {StatusLine} from './components/status-line.js';
import {TextView} from './components/text-view.js';
import {TonedText} from './components/toned-text.js';
import {useKeypress} from './keys/keypress-context.js';
import {oneLine, truncate, wrapText} from './layout/cell-text.js';
import {fitColumns} from './layout/columns.js';
import {frameLayout, minimumSize, type TerminalSize, tableWidth} from './layout/frame-layout.js';
import type {MetricsRecorder} from './metrics-recorder.js';
import {screenFor} from './screens/screen-registry.js';
import {appReducer, initialState, rowsOf, viewContext} from './state/app-state.js';
import type {AppState, StoreResult} from './state/app-types.js';
import {
	assessmentReady,
	currentEvaluation,
	currentTrend,
	prepareAssessment,
	staleEvaluation,
} from './state/assessment.js';
import {boardColumns} from './state/board.js';
import {formErrors} from './state/form-actions.js';
import type {ConsoleImporter} from './state/import-wizard.js';
import {duplicateGroups, sharingAnEmail} from './state/merge-actions.js';
import {pickerRows} from './state/overlay-actions.js';
import {permits} from './state/selection.js';
import {paneLayer, stackOf} from './state/top-layer.js';
import {detailRows, helpRows} from './state/view-rows.js';
import {prepareFilter} from './state/visible-rows.js';
import {useIdleWork} from './use-idle-work.js';
import {ImportCancelled, runImportRequest, useImportIo} from './use-import-io.js';
import {useTerminalSize} from './use-terminal-size.js';

/** What the console needs of the store: apply changes and undo, each resolving once durable. */
export type ConsoleStore = {
	settings: Settings;
	/** The data as it stands (a settings change adds its change-log entry to it). */
	readonly data: Dataset;
	/** Writes an export of a list beside the data file (or at `path`); resolves to where it went. An existing file is replaced only with `replace` (ExportExistsError asks). */
	writeExport: (
		name: string,
		text: string,
		path: string | undefined,
		operator: string,
		replace?: boolean,
	) => Promise<string>;
	/** Changes a target or a checklist mark in the operator's settings file. */
	updateSettings: (patch: SettingsPatch, operator: string) => Promise<Settings>;
	/** Started with --readonly: every change is refused (the keys for changes are hidden). */
	readonly: boolean;
	roleOf: (operator: string) => Role;
	/** Resolves once no save is under way: a signal waits for it before the console ends. */
	settle: () => Promise<void>;
	/** Reports the newest data when another process saves the file; returns a function that stops it. */
	watch: (onChange: (data: Dataset) => void) => () => void;
	apply: (mutations: readonly Mutation[], operator: string) => Promise<StoreResult>;
	undo: (operator: string) => Promise<StoreResult>;
};

export type AppProps = {
	dataset: Dataset;
	store: ConsoleStore;
	/** Who makes the changes (the change log records it). */
	operator: string;
	/** What the header shows as the data's origin (the file path). */
	source: string;
	/** Pins the size (tests); otherwise the terminal's, following resizes. */
	size?: TerminalSize;
	/** Pins the clock (tests); otherwise it advances every minute. */
	now?: number;
	/** A message for the status line at start, such as a data file that does not exist yet. */
	notice?: string | null;
	/** --mask: customers' names, emails and phones masked on every screen, for screen sharing; never in the file. */
	mask?: boolean;
	/** Finds and reads CSV files for the import screen. */
	importer: ConsoleImporter;
	/** Measures saves and feeds the performance panel; absent in tests that do not measure. */
	recorder?: Pick<MetricsRecorder, 'record' | 'subscribe'>;
	/** Ctrl+L: draws the whole screen again (the full-screen writer's redraw). */
	onRedraw?: () => void;
};

/** Questions and prompts are worded from the real records: with --mask, what they show is masked too. */
const maskOverlay = (
	overlay: NonNullable<AppState['overlay']>,
	customers: Dataset['customers'],
): NonNullable<AppState['overlay']> => {
	const mask = (text: string) => maskMentions(text, customers);
	switch (overlay.kind) {
		case 'confirm':
			return {...overlay, message: mask(overlay.message), details: overlay.details.map(mask)};
		case 'prompt':
		case 'picker':
			return {...overlay, title: mask(overlay.title)};
		case 'conflict':
			// Each side by its field: a value changed meanwhile is no longer any customer's, but still personal.
			return {
				...overlay,
				message: mask(overlay.message),
				fields: overlay.fields.map((field) => {
					const side = (value: string) => String(maskField(field.key, mask(value)));
					return {...field, original: side(field.original), theirs: side(field.theirs), mine: side(field.mine)};
				}),
			};
		default:
			return overlay;
	}
};

/** What holds for the whole session, beside the position on every screen (the header may be too narrow for it). */
const badges = (state: AppState): string =>
	[
		state.access.readonly ? 'read-only' : state.access.role !== 'admin' ? state.access.role : '',
		state.mask ? 'masked' : '',
	]
		.filter(Boolean)
		.join(' · ');

const failure = (error: unknown) => {
	const {
		issues = [],
		dataset,
		conflict,
	} = error as {issues?: ReadonlyArray<{field: string; message: string}>; dataset?: Dataset; conflict?: {id: string}};
	return {message: error instanceof Error ? error.message : String(error), issues, dataset, conflict: conflict?.id};
};

export function App({
	dataset,
	store,
	importer,
	operator,
	source,
	size: fixedSize,
	now: fixedNow,
	notice = null,
	recorder,
	mask = false,
	onRedraw,
}: AppProps) {
	const size = useTerminalSize(fixedSize);
	const [state, dispatch] = useReducer(appReducer, undefined, () => ({
		...initialState(dataset, size, fixedNow ?? Date.now(), {
			settings: store.settings,
			operator,
			access: {role: store.roleOf(operator), readonly: store.readonly},
			mask,
		}),
		notice: notice ? {text: notice, tone: 'info' as const} : null,
	}));
	const {exit} = useApp();

	useKeypress((key) => {
		dispatch({type: 'key', key});
		return true;
	});

	// The size keeps its object while it stays the same (useTerminalSize): a new one is a resize.
	useEffect(() => dispatch({type: 'resize', size}), [size]);
	useEffect(() => {
		if (fixedNow !== undefined) return;
		const timer = setInterval(() => dispatch({type: 'tick', now: Date.now()}), 60_000);
		return () => clearInterval(timer);
	}, [fixedNow]);
	useEffect(() => {
		if (state.quit) exit();
	}, [state.quit, exit]);
	// Each Ctrl+L redraws once: a new onRedraw function is not a reason to draw again.
	const redraw = useRef(onRedraw);
	redraw.current = onRedraw;
	useEffect(() => {
		if (state.redraws > 0) redraw.current?.();
	}, [state.redraws]);
	useEffect(() => recorder?.subscribe((metrics) => dispatch({type: 'metrics', metrics})), [recorder]);
	// Changes saved by another console or a script show up here without a restart.
	useEffect(() => store.watch((data) => dispatch({type: 'dataset', dataset: data})), [store]);

	// Large data: the assessment is counted after the frame that shows the screen, not while keys wait for it.
	const [, counted] = useReducer((count: number) => count + 1, 0);
	const countingNeeded = paneLayer(state) === 'assessment' && !assessmentReady(state);
	const count = useCallback(() => {
		prepareAssessment(state);
		counted();
		return true;
	}, [state]);
	useIdleWork(countingNeeded ? count : null);
	// Idle moments make the shown list's search texts, a slice at a time: the first filter key then only scans.
	const listShown = state.mode === 'list' || state.mode === 'filter' ? state.screen : null;
	const listSort = listShown ? state.lists[listShown].sort : null;
	const {dataset: data, now, mask: masked} = state;
	const prepareList = useCallback(
		() =>
			listShown && listSort
				? prepareFilter(listShown, listSort, viewContext({dataset: data, now, mask: masked}))
				: true,
		[listShown, listSort, data, now, masked],
	);
	useIdleWork(listShown !== null && listSort !== null ? prepareList : null, 50);

	const importIo = useImportIo(state, importer, dispatch);
	// With --mask a notice is masked once when it appears, not on every frame (it scans every customer).
	const shownNotice = useMemo(
		() =>
			state.mask && state.notice
				? {...state.notice, text: maskMentions(state.notice.text, state.dataset.customers)}
				: state.notice,
		[state.notice, state.mask, state.dataset.customers],
	);

	// The reducer only describes a change; here it goes to the store, and the screen hears back once it is durable.
	const request = state.request;
	useEffect(() => {
		if (!request) return;
		if (request.kind === 'import') {
			const onProgress = (progress: {phase: 'checking' | 'saving'; done: number; total: number}) =>
				dispatch({type: 'importProgress', requestId: request.id, progress});
			const apply = async (mutations: readonly Mutation[]) => {
				const started = performance.now();
				const result = await store.apply(mutations, operator);
				recorder?.record('save', performance.now() - started);
				return result;
			};
			runImportRequest(request, {
				dataset: state.dataset,
				settings: state.settings,
				now: fixedNow ?? Date.now(),
				importer,
				apply,
				isCancelled: importIo.cancelled,
				onProgress,
			}).then(
				(outcome) => dispatch({type: 'imported', requestId: request.id, ...outcome}),
				(error: unknown) => {
					if (!(error instanceof ImportCancelled) && !(error instanceof Error && error.name === 'MutationError'))
						recorder?.record('error');
					dispatch({type: 'failed', requestId: request.id, ...failure(error)});
				},
			);
			return;
		}
		if (request.kind === 'export') {
			store.writeExport(request.name, request.text, request.path ?? undefined, operator, request.replace).then(
				(file) =>
					dispatch({
						type: 'exported',
						requestId: request.id,
						message: `Exported ${request.count} record${request.count === 1 ? '' : 's'} to ${file}.`,
					}),
				(error: unknown) => {
					// A file is there already: the operator is asked before it is replaced.
					const exists = error as {name?: string; path?: string; bytes?: number};
					if (exists.name === 'ExportExistsError')
						dispatch({type: 'exportExists', requestId: request.id, path: exists.path!, bytes: exists.bytes!});
					else dispatch({type: 'failed', requestId: request.id, ...failure(error)});
				},
			);
			return;
		}
		if (request.kind === 'settings') {
			store.updateSettings(request.patch, operator).then(
				// The change is in the change log too: the dataset comes along, so the log screen shows it at once.
				(settings) => dispatch({type: 'settingsSaved', requestId: request.id, settings, dataset: store.data}),
				(error: unknown) => dispatch({type: 'failed', requestId: request.id, ...failure(error)}),
			);
			return;
		}
		const started = performance.now();
		const work = request.kind === 'undo' ? store.undo(operator) : store.apply(request.mutations, operator);
		work.then(
			(result) => {
				recorder?.record('save', performance.now() - started);
				dispatch({type: 'applied', requestId: request.id, result, now: fixedNow ?? Date.now()});
			},
			(error: unknown) => {
				// A refusal in words (a stale version, an invalid value) is not an error of the console; anything else is.
				if (!(error instanceof Error && error.name === 'MutationError')) recorder?.record('error');
				dispatch({type: 'failed', requestId: request.id, ...failure(error)});
			},
		);
	}, [request?.id]);

	const layout = frameLayout(state.size);
	const width = state.size.columns;
	if (layout.tooSmall) {
		return (
			<Box flexDirection="column" width={width} height={layout.height}>
				<Text wrap="wrap">
					Too small: {width}x{state.size.rows}. crm needs {minimumSize.columns}x{minimumSize.rows}.
				</Text>
				<Text wrap="wrap">q quits.</Text>
			</Box>
		);
	}

	const context = viewContext(state);
	const list = state.lists[state.screen];
	const rows = rowsOf(state);
	const screen = screenFor(state.screen);
	const mode = paneLayer(state);
	let body: ReactNode;
	let position = rows.length === 0 ? '0/0' : `${list.cursor + 1}/${rows.length}`;
	if (state.help.open) {
		const lines = helpRows(state, width - 2);
		body = <TextView rows={lines} scroll={state.help.scroll} width={width} height={layout.body} />;
		position =
			lines.length > layout.body
				? `${state.help.scroll + 1}–${Math.min(lines.length, state.help.scroll + layout.body)}/${lines.length}`
				: '';
	} else if (state.overlay) {
		const choices = state.overlay.kind === 'picker' ? pickerRows(state, state.overlay) : [];
		body = (
			<OverlayView
				overlay={state.mask ? maskOverlay(state.overlay, state.dataset.customers) : state.overlay}
				pickerRows={choices}
				width={width}
				height={layout.body}
			/>
		);
		position = '';
	} else if (state.importing) {
		body = (
			<ImportView
				wizard={state.importing}
				mode={state.mode}
				dataset={state.dataset}
				now={state.now}
				width={width}
				height={layout.body}
				mask={state.mask}
			/>
		);
		position = '';
	} else if (state.form) {
		body = (
			<FormView
				form={state.form}
				errors={formErrors(state, state.form)}
				related={context.related}
				width={width}
				height={layout.body}
				saving={state.request !== null}
				mask={state.mask}
			/>
		);
		position = '';
	} else if (mode === 'assessment') {
		const ready = !countingNeeded;
		const evaluation = ready ? currentEvaluation(state) : staleEvaluation(state);
		const trend = ready && state.assessment.view === 'trend' ? currentTrend(state) : null;
		if (evaluation && (ready || state.assessment.view !== 'trend')) {
			const toDate = isToDate(evaluation.period, state.now);
			body = (
				<AssessmentView
					evaluation={evaluation}
					trend={trend}
					assessment={state.assessment}
					context={context}
					width={width}
					height={layout.body}
					toDate={toDate}
				/>
			);
		} else
			body = (
				<TextView
					rows={[
						{
							text: `Counting the KPIs of ${state.assessment.periodKey} over ${recordCount(state.dataset).toLocaleString('en-US')} records…`,
							tone: 'muted',
						},
					]}
					scroll={0}
					width={width}
					height={layout.body}
				/>
			);
		position = ready ? '' : 'counting…';
	} else if (state.mode === 'duplicates') {
		body = (
			<DuplicatesView
				groups={duplicateGroups(state)}
				sharingAnEmail={sharingAnEmail(state)}
				customers={state.dataset.customers.length}
				cursor={state.duplicates.cursor}
				related={context.related}
				width={width}
				height={layout.body}
			/>
		);
		position = '';
	} else if (state.mode === 'merge' && state.duplicates.merge) {
		body = <MergeView merge={state.duplicates.merge} related={context.related} width={width} />;
		position = '';
	} else if (state.mode === 'board') {
		body = (
			<BoardView
				columns={boardColumns(context)}
				selected={state.board}
				related={context.related}
				width={width}
				height={layout.body}
			/>
		);
		position = '';
	} else if (state.mode === 'detail' && state.detail) {
		const record = screen.find(state.detail.id, context);
		const lines = detailRows(state.screen, state.detail.id, width - 2, context) ?? [];
		body = (
			<TextView
				title={record ? screen.heading(record, context) : ''}
				rows={lines}
				scroll={state.detail.scroll}
				width={width}
				height={layout.body}
			/>
		);
	} else {
		// Sorted by a column this width hides: say so where the position is, or the order looks random.
		const shown = fitColumns(screen.columns, tableWidth(state.size));
		if (!shown.some((column) => column.id === list.sort.column)) {
			const title = screen.columns.find((column) => column.id === list.sort.column)?.title ?? list.sort.column;
			position = `by ${title} ${list.sort.descending ? '↓' : '↑'}  ${position}`;
		}
		body = (
			<DataTable
				entity={state.screen}
				rows={rows}
				list={list}
				width={width}
				height={layout.tableRows}
				context={context}
			/>
		);
	}
	const view = {...stackOf(state), screen: state.screen, can: permits(state)};
	// A notice longer than the status line (a refusal and its remedy, a path) is shown whole, over the
	// body's last rows, until the next key: cut at the edge, the remedy was the part never read.
	const noticeLines = shownNotice && state.mode !== 'filter' ? wrapText(oneLine(shownNotice.text), width - 1) : [];
	const shownLines = Math.min(4, layout.body);
	const longNotice =
		noticeLines.length > 1
			? noticeLines
					.slice(0, shownLines)
					.map((line, index) =>
						index === shownLines - 1 && noticeLines.length > shownLines
							? truncate(`${line} ${noticeLines.slice(shownLines).join(' ')}`, width - 1)
							: line,
					)
			: null;
	const bodyHeight = longNotice ? layout.body - (longNotice.length - 1) : layout.body;
	const tone = shownNotice?.tone === 'bad' ? 'bad' : shownNotice?.tone === 'ok' ? 'ok' : 'accent';
	return (
		<Box flexDirection="column" width={width} height={layout.height}>
			<Header
				screen={state.screen}
				width={width}
				source={
					state.access.readonly
						? `read-only · ${source}`
						: state.access.role !== 'admin'
							? `${state.operator} (${state.access.role}) · ${source}`
							: source
				}
			/>
			<Box height={bodyHeight} flexDirection="column" overflow="hidden">
				{body}
			</Box>
			{longNotice ? (
				<Box height={longNotice.length} flexDirection="column">
					{longNotice.map((line, index) => (
						<TonedText key={index} tone={tone}>
							{line}
						</TonedText>
					))}
				</Box>
			) : (
				<StatusLine
					view={view}
					width={width}
					filter={list.filter}
					position={[badges(state), position].filter(Boolean).join(' · ')}
					notice={shownNotice}
				/>
			)}
		</Box>
	);
}
