import {z} from 'zod';
import {targetSchemaFor} from '../../domain/settings.js';
import {targetRanges} from '../../domain/target-ranges.js';
import {t} from '../../i18n/i18n.js';
import {type FormDefinition, formField} from './form-field.js';

/** A KPI's target's hint: its scale, or how it is counted. */
const targetHint = (id: Parameters<typeof targetSchemaFor>[0], perMonth: boolean, share: boolean): string => {
	const scale = targetRanges[id];
	if (share) return scale ? t('lists.hint.shareRange') : t('lists.hint.share');
	if (scale) return t('lists.hint.range', {min: scale.min, max: scale.max});
	return perMonth ? t('lists.hint.perMonth') : t('lists.hint.unit');
};

/** A KPI's target, edited from the assessment screen; counts and sums are per month. */
export const targetForm = (
	id: Parameters<typeof targetSchemaFor>[0],
	label: string,
	perMonth: boolean,
	share: boolean,
): FormDefinition => ({
	entity: null,
	schema: targetSchemaFor(id),
	get noun() {
		return perMonth ? t('lists.noun.targetPerMonth', {label}) : t('lists.noun.target', {label});
	},
	fields: [
		formField(
			{key: 'value', kind: 'money'},
			() => t('lists.field.target'),
			() => targetHint(id, perMonth, share),
		),
		formField({key: 'direction', kind: 'enum', options: () => ['higher', 'lower']}, () => t('lists.field.betterWhen')),
		formField(
			{key: 'tolerance', kind: 'money'},
			() => t('lists.field.tolerance'),
			() => t('lists.hint.tolerance'),
		),
	],
	defaults: () => ({}),
});

/** A refusal in the language in force when the value is checked (zod calls it then), not when the schema was made. */
const refusal = (words: () => string) => ({error: words});
const hours = refusal(() => t('lists.error.hours'));
const months = refusal(() => t('lists.error.months'));
const margin = refusal(() => t('lists.error.margin'));
const slaField = (key: string, label: () => string, hint?: () => string) =>
	formField({key, kind: 'money'}, label, hint);

/** What the assessment compares and the margin ROI takes (its costs have their own form: costs-form.ts); the SLA hours of each priority. */
export const generalSettingsForm: FormDefinition = {
	entity: null,
	schema: z.object({
		goLive: z.string().nullable(),
		windowMonths: z
			.number()
			.int(refusal(() => t('lists.error.wholeMonths')))
			.min(1, months)
			.max(36, months),
		margin: z.number().min(0, margin).max(1, margin),
		slaUrgent: z.number().positive(hours),
		slaHigh: z.number().positive(hours),
		slaNormal: z.number().positive(hours),
		slaLow: z.number().positive(hours),
	}),
	get noun() {
		return t('lists.noun.assessmentSettings');
	},
	fields: [
		formField(
			{key: 'goLive', kind: 'date'},
			() => t('lists.field.goLive'),
			() => t('lists.hint.goLive'),
		),
		formField(
			{key: 'windowMonths', kind: 'money'},
			() => t('lists.field.windowMonths'),
			() => t('lists.hint.windowMonths'),
		),
		formField(
			{key: 'margin', kind: 'percent'},
			() => t('lists.field.grossMargin'),
			() => t('lists.hint.margin'),
		),
		slaField(
			'slaUrgent',
			() => t('lists.field.slaUrgent'),
			() => t('lists.hint.sla'),
		),
		slaField('slaHigh', () => t('lists.field.slaHigh')),
		slaField('slaNormal', () => t('lists.field.slaNormal')),
		slaField('slaLow', () => t('lists.field.slaLow')),
	],
	defaults: () => ({}),
};
