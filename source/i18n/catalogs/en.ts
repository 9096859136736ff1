import {assess} from './en/assess.js';
import {cli} from './en/cli.js';
import {dataKey} from './en/cli-sealed.js';
import {domain} from './en/domain.js';
import {format} from './en/format.js';
import {lists} from './en/lists.js';
import {state} from './en/state.js';
import {store} from './en/store.js';
import {sealed} from './en/store-sealed.js';
import {views} from './en/views.js';

/**
 * The console's words in English: the catalog every other language is held to (`zh-CN.ts` must have
 * every key, `test/unit/i18n.test.ts` that every key is used). Plurals by i18next's `_one`/`_other`
 * suffixes, values by `{{name}}`. Each area of the code has its words in a file of its own, `en/<area>.ts`,
 * and its Chinese in `zh-CN/<area>.ts`; keys are `area.key`.
 */
export const en = {
	screens: {
		customers: 'Customers',
		opportunities: 'Opportunities',
		tickets: 'Tickets',
		feedback: 'Feedback',
		assess: 'Assess',
		log: 'Log',
		campaigns: 'Campaigns',
		orders: 'Orders',
		followups: 'Follow-ups',
	},
	scopes: {
		list: 'List',
		detail: 'Detail',
		board: 'Pipeline board',
		assessment: 'Assessment',
		duplicates: 'Likely duplicates',
		merge: 'Merge',
		frequency: 'Frequency view',
		filter: 'Filter (typing)',
		form: 'Form',
		picker: 'Picker (typing narrows)',
		confirm: 'Question',
		prompt: 'Reply or note (typing)',
		conflict: 'Edited by someone else',
		report: 'Report',
		command: 'Command line (typing)',
		help: 'Help',
		importFile: 'Import: the file (typing)',
		importChoice: 'Import: the mapping',
		importPreview: 'Import: the preview',
		importRunning: 'Import: running',
		importDone: 'Import: the summary',
		global: 'Everywhere',
	},
	help: {
		title: 'Keys — {{screen}}, {{where}}',
		sortLetters: 'Sort letters (Shift+letter)',
		editing: 'Editing text',
		editingKeys:
			'←/→ move the caret · Home/End (Ctrl+A/Ctrl+E) · Backspace/Delete · Ctrl+U clears · Ctrl+W deletes a word',
		formLists:
			'Lists (stage, status…): ←/→ or Space change the value, or type its first letter. Dates: 2026-03-01, today, tomorrow, +3d, -2w, +1m.',
	},
	marks: {
		count_one: '{{count, number}} marked',
		count_other: '{{count, number}} marked',
	},
	lang: {
		switched: 'Language: English. (:lang zh-CN switches to Chinese.)',
		unknown: 'Unknown language “{{name}}”: :lang takes {{languages}}.',
	},
	assess,
	store,
	sealed,
	dataKey,
	cli,
	domain,
	state,
	lists,
	views,
	format,
} as const;
