import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {accessSettingsSchema} from './access.js';
import {parseDay} from './date-input.js';
import {kpiIds} from './kpi-ids.js';
import {currencyCode, moneyAmount, type Rates} from './money.js';
import {shippedRequirements} from './requirements.js';
import {costKey, costLines, costsInForce, roiSettingsSchema} from './roi-costs.js';
import {targetOutOfRange} from './target-ranges.js';
import {defaultSlaHours} from './ticket.js';

const hours = z
	.number({error: () => t('cli.schema.hours')})
	.positive({error: () => t('cli.schema.positive')})
	.max(24 * 365, {error: () => t('cli.schema.atMostYear')});

export const targetSchema = z.object({
	value: z.number({error: () => t('cli.schema.number')}),
	direction: z.enum(['higher', 'lower'], {error: () => t('cli.schema.direction')}),
	tolerance: z
		.number()
		.min(0, {error: () => t('cli.schema.notNegative')})
		.default(0),
});

export type Target = z.infer<typeof targetSchema>;

/** A target of one KPI: its value within the KPI's scale where that is bounded (target-ranges.ts). */
export const targetSchemaFor = (id: (typeof kpiIds)[number]) =>
	targetSchema.superRefine((target, context) => {
		const refusal = targetOutOfRange(id, target.value);
		if (refusal) context.addIssue({code: 'custom', path: ['value'], message: refusal});
	});

/**
 * Per month for counts and sums (revenue, deals, customers, tickets, orders, marketing cost, leads):
 * a quarter's target is three times it. Money is in the base currency.
 */
const defaultTargets: Record<(typeof kpiIds)[number], Target> = {
	revenue_won: {value: 600_000, direction: 'higher', tolerance: 60_000},
	deals_won: {value: 25, direction: 'higher', tolerance: 3},
	sales_growth: {value: 0.05, direction: 'higher', tolerance: 0.05},
	win_rate: {value: 0.45, direction: 'higher', tolerance: 0.05},
	avg_deal_size: {value: 25_000, direction: 'higher', tolerance: 5_000},
	sales_cycle_days: {value: 40, direction: 'lower', tolerance: 5},
	pipeline_open: {value: 2_000_000, direction: 'higher', tolerance: 250_000},
	pipeline_weighted: {value: 800_000, direction: 'higher', tolerance: 100_000},
	new_customers: {value: 15, direction: 'higher', tolerance: 3},
	churn_rate: {value: 0.01, direction: 'lower', tolerance: 0.005},
	retention_rate: {value: 0.99, direction: 'higher', tolerance: 0.005},
	tickets_opened: {value: 80, direction: 'lower', tolerance: 15},
	first_response_hours: {value: 4, direction: 'lower', tolerance: 2},
	resolution_hours: {value: 48, direction: 'lower', tolerance: 12},
	sla_compliance: {value: 0.9, direction: 'higher', tolerance: 0.05},
	backlog: {value: 10, direction: 'lower', tolerance: 5},
	csat: {value: 0.75, direction: 'higher', tolerance: 0.05},
	avg_rating: {value: 4, direction: 'higher', tolerance: 0.3},
	nps: {value: 0, direction: 'higher', tolerance: 10},
	complaint_rate: {value: 0.1, direction: 'lower', tolerance: 0.05},
	follow_up_rate: {value: 0.5, direction: 'higher', tolerance: 0.1},
	orders: {value: 20, direction: 'higher', tolerance: 4},
	order_revenue: {value: 400_000, direction: 'higher', tolerance: 50_000},
	avg_order_value: {value: 20_000, direction: 'higher', tolerance: 4_000},
	repeat_purchase_rate: {value: 0.3, direction: 'higher', tolerance: 0.1},
	marketing_cost: {value: 30_000, direction: 'lower', tolerance: 5_000},
	campaign_leads: {value: 10, direction: 'higher', tolerance: 3},
	cost_per_lead: {value: 3_000, direction: 'lower', tolerance: 1_000},
	lead_conversion: {value: 0.5, direction: 'higher', tolerance: 0.1},
	campaign_revenue: {value: 150_000, direction: 'higher', tolerance: 30_000},
	marketing_roi: {value: 1, direction: 'higher', tolerance: 0.5},
	completeness: {value: 0.95, direction: 'higher', tolerance: 0.05},
	duplicate_rate: {value: 0.01, direction: 'lower', tolerance: 0.01},
	orphan_records: {value: 0, direction: 'lower', tolerance: 5},
	unpriced_records: {value: 0, direction: 'lower', tolerance: 0},
	active_operators: {value: 3, direction: 'higher', tolerance: 1},
	usage_rate: {value: 0.8, direction: 'higher', tolerance: 0.2},
	// 68 is the SUS average (the line between 'below average' and 'good'); three answers a month a small team's habit.
	usability_score: {value: 68, direction: 'higher', tolerance: 5},
	survey_responses: {value: 3, direction: 'higher', tolerance: 1},
	ease_of_use: {value: 4, direction: 'higher', tolerance: 0.5},
	fit_for_work: {value: 4, direction: 'higher', tolerance: 0.5},
	data_accuracy: {value: 4, direction: 'higher', tolerance: 0.5},
	render_ms_p95: {value: 16, direction: 'lower', tolerance: 8},
	save_ms_p95: {value: 20, direction: 'lower', tolerance: 10},
	load_ms: {value: 1000, direction: 'lower', tolerance: 500},
	errors: {value: 0, direction: 'lower', tolerance: 2},
	crash_free_sessions: {value: 0.99, direction: 'higher', tolerance: 0.02},
	save_success_rate: {value: 0.999, direction: 'higher', tolerance: 0.004},
	requirements_coverage: {value: 0.8, direction: 'higher', tolerance: 0.1},
	roi: {value: 1, direction: 'higher', tolerance: 0.5},
	// Of the deals created in a period: nearly all start in prospecting; a quarter to a third are won.
	funnel_prospecting: {value: 0.9, direction: 'higher', tolerance: 0.1},
	funnel_qualification: {value: 0.6, direction: 'higher', tolerance: 0.1},
	funnel_proposal: {value: 0.45, direction: 'higher', tolerance: 0.1},
	funnel_negotiation: {value: 0.35, direction: 'higher', tolerance: 0.1},
	funnel_won: {value: 0.25, direction: 'higher', tolerance: 0.05},
	// Mean days a deal sits in each open stage before it moves on.
	days_in_stage_prospecting: {value: 7, direction: 'lower', tolerance: 3},
	days_in_stage_qualification: {value: 10, direction: 'lower', tolerance: 4},
	days_in_stage_proposal: {value: 14, direction: 'lower', tolerance: 5},
	days_in_stage_negotiation: {value: 14, direction: 'lower', tolerance: 5},
};

/** A day that exists, `2026-03-01`: `2026-02-30` is refused in words (Date.parse took it for March 2). */
const isoDay = z.string().superRefine((day, context) => {
	const found = parseDay(day);
	if (!found.ok) context.addIssue({code: 'custom', message: `${found.message} (found ${JSON.stringify(day)})`});
});

const requirementStatusSchema = z.object({
	status: z.enum(['met', 'partial', 'unmet'], {error: () => t('cli.schema.requirementStatus')}),
	note: z.string().max(500).default(''),
});

/** How the CRM is evaluated: targets, the go-live date and window, ROI inputs, the churn-risk rules, the checklist. */
export const assessmentSettingsSchema = z.object({
	targets: z
		.partialRecord(z.enum(kpiIds, {error: () => t('cli.schema.kpiId')}), targetSchema)
		.superRefine((targets, context) => {
			for (const [id, target] of Object.entries(targets) as Array<[(typeof kpiIds)[number], Target]>) {
				const refusal = targetOutOfRange(id, target.value);
				if (refusal) context.addIssue({code: 'custom', path: [id, 'value'], message: refusal});
			}
		})
		.default({}),
	/** The day the CRM went live: before/after compare the windows around it. */
	goLive: isoDay.nullable().default(null),
	windowMonths: z.number().int().min(1).max(36).default(6),
	/** Periods the revenue forecast fits its trend on. */
	forecastPeriods: z.number().int().min(3).max(36).default(6),
	/** The gross margin and what the CRM costs, by category (roi-costs.ts). */
	roi: roiSettingsSchema,
	churnRisk: z
		.object({
			/** An active customer with nothing logged, sold or asked for this many days. */
			inactiveDays: z.number().int().min(1).default(90),
			/** A rating at or below this in the last `ratingDays` days. */
			lowRating: z.number().int().min(1).max(5).default(2),
			ratingDays: z.number().int().min(1).default(90),
			openUrgentTickets: z.boolean().default(true),
		})
		.default({inactiveDays: 90, lowRating: 2, ratingDays: 90, openUrgentTickets: true}),
	/** Open tickets due within this many hours count as about to breach their SLA. */
	slaWarningHours: z.number().min(0).default(4),
	/** The operator's marks on the shipped checklist, by requirement id. */
	requirements: z.record(z.string(), requirementStatusSchema).default({}),
});

export type AssessmentSettings = z.infer<typeof assessmentSettingsSchema>;

/** A KPI's target: the operator's, else the shipped default. */
export const targetFor = (settings: AssessmentSettings, id: (typeof kpiIds)[number]): Target =>
	settings.targets[id] ?? defaultTargets[id];

/** The checklist with the operator's marks over the shipped ones. */
export const requirementsWithStatus = (settings: AssessmentSettings) =>
	shippedRequirements.map((requirement) => ({...requirement, ...settings.requirements[requirement.id]}));

/** What an organisation tunes: SLA hours per priority, reasons a deal is lost, the currencies it sells in, how the CRM is assessed. */
export const settingsSchema = z.object({
	slaHours: z.object({urgent: hours, high: hours, normal: hours, low: hours}).default(defaultSlaHours),
	lostReasons: z
		.array(z.string().trim().min(1).max(60))
		.min(1, {error: () => t('cli.schema.oneReason')})
		// i18n-exempt: the reasons a new file starts with are data, stored and filtered as they are
		.default(['price', 'competitor', 'no decision', 'timing', 'missing feature', 'budget cut', 'other']),
	wonReasons: z
		.array(z.string().trim().min(1).max(60))
		.min(1, {error: () => t('cli.schema.oneReason')})
		// i18n-exempt: the reasons a new file starts with are data, stored and filtered as they are
		.default(['product fit', 'price', 'relationship', 'timing', 'referral', 'support', 'other']),
	currencies: z
		.array(z.string().regex(/^[A-Z]{3}$/, {error: () => t('cli.schema.currencyCodes')}))
		.min(1)
		.default(['USD', 'EUR', 'GBP', 'JPY', 'CNY', 'KRW']),
	/**
	 * The currency every money figure is in (KPI.md *Money*). Absent in a settings file from before
	 * rates existed: USD is then assumed with no other rates, and the console says so.
	 */
	baseCurrency: currencyCode.optional(),
	/** Base-currency units per one unit of each other currency; a currency without one is left out of money figures. */
	rates: z
		.record(
			currencyCode,
			z
				.number({error: () => t('cli.schema.number')})
				.finite({error: () => t('cli.schema.number')})
				.positive({error: () => t('cli.schema.positive')}),
		)
		.default({}),
	/** What orders sell: a line picks a product by name (and takes its price) or names one freely. */
	products: z
		.array(
			z.object({
				name: z
					.string()
					.trim()
					.min(1, {error: () => t('cli.schema.notEmpty')})
					.max(120, {error: () => t('cli.schema.atMost120')}),
				unitPrice: moneyAmount,
				currency: currencyCode,
			}),
		)
		.default([]),
	assessment: assessmentSettingsSchema.default(() => assessmentSettingsSchema.parse({})),
	/**
	 * When the console offers its usability survey (KPI.md *Operators' experience*): to an operator who
	 * has answered or declined none in the last `offerEveryDays` (0: never offered; `:survey` still opens
	 * it), once they have used the console for `firstAfterDays` (their first session that long ago).
	 */
	survey: z
		.object({
			offerEveryDays: z
				.number({error: () => t('cli.schema.wholeDays')})
				.int({error: () => t('cli.schema.wholeDays')})
				.min(0, {error: () => t('cli.schema.notNegativeNever')})
				.max(365, {error: () => t('cli.schema.atMost365')})
				.default(30),
			firstAfterDays: z
				.number({error: () => t('cli.schema.wholeDays')})
				.int({error: () => t('cli.schema.wholeDays')})
				.min(0, {error: () => t('cli.schema.notNegative')})
				.max(365, {error: () => t('cli.schema.atMost365')})
				.default(7),
		})
		.default({offerEveryDays: 30, firstAfterDays: 7}),
	/** The language the console speaks when neither `--lang` nor `CRM_LANG` says (before the locale's). */
	language: z.enum(['en', 'zh-CN'], {error: () => t('cli.schema.language')}).optional(),
	/**
	 * The owner name records use for an operator, by login (`ada` → `Ada Lovelace`): what "mine" (`@`,
	 * `owner:@me`) looks for. An operator not listed owns the records that name their login as it is.
	 */
	ownerNames: z
		.record(
			z.string().trim().min(1).max(80),
			z
				.string()
				.trim()
				.min(1, {error: () => t('cli.schema.notEmpty')})
				.max(80),
		)
		.default({}),
	/** Who may do what: operators by name → role (see access.ts). Only an admin may change it. */
	access: accessSettingsSchema.default(() => accessSettingsSchema.parse({})),
	/** Rolling backups kept of the data file, one per rewrite of it (crm doctor --restore brings one back). */
	backups: z
		.number({error: () => t('cli.schema.whole')})
		.int({error: () => t('cli.schema.whole')})
		.min(0, {error: () => t('cli.schema.notNegative')})
		.max(1000, {error: () => t('cli.schema.atMost1000')})
		.default(10),
	/** Large files: a save appends to a journal beside the file instead of rewriting it (see store/journal.ts). */
	journal: z
		.object({
			/** Files at least this many bytes journal their saves; smaller ones are rewritten whole at each save, which costs little. */
			fromBytes: z
				.number({error: () => t('cli.schema.bytes')})
				.int({error: () => t('cli.schema.whole')})
				.min(0, {error: () => t('cli.schema.notNegative')})
				.default(4_000_000),
			/** The journal is folded into the file (which is backed up first) once it is this share of the file's size. */
			foldAt: z
				.number({error: () => t('cli.schema.number')})
				.positive({error: () => t('cli.schema.positive')})
				.max(10, {error: () => t('cli.schema.atMost10')})
				.default(0.25),
		})
		.default({fromBytes: 4_000_000, foldAt: 0.25}),
});

export {defaultTargets};

/** The owner name `operator` has on records (KPI.md is silent: the settings' `ownerNames`, else the login itself). */
export const ownerNameOf = (settings: Pick<Settings, 'ownerNames'>, operator: string): string =>
	settings.ownerNames?.[operator] ?? operator;

/** The base currency and rates in force (KPI.md *Money*): USD and no other rates for settings that predate them. */
export const ratesOf = (settings: Pick<Settings, 'baseCurrency' | 'rates'>): Rates => ({
	base: settings.baseCurrency ?? 'USD',
	rates: settings.rates,
});

/** The currencies a form offers: the base first, then the settings' list. */
export const currencyChoices = (settings: Settings): string[] => [
	...new Set([settings.baseCurrency ?? 'USD', ...settings.currencies, ...Object.keys(settings.rates)]),
];

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings = (): Settings => settingsSchema.parse({});

/** The change-log entity of the assessment settings (targets, the checklist, go-live, ROI, SLA hours): not a record, but logged and chained like one. */
export const settingsEntity = 'settings';
export const settingsRecordId = 'set_assessment';

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The ROI costs that went and came, each as one change (`costs.implementation` or `costs.operation`,
 * before: the cost, after: null for a removal, and the other way round), the old figures of a file
 * from before categories read as costs on both sides: their conversion alone changes nothing.
 */
const costChanges = (
	before: Settings,
	after: Settings,
	changes: Array<{after: unknown; before: unknown; field: string}>,
): void => {
	const lines = (settings: Settings) => costLines(costsInForce(settings.assessment.roi, settings.assessment.goLive));
	const was = lines(before);
	const now = lines(after);
	const kept = (list: typeof was, key: string) => list.some((line) => costKey(line) === key);
	for (const line of was)
		if (!kept(now, costKey(line))) changes.push({field: `costs.${line.kind}`, before: line.cost, after: null});
	for (const line of now)
		if (!kept(was, costKey(line))) changes.push({field: `costs.${line.kind}`, before: null, after: line.cost});
};

/**
 * What changed between two settings, field by field, as a change-log entry lists it: each target
 * (as in force: the default where none is set), each checklist mark, go-live, window, ROI and SLA
 * hours; each ROI cost added or removed. (Roles have entries of their own: access.ts.)
 */
export const settingsFieldChanges = (
	before: Settings,
	after: Settings,
): Array<{after: unknown; before: unknown; field: string}> => {
	const changes: Array<{after: unknown; before: unknown; field: string}> = [];
	const add = (field: string, was: unknown, now: unknown) => {
		if (!sameJson(was, now)) changes.push({after: now, before: was, field});
	};
	for (const id of kpiIds) add(`targets.${id}`, targetFor(before.assessment, id), targetFor(after.assessment, id));
	for (const id of new Set([
		...Object.keys(before.assessment.requirements),
		...Object.keys(after.assessment.requirements),
	]))
		add(`requirements.${id}`, before.assessment.requirements[id], after.assessment.requirements[id]);
	add('goLive', before.assessment.goLive, after.assessment.goLive);
	add('windowMonths', before.assessment.windowMonths, after.assessment.windowMonths);
	add('roi.margin', before.assessment.roi.margin, after.assessment.roi.margin);
	costChanges(before, after, changes);
	add('slaHours', before.slaHours, after.slaHours);
	add('baseCurrency', before.baseCurrency ?? null, after.baseCurrency ?? null);
	for (const currency of new Set([...Object.keys(before.rates), ...Object.keys(after.rates)]))
		add(`rates.${currency}`, before.rates[currency] ?? null, after.rates[currency] ?? null);
	add('products', before.products, after.products);
	return changes;
};
