import {costsForm} from '../forms/costs-form.js';
import {openNewForm} from './form-actions.js';
import type {Handler} from './key-handlers.js';

/** `C` on the assessment screen: the ROI costs by category, one line each (an admin's). */
export const editCosts: Handler = (state) => {
	const {definition, texts, fixed} = costsForm(state.settings);
	const opened = openNewForm(state, definition, fixed, texts);
	return {...opened, form: {...opened.form!, targetOf: 'costs'}};
};
