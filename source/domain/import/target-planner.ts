import {t} from '../../i18n/i18n.js';
import type {AnyStoredRecord, Dataset, EntityName} from '../dataset.js';
import {entityIdPrefix, entitySchemas, entitySingular} from '../dataset.js';
import {newId} from '../ids.js';
import {issueInWords, type SchemaIssue} from '../issue-words.js';
import {defaultProbability, type OpportunityStage} from '../opportunity.js';
import type {Order} from '../order.js';
import {applyRecordRules, derivedFieldSeeds, newRecordDefaults, transitionProblem} from '../record-rules.js';
import {controlCharacterProblems} from '../stored-text.js';
import type {CsvRow} from './csv-table.js';
import type {Lookups} from './import-lookups.js';
import type {ImportTarget} from './import-mapping.js';
import type {ImportPlan, PlanContext, RowOutcome, TargetSummary} from './import-plan.js';
import {type Converted, cell, compileTemplate, folded, rowConverter, type Template} from './import-rows.js';
import {numberOnSaving, OrderLineGroups, OrderRows} from './order-rows.js';
import {linkCampaignAndDeal} from './record-links.js';

/**
 * What a create saves: the entity's defaults, the row's values, its external id and creation time.
 * Built field by field in one order: a million of these then share one shape (spread from the
 * defaults, each got a shape of its own, which cost memory and every later read of them).
 */
const createValues = (
	entity: EntityName,
	values: Record<string, unknown>,
	externalId: string,
	createdAt: string,
): Record<string, unknown> => {
	const fields: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(newRecordDefaults[entity])) fields[field] = value;
	for (const field in values) fields[field] = values[field];
	fields['externalId'] = externalId;
	fields['createdAt'] = createdAt;
	return fields;
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields that name another record by our own id (an export's columns): a row naming one that is not there is warned about. */
const references = [
	{field: 'customerId', entity: 'customers', link: 'customer'},
	{field: 'ticketId', entity: 'tickets', link: 'ticket'},
	{field: 'campaignId', entity: 'campaigns', link: 'campaign'},
	{field: 'opportunityId', entity: 'opportunities', link: 'opportunity'},
] as const;

/** The warning for a record named by an id of ours that is not there. */
const notThere = (entity: (typeof references)[number]['entity'], id: string): string => {
	switch (entity) {
		case 'customers':
			return t('domain.import.noLinkedCustomer', {id});
		case 'tickets':
			return t('domain.import.noLinkedTicket', {id});
		case 'campaigns':
			return t('domain.import.noLinkedCampaign', {id});
		case 'opportunities':
			return t('domain.import.noLinkedDeal', {id});
	}
};

/** The planning of one target of the mapping: its rows, one at a time, into the shared plan. */
export class TargetPlanner {
	readonly summary: TargetSummary;
	private readonly entity: EntityName;
	private readonly known: Map<string, AnyStoredRecord>;
	private readonly seenInFile = new Map<string, {line: number; values: Record<string, unknown>}>();
	private readonly catalogue: Set<string> | undefined;
	private readonly convertRow: (row: CsvRow) => Converted;
	private readonly defaults: Array<[string, unknown]>;
	private readonly setOnEveryRow: Array<[string, unknown]>;
	private readonly externalIdOf: Template;
	private readonly idColumns: string[];
	private readonly linked: Array<(typeof references)[number]>;
	private readonly ownId: RegExp;
	private usedIds: Set<string> | undefined;
	private byId: Map<string, AnyStoredRecord> | undefined;
	private rowWarnings: string[] = [];
	private readonly orderRows: OrderRows | undefined;
	private readonly lineGroups: OrderLineGroups | undefined;

	constructor(
		private readonly target: ImportTarget,
		index: number,
		private readonly plan: ImportPlan,
		private readonly lookups: Lookups,
		private readonly dataset: Dataset,
		private readonly context: PlanContext,
		private readonly now: string,
	) {
		const {entity} = target;
		this.entity = entity;
		this.summary = {entity, created: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0, warnings: 0};
		plan.summaries.push(this.summary);
		this.known = lookups.byExternalId(entity);
		this.catalogue = target.catalogue ? new Set(target.catalogue.map(folded)) : undefined;
		this.convertRow = rowConverter(target, context.dateOrders?.[index]);
		this.defaults = Object.entries(target.defaults);
		this.setOnEveryRow = Object.entries(target.set);
		this.externalIdOf = compileTemplate(target.id.includes('{') ? target.id : `{${target.id}}`);
		this.idColumns = [...target.id.matchAll(/\{([^}|]+)/g)]
			.map((match) => match[1]!)
			.concat(target.id.includes('{') ? [] : [target.id]);
		// A field found by a lookup of the mapping is not also checked as an id of ours.
		this.linked = references.filter(({field, link}) => Object.values(target.columns).includes(field) && !target[link]);
		this.orderRows = entity === 'orders' ? new OrderRows(dataset.orders, dataset.changes) : undefined;
		this.lineGroups = entity === 'orders' && target.line ? new OrderLineGroups() : undefined;
		this.ownId = new RegExp(`^${entityIdPrefix[entity]}_[0-9A-Za-z]{4,40}$`);
	}

	/** Plans `rows`, the next in file order (an order's rows, one per line, are gathered until `flush`). */
	add(rows: Iterable<CsvRow>): void {
		for (const row of rows) {
			this.rowWarnings = [];
			if (!this.lineGroups) this.planRow(row);
			else if (!this.lacksRequired(row)) {
				const externalId = this.externalIdOfRow(row);
				if (externalId !== undefined) this.lineGroups.add(externalId, row);
			}
		}
	}

	/** Plans the orders gathered line by line: each one order with every line of its rows; its further rows count as skipped, said why. */
	flush(): void {
		for (const {externalId, first, more} of this.lineGroups?.take() ?? []) {
			this.rowWarnings = [];
			this.planRow(first, {externalId, more});
			for (const row of more) {
				this.summary.skipped++;
				this.outcome(row.line, 'skip', {
					message: t('domain.import.furtherLine', {line: first.line}),
				});
			}
		}
	}

	private planRow(row: CsvRow, grouped?: {externalId: string; more: CsvRow[]}): void {
		if (!grouped && this.lacksRequired(row)) return;
		const externalId = grouped?.externalId ?? this.externalIdOfRow(row);
		if (externalId === undefined) return;
		const converted = this.convertRow(row);
		if (this.repeated(row, externalId, converted)) return;
		if (converted.error) {
			this.reject(row, converted.error);
			return;
		}
		for (const warning of converted.warnings ?? []) this.warn(row.line, warning);
		// Fields found by lookup, defaults and `set` go into a copy: the row's own values are what a later row with the same id is compared with.
		const values = {...converted.values};
		const existing = this.existing(externalId);
		this.link(row, values, existing);
		if (this.orderRows) {
			const shaped = this.orderRows.shape(row, this.target, values, existing as Order | undefined, grouped?.more);
			for (const warning of shaped.warnings) this.warn(row.line, warning);
			if (shaped.error !== undefined) {
				this.reject(row, shaped.error);
				return;
			}
		}
		// A default fills only what a new record lacks (a later file of leads does not put won deals back); `set` is written on every row.
		if (!existing) for (const [field, value] of this.defaults) if (values[field] === undefined) values[field] = value;
		for (const [field, value] of this.setOnEveryRow) values[field] = value;
		this.checkValues(row, values, existing);
		const record = this.checkedRecord(row, values, existing, externalId);
		if (record) this.commit(row, values, existing, record, externalId);
	}

	/** A row without a column the target requires is skipped, saying which. */
	private lacksRequired(row: CsvRow): boolean {
		const missing = this.target.requires.filter((column) => cell(row, column) === '');
		if (missing.length === 0) return false;
		this.summary.skipped++;
		this.outcome(row.line, 'skip', {message: t('domain.import.lacks', {columns: missing.join(', ')})});
		return true;
	}

	/** The row's id in the source system, or undefined when it has none (the row is rejected). */
	private externalIdOfRow(row: CsvRow): string | undefined {
		let externalId = this.externalIdOf(row);
		if (this.target.lowerId) externalId = folded(externalId);
		if (externalId !== '') return externalId;
		const missing = this.idColumns.filter((column) => !(column in row.values));
		this.reject(
			row,
			missing.length > 0
				? t('domain.import.noIdColumn', {columns: missing.join(', ')})
				: t('domain.import.idEmpty', {column: this.target.id}),
		);
		return undefined;
	}

	/**
	 * The same source record again (a customer on several tickets): the first row stands, and a row
	 * that disagrees with it is reported, not silently dropped.
	 */
	private repeated(row: CsvRow, externalId: string, converted: Converted): boolean {
		const first = this.seenInFile.get(externalId);
		if (!first) {
			this.seenInFile.set(externalId, {line: row.line, values: converted.values});
			return false;
		}
		if (!converted.error && JSON.stringify(converted.values) !== JSON.stringify(first.values))
			this.warn(row.line, t('domain.import.sameIdOther', {id: this.target.id.replace(/[{}]/g, '')}));
		this.summary.skipped++;
		this.outcome(row.line, 'skip', {
			message: t('domain.import.sameAs', {entity: entitySingular[this.entity], line: first.line}),
		});
		return true;
	}

	/** The record this row updates: by external id, or (our own export coming back) by its own id, so no duplicate is made. */
	private existing(externalId: string): AnyStoredRecord | undefined {
		const {keepIds} = this.target;
		this.byId ??= keepIds
			? new Map((this.dataset[this.entity] as AnyStoredRecord[]).map((record) => [record.id, record]))
			: new Map();
		return this.known.get(externalId) ?? (keepIds ? this.byId.get(externalId) : undefined);
	}

	/** The customer and ticket found by lookup, and a warning for each record named by id that is not there. */
	private link(row: CsvRow, values: Record<string, unknown>, existing: AnyStoredRecord | undefined): void {
		const {customer, ticket} = this.target;
		if (customer) {
			const key = cell(row, customer.column);
			const customerId = key === '' ? undefined : this.lookups.customer(customer.by, key);
			if (key === '') this.warn(row.line, t('domain.import.noCustomerValue', {column: customer.column}));
			else if (!customerId) this.warn(row.line, t('domain.import.noCustomer', {by: customer.by, key}));
			// A record that has a customer keeps it when this row names none that is found.
			if (customerId !== undefined || !existing) values['customerId'] = customerId ?? '';
		}
		if (ticket) {
			const found = this.lookups.byExternalId('tickets').get(cell(row, ticket.column));
			if (found || !existing) values['ticketId'] = found?.id ?? null;
			if (!found) this.warn(row.line, t('domain.import.noTicket', {id: row.values[ticket.column] ?? ''}));
		}
		linkCampaignAndDeal(this.target, this.lookups, row, values, existing, (message) => this.warn(row.line, message));
		for (const {field, entity: named} of this.linked) {
			const id = values[field];
			if (typeof id === 'string' && id !== '' && !this.lookups.has(named, id)) this.warn(row.line, notThere(named, id));
		}
	}

	/** A new deal's probability from its stage, and warnings for values that import but look wrong. */
	private checkValues(row: CsvRow, values: Record<string, unknown>, existing: AnyStoredRecord | undefined): void {
		if (this.entity === 'opportunities') {
			// The stage's usual probability for a new deal, and for a deal this row moves to another stage; one the row gives stands.
			const stage = values['stage'] ?? (existing ? undefined : newRecordDefaults.opportunities['stage']);
			if (
				values['probability'] === undefined &&
				typeof stage === 'string' &&
				stage !== (existing as {stage?: string} | undefined)?.stage
			)
				values['probability'] = defaultProbability[stage as OpportunityStage];
			if (this.catalogue && typeof values['product'] === 'string' && !this.catalogue.has(folded(values['product'])))
				this.warn(row.line, t('domain.import.notInCatalogue', {product: values['product']}));
			const created = values['createdAt'] ?? existing?.createdAt;
			if (typeof values['closedAt'] === 'string' && typeof created === 'string' && values['closedAt'] < created)
				this.warn(row.line, t('domain.import.closedBeforeCreated'));
		}
		if (
			this.entity === 'tickets' &&
			typeof values['resolvedAt'] === 'string' &&
			typeof values['firstResponseAt'] === 'string' &&
			values['resolvedAt'] < values['firstResponseAt']
		) {
			this.warn(row.line, t('domain.import.resolvedBeforeResponse'));
		}
	}

	/** The record as it will land (rules applied, schema checked, no control characters), or undefined with the row rejected. */
	private checkedRecord(
		row: CsvRow,
		values: Record<string, unknown>,
		existing: AnyStoredRecord | undefined,
		externalId: string,
	): AnyStoredRecord | undefined {
		const {entity, now} = this;
		const candidate: Record<string, unknown> = existing
			? {...existing, ...values}
			: {
					...derivedFieldSeeds(entity, now),
					...newRecordDefaults[entity],
					// The store numbers a new order that brings none, when it saves.
					...(entity === 'orders' ? {number: numberOnSaving(), lines: []} : {}),
					...values,
					id: this.newRecordId(externalId),
					externalId,
					createdAt: values['createdAt'] ?? now,
					updatedAt: now,
					version: 1,
				};
		const ruled = applyRecordRules(entity, existing, entitySchemas[entity].safeParse(candidate).data ?? candidate, {
			now,
			settings: this.context.settings,
		});
		const checked = entitySchemas[entity].safeParse(ruled);
		if (!checked.success) {
			const issue = checked.error.issues[0]!;
			this.reject(
				row,
				`${issue.path.join('.') || t('domain.import.theRow')} ${issueInWords(issue as SchemaIssue, ruled)}`,
			);
			return undefined;
		}
		const record = checked.data as AnyStoredRecord;
		const move = transitionProblem(entity, existing, record);
		if (move) {
			this.reject(row, `${move.field} ${move.message}`);
			return undefined;
		}
		// Control characters are not stored: the row is rejected with the field (of an update, only what it changes).
		const controls = controlCharacterProblems(
			entity,
			record as unknown as Record<string, unknown>,
			existing as unknown as Record<string, unknown> | undefined,
		)[0];
		if (controls) {
			this.reject(row, `${controls.field} ${controls.message}`);
			return undefined;
		}
		return record;
	}

	/** Our own export coming back keeps its ids (when free), so the records it links to still match. */
	private newRecordId(sourceId: string): string {
		const {entity} = this;
		this.usedIds ??= new Set((this.dataset[entity] as AnyStoredRecord[]).map((record) => record.id));
		const id =
			this.target.keepIds && this.ownId.test(sourceId) && !this.usedIds.has(sourceId)
				? sourceId
				: newId(entityIdPrefix[entity]);
		this.usedIds.add(id);
		return id;
	}

	/** The row's create or update in the plan, or nothing when it changes nothing. */
	private commit(
		row: CsvRow,
		values: Record<string, unknown>,
		existing: AnyStoredRecord | undefined,
		record: AnyStoredRecord,
		externalId: string,
	): void {
		const {entity, plan, summary} = this;
		if (!existing) {
			plan.mutations.push({
				kind: 'create',
				entity,
				id: record.id,
				values: createValues(entity, values, externalId, record.createdAt),
			});
			this.lookups.created(entity, externalId, record);
			summary.created++;
			this.outcome(row.line, 'create', {record});
			return;
		}
		const changed = Object.fromEntries(
			Object.entries(values).filter(([field, value]) => !same((existing as Record<string, unknown>)[field], value)),
		);
		if (Object.keys(changed).length === 0) {
			summary.unchanged++;
			this.outcome(row.line, 'unchanged', {record: existing});
			return;
		}
		plan.mutations.push({kind: 'update', entity, id: existing.id, version: existing.version, values: changed});
		summary.updated++;
		// Worded only where outcomes are kept (a preview): a large import words none.
		if (this.context.outcomes)
			this.outcome(row.line, 'update', {
				record,
				message: t('domain.import.changes', {fields: Object.keys(changed).join(', ')}),
			});
	}

	private outcome(
		line: number,
		action: RowOutcome['action'],
		details: {record?: AnyStoredRecord; message?: string} = {},
	): void {
		if (this.context.outcomes)
			this.plan.outcomes.push({line, entity: this.entity, action, ...details, warnings: this.rowWarnings});
	}

	private warn(line: number, message: string): void {
		this.plan.warnings.push({line, entity: this.entity, message});
		this.rowWarnings.push(message);
		this.summary.warnings++;
	}

	private reject(row: CsvRow, message: string): void {
		this.plan.rejects.push({line: row.line, entity: this.entity, message, row});
		this.summary.rejected++;
		this.outcome(row.line, 'reject', {message});
	}
}
