import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {runDoctor} from '../../source/commands/doctor.js';
import {applyMutations} from '../../source/domain/apply-mutations.js';
import {entitySingular, storedEntities} from '../../source/domain/dataset.js';
import {planUndo} from '../../source/domain/undo-plan.js';
import {plural} from '../../source/domain/words.js';
import {setLanguage, t} from '../../source/i18n/i18n.js';
import {parseDataset} from '../../source/store/dataset-codec.js';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {mutationsInput} from '../support/mutations-input.js';
import {dealOf} from '../support/records.js';
import {tempFolder} from '../support/temp-folder.js';

/** Words one area hands to another's sentence: in Chinese, no English inside them (issue 19). */
afterEach(() => setLanguage('en'));

const brokenChain = async (): Promise<string> => {
	const file = join(tempFolder('i18n-crossings'), 'crm.json');
	await CrmStore.create(file, datasetOf({}));
	const store = await CrmStore.open(file);
	for (const name of ['Ada', 'Bo', 'Cy'])
		await store.apply([{kind: 'create', entity: 'customers', values: {name, status: 'lead'}}], 'ana');
	const raw = JSON.parse(await readFile(file, 'utf8')) as {changes: Array<Record<string, unknown>>};
	(raw.changes[1]!['changes'] as Array<{after?: unknown}>)[0]!.after = 'Forged';
	await writeFile(file, JSON.stringify(raw, null, 2));
	return file;
};

describe('crm doctor on a broken audit chain', () => {
	test('says “audit chain broken” once, in Chinese too', async () => {
		const file = await brokenChain();
		const english = (await runDoctor(file)).text;
		expect(english).toMatch(/ {2}BAD {3}Audit chain {2}broken at entry 2 \(/);
		expect(english).toMatch(/- at entry 2 \(.*\) of 3: its hash does not match .* moved\. Entries before it/);
		expect(english).not.toContain('Audit chain broken');
		setLanguage('zh-CN');
		const {text, healthy} = await runDoctor(file);
		expect(healthy).toBe(false);
		expect(text).toMatch(/异常 {2}审计链 {4}断开于第 2 条（/);
		expect(text).toMatch(
			/- 在第 2 条（.*）（共 3 条）处断开：它的哈希与其内容及前一条不符：.*。此前的条目与写入时一致；/,
		);
		expect(text.match(/审计链/g)).toHaveLength(1);
		expect(text).not.toMatch(/Audit|broken|[a-z]{3,} of 3/);
	});
});

describe('a data file field of the wrong kind', () => {
	test('names the kind in Chinese words, not zod’s type name', () => {
		setLanguage('zh-CN');
		const text = JSON.stringify(datasetOf({customers: [customer({name: 'Ada'})]})).replace('"name":"Ada"', '"name":42');
		let message = '';
		try {
			parseDataset('crm.json', text);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toContain('字段 "name" 必须是文本（实际为 42）');
		expect(message).not.toMatch(/string/);
	});
});

describe('the costs form and the domain’s refusals name its lines alike', () => {
	test.each(['en', 'zh-CN'] as const)(
		'in %s, a refusal sending a cost to the other line names that line as its label does',
		(language) => {
			setLanguage(language);
			const words = {category: 'hosting', example: '2026-03.. hosting 300'};
			const label = (text: string) => text.replace(/\s*\d+$/, '');
			expect(t('domain.cost.monthlyLine', words)).toContain(label(t('lists.field.monthly', {n: 1})));
			expect(t('domain.cost.oneOffLine', words)).toContain(label(t('lists.field.oneOff', {n: 1})));
			if (language === 'zh-CN') {
				expect(t('domain.cost.monthlyLine', words)).toContain('请填在“每月”行');
				expect(t('lists.field.oneOff', {n: 2})).toBe('一次性 2');
			}
		},
	);
});

describe('a batch the undo cannot take back, counted in the catalog’s plurals', () => {
	const afterBulkChange = (count: number) => {
		const deals = Array.from({length: count}, (_, index) => dealOf({title: `Deal ${index}`}));
		const mutations = deals.map((deal) => ({
			kind: 'update' as const,
			entity: 'opportunities' as const,
			id: deal.id,
			version: 1,
			values: {owner: 'Marcus'},
		}));
		const outcome = applyMutations(mutationsInput(mutations, {dataset: datasetOf({opportunities: deals})}));
		if (!outcome.ok) throw new Error(outcome.refusal.message);
		const since = outcome.lists.opportunities!.map((deal, index) =>
			index === 1 ? {...deal, owner: 'Priya', version: deal.version + 1} : deal,
		);
		return datasetOf({opportunities: since, changes: outcome.entries});
	};

	test('English counts as the English pluraliser did, for every kind of record', () => {
		for (const entity of storedEntities)
			for (const count of [1, 2, 12_500])
				expect(t(`domain.count.${entity}` as 'domain.count.customers', {count})).toBe(
					plural(count, entitySingular[entity]),
				);
	});

	test('Chinese counts with its own measure words, the noun said once', () => {
		setLanguage('zh-CN');
		expect(planUndo(afterBulkChange(3), 'ana')).toEqual({
			ok: false,
			reason: '无法撤销3 个商机的批量修改：此后有 1 条被修改过 — “Deal 1”（owner 此后又被修改过）。',
		});
		expect(t('domain.count.activities', {count: 2})).toBe('2 条活动记录');
	});
});
