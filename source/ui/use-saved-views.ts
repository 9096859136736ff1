import {type Dispatch, useEffect, useRef} from 'react';
import {t} from '../i18n/i18n.js';
import type {CrmStore} from '../store/store-contract.js';
import {updateOperatorFile} from './operator-file-updates.js';
import type {AppAction, AppState} from './state/app-types.js';
import {applyViewOp, viewsOfFile} from './state/saved-views.js';

type Services = {
	store: Pick<CrmStore, 'readonly' | 'operatorFile' | 'saveOperatorFile'>;
	operator: string;
	/** False when the views came with the first frame (`runConsole` reads them before it). */
	read: boolean;
};

/**
 * The operator's saved views: read from their file beside the data at start, unless they came with
 * the first frame (each screen then opens with its default view). Each change `:view` makes is
 * written back, applied to the file as it is then: the survey's answers and the views another console
 * of the same operator saved meanwhile stay. A --readonly console keeps them for the session only; a
 * file that cannot be read or written is said, and nothing is lost.
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
				dispatch({type: 'notice', text: t('state.viewsNotRead', {why: (error as Error).message}), tone: 'bad'}),
		);
	}, [store, operator, dispatch, read]);

	// Each change is told to the file once, in order, applied to what the file holds then: a view another
	// console of this operator saved meanwhile stays, and comes back to this one.
	const ops = state.viewOps;
	const told = useRef(0);
	useEffect(() => {
		if (ops.length === told.current || store.readonly) return;
		const pending = ops.slice(told.current);
		told.current = ops.length;
		updateOperatorFile(store, operator, (file) => {
			const views = pending.reduce(applyViewOp, viewsOfFile(file));
			return {...file, views: views.saved, defaultViews: views.defaults};
		}).then(
			(file) => dispatch({type: 'viewsSynced', views: viewsOfFile(file)}),
			(error: unknown) =>
				dispatch({type: 'notice', text: t('state.viewsNotKept', {why: (error as Error).message}), tone: 'bad'}),
		);
	}, [ops, store, operator, dispatch]);
};
