import {readFile} from 'node:fs/promises';
import {z} from 'zod';
import {ImportError} from './csv-file.js';

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
	dates: z.enum(['auto', 'M/D/YYYY', 'D/M/YYYY', 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm'], {message: 'must be auto, M/D/YYYY, D/M/YYYY, YYYY-MM-DD or YYYY-MM-DD HH:mm'}).default('auto'),
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

export const importMappingSchema = z.union([z.object({targets: z.array(importTargetSchema).min(1)}), importTargetSchema.transform((target) => ({targets: [target]}))]);

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

/** Reads a JSON mapping file, naming the field of any mistake. */
export const readMapping = async (file: string): Promise<ImportMapping> => {
	let raw: unknown;
	try {
		raw = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		throw new ImportError(`The mapping ${file} cannot be read as JSON: ${(error as Error).message}`);
	}
	const result = importMappingSchema.safeParse(raw);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		throw new ImportError(`The mapping ${file}: field "${issue.path.join('.')}" ${issue.message}.`);
	}
	return result.data;
};
