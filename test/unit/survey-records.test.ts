import {readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'csv-parse/sync';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runAuditVerify} from '../../source/commands/audit.js';
import {runExport} from '../../source/commands/export.js';
import {applyMutations, type MutationsOutcome} from '../../source/domain/apply-mutations.js';
import {maskDataset} from '../../source/domain/mask.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {surveyCsvColumns} from '../../source/domain/records-csv.js';
import {type SurveyResponse, surveyItems, susBand, susScore} from '../../source/domain/survey.js';
import {journalPathFor} from '../../source/store/journal.js';
import {JsonFileStore as CrmStore} from '../../source/store/json-file-store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {mutationsInput} from '../support/mutations-input.js';
import {tempFolder} from '../support/temp-folder.js';

/** Ratings for the ten SUS items in order, then the three questions (3 each unless given). */
const answers = (sus: readonly number[], questions: readonly number[] = [3, 3, 3]): Record<string, number> =>
	Object.fromEntries(surveyItems.map((item, index) => [item.key, [...sus, ...questions][index]!]));

const susOf = (sus: readonly number[]) => susScore(answers(sus) as unknown as SurveyResponse);

describe('the SUS score of one response', () => {
	test.each([
		['all 1s: odd items give 0, even items 4', 50, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
		['all 5s: odd items give 4, even items 0', 50, [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]],
		['all 3s', 50, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]],
		['the best answers (odd 5, even 1)', 100, [5, 1, 5, 1, 5, 1, 5, 1, 5, 1]],
		['the worst answers (odd 1, even 5)', 0, [1, 5, 1, 5, 1, 5, 1, 5, 1, 5]],
		// Brooke's own scored example, as reprinted by Tullis & Albert, *Measuring the User Experience*,
		// figure 6.8: item contributions 4, 1, 1, 4, 1, 2, 1, 1, 4, 3 — total 22, SUS score 22 × 2.5 = 55.
		// http://what-when-how.com/Tutorial/topic-18348v65/Measuring-the-User-Experience-Collecting-Analyzing-and-Presenting-Usability-Metrics-157.html
		['the published example (Brooke; Tullis & Albert fig. 6.8)', 55, [5, 4, 2, 1, 2, 3, 2, 4, 5, 2]],
	] as const)('%s → %d', (_name, score, sus) => {
		expect(susOf(sus)).toBe(score);
	});

	test.each([
		[0, 'poor'],
		[50.9, 'poor'],
		[51, 'below average'],
		[67.9, 'below average'],
		[68, 'good'],
		[80.2, 'good'],
		[80.3, 'excellent'],
		[100, 'excellent'],
	] as const)('a score of %d is %s', (score, band) => {
		expect(susBand(score)).toBe(band);
	});
});

const input = mutationsInput;

const refusal = (outcome: MutationsOutcome) => {
	if (outcome.ok) throw new Error('applied, not refused');
	return outcome.refusal;
};

const answer = (values: Record<string, unknown>): Mutation => ({kind: 'create', entity: 'surveys', values});

describe('a survey response through applyMutations', () => {
	test('a create is signed by the acting operator, labelled by who and when, with the srv prefix', () => {
		const outcome = applyMutations(input([answer({...answers([4, 2, 4, 2, 4, 2, 4, 2, 4, 2]), comment: 'ok'})]));
		if (!outcome.ok) throw new Error(outcome.refusal.message);
		expect(outcome.lists.surveys![0]).toMatchObject({id: 'srv_0001', operator: 'ana', sus1: 4, comment: 'ok'});
		expect(outcome.entries[0]).toMatchObject({entity: 'surveys', label: 'survey by ana on 2026-03-01'});
	});

	test.each([
		['sus4', 0, 'item 4 (“I think that I would need the support'],
		['sus1', 6, 'item 1 (“I think that I would like to use this system frequently.”)'],
		['easeOfUse', 2.5, 'question “Is the console easy to operate?”'],
		['dataAccuracy', undefined, 'question “Is its data accurate?”'],
		['sus10', null, 'item 10 (“I needed to learn a lot of things'],
		['fitForWork', '4', 'question “Does it do what your work needs?”'],
	])('%s = %s is refused, naming the item; nothing is saved', (key, value, named) => {
		const values: Record<string, unknown> = answers([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
		if (value === undefined) delete values[key];
		else values[key] = value;
		const refused = refusal(applyMutations(input([answer(values)])));
		expect(refused.message).toContain(named);
		expect(refused.message).toContain('must be answered with a rating from 1 to 5');
		expect(refused.issues[0]!.field).toBe(key);
	});

	test('a response typed for someone else is refused (a forgery, not a slip); one naming the operator is theirs', () => {
		const values = answers([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
		const refused = refusal(applyMutations(input([answer({...values, operator: 'bo'})], {role: 'viewer'})));
		expect(refused.message).toBe(
			'The survey response was not saved: operator is who answers (ana); a response cannot be given for bo.',
		);
		expect(refused.issues).toEqual([{field: 'operator', message: 'is who answers (ana)'}]);
		expect(applyMutations(input([answer({...values, operator: 'ana'})], {role: 'viewer'})).ok).toBe(true);
	});

	const stored: SurveyResponse = {
		id: 'srv_bo01',
		externalId: null,
		operator: 'bo',
		...(answers([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]) as unknown as Pick<SurveyResponse, 'sus1'>),
		comment: '',
		createdAt: '2026-02-01T00:00:00.000Z',
		updatedAt: '2026-02-01T00:00:00.000Z',
		version: 1,
	} as SurveyResponse;
	const withResponse = datasetOf({surveys: [stored]});
	const change: Mutation = {kind: 'update', entity: 'surveys', id: 'srv_bo01', version: 1, values: {sus1: 5}};
	const remove: Mutation = {kind: 'delete', entity: 'surveys', id: 'srv_bo01', version: 1};

	test.each([
		['admin', 'ana', change, 'ana (admin) may not change survey responses: a response is what was answered.'],
		['viewer', 'bo', change, 'bo (viewer) may not change survey responses: a response is what was answered.'],
		[
			'sales',
			'bo',
			remove,
			'bo (sales) may not delete survey responses: an admin deletes one, and u deletes your own last answer.',
		],
		[
			'viewer',
			'vic',
			remove,
			'vic (viewer) may not delete survey responses: an admin deletes one, and u deletes your own last answer.',
		],
	] as const)('%s %s: %o is refused', (role, operator, mutation, message) => {
		expect(refusal(applyMutations(input([mutation], {dataset: withResponse, role, operator}))).message).toBe(message);
	});

	test('an admin deletes any response; an undo deletes only the operator’s own', () => {
		expect(applyMutations(input([remove], {dataset: withResponse, role: 'admin', operator: 'ana'})).ok).toBe(true);
		expect(
			applyMutations(input([remove], {dataset: withResponse, role: 'viewer', operator: 'bo', undoOf: 'chg_1'})).ok,
		).toBe(true);
		expect(
			refusal(applyMutations(input([remove], {dataset: withResponse, role: 'sales', operator: 'cy', undoOf: 'chg_1'})))
				.message,
		).toBe(
			'cy (sales) may not delete the survey by bo on 2026-02-01: an admin deletes one, and u deletes your own last answer.',
		);
	});

	test('--mask masks who answered and the comment, in the record and the change log', () => {
		const outcome = applyMutations(
			input([answer({...answers([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]), comment: 'Rosa Patel says hi'})], {
				operator: 'Ana Silva',
			}),
		);
		if (!outcome.ok) throw new Error(outcome.refusal.message);
		const masked = maskDataset(datasetOf({surveys: outcome.lists.surveys!, changes: outcome.entries}));
		expect(masked.surveys[0]).toMatchObject({operator: 'A•• S••••', comment: 'R••• P•••• s••• h•'});
		expect(masked.changes[0]!.label).toBe('survey by A•• S•••• on 2026-03-01');
		expect(masked.changes[0]!.operator).toBe('A•• S••••');
		expect(JSON.stringify(masked.changes[0]!.changes)).not.toMatch(/Ana|Rosa/);
	});
});

describe('survey responses in the data file', () => {
	let directory: string;
	let file: string;
	beforeEach(() => {
		directory = tempFolder('surveys');
		file = join(directory, 'crm.json');
	});
	afterEach(async () => {
		await rm(directory, {recursive: true, force: true});
	});

	const sus = answers([5, 4, 2, 1, 2, 3, 2, 4, 5, 2], [4, 3, 5]);

	test('crm export surveys: one column per item, then the SUS score; no cell starts a spreadsheet formula', async () => {
		await CrmStore.create(file, datasetOf({}));
		const store = await CrmStore.open(file);
		await store.apply([answer({...sus, comment: '=HYPERLINK("x")'})], 'ana');
		const text = await runExport(file, {entity: 'surveys', format: 'csv'});
		const rows = parse(text, {columns: true}) as Array<Record<string, string>>;
		expect(Object.keys(rows[0]!)).toEqual(surveyCsvColumns);
		expect(surveyCsvColumns).toEqual([
			'id',
			'createdAt',
			'operator',
			'sus1',
			'sus2',
			'sus3',
			'sus4',
			'sus5',
			'sus6',
			'sus7',
			'sus8',
			'sus9',
			'sus10',
			'easeOfUse',
			'fitForWork',
			'dataAccuracy',
			'susScore',
			'comment',
		]);
		expect(rows[0]).toMatchObject({operator: 'ana', sus1: '5', sus10: '2', dataAccuracy: '5', susScore: '55'});
		expect(rows[0]!['comment']).toBe(`'=HYPERLINK("x")`);
		expect(await runExport(file, {entity: 'surveys', format: 'csv', filter: 'nobody'})).toBe(
			`${surveyCsvColumns.join(',')}\n`,
		);
		await expect(runExport(file, {entity: 'answers', format: 'csv'})).rejects.toThrow(/surveys/);
	});

	test('a journaled save of a response replays, folds and verifies like any record’s', async () => {
		await CrmStore.create(file, datasetOf({}));
		await writeFile(join(directory, 'crm.config.json'), JSON.stringify({journal: {fromBytes: 0, foldAt: 10}}));
		const store = await CrmStore.open(file);
		const snapshot = await readFile(file, 'utf8');
		await store.apply([answer({...sus, comment: 'journaled'})], 'ana');
		expect(await readFile(file, 'utf8')).toBe(snapshot);
		expect(await readFile(journalPathFor(file), 'utf8')).toContain('"entity":"surveys"');
		const reopened = await CrmStore.open(file);
		expect(reopened.data.surveys).toEqual(store.data.surveys);
		expect((await runAuditVerify(file, {})).intact).toBe(true);
		await reopened.fold();
		expect((await CrmStore.open(file)).data.surveys.map((response) => response.comment)).toEqual(['journaled']);
		expect((await runAuditVerify(file, {})).intact).toBe(true);
	});

	test('a file from before surveys (no list, no seals of them) loads with none; its seals and chain still verify', async () => {
		await CrmStore.create(file, datasetOf({customers: [customer({name: 'Ada'})]}));
		const store = await CrmStore.open(file);
		await store.apply([{kind: 'create', entity: 'customers', values: {name: 'Bo', status: 'lead'}}], 'ana');
		const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> & {seals: Record<string, unknown>};
		delete raw['surveys'];
		delete raw.seals['surveys'];
		await writeFile(file, JSON.stringify(raw, null, 2));
		expect(await readFile(file, 'utf8')).not.toContain('surveys');
		expect((await runAuditVerify(file, {})).intact).toBe(true);
		const old = await CrmStore.open(file);
		expect(old.data.surveys).toEqual([]);
		expect(old.data.customers.map((record) => record.name)).toEqual(['Ada', 'Bo']);
		await old.apply([answer(sus)], 'ana');
		expect((await CrmStore.open(file)).data.surveys).toHaveLength(1);
		expect((await runAuditVerify(file, {})).intact).toBe(true);
	});
});
