import {moneySettingsForm, moneySettingsTexts} from '../forms/money-settings-form.js';
import {openNewForm} from './form-actions.js';
import type {Handler} from './key-handlers.js';

/** `$` on the assessment screen: the base currency and the rates (an admin's). */
export const editMoneySettings: Handler = (state) => {
	const opened = openNewForm(state, moneySettingsForm(state.settings), {}, moneySettingsTexts(state.settings));
	return {...opened, form: {...opened.form!, targetOf: 'money'}};
};
