import {findNodeAtLocation, parseTree} from 'jsonc-parser';
import {z} from 'zod';
import {t} from '../../i18n/i18n.js';
import {type EntityName, entityFieldSchemas, entityNames} from '../dataset.js';
import {dateFormats} from './import-dates.js';
import {ImportError} from './import-error.js';

/**
 * How the rows of one CSV become records of one entity: which column is which field, how values
 * translate (`Won` → `won`), how dates are written, how the related customer is found, and what the
 * row's id in the other system is (the upsert key, kept as `externalId`).
 */
export const importTargetSchema = z.object({
	entity: z.enum(entityNames, {error: () => t('domain.import.entityMust', {values: entityNames.join(', ')})}),
	/** The row's id in the source system: a column name or a template like `{Customer_Email}`; lower-cased with `lower`. */
	id: z.string().min(1, {error: () => t('domain.import.idColumn')}),
	lowerId: z.boolean().default(false),
	columns: z.record(z.string(), z.string()).default({}),
	/** Per field, source value → our value (matched ignoring case). */
	values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
	/**
	 * Per field, the value a source value not in `values` becomes, with a warning on its row (a ticket
	 * type the export has and the console has not): without one, such a row is rejected.
	 */
	fallbacks: z.record(z.string(), z.string()).default({}),
	/** Per field, a template over the row's columns: `{product} for {account}`. */
	templates: z.record(z.string(), z.string()).default({}),
	/** Per field, a value for a new record whose row leaves it empty; never written over a value of an existing record. */
	defaults: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
	/** Per field, a value written on every row, new record or not (a source known to be the truth for that field). */
	set: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
	/** How dates are written (the time, seconds and an offset may follow any of them); `auto` settles each column from its values. See import-dates.ts. */
	dates: z.enum(dateFormats, {error: () => t('domain.field.oneOf', {values: dateFormats.join(', ')})}).default('auto'),
	customer: z.object({column: z.string(), by: z.enum(['name', 'email', 'externalId'])}).optional(),
	/** The campaign that acquired a customer or deal (KPI.md *acquired by*), found by its name or external id. */
	campaign: z.object({column: z.string(), by: z.enum(['name', 'externalId'])}).optional(),
	/** The deal an order follows, found by its external id or title. */
	opportunity: z.object({column: z.string(), by: z.enum(['externalId', 'title'])}).optional(),
	/**
	 * An order's line from columns: the product (a name, kept as written), quantity (1 when absent or
	 * empty), unit price and discount (a share 0–1, or a percentage like 10%). Without it, an order's
	 * `amount` column becomes a single line of that amount.
	 */
	line: z
		.object({
			product: z.string().optional(),
			quantity: z.string().optional(),
			unitPrice: z.string(),
			discount: z.string().optional(),
		})
		.optional(),
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

/** Where a mapping came from, to name the line (a file's) or the argument (`--map`, `--id`) of a mistake. */
export type MappingSource =
	| {file: string; lineOf: (path: ReadonlyArray<string | number>) => number | undefined}
	| {pairs: readonly string[]; idColumn: string};

export type ImportMapping = {targets: ImportTarget[]; source?: MappingSource};

/** `col=field` pairs from the command line, for a quick import without a mapping file. */
export const mappingFromPairs = (entity: string, pairs: readonly string[], idColumn: string): ImportMapping => {
	const columns: Record<string, string> = {};
	for (const pair of pairs) {
		const [column, field] = pair.split('=');
		if (!column || !field) throw new ImportError(t('domain.import.mapPair', {pair}));
		columns[column.trim()] = field.trim();
	}
	return {targets: [importTargetSchema.parse({entity, id: idColumn, columns})], source: {pairs, idColumn}};
};

/** The line (from 1) of the value at `path` in a JSON text, or undefined where there is none. */
const lineFinder = (text: string | undefined) => {
	const tree = text === undefined ? undefined : parseTree(text);
	return (path: ReadonlyArray<string | number>): number | undefined => {
		// The deepest part of the path the text has: a missing key is named by the object that lacks it.
		for (let length = path.length; tree && length >= 0; length--) {
			const node = findNodeAtLocation(tree, path.slice(0, length) as Array<string | number>);
			// A key's line is where its name is written (its parent, a property, starts there).
			const at = node?.parent?.type === 'property' ? node.parent.offset : node?.offset;
			if (at !== undefined) return text!.slice(0, at).split('\n').length;
		}
		return undefined;
	};
};

/** Parses a mapping file's JSON (`text`, to name lines), naming the field of any mistake. */
export const parseMapping = (file: string, raw: unknown, text?: string): ImportMapping => {
	// Validated against the form it has (several targets, or one), so the message names the real field.
	const several = raw !== null && typeof raw === 'object' && 'targets' in raw;
	const lineOf = lineFinder(text);
	const result = (
		several
			? z.object({targets: z.array(importTargetSchema).min(1, {error: () => t('domain.import.oneTarget')})})
			: importTargetSchema.transform((target) => ({targets: [target]}))
	).safeParse(raw);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		const line = lineOf(issue.path as Array<string | number>);
		const words = {file, line: line ?? '', field: issue.path.join('.'), problem: issue.message};
		throw new ImportError(line ? t('domain.import.mappingFieldAt', words) : t('domain.import.mappingField', words));
	}
	// Paths of a mapping of one target are the target's own.
	return {...result.data, source: {file, lineOf: (path) => lineOf(several ? ['targets', ...path] : path.slice(1))}};
};

/** Fields crm keeps for itself: an import never writes them (a source's id becomes `externalId`). */
const ownFields = new Set(['id', 'version', 'updatedAt']);

/** The fields of an entity an import may fill. */
export const importableFields = (entity: EntityName): string[] =>
	[
		'externalId',
		...Object.keys((entityFieldSchemas[entity] as unknown as {shape: Record<string, unknown>}).shape),
	].filter((field, index, all) => !ownFields.has(field) && all.indexOf(field) === index);

const templateColumns = (template: string): string[] =>
	[...template.matchAll(/\{([^}|]+)(?:\|[^}]*)?\}/g)].map((match) => match[1]!);

/**
 * Refuses, before any row is read, a mapping that does not fit the file: a field the entity does
 * not have (its data would be dropped), or a column the CSV lacks (every row would miss it). The
 * message names the mapping's line (or the `--map`/`--id` argument) and lists what there is.
 */
export const checkMappingFits = (mapping: ImportMapping, headers: readonly string[], csvName: string): void => {
	const source = mapping.source;
	const where = (path: ReadonlyArray<string | number>, argument: string): string => {
		if (!source) return t('domain.import.where');
		if ('pairs' in source) return argument;
		const line = source.lineOf(path);
		return line
			? t('domain.import.whereFileAt', {file: source.file, line})
			: t('domain.import.whereFile', {file: source.file});
	};
	const present = new Set(headers);
	const list = (names: readonly string[]) => names.map((name) => `“${name}”`).join(', ');
	for (const [index, target] of mapping.targets.entries()) {
		const fields = importableFields(target.entity);
		const known = new Set(fields);
		const field = (name: string, path: Array<string | number>, argument: string) => {
			if (known.has(name)) return;
			const reason = ownFields.has(name)
				? t('domain.import.ownField', {field: name})
				: t('domain.import.notAField', {field: name, entity: target.entity});
			throw new ImportError(
				t('domain.import.fieldsAre', {where: where([index, ...path], argument), reason, fields: fields.join(', ')}),
			);
		};
		const column = (name: string, path: Array<string | number>, argument: string) => {
			if (present.has(name)) return;
			throw new ImportError(
				t('domain.import.noColumn', {
					where: where([index, ...path], argument),
					csv: csvName,
					column: name,
					columns: list(headers),
				}),
			);
		};
		for (const [name, to] of Object.entries(target.columns)) field(to, ['columns', name], `--map "${name}=${to}"`);
		for (const group of ['templates', 'defaults', 'set', 'values', 'fallbacks'] as const)
			for (const name of Object.keys(target[group])) field(name, [group, name], `--map ${name}`);
		const idColumns = target.id.includes('{') ? templateColumns(target.id) : [target.id];
		for (const name of idColumns) column(name, ['id'], `--id ${name}`);
		for (const name of Object.keys(target.columns))
			column(name, ['columns', name], `--map "${name}=${target.columns[name]}"`);
		for (const [name, template] of Object.entries(target.templates))
			for (const used of templateColumns(template))
				column(used, ['templates', name], t('domain.import.templateOf', {field: name}));
		linkedOnly(target, index, where);
		if (target.customer) column(target.customer.column, ['customer', 'column'], 'customer');
		if (target.campaign) column(target.campaign.column, ['campaign', 'column'], 'campaign');
		if (target.opportunity) column(target.opportunity.column, ['opportunity', 'column'], 'opportunity');
		for (const [part, name] of Object.entries(target.line ?? {})) column(name, ['line', part], 'line');
		if (target.ticket) column(target.ticket.column, ['ticket', 'column'], 'ticket');
		for (const [position, name] of target.requires.entries()) column(name, ['requires', position], 'requires');
	}
};

/** A campaign only for customers and deals, a deal and lines only for orders: elsewhere they would be dropped, so they are refused. */
const linkedOnly = (
	target: ImportTarget,
	index: number,
	where: (path: ReadonlyArray<string | number>, argument: string) => string,
): void => {
	const allowed: Array<[keyof ImportTarget, readonly EntityName[]]> = [
		['campaign', ['customers', 'opportunities']],
		['opportunity', ['orders']],
		['line', ['orders']],
	];
	for (const [key, entities] of allowed) {
		if (target[key] === undefined || entities.includes(target.entity)) continue;
		const words = {where: where([index, key], key), key, entity: target.entity};
		throw new ImportError(
			key === 'campaign'
				? t('domain.import.campaignFor', words)
				: key === 'opportunity'
					? t('domain.import.dealFor', words)
					: t('domain.import.linesFor', words),
		);
	}
};

/** Our own bookkeeping fields: the importing store assigns them (a source id becomes the upsert key instead). */
const bookkeeping = new Set(['id', 'version', 'updatedAt']);

/** A CSV written by `crm export` (or `:export`): it carries our ids and versions. */
export const isOwnExport = (headers: readonly string[]): boolean =>
	headers.includes('id') && headers.includes('version');

/**
 * The column that identifies a row when no mapping names one: with `col=field` pairs, `externalId`;
 * otherwise our own id in our export, else `externalId`, else a plain `id`.
 */
export const defaultIdColumn = (headers: readonly string[], pairs: readonly string[] = []): string | undefined => {
	if (pairs.length > 0) return headers.includes('externalId') ? 'externalId' : undefined;
	return isOwnExport(headers)
		? 'id'
		: headers.includes('externalId')
			? 'externalId'
			: headers.includes('id')
				? 'id'
				: undefined;
};

/**
 * The mapping without a mapping file: `col=field` pairs, or else every column named like one of our
 * fields maps itself. A file exported by crm keeps its ids and links (customerId, ticketId) when it comes back.
 */
export const mappingByColumnNames = (
	entity: string,
	headers: readonly string[],
	pairs: readonly string[] = [],
	idColumn?: string,
): ImportMapping => {
	if (!(entityNames as readonly string[]).includes(entity))
		throw new ImportError(t('domain.import.notImportable', {entity, entities: entityNames.join(', ')}));
	const ownExport = pairs.length === 0 && isOwnExport(headers);
	const id = idColumn ?? defaultIdColumn(headers, pairs);
	if (!id) throw new ImportError(t('domain.import.sayIdColumn'));
	// Columns that are none of the entity's fields (a source's own reference, a note column) are left out, not guessed at.
	const fields = new Set([
		'externalId',
		...Object.keys((entityFieldSchemas[entity as EntityName] as unknown as {shape: Record<string, unknown>}).shape),
	]);
	const chosen =
		pairs.length > 0
			? pairs
			: headers
					.filter((header) => !bookkeeping.has(header) && fields.has(header))
					.map((header) => `${header}=${header}`);
	const mapping = mappingFromPairs(
		entity as EntityName,
		chosen.filter((pair) => !(ownExport && pair.startsWith('externalId='))),
		id,
	);
	return ownExport ? {...mapping, targets: mapping.targets.map((target) => ({...target, keepIds: true}))} : mapping;
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
		for (const link of [target.customer, target.ticket, target.campaign, target.opportunity])
			if (link) columns.add(link.column);
		for (const column of Object.values(target.line ?? {})) columns.add(column);
		for (const column of target.requires) columns.add(column);
	}
	return [...columns];
};
