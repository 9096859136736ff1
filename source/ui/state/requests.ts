import type {Mutation} from '../../domain/mutation.js';
import {t} from '../../i18n/i18n.js';
import type {SettingsPatch} from '../../store/settings-file.js';
import type {AfterSave, AppState} from './app-types.js';

/** Hands a change to the store (the app runs it); keys typed meanwhile wait, so changes go one at a time. */
export const requestApply = (
	state: AppState,
	mutations: Mutation[],
	notice: string,
	options: {fromForm?: boolean; after?: AfterSave} = {},
): AppState => {
	return {
		...state,
		request: {
			id: state.nextRequestId,
			kind: 'apply',
			mutations,
			notice,
			fromForm: options.fromForm ?? false,
			after: options.after,
		},
		nextRequestId: state.nextRequestId + 1,
		notice: {text: t('state.saving'), tone: 'info'},
	};
};

export const requestUndo = (state: AppState): AppState => {
	return {
		...state,
		request: {id: state.nextRequestId, kind: 'undo'},
		nextRequestId: state.nextRequestId + 1,
		notice: {text: t('state.undoing'), tone: 'info'},
	};
};

/** Hands a settings change (a target, a checklist mark) to the store; the panels follow once it is written. */
export const requestSettings = (state: AppState, patch: SettingsPatch, notice: string, fromForm = false): AppState => ({
	...state,
	request: {id: state.nextRequestId, kind: 'settings', patch, notice, fromForm},
	nextRequestId: state.nextRequestId + 1,
	notice: {text: t('state.saving'), tone: 'info'},
});
