import type {EntityName} from '../../domain/dataset.js';
import {t} from '../../i18n/i18n.js';
import type {ScreenName} from './app-types.js';
import {parseViewCommand, type ViewCommand, viewWords} from './saved-views.js';

/** What a command line asks for, once read; the reducer carries it out. */
export type ParsedCommand =
	| {kind: 'new'; entity: EntityName}
	| {kind: 'goto'; screen: ScreenName}
	| {kind: 'search'; text: string}
	| {kind: 'board'}
	| {kind: 'undo'}
	| {kind: 'help'}
	| {kind: 'survey'}
	| {kind: 'quit'}
	| {kind: 'export'; path: string | null}
	| {kind: 'import'; path: string | null}
	/** Add the customers the list shows to a campaign's audience: the campaign named, or (null) picked. */
	| {kind: 'audience'; name: string | null}
	/** Saved views: recall one by name, save the list as it is, delete one, set a screen's default, or pick one. */
	| {kind: 'view'; command: ViewCommand}
	/** The console's language: one named (`:lang zh-CN`), or (null) which it is now. */
	| {kind: 'lang'; name: string | null}
	| {kind: 'error'; message: string};

const entityWords: Record<string, EntityName> = {
	customer: 'customers',
	customers: 'customers',
	opportunity: 'opportunities',
	opportunities: 'opportunities',
	deal: 'opportunities',
	deals: 'opportunities',
	ticket: 'tickets',
	tickets: 'tickets',
	feedback: 'feedback',
	campaign: 'campaigns',
	campaigns: 'campaigns',
	order: 'orders',
	orders: 'orders',
};

const screenWords: Record<string, ScreenName> = {
	...entityWords,
	log: 'log',
	changes: 'log',
	followups: 'followups',
	'follow-ups': 'followups',
};

/** Every command with the words that may follow it; Tab completes from these. */
export const commandWords: Record<string, readonly string[]> = {
	new: ['customer', 'opportunity', 'ticket', 'feedback', 'campaign', 'order'],
	goto: ['customers', 'opportunities', 'tickets', 'feedback', 'campaigns', 'orders', 'followups', 'log'],
	search: [],
	board: [],
	undo: [],
	help: [],
	survey: [],
	export: [],
	import: [],
	// The campaigns' names, from the data: `completeCommand` is given them.
	audience: [],
	// The operator's saved views' names as well: `completeCommand` is given them.
	view: viewWords,
	lang: ['en', 'zh-CN'],
	quit: [],
	q: [],
};

export const commandSummary =
	':new <customer|opportunity|ticket|feedback|campaign|order>  :goto <screen>  :search <text>  :export [file]  :import [file]  :audience [campaign]  :view [save|delete|default] [name]  :lang [en|zh-CN]  :board  :undo  :survey  :help  :q';

export const parseCommand = (line: string): ParsedCommand => {
	const [word = '', ...rest] = line.trim().replace(/^:/, '').split(/\s+/);
	const argument = rest.join(' ');
	switch (word.toLowerCase()) {
		case 'new': {
			const entity = entityWords[argument.toLowerCase()];
			return entity
				? {kind: 'new', entity}
				: {kind: 'error', message: t('state.command.newNeeds', {words: commandWords['new']!.join(', ')})};
		}
		case 'goto':
		case 'go': {
			const screen = screenWords[argument.toLowerCase()];
			return screen
				? {kind: 'goto', screen}
				: {kind: 'error', message: t('state.command.gotoNeeds', {words: commandWords['goto']!.join(', ')})};
		}
		case 'search':
		case 'find':
			return {kind: 'search', text: argument};
		case 'board':
			return {kind: 'board'};
		case 'undo':
			return {kind: 'undo'};
		case 'export':
			return {kind: 'export', path: argument.trim() || null};
		case 'import':
			return {kind: 'import', path: argument.trim() || null};
		case 'audience':
			return {kind: 'audience', name: argument.trim() || null};
		case 'lang':
		case 'language':
			return {kind: 'lang', name: argument.trim() || null};
		case 'view':
		case 'views':
			return {kind: 'view', command: parseViewCommand(argument)};
		case 'help':
			return {kind: 'help'};
		case 'survey':
			return {kind: 'survey'};
		case 'q':
		case 'quit':
		case 'exit':
			return {kind: 'quit'};
		case '':
			return {kind: 'error', message: t('state.command.empty', {summary: commandSummary})};
		default: {
			const screen = screenWords[word.toLowerCase()];
			if (screen) return {kind: 'goto', screen};
			return {kind: 'error', message: t('state.command.unknown', {word, summary: commandSummary})};
		}
	}
};

/** The common start of several words (case as the first has it, compared with case ignored). */
const commonStart = (words: readonly string[]): string => {
	let common = words[0]!;
	for (const word of words) while (!word.toLowerCase().startsWith(common.toLowerCase())) common = common.slice(0, -1);
	return common;
};

/**
 * Completes the word under the caret (at the end of the line): the command, then its argument.
 * One match completes it; several complete their common start. `:audience` completes a campaign's
 * name (`campaigns`), spaces and all, with case ignored.
 */
export const completeCommand = (
	line: string,
	campaigns: readonly string[] = [],
	views: readonly string[] = [],
): string => {
	const audience = /^(audience\s+)(.*)$/i.exec(line);
	if (audience) {
		const typed = audience[2]!.toLowerCase();
		const matches = campaigns.filter((name) => name.toLowerCase().startsWith(typed));
		return matches.length === 0 ? line : `${audience[1]}${commonStart(matches)}`;
	}
	// `:view` completes a saved view's name, after `save`, `delete` or `default` too, and those words.
	const view = /^(views?\s+(?:(?:save|delete|default)\s+)?)(.*)$/i.exec(line);
	if (view) {
		const typed = view[2]!.toLowerCase();
		const words = /\s(save|delete|default)\s/i.test(view[1]!) ? views : [...views, ...viewWords];
		const matches = words.filter((name) => name.toLowerCase().startsWith(typed));
		return matches.length === 0 ? line : `${view[1]}${commonStart(matches)}`;
	}
	const parts = line.split(/\s+/);
	const candidates = parts.length <= 1 ? Object.keys(commandWords) : [...(commandWords[parts[0]!.toLowerCase()] ?? [])];
	const typed = (parts.at(-1) ?? '').toLowerCase();
	const matches = candidates.filter((candidate) => candidate.startsWith(typed));
	if (matches.length === 0) return line;
	const completed = [...parts.slice(0, -1), matches.length === 1 ? matches[0]! : commonStart(matches)].join(' ');
	const takesWords = (commandWords[completed]?.length ?? 0) > 0 || (completed === 'audience' && campaigns.length > 0);
	return matches.length === 1 && parts.length <= 1 && takesWords ? `${completed} ` : completed;
};
