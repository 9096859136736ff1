import {afterEach, describe, expect, test} from 'vitest';
import {recordMatches} from '../../source/commands/export.js';
import type {AnyStoredRecord} from '../../source/domain/dataset.js';
import {filterWords, quoteValue, termValue} from '../../source/domain/filter-words.js';
import {ownerNameOf, settingsSchema} from '../../source/domain/settings.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import {opportunitiesScreen} from '../../source/ui/screens/opportunities-screen.js';
import type {Column, ViewContext} from '../../source/ui/screens/screen-definition.js';
import {filterTerms, matchesTerms, termsNarrow} from '../../source/ui/state/field-filter.js';
import {datasetOf, fixedNow} from '../support/fixtures.js';
import {dealOf} from '../support/records.js';

describe('the words of a filter', () => {
	test.each([
		['', []],
		['   ', []],
		['acme', ['acme']],
		['Acme  Ltd', ['acme', 'ltd']],
		['owner:"Ada Lovelace" won', ['owner:ada lovelace', 'won']],
		['"two words"', ['two words']],
		['owner:="Ada Lovelace"', ['owner:=ada lovelace']],
		// An opening quote left open runs to the end: the filter reads as it will once closed.
		['owner:"ada lov', ['owner:ada lov']],
		['stage:""', ['stage:']],
		['name:="Bob ""The Builder"" Smith"', ['name:=bob "the builder" smith']],
		['"a""b"', ['a"b']],
		['""', []],
		['Tomás', ['tomas']],
	])('%j → %j', (filter, words) => {
		expect(filterWords(filter)).toEqual(words);
	});

	test.each([
		['', {value: '', exact: false}],
		['ada', {value: 'ada', exact: false}],
		['=ada', {value: 'ada', exact: true}],
		['=', {value: '', exact: true}],
		['==x', {value: '=x', exact: true}],
	])('the value %j reads as %o', (text, expected) => {
		expect(termValue(text)).toEqual(expected);
	});

	test.each([
		['negotiation', 'negotiation'],
		['Ada Lovelace', '"Ada Lovelace"'],
		['', '""'],
		['say "hi"', '"say ""hi"""'],
		['"quoted"', '"""quoted"""'],
	])('%j is written %j', (value, written) => {
		expect(quoteValue(value)).toBe(written);
	});
});

describe('a filter on a column: exact values and @me', () => {
	const ada = dealOf({title: 'Renewal', owner: 'Ada Lovelace', stage: 'won'});
	const adam = dealOf({title: 'Upgrade', owner: 'Adam Smith', stage: 'lost'});
	const nobody = dealOf({title: 'Pilot', owner: '', stage: 'prospecting'});
	const dataset = datasetOf({opportunities: [ada, adam, nobody]});
	const context = (me?: string): ViewContext => ({
		now: fixedNow,
		dataset,
		related: {} as ViewContext['related'],
		...(me === undefined ? {} : {me}),
	});
	const columns = opportunitiesScreen.columns as unknown as Column<{id: string}>[];
	const shown = (filter: string, me?: string) =>
		[ada, adam, nobody]
			.filter((deal) => matchesTerms('', deal, filterTerms(filter, columns), context(me)))
			.map((deal) => deal.title);

	test.each([
		['owner:ada', undefined, ['Renewal', 'Upgrade']],
		['owner:=ada', undefined, []],
		['owner:="ada lovelace"', undefined, ['Renewal']],
		['owner:"ada lovelace"', undefined, ['Renewal']],
		['owner:=', undefined, ['Pilot']],
		['owner:', undefined, ['Pilot']],
		['stage:=won', undefined, ['Renewal']],
		['owner:@me', 'Ada Lovelace', ['Renewal']],
		['owner:@me', 'ADA LOVELACE', ['Renewal']],
		['owner:@me', 'Ada', []],
		// No operator known (a test, a preview): @me is nobody.
		['owner:@me', undefined, []],
		['owner:@me', '', []],
	])('%j with me %j shows %j', (filter, me, titles) => {
		expect(shown(filter, me)).toEqual(titles);
	});

	test.each([
		['owner:ada', 'owner:adam', true],
		['owner:=ada', 'owner:=adam', false],
		['owner:=ada', 'owner:=ada', true],
		['owner:ada', 'owner:=ada', false],
		['owner:@me', 'owner:@me', true],
		['owner:@m', 'owner:@me', false],
	])('%j then %j narrows what was matched: %s', (before, after, narrows) => {
		expect(termsNarrow(filterTerms(before, columns), filterTerms(after, columns))).toBe(narrows);
	});
});

describe('crm export reads the same filter', () => {
	const record = {id: 'opp_1', title: 'Renewal', owner: 'Ada Lovelace', stage: 'won'} as unknown as AnyStoredRecord;
	test.each([
		['owner:="ada lovelace"', true],
		['owner:=ada', false],
		['owner:"ada love"', true],
		['stage:=won renewal', true],
		['stage:=wo', false],
	])('%j matches: %s', (filter, matches) => {
		expect(recordMatches(record, filter)).toBe(matches);
	});
});

describe('the owner name of an operator', () => {
	test.each([
		[{}, 'ada', 'ada'],
		[{ada: 'Ada Lovelace'}, 'ada', 'Ada Lovelace'],
		[{ada: 'Ada Lovelace'}, 'bo', 'bo'],
	])('ownerNames %o: %s owns what names %j', (ownerNames, operator, name) => {
		expect(ownerNameOf(settingsSchema.parse({ownerNames}), operator)).toBe(name);
	});

	test('a blank owner name is refused by the settings', () => {
		expect(settingsSchema.safeParse({ownerNames: {ada: '  '}}).success).toBe(false);
	});
});

describe('a column named in either language', () => {
	const won = dealOf({title: 'Renewal', owner: 'Ada Lovelace', stage: 'won', probability: 0.9});
	const open = dealOf({title: 'Pilot', owner: 'Adam Smith', stage: 'prospecting', probability: 0.1});
	const dataset = datasetOf({opportunities: [won, open]});
	const context: ViewContext = {now: fixedNow, dataset, related: {} as ViewContext['related']};
	const columns = opportunitiesScreen.columns as unknown as Column<{id: string}>[];
	const shown = (filter: string) =>
		[won, open]
			.filter((deal) => matchesTerms('', deal, filterTerms(filter, columns), context))
			.map((deal) => deal.title);
	afterEach(() => setLanguage('en'));

	test.each([
		// By id, by the English title (Prob), by the Chinese title (概率), in either language.
		['en', 'probability:90', ['Renewal']],
		['en', 'prob:90', ['Renewal']],
		['zh-CN', 'prob:90', ['Renewal']],
		['zh-CN', '概率:10', ['Pilot']],
		['zh-CN', '负责人:="adam smith"', ['Pilot']],
		['en', 'owner:="adam smith"', ['Pilot']],
		// A word that names no column is plain text.
		['en', '概率:90', []],
	] as const)('in %s, %j shows %j', (language, filter, titles) => {
		setLanguage(language);
		expect(shown(filter)).toEqual(titles);
	});
});
