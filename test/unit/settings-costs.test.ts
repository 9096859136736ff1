import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import type {CostLine} from '../../source/domain/roi-costs.js';
import {defaultSettings, settingsFieldChanges, settingsSchema} from '../../source/domain/settings.js';
import {DataFileError} from '../../source/store/data-file-error.js';
import {settingsPathFor, updateSettingsFile} from '../../source/store/settings-file.js';
import {tempFolder} from '../support/temp-folder.js';

const licences: CostLine = {
	kind: 'implementation',
	cost: {category: 'software', date: '2026-03-01', amount: 45_000, note: 'Licences'},
};
const hosting: CostLine = {
	kind: 'operation',
	cost: {category: 'hosting', from: '2026-03', to: null, amount: 300, note: 'VM'},
};
const training: CostLine = {
	kind: 'implementation',
	cost: {category: 'training', date: '2026-03-10', amount: 8_000, note: ''},
};

const fileWith = async (content: object): Promise<string> => {
	const file = join(tempFolder('settings-costs'), 'crm.json');
	await writeFile(settingsPathFor(file), JSON.stringify(content));
	return file;
};
const written = async (file: string) => JSON.parse(await readFile(settingsPathFor(file), 'utf8'));

describe('ROI costs in the settings file', () => {
	test('a cost is merged into the file as it is: one another console added meanwhile is kept', async () => {
		const file = await fileWith({slaHours: {urgent: 2, high: 8, normal: 24, low: 48}});
		await updateSettingsFile(file, {kind: 'costs', remove: [], add: [licences]});
		// Another console adds one straight into the file.
		const other = await written(file);
		other.assessment.roi.operation.push(hosting.cost);
		await writeFile(settingsPathFor(file), JSON.stringify(other));
		const settings = await updateSettingsFile(file, {kind: 'costs', remove: [licences], add: [training]});
		expect(settings.assessment.roi.implementation).toEqual([training.cost]);
		expect(settings.assessment.roi.operation).toEqual([hosting.cost]);
		expect(await written(file)).toEqual({
			slaHours: {urgent: 2, high: 8, normal: 24, low: 48},
			assessment: {roi: {implementation: [training.cost], operation: [hosting.cost]}},
		});
	});

	test('a removal takes one of two alike; one already gone changes nothing', async () => {
		const file = await fileWith({assessment: {roi: {implementation: [licences.cost, licences.cost]}}});
		await updateSettingsFile(file, {kind: 'costs', remove: [licences], add: []});
		expect((await written(file)).assessment.roi.implementation).toEqual([licences.cost]);
		await updateSettingsFile(file, {kind: 'costs', remove: [training], add: []});
		expect((await written(file)).assessment.roi.implementation).toEqual([licences.cost]);
	});

	test('the general form keeps the costs when it changes the margin', async () => {
		const file = await fileWith({assessment: {roi: {margin: 0.3, implementation: [licences.cost]}}});
		await updateSettingsFile(file, {
			kind: 'general',
			goLive: '2026-03-01',
			windowMonths: 6,
			roi: {margin: 0.4},
			slaHours: {urgent: 4, high: 24, normal: 72, low: 120},
		});
		expect((await written(file)).assessment.roi).toEqual({margin: 0.4, implementation: [licences.cost]});
	});

	test('the old figures are converted at the next save of costs, dated at go-live; without a go-live they stay', async () => {
		const old = {goLive: '2026-03-15', roi: {margin: 0.3, oneOffCost: 150_000, monthlyCost: 12_000}};
		const file = await fileWith({assessment: old});
		await updateSettingsFile(file, {kind: 'costs', remove: [], add: [hosting]});
		expect((await written(file)).assessment.roi).toEqual({
			margin: 0.3,
			implementation: [
				{category: 'uncategorised', date: '2026-03-15', amount: 150_000, note: 'one-off cost from before categories'},
			],
			operation: [
				{
					category: 'uncategorised',
					from: '2026-03',
					to: null,
					amount: 12_000,
					note: 'monthly cost from before categories',
				},
				hosting.cost,
			],
		});
		const undated = await fileWith({assessment: {roi: {margin: 0.3, oneOffCost: 150_000, monthlyCost: 0}}});
		await updateSettingsFile(undated, {kind: 'costs', remove: [], add: [licences]});
		expect((await written(undated)).assessment.roi).toEqual({
			margin: 0.3,
			oneOffCost: 150_000,
			monthlyCost: 0,
			implementation: [licences.cost],
			operation: [],
		});
	});

	test('a bad cost changes nothing, in words naming the cost', async () => {
		const file = await fileWith({assessment: {roi: {implementation: [licences.cost]}}});
		const before = await readFile(settingsPathFor(file), 'utf8');
		const negative = {kind: 'implementation', cost: {...training.cost, amount: -1}} as CostLine;
		await expect(updateSettingsFile(file, {kind: 'costs', remove: [], add: [negative]})).rejects.toThrow(
			/implementation cost 2 \(training\): amount must not be negative/,
		);
		await expect(updateSettingsFile(file, {kind: 'costs', remove: [], add: [negative]})).rejects.toBeInstanceOf(
			DataFileError,
		);
		expect(await readFile(settingsPathFor(file), 'utf8')).toBe(before);
	});

	test('the change log lists each cost added or removed; the conversion alone is no change', () => {
		const before = settingsSchema.parse({
			assessment: {goLive: '2026-03-01', roi: {oneOffCost: 1000, implementation: [licences.cost]}},
		});
		const after = settingsSchema.parse({
			assessment: {
				goLive: '2026-03-01',
				roi: {
					implementation: [
						{category: 'uncategorised', date: '2026-03-01', amount: 1000, note: 'one-off cost from before categories'},
					],
					operation: [hosting.cost],
				},
			},
		});
		expect(settingsFieldChanges(before, after)).toEqual([
			{field: 'costs.implementation', before: licences.cost, after: null},
			{field: 'costs.operation', before: null, after: hosting.cost},
		]);
		expect(settingsFieldChanges(defaultSettings(), defaultSettings())).toEqual([]);
	});
});
