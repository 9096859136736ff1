import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeEach, describe, expect, test} from 'vitest';
import {runSettings, SettingsRefusedError} from '../../source/commands/settings.js';
import {settingsEntity} from '../../source/domain/settings.js';
import {settingsPathFor} from '../../source/store/settings-file.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

let file: string;

beforeEach(async () => {
	file = join(tempFolder('settings-costs'), 'crm.json');
	await CrmStore.create(file, datasetOf({customers: [customer({name: 'Acme'})]}));
});

const settingsText = async (): Promise<string | null> => readFile(settingsPathFor(file), 'utf8').catch(() => null);

describe('crm settings costs / cost add / cost remove', () => {
	test('none at first: ROI has no value and the list says how to add costs', async () => {
		const text = await runSettings(file, {action: 'costs'}, 'ana');
		expect(text).toContain('ROI costs, in USD; gross margin 30%.');
		expect(text).toContain('No costs: ROI has no value until some are added, e.g. crm settings cost add');
		expect(await settingsText()).toBeNull();
	});

	test('added, listed by number (one-off first), removed by number; each logged as ROI costs', async () => {
		expect(
			await runSettings(file, {action: 'cost-add', text: '2026-03.. hosting 300 Cloud VM', monthly: true}, 'ana'),
		).toContain('Added the monthly cost 2026-03.. hosting 300 Cloud VM. (changed by ana)');
		expect(await runSettings(file, {action: 'cost-add', text: '2026-03-01 software 45,000 Licences'}, 'ana')).toContain(
			'Added the one-off cost 2026-03-01 software 45,000 Licences.',
		);
		const list = await runSettings(file, {action: 'costs'}, 'ana');
		expect(list).toMatch(/Implementation \(one-off\):\n {2}1 {2}2026-03-01 +software +45,000\.00 {2}Licences/);
		expect(list).toMatch(/Operation \(per month\):\n {2}2 {2}2026-03\.\. +hosting +300\.00\/month {2}Cloud VM/);
		expect(await runSettings(file, {action: 'cost-remove', number: '1'}, 'ana')).toContain(
			'Removed cost 1: 2026-03-01 software 45,000 Licences.',
		);
		expect(JSON.parse((await settingsText())!).assessment.roi).toEqual({
			implementation: [],
			operation: [{category: 'hosting', from: '2026-03', to: null, amount: 300, note: 'Cloud VM'}],
		});
		const entries = (await CrmStore.open(file, Date.now, {readonly: true})).data.changes.filter(
			(entry) => entry.entity === settingsEntity,
		);
		expect(entries.map((entry) => [entry.label, entry.changes.map((change) => change.field)])).toEqual([
			['ROI costs', ['costs.operation']],
			['ROI costs', ['costs.implementation']],
			['ROI costs', ['costs.implementation']],
		]);
	});

	test('old figures without a go-live are said to be undated', async () => {
		await writeFile(settingsPathFor(file), JSON.stringify({assessment: {roi: {margin: 0.3, oneOffCost: 150_000}}}));
		expect(await runSettings(file, {action: 'costs'}, 'ana')).toContain(
			'From before cost categories: a one-off cost of 150,000.00 and 0.00 per month, undated until a go-live is set',
		);
	});

	test.each([
		[{action: 'cost-add', text: ''}, 'cost “”: is empty: type a cost like 2026-03-01 software 45,000'],
		[
			{action: 'cost-add', text: '2026-02-30 software 5'},
			'cost “2026-02-30 software 5”: date “2026-02-30” is not a real date',
		],
		[{action: 'cost-add', text: '2026-03-01 software -5'}, 'amount -5 must not be negative. Nothing was changed.'],
		[
			{action: 'cost-add', text: '2026-03-01 coffee 5'},
			'category “coffee” is not one of software, hardware, deployment',
		],
		[
			{action: 'cost-add', text: '2026-03.. hosting 5'},
			'must be a day like 2026-03-01. (A monthly cost takes --monthly.)',
		],
		[
			{action: 'cost-add', text: '2026-03-01 hosting 5', monthly: true},
			'from month “2026-03-01” must be a month like 2026-03',
		],
		[{action: 'cost-remove', number: '1'}, 'cost 1: there are no costs to remove.'],
		[
			{action: 'cost-add', text: '2026-03-01 hosting 450 VM'},
			'cost “2026-03-01 hosting 450 VM”: “hosting” is an operating (monthly) cost: type it as 2026-03.. hosting 450 … with --monthly. Nothing',
		],
		[
			{action: 'cost-add', text: '2026-03.. training 800', monthly: true},
			'“training” is an implementation (one-off) cost: type it as 2026-03-01 training 800 … without --monthly.',
		],
		[{action: 'cost-add', text: '2026-03-01 software 2,500.555'}, 'amount 2,500.555 has more than 2 decimals: cents'],
	] as const)('%j is refused in words (exit 2), nothing saved', async (request, words) => {
		const before = await readFile(file, 'utf8');
		const attempt = runSettings(file, request, 'ana');
		await expect(attempt).rejects.toBeInstanceOf(SettingsRefusedError);
		await expect(runSettings(file, request, 'ana')).rejects.toThrow(words);
		expect(new SettingsRefusedError('').exitCode).toBe(2);
		expect(await settingsText()).toBeNull();
		expect(await readFile(file, 'utf8')).toBe(before);
	});

	test('a long line is echoed cut to about 60 characters: a 5,000-character note is refused, not written back', async () => {
		const text = `2026-03-01 software 45,000 ${'n'.repeat(5000)}`;
		const refusal = await runSettings(file, {action: 'cost-add', text}, 'ana').catch((error: Error) => error.message);
		expect(refusal).toContain(
			`cost “2026-03-01 software 45,000 ${'n'.repeat(32)}…”: note must be at most 200 characters (found 5000)`,
		);
		expect(refusal.length).toBeLessThan(200);
		expect(await settingsText()).toBeNull();
	});

	test('an amount with spaces for thousands is one amount', async () => {
		expect(await runSettings(file, {action: 'cost-add', text: '2026-03-01 software 45 000 Space'}, 'ana')).toContain(
			'Added the one-off cost 2026-03-01 software 45,000 Space.',
		);
	});

	test('a number that is no cost is refused naming the range', async () => {
		await runSettings(file, {action: 'cost-add', text: '2026-03-01 training 800'}, 'ana');
		for (const number of ['0', '2', 'one', '1.5'])
			await expect(runSettings(file, {action: 'cost-remove', number}, 'ana')).rejects.toThrow(
				`cost ${number}: give the number of a cost, 1 to 1 (crm settings costs lists them).`,
			);
	});
});
