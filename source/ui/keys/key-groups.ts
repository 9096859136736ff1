import type {ScreenName} from '../state/app-types.js';
import type {Scope} from './key-binding.js';

/*
 * Groups of keys that several scopes share. Each returns its bindings `as const` (the keymap checks
 * them against KeyBinding), so that ids and scopes stay literal: CommandId and CommandOf come from them.
 */

/** Moving in a list that is typed into (a picker, the import's files): no letters, they type. */
export const typingListKeys = <S extends Scope>(scope: S, noun: string) =>
	[
		{id: 'cursor.down', scope, keys: ['down', 'ctrl+n'], description: `Next ${noun}`, hint: 'move'},
		// i18n-exempt: the keymap's descriptions stay English (the README's table); their Chinese is keymap-zh.ts.
		{id: 'cursor.up', scope, keys: ['up', 'ctrl+p'], description: `Previous ${noun}`},
		{id: 'cursor.pageDown', scope, keys: ['pagedown'], description: 'Page down'},
		{id: 'cursor.pageUp', scope, keys: ['pageup'], description: 'Page up'},
	] as const;

/** The vim/less movement keys, the same in every pane that scrolls. */
export const movementKeys = <S extends Scope>(scope: S, unit: 'rows' | 'lines') => {
	const rows = unit === 'rows';
	return [
		{
			id: 'cursor.down',
			scope,
			keys: ['j', 'down'],
			// i18n-exempt: the keymap's descriptions stay English (the README's table); their Chinese is keymap-zh.ts.
			description: rows ? 'Move down one row' : 'Scroll down',
			hint: rows ? 'move' : 'scroll',
		},
		// i18n-exempt: the keymap's descriptions stay English (the README's table); their Chinese is keymap-zh.ts.
		{id: 'cursor.up', scope, keys: ['k', 'up'], description: rows ? 'Move up one row' : 'Scroll up'},
		{id: 'cursor.pageDown', scope, keys: ['pagedown', 'ctrl+d'], description: 'Page down'},
		{id: 'cursor.pageUp', scope, keys: ['pageup', 'ctrl+u'], description: 'Page up'},
		// i18n-exempt: the keymap's descriptions stay English (the README's table); their Chinese is keymap-zh.ts.
		{id: 'cursor.first', scope, keys: ['g', 'home'], description: rows ? 'Jump to the first row' : 'Jump to the top'},
		// i18n-exempt: the keymap's descriptions stay English (the README's table); their Chinese is keymap-zh.ts.
		{id: 'cursor.last', scope, keys: ['G', 'end'], description: rows ? 'Jump to the last row' : 'Jump to the bottom'},
	] as const;
};

export const entityScreens: readonly ScreenName[] = [
	'customers',
	'opportunities',
	'tickets',
	'feedback',
	'campaigns',
	'orders',
];

/** The timeline (an activity logged, a follow-up scheduled or done) and an order's or a campaign's statuses. */
const lifecycleKeys = <S extends Scope>(scope: S) =>
	[
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
			id: 'customer.followUp',
			scope,
			keys: ['f'],
			description: 'Schedule a follow-up (a call-back due on a day)',
			hint: 'follow up',
			screens: ['customers', 'tickets'],
			needs: {action: 'create', entity: 'activities'},
		},

		{
			id: 'order.advance',
			scope,
			keys: ['>'],
			description: 'Next status: draft → confirmed → fulfilled → paid',
			hint: 'status',
			screens: ['orders'],
			needs: {action: 'update', entity: 'orders'},
		},
		{
			id: 'order.cancel',
			scope,
			keys: ['x'],
			description: 'Cancel the order (asks first; a paid one stays paid)',
			screens: ['orders'],
			needs: {action: 'update', entity: 'orders'},
		},
		{
			id: 'campaign.advance',
			scope,
			keys: ['>'],
			description: 'Next status: planned → active → completed',
			hint: 'status',
			screens: ['campaigns'],
			needs: {action: 'update', entity: 'campaigns'},
		},
		{
			id: 'campaign.cancel',
			scope,
			keys: ['x'],
			description: 'Cancel the campaign (asks first; its cost still counts)',
			screens: ['campaigns'],
			needs: {action: 'update', entity: 'campaigns'},
		},
		{
			id: 'followup.done',
			scope,
			keys: ['x'],
			description: 'Mark the follow-up done',
			hint: 'done',
			screens: ['followups'],
			needs: {action: 'update', entity: 'activities'},
		},
	] as const;

/** Keys that change the selected record, the same in its list row and its detail. */
export const recordKeys = <S extends Scope>(scope: S) =>
	[
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
		...lifecycleKeys(scope),
		{
			id: 'change.undo',
			scope,
			keys: ['u'],
			description: 'Undo your last change (itself logged)',
			hint: 'undo',
			needs: {action: 'update'},
		},
	] as const;
