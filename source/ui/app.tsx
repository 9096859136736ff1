import {Box, Text} from 'ink';
import {useReducer} from 'react';
import type {Dataset} from '../domain/dataset.js';
import {currentLanguage, setLanguage, t} from '../i18n/i18n.js';
import type {Language} from '../i18n/language.js';
import type {CrmStore} from '../store/store-contract.js';
import {Header} from './components/header.js';
import {MainView, shownLayer} from './components/main-view.js';
import {StatusLine} from './components/status-line.js';
import {TonedText} from './components/toned-text.js';
import {useKeypress} from './keys/keypress-context.js';
import {displayWidth, oneLine, truncate, wrapText} from './layout/cell-text.js';
import {frameLayout, minimumSize, type TerminalSize} from './layout/frame-layout.js';
import {useMaskedNotice} from './masking.js';
import type {MetricsRecorder} from './metrics-recorder.js';
import {appReducer, initialState} from './state/app-state.js';
import type {AppState} from './state/app-types.js';
import {positionOf} from './state/frame-position.js';
import type {ConsoleImporter} from './state/import-wizard.js';
import {loadedPercent} from './state/loading.js';
import {viewsLoaded} from './state/saved-views.js';
import {permits} from './state/selection.js';
import {paneLayer, stackOf} from './state/top-layer.js';
import {useConsoleEvents} from './use-console-events.js';
import {useIdlePreparation} from './use-idle-preparation.js';
import {useImportIo} from './use-import-io.js';
import {useSavedViews} from './use-saved-views.js';
import {useStoreRequests} from './use-store-requests.js';
import {useSurveyOffer} from './use-survey-offer.js';
import {useTerminalSize} from './use-terminal-size.js';

export type AppProps = {
	dataset: Dataset;
	store: CrmStore;
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
	/** The language to speak at first (`--lang` and the rest); English when not given. */
	language?: Language;
	/** The operator's saved views, read before the first frame; without them (a test), read just after it. */
	views?: AppState['views'];
	/** Ctrl+L: draws the whole screen again (the full-screen writer's redraw). */
	onRedraw?: () => void;
};

/** What holds for the whole session, beside the position on every screen (the header may be too narrow for it). */
const badges = (state: AppState): string =>
	[
		state.loading ? t('lists.loading', {percent: loadedPercent(state.loading)}) : '',
		state.access.readonly ? 'read-only' : state.access.role !== 'admin' ? state.access.role : '',
		state.mask ? 'masked' : '',
	]
		.filter(Boolean)
		.join(' · ');

/** The data's origin as the header shows it, with who works on it when that is not an admin. */
const sourceLabel = (state: AppState, source: string): string =>
	state.access.readonly
		? `read-only · ${source}`
		: state.access.role !== 'admin'
			? `${state.operator} (${state.access.role}) · ${source}`
			: source;

/**
 * A notice longer than the status line has room for beside the filter and the position (`room`: a
 * refusal and its remedy, a path) is shown whole until the next key: its last words where it would
 * have been, beside the filter and the position, and the rest over the body's last rows. Cut at the
 * edge, the remedy was the part never read; drawn over the status line, the position was lost.
 */
const longNotice = (
	state: AppState,
	notice: AppState['notice'],
	bodyRows: number,
	room: number,
): {above: string[]; last: string} | null => {
	const width = state.size.columns;
	const text = notice ? oneLine(notice.text) : '';
	if (!notice || state.mode === 'filter' || displayWidth(text) <= room) return null;
	const lines = wrapText(text, width - 1);
	let last = lines.pop() ?? '';
	if (displayWidth(last) > room) {
		const split = wrapText(last, Math.max(1, room));
		last = split.pop() ?? '';
		lines.push(...split);
	}
	const most = Math.max(1, Math.min(4, bodyRows) - 1);
	const above =
		lines.length <= most ? lines : [...lines.slice(0, most - 1), truncate(lines.slice(most - 1).join(' '), width - 1)];
	return {above, last};
};

function TooSmall({size, height}: {size: TerminalSize; height: number}) {
	return (
		<Box flexDirection="column" width={size.columns} height={height}>
			<Text wrap="wrap">
				{t('state.tooSmall', {
					size: `${size.columns}x${size.rows}`,
					needs: `${minimumSize.columns}x${minimumSize.rows}`,
				})}
			</Text>
			<Text wrap="wrap">{t('state.quits')}</Text>
		</Box>
	);
}

export function App(props: AppProps) {
	const {dataset, store, importer, operator, source, recorder, mask = false, notice = null} = props;
	const size = useTerminalSize(props.size);
	const [state, dispatch] = useReducer(appReducer, undefined, () => {
		const initial = {
			...initialState(dataset, size, props.now ?? Date.now(), {
				settings: store.settings,
				operator,
				access: {role: store.roleOf(operator), readonly: store.readonly},
				mask,
			}),
			lang: props.language ?? ('en' as const),
			notice: notice ? {text: notice, tone: 'info' as const} : null,
			loading: store.loading ?? null,
		};
		return props.views ? viewsLoaded(initial, props.views) : initial;
	});
	useKeypress((key) => {
		dispatch({type: 'key', key});
		return true;
	});
	useConsoleEvents(state, dispatch, {size, fixedNow: props.now, store, recorder, onRedraw: props.onRedraw});
	const counting = useIdlePreparation(state);
	const importIo = useImportIo(state, importer, dispatch);
	useStoreRequests(state, dispatch, {
		store,
		operator,
		importer,
		recorder,
		fixedNow: props.now,
		importCancelled: importIo.cancelled,
	});
	useSurveyOffer(state, dispatch, {store, operator, fixedNow: props.now});
	useSavedViews(state, dispatch, {store, operator, read: props.views === undefined});
	const shownNotice = useMaskedNotice(state);
	// The words of this frame are in the language the state says (`:lang` changes it; i18next is one per process).
	if (currentLanguage() !== state.lang) setLanguage(state.lang);

	const layout = frameLayout(state.size);
	const width = state.size.columns;
	if (layout.tooSmall) return <TooSmall size={state.size} height={layout.height} />;
	const position = positionOf(state, shownLayer(state), counting);
	const right = [badges(state), position].filter(Boolean).join(' · ');
	const filter = state.lists[state.screen].filter;
	// What the status line puts beside a notice: the filter (over a list) and the position.
	const beside =
		displayWidth(right ? ` ${right}` : '') +
		(filter && paneLayer(state) === 'list' ? displayWidth(` /${oneLine(filter)}`) : 0);
	const noticeLines = longNotice(state, shownNotice, layout.body, width - beside - 1);
	const tone = shownNotice?.tone === 'bad' ? 'bad' : shownNotice?.tone === 'ok' ? 'ok' : 'accent';
	return (
		<Box flexDirection="column" width={width} height={layout.height}>
			<Header screen={state.screen} width={width} source={sourceLabel(state, source)} />
			<Box height={layout.body - (noticeLines?.above.length ?? 0)} flexDirection="column" overflow="hidden">
				{/* Not shrunk under a long notice: cut at the bottom, so a table keeps its titles and a view its heading. */}
				<Box flexShrink={0} flexDirection="column">
					<MainView state={state} counting={counting} cut={noticeLines?.above.length ?? 0} />
				</Box>
			</Box>
			{noticeLines ? (
				<Box height={noticeLines.above.length} flexDirection="column">
					{noticeLines.above.map((line, index) => (
						<TonedText key={index} tone={tone}>
							{line}
						</TonedText>
					))}
				</Box>
			) : null}
			<StatusLine
				view={{...stackOf(state), screen: state.screen, can: permits(state)}}
				width={width}
				filter={filter}
				position={right}
				notice={noticeLines && shownNotice ? {...shownNotice, text: noticeLines.last} : shownNotice}
			/>
		</Box>
	);
}
