import {z} from 'zod';
import {costToInput, readCostLine} from '../../domain/cost-line-input.js';
import {type CostLine, costsInForce, undatedLegacy} from '../../domain/roi-costs.js';
import type {Settings} from '../../domain/settings.js';
import {t} from '../../i18n/i18n.js';
import type {SettingsPatch} from '../../store/settings-file.js';
import type {FormDefinition, FormField} from './form-definitions.js';
import {formField} from './form-field.js';

type Kind = CostLine['kind'];

/** Empty lines a kind offers beyond its costs: the next appears as the one before it is filled. */
const spareLines = 12;

const keyOf = (kind: Kind, index: number): string => `${kind}.${index}`;

/** What a line's hint says: the shape of a line, amounts grouped by commas or spaces, and that blank removes it. */
export const oneOffHint = (): string => t('lists.hint.oneOff');
export const monthlyHint = (): string => t('lists.hint.monthly');
export const legacyMonthlyHint = (): string => t('lists.hint.legacyMonthly');

const lineFields = (kind: Kind, count: number, legacy: boolean): FormField[] =>
	Array.from({length: count}, (_, index) =>
		formField(
			{
				key: keyOf(kind, index),
				kind: 'text' as const,
				// The next empty line shows once the one before it is filled.
				visible:
					index === 0
						? undefined
						: (values: Readonly<Record<string, string>>) =>
								(values[keyOf(kind, index)] ?? '') !== '' || (values[keyOf(kind, index - 1)] ?? '').trim() !== '',
			},
			() =>
				kind === 'implementation' ? t('lists.field.oneOff', {n: index + 1}) : t('lists.field.monthly', {n: index + 1}),
			// Within the form's value column at 80 columns; a category mistyped lists the categories in its refusal.
			kind === 'implementation' ? oneOffHint : legacy ? legacyMonthlyHint : monthlyHint,
		),
	);

/** A line is checked as the store would take it, its refusal shown at its field. */
const lineSchema = (kind: Kind) =>
	z
		.string()
		.optional()
		.superRefine((text, context) => {
			// A line of spaces is blank: it removes its cost (costsPatch), it is no error.
			if (!text?.trim()) return;
			const reading = readCostLine(text, kind);
			if (!reading.ok) context.addIssue({code: 'custom', message: reading.message});
		});

/** What the form opened with: the costs in force, each at its field (`fixed.costs`), the base of what a save changes. */
export type OpenedCosts = {costs: Record<string, CostLine>};

/**
 * The ROI costs as a form (KPI.md *Return on investment*): one text line per cost, implementation
 * costs `2026-03-01 software 45,000 Licences` first, then operating costs `2026-03.. hosting 300 VM`,
 * as order lines are typed. Its texts and the costs behind them, for `openNewForm`.
 */
export const costsForm = (
	settings: Settings,
): {definition: FormDefinition; texts: Record<string, string>; fixed: OpenedCosts} => {
	const {roi, goLive} = settings.assessment;
	const inForce = costsInForce(roi, goLive);
	const lines = {
		implementation: inForce.implementation.map((cost): CostLine => ({kind: 'implementation', cost})),
		operation: inForce.operation.map((cost): CostLine => ({kind: 'operation', cost})),
	};
	const texts: Record<string, string> = {};
	const costs: Record<string, CostLine> = {};
	for (const kind of ['implementation', 'operation'] as const)
		lines[kind].forEach((line, index) => {
			texts[keyOf(kind, index)] = costToInput(line);
			costs[keyOf(kind, index)] = line;
		});
	const fields = [
		...lineFields('implementation', lines.implementation.length + spareLines, false),
		...lineFields('operation', lines.operation.length + spareLines, undatedLegacy(roi, goLive)),
	];
	return {
		definition: {
			entity: null,
			schema: z.object(
				Object.fromEntries(fields.map((field) => [field.key, lineSchema(field.key.split('.')[0] as Kind)])),
			),
			get noun() {
				return t('lists.noun.roiCosts');
			},
			fields,
			defaults: () => ({}),
		},
		texts,
		fixed: {costs},
	};
};

/**
 * The patch of a save: a line left as it opened keeps its cost untouched; a line changed takes its
 * cost away and adds what it reads now (blank: only takes it away); a new line adds. Merged under the
 * lock (store/settings-file.ts), so costs another console changed meanwhile are kept.
 */
export const costsPatch = (
	texts: Readonly<Record<string, string>>,
	original: Readonly<Record<string, string>>,
	fixed: Readonly<Record<string, unknown>>,
): Extract<SettingsPatch, {kind: 'costs'}> => {
	const opened = (fixed as Partial<OpenedCosts>).costs ?? {};
	const remove: CostLine[] = [];
	const add: CostLine[] = [];
	const keys = new Set([...Object.keys(texts), ...Object.keys(original)]);
	for (const key of keys) {
		const kind = key.split('.')[0];
		if (kind !== 'implementation' && kind !== 'operation') continue;
		const text = (texts[key] ?? '').trim();
		if (text === (original[key] ?? '').trim()) continue;
		const was = opened[key];
		if (was) remove.push(was);
		if (text === '') continue;
		const reading = readCostLine(text, kind);
		if (reading.ok) add.push(reading.line);
	}
	return {kind: 'costs', remove, add};
};
