import {controlCharacterProblem} from '../../domain/control-characters.js';
import type {Customer} from '../../domain/customer.js';
import type {AnyStoredRecord} from '../../domain/dataset.js';
import {type EntityName, entitySingular} from '../../domain/dataset.js';
import {recordsToCsv} from '../../domain/records-csv.js';
import {requirementsWithStatus} from '../../domain/settings.js';
import type {Ticket} from '../../domain/ticket.js';
import {feedbackForm, formFor} from '../forms/form-definitions.js';
import type {Key} from '../keys/key-parser.js';
import type {CommandId, Needs} from '../keys/keymap.js';
import {frameLayout} from '../layout/frame-layout.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState, Overlay} from './app-types.js';
import {completeCommand, parseCommand} from './command-line.js';
import {openNewForm, rebaseForm, saveForm, setFormValue} from './form-actions.js';
import {openImport} from './import-wizard.js';
import {openDetail, switchScreen} from './list-navigation.js';
import {customerLabel} from './related-records.js';
import {requestApply, requestSettings, requestUndo} from './requests.js';
import {permits, refusalOf, rowsOf, viewContext} from './selection.js';
import {editText, textInput} from './text-input.js';
import {foldForSearch, matchesFilter} from './visible-rows.js';

export type PickerRow = {value: string; label: string};

type Picker = Extract<Overlay, {kind: 'picker'}>;

let customerIndex: {customers: readonly Customer[]; rows: Array<PickerRow & {search: string}>} | undefined;

/** Every customer once, by name, with what the picker searches; rebuilt only when customers change. */
const customerRows = (customers: readonly Customer[]) => {
	if (customerIndex?.customers !== customers) {
		const collator = new Intl.Collator(undefined, {sensitivity: 'base'});
		const rows = [...customers]
			.sort((a, b) => collator.compare(a.name, b.name))
			.map((customer) => ({
				value: customer.id,
				label: `${customer.name}${customer.company ? ` (${customer.company})` : ''}${customer.email ? `  ${customer.email}` : ''}`,
				search: foldForSearch(`${customer.name} ${customer.company} ${customer.email} ${customer.phone}`),
			}));
		customerIndex = {customers, rows};
	}
	return customerIndex.rows;
};

let recordIndex: {dataset: unknown; rows: Array<PickerRow & {search: string}>} | undefined;

/** Every customer, deal, ticket and feedback by what people search them by: name, email, title, subject. */
const recordRows = (state: AppState) => {
	// As the screens show them: masked with --mask.
	const {dataset} = viewContext(state);
	if (recordIndex?.dataset !== dataset) {
		const related = viewContext(state).related;
		const row = (entity: EntityName, id: string, label: string, search: string) => ({
			value: `${entity}:${id}`,
			label: `${entitySingular[entity].padEnd(12)}${label}`,
			search: foldForSearch(search),
		});
		recordIndex = {
			dataset,
			rows: [
				...customerRows(dataset.customers).map((entry) => ({
					...entry,
					value: `customers:${entry.value}`,
					label: `${'customer'.padEnd(12)}${entry.label}`,
				})),
				...dataset.opportunities.map((deal) =>
					row(
						'opportunities',
						deal.id,
						`${deal.title}  ${deal.stage}`,
						`${deal.title} ${deal.product} ${customerLabel(related, deal.customerId)}`,
					),
				),
				...dataset.tickets.map((ticket) =>
					row(
						'tickets',
						ticket.id,
						`${ticket.subject}  ${customerLabel(related, ticket.customerId)}`,
						`${ticket.subject} ${customerLabel(related, ticket.customerId)}`,
					),
				),
				...dataset.feedback
					.filter((entry) => entry.comment)
					.map((entry) =>
						row('feedback', entry.id, `${entry.comment}  ${customerLabel(related, entry.customerId)}`, entry.comment),
					),
			],
		};
	}
	return recordIndex.rows;
};

/**
 * Best matches first: the whole query at the start of the entry, then every word of the query
 * starting a word of the entry, then anywhere. Within a rank the order stays (by name).
 */
const ranked = <R extends {search: string}>(rows: readonly R[], query: string): R[] => {
	const folded = foldForSearch(query).trim();
	const words = folded.split(/\s+/).filter(Boolean);
	const rank = (search: string): number => {
		if (search.startsWith(folded)) return 0;
		if (words.every((word) => search.startsWith(word) || search.includes(` ${word}`))) return 1;
		return 2;
	};
	return rows
		.filter((row) => matchesFilter(row.search, query))
		.map((row, index) => ({row, index, rank: rank(row.search)}))
		.sort((a, b) => a.rank - b.rank || a.index - b.index)
		.map((entry) => entry.row);
};

/** The picker's entries that match what was typed, best first. */
export const pickerRows = (state: AppState, picker: Picker): PickerRow[] => {
	const query = picker.query.text;
	if (picker.choices === 'records') return query.trim() === '' ? [] : ranked(recordRows(state), query);
	if (picker.choices === 'customers') return ranked(customerRows(viewContext(state).dataset.customers), query);
	return ranked(
		picker.choices.map((choice) => ({value: choice, label: choice, search: foldForSearch(choice)})),
		query,
	);
};

/** Rows a picker shows at once: the frame less its title, query line and border. */
export const pickerPage = (state: AppState): number => Math.max(3, frameLayout(state.size).body - 4);

const closeOverlay = (state: AppState): AppState => ({...state, overlay: null});

const choose = (state: AppState, picker: Picker): AppState => {
	const row = pickerRows(state, picker)[picker.cursor];
	if (!row) return {...state, notice: {text: 'Nothing matches; change the search or press Esc.', tone: 'info'}};
	const closed = closeOverlay(state);
	if (picker.target.kind === 'formField')
		return {...closed, form: setFormValue(state.form!, picker.target.key, row.value)};
	if (picker.target.kind === 'jump') return jumpTo(closed, row.value);
	const {dealId, title, version} = picker.target;
	// The reason first: on a narrow status line a long title is what gets cut.
	if (picker.target.kind === 'wonReason')
		return requestApply(
			closed,
			[{kind: 'update', entity: 'opportunities', id: dealId, version, values: {stage: 'won', wonReason: row.value}}],
			`Won (${row.value}): “${title}”.`,
		);
	return requestApply(
		closed,
		[{kind: 'update', entity: 'opportunities', id: dealId, version, values: {stage: 'lost', lostReason: row.value}}],
		`Lost (${row.value}): “${title}”.`,
	);
};

const submitPrompt = (state: AppState, prompt: Extract<Overlay, {kind: 'prompt'}>): AppState => {
	const target = prompt.target;
	// A pasted control character (a C1 byte arrives as text) is refused here, with the prompt kept open to fix it.
	const controls = controlCharacterProblem(prompt.input.text, true);
	if (controls) return {...state, notice: {text: `Not saved: the text ${controls}.`, tone: 'bad'}};
	if (target.kind === 'requirementNote') {
		const requirement = requirementsWithStatus(state.settings.assessment).find((entry) => entry.id === target.id);
		if (!requirement) return closeOverlay(state);
		return requestSettings(
			closeOverlay(state),
			{
				kind: 'requirement',
				id: requirement.id,
				status: requirement.status,
				note: prompt.input.text.trim(),
				label: requirement.text,
			},
			`Noted on “${requirement.text}”.`,
		);
	}
	const body = prompt.input.text.trim();
	if (body === '') return {...state, notice: {text: 'A reply needs some text (Esc cancels).', tone: 'bad'}};
	const ticket = viewContext(state).related.ticketsById.get(target.ticketId) as Ticket | undefined;
	if (!ticket) return {...closeOverlay(state), notice: {text: 'That ticket no longer exists.', tone: 'bad'}};
	const comment = {at: new Date(state.now).toISOString(), author: state.operator, body, kind: 'reply' as const};
	return requestApply(
		closeOverlay(state),
		[
			{
				kind: 'update',
				entity: 'tickets',
				id: ticket.id,
				version: target.version,
				values: {comments: [...ticket.comments, comment]},
			},
		],
		`Replied on “${ticket.subject}”.`,
	);
};

/** Opens a record found by search: its screen, its row (the filter cleared if it hid it), its detail. */
const jumpTo = (state: AppState, value: string): AppState => {
	const [entity, id] = value.split(':') as [EntityName, string];
	const unfiltered = {
		...state,
		lists: {...state.lists, [entity]: {...state.lists[entity], filter: '', anchorId: undefined}},
	};
	return {...openDetail(unfiltered, entity, id), form: null};
};

export const openSearch = (state: AppState, text = ''): AppState => ({
	...state,
	overlay: {
		kind: 'picker',
		title: 'Search customers, deals, tickets, feedback',
		choices: 'records',
		query: textInput(text),
		cursor: 0,
		target: {kind: 'jump'},
	},
});

export const openCommandLine = (state: AppState): AppState => ({
	...state,
	overlay: {kind: 'command', input: textInput(), historyIndex: null},
});

/** Carries out a command line, and keeps it in the history (↑ brings it back). */
const runCommandLine = (state: AppState, line: string): AppState => {
	const history =
		line.trim() === '' || state.commandHistory.at(-1) === line.trim()
			? state.commandHistory
			: [...state.commandHistory, line.trim()];
	const base = {...closeOverlay(state), commandHistory: history};
	const parsed = parseCommand(line);
	// The command line offers no way around the role: what a key may not do, its command may not either.
	const needs: Needs | undefined =
		parsed.kind === 'new'
			? {action: 'create', entity: parsed.entity}
			: parsed.kind === 'import'
				? {action: 'create', entity: screenFor(base.screen).entity ?? 'customers'}
				: parsed.kind === 'undo'
					? {action: 'update'}
					: parsed.kind === 'export'
						? {action: 'export'}
						: undefined;
	if (needs && !permits(base)(needs)) return {...base, notice: {text: refusalOf(base, needs), tone: 'bad'}};
	switch (parsed.kind) {
		case 'new':
			return openNewForm(switchScreen(base, parsed.entity), formFor[parsed.entity]);
		case 'goto':
			return switchScreen(base, parsed.screen);
		case 'search':
			return openSearch(base, parsed.text);
		case 'board':
			return {...switchScreen(base, 'opportunities'), mode: 'board'};
		case 'undo':
			return requestUndo(base);
		case 'export': {
			const entity = screenFor(base.screen).entity;
			if (!entity)
				return {
					...base,
					notice: {text: 'Export works from a list of customers, opportunities, tickets or feedback.', tone: 'bad'},
				};
			// Exactly what the list shows, in its order — the records as stored (an export is data, never masked), in the list's order.
			const stored = base.mask
				? new Map((base.dataset[entity] as AnyStoredRecord[]).map((record) => [record.id, record]))
				: undefined;
			const rows = (rowsOf(base) as unknown as AnyStoredRecord[]).map((record) => stored?.get(record.id) ?? record);
			const name = `${entity}-${new Date(base.now).toISOString().slice(0, 10)}.csv`;
			return {
				...base,
				request: {
					id: base.nextRequestId,
					kind: 'export',
					name,
					path: parsed.path,
					text: recordsToCsv(entity, rows),
					count: rows.length,
					replace: false,
				},
				nextRequestId: base.nextRequestId + 1,
				notice: {text: 'Exporting…', tone: 'info'},
			};
		}
		case 'import':
			return openImport(base, parsed.path ?? undefined);
		case 'help':
			return {...base, help: {open: true, scroll: 0}};
		case 'quit':
			return {...base, quit: true};
		case 'error':
			return {...base, notice: {text: parsed.message, tone: 'bad'}};
	}
};

export const runOverlayCommand = (state: AppState, command: CommandId): AppState => {
	const overlay = state.overlay!;
	switch (overlay.kind) {
		case 'command': {
			if (command === 'command.cancel') return closeOverlay(state);
			if (command === 'command.run') return runCommandLine(state, overlay.input.text);
			if (command === 'command.complete')
				return {...state, overlay: {...overlay, input: textInput(completeCommand(overlay.input.text))}};
			const history = state.commandHistory;
			if (history.length === 0) return state;
			const current = overlay.historyIndex ?? history.length;
			const index = command === 'command.older' ? Math.max(0, current - 1) : current + 1;
			if (index >= history.length)
				return {...state, overlay: {kind: 'command', input: textInput(), historyIndex: null}};
			return {...state, overlay: {kind: 'command', input: textInput(history[index]!), historyIndex: index}};
		}
		case 'picker': {
			if (command === 'picker.cancel') return closeOverlay(state);
			if (command === 'picker.choose') return choose(state, overlay);
			const count = pickerRows(state, overlay).length;
			const page = pickerPage(state);
			const steps: Partial<Record<CommandId, number>> = {
				'cursor.down': 1,
				'cursor.up': -1,
				'cursor.pageDown': page,
				'cursor.pageUp': -page,
			};
			const cursor = Math.max(0, Math.min(count - 1, overlay.cursor + (steps[command] ?? 0)));
			return {...state, overlay: {...overlay, cursor}};
		}
		case 'confirm': {
			if (command === 'confirm.no' && overlay.onYes.kind === 'export')
				return {
					...closeOverlay(state),
					notice: {
						text: `Not exported: ${overlay.message.replace(/^Replace (.*)\?$/, '$1')} is kept as it was.`,
						tone: 'info',
					},
				};
			if (command !== 'confirm.yes') return command === 'confirm.no' ? closeOverlay(state) : state;
			const action = overlay.onYes;
			if (action.kind === 'apply') return requestApply(closeOverlay(state), action.mutations, action.notice);
			if (action.kind === 'export')
				return {
					...closeOverlay(state),
					request: {...action.request, id: state.nextRequestId},
					nextRequestId: state.nextRequestId + 1,
					notice: {text: 'Exporting…', tone: 'info'},
				};
			const customer = viewContext(state).related.customersById.get(action.customerId);
			return openNewForm(
				closeOverlay(state),
				feedbackForm,
				{ticketId: action.ticketId},
				{customerId: customer ? action.customerId : ''},
			);
		}
		case 'conflict': {
			if (command === 'conflict.cancel')
				return {
					...closeOverlay(state),
					notice: {text: 'Not saved: your form is as you left it (Ctrl+S asks again, Esc leaves it).', tone: 'info'},
				};
			if (command !== 'conflict.reapply' && command !== 'conflict.overwrite') return state;
			const form = state.form!;
			const current = (state.dataset[form.definition.entity!] as AnyStoredRecord[]).find(
				(record) => record.id === form.recordId,
			);
			if (!current)
				return {
					...closeOverlay(state),
					notice: {text: 'That record was deleted meanwhile; Esc leaves the form.', tone: 'bad'},
				};
			return saveForm({
				...closeOverlay(state),
				form: rebaseForm(form, current, command === 'conflict.reapply' ? 'reapply' : 'overwrite'),
			});
		}
		case 'prompt':
			if (command === 'prompt.cancel') return closeOverlay(state);
			return command === 'prompt.submit' ? submitPrompt(state, overlay) : state;
	}
};

/** Keys that are not overlay commands type into the picker's search or the prompt. */
export const editOverlayInput = (state: AppState, key: Key): AppState => {
	const overlay = state.overlay!;
	if (overlay.kind === 'picker') {
		const query = editText(overlay.query, key);
		return query ? {...state, overlay: {...overlay, query, cursor: 0}} : state;
	}
	if (overlay.kind === 'prompt') {
		const input = editText(overlay.input, key);
		return input ? {...state, overlay: {...overlay, input}} : state;
	}
	if (overlay.kind === 'command') {
		const input = editText(overlay.input, key);
		// Backspace on an empty command line closes it, as in vim.
		if (key.id === 'backspace' && overlay.input.text === '') return closeOverlay(state);
		return input ? {...state, overlay: {...overlay, input, historyIndex: null}} : state;
	}
	return state;
};

/** Offered after a ticket closes: record what the customer thought of it. */
export const offerFeedback = (state: AppState, ticketId: string, customerId: string): AppState => ({
	...state,
	overlay: {
		kind: 'confirm',
		message: `Record ${customerLabel(viewContext(state).related, customerId)}'s feedback on this ticket?`,
		details: ['A rating from 1 to 5, an optional NPS and a comment, linked to the ticket.'],
		onYes: {kind: 'feedbackForm', ticketId, customerId},
	},
});
