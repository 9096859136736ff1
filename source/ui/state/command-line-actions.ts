import {t} from '../../i18n/i18n.js';
import {formFor} from '../forms/form-definitions.js';
import type {Needs} from '../keys/keymap.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState} from './app-types.js';
import {addShownToAudience} from './audience-actions.js';
import {markedOrShown} from './bulk-actions.js';
import {completeCommand, parseCommand} from './command-line.js';
import {requestExport} from './export-request.js';
import {openNewForm} from './form-actions.js';
import {openImport} from './import-wizard.js';
import type {Handler, ScopeHandlers} from './key-handlers.js';
import {switchLanguage} from './language-actions.js';
import {switchScreen} from './list-navigation.js';
import {closeOverlay, onOverlay, openSearch} from './overlay-actions.js';
import {requestUndo} from './requests.js';
import {runViewCommand} from './saved-views.js';
import {permits, refusalOf} from './selection.js';
import {openSurvey} from './survey-actions.js';
import {textInput} from './text-input.js';

/** `:` opens the command line over the view. */
export const openCommandLine = (state: AppState): AppState => ({
	...state,
	overlay: {kind: 'command', input: textInput(), historyIndex: null},
});

/** Carries out a command line, and keeps it in the history (↑ brings it back). */
const runCommandLine = (state: AppState, line: string): AppState => {
	const history =
		line.trim() === '' || state.commandHistory.at(-1) === line.trim()
			? state.commandHistory
			: [...state.commandHistory, line.trim()];
	const base = {...closeOverlay(state), commandHistory: history};
	const parsed = parseCommand(line);
	// The command line offers no way around the role: what a key may not do, its command may not either.
	const needs: Needs | undefined =
		parsed.kind === 'new'
			? {action: 'create', entity: parsed.entity}
			: parsed.kind === 'import'
				? {action: 'create', entity: screenFor(base.screen).entity ?? 'customers'}
				: parsed.kind === 'undo'
					? {action: 'update'}
					: parsed.kind === 'export'
						? {action: 'export'}
						: parsed.kind === 'audience'
							? {action: 'create', entity: 'audiences'}
							: undefined;
	if (needs && !permits(base)(needs)) return {...base, notice: {text: refusalOf(base, needs), tone: 'bad'}};
	switch (parsed.kind) {
		case 'new':
			return openNewForm(switchScreen(base, parsed.entity), formFor[parsed.entity]);
		case 'goto':
			return switchScreen(base, parsed.screen);
		case 'search':
			return openSearch(base, parsed.text);
		case 'board':
			return {...switchScreen(base, 'opportunities'), mode: 'board'};
		case 'survey':
			return openSurvey(base, false);
		case 'undo':
			return requestUndo(base);
		case 'export': {
			const entity = screenFor(base.screen).entity;
			if (!entity)
				return {
					...base,
					notice: {text: t('state.command.exportWhere'), tone: 'bad'},
				};
			// Exactly what the list shows, in its order; the marked rows only, when some are marked.
			return requestExport(base, entity, markedOrShown(base).rows, parsed.path);
		}
		case 'import':
			return openImport(base, parsed.path ?? undefined);
		case 'audience':
			return addShownToAudience(base, parsed.name);
		case 'view':
			return runViewCommand(base, parsed.command);
		case 'lang':
			return switchLanguage(base, parsed.name);
		case 'help':
			return {...base, help: {open: true, scroll: 0}};
		case 'quit':
			return {...base, quit: true};
		case 'error':
			return {...base, notice: {text: parsed.message, tone: 'bad'}};
	}
};

/** ↑/↓ walk the history of command lines run this session; past the newest the line is empty again. */
const browseHistory = onOverlay<'command', 'command.older' | 'command.newer'>('command', (state, line, command) => {
	const history = state.commandHistory;
	if (history.length === 0) return state;
	const current = line.historyIndex ?? history.length;
	const index = command === 'command.older' ? Math.max(0, current - 1) : current + 1;
	if (index >= history.length) return {...state, overlay: {kind: 'command', input: textInput(), historyIndex: null}};
	return {...state, overlay: {kind: 'command', input: textInput(history[index]!), historyIndex: index}};
});

const completeLine: Handler = onOverlay('command', (state, line) => ({
	...state,
	overlay: {
		...line,
		input: textInput(
			completeCommand(
				line.input.text,
				state.dataset.campaigns.map((campaign) => campaign.name),
				Object.keys(state.views.saved),
			),
		),
	},
}));

export const commandKeys: ScopeHandlers<'command'> = {
	'command.run': onOverlay('command', (state, line) => runCommandLine(state, line.input.text)),
	'command.cancel': closeOverlay,
	'command.complete': completeLine,
	'command.older': browseHistory,
	'command.newer': browseHistory,
};
