import type {Customer} from '../../domain/customer.js';
import type {Ticket} from '../../domain/ticket.js';
import {feedbackForm} from '../forms/form-definitions.js';
import type {Key} from '../keys/key-parser.js';
import type {CommandId} from '../keys/keymap.js';
import {frameLayout} from '../layout/frame-layout.js';
import type {AppState, Overlay} from './app-types.js';
import {openNewForm, setFormValue} from './form-actions.js';
import {customerLabel} from './related-records.js';
import {requestApply} from './requests.js';
import {viewContext} from './selection.js';
import {editText} from './text-input.js';
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

/** The picker's entries that match what was typed. */
export const pickerRows = (state: AppState, picker: Picker): PickerRow[] => {
	const query = picker.query.text;
	if (picker.choices === 'customers') return customerRows(state.dataset.customers).filter((row) => matchesFilter(row.search, query));
	return picker.choices.filter((choice) => matchesFilter(foldForSearch(choice), query)).map((choice) => ({value: choice, label: choice}));
};

/** Rows a picker shows at once: the frame less its title, query line and border. */
export const pickerPage = (state: AppState): number => Math.max(3, frameLayout(state.size).body - 4);

const closeOverlay = (state: AppState): AppState => ({...state, overlay: null});

const choose = (state: AppState, picker: Picker): AppState => {
	const row = pickerRows(state, picker)[picker.cursor];
	if (!row) return {...state, notice: {text: 'Nothing matches; change the search or press Esc.', tone: 'info'}};
	const closed = closeOverlay(state);
	if (picker.target.kind === 'formField') return {...closed, form: setFormValue(state.form!, picker.target.key, row.value)};
	const {dealId, version} = picker.target;
	return requestApply(closed, [{kind: 'update', entity: 'opportunities', id: dealId, version, values: {stage: 'lost', lostReason: row.value}}], `Marked lost: ${row.value}.`);
};

const submitPrompt = (state: AppState, prompt: Extract<Overlay, {kind: 'prompt'}>): AppState => {
	const body = prompt.input.text.trim();
	if (body === '') return {...state, notice: {text: 'A reply needs some text (Esc cancels).', tone: 'bad'}};
	const ticket = viewContext(state).related.ticketsById.get(prompt.target.ticketId) as Ticket | undefined;
	if (!ticket) return {...closeOverlay(state), notice: {text: 'That ticket no longer exists.', tone: 'bad'}};
	const comment = {at: new Date(state.now).toISOString(), author: state.operator, body, kind: 'reply' as const};
	return requestApply(closeOverlay(state), [{kind: 'update', entity: 'tickets', id: ticket.id, version: prompt.target.version, values: {comments: [...ticket.comments, comment]}}], `Replied on “${ticket.subject}”.`);
};

export const runOverlayCommand = (state: AppState, command: CommandId): AppState => {
	const overlay = state.overlay!;
	switch (overlay.kind) {
		case 'picker': {
			if (command === 'picker.cancel') return closeOverlay(state);
			if (command === 'picker.choose') return choose(state, overlay);
			const count = pickerRows(state, overlay).length;
			const page = pickerPage(state);
			const steps: Partial<Record<CommandId, number>> = {'cursor.down': 1, 'cursor.up': -1, 'cursor.pageDown': page, 'cursor.pageUp': -page};
			const cursor = Math.max(0, Math.min(count - 1, overlay.cursor + (steps[command] ?? 0)));
			return {...state, overlay: {...overlay, cursor}};
		}
		case 'confirm': {
			if (command !== 'confirm.yes') return command === 'confirm.no' ? closeOverlay(state) : state;
			const action = overlay.onYes;
			if (action.kind === 'apply') return requestApply(closeOverlay(state), action.mutations, action.notice);
			const customer = viewContext(state).related.customersById.get(action.customerId);
			return openNewForm(closeOverlay(state), feedbackForm, {ticketId: action.ticketId}, {customerId: customer ? action.customerId : ''});
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
