import type {Campaign} from '../../domain/campaign.js';
import type {Customer} from '../../domain/customer.js';
import {type EntityName, entitySingular} from '../../domain/dataset.js';
import {currentLanguage, t} from '../../i18n/i18n.js';
import {fitCell} from '../layout/cell-text.js';
import type {AppState, Overlay} from './app-types.js';
import {customerLabel} from './related-records.js';
import {viewContext} from './selection.js';
import {foldForSearch, matchesFilter} from './visible-rows.js';

/* What each picker offers, and in which order: customers, campaigns, deals, any record (Ctrl+K), a list of choices. */

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

const rowsCache = new WeakMap<object, Array<PickerRow & {search: string}>>();

/** Rows of a list, built once per version of the list (a save makes a new one). */
const cachedRows = <R>(list: readonly R[], build: (list: readonly R[]) => Array<PickerRow & {search: string}>) => {
	let rows = rowsCache.get(list);
	if (!rows) {
		rows = build(list);
		rowsCache.set(list, rows);
	}
	return rows;
};

/** Campaigns, the running ones first, then by start, newest first. */
const campaignRows = (campaigns: readonly Campaign[]) =>
	cachedRows(campaigns, (list) =>
		[...list]
			.sort(
				(a, b) => Number(b.status === 'active') - Number(a.status === 'active') || b.startAt.localeCompare(a.startAt),
			)
			.map((campaign) => ({
				value: campaign.id,
				label: t('state.list.campaignChoice', {
					name: campaign.name,
					channel: campaign.channel,
					status: campaign.status,
					start: campaign.startAt.slice(0, 10),
				}),
				search: foldForSearch(`${campaign.name} ${campaign.channel} ${campaign.tags.join(' ')}`),
			})),
	);

/** Deals, with their customer: an order picks the deal it comes from, the won ones first. */
const dealRows = (state: AppState) => {
	const {dataset, related} = viewContext(state);
	return cachedRows(dataset.opportunities, (list) =>
		[...list]
			.sort((a, b) => Number(b.stage === 'won') - Number(a.stage === 'won') || b.createdAt.localeCompare(a.createdAt))
			.map((deal) => ({
				value: deal.id,
				label: `${deal.title}  ${deal.stage} · ${customerLabel(related, deal.customerId)}`,
				search: foldForSearch(`${deal.title} ${deal.product} ${customerLabel(related, deal.customerId)}`),
			})),
	);
};

let recordIndex: {dataset: unknown; language: string; rows: Array<PickerRow & {search: string}>} | undefined;

/** Every customer, deal, ticket, feedback, campaign and order by what people search them by: name, email, title, subject, number. */
const recordRows = (state: AppState) => {
	// As the screens show them: masked with --mask.
	const {dataset} = viewContext(state);
	// Its kinds are words: made again in another language.
	if (recordIndex?.dataset !== dataset || recordIndex.language !== currentLanguage()) {
		const related = viewContext(state).related;
		const row = (entity: EntityName, id: string, label: string, search: string) => ({
			value: `${entity}:${id}`,
			label: `${fitCell(entitySingular[entity], 12)}${label}`,
			search: foldForSearch(search),
		});
		recordIndex = {
			dataset,
			language: currentLanguage(),
			rows: [
				...customerRows(dataset.customers).map((entry) => ({
					...entry,
					value: `customers:${entry.value}`,
					label: `${fitCell(entitySingular.customers, 12)}${entry.label}`,
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
				...dataset.campaigns.map((campaign) =>
					row('campaigns', campaign.id, `${campaign.name}  ${campaign.channel} · ${campaign.status}`, campaign.name),
				),
				...dataset.orders.map((order) =>
					row(
						'orders',
						order.id,
						`${order.number}  ${customerLabel(related, order.customerId)}`,
						`${order.number} ${customerLabel(related, order.customerId)} ${order.lines.map((line) => line.product).join(' ')}`,
					),
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
	if (picker.choices === 'campaigns') return ranked(campaignRows(viewContext(state).dataset.campaigns), query);
	if (picker.choices === 'opportunities') return ranked(dealRows(state), query);
	return ranked(
		picker.choices.map((choice) => ({value: choice, label: choice, search: foldForSearch(choice)})),
		query,
	);
};
