import type {Key} from '../keys/key-parser.js';
import type {KeyCommand, Scope} from '../keys/keymap.js';
import type {AppState} from './app-types.js';
import {assessmentKeys} from './assessment-actions.js';
import {boardKeys} from './board-actions.js';
import {commandKeys} from './command-line-actions.js';
import {formKeys} from './form-actions.js';
import {frequencyKeys} from './frequency.js';
import {globalKeys, helpKeys} from './global-actions.js';
import {importChoiceKeys, importDoneKeys, importFileKeys, importPreviewKeys, importRunningKeys} from './import-keys.js';
import type {Handler, ScopeHandlers} from './key-handlers.js';
import {detailKeys, filterKeys, listKeys} from './list-actions.js';
import {duplicatesKeys, mergeKeys} from './merge-actions.js';
import {confirmKeys, conflictKeys, pickerKeys, promptKeys, reportKeys} from './overlay-actions.js';
import {closeSurvey} from './survey-actions.js';

/** Every scope's handler table: the compiler holds each to the commands the keymap gives its scope. */
export const scopeHandlers: {[S in Scope]: ScopeHandlers<S>} = {
	help: helpKeys,
	picker: pickerKeys,
	confirm: confirmKeys,
	prompt: promptKeys,
	conflict: conflictKeys,
	command: commandKeys,
	form: {...formKeys, 'form.cancel': closeSurvey},
	importFile: importFileKeys,
	importChoice: importChoiceKeys,
	importPreview: importPreviewKeys,
	importRunning: importRunningKeys,
	importDone: importDoneKeys,
	filter: filterKeys,
	list: listKeys,
	detail: detailKeys,
	board: boardKeys,
	assessment: assessmentKeys,
	duplicates: duplicatesKeys,
	merge: mergeKeys,
	frequency: frequencyKeys,
	report: reportKeys,
	global: globalKeys,
};

/**
 * Runs the command a key named, with the handler of the scope it was found in. Help is modal over
 * the view's own keys, but a global key (a screen switch, search) closes it and acts on the view
 * below; Ctrl+C and Ctrl+L, live anywhere, leave it open.
 */
export const runBinding = (state: AppState, binding: KeyCommand, key: Key): AppState => {
	const below =
		binding.scope === 'global' && state.help.open && !binding.anywhere
			? {...state, help: {open: false, scroll: 0}}
			: state;
	// The table of the binding's scope has a handler for its id: the types above and the keymap test hold it.
	const handle = (scopeHandlers[binding.scope] as Record<string, Handler>)[binding.id]!;
	return handle(below, binding.id, key);
};
