import {describe, expect, test} from 'vitest';
import {settingsSchema} from '../../source/domain/settings.js';
import {costsForm, costsPatch} from '../../source/ui/forms/costs-form.js';
import {textsToValues, validateForm, visibleFields} from '../../source/ui/forms/form-values.js';

const settings = settingsSchema.parse({
	assessment: {
		goLive: '2026-03-01',
		roi: {
			oneOffCost: 1000,
			implementation: [{category: 'software', date: '2026-03-01', amount: 45_000, note: 'Licences'}],
			operation: [{category: 'hosting', from: '2026-03', to: null, amount: 300, note: 'VM'}],
		},
	},
});
const now = Date.parse('2026-06-01T00:00:00Z');

describe('the costs form', () => {
	const {definition, texts, fixed} = costsForm(settings);

	test('opens with the costs in force as typed, the old figures first, and one empty line after each kind', () => {
		expect(texts).toEqual({
			'implementation.0': '2026-03-01 uncategorised 1,000 one-off cost from before categories',
			'implementation.1': '2026-03-01 software 45,000 Licences',
			'operation.0': '2026-03.. hosting 300 VM',
		});
		expect(visibleFields(definition, texts).map((field) => field.label)).toEqual([
			'One-off 1',
			'One-off 2',
			'One-off 3',
			'Monthly 1',
			'Monthly 2',
		]);
	});

	test('a save changes only the lines changed: a line edited is removed and added, a blank one removed, a new one added', () => {
		const typed = {
			...texts,
			'implementation.1': '2026-03-01 software 40,000 Licences',
			'operation.0': '',
			'operation.1': '2026-04..2026-06 support 1,200 Vendor',
		};
		expect(costsPatch(typed, texts, fixed)).toEqual({
			kind: 'costs',
			remove: [
				{kind: 'implementation', cost: {category: 'software', date: '2026-03-01', amount: 45_000, note: 'Licences'}},
				{kind: 'operation', cost: {category: 'hosting', from: '2026-03', to: null, amount: 300, note: 'VM'}},
			],
			add: [
				{kind: 'implementation', cost: {category: 'software', date: '2026-03-01', amount: 40_000, note: 'Licences'}},
				{kind: 'operation', cost: {category: 'support', from: '2026-04', to: '2026-06', amount: 1200, note: 'Vendor'}},
			],
		});
		expect(costsPatch(texts, texts, fixed)).toEqual({kind: 'costs', remove: [], add: []});
	});

	test('a line that does not read is an error at its field, in words', () => {
		const typed = {...texts, 'implementation.2': '2026-03-01 coffee 5', 'operation.1': '2026-03.. hosting -3'};
		const {errors} = validateForm(definition, typed, fixed, undefined, now, settings);
		expect(errors).toEqual({
			// Listed in full within the form's column at 80 columns (not “…: software, hardware, dep…”).
			'implementation.2': 'software, hardware, deployment, training or data migration',
			'operation.1': 'amount -3 must not be negative',
		});
		expect(textsToValues(definition, texts, now, settings).errors).toEqual({});
	});

	test.each([
		['2026-03-01 hosting 450 VM', 'implementation.2', '“hosting” is monthly: type it as 2026-03.. hosting 450 …'],
		['2026-03.. software 300', 'operation.1', '“software” is one-off: type it on a One-off line'],
		['2026-03-01 software 2,500.555', 'implementation.2', 'amount 2,500.555 has more than 2 decimals: cents at most'],
		['2026-03-01 software 45 000 Space', 'implementation.2', undefined],
		['   ', 'implementation.2', undefined],
		['', 'operation.1', undefined],
	])('%j at %s: %s', (line, key, error) => {
		const {errors} = validateForm(definition, {...texts, [key]: line}, fixed, undefined, now, settings);
		expect(errors[key]).toBe(error);
	});

	test('the hints fit the form’s value column at 80 columns and show thousands grouped by a space', () => {
		const legacy = costsForm(settingsSchema.parse({assessment: {roi: {oneOffCost: 1000, monthlyCost: 50}}}));
		const hints = [...definition.fields, ...legacy.definition.fields].map((field) => field.hint ?? '');
		expect(new Set(hints)).toEqual(
			new Set([
				'2026-03-01 software 45 000 Licences; blank removes it',
				'2026-03.. (or ..2026-12) hosting 1 200 VM; blank removes',
				'2026-03.. hosting 300 VM; old costs wait for a go-live',
			]),
		);
		for (const hint of hints) expect(hint.length).toBeLessThanOrEqual(58);
	});
});
