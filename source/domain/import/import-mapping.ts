import {z} from 'zod';
import {entityFieldSchemas, entityNames, type EntityName} from '../dataset.js';
import {dateFormats} from './import-dates.js';
import {ImportError} from './import-error.js';

/**
 * How the rows of one CSV become records of one entity: which column is which field, how values
 * translate (`Won` → `won`), how dates are written, how the related customer is found, and what the
 * row's id in the other system is (the upsert key, kept as `externalId`).
 */
export const importTargetSchema = z.object({
	entity: z.enum(['customers', 'opportunities', 'tickets', 'feedback'], {message: 'must be customers, opportunities, tickets or feedback'}),
	/** The row's id in the source system: a column name or a template like `{Customer_Email}`; lower-cased with `lower`. */
	id: z.string().min(1, 'must name the column (or template) that identifies a row'),
	lowerId: z.boolean().default(false),
	columns: z.record(z.string(), z.string()).default({}),
	/** Per field, source value → our value (matched ignoring case). */
	values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
	/** Per field, a template over the row's columns: `{product} for {account}`. */
	templates: z.record(z.string(), z.string()).default({}),
	defaults: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
	/** How dates are written (the time, seconds and an offset may follow any of them); `auto` settles each column from its values. See import-dates.ts. */
	dates: z.enum(dateFormats, {message: `must be one of ${dateFormats.join(', ')}`}).default('auto'),
	customer: z.object({column: z.string(), by: z.enum(['name', 'email', 'externalId'])}).optional(),
	/** Links feedback to the ticket imported with this external id. */
	ticket: z.object({column: z.string()}).optional(),
	/** Rows with any of these columns empty are skipped (counted, not rejected): feedback only where a rating was given. */
	requires: z.array(z.string()).default([]),
	/** The id column holds this CRM's own ids (a re-import of its export): new records keep them, so links survive. */
	keepIds: z.boolean().default(false),
	/** Products the catalogue knows: a deal naming another one imports with a warning. */
	catalogue: z.array(z.string()).optional(),
});

export type ImportTarget = z.infer<typeof importTargetSchema>;


export type ImportMapping = {targets: ImportTarget[]};

/** `col=field` pairs from the command line, for a quick import without a mapping file. */
export const mappingFromPairs = (entity: string, pairs: readonly string[], idColumn: string): ImportMapping => {
	const columns: Record<string, string> = {};
	for (const pair of pairs) {
		const [column, field] = pair.split('=');
		if (!column || !field) throw new ImportError(`--map ${pair}: write column=field, like --map "Deal Name=title".`);
		columns[column.trim()] = field.trim();
	}
	return {targets: [importTargetSchema.parse({entity, id: idColumn, columns})]};
};

/** Parses a mapping file's JSON, naming the field of any mistake. */
export const parseMapping = (file: string, raw: unknown): ImportMapping => {
	// Validated against the form it has (several targets, or one), so the message names the real field.
	const several = raw !== null && typeof raw === 'object' && 'targets' in raw;
	const result = (several ? z.object({targets: z.array(importTargetSchema).min(1, 'must list at least one target')}) : importTargetSchema.transform((target) => ({targets: [target]}))).safeParse(raw);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		throw new ImportError(`The mapping ${file}: field "${issue.path.join('.')}" ${issue.message}.`);
	}
	return result.data;
};

/** Our own bookkeeping fields: the importing store assigns them (a source id becomes the upsert key instead). */
const bookkeeping = new Set(['id', 'version', 'updatedAt']);

/** A CSV written by `crm export` (or `:export`): it carries our ids and versions. */
export const isOwnExport = (headers: readonly string[]): boolean => headers.includes('id') && headers.includes('version');

/**
 * The column that identifies a row when no mapping names one: with `col=field` pairs, `externalId`;
 * otherwise our own id in our export, else `externalId`, else a plain `id`.
 */
export const defaultIdColumn = (headers: readonly string[], pairs: readonly string[] = []): string | undefined => {
	if (pairs.length > 0) return headers.includes('externalId') ? 'externalId' : undefined;
	return isOwnExport(headers) ? 'id' : headers.includes('externalId') ? 'externalId' : headers.includes('id') ? 'id' : undefined;
};

/**
 * The mapping without a mapping file: `col=field` pairs, or else every column named like one of our
 * fields maps itself. A file exported by crm keeps its ids and links (customerId, ticketId) when it comes back.
 */
export const mappingByColumnNames = (entity: string, headers: readonly string[], pairs: readonly string[] = [], idColumn?: string): ImportMapping => {
	if (!(entityNames as readonly string[]).includes(entity)) throw new ImportError(`${entity} is not something to import: use ${entityNames.join(', ')}.`);
	const ownExport = pairs.length === 0 && isOwnExport(headers);
	const id = idColumn ?? defaultIdColumn(headers, pairs);
	if (!id) throw new ImportError('say which column identifies a row (it makes a second import update instead of duplicating).');
	// Columns that are none of the entity's fields (a source's own reference, a note column) are left out, not guessed at.
	const fields = new Set(['externalId', ...Object.keys((entityFieldSchemas[entity as EntityName] as unknown as {shape: Record<string, unknown>}).shape)]);
	const chosen = pairs.length > 0 ? pairs : headers.filter((header) => !bookkeeping.has(header) && fields.has(header)).map((header) => `${header}=${header}`);
	const mapping = mappingFromPairs(entity as EntityName, chosen.filter((pair) => !(ownExport && pair.startsWith('externalId='))), id);
	return ownExport ? {targets: mapping.targets.map((target) => ({...target, keepIds: true}))} : mapping;
};

/** Every column a mapping reads: what a CSV must have for the mapping to fit it. */
export const mappingColumns = (mapping: ImportMapping): string[] => {
	const columns = new Set<string>();
	const templateColumns = (template: string) => {
		for (const match of template.matchAll(/\{([^}|]+)(?:\|[^}]*)?\}/g)) columns.add(match[1]!);
	};
	for (const target of mapping.targets) {
		if (target.id.includes('{')) templateColumns(target.id);
		else columns.add(target.id);
		for (const column of Object.keys(target.columns)) columns.add(column);
		for (const template of Object.values(target.templates)) templateColumns(template);
		if (target.customer) columns.add(target.customer.column);
		if (target.ticket) columns.add(target.ticket.column);
		for (const column of target.requires) columns.add(column);
	}
	return [...columns];
};
