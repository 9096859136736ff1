import type {KeyBinding} from './key-binding.js';
import {entityScreens, movementKeys} from './key-groups.js';

/**
 * The power user's keys on a list (issue 18): marks and what acts on them, the frequency view,
 * "mine"; and the keys of the frequency view and of a report read before going on.
 */
/** The lists whose records can be marked and changed together: the entities' and the follow-ups'. */
const markable = [...entityScreens, 'followups'] as const;

export const powerKeys = [
	{
		id: 'list.mark',
		scope: 'list',
		keys: [' '],
		description: 'Mark or unmark the selected row, and move down',
		hint: 'mark',
		screens: markable,
	},
	{
		id: 'list.markShown',
		scope: 'list',
		keys: ['*'],
		description: 'Mark every row the filter shows',
		screens: markable,
	},
	{
		id: 'list.clearMarks',
		scope: 'list',
		keys: ['-'],
		description: 'Clear every mark on this list (Esc clears the filter, never the marks)',
		screens: markable,
	},
	{
		id: 'list.bulk',
		scope: 'list',
		keys: ['c'],
		description:
			'Change the marked rows (none marked: every row shown, after saying how many): set a field, next stage, close, delete, export',
		hint: 'change',
		screens: markable,
		// Hidden from those who may not change the list's records (they export with :export).
		needs: {action: 'update'},
	},
	{
		id: 'list.frequency',
		scope: 'list',
		keys: ['#'],
		description: 'Count the sorted column’s values: count, share, money summed; Enter filters to one',
		hint: 'count',
	},
	{
		id: 'list.mine',
		scope: 'list',
		keys: ['@'],
		description: 'Mine: only the records you own (again: everyone’s); tickets and follow-ups due soonest first',
		hint: 'mine',
		screens: ['customers', 'opportunities', 'tickets', 'orders', 'followups'],
	},

	...movementKeys('frequency', 'rows'),
	{
		id: 'frequency.filter',
		scope: 'frequency',
		keys: ['enter'],
		description: 'Filter the list to the selected value',
		hint: 'filter',
	},
	{
		id: 'frequency.sort',
		scope: 'frequency',
		keys: ['s'],
		description: 'Sort by count, by value, or by the money summed',
		hint: 'sort',
	},
	{
		id: 'frequency.nextColumn',
		scope: 'frequency',
		keys: ['l', 'right'],
		description: 'Count the next column',
		hint: 'column',
	},
	{id: 'frequency.previousColumn', scope: 'frequency', keys: ['h', 'left'], description: 'Count the previous column'},
	{
		id: 'frequency.column',
		scope: 'frequency',
		keys: ['A-Z'],
		description: 'Count the column with that capital letter',
	},
	{
		id: 'frequency.back',
		scope: 'frequency',
		keys: ['escape', 'q', 'backspace'],
		description: 'Back to the list',
		hint: 'back',
	},

	...movementKeys('report', 'lines'),
	{
		id: 'report.close',
		scope: 'report',
		keys: ['enter', 'escape', 'q'],
		description: 'Close the report',
		hint: 'close',
	},
] as const satisfies readonly KeyBinding[];
