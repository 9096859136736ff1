import type {Key} from '../keys/key-parser.js';
import type {CommandId, CommandOf, Scope} from '../keys/keymap.js';
import type {AppState} from './app-types.js';

/** What a command does: the next state, from the state, the command and the key that named it. */
export type Handler<C extends CommandId = CommandId> = (state: AppState, command: C, key: Key) => AppState;

/**
 * A scope's handler table: one handler for every command the keymap gives the scope, typed so that
 * a command without a handler does not compile (the keymap test checks there is none without a key).
 */
export type ScopeHandlers<S extends Scope> = {[C in CommandOf<S>]: Handler<C>};

/** Several commands with one handler (the cursor keys, the screens): the part of a table they fill. */
export const eachOf = <C extends CommandId>(commands: readonly C[], handle: Handler<C>): {[K in C]: Handler<K>} =>
	Object.fromEntries(commands.map((command) => [command, handle])) as unknown as {[K in C]: Handler<K>};

/** The six moves of a cursor or a scroll, the same in every pane that scrolls. */
export const cursorMoves = [
	'cursor.down',
	'cursor.up',
	'cursor.pageDown',
	'cursor.pageUp',
	'cursor.first',
	'cursor.last',
] as const;

export type CursorMove = (typeof cursorMoves)[number];

/** How far each move goes in a window of `page` rows: to the start and the end are infinite steps, clamped by the caller. */
export const cursorSteps = (page: number): Record<CursorMove, number> => ({
	'cursor.down': 1,
	'cursor.up': -1,
	'cursor.pageDown': page,
	'cursor.pageUp': -page,
	'cursor.first': -Infinity,
	'cursor.last': Infinity,
});

export const quit: Handler = (state) => ({...state, quit: true});
