import type {ChangeEntry, FieldChange} from '../../domain/change-log.js';
import {costToInput} from '../../domain/cost-line-input.js';
import {entitySingular, type StoredEntity} from '../../domain/dataset.js';
import type {CostLine} from '../../domain/roi-costs.js';
import {t} from '../../i18n/i18n.js';
import {formatDateTime, formatDateTimeCell, formatPercent} from '../format/values.js';
import {customerLabel} from '../state/related-records.js';
import {
	field,
	idField,
	type ScreenDefinition,
	section,
	text,
	type ViewContext,
	whenField,
} from './screen-definition.js';

const actionTone = (entry: ChangeEntry) =>
	entry.action === 'delete' ? 'bad' : entry.action === 'create' ? 'ok' : 'text';

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A logged value as an operator reads it: names for ids, percentages, dates, counts of comments. */
const shown = (field: string, value: unknown, context: ViewContext): string => {
	if (value === undefined || value === null || value === '') return '—';
	if (field === 'customerId' && typeof value === 'string') return customerLabel(context.related, value);
	if (field === 'ticketId' && typeof value === 'string')
		return context.related.ticketsById.get(value)?.subject ?? value;
	if ((field === 'campaignId' || field === 'opportunityId') && typeof value === 'string') {
		const record = context.related.byId[field === 'campaignId' ? 'campaigns' : 'opportunities'].get(value) as
			| {name?: string; title?: string}
			| undefined;
		return record?.name ?? record?.title ?? value;
	}
	if (field === 'probability' && typeof value === 'number') return formatPercent(value);
	if (field === 'lines' && Array.isArray(value))
		return value.length === 0
			? t('lists.detail.none')
			: value
					.map(
						(line: {product?: string; quantity?: number; unitPrice?: number}) =>
							`${line.quantity ?? '?'} × ${line.product ?? '?'} @ ${line.unitPrice ?? '?'}`,
					)
					.join('; ');
	// An ROI cost as it is typed: 2026-03-01 software 45,000 Licences.
	if ((field === 'costs.implementation' || field === 'costs.operation') && typeof value === 'object')
		return costToInput({kind: field.slice('costs.'.length), cost: value} as CostLine);
	if (field === 'comments' && Array.isArray(value))
		return value.length === 0
			? t('lists.detail.none')
			: t('lists.detail.lastComment', {
					n: value.length,
					body: String((value.at(-1) as {body?: string}).body ?? '').slice(0, 40),
				});
	if (typeof value === 'string' && isoInstant.test(value)) return formatDateTime(value);
	if (Array.isArray(value))
		return value.length === 0
			? '—'
			: value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ');
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

const bookkeeping = new Set(['id', 'externalId', 'createdAt', 'updatedAt', 'version']);

const fieldsSummary = (changes: readonly FieldChange[]): string => changes.map((change) => change.field).join(', ');

/** The change log: every create, update and delete, newest first, with who made it and when. */
export const logScreen: ScreenDefinition<ChangeEntry> = {
	name: 'log',
	get title() {
		return t('screens.log');
	},
	entity: null,
	rows: (context) => context.dataset.changes,
	find: (id, context) => context.related.changesById.get(id),
	defaultSort: {column: 'at', descending: true},
	columns: [
		{
			id: 'at',
			get title() {
				return t('lists.columns.log.when');
			},
			letter: 'W',
			min: 16,
			max: 16,
			priority: 1,
			cell: (e) => formatDateTimeCell(e.at),
			sortValue: (e) => e.at,
		},
		{
			id: 'operator',
			get title() {
				return t('lists.columns.log.operator');
			},
			letter: 'O',
			min: 10,
			max: 18,
			priority: 1,
			cell: (e) => e.operator,
			sortValue: (e) => e.operator.toLowerCase(),
		},
		{
			id: 'action',
			get title() {
				return t('lists.columns.log.action');
			},
			letter: 'A',
			min: 7,
			max: 8,
			priority: 1,
			cell: (e) => (e.undoOf ? `undo` : e.action),
			sortValue: (e) => e.action,
			tone: actionTone,
		},
		{
			id: 'entity',
			get title() {
				return t('lists.columns.log.entity');
			},
			letter: 'E',
			min: 11,
			max: 11,
			priority: 2,
			cell: (e) => entitySingular[e.entity as StoredEntity] ?? e.entity,
			sortValue: (e) => e.entity,
		},
		{
			id: 'record',
			get title() {
				return t('lists.columns.log.record');
			},
			letter: 'R',
			min: 12,
			max: 40,
			priority: 1,
			cell: (e) => e.label,
			sortValue: (e) => e.label.toLowerCase(),
		},
		{
			id: 'fields',
			get title() {
				return t('lists.columns.log.fields');
			},
			letter: 'F',
			min: 10,
			max: 60,
			priority: 3,
			cell: (e) => (e.action === 'update' ? fieldsSummary(e.changes) : ''),
			sortValue: (e) => fieldsSummary(e.changes),
		},
	],
	searchText: (e) => `${e.recordId} ${e.entity}`,
	heading: (e) => {
		const words = {action: e.action, entity: entitySingular[e.entity as StoredEntity] ?? e.entity, label: e.label};
		return e.undoOf ? t('lists.detail.undoChange', words) : t('lists.detail.change', words);
	},
	detail: (e, context) => {
		const {now} = context;
		const lines = [
			whenField(t('lists.field.when'), e.at, now, {time: true}),
			field(t('lists.field.operator'), e.operator),
			field(
				t('lists.field.action'),
				e.undoOf ? t('lists.detail.undoes', {action: e.action, id: e.undoOf}) : e.action,
				actionTone(e),
			),
			field(t('lists.field.record'), `${entitySingular[e.entity as StoredEntity] ?? e.entity} ${e.recordId}`),
			idField(e.id),
			section(
				e.action === 'update'
					? t('lists.section.changed')
					: e.action === 'create'
						? t('lists.section.createdWith')
						: t('lists.section.deleted'),
			),
		];
		// A create or delete keeps every field for undo; the ids and stamps above say the rest.
		for (const change of e.changes.filter((entry) => e.action === 'update' || !bookkeeping.has(entry.field))) {
			const value =
				e.action === 'update'
					? `${shown(change.field, change.before, context)} → ${shown(change.field, change.after, context)}`
					: shown(change.field, e.action === 'create' ? change.after : change.before, context);
			lines.push(field(change.field, value));
		}
		if (e.changes.length === 0) lines.push(text(t('lists.detail.noFieldChanged'), 'muted'));
		return lines;
	},
};
