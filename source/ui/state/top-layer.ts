import type {ImportMode, Mode, Overlay, ScreenName} from './app-types.js';

/** What can be on top of the console. The keys of each layer are the keymap scope of the same name. */
export type Layer =
	| 'help'
	| Overlay['kind']
	| 'form'
	| ImportMode
	| 'filter'
	| 'list'
	| 'detail'
	| 'board'
	| 'assessment'
	| 'duplicates'
	| 'merge'
	| 'frequency';

/**
 * What is open, flattened to what decides the top layer. The keymap's views have this shape; a
 * state is flattened by `stackOf` (`mode` is the pane's own mode; `form` tells whether a form covers it).
 */
export type Stack = {help: boolean; overlay: Overlay['kind'] | null; form?: boolean; mode: Mode; screen?: ScreenName};

/** The parts of the console's state that stack up. */
export type StackedState = {
	help: {open: boolean};
	overlay: {kind: Overlay['kind']} | null;
	form: object | null;
	mode: Mode;
	screen: ScreenName;
};

export const stackOf = (state: StackedState): Stack => ({
	help: state.help.open,
	overlay: state.overlay?.kind ?? null,
	form: state.form !== null,
	mode: state.mode,
	screen: state.screen,
});

const isStack = (from: Stack | StackedState): from is Stack => typeof from.help === 'boolean';

/**
 * What is on top, the one answer every dispatcher and view asks: help > overlay (modal) > form >
 * the pane of the mode (an import step, the filter, the list, a detail, the board, the duplicates,
 * a merge). The assessment screen's list is its panels.
 */
export const topLayer = (from: Stack | StackedState): Layer => {
	const stack = isStack(from) ? from : stackOf(from);
	if (stack.help) return 'help';
	if (stack.overlay) return stack.overlay;
	if (stack.form) return 'form';
	if (stack.mode === 'list' && stack.screen === 'assess') return 'assessment';
	return stack.mode;
};

/** The layer the help was opened over: what `?` lists the keys of. */
export const layerUnderHelp = (from: Stack | StackedState): Layer =>
	topLayer({...(isStack(from) ? from : stackOf(from)), help: false});

/** The pane under help and overlays: a form, or the mode's own view. */
export const paneLayer = (from: Stack | StackedState): Layer =>
	topLayer({...(isStack(from) ? from : stackOf(from)), help: false, overlay: null});
