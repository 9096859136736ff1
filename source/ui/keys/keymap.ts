/**
 * The one keymap. Every key the console reacts to is a named command here with a description
 * and a scope; the status-line hints, the `?` overlay and the README's key table all come from it.
 */
export type Scope = 'global' | 'list' | 'detail' | 'filter' | 'help';

export type CommandId =
	| 'app.forceQuit'
	| 'app.quit'
	| 'app.help'
	| 'screen.customers'
	| 'screen.opportunities'
	| 'screen.tickets'
	| 'screen.feedback'
	| 'screen.next'
	| 'screen.previous'
	| 'cursor.down'
	| 'cursor.up'
	| 'cursor.pageDown'
	| 'cursor.pageUp'
	| 'cursor.first'
	| 'cursor.last'
	| 'list.open'
	| 'list.filter'
	| 'list.clearFilter'
	| 'list.sortNext'
	| 'list.sortByColumn'
	| 'detail.back'
	| 'filter.keep'
	| 'filter.clear'
	| 'filter.deleteChar'
	| 'filter.deleteAll'
	| 'help.close';

export type KeyCommand = {
	id: CommandId;
	scope: Scope;
	/** Key ids as produced by `parseKeys`; `A-Z` stands for any capital letter named by a column. */
	keys: readonly string[];
	description: string;
	/** A one- or two-word label for the status line; commands without one appear only in `?`. */
	hint?: string;
};

/** The vim/less movement keys, the same in every pane that scrolls. */
const movementKeys = (scope: Scope, unit: 'rows' | 'lines'): KeyCommand[] => {
	const rows = unit === 'rows';
	return [
		{id: 'cursor.down', scope, keys: ['j', 'down'], description: rows ? 'Move down one row' : 'Scroll down', hint: rows ? 'move' : 'scroll'},
		{id: 'cursor.up', scope, keys: ['k', 'up'], description: rows ? 'Move up one row' : 'Scroll up'},
		{id: 'cursor.pageDown', scope, keys: ['pagedown', 'ctrl+d'], description: 'Page down'},
		{id: 'cursor.pageUp', scope, keys: ['pageup', 'ctrl+u'], description: 'Page up'},
		{id: 'cursor.first', scope, keys: ['g', 'home'], description: rows ? 'Jump to the first row' : 'Jump to the top'},
		{id: 'cursor.last', scope, keys: ['G', 'end'], description: rows ? 'Jump to the last row' : 'Jump to the bottom'},
	];
};

export const keymap: readonly KeyCommand[] = [
	...movementKeys('list', 'rows'),
	{id: 'list.open', scope: 'list', keys: ['enter'], description: 'Open the selected record', hint: 'open'},
	{id: 'list.filter', scope: 'list', keys: ['/'], description: 'Filter the list as you type', hint: 'filter'},
	{id: 'list.clearFilter', scope: 'list', keys: ['escape'], description: 'Clear the filter'},
	{id: 'list.sortNext', scope: 'list', keys: ['s'], description: 'Sort: ascending, again descending, again the next column', hint: 'sort'},
	{id: 'list.sortByColumn', scope: 'list', keys: ['A-Z'], description: 'Sort by the column with that capital letter; again inverts'},
	{id: 'app.quit', scope: 'list', keys: ['q'], description: 'Quit', hint: 'quit'},

	...movementKeys('detail', 'lines'),
	{id: 'detail.back', scope: 'detail', keys: ['escape', 'q', 'backspace'], description: 'Back to the list', hint: 'back'},

	{id: 'filter.keep', scope: 'filter', keys: ['enter'], description: 'Keep the filter and return to the list', hint: 'keep'},
	{id: 'filter.clear', scope: 'filter', keys: ['escape'], description: 'Clear the filter and return to the list', hint: 'clear'},
	{id: 'filter.deleteChar', scope: 'filter', keys: ['backspace'], description: 'Delete the last character'},
	{id: 'filter.deleteAll', scope: 'filter', keys: ['ctrl+u'], description: 'Delete the whole filter'},
	{id: 'cursor.down', scope: 'filter', keys: ['down'], description: 'Move down while filtering', hint: 'move'},
	{id: 'cursor.up', scope: 'filter', keys: ['up'], description: 'Move up while filtering'},

	{id: 'help.close', scope: 'help', keys: ['escape', '?', 'q'], description: 'Close help', hint: 'close'},
	...movementKeys('help', 'lines'),

	{id: 'screen.customers', scope: 'global', keys: ['1'], description: 'Customers'},
	{id: 'screen.opportunities', scope: 'global', keys: ['2'], description: 'Opportunities'},
	{id: 'screen.tickets', scope: 'global', keys: ['3'], description: 'Tickets'},
	{id: 'screen.feedback', scope: 'global', keys: ['4'], description: 'Feedback'},
	{id: 'screen.next', scope: 'global', keys: ['tab'], description: 'Next screen', hint: 'screens'},
	{id: 'screen.previous', scope: 'global', keys: ['shift+tab'], description: 'Previous screen'},
	{id: 'app.help', scope: 'global', keys: ['?'], description: 'Show every key of this view', hint: 'help'},
	{id: 'app.forceQuit', scope: 'global', keys: ['ctrl+c'], description: 'Quit from anywhere'},
];

/** The scopes in force, most specific first: modal > text field > pane > global. */
export const activeScopes = (view: {help: boolean; mode: 'list' | 'filter' | 'detail'}): Scope[] => {
	// Help is modal over the view's own keys, but the screen keys still switch (and close it).
	if (view.help) return ['help', 'global'];
	if (view.mode === 'filter') return ['filter'];
	return [view.mode, 'global'];
};

const isCapitalLetter = (keyId: string): boolean => /^[A-Z]$/.test(keyId);

/**
 * The command a key triggers in the given scopes, first scope first. Ctrl+C always quits, even
 * in a modal or text field. `columnLetters` are the sort letters of the current list's columns.
 */
export const commandFor = (keyId: string, scopes: readonly Scope[], columnLetters = ''): CommandId | undefined => {
	if (keyId === 'ctrl+c') return 'app.forceQuit';
	for (const scope of scopes) {
		for (const command of keymap) {
			if (command.scope !== scope) continue;
			if (command.keys.includes(keyId)) return command.id;
			if (command.keys.includes('A-Z') && isCapitalLetter(keyId) && columnLetters.includes(keyId)) return command.id;
		}
	}
	return undefined;
};

export const commandsIn = (scopes: readonly Scope[]): KeyCommand[] =>
	scopes.flatMap((scope) => keymap.filter((command) => command.scope === scope));

const keyLabels: Record<string, string> = {
	down: '↓',
	up: '↑',
	left: '←',
	right: '→',
	enter: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	'shift+tab': 'Shift+Tab',
	pagedown: 'PgDn',
	pageup: 'PgUp',
	home: 'Home',
	end: 'End',
	backspace: 'Backspace',
	'A-Z': 'Shift+letter',
};

/** How a key id is written for people: `ctrl+d` → `Ctrl+D`, `down` → `↓`. */
export const keyLabel = (keyId: string): string => {
	const known = keyLabels[keyId];
	if (known) return known;
	const control = /^ctrl\+(.)$/.exec(keyId);
	if (control) return `Ctrl+${control[1]!.toUpperCase()}`;
	return keyId;
};

export const keysLabel = (command: KeyCommand): string => command.keys.map(keyLabel).join(' ');

export const scopeTitles: Record<Scope, string> = {
	list: 'List',
	detail: 'Detail',
	filter: 'Filter (typing)',
	help: 'Help',
	global: 'Everywhere',
};

/** The key table of the README, generated so that it never drifts from the code. */
export const keymapMarkdown = (): string => {
	const scopes: Scope[] = ['list', 'detail', 'filter', 'help', 'global'];
	const lines = ['| Where | Keys | Does |', '|---|---|---|'];
	for (const scope of scopes) {
		for (const command of keymap.filter((entry) => entry.scope === scope)) {
			const keys = command.keys.map((key) => `\`${keyLabel(key).replace('|', '\\|')}\``).join(' ');
			lines.push(`| ${scopeTitles[scope]} | ${keys} | ${command.description} |`);
		}
	}
	return lines.join('\n');
};
