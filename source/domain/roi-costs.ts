import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {parseDay} from './date-input.js';

/**
 * What the CRM costs, by category (KPI.md *Return on investment*): implementation costs are one-off
 * amounts on a day, operating costs an amount per month from a month to an optional last month. Money
 * is in the base currency. `uncategorised` is the category of the two figures kept before categories
 * existed (see `legacyCosts`): a line of it is read back as typed, so the form can keep it, but the
 * categories a refusal offers are the nine below.
 */
// i18n-exempt: categories are stored values, typed as they are in any language
export const implementationCategories = ['software', 'hardware', 'deployment', 'training', 'data migration'] as const;
export const operatingCategories = ['maintenance', 'upgrades', 'support', 'hosting'] as const;
export const uncategorised = 'uncategorised';

export type ImplementationCategory = (typeof implementationCategories)[number] | typeof uncategorised;
export type OperatingCategory = (typeof operatingCategories)[number] | typeof uncategorised;

export type ImplementationCost = {category: ImplementationCategory; date: string; amount: number; note: string};
/** `to` is the last month it is paid in, inclusive; null: still paid. */
export type OperatingCost = {
	category: OperatingCategory;
	from: string;
	to: string | null;
	amount: number;
	note: string;
};

export type CostLine = {kind: 'implementation'; cost: ImplementationCost} | {kind: 'operation'; cost: OperatingCost};

/** A month written `2026-03` that exists (years 1970–9999), or why not. */
export const readMonth = (text: string, short = false): {ok: true; index: number} | {ok: false; message: string} => {
	const match = /^(\d{4})-(\d{2})$/.exec(text);
	if (!match) return {ok: false, message: t('domain.field.month')};
	const day = parseDay(`${text}-01`, short);
	if (!day.ok) return {ok: false, message: day.message};
	return {ok: true, index: Number(match[1]) * 12 + Number(match[2]) - 1};
};

/** The month `index` (year × 12 + month − 1) as `2026-03`. */
export const monthText = (index: number): string =>
	`${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

const amount = z.number({error: () => t('domain.field.number')}).min(0, {error: () => t('domain.field.notNegative')});
const note = z
	.string({error: () => t('domain.field.text')})
	.max(200, {error: () => t('domain.field.atMostCharacters', {max: 200})})
	.default('');
const day = z.string({error: () => t('domain.field.day')}).superRefine((text, context) => {
	const found = parseDay(text);
	if (!found.ok)
		context.addIssue({
			code: 'custom',
			message: t('domain.field.found', {problem: found.message, value: JSON.stringify(text)}),
		});
});
const month = z.string({error: () => t('domain.field.month')}).superRefine((text, context) => {
	const found = readMonth(text);
	if (!found.ok)
		context.addIssue({
			code: 'custom',
			message: t('domain.field.found', {problem: found.message, value: JSON.stringify(text)}),
		});
});

const implementationCostSchema = z.object({
	category: z.enum([...implementationCategories, uncategorised], {
		error: () => t('domain.field.oneOf', {values: implementationCategories.join(', ')}),
	}),
	date: day,
	amount,
	note,
});

const operatingCostSchema = z
	.object({
		category: z.enum([...operatingCategories, uncategorised], {
			error: () => t('domain.field.oneOf', {values: operatingCategories.join(', ')}),
		}),
		from: month,
		to: month.nullable().default(null),
		amount,
		note,
	})
	.superRefine((cost, context) => {
		if (cost.to !== null && cost.to < cost.from)
			context.addIssue({code: 'custom', path: ['to'], message: t('domain.cost.notBefore', {from: cost.from})});
	});

/** `— implementation cost 2 (training): …`: a cost of a list named in a refusal. */
const costEntry = (
	kind: 'implementation' | 'operating',
	named: boolean,
	words: {number: number; category: string; problem: string},
): string => {
	if (kind === 'implementation')
		return named ? t('domain.cost.implementationEntryNamed', words) : t('domain.cost.implementationEntry', words);
	return named ? t('domain.cost.operatingEntryNamed', words) : t('domain.cost.operatingEntry', words);
};

/**
 * A list of costs whose refusal names the cost and its field, as an operator counts them:
 * `implementation cost 2 (training): date must be a day like 2026-03-01`. Nothing of a list with
 * one bad cost is taken.
 */
const costList = <S extends z.ZodType>(kind: 'implementation' | 'operating', entry: S) =>
	z
		.array(z.unknown(), {
			error: () => (kind === 'implementation' ? t('domain.cost.implementationList') : t('domain.cost.operatingList')),
		})
		.superRefine((items, context) => {
			items.forEach((item, index) => {
				const result = entry.safeParse(item);
				if (result.success) return;
				const issue = result.error.issues[0]!;
				const category = (item as {category?: unknown} | null)?.category;
				const named = typeof category === 'string' && category !== '';
				const field = issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
				const words = {number: index + 1, category: String(category), problem: `${field}${issue.message}`};
				context.addIssue({code: 'custom', path: [index], message: costEntry(kind, named, words)});
			});
		})
		.transform((items) => items.map((item) => entry.parse(item) as z.output<S>));

/** `assessment.roi` of the settings: the gross margin and the costs; `oneOffCost`/`monthlyCost` only in files from before categories. */
export const roiSettingsSchema = z
	.object({
		margin: z.number().min(0).max(1).default(0.3),
		implementation: costList('implementation', implementationCostSchema).default([]),
		operation: costList('operating', operatingCostSchema).default([]),
		/** Before categories: one sum for introducing the CRM. Read by `costsInForce`, converted when costs are next saved. */
		oneOffCost: amount.optional(),
		/** Before categories: one sum per month for running it. */
		monthlyCost: amount.optional(),
	})
	.default({margin: 0.3, implementation: [], operation: []});

export type RoiSettings = z.infer<typeof roiSettingsSchema>;

export type CostsInForce = {implementation: ImplementationCost[]; operation: OperatingCost[]};

/**
 * The two figures of a file from before categories, as costs. Settings files held
 * `roi: {margin, oneOffCost, monthlyCost}` only where an operator saved the old general form (the
 * shipped defaults were never written). So nothing is lost and the answer does not depend on when it
 * is asked: the one-off cost is read as an implementation cost dated at go-live, the monthly cost as
 * an operating cost from go-live's month with no end, both `uncategorised`. An amount of 0 is no
 * cost. Without a go-live they cannot be dated: they are left out (ROI needs a go-live anyway) and
 * `undatedLegacy` says so. The next save of the costs writes them into the lists this way and drops
 * the two old fields (store/settings-file.ts); without a go-live then, the old fields stay as they are.
 */
export const legacyCosts = (roi: RoiSettings, goLive: string | null): CostsInForce => {
	if (goLive === null) return {implementation: [], operation: []};
	const implementation: ImplementationCost[] =
		roi.oneOffCost && roi.oneOffCost > 0
			? [
					{
						category: uncategorised,
						date: goLive,
						amount: roi.oneOffCost,
						// i18n-exempt: stored in the settings when the costs are next saved
						note: 'one-off cost from before categories',
					},
				]
			: [];
	const operation: OperatingCost[] =
		roi.monthlyCost && roi.monthlyCost > 0
			? [
					{
						category: uncategorised,
						from: goLive.slice(0, 7),
						to: null,
						amount: roi.monthlyCost,
						// i18n-exempt: stored in the settings when the costs are next saved
						note: 'monthly cost from before categories',
					},
				]
			: [];
	return {implementation, operation};
};

/** Whether the settings hold old figures that cannot be dated (no go-live). */
export const undatedLegacy = (roi: RoiSettings, goLive: string | null): boolean =>
	goLive === null && ((roi.oneOffCost ?? 0) > 0 || (roi.monthlyCost ?? 0) > 0);

/** Every cost in force: the lists, after the old figures read as costs (`legacyCosts`). */
export const costsInForce = (roi: RoiSettings, goLive: string | null): CostsInForce => {
	const legacy = legacyCosts(roi, goLive);
	return {
		implementation: [...legacy.implementation, ...roi.implementation],
		operation: [...legacy.operation, ...roi.operation],
	};
};

/** The costs in force as lines, implementation first: the numbering of `crm settings costs` and the form. */
export const costLines = (costs: CostsInForce): CostLine[] => [
	...costs.implementation.map((cost): CostLine => ({kind: 'implementation', cost})),
	...costs.operation.map((cost): CostLine => ({kind: 'operation', cost})),
];

/** One identity per cost, whatever order its fields were written in: what a removal matches. */
export const costKey = (line: CostLine): string =>
	line.kind === 'implementation'
		? JSON.stringify(['implementation', line.cost.category, line.cost.date, line.cost.amount, line.cost.note])
		: JSON.stringify([
				'operation',
				line.cost.category,
				line.cost.from,
				line.cost.to ?? null,
				line.cost.amount,
				line.cost.note,
			]);
