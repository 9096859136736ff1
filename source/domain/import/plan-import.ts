import {parseAmount} from '../amount-input.js';
import {entityIdPrefix, entitySchemas, entitySingular, type AnyStoredRecord, type Dataset, type EntityName} from '../dataset.js';
import {newId} from '../ids.js';
import type {Mutation} from '../mutation.js';
import {defaultProbability, type OpportunityStage} from '../opportunity.js';
import {applyRecordRules, derivedFieldSeeds, newRecordDefaults} from '../record-rules.js';
import type {Settings} from '../settings.js';
import {controlCharacterProblems} from '../stored-text.js';
import type {CsvRow, CsvTable} from './csv-table.js';
import type {ImportMapping, ImportTarget} from './import-mapping.js';

export type TargetSummary = {entity: EntityName; created: number; updated: number; unchanged: number; rejected: number; skipped: number; warnings: number};
export type RowNote = {line: number; entity: EntityName; message: string};
/** What one row does to one entity, with the record as it will land (for a preview). */
export type RowOutcome = {line: number; entity: EntityName; action: 'create' | 'update' | 'unchanged' | 'reject' | 'skip'; record?: AnyStoredRecord; message?: string; warnings: string[]};
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
export type PlanContext = {now: number; settings: Settings; outcomes?: boolean; /** Rows between progress reports. */ every?: number};

const dateFields = new Set(['createdAt', 'closedAt', 'expectedCloseAt', 'firstResponseAt', 'resolvedAt', 'churnedAt']);
const numberFields = new Set(['amount', 'probability', 'rating', 'nps']);

const pad = (value: string): string => value.padStart(2, '0');

/** A date as the export writes it → ISO in UTC (a date alone is midnight UTC, as KPI.md says). */
export const parseImportDate = (text: string, format: ImportTarget['dates']): string | undefined => {
	const input = text.trim();
	// A full ISO instant (our own export) is kept to the millisecond.
	if (format === 'auto' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(input) && !Number.isNaN(Date.parse(input))) return new Date(input).toISOString();
	const make = (year: string, month: string, day: string, hours = '00', minutes = '00'): string | undefined => {
		const iso = `${year}-${pad(month)}-${pad(day)}T${pad(hours)}:${pad(minutes)}:00.000Z`;
		const time = Date.parse(iso);
		return Number.isNaN(time) || new Date(time).toISOString() !== iso ? undefined : iso;
	};
	const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input);
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(input);
	if (format === 'M/D/YYYY') return us ? make(us[3]!, us[1]!, us[2]!) : undefined;
	if (format === 'D/M/YYYY') return us ? make(us[3]!, us[2]!, us[1]!) : undefined;
	if (format === 'YYYY-MM-DD' || format === 'YYYY-MM-DD HH:mm') return iso ? make(iso[1]!, iso[2]!, iso[3]!, iso[4], iso[5]) : undefined;
	if (iso) return make(iso[1]!, iso[2]!, iso[3]!, iso[4], iso[5]);
	return us ? make(us[3]!, us[1]!, us[2]!) : undefined;
};

/** Fills `{column}` from the row; `{column|text}` uses the text when the column is empty. */
const fill = (template: string, row: CsvRow): string =>
	template.replace(/\{([^}|]+)(?:\|([^}]*))?\}/g, (_, column: string, fallback?: string) => row.values[column]?.trim() || (fallback ?? ''));

const folded = (text: string): string => text.trim().toLowerCase();

type Converted = {values: Record<string, unknown>; error?: string};

/** One row's mapped fields, converted to their types; the first value that cannot be read is the error. */
const convertRow = (target: ImportTarget, row: CsvRow): Converted => {
	const values: Record<string, unknown> = {};
	for (const [column, field] of Object.entries(target.columns)) {
		let raw = (row.values[column] ?? '').trim();
		const translation = target.values[field];
		if (translation && raw !== '') {
			const match = Object.entries(translation).find(([source]) => folded(source) === folded(raw));
			if (!match) return {values, error: `${column} “${raw}” is not one of ${Object.keys(translation).join(', ')}`};
			raw = match[1];
		}
		if (raw === '') continue;
		if (dateFields.has(field)) {
			const date = parseImportDate(raw, target.dates);
			if (!date) return {values, error: `${column} “${raw}” is not a date (${target.dates === 'auto' ? 'expected 2026-03-01, 2026-03-01 14:30 or 3/1/2026' : `expected ${target.dates}`})`};
			values[field] = date;
		} else if (numberFields.has(field)) {
			const number = parseAmount(raw);
			if (number === undefined) return {values, error: `${column} “${raw}” is not a number`};
			values[field] = number;
		} else if (field === 'tags') values[field] = raw.split(',').map((tag) => tag.trim()).filter(Boolean);
		else if (field === 'comments') {
			try {
				values[field] = JSON.parse(raw);
			} catch {
				return {values, error: `${column} is not the JSON list of comments an export writes`};
			}
		}
		else values[field] = raw;
	}
	for (const [field, template] of Object.entries(target.templates)) {
		if (values[field] !== undefined) continue;
		const text = fill(template, row);
		if (dateFields.has(field)) {
			if (text === '') continue;
			const date = parseImportDate(text, target.dates);
			if (!date) return {values, error: `“${text}” (for ${field}) is not a date`};
			values[field] = date;
		} else values[field] = text;
	}
	for (const [field, value] of Object.entries(target.defaults)) if (values[field] === undefined) values[field] = value;
	return {values};
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Lookups over what exists and what this import creates, so later rows and targets find earlier ones. */
class Lookups {
	readonly byExternalId = new Map<string, Map<string, AnyStoredRecord>>();
	readonly customersByName = new Map<string, string>();
	readonly customersByEmail = new Map<string, string>();

	constructor(dataset: Dataset) {
		for (const entity of ['customers', 'opportunities', 'tickets', 'feedback'] as const) {
			const map = new Map<string, AnyStoredRecord>();
			for (const record of dataset[entity]) if (record.externalId) map.set(record.externalId, record);
			this.byExternalId.set(entity, map);
		}
		for (const customer of dataset.customers) this.addCustomer(customer.id, customer.name, customer.company, customer.email);
	}

	addCustomer(id: string, name: unknown, company: unknown, email: unknown): void {
		for (const key of [name, company]) if (typeof key === 'string' && key.trim() !== '' && !this.customersByName.has(folded(key))) this.customersByName.set(folded(key), id);
		if (typeof email === 'string' && email.trim() !== '' && !this.customersByEmail.has(folded(email))) this.customersByEmail.set(folded(email), id);
	}

	customer(by: 'name' | 'email' | 'externalId', key: string): string | undefined {
		if (by === 'externalId') return this.byExternalId.get('customers')!.get(key)?.id;
		return (by === 'name' ? this.customersByName : this.customersByEmail).get(folded(key));
	}
}

/**
 * What importing `table` with `mapping` would change: a create for each new external id, an update
 * for each changed one, nothing for the unchanged; rows that cannot be records are rejected with
 * the reason, rows that import with a caveat are warned about. Pure: nothing is written here.
 * It yields its progress every `every` rows, so a console can draw a bar and stay responsive.
 */
export function* planImportSteps(dataset: Dataset, table: CsvTable, mapping: ImportMapping, context: PlanContext): Generator<PlanProgress, ImportPlan> {
	const now = new Date(context.now).toISOString();
	const lookups = new Lookups(dataset);
	const plan: ImportPlan = {mutations: [], summaries: [], rejects: [], warnings: [], outcomes: []};
	const total = table.rows.length * mapping.targets.length;
	const every = context.every ?? 500;
	let done = 0;
	for (const target of mapping.targets) {
		const {entity} = target;
		const summary: TargetSummary = {entity, created: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0, warnings: 0};
		const known = lookups.byExternalId.get(entity)!;
		const seenInFile = new Map<string, {line: number; values: string}>();
		const catalogue = target.catalogue ? new Set(target.catalogue.map(folded)) : undefined;
		const usedIds = new Set((dataset[entity] as AnyStoredRecord[]).map((record) => record.id));
		const byId = new Map((dataset[entity] as AnyStoredRecord[]).map((record) => [record.id, record]));
		// Our own export coming back keeps its ids (when free), so the records it links to still match.
		const newRecordId = (kind: EntityName, sourceId: string): string => {
			const id = target.keepIds && new RegExp(`^${entityIdPrefix[kind]}_[0-9A-Za-z]{4,40}$`).test(sourceId) && !usedIds.has(sourceId) ? sourceId : newId(entityIdPrefix[kind]);
			usedIds.add(id);
			return id;
		};
		let rowWarnings: string[] = [];
		const outcome = (line: number, action: RowOutcome['action'], details: {record?: AnyStoredRecord; message?: string} = {}) => {
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
		for (const row of table.rows) {
			done++;
			if (done % every === 0) yield {done, total};
			rowWarnings = [];
			if (target.requires.some((column) => (row.values[column] ?? '').trim() === '')) {
				summary.skipped++;
				outcome(row.line, 'skip', {message: `no ${target.requires.filter((column) => (row.values[column] ?? '').trim() === '').join(', ')}`});
				continue;
			}
			let externalId = fill(target.id.includes('{') ? target.id : `{${target.id}}`, row);
			if (target.lowerId) externalId = folded(externalId);
			if (externalId === '') {
				const missing = [...target.id.matchAll(/\{([^}|]+)/g)].map((match) => match[1]!).concat(target.id.includes('{') ? [] : [target.id]).filter((column) => !(column in row.values));
				reject(row, missing.length > 0 ? `the file has no column ${missing.join(', ')} (the id of each row)` : `the id column ${target.id} is empty`);
				continue;
			}
			const {values, error} = convertRow(target, row);
			const first = seenInFile.get(externalId);
			if (first) {
				// The same source record again (a customer on several tickets): the first row stands,
				// and a row that disagrees with it is reported, not silently dropped.
				if (!error && JSON.stringify(values) !== first.values) warn(row.line, `same ${target.id.replace(/[{}]/g, '')} as an earlier row, with other values: the earlier row was kept`);
				summary.skipped++;
				outcome(row.line, 'skip', {message: `the same ${entitySingular[entity]} as line ${first.line}, which this import takes`});
				continue;
			}
			seenInFile.set(externalId, {line: row.line, values: JSON.stringify(values)});
			if (error) {
				reject(row, error);
				continue;
			}
			if (target.customer) {
				const key = (row.values[target.customer.column] ?? '').trim();
				const customerId = key === '' ? undefined : lookups.customer(target.customer.by, key);
				if (key === '') warn(row.line, `no ${target.customer.column}: imported without a customer`);
				else if (!customerId) warn(row.line, `no customer with ${target.customer.by} “${key}”: imported without a customer`);
				values['customerId'] = customerId ?? '';
			}
			if (target.ticket) {
				const ticket = lookups.byExternalId.get('tickets')!.get((row.values[target.ticket.column] ?? '').trim());
				values['ticketId'] = ticket?.id ?? null;
				if (!ticket) warn(row.line, `no ticket with id “${row.values[target.ticket.column] ?? ''}”`);
			}
			if (entity === 'opportunities') {
				if (values['probability'] === undefined && typeof values['stage'] === 'string') values['probability'] = defaultProbability[values['stage'] as OpportunityStage];
				if (catalogue && typeof values['product'] === 'string' && !catalogue.has(folded(values['product']))) warn(row.line, `product “${values['product']}” is not in the catalogue`);
			}
			if (entity === 'tickets' && typeof values['resolvedAt'] === 'string' && typeof values['firstResponseAt'] === 'string' && values['resolvedAt'] < values['firstResponseAt']) {
				warn(row.line, 'resolved before the first response');
			}
			// Our own export coming back: its id is the record's own id, so it is matched by that (no duplicate).
			const existing = known.get(externalId) ?? (target.keepIds ? byId.get(externalId) : undefined);
			const candidate: Record<string, unknown> = existing
				? {...existing, ...values}
				: {...derivedFieldSeeds(entity, now), ...newRecordDefaults[entity], ...values, id: newRecordId(entity, externalId), externalId, createdAt: values['createdAt'] ?? now, updatedAt: now, version: 1};
			const checked = entitySchemas[entity].safeParse(applyRecordRules(entity, existing, entitySchemas[entity].safeParse(candidate).data ?? candidate, {now, settings: context.settings}));
			if (!checked.success) {
				const issue = checked.error.issues[0]!;
				reject(row, `${issue.path.join('.') || 'the row'} ${issue.message}`);
				continue;
			}
			const record = checked.data as AnyStoredRecord;
			// Control characters are not stored: the row is rejected with the field (of an update, only what it changes).
			const controls = controlCharacterProblems(entity, record as unknown as Record<string, unknown>, existing as unknown as Record<string, unknown> | undefined)[0];
			if (controls) {
				reject(row, `${controls.field} ${controls.message}`);
				continue;
			}
			if (!existing) {
				plan.mutations.push({kind: 'create', entity, id: record.id, values: {...newRecordDefaults[entity], ...values, externalId, createdAt: record.createdAt}});
				known.set(externalId, record);
				if (entity === 'customers') lookups.addCustomer(record.id, values['name'], values['company'], values['email']);
				summary.created++;
				outcome(row.line, 'create', {record});
				continue;
			}
			const changed = Object.fromEntries(Object.entries(values).filter(([field, value]) => !same((existing as Record<string, unknown>)[field], value)));
			if (Object.keys(changed).length === 0) {
				summary.unchanged++;
				outcome(row.line, 'unchanged', {record: existing});
				continue;
			}
			plan.mutations.push({kind: 'update', entity, id: existing.id, version: existing.version, values: changed});
			summary.updated++;
			outcome(row.line, 'update', {record, message: `changes ${Object.keys(changed).join(', ')}`});
		}
		plan.summaries.push(summary);
	}
	return plan;
}

/** The whole plan at once (the command line has no bar to draw). */
export const planImport = (dataset: Dataset, table: CsvTable, mapping: ImportMapping, context: PlanContext): ImportPlan => {
	const steps = planImportSteps(dataset, table, mapping, context);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
};
