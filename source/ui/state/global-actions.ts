import {frameLayout} from '../layout/frame-layout.js';
import {screenOrder} from '../screens/screen-registry.js';
import type {ScreenName} from './app-types.js';
import {openCommandLine} from './command-line-actions.js';
import {type CursorMove, cursorMoves, eachOf, type Handler, quit, type ScopeHandlers} from './key-handlers.js';
import {scrollBy, switchScreen} from './list-navigation.js';
import {openSearch} from './overlay-actions.js';
import {openSurvey} from './survey-actions.js';
import {helpRows} from './view-rows.js';

const scrollHelp: Handler<CursorMove> = (state, command) => {
	const total = helpRows(state, state.size.columns - 2).length;
	return {
		...state,
		help: {open: true, scroll: scrollBy(state.help.scroll, command, total, frameLayout(state.size).body)},
	};
};

export const helpKeys: ScopeHandlers<'help'> = {
	'help.close': (state) => ({...state, help: {open: false, scroll: 0}}),
	...eachOf(cursorMoves, scrollHelp),
};

const toScreen =
	(screen: ScreenName): Handler =>
	(state) =>
		switchScreen(state, screen);

const stepScreen: Handler<'screen.next' | 'screen.previous'> = (state, command) => {
	const step = command === 'screen.next' ? 1 : screenOrder.length - 1;
	return switchScreen(state, screenOrder[(screenOrder.indexOf(state.screen) + step) % screenOrder.length]!);
};

export const globalKeys: ScopeHandlers<'global'> = {
	'screen.customers': toScreen('customers'),
	'screen.opportunities': toScreen('opportunities'),
	'screen.tickets': toScreen('tickets'),
	'screen.feedback': toScreen('feedback'),
	'screen.assess': toScreen('assess'),
	'screen.log': toScreen('log'),
	'screen.campaigns': toScreen('campaigns'),
	'screen.orders': toScreen('orders'),
	'screen.followups': toScreen('followups'),
	'screen.next': stepScreen,
	'screen.previous': stepScreen,
	'app.help': (state) => ({...state, help: {open: true, scroll: 0}}),
	'app.search': (state) => openSearch(state),
	'app.command': openCommandLine,
	'app.survey': (state) => openSurvey(state, false),
	'app.forceQuit': quit,
	'app.redraw': (state) => ({...state, redraws: state.redraws + 1}),
};
