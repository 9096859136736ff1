import {describe, expect, test} from 'vitest';
import type {AudienceMember} from '../../source/domain/audience.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {parseKeys} from '../../source/ui/keys/key-parser.js';
import {type AppState, appReducer, initialState} from '../../source/ui/state/app-state.js';
import type {ScreenName} from '../../source/ui/state/app-types.js';
import {completeCommand, parseCommand} from '../../source/ui/state/command-line.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';
import {campaignOf} from '../support/records.js';

const typed = (state: AppState, input: string): AppState =>
	parseKeys(input).reduce((current, key) => appReducer(current, {type: 'key', key}), state);
const start = (dataset: Dataset, screen: ScreenName = 'customers') =>
	initialState(dataset, {columns: 100, rows: 30}, fixedNow, {operator: 'ana', screen});

const spring = campaignOf({name: 'Spring webinar'});
const ana = customer({name: 'Ana Silva', campaignId: spring.id});
const bo = customer({name: 'Bo Berg'});
const anaInSpring: AudienceMember = {
	id: 'aud_ana00001',
	externalId: null,
	campaignId: spring.id,
	customerId: ana.id,
	source: '',
	createdAt: '2026-05-01T00:00:00.000Z',
	updatedAt: '2026-05-01T00:00:00.000Z',
	version: 1,
};

describe(':audience on the command line', () => {
	test.each([
		['audience Spring webinar', {kind: 'audience', name: 'Spring webinar'}],
		[':audience   spring  ', {kind: 'audience', name: 'spring'}],
		['audience', {kind: 'audience', name: null}],
		['AUDIENCE ', {kind: 'audience', name: null}],
	])('%j reads as %o', (line, expected) => {
		expect(parseCommand(line)).toEqual(expected);
	});

	const names = ['Spring webinar', 'Spring fair', 'Autumn fair'];
	test.each([
		['aud', names, 'audience '],
		['aud', [], 'audience'],
		['audience spring w', names, 'audience Spring webinar'],
		// Two start so: their common start, as a shell completes.
		['audience spr', names, 'audience Spring '],
		['audience ', names, 'audience '],
		['audience winter', names, 'audience winter'],
		['audience spr', [], 'audience spr'],
		['new ca', names, 'new campaign'],
	])('%j with %o completes to %j', (line, campaigns, expected) => {
		expect(completeCommand(line, campaigns)).toBe(expected);
	});
});

describe('adding the customers shown to an audience', () => {
	const dataset = datasetOf({campaigns: [spring], customers: [ana, bo], audiences: [anaInSpring]});

	test('asks with the count and those already in it; its yes creates audience members only, each noted with the filter', () => {
		const asked = typed(start(dataset), ':audience spring webinar\r');
		expect(asked.overlay).toMatchObject({
			kind: 'confirm',
			message: 'Add 1 customer to the audience of “Spring webinar”? (1 already in it)',
		});
		const onYes = (asked.overlay as {onYes: {kind: string; mutations: unknown[]; notice: string}}).onYes;
		expect(onYes.mutations).toEqual([
			{
				kind: 'create',
				entity: 'audiences',
				values: {campaignId: spring.id, customerId: bo.id, source: 'customers list, unfiltered'},
			},
		]);
		expect(onYes.notice).toBe('Added 1 customer to the audience of “Spring webinar”.');
		const applied = typed(asked, 'y');
		expect(applied.request).toMatchObject({kind: 'apply', mutations: onYes.mutations});
	});

	test.each([
		['no campaign at all', datasetOf({customers: [bo]}), ':audience x\r', 'There is no campaign yet'],
		['a list filtered to nobody', dataset, '/zzzz\r:audience Spring webinar\r', 'The list shows no customers'],
		['an unknown name', dataset, ':audience Spring\r', 'No campaign is named “Spring” (case ignored)'],
	])('%s is said, nothing asked', (_name, data, input, notice) => {
		const state = typed(start(data), input);
		expect(state.overlay).toBeNull();
		expect(state.notice?.text).toContain(notice);
	});

	test('without a name a picker of the campaigns opens; Enter on one asks', () => {
		const picking = typed(start(dataset), ':audience\r');
		expect(picking.overlay).toMatchObject({kind: 'picker', choices: 'campaigns', target: {kind: 'audience'}});
		expect(typed(picking, '\r').overlay).toMatchObject({kind: 'confirm', message: expect.stringContaining('Add 1')});
	});
});

describe('deleting what an audience names', () => {
	const dataset = datasetOf({campaigns: [spring], customers: [ana], audiences: [anaInSpring]});

	test('a campaign: the question counts its audience and says the memberships stay', () => {
		const asked = typed(start(dataset, 'campaigns'), 'd');
		expect(asked.overlay).toMatchObject({
			kind: 'confirm',
			details: [
				'Its audience has 1 customer.',
				'That membership stays, pointing at a missing campaign (u undoes the delete).',
			],
		});
		// Only the campaign is deleted: its members stay, as a deleted customer's deals do.
		expect((asked.overlay as {onYes: {mutations: unknown[]}}).onYes.mutations).toHaveLength(1);
	});

	test('a customer: the question names the audiences they are in', () => {
		const asked = typed(start(dataset), 'd');
		expect((asked.overlay as {details: string[]}).details[0]).toBe("It has 1 place in a campaign's audience.");
		expect(typed(start(datasetOf({customers: [bo]})), 'd').overlay).toMatchObject({details: []});
	});
});
