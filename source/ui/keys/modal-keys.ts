import type {KeyBinding} from './key-binding.js';
import {movementKeys, typingListKeys} from './key-groups.js';

/**
 * The keys of what takes the keyboard over a pane: the filter, a form, the overlays (picker,
 * question, conflict, prompt, command line), the import's steps and the help.
 */
export const modalKeys = [
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
		// The import is the save under way: Esc must not wait for it to end.
		atOnce: true,
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
] as const satisfies readonly KeyBinding[];
