import type {StoredEntity} from '../../domain/dataset.js';
import type {Settings} from '../../domain/settings.js';

/**
 * How a field is typed: free text, one of a list (←/→ or the first letter), a date (`today`,
 * `+3d`, `2026-03-01`), an amount (`12,500.50`), a percentage, a record picked by typing its name
 * (a customer, a campaign, a deal: a searchable picker), tags (comma-separated), or an order line
 * (`2 x Seat licence @ 1,200 -10%`; key `lines.N`, one field per line).
 */
export type FieldKind =
	| 'text'
	| 'enum'
	| 'date'
	| 'money'
	| 'percent'
	| 'customer'
	| 'campaign'
	| 'deal'
	| 'tags'
	| 'line'
	| 'rating';

/** The kinds picked from a searchable list of records. */
export const pickedKinds: ReadonlySet<FieldKind> = new Set(['customer', 'campaign', 'deal']);

export type FormField = {
	key: string;
	label: string;
	kind: FieldKind;
	/** Enum options; '' is shown as — and means "none". */
	options?: (settings: Settings) => readonly string[];
	/** Enum values stored as numbers (ratings, NPS). */
	numeric?: boolean;
	/** Must be filled in this form even where the stored record may be empty. */
	required?: boolean;
	/** What a missing choice is called in its error ("choose a reason"), where the label is no noun ("Lost because"). */
	choose?: string;
	hint?: string;
	/** An amount left blank is 0 (a campaign's budget and cost), instead of refused as empty. */
	blankIsZero?: boolean;
	/** An amount left blank is none (null): a currency without a rate. */
	blankIsNone?: boolean;
	/** Shown only when this returns true for the values typed so far. */
	visible?: (values: Readonly<Record<string, string>>) => boolean;
};

export type FormDefinition = {
	/** The record kind it creates or edits; null for a settings form (a target). */
	entity: StoredEntity | null;
	/** Checks the values of a settings form (record forms use their entity's schema). */
	schema?: import('zod').ZodType;
	noun: string;
	fields: FormField[];
	/** The status line once saved, where it says more than "Saved <noun> “<label>”." (the survey's score). */
	savedNotice?: (values: Record<string, unknown>) => string;
	/** Starting values of a new record; `operator` owns what they create. */
	defaults: (settings: Settings, operator: string) => Record<string, string>;
};

/**
 * A field whose label and hint are words in the language in force: the definitions are made at
 * import and the language is chosen after it (and changed by `:lang`), so both are getters, read
 * when the form is drawn or checked.
 */
export const formField = (
	spec: Omit<FormField, 'label' | 'hint'>,
	label: () => string,
	hint?: () => string,
): FormField =>
	Object.defineProperties(spec as FormField, {
		label: {get: label, enumerable: true},
		...(hint ? {hint: {get: hint, enumerable: true}} : {}),
	});
