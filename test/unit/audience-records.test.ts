import {readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'csv-parse/sync';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runAuditVerify} from '../../source/commands/audit.js';
import {runExport} from '../../source/commands/export.js';
import {applyMutations, type MutationsOutcome} from '../../source/domain/apply-mutations.js';
import {type AudienceMember, audienceProblem, campaignNamed, newAudienceMembers} from '../../source/domain/audience.js';
import type {Campaign} from '../../source/domain/campaign.js';
import {maskDataset} from '../../source/domain/mask.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {journalPathFor} from '../../source/store/journal.js';
import {JsonFileStore as CrmStore} from '../../source/store/json-file-store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {mutationsInput} from '../support/mutations-input.js';
import {campaignOf} from '../support/records.js';
import {tempFolder} from '../support/temp-folder.js';

const campaign = (id: string, name: string): Campaign =>
	campaignOf({id, name, status: 'active', startAt: '2026-01-01T00:00:00.000Z'});

const member = (campaignId: string, customerId: string, id = `aud_${campaignId.slice(4)}${customerId.slice(4)}`) =>
	({
		id,
		externalId: null,
		campaignId,
		customerId,
		source: '',
		createdAt: '2026-02-01T00:00:00.000Z',
		updatedAt: '2026-02-01T00:00:00.000Z',
		version: 1,
	}) satisfies AudienceMember;

const spring = campaign('cmp_spring', 'Spring webinar');
const autumn = campaign('cmp_autumn', 'Autumn fair');
const ada = customer({id: 'cus_ada1', name: 'Ada Lovelace', campaignId: 'cmp_autumn'});
const bo = customer({id: 'cus_bo01', name: 'Bo Diddley'});
const base = datasetOf({
	campaigns: [spring, autumn],
	customers: [ada, bo],
	audiences: [member('cmp_spring', 'cus_bo01')],
});

const add = (campaignId: unknown, customerId: unknown, source?: unknown): Mutation => ({
	kind: 'create',
	entity: 'audiences',
	values: {campaignId, customerId, ...(source === undefined ? {} : {source})},
});

const refusal = (outcome: MutationsOutcome) => {
	if (outcome.ok) throw new Error('applied, not refused');
	return outcome.refusal;
};

describe('audienceProblem, the rule for a new member', () => {
	const lookup = {
		campaignExists: (id: string) => id === 'cmp_spring',
		customerExists: (id: string) => id === 'cus_ada1' || id === 'cus_bo01',
		pairTaken: (pair: string) => pair === 'cmp_spring:cus_bo01',
	};
	test.each([
		['a new pair', 'cmp_spring', 'cus_ada1', null],
		['a missing campaign', 'cmp_gone', 'cus_ada1', {field: 'campaignId', message: 'campaign cmp_gone does not exist'}],
		[
			'a missing customer',
			'cmp_spring',
			'cus_gone',
			{field: 'customerId', message: 'customer cus_gone does not exist'},
		],
		['the empty campaign', '', 'cus_ada1', {field: 'campaignId', message: 'campaign  does not exist'}],
		[
			'a pair already there',
			'cmp_spring',
			'cus_bo01',
			{field: 'customerId', message: 'customer cus_bo01 is already in the audience of campaign cmp_spring'},
		],
	])('%s', (_name, campaignId, customerId, problem) => {
		expect(audienceProblem({campaignId, customerId}, lookup)).toEqual(problem);
	});
});

describe('an audience member through applyMutations', () => {
	test('a member is created with the aud prefix and a label of ids; the customer’s acquiring campaign is untouched', () => {
		const outcome = applyMutations(mutationsInput([add('cmp_spring', 'cus_ada1', 'filter vip')], {dataset: base}));
		if (!outcome.ok) throw new Error(outcome.refusal.message);
		expect(outcome.lists.audiences!.at(-1)).toMatchObject({
			id: 'aud_0001',
			campaignId: 'cmp_spring',
			customerId: 'cus_ada1',
			source: 'filter vip',
			version: 1,
		});
		expect(outcome.entries[0]).toMatchObject({
			entity: 'audiences',
			label: 'customer cus_ada1 in the audience of campaign cmp_spring',
		});
		// Only the audiences list is touched: Ada is still acquired by the autumn fair.
		expect(Object.keys(outcome.lists)).toEqual(['audiences']);
		expect(base.customers[0]!.campaignId).toBe('cmp_autumn');
	});

	test.each([
		[
			'a missing campaign',
			add('cmp_gone', 'cus_ada1'),
			'The audience member was not saved: campaign cmp_gone does not exist.',
		],
		[
			'a missing customer',
			add('cmp_spring', 'cus_gone'),
			'The audience member was not saved: customer cus_gone does not exist.',
		],
		[
			'a duplicate pair',
			add('cmp_spring', 'cus_bo01'),
			'The audience member was not saved: customer cus_bo01 is already in the audience of campaign cmp_spring.',
		],
		[
			'an empty campaign',
			add('', 'cus_ada1'),
			'The audience member was not saved: campaignId must be an id like cus_8f3k2p9x.',
		],
		['a null customer', add('cmp_spring', null), 'The audience member was not saved: customerId'],
		[
			'a source over 200 characters',
			add('cmp_spring', 'cus_ada1', 'x'.repeat(201)),
			'The audience member was not saved: source must be at most 200 characters.',
		],
	])('%s is refused, naming it; nothing is saved', (_name, mutation, message) => {
		expect(refusal(applyMutations(mutationsInput([mutation], {dataset: base}))).message).toContain(message);
	});

	test('the same pair twice in one batch is refused whole; a campaign and a customer created in the batch count', () => {
		const twice = [add('cmp_spring', 'cus_ada1'), add('cmp_spring', 'cus_ada1')];
		expect(refusal(applyMutations(mutationsInput(twice, {dataset: base}))).message).toBe(
			'The audience member was not saved: customer cus_ada1 is already in the audience of campaign cmp_spring.',
		);
		const fresh: Mutation[] = [
			{kind: 'create', entity: 'customers', values: {name: 'Cy', status: 'lead'}},
			add('cmp_spring', 'cus_0001'),
		];
		expect(applyMutations(mutationsInput(fresh, {dataset: base})).ok).toBe(true);
	});

	test('taken out and added again in one batch is allowed', () => {
		const again: Mutation[] = [
			{kind: 'delete', entity: 'audiences', id: base.audiences[0]!.id, version: 1},
			add('cmp_spring', 'cus_bo01'),
		];
		expect(applyMutations(mutationsInput(again, {dataset: base})).ok).toBe(true);
	});

	test.each([
		['admin', add('cmp_spring', 'cus_ada1'), null],
		['sales', add('cmp_spring', 'cus_ada1'), null],
		['service', add('cmp_spring', 'cus_ada1'), 'bo (service) may not create audience members.'],
		['viewer', add('cmp_spring', 'cus_ada1'), 'bo (viewer) may not create audience members.'],
		['sales', {kind: 'delete', entity: 'audiences', id: base.audiences[0]!.id, version: 1} as Mutation, null],
		[
			'admin',
			{kind: 'update', entity: 'audiences', id: base.audiences[0]!.id, version: 1, values: {source: 'x'}} as Mutation,
			'bo (admin) may not change audience members: take the customer out of the audience and add them again.',
		],
	] as const)('%s: %o → %s', (role, mutation, message) => {
		const outcome = applyMutations(mutationsInput([mutation], {dataset: base, role, operator: 'bo'}));
		expect(outcome.ok ? null : outcome.refusal.message).toBe(message);
	});

	test('--mask: the source may name its customer, masked as their name is; ids stay', () => {
		const withSource = datasetOf({
			...base,
			audiences: [{...member('cmp_spring', 'cus_ada1'), source: 'filter Ada Lovelace'}],
		});
		const masked = maskDataset(withSource);
		expect(masked.audiences[0]).toMatchObject({campaignId: 'cmp_spring', customerId: 'cus_ada1'});
		expect(masked.audiences[0]!.source).not.toContain('Lovelace');
	});
});

describe('picking the customers and the campaign', () => {
	test.each([
		['nobody shown', [], {added: [], already: 0}],
		['one new, one already in it', [ada, bo], {added: [ada], already: 1}],
		['the same customer twice', [ada, ada], {added: [ada], already: 0}],
	])('%s', (_name, shown, expected) => {
		expect(newAudienceMembers('cmp_spring', shown, base.audiences)).toEqual(expected);
	});

	test.each([
		['the exact name', 'Spring webinar', 'cmp_spring'],
		['case ignored, spaces around', '  spring WEBINAR ', 'cmp_spring'],
		['its id', 'cmp_autumn', 'cmp_autumn'],
		['a part of the name', 'Spring', 'No campaign is named “Spring” (case ignored), nor has that id.'],
		['nothing', '', 'No campaign is named “” (case ignored), nor has that id.'],
		['a name two campaigns share', 'Twin', '2 campaigns are named “Twin” (cmp_twin1, cmp_twin2): give the id of one.'],
	])('%s', (_name, given, expected) => {
		const campaigns = [spring, autumn, campaign('cmp_twin1', 'Twin'), campaign('cmp_twin2', 'twin')];
		const found = campaignNamed(campaigns, given);
		expect(found.ok ? found.campaign.id : found.message).toBe(expected);
	});
});

describe('audiences in the data file', () => {
	let directory: string;
	let file: string;
	beforeEach(() => {
		directory = tempFolder('audiences');
		file = join(directory, 'crm.json');
	});
	afterEach(async () => {
		await rm(directory, {recursive: true, force: true});
	});

	test('an audience added in one batch is undone whole by u; nobody’s acquiring campaign changes', async () => {
		await CrmStore.create(file, datasetOf({campaigns: [spring, autumn], customers: [ada, bo]}));
		const store = await CrmStore.open(file);
		const {entries} = await store.apply([add('cmp_spring', 'cus_ada1'), add('cmp_spring', 'cus_bo01')], 'ana');
		expect(new Set(entries.map((entry) => entry.batch)).size).toBe(1);
		expect(entries[0]!.batch).not.toBeNull();
		const saved = (await CrmStore.open(file)).data;
		expect(saved.audiences.map((entry) => entry.customerId)).toEqual(['cus_ada1', 'cus_bo01']);
		expect(saved.customers.map((entry) => entry.campaignId)).toEqual(['cmp_autumn', undefined]);
		await store.undo('ana');
		const undone = (await CrmStore.open(file)).data;
		expect(undone.audiences).toEqual([]);
		expect(undone.customers).toEqual(saved.customers);
		expect((await runAuditVerify(file, {})).intact).toBe(true);
	});

	test('a journaled audience replays, folds and verifies like any record’s', async () => {
		await CrmStore.create(file, datasetOf({campaigns: [spring], customers: [ada, bo]}));
		await writeFile(join(directory, 'crm.config.json'), JSON.stringify({journal: {fromBytes: 0, foldAt: 10}}));
		const store = await CrmStore.open(file);
		const snapshot = await readFile(file, 'utf8');
		await store.apply([add('cmp_spring', 'cus_ada1'), add('cmp_spring', 'cus_bo01')], 'ana');
		expect(await readFile(file, 'utf8')).toBe(snapshot);
		expect(await readFile(journalPathFor(file), 'utf8')).toContain('"entity":"audiences"');
		const reopened = await CrmStore.open(file);
		expect(reopened.data.audiences).toEqual(store.data.audiences);
		expect((await runAuditVerify(file, {})).intact).toBe(true);
		await reopened.fold();
		expect((await CrmStore.open(file)).data.audiences.map((entry) => entry.customerId)).toEqual([
			'cus_ada1',
			'cus_bo01',
		]);
		expect((await runAuditVerify(file, {})).intact).toBe(true);
	});

	test('a file from before audiences (no list, no seals of them) loads with none; its seals and chain still verify', async () => {
		await CrmStore.create(file, datasetOf({customers: [ada], campaigns: [spring]}));
		const store = await CrmStore.open(file);
		await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}], 'ana');
		const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> & {seals: Record<string, unknown>};
		delete raw['audiences'];
		delete raw.seals['audiences'];
		await writeFile(file, JSON.stringify(raw, null, 2));
		expect(await readFile(file, 'utf8')).not.toContain('audiences');
		expect((await runAuditVerify(file, {})).intact).toBe(true);
		const old = await CrmStore.open(file);
		expect(old.data.audiences).toEqual([]);
		expect(old.data.customers.map((record) => record.name)).toEqual(['Ada Lovelace', 'Bo']);
		await old.apply([add('cmp_spring', 'cus_ada1')], 'ana');
		expect((await CrmStore.open(file)).data.audiences).toHaveLength(1);
		expect((await runAuditVerify(file, {})).intact).toBe(true);
	});

	test('crm export audiences: every field, then the names; no cell starts a formula. customers --audience picks its members', async () => {
		await CrmStore.create(file, datasetOf({campaigns: [spring, autumn], customers: [ada, bo]}));
		const store = await CrmStore.open(file);
		await store.apply([add('cmp_spring', 'cus_bo01', '=HYPERLINK("x")')], 'ana');
		const rows = parse(await runExport(file, {entity: 'audiences', format: 'csv'}), {columns: true}) as Array<
			Record<string, string>
		>;
		expect(Object.keys(rows[0]!)).toEqual([
			'id',
			'externalId',
			'createdAt',
			'updatedAt',
			'version',
			'campaignId',
			'customerId',
			'source',
			'campaignName',
			'customerName',
		]);
		expect(rows[0]).toMatchObject({campaignName: 'Spring webinar', customerName: 'Bo Diddley'});
		expect(rows[0]!['source']).toBe(`'=HYPERLINK("x")`);
		const members = await runExport(file, {entity: 'customers', format: 'json', audience: 'spring webinar'});
		expect((JSON.parse(members) as Array<{id: string}>).map((entry) => entry.id)).toEqual(['cus_bo01']);
		expect(JSON.parse(await runExport(file, {entity: 'customers', format: 'json', audience: 'cmp_autumn'}))).toEqual(
			[],
		);
		await expect(runExport(file, {entity: 'customers', format: 'csv', audience: 'Winter'})).rejects.toThrow(
			'--audience: No campaign is named “Winter” (case ignored), nor has that id.',
		);
		await expect(runExport(file, {entity: 'orders', format: 'csv', audience: 'Spring webinar'})).rejects.toThrow(
			'--audience picks customers',
		);
	});
});
