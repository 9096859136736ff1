import {type Dispatch, useEffect, useRef} from 'react';
import type {CrmStore} from '../store/store-contract.js';
import type {AppAction, AppState} from './state/app-types.js';
import {viewsOfFile} from './state/saved-views.js';

type Services = {
	store: Pick<CrmStore, 'readonly' | 'operatorFile' | 'saveOperatorFile'>;
	operator: string;
	/** False when the views came with the first frame (`runConsole` reads them before it). */
	read: boolean;
};

/**
 * The operator's saved views: read from their file beside the data at start, unless they came with
 * the first frame (each screen then opens with its default view), and written back whenever `:view` changes them. The file is read again
 * before each write, so the survey's answers kept in it meanwhile stay. A --readonly console keeps
 * them for the session only; a file that cannot be read or written is said, and nothing is lost.
 */
export const useSavedViews = (state: AppState, dispatch: Dispatch<AppAction>, services: Services): void => {
	const {store, operator, read} = services;
	useEffect(() => {
		if (!read) return;
		store.operatorFile(operator).then(
			(file) => {
				const views = viewsOfFile(file);
				if (Object.keys(views.saved).length > 0) dispatch({type: 'views', views});
			},
			(error: unknown) =>
				dispatch({type: 'notice', text: `Your saved views were not read: ${(error as Error).message}`, tone: 'bad'}),
		);
	}, [store, operator, dispatch, read]);

	const views = useRef(state.views);
	views.current = state.views;
	const changed = state.viewsChanged;
	useEffect(() => {
		if (changed === 0 || store.readonly) return;
		const {saved, defaults} = views.current;
		void (async () => {
			const file = await store.operatorFile(operator);
			await store.saveOperatorFile(operator, {...file, views: saved, defaultViews: defaults});
		})().catch((error: unknown) =>
			dispatch({type: 'notice', text: `Your views were not kept: ${(error as Error).message}`, tone: 'bad'}),
		);
	}, [changed, store, operator, dispatch]);
};
