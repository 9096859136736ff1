import {en} from '../../i18n/catalogs/en.js';
import type {ScreenName} from '../state/app-types.js';
import {type Layer, type Stack, topLayer} from '../state/top-layer.js';
import type {KeyBinding, Needs, Scope} from './key-binding.js';
import {modalKeys} from './modal-keys.js';
import {paneKeys} from './pane-keys.js';
import {powerKeys} from './power-keys.js';

export type {KeyBinding, Needs, Scope} from './key-binding.js';

/**
 * The one keymap. Every key the console reacts to is a named command here with a description
 * and a scope; the status-line hints, the `?` overlay and the README's key table all come from it,
 * and the dispatcher (`state/key-dispatch.ts`) has a handler for each command of each scope.
 */
const table = [
	...paneKeys,
	...powerKeys,
	...modalKeys,

	{id: 'screen.customers', scope: 'global', keys: ['1'], description: 'Customers'},
	{id: 'screen.opportunities', scope: 'global', keys: ['2'], description: 'Opportunities'},
	{id: 'screen.tickets', scope: 'global', keys: ['3'], description: 'Tickets'},
	{id: 'screen.feedback', scope: 'global', keys: ['4'], description: 'Feedback'},
	{id: 'screen.assess', scope: 'global', keys: ['5'], description: 'Assessment: KPIs against targets'},
	{id: 'screen.log', scope: 'global', keys: ['6'], description: 'Change log'},
	{
		id: 'screen.campaigns',
		scope: 'global',
		keys: ['7'],
		description: 'Campaigns: what each brought in for what it cost',
	},
	{id: 'screen.orders', scope: 'global', keys: ['8'], description: 'Orders'},
	{
		id: 'screen.followups',
		scope: 'global',
		keys: ['9'],
		description: 'Follow-ups due today and overdue',
	},
	{id: 'screen.next', scope: 'global', keys: ['tab'], description: 'Next screen', hint: 'screens'},
	{id: 'screen.previous', scope: 'global', keys: ['shift+tab'], description: 'Previous screen'},
	{id: 'app.help', scope: 'global', keys: ['?'], description: 'Show every key of this view', hint: 'help'},
	{
		id: 'app.search',
		scope: 'global',
		keys: ['ctrl+k'],
		description: 'Search every customer, deal, ticket, feedback, campaign and order; Enter jumps there',
		hint: 'search',
	},
	{
		id: 'app.command',
		scope: 'global',
		keys: [':'],
		description: 'Command line (:new customer, :goto tickets, :search …, :export, :audience, :view, :lang, :q)',
	},
	{
		id: 'app.survey',
		scope: 'global',
		keys: ['!'],
		description: 'Rate the console: the usability survey (answers are signed)',
	},
	{
		id: 'app.forceQuit',
		scope: 'global',
		keys: ['ctrl+c'],
		description: 'Quit from anywhere',
		anywhere: true,
		atOnce: true,
	},
	{
		id: 'app.redraw',
		scope: 'global',
		keys: ['ctrl+l'],
		description: 'Redraw the whole screen, from anywhere (after something else wrote over it)',
		anywhere: true,
		atOnce: true,
	},
] as const satisfies readonly KeyBinding[];

type Entry = (typeof table)[number];

/** Every command, as the keymap names it. */
export type CommandId = Entry['id'];

/** The commands of one scope: what its handler table must answer, no more and no less. */
export type CommandOf<S extends Scope> = Extract<Entry, {scope: S}>['id'];

export type KeyCommand = KeyBinding & {id: CommandId};

export const keymap: readonly KeyCommand[] = table;

/** What decides which keys are live: what is open (see `topLayer`), the screen, and what the operator may change. */
export type View = Stack & {screen: ScreenName; can?: (needs: Needs) => boolean};

/**
 * Whether the global keys stay live over a layer. Over a pane and the help they do (the screen keys
 * switch, and close the help); text fields, overlays and the import's steps are modal, so typing
 * `q` or `1` there types it or does nothing else.
 */
const globalKeysLive: Record<Layer, boolean> = {
	help: true,
	list: true,
	detail: true,
	board: true,
	assessment: true,
	duplicates: true,
	merge: true,
	frequency: true,
	filter: false,
	form: false,
	picker: false,
	confirm: false,
	prompt: false,
	conflict: false,
	report: false,
	command: false,
	importFile: false,
	importChoice: false,
	importPreview: false,
	importRunning: false,
	importDone: false,
};

/** The scopes in force, most specific first: the top layer's, then the global ones where they are live. */
export const activeScopes = (view: Stack): Scope[] => {
	const top = topLayer(view);
	return globalKeysLive[top] ? [top, 'global'] : [top];
};

const isCapitalLetter = (keyId: string): boolean => /^[A-Z]$/.test(keyId);

const appliesTo = (command: KeyCommand, screen: ScreenName | undefined): boolean =>
	!command.screens || screen === undefined || command.screens.includes(screen);

const anywhereCommands: readonly KeyCommand[] = keymap.filter((command) => command.anywhere);

/**
 * The binding a key triggers in the given view: a key live anywhere (Ctrl+C, Ctrl+L), else the most
 * specific scope's. `columnLetters` are the sort letters of the current list's columns.
 */
export const bindingFor = (keyId: string, view: Stack, columnLetters = ''): KeyCommand | undefined => {
	const anywhere = anywhereCommands.find((command) => command.keys.includes(keyId));
	if (anywhere) return anywhere;
	for (const scope of activeScopes(view)) {
		for (const command of keymap) {
			if (command.scope !== scope || !appliesTo(command, view.screen)) continue;
			if (command.keys.includes(keyId)) return command;
			if (command.keys.includes('A-Z') && isCapitalLetter(keyId) && columnLetters.includes(keyId)) return command;
		}
	}
	return undefined;
};

/** The command a key triggers in the given view (see `bindingFor`). */
export const commandFor = (keyId: string, view: Stack, columnLetters = ''): CommandId | undefined =>
	bindingFor(keyId, view, columnLetters)?.id;

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

const keyLabels: Record<string, string> = {
	down: '↓',
	up: '↑',
	left: '←',
	right: '→',
	// i18n-exempt: a key's name as the keyboard has it, in every language.
	enter: 'Enter',
	// i18n-exempt: a key's name as the keyboard has it, in every language.
	escape: 'Esc',
	// i18n-exempt: a key's name as the keyboard has it, in every language.
	tab: 'Tab',
	// i18n-exempt: a key's name as the keyboard has it, in every language.
	'shift+tab': 'Shift+Tab',
	pagedown: 'PgDn',
	pageup: 'PgUp',
	// i18n-exempt: a key's name as the keyboard has it, in every language.
	home: 'Home',
	// i18n-exempt: a key's name as the keyboard has it, in every language.
	end: 'End',
	// i18n-exempt: a key's name as the keyboard has it, in every language.
	backspace: 'Backspace',
	// i18n-exempt: a key's name as the keyboard has it, in every language.
	'A-Z': 'Shift+letter',
	// i18n-exempt: a key's name as the keyboard has it, in every language.
	' ': 'Space',
};

/** How a key id is written for people: `ctrl+d` → `Ctrl+D`, `down` → `↓`. */
export const keyLabel = (keyId: string): string => {
	const known = keyLabels[keyId];
	if (known) return known;
	const control = /^ctrl\+(.)$/.exec(keyId);
	// i18n-exempt: a key's name as the keyboard has it, in every language.
	if (control) return `Ctrl+${control[1]!.toUpperCase()}`;
	return keyId;
};

export const keysLabel = (command: KeyCommand): string => command.keys.map(keyLabel).join(' ');

/** Where each key works, in English: the README's table and `crm keys` (the console says it in its language, `t('scopes.…')`). */
export const scopeTitles: Readonly<Record<Scope, string>> = en.scopes;

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
		'frequency',
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
		'report',
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

/** Every key as plain lines, where it works, its keys, what it does: `crm keys`. */
export const keymapText = (): string => {
	const whereWidth = Math.max(...keymap.map((command) => scopeTitles[command.scope].length));
	return keymap
		.map(
			(command) =>
				`${scopeTitles[command.scope].padEnd(whereWidth)}  ${keysLabel(command).padEnd(22)} ${command.description}`,
		)
		.join('\n');
};
