import type {RecordAction} from '../../domain/access.js';
import type {StoredEntity} from '../../domain/dataset.js';
import type {ImportMode, Mode, Overlay, ScreenName} from '../state/app-types.js';

/**
 * The one keymap. Every key the console reacts to is a named command here with a description
 * and a scope; the status-line hints, the `?` overlay and the README's key table all come from it.
 */
export type Scope =
	| 'global'
	| 'list'
	| 'detail'
	| 'board'
	| 'assessment'
	| 'duplicates'
	| 'merge'
	| 'filter'
	| 'form'
	| 'picker'
	| 'confirm'
	| 'prompt'
	| 'command'
	| 'help'
	| 'conflict'
	| ImportMode;

export type CommandId =
	| 'app.forceQuit'
	| 'app.redraw'
	| 'app.quit'
	| 'app.help'
	| 'app.command'
	| 'app.search'
	| 'command.run'
	| 'command.cancel'
	| 'command.complete'
	| 'command.older'
	| 'command.newer'
	| 'screen.customers'
	| 'screen.opportunities'
	| 'screen.tickets'
	| 'screen.feedback'
	| 'screen.assess'
	| 'screen.log'
	| 'assess.previousPeriod'
	| 'assess.nextPeriod'
	| 'assess.periodKind'
	| 'assess.open'
	| 'assess.compare'
	| 'assess.alerts'
	| 'assess.back'
	| 'assess.editTarget'
	| 'assess.requirements'
	| 'assess.note'
	| 'assess.settings'
	| 'screen.next'
	| 'screen.previous'
	| 'cursor.down'
	| 'cursor.up'
	| 'cursor.pageDown'
	| 'cursor.pageUp'
	| 'cursor.first'
	| 'cursor.last'
	| 'cursor.left'
	| 'cursor.right'
	| 'list.open'
	| 'list.filter'
	| 'list.clearFilter'
	| 'list.sortNext'
	| 'list.sortByColumn'
	| 'record.new'
	| 'record.edit'
	| 'record.delete'
	| 'change.undo'
	| 'deal.advance'
	| 'deal.back'
	| 'deal.won'
	| 'deal.lost'
	| 'board.toggle'
	| 'ticket.advance'
	| 'ticket.back'
	| 'ticket.reply'
	| 'customer.logActivity'
	| 'customer.duplicates'
	| 'duplicates.merge'
	| 'duplicates.back'
	| 'merge.take'
	| 'merge.swap'
	| 'merge.save'
	| 'merge.cancel'
	| 'detail.back'
	| 'filter.keep'
	| 'filter.clear'
	| 'form.next'
	| 'form.previous'
	| 'form.enter'
	| 'form.save'
	| 'form.cancel'
	| 'picker.choose'
	| 'picker.cancel'
	| 'confirm.yes'
	| 'confirm.no'
	| 'prompt.submit'
	| 'prompt.cancel'
	| 'help.close'
	| 'import.open'
	| 'import.choose'
	| 'import.complete'
	| 'import.cancel'
	| 'import.back'
	| 'import.run'
	| 'import.dryRun'
	| 'import.nextTarget'
	| 'import.previousTarget'
	| 'import.close'
	| 'log.verify'
	| 'conflict.reapply'
	| 'conflict.overwrite'
	| 'conflict.cancel';

export type KeyCommand = {
	id: CommandId;
	scope: Scope;
	/** Key ids as produced by `parseKeys`; `A-Z` stands for any capital letter named by a column. */
	keys: readonly string[];
	description: string;
	/** A one- or two-word label for the status line; commands without one appear only in `?`. */
	hint?: string;
	/** Only on these screens (stage keys on opportunities, reply on tickets); otherwise on every screen. */
	screens?: readonly ScreenName[];
	/** The change it makes, on the screen's entity unless named: hidden from those whose role may not make it. */
	needs?: Needs;
};

export type Needs = {action: RecordAction | 'settings' | 'export'; entity?: StoredEntity};

/** Moving in a list that is typed into (a picker, the import's files): no letters, they type. */
const typingListKeys = (scope: Scope, noun: string): KeyCommand[] => [
	{id: 'cursor.down', scope, keys: ['down', 'ctrl+n'], description: `Next ${noun}`, hint: 'move'},
	{id: 'cursor.up', scope, keys: ['up', 'ctrl+p'], description: `Previous ${noun}`},
	{id: 'cursor.pageDown', scope, keys: ['pagedown'], description: 'Page down'},
	{id: 'cursor.pageUp', scope, keys: ['pageup'], description: 'Page up'},
];

/** The vim/less movement keys, the same in every pane that scrolls. */
const movementKeys = (scope: Scope, unit: 'rows' | 'lines'): KeyCommand[] => {
	const rows = unit === 'rows';
	return [
		{
			id: 'cursor.down',
			scope,
			keys: ['j', 'down'],
			description: rows ? 'Move down one row' : 'Scroll down',
			hint: rows ? 'move' : 'scroll',
		},
		{id: 'cursor.up', scope, keys: ['k', 'up'], description: rows ? 'Move up one row' : 'Scroll up'},
		{id: 'cursor.pageDown', scope, keys: ['pagedown', 'ctrl+d'], description: 'Page down'},
		{id: 'cursor.pageUp', scope, keys: ['pageup', 'ctrl+u'], description: 'Page up'},
		{id: 'cursor.first', scope, keys: ['g', 'home'], description: rows ? 'Jump to the first row' : 'Jump to the top'},
		{id: 'cursor.last', scope, keys: ['G', 'end'], description: rows ? 'Jump to the last row' : 'Jump to the bottom'},
	];
};

const entityScreens: readonly ScreenName[] = ['customers', 'opportunities', 'tickets', 'feedback'];

/** Keys that change the selected record, the same in its list row and its detail. */
const recordKeys = (scope: Scope): KeyCommand[] => [
	{
		id: 'record.new',
		scope,
		keys: ['n'],
		description: 'New record on this screen',
		hint: 'new',
		screens: entityScreens,
		needs: {action: 'create'},
	},
	{
		id: 'record.edit',
		scope,
		keys: ['e'],
		description: 'Edit the selected record',
		hint: 'edit',
		screens: entityScreens,
		needs: {action: 'update'},
	},
	{
		id: 'record.delete',
		scope,
		keys: ['d'],
		description: 'Delete the selected record (asks first)',
		screens: entityScreens,
		needs: {action: 'delete'},
	},
	{
		id: 'deal.advance',
		scope,
		keys: ['>'],
		description: 'Move the deal to the next stage',
		hint: 'stage',
		screens: ['opportunities'],
		needs: {action: 'update', entity: 'opportunities'},
	},
	{
		id: 'deal.back',
		scope,
		keys: ['<'],
		description: 'Move the deal back a stage (reopens a closed deal)',
		screens: ['opportunities'],
		needs: {action: 'update', entity: 'opportunities'},
	},
	{
		id: 'deal.won',
		scope,
		keys: ['w'],
		description: 'Mark the deal won (asks for the reason)',
		screens: ['opportunities'],
		needs: {action: 'update', entity: 'opportunities'},
	},
	{
		id: 'deal.lost',
		scope,
		keys: ['x'],
		description: 'Mark the deal lost (asks for the reason)',
		screens: ['opportunities'],
		needs: {action: 'update', entity: 'opportunities'},
	},
	{
		id: 'ticket.reply',
		scope,
		keys: ['r'],
		description: 'Reply to the customer (the first reply is the first response)',
		hint: 'reply',
		screens: ['tickets'],
		needs: {action: 'update', entity: 'tickets'},
	},
	{
		id: 'ticket.advance',
		scope,
		keys: ['>'],
		description: 'Next status: open → pending → resolved → closed',
		hint: 'status',
		screens: ['tickets'],
		needs: {action: 'update', entity: 'tickets'},
	},
	{
		id: 'ticket.back',
		scope,
		keys: ['<'],
		description: 'Previous status (reopens a resolved ticket)',
		screens: ['tickets'],
		needs: {action: 'update', entity: 'tickets'},
	},
	{
		id: 'customer.logActivity',
		scope,
		keys: ['a'],
		description: 'Log a note, call, meeting or email on the timeline',
		hint: 'log',
		screens: ['customers'],
		needs: {action: 'create', entity: 'activities'},
	},
	{
		id: 'change.undo',
		scope,
		keys: ['u'],
		description: 'Undo your last change (itself logged)',
		hint: 'undo',
		needs: {action: 'update'},
	},
];

export const keymap: readonly KeyCommand[] = [
	...movementKeys('list', 'rows'),
	{id: 'list.open', scope: 'list', keys: ['enter'], description: 'Open the selected record', hint: 'open'},
	{id: 'list.filter', scope: 'list', keys: ['/'], description: 'Filter the list as you type', hint: 'filter'},
	{id: 'list.clearFilter', scope: 'list', keys: ['escape'], description: 'Clear the filter'},
	{
		id: 'list.sortNext',
		scope: 'list',
		keys: ['s'],
		description: 'Sort: ascending, again descending, again the next column',
		hint: 'sort',
	},
	{
		id: 'list.sortByColumn',
		scope: 'list',
		keys: ['A-Z'],
		description: 'Sort by the column with that capital letter; again inverts',
	},
	{
		id: 'board.toggle',
		scope: 'list',
		keys: ['b'],
		description: 'Show the pipeline board',
		hint: 'board',
		screens: ['opportunities'],
	},
	{
		id: 'customer.duplicates',
		scope: 'list',
		keys: ['m'],
		description: 'Likely duplicate customers, to merge',
		hint: 'merge',
		screens: ['customers'],
		needs: {action: 'delete', entity: 'customers'},
	},
	...recordKeys('list'),
	{
		id: 'log.verify',
		scope: 'list',
		keys: ['v'],
		description: 'Verify the audit chain: is every entry as it was written?',
		hint: 'verify',
		screens: ['log'],
	},
	{
		id: 'import.open',
		scope: 'list',
		keys: ['i'],
		description: 'Import a CSV file: choose it, its mapping, preview, import',
		screens: entityScreens,
		needs: {action: 'create'},
	},
	{id: 'app.quit', scope: 'list', keys: ['q'], description: 'Quit', hint: 'quit'},

	...movementKeys('detail', 'lines'),
	...recordKeys('detail'),
	{
		id: 'detail.back',
		scope: 'detail',
		keys: ['escape', 'q', 'backspace'],
		description: 'Back to the list',
		hint: 'back',
	},

	{id: 'cursor.left', scope: 'board', keys: ['h', 'left'], description: 'Previous stage column', hint: 'columns'},
	{id: 'cursor.right', scope: 'board', keys: ['l', 'right'], description: 'Next stage column'},
	{id: 'cursor.down', scope: 'board', keys: ['j', 'down'], description: 'Next deal in the column'},
	{id: 'cursor.up', scope: 'board', keys: ['k', 'up'], description: 'Previous deal in the column'},
	{id: 'list.open', scope: 'board', keys: ['enter'], description: 'Open the selected deal', hint: 'open'},
	{
		id: 'deal.advance',
		scope: 'board',
		keys: ['>'],
		description: 'Move the deal to the next stage',
		hint: 'move',
		needs: {action: 'update', entity: 'opportunities'},
	},
	{
		id: 'deal.back',
		scope: 'board',
		keys: ['<'],
		description: 'Move the deal back a stage',
		needs: {action: 'update', entity: 'opportunities'},
	},
	{
		id: 'deal.won',
		scope: 'board',
		keys: ['w'],
		description: 'Mark the deal won (asks for the reason)',
		needs: {action: 'update', entity: 'opportunities'},
	},
	{
		id: 'deal.lost',
		scope: 'board',
		keys: ['x'],
		description: 'Mark the deal lost (asks for the reason)',
		needs: {action: 'update', entity: 'opportunities'},
	},
	{
		id: 'change.undo',
		scope: 'board',
		keys: ['u'],
		description: 'Undo your last change',
		needs: {action: 'update', entity: 'opportunities'},
	},
	{id: 'board.toggle', scope: 'board', keys: ['b', 'escape'], description: 'Back to the list', hint: 'list'},

	...movementKeys('assessment', 'rows'),
	{
		id: 'assess.open',
		scope: 'assessment',
		keys: ['enter', ' '],
		description: 'Open the KPI’s trend; in a trend or the alerts, open the record; in the checklist, change the mark',
		hint: 'open',
	},
	{id: 'assess.previousPeriod', scope: 'assessment', keys: ['['], description: 'Previous period', hint: 'period'},
	{id: 'assess.nextPeriod', scope: 'assessment', keys: [']'], description: 'Next period'},
	{id: 'assess.periodKind', scope: 'assessment', keys: ['p'], description: 'Month, quarter or year'},
	{
		id: 'assess.compare',
		scope: 'assessment',
		keys: ['c'],
		description: 'Before and after the go-live date',
		hint: 'compare',
	},
	{
		id: 'assess.alerts',
		scope: 'assessment',
		keys: ['a'],
		description: 'Alerts: missed KPIs, SLA breaches, customers at risk of churn',
		hint: 'alerts',
	},
	{
		id: 'assess.editTarget',
		scope: 'assessment',
		keys: ['t'],
		description: 'Edit the selected KPI’s target (value, direction, tolerance)',
		needs: {action: 'settings'},
	},
	{
		id: 'assess.requirements',
		scope: 'assessment',
		keys: ['r'],
		description: 'The requirements checklist: Enter or Space marks met / partial / unmet, e edits the note',
	},
	{
		id: 'assess.settings',
		scope: 'assessment',
		keys: ['o'],
		description: 'Go-live date, window, ROI costs and margin, SLA hours',
		needs: {action: 'settings'},
	},
	{
		id: 'assess.note',
		scope: 'assessment',
		keys: ['e'],
		description: 'In the checklist: edit the selected requirement’s note',
		needs: {action: 'settings'},
	},
	{id: 'assess.back', scope: 'assessment', keys: ['escape', 'backspace'], description: 'Back to the panels'},
	{id: 'app.quit', scope: 'assessment', keys: ['q'], description: 'Quit', hint: 'quit'},

	{id: 'cursor.down', scope: 'duplicates', keys: ['j', 'down'], description: 'Next group', hint: 'move'},
	{id: 'cursor.up', scope: 'duplicates', keys: ['k', 'up'], description: 'Previous group'},
	{
		id: 'duplicates.merge',
		scope: 'duplicates',
		keys: ['enter'],
		description: 'Merge the first two customers of the group, field by field',
		hint: 'merge',
		needs: {action: 'delete', entity: 'customers'},
	},
	{id: 'duplicates.back', scope: 'duplicates', keys: ['escape', 'q'], description: 'Back to the list', hint: 'back'},

	{id: 'cursor.down', scope: 'merge', keys: ['j', 'down', 'tab'], description: 'Next field', hint: 'move'},
	{id: 'cursor.up', scope: 'merge', keys: ['k', 'up', 'shift+tab'], description: 'Previous field'},
	{
		id: 'merge.take',
		scope: 'merge',
		keys: ['left', 'right', 'h', 'l', ' '],
		description: 'Keep this field from the other side',
		hint: 'pick',
	},
	{id: 'merge.swap', scope: 'merge', keys: ['s'], description: 'Swap which customer survives', hint: 'swap'},
	{
		id: 'merge.save',
		scope: 'merge',
		keys: ['ctrl+s'],
		description: 'Merge: the survivor keeps the picked values and every record of the other',
		hint: 'merge',
		needs: {action: 'delete', entity: 'customers'},
	},
	{id: 'merge.cancel', scope: 'merge', keys: ['escape'], description: 'Cancel: change nothing', hint: 'cancel'},

	{
		id: 'filter.keep',
		scope: 'filter',
		keys: ['enter'],
		description: 'Keep the filter and return to the list',
		hint: 'keep',
	},
	{
		id: 'filter.clear',
		scope: 'filter',
		keys: ['escape'],
		description: 'Clear the filter and return to the list',
		hint: 'clear',
	},
	{id: 'cursor.down', scope: 'filter', keys: ['down'], description: 'Move down while filtering', hint: 'move'},
	{id: 'cursor.up', scope: 'filter', keys: ['up'], description: 'Move up while filtering'},

	{id: 'form.save', scope: 'form', keys: ['ctrl+s'], description: 'Save (from any field)', hint: 'save'},
	{id: 'form.cancel', scope: 'form', keys: ['escape'], description: 'Cancel: change nothing', hint: 'cancel'},
	{id: 'form.next', scope: 'form', keys: ['tab', 'down'], description: 'Next field', hint: 'next'},
	{id: 'form.previous', scope: 'form', keys: ['shift+tab', 'up'], description: 'Previous field'},
	{id: 'form.enter', scope: 'form', keys: ['enter'], description: 'Next field; on a customer field, open the picker'},

	{id: 'picker.choose', scope: 'picker', keys: ['enter'], description: 'Choose the selected entry', hint: 'choose'},
	{id: 'picker.cancel', scope: 'picker', keys: ['escape'], description: 'Close without choosing', hint: 'cancel'},
	...typingListKeys('picker', 'entry'),

	{id: 'confirm.yes', scope: 'confirm', keys: ['y', 'enter'], description: 'Yes, go ahead', hint: 'yes'},
	{id: 'confirm.no', scope: 'confirm', keys: ['n', 'escape'], description: 'No, leave it', hint: 'no'},

	{
		id: 'conflict.reapply',
		scope: 'conflict',
		keys: ['r'],
		description: 'Reload their version and apply your changes on top (fields you both changed take yours)',
		hint: 'reload+re-apply',
	},
	{
		id: 'conflict.overwrite',
		scope: 'conflict',
		keys: ['o'],
		description: 'Overwrite: save the form exactly as you have it, their changes lost',
		hint: 'overwrite',
	},
	{
		id: 'conflict.cancel',
		scope: 'conflict',
		keys: ['c', 'escape'],
		description: 'Cancel: save nothing, back to your form',
		hint: 'cancel',
	},

	{id: 'prompt.submit', scope: 'prompt', keys: ['enter', 'ctrl+s'], description: 'Send or save', hint: 'send'},
	{id: 'prompt.cancel', scope: 'prompt', keys: ['escape'], description: 'Cancel', hint: 'cancel'},

	{id: 'command.run', scope: 'command', keys: ['enter'], description: 'Run the command', hint: 'run'},
	{id: 'command.cancel', scope: 'command', keys: ['escape'], description: 'Close the command line', hint: 'cancel'},
	{
		id: 'command.complete',
		scope: 'command',
		keys: ['tab'],
		description: 'Complete the command or its argument',
		hint: 'complete',
	},
	{
		id: 'command.older',
		scope: 'command',
		keys: ['up'],
		description: 'Earlier command from the history',
		hint: 'history',
	},
	{id: 'command.newer', scope: 'command', keys: ['down'], description: 'Later command from the history'},

	{
		id: 'import.choose',
		scope: 'importFile',
		keys: ['enter'],
		description: 'Read the selected file (a folder opens; a typed path is read as it is)',
		hint: 'choose',
	},
	{
		id: 'import.complete',
		scope: 'importFile',
		keys: ['tab'],
		description: 'Complete the path with the selected entry',
		hint: 'complete',
	},
	...typingListKeys('importFile', 'file'),
	{id: 'import.cancel', scope: 'importFile', keys: ['escape'], description: 'Leave the import', hint: 'cancel'},

	...movementKeys('importChoice', 'rows'),
	{
		id: 'import.choose',
		scope: 'importChoice',
		keys: ['enter'],
		description: 'Use this mapping (or this id column) and preview',
		hint: 'preview',
	},
	{id: 'import.back', scope: 'importChoice', keys: ['escape'], description: 'Back to the file', hint: 'back'},

	...movementKeys('importPreview', 'rows'),
	{
		id: 'import.run',
		scope: 'importPreview',
		keys: ['enter', 'ctrl+s'],
		description: 'Import the whole file as one change',
		hint: 'import',
	},
	{
		id: 'import.dryRun',
		scope: 'importPreview',
		keys: ['d'],
		description: 'Dry run: check the whole file and summarize, write nothing',
		hint: 'dry run',
	},
	{
		id: 'import.nextTarget',
		scope: 'importPreview',
		keys: ['tab', 'right'],
		description: 'Next entity of the mapping (customers, tickets, feedback…)',
		hint: 'entity',
	},
	{
		id: 'import.previousTarget',
		scope: 'importPreview',
		keys: ['shift+tab', 'left'],
		description: 'Previous entity of the mapping',
	},
	{id: 'import.back', scope: 'importPreview', keys: ['escape'], description: 'Back to the mapping', hint: 'back'},

	{
		id: 'import.cancel',
		scope: 'importRunning',
		keys: ['escape'],
		description: 'Stop while rows are being checked: nothing is saved',
		hint: 'stop',
	},

	...movementKeys('importDone', 'lines'),
	{
		id: 'import.close',
		scope: 'importDone',
		keys: ['enter', 'escape', 'q'],
		description: 'Close and show what was imported',
		hint: 'close',
	},

	{id: 'help.close', scope: 'help', keys: ['escape', '?', 'q'], description: 'Close help', hint: 'close'},
	...movementKeys('help', 'lines'),

	{id: 'screen.customers', scope: 'global', keys: ['1'], description: 'Customers'},
	{id: 'screen.opportunities', scope: 'global', keys: ['2'], description: 'Opportunities'},
	{id: 'screen.tickets', scope: 'global', keys: ['3'], description: 'Tickets'},
	{id: 'screen.feedback', scope: 'global', keys: ['4'], description: 'Feedback'},
	{id: 'screen.assess', scope: 'global', keys: ['5'], description: 'Assessment: KPIs against targets'},
	{id: 'screen.log', scope: 'global', keys: ['6'], description: 'Change log'},
	{id: 'screen.next', scope: 'global', keys: ['tab'], description: 'Next screen', hint: 'screens'},
	{id: 'screen.previous', scope: 'global', keys: ['shift+tab'], description: 'Previous screen'},
	{id: 'app.help', scope: 'global', keys: ['?'], description: 'Show every key of this view', hint: 'help'},
	{
		id: 'app.search',
		scope: 'global',
		keys: ['ctrl+k'],
		description: 'Search every customer, deal, ticket and feedback; Enter jumps there',
		hint: 'search',
	},
	{
		id: 'app.command',
		scope: 'global',
		keys: [':'],
		description: 'Command line (:new customer, :goto tickets, :search …, :q)',
	},
	{id: 'app.forceQuit', scope: 'global', keys: ['ctrl+c'], description: 'Quit from anywhere'},
	{
		id: 'app.redraw',
		scope: 'global',
		keys: ['ctrl+l'],
		description: 'Redraw the whole screen, from anywhere (after something else wrote over it)',
	},
];

/** What decides which keys are live: the screen, the mode, an open overlay, the help; and what the operator may change. */
export type View = {
	help: boolean;
	overlay: Overlay['kind'] | null;
	mode: Mode;
	screen: ScreenName;
	can?: (needs: Needs) => boolean;
};

/**
 * The scopes in force, most specific first: help > overlay (modal) > text field > pane > global.
 * Text fields and overlays take no global keys, so typing `q` or `1` there types it.
 */
export const activeScopes = (view: Pick<View, 'help' | 'overlay' | 'mode'>): Scope[] => {
	// Help is modal over the view's own keys, but the screen keys still switch (and close it).
	if (view.help) return ['help', 'global'];
	if (view.overlay) return [view.overlay];
	// Text fields and the import's steps are modal: `1` or `q` there types or does nothing else.
	if (view.mode === 'filter' || view.mode === 'form' || view.mode.startsWith('import')) return [view.mode];
	return [view.mode, 'global'];
};

const isCapitalLetter = (keyId: string): boolean => /^[A-Z]$/.test(keyId);

const appliesTo = (command: KeyCommand, screen: ScreenName | undefined): boolean =>
	!command.screens || screen === undefined || command.screens.includes(screen);

/**
 * The command a key triggers in the given view, most specific scope first. Ctrl+C always quits,
 * even in a modal or text field. `columnLetters` are the sort letters of the current list's columns.
 */
export const commandFor = (
	keyId: string,
	view: Pick<View, 'help' | 'overlay' | 'mode'> & {screen?: ScreenName},
	columnLetters = '',
): CommandId | undefined => {
	if (keyId === 'ctrl+c') return 'app.forceQuit';
	if (keyId === 'ctrl+l') return 'app.redraw';
	for (const scope of activeScopes(view)) {
		for (const command of keymap) {
			if (command.scope !== scope || !appliesTo(command, view.screen)) continue;
			if (command.keys.includes(keyId)) return command.id;
			if (command.keys.includes('A-Z') && isCapitalLetter(keyId) && columnLetters.includes(keyId)) return command.id;
		}
	}
	return undefined;
};

/** The commands of the given scopes that work on `screen` (all screens when it is omitted) and that the operator may use. */
export const commandsIn = (
	scopes: readonly Scope[],
	screen?: ScreenName,
	can?: (needs: Needs) => boolean,
): KeyCommand[] =>
	scopes.flatMap((scope) =>
		keymap.filter(
			(command) =>
				command.scope === scope && appliesTo(command, screen) && (!command.needs || !can || can(command.needs)),
		),
	);

/** The change a command makes, if any (the same in every scope it appears in). */
export const needsOf = (id: CommandId): Needs | undefined =>
	keymap.find((command) => command.id === id && command.needs)?.needs;

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
	' ': 'Space',
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
	board: 'Pipeline board',
	assessment: 'Assessment',
	duplicates: 'Likely duplicates',
	merge: 'Merge',
	filter: 'Filter (typing)',
	form: 'Form',
	picker: 'Picker (typing narrows)',
	confirm: 'Question',
	prompt: 'Reply or note (typing)',
	conflict: 'Edited by someone else',
	command: 'Command line (typing)',
	help: 'Help',
	importFile: 'Import: the file (typing)',
	importChoice: 'Import: the mapping',
	importPreview: 'Import: the preview',
	importRunning: 'Import: running',
	importDone: 'Import: the summary',
	global: 'Everywhere',
};

const screenNote = (command: KeyCommand): string =>
	command.screens && command.screens.length < 4 ? ` (${command.screens.join(', ')})` : '';

/** The key table of the README, generated so that it never drifts from the code. */
export const keymapMarkdown = (): string => {
	const scopes: Scope[] = [
		'list',
		'detail',
		'board',
		'assessment',
		'duplicates',
		'merge',
		'filter',
		'form',
		'importFile',
		'importChoice',
		'importPreview',
		'importRunning',
		'importDone',
		'picker',
		'confirm',
		'conflict',
		'prompt',
		'command',
		'help',
		'global',
	];
	const lines = ['| Where | Keys | Does |', '|---|---|---|'];
	for (const scope of scopes) {
		for (const command of keymap.filter((entry) => entry.scope === scope)) {
			const keys = command.keys.map((key) => `\`${keyLabel(key).replace('|', '\\|')}\``).join(' ');
			lines.push(`| ${scopeTitles[scope]} | ${keys} | ${command.description}${screenNote(command)} |`);
		}
	}
	return lines.join('\n');
};

/** Form fields take text; these keys edit it (besides typing). Listed in help, handled by the text editor. */
export const textEditingKeys =
	'←/→ move the caret · Home/End (Ctrl+A/Ctrl+E) · Backspace/Delete · Ctrl+U clears · Ctrl+W deletes a word';
