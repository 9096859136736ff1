import {useApp} from 'ink';
import {type Dispatch, useEffect, useRef} from 'react';
import {t} from '../i18n/i18n.js';
import type {CrmStore} from '../store/store-contract.js';
import type {TerminalSize} from './layout/frame-layout.js';
import type {MetricsRecorder} from './metrics-recorder.js';
import type {AppAction, AppState} from './state/app-types.js';

type Sources = {
	size: TerminalSize;
	/** The pinned clock of tests: no minute ticks then. */
	fixedNow?: number;
	store: Pick<CrmStore, 'watch' | 'settings' | 'connection' | 'loading' | 'rolesWarning'>;
	recorder?: Pick<MetricsRecorder, 'subscribe'>;
	/** Ctrl+L: draws the whole screen again. */
	onRedraw?: () => void;
};

/** What comes from outside the keys: resizes, the clock, metrics, changes saved elsewhere; and quitting and redrawing. */
export const useConsoleEvents = (
	state: Pick<AppState, 'quit' | 'redraws'>,
	dispatch: Dispatch<AppAction>,
	{size, fixedNow, store, recorder, onRedraw}: Sources,
): void => {
	const {exit} = useApp();
	// The size keeps its object while it stays the same (useTerminalSize): a new one is a resize.
	useEffect(() => dispatch({type: 'resize', size}), [size, dispatch]);
	useEffect(() => {
		if (fixedNow !== undefined) return;
		const timer = setInterval(() => dispatch({type: 'tick', now: Date.now()}), 60_000);
		return () => clearInterval(timer);
	}, [fixedNow, dispatch]);
	useEffect(() => {
		if (state.quit) exit();
	}, [state.quit, exit]);
	// Each Ctrl+L redraws once: a new onRedraw function is not a reason to draw again.
	const redraw = useRef(onRedraw);
	redraw.current = onRedraw;
	useEffect(() => {
		if (state.redraws > 0) redraw.current?.();
	}, [state.redraws]);
	useEffect(() => recorder?.subscribe((metrics) => dispatch({type: 'metrics', metrics})), [recorder, dispatch]);
	// Changes saved by another console or a script show up here without a restart, and the data read behind the first rows as it comes.
	useEffect(
		() =>
			store.watch((data) =>
				dispatch({
					type: 'dataset',
					dataset: data,
					settings: store.settings,
					loading: store.loading ?? null,
					rolesWarning: store.rolesWarning,
				}),
			),
		[store, dispatch],
	);
	// A database's connection lost (the server restarting) and back: the operator hears of both.
	useEffect(
		() =>
			store.connection?.((problem) =>
				dispatch({type: 'notice', text: problem ?? t('store.database.back'), tone: problem ? 'bad' : 'ok'}),
			),
		[store, dispatch],
	);
};
