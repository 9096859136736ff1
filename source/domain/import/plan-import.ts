import {readAmount} from '../amount-input.js';
import type {Customer} from '../customer.js';
import {
	type AnyStoredRecord,
	type Dataset,
	type EntityName,
	entityIdPrefix,
	entitySchemas,
	entitySingular,
} from '../dataset.js';
import {newId} from '../ids.js';
import {issueInWords, type SchemaIssue} from '../issue-words.js';
import type {Mutation} from '../mutation.js';
import {defaultProbability, type OpportunityStage} from '../opportunity.js';
import {applyRecordRules, derivedFieldSeeds, newRecordDefaults} from '../record-rules.js';
import type {Settings} from '../settings.js';
import {unprotectCell} from '../spreadsheet-cell.js';
import {controlCharacterProblems} from '../stored-text.js';
import type {CsvRow, CsvTable} from './csv-table.js';
import {type DateOrder, DateOrderDetector, expectedDates, readDate} from './import-dates.js';
import {ImportError} from './import-error.js';
import type {ImportMapping, ImportTarget} from './import-mapping.js';

export type TargetSummary = {
	entity: EntityName;
	created: number;
	updated: number;
	unchanged: number;
	rejected: number;
	skipped: number;
	warnings: number;
};
export type RowNote = {line: number; entity: EntityName; message: string};
/** What one row does to one entity, with the record as it will land (for a preview). */
export type RowOutcome = {
	line: number;
	entity: EntityName;
	action: 'create' | 'update' | 'unchanged' | 'reject' | 'skip';
	record?: AnyStoredRecord;
	message?: string;
	warnings: string[];
};
export type ImportPlan = {
	mutations: Mutation[];
	summaries: TargetSummary[];
	rejects: Array<RowNote & {row: CsvRow}>;
	warnings: RowNote[];
	/** Row by row, in file order per entity: kept only when asked for (a preview), not for a whole large file. */
	outcomes: RowOutcome[];
};
/** How far planning has got: rows looked at, over every target, of `total`. */
export type PlanProgress = {done: number; total: number};
/** Per target of the mapping, the order of day and month each of its `auto` date columns settled on (see DateOrderDetector). */
export type DateOrders = ReadonlyArray<ReadonlyMap<string, DateOrder>>;
export type PlanContext = {
	now: number;
	settings: Settings;
	outcomes?: boolean;
	/** Rows between progress reports. */
	every?: number;
	/** Settled from every row before planning (`dateOrdersOf`); without them a date that reads two ways is a rejected row, never a guess. */
	dateOrders?: DateOrders;
};

const dateFields = new Set(['createdAt', 'closedAt', 'expectedCloseAt', 'firstResponseAt', 'resolvedAt', 'churnedAt']);
const numberFields = new Set(['amount', 'probability', 'rating', 'nps']);

/** A cell as the import reads it: trimmed, and the `'` an export puts before a formula-like value taken off. */
const cell = (row: CsvRow, column: string): string => unprotectCell((row.values[column] ?? '').trim());

type Template = (row: CsvRow) => string;

/** `{column}` filled from the row; `{column|text}` uses the text when the column is empty. Read once, filled per row. */
const compileTemplate = (template: string): Template => {
	const texts: string[] = [];
	const slots: Array<{column: string; fallback: string}> = [];
	let last = 0;
	for (const match of template.matchAll(/\{([^}|]+)(?:\|([^}]*))?\}/g)) {
		texts.push(template.slice(last, match.index));
		slots.push({column: match[1]!, fallback: match[2] ?? ''});
		last = match.index + match[0].length;
	}
	texts.push(template.slice(last));
	return (row) => {
		let text = texts[0]!;
		for (let index = 0; index < slots.length; index++)
			text += (cell(row, slots[index]!.column) || slots[index]!.fallback) + texts[index + 1]!;
		return text;
	};
};

const folded = (text: string): string => text.trim().toLowerCase();

type Converted = {values: Record<string, unknown>; error?: string};

/** The date sources of a target: each column mapped to a date field, and each template of one, by the name a message gives it. */
const dateSources = (target: ImportTarget): Array<{name: string; read: Template}> => [
	...Object.entries(target.columns)
		.filter(([, field]) => dateFields.has(field))
		.map(([column]) => ({name: column, read: (row: CsvRow) => cell(row, column)})),
	...Object.entries(target.templates)
		.filter(([field]) => dateFields.has(field))
		.map(([field, template]) => ({name: `the template of ${field} (${template})`, read: compileTemplate(template)})),
];

/**
 * Settles, from every row, the order of day and month of each `auto` date column of the mapping
 * (`13/4/2017` is day first): fed the rows as they are read (`see`), then `settle` — which throws
 * an ImportError naming the lines of a column that reads both ways or mixes two orders.
 * `needed` is false when no target reads such dates: no pass over the file is made for it.
 */
export const dateOrderDetection = (mapping: ImportMapping) => {
	const targets = mapping.targets.map((target) =>
		target.dates === 'auto' ? {detector: new DateOrderDetector(), sources: dateSources(target)} : undefined,
	);
	return {
		needed: targets.some((target) => target && target.sources.length > 0),
		see: (rows: Iterable<CsvRow>): void => {
			for (const row of rows) {
				for (const target of targets) {
					if (!target) continue;
					for (const {name, read} of target.sources) {
						const text = read(row);
						if (text !== '') target.detector.see(name, row.line, text);
					}
				}
			}
		},
		settle: (): DateOrders =>
			targets.map((target) => {
				if (!target) return new Map();
				const settled = target.detector.settle();
				if (!settled.ok) throw new ImportError(`Nothing was imported: ${settled.message}`);
				return settled.orders;
			}),
	};
};

/** The date orders of a table held in memory (every row of it, not only the rows planned). */
export const dateOrdersOf = (mapping: ImportMapping, rows: readonly CsvRow[]): DateOrders => {
	const detection = dateOrderDetection(mapping);
	if (detection.needed) detection.see(rows);
	return detection.settle();
};

/** One date of a row, or the row's error in words. */
const rowDate = (
	name: string,
	text: string,
	target: ImportTarget,
	order: DateOrder | undefined,
): {date: string; error?: undefined} | {date?: undefined; error: string} => {
	const read = readDate(text, target.dates, order);
	if (read.ok) return {date: read.iso};
	return {
		error:
			read.reason === 'ambiguous'
				? `${name} “${text}” reads both day first and month first: declare "dates" in a mapping file (D/M/YYYY or M/D/YYYY)`
				: `${name} “${text}” is not a date (${expectedDates(target.dates)})`,
	};
};

/** One row's mapped fields, converted to their types; the first value that cannot be read is the error. The mapping is read once, here, not per row. */
const rowConverter = (
	target: ImportTarget,
	orders: ReadonlyMap<string, DateOrder> = new Map(),
): ((row: CsvRow) => Converted) => {
	const columns = Object.entries(target.columns).map(([column, field]) => {
		const translation = target.values[field];
		const byFolded = new Map<string, string>();
		for (const [source, value] of Object.entries(translation ?? {}))
			if (!byFolded.has(folded(source))) byFolded.set(folded(source), value);
		return {
			column,
			field,
			translation: translation ? byFolded : undefined,
			choices: Object.keys(translation ?? {}).join(', '),
		};
	});
	const templates = Object.entries(target.templates).map(([field, template]) => ({
		field,
		fill: compileTemplate(template),
	}));
	return (row) => {
		const values: Record<string, unknown> = {};
		for (const {column, field, translation, choices} of columns) {
			let raw = cell(row, column);
			if (translation && raw !== '') {
				const match = translation.get(folded(raw));
				if (match === undefined) return {values, error: `${column} “${raw}” is not one of ${choices}`};
				raw = match;
			}
			if (raw === '') continue;
			if (dateFields.has(field)) {
				const {date, error} = rowDate(column, raw, target, orders.get(column));
				if (error !== undefined) return {values, error};
				values[field] = date;
			} else if (numberFields.has(field)) {
				const number = readAmount(raw);
				if (!number.ok) return {values, error: `${column} “${raw}” ${number.message}`};
				values[field] = number.value;
			} else if (field === 'tags')
				values[field] = raw
					.split(',')
					.map((tag) => tag.trim())
					.filter(Boolean);
			else if (field === 'comments') {
				try {
					values[field] = JSON.parse(raw);
				} catch {
					return {values, error: `${column} is not the JSON list of comments an export writes`};
				}
			} else values[field] = raw;
		}
		for (const {field, fill} of templates) {
			if (values[field] !== undefined) continue;
			const text = fill(row);
			if (dateFields.has(field)) {
				if (text === '') continue;
				const name = `the template of ${field} (${target.templates[field]})`;
				const {date, error} = rowDate(name, text, target, orders.get(name));
				if (error !== undefined) return {values, error};
				values[field] = date;
			} else values[field] = text;
		}
		return {values};
	};
};

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

/**
 * Lookups over what exists and what this import creates, so later rows and targets find earlier
 * ones. Each is made when first asked for (from the data, then the creates planned so far), so an
 * import that never looks a customer up by name holds no such index of every customer.
 */
class Lookups {
	private readonly byExternalIds = new Map<EntityName, Map<string, AnyStoredRecord>>();
	private customersByName: Map<string, string> | undefined;
	private customersByEmail: Map<string, string> | undefined;
	/** Every record's own id, per entity: gathered when a row first names one directly (an export's customerId). */
	private readonly ids = new Map<EntityName, Set<string>>();

	constructor(
		private readonly dataset: Dataset,
		/** The plan's mutations, as they are planned. */
		private readonly planned: readonly Mutation[],
	) {}

	/** Records by their id in the source system: the data's, then this import's (added with `created`). */
	byExternalId(entity: EntityName): Map<string, AnyStoredRecord> {
		let map = this.byExternalIds.get(entity);
		if (!map) {
			map = new Map();
			for (const record of this.dataset[entity] as AnyStoredRecord[])
				if (record.externalId) map.set(record.externalId, record);
			this.byExternalIds.set(entity, map);
		}
		return map;
	}

	private indexCustomers(): void {
		this.customersByName = new Map();
		this.customersByEmail = new Map();
		for (const customer of this.dataset.customers)
			this.addCustomer(customer.id, customer.name, customer.company, customer.email);
		for (const mutation of this.planned) {
			if (mutation.kind === 'create' && mutation.entity === 'customers')
				this.addCustomer(mutation.id!, mutation.values['name'], mutation.values['company'], mutation.values['email']);
		}
	}

	private addCustomer(id: string, name: unknown, company: unknown, email: unknown): void {
		for (const key of [name, company]) {
			if (typeof key !== 'string') continue;
			const byName = folded(key);
			if (byName !== '' && !this.customersByName!.has(byName)) this.customersByName!.set(byName, id);
		}
		if (typeof email !== 'string') return;
		const byEmail = folded(email);
		if (byEmail !== '' && !this.customersByEmail!.has(byEmail)) this.customersByEmail!.set(byEmail, id);
	}

	customer(by: 'name' | 'email' | 'externalId', key: string): string | undefined {
		if (by === 'externalId') return this.byExternalId('customers').get(key)?.id;
		if (!this.customersByName) this.indexCustomers();
		return (by === 'name' ? this.customersByName : this.customersByEmail)!.get(folded(key));
	}

	/** Whether a record with this id of ours exists, or this import creates it. */
	has(entity: EntityName, id: string): boolean {
		let ids = this.ids.get(entity);
		if (!ids) {
			ids = new Set((this.dataset[entity] as AnyStoredRecord[]).map((record) => record.id));
			for (const mutation of this.planned)
				if (mutation.kind === 'create' && mutation.entity === entity) ids.add(mutation.id!);
			this.ids.set(entity, ids);
		}
		return ids.has(id);
	}

	/** A record this import creates (its create is planned already): later rows and targets find it. */
	created(entity: EntityName, externalId: string, record: AnyStoredRecord): void {
		this.byExternalId(entity).set(externalId, record);
		this.ids.get(entity)?.add(record.id);
		if (entity !== 'customers' || !this.customersByName) return;
		const customer = record as Customer;
		this.addCustomer(customer.id, customer.name, customer.company, customer.email);
	}
}

/** Fields that name another record by our own id (an export's columns): a row naming one that is not there is warned about. */
const references = [
	{field: 'customerId', entity: 'customers', noun: 'customer'},
	{field: 'ticketId', entity: 'tickets', noun: 'ticket'},
] as const;

/**
 * What importing rows with `mapping` would change: a create for each new external id, an update
 * for each changed one, nothing for the unchanged; rows that cannot be records are rejected with
 * the reason, rows that import with a caveat are warned about. Pure: nothing is written here.
 * Rows come in batches, as a file is read: every row for the mapping's first target, then every
 * row again for the next (a ticket finds the customer a later row made), then `finish`.
 */
export const createImportPlanner = (dataset: Dataset, mapping: ImportMapping, context: PlanContext) => {
	const now = new Date(context.now).toISOString();
	const plan: ImportPlan = {mutations: [], summaries: [], rejects: [], warnings: [], outcomes: []};
	const lookups = new Lookups(dataset, plan.mutations);
	const targets = mapping.targets.map((target, index) => {
		const {entity} = target;
		const summary: TargetSummary = {entity, created: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0, warnings: 0};
		plan.summaries.push(summary);
		const known = lookups.byExternalId(entity);
		const seenInFile = new Map<string, {line: number; values: Record<string, unknown>}>();
		const catalogue = target.catalogue ? new Set(target.catalogue.map(folded)) : undefined;
		const convertRow = rowConverter(target, context.dateOrders?.[index]);
		const defaults = Object.entries(target.defaults);
		const setOnEveryRow = Object.entries(target.set);
		const externalIdOf = compileTemplate(target.id.includes('{') ? target.id : `{${target.id}}`);
		const idColumns = [...target.id.matchAll(/\{([^}|]+)/g)]
			.map((match) => match[1]!)
			.concat(target.id.includes('{') ? [] : [target.id]);
		const linked = references.filter(
			({field}) =>
				Object.values(target.columns).includes(field) &&
				!(field === 'customerId' && target.customer) &&
				!(field === 'ticketId' && target.ticket),
		);
		let usedIds: Set<string> | undefined;
		let byId: Map<string, AnyStoredRecord> | undefined;
		const ownId = new RegExp(`^${entityIdPrefix[entity]}_[0-9A-Za-z]{4,40}$`);
		// Our own export coming back keeps its ids (when free), so the records it links to still match.
		const newRecordId = (kind: EntityName, sourceId: string): string => {
			usedIds ??= new Set((dataset[entity] as AnyStoredRecord[]).map((record) => record.id));
			const id =
				target.keepIds && ownId.test(sourceId) && !usedIds.has(sourceId) ? sourceId : newId(entityIdPrefix[kind]);
			usedIds.add(id);
			return id;
		};
		let rowWarnings: string[] = [];
		const outcome = (
			line: number,
			action: RowOutcome['action'],
			details: {record?: AnyStoredRecord; message?: string} = {},
		) => {
			if (context.outcomes) plan.outcomes.push({line, entity, action, ...details, warnings: rowWarnings});
		};
		const warn = (line: number, message: string) => {
			plan.warnings.push({line, entity, message});
			rowWarnings.push(message);
			summary.warnings++;
		};
		const reject = (row: CsvRow, message: string) => {
			plan.rejects.push({line: row.line, entity, message, row});
			summary.rejected++;
			outcome(row.line, 'reject', {message});
		};
		return (rows: Iterable<CsvRow>): void => {
			for (const row of rows) {
				rowWarnings = [];
				if (target.requires.some((column) => cell(row, column) === '')) {
					summary.skipped++;
					outcome(row.line, 'skip', {
						message: `no ${target.requires.filter((column) => cell(row, column) === '').join(', ')}`,
					});
					continue;
				}
				let externalId = externalIdOf(row);
				if (target.lowerId) externalId = folded(externalId);
				if (externalId === '') {
					const missing = idColumns.filter((column) => !(column in row.values));
					reject(
						row,
						missing.length > 0
							? `the file has no column ${missing.join(', ')} (the id of each row)`
							: `the id column ${target.id} is empty`,
					);
					continue;
				}
				const converted = convertRow(row);
				const {error} = converted;
				const first = seenInFile.get(externalId);
				if (first) {
					// The same source record again (a customer on several tickets): the first row stands,
					// and a row that disagrees with it is reported, not silently dropped.
					if (!error && JSON.stringify(converted.values) !== JSON.stringify(first.values))
						warn(
							row.line,
							`same ${target.id.replace(/[{}]/g, '')} as an earlier row, with other values: the earlier row was kept`,
						);
					summary.skipped++;
					outcome(row.line, 'skip', {
						message: `the same ${entitySingular[entity]} as line ${first.line}, which this import takes`,
					});
					continue;
				}
				seenInFile.set(externalId, {line: row.line, values: converted.values});
				if (error) {
					reject(row, error);
					continue;
				}
				// Fields found by lookup, defaults and `set` go into a copy: the row's own values are what a later row with the same id is compared with.
				const values = {...converted.values};
				// Our own export coming back: its id is the record's own id, so it is matched by that (no duplicate).
				byId ??= target.keepIds
					? new Map((dataset[entity] as AnyStoredRecord[]).map((record) => [record.id, record]))
					: new Map();
				const existing = known.get(externalId) ?? (target.keepIds ? byId.get(externalId) : undefined);
				if (target.customer) {
					const key = cell(row, target.customer.column);
					const customerId = key === '' ? undefined : lookups.customer(target.customer.by, key);
					if (key === '') warn(row.line, `no ${target.customer.column}: imported without a customer`);
					else if (!customerId)
						warn(row.line, `no customer with ${target.customer.by} “${key}”: imported without a customer`);
					// A record that has a customer keeps it when this row names none that is found.
					if (customerId !== undefined || !existing) values['customerId'] = customerId ?? '';
				}
				if (target.ticket) {
					const ticket = lookups.byExternalId('tickets').get(cell(row, target.ticket.column));
					if (ticket || !existing) values['ticketId'] = ticket?.id ?? null;
					if (!ticket) warn(row.line, `no ticket with id “${row.values[target.ticket.column] ?? ''}”`);
				}
				for (const {field, entity: named, noun} of linked) {
					const id = values[field];
					if (typeof id === 'string' && id !== '' && !lookups.has(named, id))
						warn(
							row.line,
							`no ${noun} with the id “${id}”: imported naming a ${noun} that is not there (import the ${named} first, or find the ${noun} by name, email or external id with a mapping file)`,
						);
				}
				// A default fills only what a new record lacks (a later file of leads does not put won deals back); `set` is written on every row.
				if (!existing) for (const [field, value] of defaults) if (values[field] === undefined) values[field] = value;
				for (const [field, value] of setOnEveryRow) values[field] = value;
				if (entity === 'opportunities') {
					// The stage's usual probability for a new deal, and for a deal this row moves to another stage; one the row gives stands.
					const stage = values['stage'] ?? (existing ? undefined : newRecordDefaults.opportunities['stage']);
					if (
						values['probability'] === undefined &&
						typeof stage === 'string' &&
						stage !== (existing as {stage?: string} | undefined)?.stage
					)
						values['probability'] = defaultProbability[stage as OpportunityStage];
					if (catalogue && typeof values['product'] === 'string' && !catalogue.has(folded(values['product'])))
						warn(row.line, `product “${values['product']}” is not in the catalogue`);
					const created = values['createdAt'] ?? existing?.createdAt;
					if (typeof values['closedAt'] === 'string' && typeof created === 'string' && values['closedAt'] < created)
						warn(row.line, 'closed before it was created');
				}
				if (
					entity === 'tickets' &&
					typeof values['resolvedAt'] === 'string' &&
					typeof values['firstResponseAt'] === 'string' &&
					values['resolvedAt'] < values['firstResponseAt']
				) {
					warn(row.line, 'resolved before the first response');
				}
				const candidate: Record<string, unknown> = existing
					? {...existing, ...values}
					: {
							...derivedFieldSeeds(entity, now),
							...newRecordDefaults[entity],
							...values,
							id: newRecordId(entity, externalId),
							externalId,
							createdAt: values['createdAt'] ?? now,
							updatedAt: now,
							version: 1,
						};
				const ruled = applyRecordRules(entity, existing, entitySchemas[entity].safeParse(candidate).data ?? candidate, {
					now,
					settings: context.settings,
				});
				const checked = entitySchemas[entity].safeParse(ruled);
				if (!checked.success) {
					const issue = checked.error.issues[0]!;
					reject(row, `${issue.path.join('.') || 'the row'} ${issueInWords(issue as SchemaIssue, ruled)}`);
					continue;
				}
				const record = checked.data as AnyStoredRecord;
				// Control characters are not stored: the row is rejected with the field (of an update, only what it changes).
				const controls = controlCharacterProblems(
					entity,
					record as unknown as Record<string, unknown>,
					existing as unknown as Record<string, unknown> | undefined,
				)[0];
				if (controls) {
					reject(row, `${controls.field} ${controls.message}`);
					continue;
				}
				if (!existing) {
					plan.mutations.push({
						kind: 'create',
						entity,
						id: record.id,
						values: createValues(entity, values, externalId, record.createdAt),
					});
					lookups.created(entity, externalId, record);
					summary.created++;
					outcome(row.line, 'create', {record});
					continue;
				}
				const changed = Object.fromEntries(
					Object.entries(values).filter(([field, value]) => !same((existing as Record<string, unknown>)[field], value)),
				);
				if (Object.keys(changed).length === 0) {
					summary.unchanged++;
					outcome(row.line, 'unchanged', {record: existing});
					continue;
				}
				plan.mutations.push({kind: 'update', entity, id: existing.id, version: existing.version, values: changed});
				summary.updated++;
				outcome(row.line, 'update', {record, message: `changes ${Object.keys(changed).join(', ')}`});
			}
		};
	});
	return {
		/** Plans `rows` (the next in file order) for the mapping's target number `target`. */
		add: (target: number, rows: Iterable<CsvRow>): void => targets[target]!(rows),
		/** The plan, once every target has had every row. */
		finish: (): ImportPlan => plan,
	};
};

export type ImportPlanner = ReturnType<typeof createImportPlanner>;

/**
 * The plan of a table held in memory, a step at a time: it yields its progress every `every` rows,
 * so a console can draw a bar and stay responsive.
 */
export function* planImportSteps(
	dataset: Dataset,
	table: CsvTable,
	mapping: ImportMapping,
	context: PlanContext,
): Generator<PlanProgress, ImportPlan> {
	const planner = createImportPlanner(dataset, mapping, {
		...context,
		dateOrders: context.dateOrders ?? dateOrdersOf(mapping, table.rows),
	});
	const total = table.rows.length * mapping.targets.length;
	const every = context.every ?? 500;
	let done = 0;
	for (const [target] of mapping.targets.entries()) {
		for (let start = 0; start < table.rows.length; start += every) {
			const rows = table.rows.slice(start, start + every);
			planner.add(target, rows);
			done += rows.length;
			if (rows.length === every) yield {done, total};
		}
	}
	return planner.finish();
}

/** The whole plan at once (the command line has no bar to draw). */
export const planImport = (
	dataset: Dataset,
	table: CsvTable,
	mapping: ImportMapping,
	context: PlanContext,
): ImportPlan => {
	const planner = createImportPlanner(dataset, mapping, {
		...context,
		dateOrders: context.dateOrders ?? dateOrdersOf(mapping, table.rows),
	});
	for (const [target] of mapping.targets.entries()) planner.add(target, table.rows);
	return planner.finish();
};
